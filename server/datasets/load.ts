// Reading one dataset by id or slug: from the process's dataset store or the database, with the caller's visibility check.
import { Types } from 'mongoose';
import { activeGrantsFor } from '../access/grants';
import type { AuthUser } from '../http/context';
import { relationTo, requireView, seesWorkingCopy } from './access';
import { Dataset, type DatasetDoc } from './model';
import { datasetStore } from './store';

/** Names that are read as an `_id` (24 hex digits); anything else is a slug. */
export function isObjectIdName(idOrSlug: string): boolean {
  return /^[0-9a-f]{24}$/i.test(idOrSlug);
}

/** Reads a dataset by ObjectId or slug from the database itself. */
export async function loadDatasetFromDatabase(idOrSlug: string): Promise<DatasetDoc | null> {
  const filter = isObjectIdName(idOrSlug) ? { _id: new Types.ObjectId(idOrSlug) } : { slug: idOrSlug };
  return Dataset.findOne(filter).lean<DatasetDoc>();
}

/**
 * Loads a dataset by ObjectId or slug (no visibility check: callers must apply one) from the
 * process's dataset store once it is loaded (server/datasets/store.ts; the document is frozen),
 * from the database before. An id the store does not know is still looked up by `_id` (a dataset
 * another process created in the last moments); an unknown slug is not (that would be a scan).
 */
export async function loadDataset(idOrSlug: string): Promise<DatasetDoc | null> {
  const store = datasetStore();
  if (!store.loaded) return loadDatasetFromDatabase(idOrSlug);
  if (!isObjectIdName(idOrSlug)) return store.getBySlug(idOrSlug) ?? null;
  return store.get(idOrSlug.toLowerCase()) ?? loadDatasetFromDatabase(idOrSlug);
}

/**
 * Loads a dataset the caller may read, or throws 404. Withdrawn datasets stay readable for
 * callers who still hold an active grant on them. `load` reads the document (the store by default).
 */
export async function loadReadableDataset(
  idOrSlug: string,
  user: AuthUser | null,
  load: (idOrSlug: string) => Promise<DatasetDoc | null> = loadDataset,
): Promise<{ doc: DatasetDoc; view: 'working' | 'live' }> {
  const doc = await load(idOrSlug);
  let grantee = false;
  if (doc?.withdrawnAt && doc.live && user && !seesWorkingCopy(relationTo(user, doc.providerId))) {
    grantee = (await activeGrantsFor(user.id, doc._id)).length > 0;
  }
  return requireView(doc, user, { grantee });
}
