// The process-wide dataset store: every dataset document (all states) in memory, with the lookups
// the hot paths need — by id, by slug, per provider and per status in working-list order — the
// small metadata of each published version, and the providers' short names. The embedded FerretDB
// filters by scanning (see docs/performance.md), so these reads would otherwise cost seconds.
//
// It is kept equal to the database by the same change feed that feeds the catalogue index
// (server/search/sync.ts): this process's writes are applied before they return, other processes'
// within SEARCH_SYNC_MS, each document's `rev` keeping an older read from replacing a newer one.
//
// The database stays the truth for every precondition. Writes still go to it with their
// conditional filters (`rev`, `status`, provider): a store that is behind can only make such a
// write fail (409 or 412, as a concurrent edit would), never let a wrong one through.
//
// Documents are frozen: they are shared with every request that reads them and with the catalogue
// index (whose entries hold the same `live` snapshot). A working copy that equals its published
// snapshot field by field shares those values with it, so unchanged published datasets are held once.
import type { OrganizationDoc } from '../organizations/model';
import type { DatasetDoc } from './model';
import { adopt, sameValue, type VersionMeta } from './stored-form';
import { byCreatedDesc, byTitle, byUpdatedDesc, idOf, OrderedDocs, type WorkingSort } from './working-order';

// The stored form and version metadata live in stored-form.ts; these are their names for callers of the store.
export { adopt, changedContentFields, sameValue, versionMetasFrom, versionMetasOf, type VersionMeta } from './stored-form';

/** A provider as dataset responses show it. */
export type ProviderRef = Pick<OrganizationDoc, '_id' | 'slug' | 'name' | 'country' | 'type'>;

export interface WorkingListQuery {
  /** Provider ids (hex) whose datasets are listed; null for every provider. */
  providerIds: string[] | null;
  /** Statuses listed; empty for all. */
  statuses: readonly string[];
  sort: WorkingSort;
  /** Language of the title sort. */
  lang: 'ko' | 'en';
  page: number;
  pageSize: number;
}

export class DatasetStore {
  private readonly byId = new Map<string, DatasetDoc>();
  private readonly idBySlug = new Map<string, string>();
  private readonly all = new OrderedDocs();
  private readonly byProvider = new Map<string, OrderedDocs>();
  private readonly byStatus = new Map<string, OrderedDocs>();
  /** Revisions of deleted datasets: a read begun before the deletion must not bring one back. */
  private readonly tombstones = new Map<string, number>();
  private readonly versions = new Map<string, VersionMeta[]>();
  private readonly providers = new Map<string, ProviderRef>();
  /** True once the initial load has completed; until then readers go to the database. */
  loaded = false;
  /** Increases with every change (the snapshot writer skips an unchanged store). */
  generation = 0;

  /** Number of datasets held. */
  get size(): number {
    return this.byId.size;
  }

  /** A dataset by id (hex, lower case). */
  get(id: string): DatasetDoc | undefined {
    return this.byId.get(id);
  }

  /** The dataset that has this slug now. */
  getBySlug(slug: string): DatasetDoc | undefined {
    const id = this.idBySlug.get(slug);
    return id === undefined ? undefined : this.byId.get(id);
  }

  /** Every dataset, in no particular order. */
  docs(): IterableIterator<DatasetDoc> {
    return this.byId.values();
  }

  /** Revision held for a dataset, or of its deletion; undefined when never seen. */
  revisionOf(id: string): number | undefined {
    return this.byId.get(id)?.rev ?? this.tombstones.get(id);
  }

  /**
   * Applies a document read from the database (or returned by a write) unless the store already
   * holds a later revision, or the dataset was deleted. Takes ownership of `doc` (it is frozen).
   * Returns true when the store changed.
   */
  accept(doc: DatasetDoc): boolean {
    const id = idOf(doc);
    const tomb = this.tombstones.get(id);
    if (tomb !== undefined && doc.rev <= tomb) return false;
    const prev = this.byId.get(id);
    if (prev && doc.rev < prev.rev) return false;
    // An unchanged published face stays the same object (the catalogue index holds it).
    if (prev?.live && doc.live && sameValue(prev.live, doc.live)) doc.live = prev.live;
    this.unlink(prev);
    this.link(adopt(doc));
    this.generation++;
    return true;
  }

  /** Removes a dataset the database no longer holds. Returns true when the store changed. */
  remove(id: string): boolean {
    const prev = this.byId.get(id);
    if (!prev) return false;
    this.unlink(prev);
    this.tombstones.set(id, prev.rev);
    this.versions.delete(id);
    this.generation++;
    return true;
  }

  /** Replaces everything (a full load or a snapshot); the caller marks the store loaded once current. */
  replaceAll(docs: Iterable<DatasetDoc>, versions: Map<string, VersionMeta[]>): void {
    this.byId.clear();
    this.idBySlug.clear();
    this.byProvider.clear();
    this.byStatus.clear();
    this.tombstones.clear();
    this.versions.clear();
    const byProvider = new Map<string, DatasetDoc[]>();
    const byStatus = new Map<string, DatasetDoc[]>();
    const group = (map: Map<string, DatasetDoc[]>, key: string, doc: DatasetDoc) => {
      const list = map.get(key);
      if (list) list.push(doc);
      else map.set(key, [doc]);
    };
    for (const raw of docs) {
      const doc = adopt(raw);
      const id = idOf(doc);
      this.unlink(this.byId.get(id));
      this.byId.set(id, doc);
      this.idBySlug.set(doc.slug, id);
    }
    for (const doc of this.byId.values()) {
      group(byProvider, String(doc.providerId), doc);
      group(byStatus, doc.status, doc);
    }
    this.all.reset([...this.byId.values()]);
    for (const [key, list] of byProvider) this.listOf(this.byProvider, key).reset(list);
    for (const [key, list] of byStatus) this.listOf(this.byStatus, key).reset(list);
    for (const [id, list] of versions) this.versions.set(id, list);
    this.generation++;
  }

