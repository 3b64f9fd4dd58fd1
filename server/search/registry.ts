// The process's catalogue index and its synchronisation (one per process, like the Mongoose connection).
import { CatalogIndex } from './catalog-index';
import { CatalogSync, type SyncOptions } from './sync';

const index = new CatalogIndex();
let sync: CatalogSync | null = null;

/** The process-wide catalogue index. */
export function catalogIndex(): CatalogIndex {
  return index;
}

/** Loads the index from the connected database and starts following changes; resolves when loaded. */
export async function startCatalogIndex(opts: SyncOptions = {}): Promise<void> {
  await sync?.stop();
  sync = new CatalogSync(index, opts);
  await sync.start();
}

/** Stops following changes (before disconnecting from the database). */
export async function stopCatalogIndex(): Promise<void> {
  await sync?.stop();
  sync = null;
}
