// Writes to labeling procedures (docs/design.md §5): create, edit the draft, new version, activate, retire.
import { Types } from 'mongoose';
import { recordAudit } from '../audit/record';
import { providerScope } from '../datasets/access';
import { guardedWrite } from '../datasets/guarded-write';
import { actorOf, type RequestContext } from '../http/context';
import { conflict, isDuplicateKey, notFound, preconditionFailed, unprocessable, validationFailed } from '../http/errors';
import { Organization } from '../organizations/model';
import type { LabelingProcedureCreate, LabelingProcedurePatch } from '../../schemas/labeling-procedure';
import { applyMergePatch } from '../../schemas/merge-patch';
import { PROCEDURE_CONTENT_FIELDS, type LabelingProcedureDoc, type ProcedureContent, type ProcedureVersionDoc } from './model';
import { contentOf, etagOf } from './presenter';
import { activationErrors, procedureErrors } from './rules';
import { scopedProcedures, scopedVersions, writable } from './scoped';

/** JSON merge patch (RFC 7396): objects merge recursively, arrays and scalars replace, null removes. */
export function mergePatch<T extends Record<string, unknown>>(base: T, patch: Record<string, unknown>): T {
  return applyMergePatch(base, patch);
}

function withSlug(identity: Pick<LabelingProcedureDoc, 'slug'>, content: ProcedureContent) {
  return { slug: identity.slug, ...content };
}

/** Creates a procedure with version 1 as a draft, in the caller's organisation (admins may name another). */
export async function createProcedure(ctx: RequestContext, body: LabelingProcedureCreate) {
  const user = ctx.user!;
  const providerId = body.providerId ? new Types.ObjectId(body.providerId) : user.organizationId;
  // Scope first: a non-admin naming another organisation learns nothing about whether it exists.
  const scope = providerScope(user, providerId);
  if (body.providerId && !(await Organization.exists({ _id: providerId }))) {
    throw validationFailed([{ path: '/providerId', code: 'unknown_organization' }]);
  }
  const content = contentOf(body as ProcedureContent);
  const errors = procedureErrors(withSlug(body, content));
  if (errors.length) throw validationFailed(errors);

  const procedures = scopedProcedures(scope);
  let identity: LabelingProcedureDoc;
  try {
    identity = await procedures.create({ slug: body.slug, createdBy: user.id, latestVersion: 1, activeVersion: null });
  } catch (err) {
    if (isDuplicateKey(err)) throw conflict('slug_taken', { slug: body.slug });
    throw err;
  }
  let version: ProcedureVersionDoc;
  try {
    version = await scopedVersions(scope).create({
      ...content,
      procedureId: identity._id,
      version: 1,
      status: 'draft',
      rev: 1,
      createdBy: user.id,
    });
  } catch (err) {
    // Without transactions: undo the identity so the slug is not held by a procedure with no version.
    await procedures.deleteOne({ _id: identity._id });
    throw err;
  }
  await recordAudit(
    actorOf(ctx),
    'labeling.create',
    { type: 'labeling_procedure', id: identity._id, organizationId: scope.organizationId },
    { slug: identity.slug, version: 1 },
  );
  return { identity, version };
}

/** Applies a merge patch to the latest version while it is a draft. */
export async function updateDraft(ctx: RequestContext, idOrSlug: string, patch: LabelingProcedurePatch, ifMatch: string | undefined) {
  return guardedWrite({
    load: async () => {
      const { identity, scope, versions } = await writable(ctx, idOrSlug);
      const latest = await versions.latest(identity._id);
      if (!latest) throw notFound('procedure_not_found');
      if (latest.status !== 'draft') throw conflict('procedure_version_immutable', { version: latest.version, status: latest.status });
      return { target: latest, scope, identity, versions };
    },
    ifMatch,
    etag: etagOf,
    write: async ({ target: latest, scope, identity, versions }) => {
      const current = contentOf(latest) as Record<string, unknown>;
      const merged = mergePatch(current, patch as Record<string, unknown>) as ProcedureContent;
      const errors = procedureErrors(withSlug(identity, merged));
      if (errors.length) throw validationFailed(errors);

      const unset: Record<string, 1> = {};
      for (const f of PROCEDURE_CONTENT_FIELDS) if (merged[f] === undefined && current[f] !== undefined) unset[f] = 1;
      // Conditional on the revision we read and on still being a draft: an activation or another
      // edit in between makes this a no-op instead of a silent overwrite.
      const updated = await versions.update(
        { _id: latest._id, status: 'draft', rev: latest.rev },
        { $set: merged, ...(Object.keys(unset).length ? { $unset: unset } : {}), $inc: { rev: 1 } },
      );
      if (!updated) {
        const now = await versions.findOne({ _id: latest._id });
        if (now && now.status !== 'draft') throw conflict('procedure_version_immutable', { version: now.version, status: now.status });
        throw preconditionFailed();
      }
      await recordAudit(
        actorOf(ctx),
        'labeling.update',
        { type: 'labeling_procedure', id: identity._id, organizationId: scope.organizationId },
        { version: updated.version, fields: Object.keys(patch) },
      );
      return { identity, version: updated };
    },
  });
}

