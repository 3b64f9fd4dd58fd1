// Keeps the dataset store (server/datasets/store.ts) and, fed from it, the catalogue index equal to
// what MongoDB holds: a load at start — from the store's snapshot plus the changes recorded since
// when there is a usable one, else a full read — then this process's writes applied before they
// return (change-feed listeners) and other processes' writes picked up by polling `catalog_changes`
// every `pollMs` (default 500 ms, so two processes converge well within 2 s). Each dataset's `rev`
// guards against an older read overwriting a newer one.
import type { Logger } from 'pino';
import mongoose, { Types } from 'mongoose';
import { Dataset, DatasetVersion, type DatasetDoc, type DatasetVersionDoc } from '../datasets/model';
import { databaseIdentity, doneMigrations, pruneHorizon, readSnapshot, recordPruneHorizon, writeSnapshot } from '../datasets/snapshot';
import { adopt, versionMetasFrom, versionMetasOf, type DatasetStore, type ProviderRef } from '../datasets/store';
import { CatalogChange, onCatalogChange, PROCESS_ORIGIN, type Change } from '../infra/change-feed';
import { withDbDeadline } from '../infra/db-calls';
import { memoryMiB } from '../infra/logger';
import { Organization } from '../organizations/model';
import type { CatalogIndex } from './catalog-index';
import { entryOf } from './entry';
import type { CatalogEntry } from './types';

const ORG_FIELDS = { slug: 1, name: 1, country: 1, type: 1 };
/** What the publication history needs of each stored version (the snapshot only to compare neighbours). */
const VERSION_FIELDS = { datasetId: 1, version: 1, publishedAt: 1, changeNote: 1, reviewerComment: 1, snapshot: 1 };

/** Changes a slow insert may still be committing when a poll runs are caught by re-reading this far back. */
const OVERLAP_MS = 3000;
/** Changes older than this are deleted from the collection (a snapshot older than that is not used). */
const RETAIN_MS = 10 * 60_000;
/**
 * Reads of the whole catalogue (the initial load, a full refresh, a many-id `$in`, the check after
 * a restart) scan the datasets collection on the embedded FerretDB: ~45 s at 20,000 datasets on
 * SQLite. They run in the background, so they get this deadline instead of a request's (DB_TIMEOUT_MS).
 */
const FULL_READ_DEADLINE_MS = 10 * 60_000;
/** How often a changed store is written to its snapshot (besides at a graceful stop). */
const SNAPSHOT_EVERY_MS = 5 * 60_000;

export interface SyncOptions {
  pollMs?: number;
  log?: Pick<Logger, 'warn' | 'info'>;
  /** Directory of the store's snapshot (`DATA_DIR/store`); without one every start reads everything. */
  snapshotDir?: string;
  snapshotEveryMs?: number;
}

/** Documents per batch of a full read. */
const FULL_READ_BATCH = 500;

/** Every document of a cursor in the store's form (see `adopt`). */
async function adoptedFrom(rows: AsyncIterable<DatasetDoc>): Promise<DatasetDoc[]> {
  const out: DatasetDoc[] = [];
  for await (const row of rows) out.push(adopt(row));
  return out;
}

/** A document handed over by a write, copied the way the database stores it (the writer keeps its own). */
function asStored(doc: Record<string, unknown>): DatasetDoc {
  const BSON = mongoose.mongo.BSON;
  return BSON.deserialize(BSON.serialize(doc)) as DatasetDoc;
}

export class CatalogSync {
  private readonly seen = new Map<string, number>();
  /** Start of the window the next poll reads (less OVERLAP_MS). */
  private lastPoll = Date.now();
  /** Every change recorded before this (less OVERLAP_MS) has been applied: what a snapshot covers. */
  private syncedThrough = 0;
  private lastPrune = 0;
  private timer: NodeJS.Timeout | null = null;
  private snapshotTimer: NodeJS.Timeout | null = null;
  private polling: Promise<void> | null = null;
  private unsubscribe: (() => void) | null = null;
  private stopped = false;
  /** While a load runs, local changes are also kept here and applied again on top of what it read. */
  private loading = false;
  private pending: Change[] = [];
  private identity: string | null = null;
  private migrations: string[] = [];
  private savedGeneration = -1;
  private saving: Promise<void> | null = null;
  private readonly versionReads = new Set<string>();
  private verifying: Promise<void> | null = null;

