// What the exports read: published datasets as the caller may see them, their provider and their
// artifacts, each artifact marked with whether the policy engine lets the caller download it.
import { PURPOSE_CODES } from '../../schemas/taxonomy';
import { downloadScope } from '../artifacts/download-rule';
import { catalogFilter } from '../datasets/access';
import { filesOf } from '../datasets/files';
import { Dataset, type ArtifactDoc, type DatasetContent, type DatasetDoc } from '../datasets/model';
import type { AuthUser } from '../http/context';
import { organizationsById } from '../organizations/lookup';
import type { OrganizationDoc } from '../organizations/model';
import { rulesOfFace } from '../policy/dataset-rules';
import { evaluate } from '../policy/evaluate';
import { callerRequester, requesterOf } from '../policy/requester';
import type { Purpose, Requester } from '../policy/types';

/** An available artifact of an exported dataset. */
export interface ExportArtifact {
  id: string;
  kind: ArtifactDoc['kind'];
  filename: string;
  contentType: string;
  bytes: number;
  sha256: string;
  /** Absolute URL of the download endpoint (which asks the policy engine again on every call). */
  url: string;
  /** A purpose for which the requester of the export may download it now, or null when it may not. */
  downloadPurpose: Purpose | null;
}

/** One dataset as the exports see it: the face the caller may read, never a draft of outsiders. */
export interface ExportDataset {
  id: string;
  slug: string;
  version: number;
  publishedAt: Date | null;
  content: DatasetContent;
  provider: Pick<OrganizationDoc, 'slug' | 'name' | 'country' | 'type' | 'website'> | null;
  artifacts: ExportArtifact[];
  /** Absolute URL of the dataset's page in the web client. */
  pageUrl: string;
}

/** The anonymous requester of the public exports. */
export const ANONYMOUS: Requester = requesterOf(null, null, []);

function downloadPurposeOf(doc: DatasetDoc, view: 'working' | 'live', artifact: ArtifactDoc, requester: Requester): Purpose | null {
  const rules = rulesOfFace(doc, view);
  const scope = downloadScope(artifact.kind);
  // research first (the download endpoint's default), then the other purposes the rules allow.
  const purposes = [...PURPOSE_CODES].sort((a, b) => (a === 'research' ? -1 : b === 'research' ? 1 : 0));
  return purposes.find((p) => evaluate(rules, requester, p, scope).decision === 'allow') ?? null;
}

/** Builds the export view of one stored dataset for a requester. */
export function exportDataset(
  doc: DatasetDoc,
  view: 'working' | 'live',
  provider: OrganizationDoc | undefined,
  requester: Requester,
  baseUrl: string,
): ExportDataset {
  const id = String(doc._id);
  const content = view === 'live' && doc.live ? doc.live : doc;
  return {
    id,
    slug: doc.slug,
    version: view === 'live' && doc.live ? doc.live.version : doc.version,
    publishedAt: view === 'live' && doc.live ? doc.live.publishedAt : doc.publishedAt,
    content,
    provider: provider ? { slug: provider.slug, name: provider.name, country: provider.country, type: provider.type, website: provider.website } : null,
    artifacts: filesOf(doc, view)
      .filter((a) => a.status === 'available')
      .map((a) => ({
        id: a.id,
        kind: a.kind,
        filename: a.filename,
        contentType: a.contentType,
        bytes: a.bytes,
        sha256: a.sha256,
        url: `${baseUrl}/api/v1/datasets/${id}/artifacts/${a.id}/download`,
        downloadPurpose: downloadPurposeOf(doc, view, a, requester),
      })),
    pageUrl: `${baseUrl}/datasets/${encodeURIComponent(doc.slug)}`,
  };
}

/**
 * One page of the public catalogue as anonymous visitors see it (published, not withdrawn,
 * classification `public`; never drafts, working copies or confidential entries), oldest
 * publication first so pages stay stable while new datasets arrive.
 */
export async function publicCatalogPage(baseUrl: string, page: number, pageSize: number): Promise<{ items: ExportDataset[]; total: number }> {
  const filter = catalogFilter(null);
  const [total, docs] = await Promise.all([
    Dataset.countDocuments(filter),
    Dataset.find(filter).sort({ publishedAt: 1, _id: 1 }).skip((page - 1) * pageSize).limit(pageSize).lean<DatasetDoc[]>(),
  ]);
  const providers = await organizationsById(docs.map((d) => d.providerId));
  return { items: docs.map((d) => exportDataset(d, 'live', providers.get(String(d.providerId)), ANONYMOUS, baseUrl)), total };
}

/** The export view of a dataset the caller has already been allowed to read, for that caller. */
export async function callerExport(doc: DatasetDoc, view: 'working' | 'live', user: AuthUser | null, baseUrl: string): Promise<ExportDataset> {
  const [providers, requester] = await Promise.all([organizationsById([doc.providerId]), callerRequester(user, doc)]);
  return exportDataset(doc, view, providers.get(String(doc.providerId)), requester, baseUrl);
}
