// The providers of datasets as responses show them: from the dataset store when it knows them, else from the database.
import type { Types } from 'mongoose';
import { organizationsById } from '../organizations/lookup';
import { datasetStore, type ProviderRef } from './store';

/** The providers of some datasets, from the store when it knows them, else from the database. */
export async function providersOf(ids: readonly Types.ObjectId[]): Promise<Map<string, ProviderRef>> {
  const store = datasetStore();
  const out = new Map<string, ProviderRef>();
  const missing: Types.ObjectId[] = [];
  for (const id of ids) {
    const known = store.loaded ? store.provider(String(id)) : undefined;
    if (known) out.set(String(id), known);
    else missing.push(id);
  }
  if (missing.length) for (const [id, org] of await organizationsById(missing)) out.set(id, org);
  return out;
}