  constructor(
    private readonly store: DatasetStore,
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
    // Local changes made meanwhile are kept and applied on top of what the load read.
    this.loading = true;
    try {
      for (let attempt = 0; !this.stopped; attempt++) {
        try {
          [this.identity, this.migrations] = await Promise.all([databaseIdentity(), doneMigrations()]);
          if (!(await this.restoreSnapshot())) await this.readEverything();
          break;
        } catch (err) {
          this.opts.log?.warn({ err, attempt }, 'dataset store load failed; retrying');
          await new Promise((r) => setTimeout(r, Math.min(30_000, 500 * 2 ** attempt)));
        }
      }
    } finally {
      this.loading = false;
    }
    if (this.stopped) return;
    this.store.loaded = true;
    await this.flushPending();
    this.timer = setInterval(() => void this.poll(), this.opts.pollMs ?? 500);
    this.timer.unref();
    if (this.opts.snapshotDir) {
      const save = () => void this.saveSnapshot().catch((err: unknown) => this.opts.log?.warn({ err }, 'dataset store snapshot failed'));
      this.snapshotTimer = setInterval(save, this.opts.snapshotEveryMs ?? SNAPSHOT_EVERY_MS);
      this.snapshotTimer.unref();
      // After a full read, at once: a crash before the next save would mean reading everything again.
      save();
    }
  }

  /** Stops following changes; with a snapshot directory, writes the store there first. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    this.unsubscribe?.();
    if (this.timer) clearInterval(this.timer);
    if (this.snapshotTimer) clearInterval(this.snapshotTimer);
    await this.polling;
    if (this.opts.snapshotDir && this.store.loaded) {
      await this.saveSnapshot().catch((err: unknown) => this.opts.log?.warn({ err }, 'dataset store snapshot failed'));
    }
  }

  /** Reads everything again (a change that named no records) while the store goes on serving. */
  async loadAll(): Promise<void> {
    this.loading = true;
    try {
      await this.readEverything();
    } finally {
      this.loading = false;
    }
    this.store.loaded = true;
    await this.flushPending();
  }

  /** Reads every dataset, its versions and every organisation into the store, and the index from it. */
  private async readEverything(): Promise<void> {
    const started = Date.now();
    const [orgs, docs, versions] = await withDbDeadline(FULL_READ_DEADLINE_MS, () =>
      Promise.all([
        Organization.find({}, ORG_FIELDS).lean<ProviderRef[]>(),
        // Streamed and made into the store's form one document at a time, so a full read holds the
        // store's (shared, frozen) documents rather than every raw copy at once as well.
        adoptedFrom(Dataset.find({}).lean<DatasetDoc>().cursor({ batchSize: FULL_READ_BATCH })),
        // One version at a time, in the order of its unique index (see versionMetasFrom).
        versionMetasFrom(DatasetVersion.find({}, VERSION_FIELDS).sort({ datasetId: 1, version: -1 }).lean<DatasetVersionDoc>().cursor()),
      ]),
    );
    for (const o of orgs) this.store.setProvider(o);
    this.store.replaceAll(docs, versions);
    this.rebuildIndex();
    this.opts.log?.info({ datasets: this.store.size, ms: Date.now() - started, memoryMiB: memoryMiB() }, 'dataset store loaded from the database');
    // Whatever was recorded since the read began is read again by the next poll.
    this.seen.clear();
    this.lastPoll = started;
    this.syncedThrough = started;
  }