/** Copies the latest version into a new draft (version + 1). */
export async function createVersion(ctx: RequestContext, idOrSlug: string) {
  const { user, identity, scope, versions, procedures } = await writable(ctx, idOrSlug);
  const latest = await versions.latest(identity._id);
  if (!latest) throw notFound('procedure_not_found');
  if (latest.status === 'draft') throw conflict('draft_exists', { version: latest.version });
  const next = latest.version + 1;
  let created: ProcedureVersionDoc;
  try {
    // The unique (procedureId, version) index decides between concurrent calls: one insert wins.
    created = await versions.create({
      ...contentOf(latest),
      procedureId: identity._id,
      version: next,
      status: 'draft',
      rev: 1,
      createdBy: user.id,
    });
  } catch (err) {
    if (isDuplicateKey(err)) throw conflict('draft_exists', { version: next });
    throw err;
  }
  await procedures.updateOne({ _id: identity._id, latestVersion: { $lt: next } }, { $set: { latestVersion: next } });
  await recordAudit(
    actorOf(ctx),
    'labeling.version_created',
    { type: 'labeling_procedure', id: identity._id, organizationId: scope.organizationId },
    { version: next, from: latest.version },
  );
  return { identity, version: created };
}

async function loadTarget(versions: ReturnType<typeof scopedVersions>, identity: LabelingProcedureDoc, version: number) {
  const target = await versions.findOne({ procedureId: identity._id, version });
  if (!target) throw notFound('procedure_version_not_found', { version });
  return target;
}

/**
 * Activates a draft and supersedes the previously active version.
 *
 * Three writes without a transaction, in an order that is safe at every step because readers
 * resolve the active version as the highest version with status active: (1) the draft becomes
 * active, conditional on still being the draft we validated — from here on readers get it, and an
 * older version still marked active is simply outranked; (2) older active versions become
 * superseded; (3) the identity's activeVersion (a listing hint) moves forward, never backward.
 * A failure after (1) leaves readers correct; only the bookkeeping of (2)/(3) lags.
 */
export async function activateVersion(ctx: RequestContext, idOrSlug: string, version: number, ifMatch: string | undefined) {
  return guardedWrite({
    load: async () => {
      const found = await writable(ctx, idOrSlug);
      const target = await loadTarget(found.versions, found.identity, version);
      if (target.status !== 'draft') throw conflict('invalid_status_transition', { from: target.status, to: 'active' });
      return { ...found, target };
    },
    ifMatch,
    etag: etagOf,
    write: async ({ user, identity, scope, versions, procedures, target }) => {
      const errors = activationErrors(withSlug(identity, contentOf(target)));
      if (errors.length) throw unprocessable('not_ready_for_activation', errors);

      const now = new Date();
      const activated = await versions.update(
        { _id: target._id, status: 'draft', rev: target.rev },
        { $set: { status: 'active', activatedAt: now, activatedBy: user.id }, $inc: { rev: 1 } },
      );
      if (!activated) throw conflict('concurrent_modification');
      const superseded = await versions.updateMany(
        { procedureId: identity._id, status: 'active', version: { $ne: version } },
        { $set: { status: 'superseded', supersededAt: now }, $inc: { rev: 1 } },
      );
      await procedures.updateOne(
        { _id: identity._id, $or: [{ activeVersion: null }, { activeVersion: { $lt: version } }] },
        { $set: { activeVersion: version } },
      );
      await recordAudit(
        actorOf(ctx),
        'labeling.activate',
        { type: 'labeling_procedure', id: identity._id, organizationId: scope.organizationId },
        { version, superseded: superseded.modifiedCount },
      );
      return { identity, version: activated };
    },
  });
}

/** Retires an active version: datasets can no longer reference it. */
export async function retireVersion(ctx: RequestContext, idOrSlug: string, version: number) {
  const { user, identity, scope, versions, procedures } = await writable(ctx, idOrSlug);
  const target = await loadTarget(versions, identity, version);
  if (target.status !== 'active') throw conflict('invalid_status_transition', { from: target.status, to: 'retired' });
  const retired = await versions.update(
    { _id: target._id, status: 'active' },
    { $set: { status: 'retired', retiredAt: new Date(), retiredBy: user.id }, $inc: { rev: 1 } },
  );
  if (!retired) throw conflict('concurrent_modification');
  // Conditional: if a newer version was activated meanwhile, the identity already points at it.
  await procedures.updateOne({ _id: identity._id, activeVersion: version }, { $set: { activeVersion: null } });
  await recordAudit(
    actorOf(ctx),
    'labeling.retire',
    { type: 'labeling_procedure', id: identity._id, organizationId: scope.organizationId },
    { version },
  );
  return { identity, version: retired };
}
