// Reading one dataset for a caller, from what the process holds when it can. The catalogue index
// (server/search) keeps every published, not withdrawn dataset with its presented published face,
// kept current by the change feed; the embedded FerretDB on SQLite pushes down no filter but a
// single `_id` (see server/infra/embedded-mongo.ts), so a read by slug from the database scans the
// whole collection (tens of seconds at 20,000 datasets).
import { Types } from 'mongoose';
import type { AuthUser } from '../http/context';
import { notFound } from '../http/errors';
import { metadataVisible, type ClassificationLevel } from '../policy/visibility';
import { catalogIndex } from '../search/registry';
import type { CatalogEntry } from '../search/types';
import { relationTo, requireView, seesWorkingCopy } from './access';
import { loadDataset, loadReadableDataset } from './commands';
import { Dataset, type DatasetDoc } from './model';

/** Names that `loadDataset` reads as an `_id` (24 hex digits); anything else is a slug. */
function isObjectIdName(idOrSlug: string): boolean {
  return Types.ObjectId.isValid(idOrSlug) && /^[0-9a-f]{24}$/i.test(idOrSlug);
}

/** A dataset the caller may read: its catalogue entry (the published face) or the stored document. */
export type ReadableDataset =
  { entry: CatalogEntry; doc?: undefined; view: 'live' } | { entry?: undefined; doc: DatasetDoc; view: 'working' | 'live' };

/**
 * Finds a dataset by id or slug for the caller, or throws 404 exactly as `loadReadableDataset`
 * does. A caller who sees only the published face of a dataset in the catalogue index is answered
 * from the index, with DESIGN §4 step 1 applied to the entry as `viewOf` applies it to the document.
 * Callers who see the working copy (the provider's members, national reviewers, admins) read the
 * document — by the `_id` the index knows when it does — and datasets the index does not hold
 * (drafts, withdrawn ones that grantees still read, unknown names) come from the database as before.
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
    const doc = await Dataset.findOne({ _id: new Types.ObjectId(entry.id) }).lean<DatasetDoc>();
    // Renamed since the index saw it (another process's write not yet polled): look the name up as before.
    if (doc && (byId || doc.slug === idOrSlug)) return requireView(doc, user);
  }
  if (opts.grantees === false) return requireView(await loadDataset(idOrSlug), user);
  return loadReadableDataset(idOrSlug, user);
}