  /**
   * Loads the store from its snapshot and brings it up to date with the changes recorded since.
   * False (nothing loaded) when there is no usable snapshot: none, another database, other
   * migrations, or changes since then pruned from `catalog_changes`.
   */
  private async restoreSnapshot(): Promise<boolean> {
    const dir = this.opts.snapshotDir;
    if (!dir) return false;
    const t0 = Date.now();
    const snap = await readSnapshot(dir).catch((err: unknown) => {
      this.opts.log?.warn({ err }, 'dataset store snapshot unreadable; loading from the database');
      return null;
    });
    if (!snap) return false;
    const { header } = snap;
    const horizon = await pruneHorizon();
    const unusable =
      header.database !== this.identity
        ? 'another database'
        : header.migrations.join(',') !== this.migrations.join(',')
          ? 'migrations ran since'
          : horizon && horizon.getTime() > header.through.getTime() - OVERLAP_MS
            ? 'changes since then were pruned'
            : null;
    if (unusable) {
      this.opts.log?.info({ savedAt: header.savedAt, reason: unusable }, 'dataset store snapshot not used; loading from the database');
      return false;
    }
    const orgs = await Organization.find({}, ORG_FIELDS).lean<ProviderRef[]>();
    for (const o of orgs) this.store.setProvider(o);
    this.store.replaceAll(snap.docs, snap.versions);
    // The file holds this much; what the catch-up adds is written at the next save.
    this.savedGeneration = this.store.generation;
    this.seen.clear();
    this.lastPoll = header.through.getTime();
    // Every change recorded since, whichever process made it (this one, before a restart, too).
    const caughtUp = await this.pollOnce({ includeOwn: true, restoring: true });
    this.rebuildIndex();
    this.opts.log?.info(
      { datasets: this.store.size, savedAt: header.savedAt, changesApplied: caughtUp, ms: Date.now() - t0, memoryMiB: memoryMiB() },
      'dataset store loaded from its snapshot',
    );
    this.verifying = this.verify().catch((err: unknown) => this.opts.log?.warn({ err }, 'dataset store check failed'));
    return true;
  }

  /**
   * After a restart from a snapshot: compares the revision of every stored dataset with the store
   * and re-reads the datasets that differ (changed behind the change feed's back, or a catch-up
   * that missed something). On MongoDB this is a quick read; on FerretDB a scan, so it runs in the
   * background while the store already serves.
   */
  private async verify(): Promise<void> {
    const t0 = Date.now();
    const rows = await withDbDeadline(FULL_READ_DEADLINE_MS, () =>
      Dataset.find({}, { rev: 1 }).lean<Array<{ _id: Types.ObjectId; rev: number }>>(),
    );
    if (this.stopped) return;
    const inDatabase = new Set<string>();
    const differ: string[] = [];
    for (const r of rows) {
      const id = r._id.toHexString();
      inDatabase.add(id);
      if ((this.store.revisionOf(id) ?? -1) < r.rev) differ.push(id);
    }
    for (const doc of this.store.docs()) {
      const id = doc._id.toHexString();
      if (!inDatabase.has(id)) differ.push(id);
    }
    if (differ.length) {
      this.opts.log?.warn({ differ: differ.length }, 'dataset store snapshot differed from the database; re-reading those datasets');
      await this.refreshDatasets(differ);
    }
    this.opts.log?.info(
      { datasets: rows.length, differ: differ.length, ms: Date.now() - t0, memoryMiB: memoryMiB() },
      'dataset store checked against the database',
    );
  }

  /** Resolves once the check after a restart from a snapshot (if any) has finished. */
  verified(): Promise<void> {
    return this.verifying ?? Promise.resolve();
  }

  /** Writes the store to its snapshot unless nothing changed since the last one. */
  async saveSnapshot(): Promise<void> {
    const dir = this.opts.snapshotDir;
    if (!dir || !this.store.loaded || !this.identity) return;
    if (this.saving) return this.saving;
    const generation = this.store.generation;
    if (generation === this.savedGeneration) return;
    const through = this.syncedThrough;
    // Documents are frozen: this array is a consistent list of versions, whatever changes meanwhile.
    const docs = [...this.store.docs()];
    const versions = new Map(this.store.allVersions());
    const t0 = Date.now();
    this.saving = writeSnapshot(
      dir,
      { savedAt: new Date(), through: new Date(through), database: this.identity, migrations: this.migrations },
      docs,
      versions,
    )
      .then((bytes) => {
        this.savedGeneration = generation;
        this.opts.log?.info({ datasets: docs.length, bytes, ms: Date.now() - t0, memoryMiB: memoryMiB() }, 'dataset store snapshot written');
      })
      .finally(() => (this.saving = null));
    return this.saving;
  }

