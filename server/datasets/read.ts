// Reading one dataset for a caller, from what the process holds. The catalogue index (server/search)
// keeps every published, not withdrawn dataset with its presented published face; the dataset store
// (store.ts) every document. Both are kept current by the change feed; before they are loaded,
// reads go to the database (slow at scale on the embedded FerretDB: docs/performance.md).
import { Types } from 'mongoose';
import type { AuthUser } from '../http/context';
import { notFound } from '../http/errors';
import { metadataVisible, type ClassificationLevel } from '../policy/visibility';
import { catalogIndex } from '../search/registry';
import type { CatalogEntry } from '../search/types';
import { relationTo, requireView, seesWorkingCopy } from './access';
import { isObjectIdName, loadDataset, loadReadableDataset } from './load';
import type { DatasetDoc } from './model';

/** A dataset the caller may read: its catalogue entry (the published face) or the stored document. */
export type ReadableDataset =
  { entry: CatalogEntry; doc?: undefined; view: 'live' } | { entry?: undefined; doc: DatasetDoc; view: 'working' | 'live' };

/**
 * Finds a dataset by id or slug for the caller, or throws 404 exactly as `loadReadableDataset`
 * does. A caller who sees only the published face of a dataset in the catalogue index is answered
 * from the index, with docs/design.md §4 step 1 applied to the entry as `viewOf` applies it to the document.
 * Callers who see the working copy (the provider's members, national reviewers, admins) read the
 * document — by the `_id` the index knows when it does — and datasets the index does not hold
 * (drafts, withdrawn ones that grantees still read, unknown names) are looked up by `loadDataset`.
 * `grantees: false` leaves out the grantees' reading of withdrawn datasets (the page head never had it).
 */
export async function readDataset(idOrSlug: string, user: AuthUser | null, opts: { grantees?: boolean } = {}): Promise<ReadableDataset> {
  const byId = isObjectIdName(idOrSlug);
  const index = catalogIndex();
  const entry = byId ? index.get(idOrSlug.toLowerCase()) : index.getBySlug(idOrSlug);
  if (entry) {
    const rel = relationTo(user, new Types.ObjectId(entry.providerId));
    if (!seesWorkingCopy(rel)) {
      const visible = metadataVisible(entry.live.classification?.level as ClassificationLevel | undefined, {
        authenticated: rel.authenticated,
        providerMember: rel.member,
        reviewer: rel.nationalReviewer || rel.admin,
      });
      if (!visible) throw notFound('dataset_not_found');
      return { entry, view: 'live' };
    }
    const doc: DatasetDoc | null = await loadDataset(entry.id);
    // Renamed since the index saw it (another process's write not yet polled): look the name up as before.
    if (doc && (byId || doc.slug === idOrSlug)) return requireView(doc, user);
  }
  if (opts.grantees === false) return requireView(await loadDataset(idOrSlug), user);
  return loadReadableDataset(idOrSlug, user);
}
