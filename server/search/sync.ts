// Keeps the dataset store (server/datasets/store.ts) and, fed from it, the catalogue index equal to
// what MongoDB holds: a load at start — from the store's snapshot plus the changes recorded since
// when there is a usable one, else a full read — then this process's writes applied before they
// return (change-feed listeners) and other processes' writes picked up by polling `catalog_changes`
// every `pollMs` (default 500 ms, so two processes converge well within 2 s). Each dataset's `rev`
// guards against an older read overwriting a newer one.
import type { Logger } from 'pino';
import { databaseIdentity, doneMigrations, pruneHorizon, readSnapshot, recordPruneHorizon } from '../datasets/snapshot';
import type { DatasetStore } from '../datasets/store';
import { CatalogChange, onCatalogChange, PROCESS_ORIGIN, type Change } from '../infra/change-feed';
import { memoryMiB } from '../infra/logger';
import type { CatalogIndex } from './catalog-index';
import { StoreApplier } from './sync-apply';
import { asStored, readEverything, readOrganizations } from './sync-reads';
import { saveStore, verifyStore, whyUnusable } from './sync-snapshot';

/** Changes a slow insert may still be committing when a poll runs are caught by re-reading this far back. */
const OVERLAP_MS = 3000;
/** Changes older than this are deleted from the collection (a snapshot older than that is not used). */
const RETAIN_MS = 10 * 60_000;
/** How often a changed store is written to its snapshot (besides at a graceful stop). */
const SNAPSHOT_EVERY_MS = 5 * 60_000;

export interface SyncOptions {
  pollMs?: number;
  log?: Pick<Logger, 'warn' | 'info'>;
  /** Directory of the store's snapshot (`DATA_DIR/store`); without one every start reads everything. */
  snapshotDir?: string;
  snapshotEveryMs?: number;
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
  private verifying: Promise<void> | null = null;
  private readonly applier: StoreApplier;

  constructor(
    private readonly store: DatasetStore,
    private readonly index: CatalogIndex,
    private readonly opts: SyncOptions = {},
  ) {
    this.applier = new StoreApplier(store, index, opts.log);
  }

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
    const [orgs, docs, versions] = await readEverything();
    for (const o of orgs) this.store.setProvider(o);
    this.store.replaceAll(docs, versions);
    this.applier.rebuildIndex();
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
    const unusable = whyUnusable(header, this.identity, this.migrations, await pruneHorizon(), OVERLAP_MS);
    if (unusable) {
      this.opts.log?.info({ savedAt: header.savedAt, reason: unusable }, 'dataset store snapshot not used; loading from the database');
      return false;
    }
    for (const o of await readOrganizations()) this.store.setProvider(o);
    this.store.replaceAll(snap.docs, snap.versions);
    // The file holds this much; what the catch-up adds is written at the next save.
    this.savedGeneration = this.store.generation;
    this.seen.clear();
    this.lastPoll = header.through.getTime();
    // Every change recorded since, whichever process made it (this one, before a restart, too).
    const caughtUp = await this.pollOnce({ includeOwn: true, restoring: true });
    this.applier.rebuildIndex();
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
    await verifyStore(this.store, this.applier, () => this.stopped, this.opts.log);
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
    const header = { savedAt: new Date(), through: new Date(this.syncedThrough), database: this.identity, migrations: this.migrations };
    this.saving = saveStore(dir, this.store, header, this.opts.log)
      .then(() => void (this.savedGeneration = generation))
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
    if (change.kind === 'organization') return this.applier.refreshOrganizations(change.ids);
    const given = (change.docs ?? []).map((d) => asStored(d));
    for (const doc of given) await this.applier.acceptDoc(doc, true);
    const covered = new Set(given.map((d) => d._id.toHexString()));
    const rest = change.ids.filter((id) => !covered.has(id));
    if (rest.length) await this.applier.refreshDatasets(rest);
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
      if (orgs.size) await this.applier.refreshOrganizations([...orgs]);
      if (datasets.size) await this.applier.refreshDatasets([...datasets], !opts.restoring);
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