  /** Applies one change made by this process. */
  async apply(change: Change): Promise<void> {
    if (this.loading) this.pending.push(change);
    // Until loaded, readers go to the database; the load reads what this change wrote, or the
    // pending list applies it afterwards.
    if (!this.store.loaded) return;
    await this.applyNow(change);
  }

  private async flushPending(): Promise<void> {
    const pending = this.pending;
    this.pending = [];
    for (const change of pending) await this.applyNow(change);
  }

  private async applyNow(change: Change): Promise<void> {
    if (change.ids === 'all') return this.loadAll();
    if (change.kind === 'organization') return this.refreshOrganizations(change.ids);
    const given = (change.docs ?? []).map((d) => asStored(d));
    for (const doc of given) await this.acceptDoc(doc, true);
    const covered = new Set(given.map((d) => d._id.toHexString()));
    const rest = change.ids.filter((id) => !covered.has(id));
    if (rest.length) await this.refreshDatasets(rest);
  }

  /** Puts a read or written document into the store and, when its published face changed, the index. */
  private async acceptDoc(doc: DatasetDoc, reindex: boolean): Promise<void> {
    const id = doc._id.toHexString();
    const before = this.store.get(id);
    if (!this.store.accept(doc)) return;
    const after = this.store.get(id)!;
    if (reindex && !sameFace(before, after)) this.index.put(id, await this.entryFor(after));
    if (after.version > 0 && !this.store.versionsOf(after)) void this.refreshVersions(id);
  }

  private async entryFor(doc: DatasetDoc): Promise<CatalogEntry | null> {
    if (!doc.live || doc.withdrawnAt) return null;
    return entryOf(doc, await this.providerOf(doc.providerId));
  }

  private async providerOf(id: Types.ObjectId): Promise<ProviderRef | undefined> {
    const known = this.store.provider(String(id));
    if (known) return known;
    const org = (await Organization.findById(id, ORG_FIELDS).lean<ProviderRef>()) ?? undefined;
    if (org) this.store.setProvider(org);
    return org;
  }

  private rebuildIndex(): void {
    const entries: CatalogEntry[] = [];
    for (const doc of this.store.docs()) {
      if (!doc.live || doc.withdrawnAt) continue;
      const e = entryOf(doc, this.store.provider(String(doc.providerId)));
      if (e) entries.push(e);
    }
    this.index.replaceAll(entries);
  }

  /** Re-reads organisations and re-presents their datasets' catalogue entries. */
  private async refreshOrganizations(ids: string[]): Promise<void> {
    const orgs = await Organization.find({ _id: { $in: ids.map((id) => new Types.ObjectId(id)) } }, ORG_FIELDS).lean<ProviderRef[]>();
    for (const o of orgs) this.store.setProvider(o);
    const affected = new Set(ids);
    for (const e of [...this.index.entries()]) {
      if (!affected.has(e.providerId)) continue;
      const doc = this.store.get(e.id);
      this.index.put(e.id, doc ? await this.entryFor(doc) : null);
    }
  }

  /** Re-reads datasets by id; those the database no longer holds leave the store and the index. */
  private async refreshDatasets(ids: string[], reindex = true): Promise<void> {
    if (!ids.length) return;
    const docs = await this.readDatasets(ids);
    const found = new Map(docs.map((d) => [d._id.toHexString(), d]));
    for (const id of ids) {
      const doc = found.get(id);
      if (doc) await this.acceptDoc(doc, reindex);
      else {
        this.store.remove(id);
        if (reindex) this.index.put(id, null);
      }
    }
  }

