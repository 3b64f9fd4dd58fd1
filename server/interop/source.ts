// What the exports read: published datasets as the caller may see them, their provider and their
// artifacts, each artifact marked with whether the policy engine lets the caller download it. The
// public catalogues read the process's catalogue index rather than the database, which on the
// embedded FerretDB/SQLite would scan and decode the whole collection for every page.
import { PURPOSE_CODES } from '../../schemas/taxonomy';
import { callerRequester } from '../access/requester';
import { downloadScope } from '../artifacts/download-rule';
import { filesOf } from '../datasets/files';
import { artifactFacts } from '../datasets/presenter';
import type { ArtifactDoc, DatasetContent, DatasetDoc } from '../datasets/model';
import type { AuthUser } from '../http/context';
import { organizationsById } from '../organizations/lookup';
import type { OrganizationDoc } from '../organizations/model';
import { rulesOfFace } from '../policy/dataset-rules';
import { evaluate } from '../policy/evaluate';
import { requesterOf } from '../policy/requester';
import type { PolicyDataset, Purpose, Requester } from '../policy/types';
import { listableLevels } from '../policy/visibility';
import { catalogIndex } from '../search/registry';
import type { CatalogEntry } from '../search/types';

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

function downloadPurposeOf(rules: PolicyDataset, artifact: ArtifactDoc, requester: Requester): Purpose | null {
  const scope = downloadScope(artifact.kind);
  // research first (the download endpoint's default), then the other purposes the rules allow.
  const purposes = [...PURPOSE_CODES].sort((a, b) => (a === 'research' ? -1 : b === 'research' ? 1 : 0));
  return purposes.find((p) => evaluate(rules, requester, p, scope).decision === 'allow') ?? null;
}

/** The available files of a face, each with the purpose for which the requester may download it. */
function exportArtifacts(files: ArtifactDoc[], rules: PolicyDataset, requester: Requester, id: string, baseUrl: string): ExportArtifact[] {
  return files
    .filter((a) => a.status === 'available')
    .map((a) => ({
      ...artifactFacts(a),
      url: `${baseUrl}/api/v1/datasets/${id}/artifacts/${a.id}/download`,
      downloadPurpose: downloadPurposeOf(rules, a, requester),
    }));
}

function pageUrlOf(baseUrl: string, slug: string): string {
  return `${baseUrl}/datasets/${encodeURIComponent(slug)}`;
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
    artifacts: exportArtifacts(filesOf(doc, view), rulesOfFace(doc, view), requester, id, baseUrl),
    pageUrl: pageUrlOf(baseUrl, doc.slug),
  };
}

/**
 * The export view of a catalogue entry: its published face and the files approved with it, the
 * provider as the index holds it (the fields the catalogues use; no website).
 */
export function exportEntry(entry: CatalogEntry, requester: Requester, baseUrl: string): ExportDataset {
  const live = entry.live;
  const provider = entry.item.provider as Pick<OrganizationDoc, 'slug' | 'name' | 'country' | 'type'> | null;
  return {
    id: entry.id,
    slug: entry.slug,
    version: live.version,
    publishedAt: live.publishedAt,
    content: live,
    provider: provider ? { slug: provider.slug, name: provider.name, country: provider.country, type: provider.type } : null,
    artifacts: exportArtifacts(live.artifacts ?? [], entry.policy, requester, entry.id, baseUrl),
    pageUrl: pageUrlOf(baseUrl, entry.slug),
  };
}

let publicOrder: { generation: number; entries: CatalogEntry[] } | null = null;

/**
 * The catalogue as anonymous visitors see it, from the catalogue index (the twin of
 * `catalogFilter(null)`: published, not withdrawn, classification `public`), oldest publication
 * first and then by id, as the database sorted it; sorted once per index generation. Harvested
 * datasets are left out: /data.json and /catalog.jsonld list what this catalogue publishes itself, as
 * an agency's data.json lists its own inventory, and re-exporting a partner's records would let two
 * catalogues that harvest each other copy each other's copies without end (docs/harvesting.md
 * "Exports").
 */
export async function publicEntries(): Promise<{ generation: number; entries: CatalogEntry[] }> {
  const index = catalogIndex();
  await index.ready();
  if (publicOrder?.generation !== index.generation) {
    const levels: ReadonlyArray<string | undefined> = listableLevels(false);
    const entries = [...index.entries()].filter((e) => levels.includes(e.live.classification?.level) && !e.facets.origin.includes('harvested'));
    entries.sort((a, b) => a.publishedAt.getTime() - b.publishedAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    publicOrder = { generation: index.generation, entries };
  }
  return publicOrder;
}

/**
 * One page of the public catalogue as anonymous visitors see it (published, not withdrawn,
 * classification `public`; never drafts, working copies or confidential entries), oldest
 * publication first so pages stay stable while new datasets arrive.
 */
export async function publicCatalogPage(baseUrl: string, page: number, pageSize: number): Promise<{ items: ExportDataset[]; total: number }> {
  const { entries } = await publicEntries();
  const items = entries.slice((page - 1) * pageSize, page * pageSize).map((e) => exportEntry(e, ANONYMOUS, baseUrl));
  return { items, total: entries.length };
}

/** The export view of a dataset the caller has already been allowed to read, for that caller. */
export async function callerExport(doc: DatasetDoc, view: 'working' | 'live', user: AuthUser | null, baseUrl: string): Promise<ExportDataset> {
  const [providers, requester] = await Promise.all([organizationsById([doc.providerId]), callerRequester(user, doc)]);
  return exportDataset(doc, view, providers.get(String(doc.providerId)), requester, baseUrl);
}
