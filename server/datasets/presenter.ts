import { presentOrigin } from '../harvest/origin-view';
import type { Lang } from '../i18n';
import type { OrganizationDoc } from '../organizations/model';
import { fileChanges } from './files';
import { CONTENT_FIELDS, type ArtifactDoc, type DatasetContent, type DatasetDoc } from './model';

/** The short organisation view embedded in dataset responses. */
export function presentProvider(org: Pick<OrganizationDoc, '_id' | 'slug' | 'name' | 'country' | 'type'> | undefined) {
  if (!org) return null;
  return { id: String(org._id), slug: org.slug, name: org.name, country: org.country, type: org.type };
}

/**
 * Content fields the published face never shows by itself: external access is revealed per caller
 * by the policy engine (server/datasets/external-access.ts), so it stays out of the catalogue
 * index, search results and the exports built from this view.
 */
const WITHHELD_FROM_LIVE: ReadonlySet<string> = new Set(['externalAccess']);

function pickContent(src: DatasetContent, view: 'working' | 'live' = 'working'): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of CONTENT_FIELDS) {
    if (view === 'live' && WITHHELD_FROM_LIVE.has(f)) continue;
    if (src[f] !== undefined && src[f] !== null) out[f] = src[f];
  }
  return out;
}

/** What anyone who may see a file learns about it: never its storage key. */
export function artifactFacts(a: ArtifactDoc) {
  return { id: a.id, kind: a.kind, filename: a.filename, contentType: a.contentType, bytes: a.bytes, sha256: a.sha256 };
}

/** An artifact without its storage key; download URLs are issued per request. */
export function presentArtifact(a: ArtifactDoc, datasetId: string) {
  return {
    ...artifactFacts(a),
    status: a.status,
    uploadedAt: a.uploadedAt,
    downloadUrl: a.status === 'available' ? `/api/v1/datasets/${datasetId}/artifacts/${a.id}/download` : null,
  };
}

export function etagOf(doc: Pick<DatasetDoc, 'rev'>): string {
  return `"r${doc.rev}"`;
}

/** Working-copy files against the approved set, for the review screen (null before the first publication). */
function presentFileChanges(doc: DatasetDoc, id: string) {
  if (!doc.live) return null;
  const { added, removed } = fileChanges(doc);
  return { added: added.map((a) => presentArtifact(a, id)), removed: removed.map((a) => presentArtifact(a, id)) };
}

/**
 * A dataset as the caller may see it: the working copy (members, reviewers, admins) with review
 * state, or the published snapshot (everyone else) with the files approved with it.
 */
export function presentDataset(doc: DatasetDoc, view: 'working' | 'live', provider: OrganizationDoc | undefined, _lang: Lang) {
  const id = String(doc._id);
  if (view === 'live' && doc.live) {
    const live = doc.live;
    return {
      id,
      ...pickContent(live, 'live'),
      slug: doc.slug,
      status: doc.withdrawnAt ? 'withdrawn' : 'published',
      version: live.version,
      provider: presentProvider(provider),
      artifacts: live.artifacts.map((a) => presentArtifact(a, id)),
      publishedAt: live.publishedAt,
      withdrawnAt: doc.withdrawnAt,
      origin: presentOrigin(doc),
    };
  }
  return {
    id,
    ...pickContent(doc),
    status: doc.status,
    version: doc.version,
    provider: presentProvider(provider),
    artifacts: doc.artifacts.map((a) => presentArtifact(a, id)),
    /** Files this working copy adds to or removes from the published version (what review will make public). */
    fileChanges: presentFileChanges(doc, id),
    review: {
      submittedBy: doc.submittedBy ? String(doc.submittedBy) : null,
      changeNote: doc.changeNote ?? null,
      history: doc.reviewHistory.map((e) => ({
        action: e.action,
        by: String(e.by),
        byName: e.byName,
        at: e.at,
        comment: e.comment ?? null,
        version: e.version ?? null,
      })),
    },
    published: doc.live ? { version: doc.live.version, publishedAt: doc.live.publishedAt } : null,
    publishedAt: doc.publishedAt,
    withdrawnAt: doc.withdrawnAt,
    origin: presentOrigin(doc),
    createdAt: doc.createdAt,
    updatedAt: doc.updatedAt,
    etag: etagOf(doc),
  };
}
