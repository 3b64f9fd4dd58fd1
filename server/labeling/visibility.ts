// Reading labeling procedures: which versions a caller sees (drafts only for the provider's members, national reviewers and admins).
import { Types } from 'mongoose';
import { relationTo, seesWorkingCopy } from '../datasets/access';
import type { AuthUser } from '../http/context';
import { notFound } from '../http/errors';
import { LabelingProcedure, ProcedureVersion, type LabelingProcedureDoc, type ProcedureVersionDoc } from './model';
import type { VersionSummary } from './presenter';

/** Loads a procedure identity by ObjectId or slug (no visibility check: callers must apply one). */
export async function loadProcedure(idOrSlug: string): Promise<LabelingProcedureDoc | null> {
  const filter = /^[0-9a-f]{24}$/i.test(idOrSlug) ? { _id: new Types.ObjectId(idOrSlug) } : { slug: idOrSlug };
  return LabelingProcedure.findOne(filter).lean<LabelingProcedureDoc>();
}

/** May the caller see this provider's draft versions? */
export function seesDrafts(user: AuthUser | null, providerId: Types.ObjectId): boolean {
  return seesWorkingCopy(relationTo(user, providerId));
}

/** Summaries of the versions of one or more procedures, keyed by procedure id. */
export async function versionSummaries(procedureIds: Types.ObjectId[]): Promise<Map<string, VersionSummary[]>> {
  const docs = await ProcedureVersion.find(
    { procedureId: { $in: procedureIds } },
    { procedureId: 1, version: 1, status: 1, activatedAt: 1 },
  )
    .sort({ version: -1 })
    .lean<(VersionSummary & { procedureId: Types.ObjectId })[]>();
  const out = new Map<string, VersionSummary[]>();
  for (const d of docs) {
    const list = out.get(String(d.procedureId)) ?? [];
    list.push({ version: d.version, status: d.status, activatedAt: d.activatedAt ?? null });
    out.set(String(d.procedureId), list);
  }
  return out;
}

/** The versions the caller may see, among all of a procedure's. */
export function visibleOf(all: readonly VersionSummary[], drafts: boolean): VersionSummary[] {
  return drafts ? [...all] : all.filter((v) => v.status !== 'draft');
}

/**
 * The version a caller gets by default: the latest for those who see drafts; otherwise the active
 * one (the highest version with status active, so a half-finished activation still reads right),
 * else the latest superseded or retired one. Null when nothing is visible.
 */
export function currentVersionNumber(visible: readonly VersionSummary[], drafts: boolean): number | null {
  const highest = (list: readonly VersionSummary[]) => (list.length ? Math.max(...list.map((v) => v.version)) : null);
  if (drafts) return highest(visible);
  return highest(visible.filter((v) => v.status === 'active')) ?? highest(visible);
}

/** What one caller can see of a procedure. */
export interface ProcedureView {
  identity: LabelingProcedureDoc;
  visible: VersionSummary[];
  drafts: boolean;
}

/** Loads a procedure with the versions the caller may see; 404 when they can see none. */
export async function requireProcedureView(idOrSlug: string, user: AuthUser | null): Promise<ProcedureView> {
  const identity = await loadProcedure(idOrSlug);
  if (!identity) throw notFound('procedure_not_found');
  const drafts = seesDrafts(user, identity.providerId);
  const visible = visibleOf((await versionSummaries([identity._id])).get(String(identity._id)) ?? [], drafts);
  if (!visible.length) throw notFound('procedure_not_found');
  return { identity, visible, drafts };
}

/** Loads one version the caller may see; 404 otherwise (hidden drafts look absent). */
export async function requireVisibleVersion(view: ProcedureView, version: number): Promise<ProcedureVersionDoc> {
  const doc = view.visible.some((v) => v.version === version)
    ? await ProcedureVersion.findOne({ procedureId: view.identity._id, version }).lean<ProcedureVersionDoc>()
    : null;
  if (!doc || (doc.status === 'draft' && !view.drafts)) throw notFound('procedure_version_not_found', { version });
  return doc;
}