  /** Forgets everything (the process stopped following the database). */
  clear(): void {
    this.replaceAll([], new Map());
    this.providers.clear();
    this.loaded = false;
  }

  private link(doc: DatasetDoc): void {
    const id = idOf(doc);
    this.byId.set(id, doc);
    this.idBySlug.set(doc.slug, id);
    this.all.add(doc);
    this.listOf(this.byProvider, String(doc.providerId)).add(doc);
    this.listOf(this.byStatus, doc.status).add(doc);
  }

  private unlink(doc: DatasetDoc | undefined): void {
    if (!doc) return;
    const id = idOf(doc);
    this.byId.delete(id);
    // Another dataset may hold the slug by now (renamed here, taken there).
    if (this.idBySlug.get(doc.slug) === id) this.idBySlug.delete(doc.slug);
    this.all.remove(doc);
    this.byProvider.get(String(doc.providerId))?.remove(doc);
    this.byStatus.get(doc.status)?.remove(doc);
  }

  private listOf(map: Map<string, OrderedDocs>, key: string): OrderedDocs {
    let list = map.get(key);
    if (!list) map.set(key, (list = new OrderedDocs()));
    return list;
  }

  /**
   * One page of working copies, as `Dataset.find(filter).sort(…).skip().limit()` with
   * `countDocuments(filter)` would answer for a filter on provider and status.
   */
  list(q: WorkingListQuery): { total: number; docs: DatasetDoc[] } {
    const statuses = q.statuses.length ? new Set(q.statuses) : null;
    const providers = q.providerIds ? new Set(q.providerIds) : null;
    // Walk the smaller of the per-provider and per-status lists; filter by the other criterion.
    const sources = (keys: Iterable<string>, map: Map<string, OrderedDocs>) => [...new Set(keys)].map((k) => map.get(k)?.docs ?? []);
    let lists: DatasetDoc[][];
    if (providers && statuses) {
      const byP = sources(providers, this.byProvider);
      const byS = sources(statuses, this.byStatus);
      const count = (ls: DatasetDoc[][]) => ls.reduce((n, l) => n + l.length, 0);
      lists = count(byP) <= count(byS) ? byP : byS;
    } else if (providers) lists = sources(providers, this.byProvider);
    else if (statuses) lists = sources(statuses, this.byStatus);
    else lists = [this.all.docs];
    const keep = (d: DatasetDoc) => (!statuses || statuses.has(d.status)) && (!providers || providers.has(String(d.providerId)));
    const start = (q.page - 1) * q.pageSize;
    if (q.sort === 'updated' && lists.length === 1) {
      // Already in order: count everything, keep the page.
      const page: DatasetDoc[] = [];
      let total = 0;
      for (const d of lists[0]) {
        if (!keep(d)) continue;
        if (total >= start && page.length < q.pageSize) page.push(d);
        total++;
      }
      return { total, docs: page };
    }
    const matching = lists.flatMap((l) => l.filter(keep));
    matching.sort(q.sort === 'updated' ? byUpdatedDesc : q.sort === 'newest' ? byCreatedDesc : byTitle(q.lang));
    return { total: matching.length, docs: matching.slice(start, start + q.pageSize) };
  }

  /**
   * The publication history of a dataset, oldest first, when the store holds all of it (every
   * version up to the document's `version`); undefined when it must be read from the database.
   */
  versionsOf(doc: Pick<DatasetDoc, '_id' | 'version'>): VersionMeta[] | undefined {
    const list = this.versions.get(idOf(doc)) ?? [];
    const latest = list.length ? list[list.length - 1].version : 0;
    return latest >= doc.version ? list : undefined;
  }

  /** Sets the whole history of a dataset (read from the database). */
  setVersions(id: string, list: VersionMeta[]): void {
    this.versions.set(
      id,
      [...list].sort((a, b) => a.version - b.version),
    );
    this.generation++;
  }

  /** Adds a version this process has just stored. */
  addVersion(id: string, meta: VersionMeta): void {
    const list = (this.versions.get(id) ?? []).filter((v) => v.version !== meta.version);
    list.push(meta);
    this.setVersions(id, list);
  }

  /** Forgets a version this process stored and then removed (a lost approval race). */
  dropVersion(id: string, version: number): void {
    const list = this.versions.get(id);
    if (list)
      this.setVersions(
        id,
        list.filter((v) => v.version !== version),
      );
  }

  /** Every dataset's history (for a snapshot). */
  allVersions(): ReadonlyMap<string, VersionMeta[]> {
    return this.versions;
  }

  /** A provider's short record, if known. */
  provider(id: string): ProviderRef | undefined {
    return this.providers.get(id);
  }

  /** Records (or replaces) a provider's short record. */
  setProvider(org: ProviderRef): void {
    this.providers.set(String(org._id), org);
  }
}

const store = new DatasetStore();

/** The process-wide dataset store. */
export function datasetStore(): DatasetStore {
  return store;
}
