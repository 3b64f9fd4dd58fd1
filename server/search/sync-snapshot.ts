// The dataset store's snapshot as the sync uses it: whether one can be brought up to date, writing
// one, and checking a store restored from one against the database (docs/data-stores.md).
import type { Logger } from 'pino';
import { writeSnapshot } from '../datasets/snapshot';
import type { DatasetStore } from '../datasets/store';
import { memoryMiB } from '../infra/logger';
import type { StoreApplier } from './sync-apply';
import { readRevisions } from './sync-reads';

export type SnapshotHeader = { savedAt: Date; through: Date; database: string; migrations: string[] };

/** Why a snapshot cannot be brought up to date (null: it can). */
export function whyUnusable(header: SnapshotHeader, identity: string | null, migrations: string[], horizon: Date | null, overlapMs: number): string | null {
  if (header.database !== identity) return 'another database';
  if (header.migrations.join(',') !== migrations.join(',')) return 'migrations ran since';
  if (horizon && horizon.getTime() > header.through.getTime() - overlapMs) return 'changes since then were pruned';
  return null;
}

/** Writes the store's documents and histories to its snapshot. */
export async function saveStore(dir: string, store: DatasetStore, header: SnapshotHeader, log?: Pick<Logger, 'info'>): Promise<void> {
  // Documents are frozen: this array is a consistent list of versions, whatever changes meanwhile.
  const docs = [...store.docs()];
  const versions = new Map(store.allVersions());
  const t0 = Date.now();
  const bytes = await writeSnapshot(dir, header, docs, versions);
  log?.info({ datasets: docs.length, bytes, ms: Date.now() - t0, memoryMiB: memoryMiB() }, 'dataset store snapshot written');
}

/**
 * After a restart from a snapshot: compares the revision of every stored dataset with the store
 * and re-reads the datasets that differ (changed behind the change feed's back, or a catch-up
 * that missed something). On MongoDB this is a quick read; on FerretDB a scan, so it runs in the
 * background while the store already serves.
 */
export async function verifyStore(store: DatasetStore, applier: StoreApplier, stopped: () => boolean, log?: Pick<Logger, 'info' | 'warn'>): Promise<void> {
  const t0 = Date.now();
  const rows = await readRevisions();
  if (stopped()) return;
  const inDatabase = new Set<string>();
  const differ: string[] = [];
  for (const r of rows) {
    const id = r._id.toHexString();
    inDatabase.add(id);
    if ((store.revisionOf(id) ?? -1) < r.rev) differ.push(id);
  }
  for (const doc of store.docs()) {
    const id = doc._id.toHexString();
    if (!inDatabase.has(id)) differ.push(id);
  }
  if (differ.length) {
    log?.warn({ differ: differ.length }, 'dataset store snapshot differed from the database; re-reading those datasets');
    await applier.refreshDatasets(differ);
  }
  log?.info({ datasets: rows.length, differ: differ.length, ms: Date.now() - t0, memoryMiB: memoryMiB() }, 'dataset store checked against the database');
}