  /** Reads datasets by id: one query per id for a few changes, one `$in` query for many. */
  private async readDatasets(ids: string[]): Promise<DatasetDoc[]> {
    const oids = ids.map((id) => new Types.ObjectId(id));
    if (oids.length > 32) return withDbDeadline(FULL_READ_DEADLINE_MS, () => Dataset.find({ _id: { $in: oids } }).lean<DatasetDoc[]>());
    const docs = await Promise.all(oids.map((_id) => Dataset.findOne({ _id }).lean<DatasetDoc>()));
    return docs.filter((d): d is DatasetDoc => !!d);
  }

  /** Reads the publication history of a dataset another process has just published (by `{ datasetId }`). */
  private async refreshVersions(id: string): Promise<void> {
    if (this.versionReads.has(id)) return;
    this.versionReads.add(id);
    try {
      const rows = await withDbDeadline(FULL_READ_DEADLINE_MS, () =>
        DatasetVersion.find({ datasetId: new Types.ObjectId(id) }, VERSION_FIELDS).lean<DatasetVersionDoc[]>(),
      );
      this.store.setVersions(id, versionMetasOf(rows).get(id) ?? []);
    } catch (err) {
      this.opts.log?.warn({ err, datasetId: id }, 'publication history read failed; it is read from the database until the next change');
    } finally {
      this.versionReads.delete(id);
    }
  }

  /** Picks up changes recorded by other processes. */
  poll(): Promise<void> {
    if (this.polling || this.stopped || this.loading) return this.polling ?? Promise.resolve();
    this.polling = this.pollOnce()
      .then(() => undefined)
      .catch((err: unknown) => this.opts.log?.warn({ err }, 'dataset store sync failed; retrying'))
      .finally(() => (this.polling = null));
    return this.polling;
  }

  /**
   * Reads the changes recorded since the last poll (less OVERLAP_MS), re-reads what they name and
   * applies it; only then are they marked seen. Returns how many changes it applied.
   */
  private async pollOnce(opts: { includeOwn?: boolean; restoring?: boolean } = {}): Promise<number> {
    const now = Date.now();
    const since = this.lastPoll - OVERLAP_MS;
    const changes = await CatalogChange.find({ at: { $gte: new Date(since) } }).lean();
    const fresh = changes.filter((c) => !this.seen.has(String(c._id)));
    const datasets = new Set<string>();
    const orgs = new Set<string>();
    let all = false;
    for (const c of fresh) {
      // This process applied its own changes when it made them.
      if (c.origin === PROCESS_ORIGIN && !opts.includeOwn) continue;
      if (c.all) all = true;
      for (const id of c.ids) (c.kind === 'organization' ? orgs : datasets).add(String(id));
    }
    // While restoring, the index is built afterwards from the whole store.
    if (all) await (opts.restoring ? this.readEverything() : this.loadAll());
    else {
      if (orgs.size) await this.refreshOrganizations([...orgs]);
      if (datasets.size) await this.refreshDatasets([...datasets], !opts.restoring);
    }
    for (const c of fresh) this.seen.set(String(c._id), c.at.getTime());
    for (const [key, at] of this.seen) if (at < since - OVERLAP_MS) this.seen.delete(key);
    this.lastPoll = now;
    this.syncedThrough = now;
    if (now - this.lastPrune > 60_000) {
      this.lastPrune = now;
      const before = new Date(now - RETAIN_MS);
      // Recorded first: a snapshot older than this can no longer be brought up to date.
      await recordPruneHorizon(before);
      await CatalogChange.deleteMany({ at: { $lt: before } });
    }
    return fresh.length;
  }
}

/** Whether two versions of a dataset show the same published face (so its catalogue entry stands). */
function sameFace(a: DatasetDoc | undefined, b: DatasetDoc): boolean {
  return (
    !!a &&
    a.live === b.live &&
    a.slug === b.slug &&
    String(a.providerId) === String(b.providerId) &&
    (a.withdrawnAt?.getTime() ?? null) === (b.withdrawnAt?.getTime() ?? null)
  );
}
