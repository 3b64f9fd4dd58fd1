// Keeps a CatalogIndex equal to what MongoDB holds: a full load at start, local writes applied
// before they return (change-feed listeners), other processes' writes picked up by polling the
// `catalog_changes` collection every `pollMs` (default 500 ms, so two processes converge well within
// 2 s). Each dataset's `rev` guards against an older read overwriting a newer one.
import type { Logger } from 'pino';
import { Types } from 'mongoose';
import { Dataset, type DatasetDoc } from '../datasets/model';
import { CatalogChange, onCatalogChange, PROCESS_ORIGIN, type Change } from '../infra/change-feed';
import { withDbDeadline } from '../infra/db-calls';
import { Organization, type OrganizationDoc } from '../organizations/model';
import type { CatalogIndex } from './catalog-index';
import { entryOf } from './entry';

type Org = Pick<OrganizationDoc, '_id' | 'slug' | 'name' | 'country' | 'type'>;
const ORG_FIELDS = { slug: 1, name: 1, country: 1, type: 1 };

/** Changes a slow insert may still be committing when a poll runs are caught by re-reading this far back. */
const OVERLAP_MS = 3000;
/** Changes older than this are deleted from the collection. */
const RETAIN_MS = 10 * 60_000;
/**
 * Reads of the whole catalogue (the initial load, a full refresh, a many-id `$in`) scan the datasets
 * collection on FerretDB/SQLite, which pushes no filter down: ~45 s at 20,000 datasets. They run in
 * the background, so they get this deadline instead of a request's (DB_TIMEOUT_MS).
 */
const FULL_READ_DEADLINE_MS = 10 * 60_000;

export interface SyncOptions {
  pollMs?: number;
  log?: Pick<Logger, 'warn' | 'info'>;
}

export class CatalogSync {
  private readonly orgs = new Map<string, Org>();
  private readonly revs = new Map<string, number>();
  private readonly seen = new Map<string, number>();
  private lastPoll = Date.now();
  private lastPrune = 0;
  private timer: NodeJS.Timeout | null = null;
  private polling: Promise<void> | null = null;
  private unsubscribe: (() => void) | null = null;
  private stopped = false;

  constructor(
    private readonly index: CatalogIndex,
    private readonly opts: SyncOptions = {},
  ) {}

  /** Loads everything (retrying while the database is unreachable), then follows changes. */
  start(): Promise<void> {
    this.unsubscribe = onCatalogChange((c) => this.apply(c));
    const load = this.loadWithRetry();
    this.index.setLoading(load);
    return load;
  }

  private async loadWithRetry(): Promise<void> {
    for (let attempt = 0; !this.stopped; attempt++) {
      try {
        await this.loadAll();
        break;
      } catch (err) {
        this.opts.log?.warn({ err, attempt }, 'search index load failed; retrying');
        await new Promise((r) => setTimeout(r, Math.min(30_000, 500 * 2 ** attempt)));
      }
    }
    if (this.stopped) return;
    this.timer = setInterval(() => void this.poll(), this.opts.pollMs ?? 500);
    this.timer.unref();
  }

  /** Stops following changes. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.unsubscribe?.();
    if (this.timer) clearInterval(this.timer);
    await this.polling;
  }

  /** Reads every published dataset and organisation into the index. */
  async loadAll(): Promise<void> {
    this.lastPoll = Date.now();
    const [orgs, docs] = await withDbDeadline(FULL_READ_DEADLINE_MS, () =>
      Promise.all([
        Organization.find({}, ORG_FIELDS).lean<Org[]>(),
        Dataset.find({ live: { $ne: null }, withdrawnAt: null }).lean<DatasetDoc[]>(),
      ]),
    );
    this.orgs.clear();
    for (const o of orgs) this.orgs.set(String(o._id), o);
    this.revs.clear();
    const entries = [];
    for (const d of docs) {
      this.revs.set(String(d._id), d.rev);
      const e = entryOf(d, this.orgs.get(String(d.providerId)));
      if (e) entries.push(e);
    }
    this.index.replaceAll(entries);
  }

