// What a citation is built from: one published version of a dataset as the caller may read it. The
// visibility check is GET /datasets/{id}'s own (readDataset), so a dataset the caller cannot see
// answers the same 404; a dataset never published has nothing to cite (409 not_published).
import { Types } from 'mongoose';
import type { AuthUser } from '../http/context';
import { conflict, notFound } from '../http/errors';
import { readDataset } from '../datasets/read';
import { DatasetVersion, type DatasetContent } from '../datasets/model';
import { organizationsById } from '../organizations/lookup';
import type { CitationSource } from './model';

/**
 * Loads the citation source of `version` (default: the current published version) of a dataset
 * the caller may read: 404 exactly as GET /datasets/{id} when it may not, 409 `not_published`
 * when the dataset has never been published, 404 `version_not_found` for a version never published.
 */
export async function loadCitationSource(idOrSlug: string, user: AuthUser | null, opts: { version?: number; baseUrl: string; accessed?: Date }): Promise<CitationSource> {
  const found = await readDataset(idOrSlug, user);
  const live = found.entry ? found.entry.live : found.doc.live;
  if (!live) throw conflict('not_published');
  const id = found.entry ? new Types.ObjectId(found.entry.id) : found.doc._id;
  const providerId = found.entry ? new Types.ObjectId(found.entry.providerId) : found.doc.providerId;
  const slug = found.entry ? found.entry.slug : found.doc.slug;
  const rows = await DatasetVersion.find({ datasetId: id }, { version: 1, publishedAt: 1 }).lean();
  // Only what the published face has reached: a version approved after this read is not cited yet.
  const versions = rows
    .filter((r) => r.version <= live.version)
    .map((r) => ({ version: r.version, publishedAt: new Date(r.publishedAt) }))
    .sort((a, b) => a.version - b.version);
  if (!versions.some((v) => v.version === live.version)) versions.push({ version: live.version, publishedAt: new Date(live.publishedAt) });
  const wanted = opts.version ?? live.version;
  let content: DatasetContent = live;
  let publishedAt = new Date(live.publishedAt);
  if (wanted !== live.version) {
    const row = versions.some((v) => v.version === wanted) ? await DatasetVersion.findOne({ datasetId: id, version: wanted }).lean() : null;
    if (!row) throw notFound('version_not_found');
    content = row.snapshot;
    publishedAt = new Date(row.publishedAt);
  }
  const provider = (await organizationsById([providerId])).get(String(providerId));
  return {
    slug,
    version: wanted,
    content,
    publishedAt,
    versions,
    provider: provider ? { slug: provider.slug, name: provider.name } : null,
    baseUrl: opts.baseUrl,
    accessed: opts.accessed ?? new Date(),
  };
}
