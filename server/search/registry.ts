// The process's dataset store, catalogue index and their synchronisation (one per process, like the
// Mongoose connection).
import { datasetStore } from '../datasets/store';
import { CatalogIndex } from './catalog-index';
import { CatalogSync, type SyncOptions } from './sync';

const index = new CatalogIndex();
let sync: CatalogSync | null = null;

/** The process-wide catalogue index. */
export function catalogIndex(): CatalogIndex {
  return index;
}

/**
 * Loads the store and the index from the connected database (or the store's snapshot, with
 * `snapshotDir`) and starts following changes; resolves when loaded.
 */
export async function startCatalogIndex(opts: SyncOptions = {}): Promise<void> {
  await stopCatalogIndex();
  sync = new CatalogSync(datasetStore(), index, opts);
  await sync.start();
}

/**
 * Stops following changes (before disconnecting from the database): writes the snapshot when the
 * sync has a directory for it, then empties the store, so that readers go to the database again.
 */
export async function stopCatalogIndex(): Promise<void> {
  const stopping = sync;
  sync = null;
  await stopping?.stop();
  datasetStore().clear();
}

/** True once the store and the index are loaded (searches and dataset reads are served from memory). */
export function catalogLoaded(): boolean {
  return datasetStore().loaded;
}

/** The running synchronisation, if any (tests and benchmarks wait for its background check). */
export function catalogSync(): CatalogSync | null {
  return sync;
}