  /** Applies one change: re-reads the named records (or everything). */
  async apply(change: Change): Promise<void> {
    if (change.ids === 'all') return this.loadAll();
    if (change.kind === 'organization') {
      const ids = change.ids.map((id) => new Types.ObjectId(id));
      const orgs = await Organization.find({ _id: { $in: ids } }, ORG_FIELDS).lean<Org[]>();
      for (const o of orgs) this.orgs.set(String(o._id), o);
      const affected = [...this.index.entries()].filter((e) => change.ids.includes(e.providerId)).map((e) => e.id);
      this.revs.clear();
      return this.refreshDatasets(affected, true);
    }
    return this.refreshDatasets(change.ids, false, change.docs as DatasetDoc[] | undefined);
  }

  private async refreshDatasets(ids: string[], force: boolean, given?: DatasetDoc[]): Promise<void> {
    if (!ids.length) return;
    const docs = given ?? (await this.readDatasets(ids));
    const found = new Map(docs.map((d) => [String(d._id), d]));
    for (const id of ids) {
      const doc = found.get(id);
      if (!doc) {
        this.index.put(id, null);
        continue;
      }
      const known = this.revs.get(id);
      if (!force && known !== undefined && doc.rev < known) continue;
      this.revs.set(id, doc.rev);
      let org = this.orgs.get(String(doc.providerId));
      if (!org) {
        org = (await Organization.findById(doc.providerId, ORG_FIELDS).lean<Org>()) ?? undefined;
        if (org) this.orgs.set(String(org._id), org);
      }
      this.index.put(id, entryOf(doc, org));
    }
  }

  /** Reads datasets by id: one query per id for a few changes, one `$in` query for many. */
  private async readDatasets(ids: string[]): Promise<DatasetDoc[]> {
    const oids = ids.map((id) => new Types.ObjectId(id));
    if (oids.length > 32) return withDbDeadline(FULL_READ_DEADLINE_MS, () => Dataset.find({ _id: { $in: oids } }).lean<DatasetDoc[]>());
    const docs = await Promise.all(oids.map((_id) => Dataset.findOne({ _id }).lean<DatasetDoc>()));
    return docs.filter((d): d is DatasetDoc => !!d);
  }

  /** Picks up changes recorded by other processes. */
  poll(): Promise<void> {
    if (this.polling || this.stopped) return this.polling ?? Promise.resolve();
    this.polling = this.pollOnce()
      .catch((err: unknown) => this.opts.log?.warn({ err }, 'search index sync failed; retrying'))
      .finally(() => (this.polling = null));
    return this.polling;
  }

  private async pollOnce(): Promise<void> {
    const now = Date.now();
    const since = this.lastPoll - OVERLAP_MS;
    const changes = await CatalogChange.find({ at: { $gte: new Date(since) } }).lean();
    this.lastPoll = now;
    const datasets = new Set<string>();
    const orgs = new Set<string>();
    let all = false;
    for (const c of changes) {
      const key = String(c._id);
      if (this.seen.has(key)) continue;
      this.seen.set(key, c.at.getTime());
      // This process applied its own changes when it made them.
      if (c.origin === PROCESS_ORIGIN) continue;
      if (c.all) all = true;
      for (const id of c.ids) (c.kind === 'organization' ? orgs : datasets).add(String(id));
    }
    for (const [key, at] of this.seen) if (at < since - OVERLAP_MS) this.seen.delete(key);
    if (all) await this.loadAll();
    else {
      if (orgs.size) await this.apply({ kind: 'organization', ids: [...orgs] });
      if (datasets.size) await this.refreshDatasets([...datasets], false);
    }
    if (now - this.lastPrune > 60_000) {
      this.lastPrune = now;
      await CatalogChange.deleteMany({ at: { $lt: new Date(now - RETAIN_MS) } });
    }
  }
}
