import type { OrganizationDoc } from '../organizations/model';
import { PROCEDURE_CONTENT_FIELDS, type LabelingProcedureDoc, type ProcedureContent, type ProcedureVersionDoc } from './model';

/** The fields of a version the registry resolves visibility and "current" from. */
export type VersionSummary = Pick<ProcedureVersionDoc, 'version' | 'status' | 'activatedAt'>;

/** The ETag of one version: version and revision, so a tag never matches another version's edit. */
export function etagOf(v: Pick<ProcedureVersionDoc, 'version' | 'rev'>): string {
  return `"p${v.version}-r${v.rev}"`;
}

/** The provider-written content of a version, without unset fields. */
export function contentOf(src: ProcedureContent): ProcedureContent {
  const out: ProcedureContent = {};
  for (const f of PROCEDURE_CONTENT_FIELDS) if (src[f] !== undefined && src[f] !== null) out[f] = src[f];
  return out;
}

/** The short organisation view embedded in procedure responses. */
export function presentProvider(org: Pick<OrganizationDoc, '_id' | 'slug' | 'name'> | undefined) {
  if (!org) return null;
  return { id: String(org._id), slug: org.slug, name: org.name };
}

/** One version: its state, its ETag and its content. */
export function presentVersion(v: ProcedureVersionDoc) {
  return {
    procedureId: String(v.procedureId),
    version: v.version,
    status: v.status,
    rev: v.rev,
    etag: etagOf(v),
    ...contentOf(v),
    activatedAt: v.activatedAt ?? null,
    supersededAt: v.supersededAt ?? null,
    retiredAt: v.retiredAt ?? null,
    createdAt: v.createdAt,
    updatedAt: v.updatedAt,
  };
}

/** The version list a detail response carries, newest first. */
export function presentVersionSummaries(versions: readonly VersionSummary[]) {
  return [...versions]
    .sort((a, b) => b.version - a.version)
    .map((v) => ({ version: v.version, status: v.status, activatedAt: v.activatedAt ?? null }));
}

/**
 * A procedure as the caller sees it: the identity with one version's content (the caller's
 * "current" version). `visible` lists the versions the caller may see, so that version numbers of
 * hidden drafts do not leak through latestVersion; `withVersions` adds the version list.
 */
export function presentProcedure(
  identity: LabelingProcedureDoc,
  current: ProcedureVersionDoc,
  provider: OrganizationDoc | undefined,
  visible: readonly VersionSummary[],
  withVersions = false,
) {
  const active = visible.filter((v) => v.status === 'active').reduce<number | null>((max, v) => Math.max(max ?? 0, v.version), null);
  const latest = visible.reduce((max, v) => Math.max(max, v.version), current.version);
  return {
    id: String(identity._id),
    slug: identity.slug,
    provider: presentProvider(provider),
    latestVersion: latest,
    activeVersion: active,
    ...presentVersion(current),
    ...(withVersions ? { versions: presentVersionSummaries(visible) } : {}),
  };
}
