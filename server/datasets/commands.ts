import { Types } from 'mongoose';
import { applyMergePatch } from '../../schemas/merge-patch';
import { recordAudit } from '../audit/record';
import type { AuthUser, RequestContext } from '../http/context';
import { actorOf } from '../http/context';
import { conflict, forbidden, isDuplicateKey, preconditionFailed, unprocessable, validationFailed, type FieldError } from '../http/errors';
import { ImportBatch } from '../import/model';
import { findReferenceableVersion } from '../labeling/model';
import { Organization } from '../organizations/model';
import { activeGrantsFor } from '../access/grants';
import { providerScope, relationTo, requireView, reviewScope, seesWorkingCopy } from './access';
import { CONTENT_FIELDS, Dataset, DatasetVersion, type ChangeNote, type DatasetContent, type DatasetDoc, type LiveSnapshot } from './model';
import { fileChanges } from './files';
import { factsOf } from './review-diff';
import { DatasetReviewRecord } from './review-record';
import { draftErrors, publishReadinessErrors } from './readiness';
import { changedContentFields, datasetStore } from './store';

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

/** The provider-written content of a document. */
export function contentOf(doc: DatasetContent): DatasetContent {
  const out: Record<string, unknown> = {};
  for (const f of CONTENT_FIELDS) if (doc[f] !== undefined && doc[f] !== null) out[f] = doc[f];
  return out as DatasetContent;
}

/**
 * JSON merge patch (RFC 7396) of a PATCH body into content: objects merge recursively, arrays and
 * scalars replace, `null` removes the key (at any depth).
 */
export function mergeContent<T>(base: T, patch: Record<string, unknown>): T {
  return applyMergePatch(base, patch);
}

async function labelingReferenceErrors(content: DatasetContent): Promise<FieldError[]> {
  const ref = content.labeling;
  if (!ref?.procedureId) return [];
  const version = await findReferenceableVersion(String(ref.procedureId), Number(ref.procedureVersion));
  return version ? [] : [{ path: '/labeling/procedureVersion', code: 'procedure_version_not_referenceable' }];
}

async function checkDraft(content: DatasetContent): Promise<void> {
  const errors = [...draftErrors(content), ...(await labelingReferenceErrors(content))];
  if (errors.length) throw validationFailed(errors);
}

function hasAvailableSample(doc: DatasetDoc): boolean {
  return doc.artifacts.some((a) => a.kind === 'sample' && a.status === 'available');
}

async function checkReadiness(doc: DatasetDoc): Promise<void> {
  const content = contentOf(doc);
  const errors = [...publishReadinessErrors(content, { hasAvailableSample: hasAvailableSample(doc) }), ...(await labelingReferenceErrors(content))];
  if (errors.length) throw unprocessable('not_ready_for_publication', errors);
}

/** Creates a draft in the caller's organisation (admins may name another provider). */
export async function createDataset(ctx: RequestContext, body: Record<string, unknown>): Promise<DatasetDoc> {
  const user = ctx.user!;
  let providerId = user.organizationId;
  if (body.providerId !== undefined) {
    providerId = new Types.ObjectId(String(body.providerId));
    if (!(await Organization.exists({ _id: providerId }))) throw validationFailed([{ path: '/providerId', code: 'unknown_organization' }]);
  }
  const scope = providerScope(user, providerId);
  const content = contentOf(body as DatasetContent);
  await checkDraft(content);
  try {
    const created = await Dataset.create({ ...content, providerId: scope.organizationId, createdBy: user.id, status: 'draft', version: 0, rev: 1 });
    await recordAudit(actorOf(ctx), 'dataset.create', { type: 'dataset', id: created._id, organizationId: providerId }, { slug: content.slug });
    return created.toObject() as DatasetDoc;
  } catch (err) {
    if (isDuplicateKey(err)) throw conflict('slug_taken', { slug: content.slug });
    throw err;
  }
}

/**
 * Refuses (409) to change a draft a bulk import is still writing or has not settled after a crash:
 * the import may yet roll it back or restore its earlier content (server/import/batch.ts).
 */
export async function assertNotImporting(doc: Pick<DatasetDoc, 'importBatchId'>): Promise<void> {
  if (doc.importBatchId && (await ImportBatch.exists({ _id: doc.importBatchId }))) throw conflict('import_in_progress');
}

/** Parses an If-Match header and fails with 412 when it does not name the current revision. */
export function checkIfMatch(ifMatch: string | undefined, doc: Pick<DatasetDoc, 'rev'>): void {
  if (!ifMatch || ifMatch.trim() === '*') return;
  const tags = ifMatch.split(',').map((t) => t.trim().replace(/^W\//, ''));
  if (!tags.includes(`"r${doc.rev}"`)) throw preconditionFailed();
}

/**
 * Applies a PATCH to the working copy. Editing a published dataset starts a revision draft; the
 * published snapshot stays in the catalogue until the revision is approved.
 */
export async function updateDataset(ctx: RequestContext, idOrSlug: string, patch: Record<string, unknown>, ifMatch: string | undefined): Promise<DatasetDoc> {
  const user = ctx.user!;
  const { doc } = requireView(await loadDataset(idOrSlug), user);
  const scope = providerScope(user, doc.providerId);
  checkIfMatch(ifMatch, doc);
  if (doc.status === 'in_review') throw conflict('dataset_in_review');
  await assertNotImporting(doc);
  const merged = mergeContent(contentOf(doc), patch);
  await checkDraft(merged);
  const nextStatus = doc.status === 'published' || doc.status === 'withdrawn' ? 'draft' : doc.status;
  const unset: Record<string, 1> = {};
  for (const f of CONTENT_FIELDS) if (merged[f] === undefined && doc[f] !== undefined) unset[f] = 1;
  try {
    const updated = await Dataset.findOneAndUpdate(
      { _id: doc._id, providerId: scope.organizationId, rev: doc.rev, status: doc.status },
      { $set: { ...merged, status: nextStatus }, ...(Object.keys(unset).length ? { $unset: unset } : {}), $inc: { rev: 1 } },
      { returnDocument: 'after' },
    ).lean<DatasetDoc>();
    if (!updated) throw preconditionFailed();
    await recordAudit(actorOf(ctx), 'dataset.update', { type: 'dataset', id: doc._id, organizationId: doc.providerId }, { fields: Object.keys(patch) });
    return updated;
  } catch (err) {
    if (isDuplicateKey(err)) throw conflict('slug_taken', { slug: merged.slug });
    throw err;
  }
}

/** Deletes a dataset that has never been published, with its stored artifacts' keys returned for cleanup. */
export async function deleteDataset(ctx: RequestContext, idOrSlug: string, ifMatch: string | undefined): Promise<string[]> {
  const user = ctx.user!;
  const { doc } = requireView(await loadDataset(idOrSlug), user);
  const scope = providerScope(user, doc.providerId);
  checkIfMatch(ifMatch, doc);
  if (doc.version > 0 || !['draft', 'changes_requested'].includes(doc.status)) throw conflict('dataset_not_deletable');
  await assertNotImporting(doc);
  const res = await Dataset.deleteOne({ _id: doc._id, providerId: scope.organizationId, rev: doc.rev, version: 0 });
  if (res.deletedCount !== 1) throw preconditionFailed();
  await DatasetReviewRecord.deleteMany({ datasetId: doc._id });
  await recordAudit(actorOf(ctx), 'dataset.delete', { type: 'dataset', id: doc._id, organizationId: doc.providerId }, { slug: doc.slug });
  return doc.artifacts.map((a) => a.key);
}

function historyEntry(user: AuthUser, action: 'submit' | 'approve' | 'request_changes' | 'withdraw', extra: { comment?: string; version?: number; at?: Date } = {}) {
  return { action, by: user.id, byName: user.name, at: new Date(), ...extra };
}

/** Submits a draft for publication review after checking it is ready, with the provider's public change summary. */
export async function submitDataset(ctx: RequestContext, idOrSlug: string, changeNote: ChangeNote | null = null): Promise<DatasetDoc> {
  const user = ctx.user!;
  const { doc } = requireView(await loadDataset(idOrSlug), user);
  const scope = providerScope(user, doc.providerId);
  if (!['draft', 'changes_requested'].includes(doc.status)) throw conflict('invalid_status_transition', { from: doc.status, to: 'in_review' });
  await assertNotImporting(doc);
  await checkReadiness(doc);
  const updated = await Dataset.findOneAndUpdate(
    { _id: doc._id, providerId: scope.organizationId, rev: doc.rev, status: doc.status },
    { $set: { status: 'in_review', submittedBy: user.id, changeNote: cleanNote(changeNote) }, $push: { reviewHistory: historyEntry(user, 'submit') }, $inc: { rev: 1 } },
    { returnDocument: 'after' },
  ).lean<DatasetDoc>();
  if (!updated) throw conflict('concurrent_modification');
  await recordAudit(actorOf(ctx), 'dataset.submit', { type: 'dataset', id: doc._id, organizationId: doc.providerId });
  return updated;
}

function cleanNote(note: ChangeNote | null): ChangeNote | null {
  const ko = note?.ko?.trim();
  const en = note?.en?.trim();
  return ko || en ? { ...(ko ? { ko } : {}), ...(en ? { en } : {}) } : null;
}

/**
 * A reviewer's decision on a submission: approve (publish as version+1, with the working copy's
 * available files as the new public set) or request changes. Returns the document and the storage
 * keys no face refers to any more (files removed in this version), for the caller to delete.
 */
export async function reviewDataset(
  ctx: RequestContext,
  idOrSlug: string,
  action: 'approve' | 'request_changes',
  comment: string | undefined,
): Promise<{ doc: DatasetDoc; orphanedKeys: string[] }> {
  const user = ctx.user!;
  const { doc } = requireView(await loadDataset(idOrSlug), user);
  reviewScope(user, doc.providerId);
  if (doc.status !== 'in_review') throw conflict('invalid_status_transition', { from: doc.status, to: action === 'approve' ? 'published' : 'changes_requested' });
  // Separation of duties: whoever submitted can never decide, whatever roles they hold.
  if (doc.submittedBy && doc.submittedBy.equals(user.id)) throw forbidden('cannot_review_own_submission');
  const trimmed = comment?.trim() || undefined;

  if (action === 'request_changes') {
    // What the reviewer saw is kept first (the working copy changes afterwards), so that the
    // resubmission can be compared with it; the unique (dataset, rev) record is where concurrent
    // decisions meet, and the history entry carries the same `at` (server/datasets/review-changes.ts).
    const at = new Date();
    let record;
    try {
      record = await DatasetReviewRecord.create({
        datasetId: doc._id,
        providerId: doc.providerId,
        rev: doc.rev,
        at,
        action: 'request_changes',
        reviewerId: user.id,
        content: contentOf(doc),
        files: doc.artifacts.filter((a) => a.status === 'available').map(factsOf),
      });
    } catch (err) {
      if (isDuplicateKey(err)) throw conflict('concurrent_modification');
      throw err;
    }
    const updated = await Dataset.findOneAndUpdate(
      { _id: doc._id, rev: doc.rev, status: 'in_review' },
      { $set: { status: 'changes_requested' }, $push: { reviewHistory: historyEntry(user, 'request_changes', { comment: trimmed, at }) }, $inc: { rev: 1 } },
      { returnDocument: 'after' },
    ).lean<DatasetDoc>();
    if (!updated) {
      await DatasetReviewRecord.deleteOne({ _id: record._id });
      throw conflict('concurrent_modification');
    }
    await recordAudit(actorOf(ctx), 'dataset.changes_requested', { type: 'dataset', id: doc._id, organizationId: doc.providerId }, { comment: trimmed });
    return { doc: updated, orphanedKeys: [] };
  }

  await checkReadiness(doc);
  const version = doc.version + 1;
  const publishedAt = new Date();
  const snapshot = contentOf(doc);
  const files = doc.artifacts.filter((a) => a.status === 'available');
  const { added, removed } = fileChanges(doc);
  // The unique (datasetId, version) index makes the snapshot insert the point where concurrent approvals are decided.
  let versionDoc;
  try {
    versionDoc = await DatasetVersion.create({
      datasetId: doc._id,
      providerId: doc.providerId,
      version,
      snapshot,
      publishedAt,
      approvedBy: user.id,
      submittedBy: doc.submittedBy,
      changeNote: doc.changeNote ?? null,
      reviewerComment: trimmed,
      artifacts: files,
    });
  } catch (err) {
    if (isDuplicateKey(err)) throw conflict('concurrent_modification');
    throw err;
  }
  // The store's history gains the version before the dataset shows it (readers compare the two).
  const store = datasetStore();
  const datasetId = doc._id.toHexString();
  if (store.loaded && (doc.live?.version ?? 0) === version - 1) {
    store.addVersion(datasetId, {
      version,
      publishedAt,
      changeNote: versionDoc.changeNote ?? null,
      reviewerComment: trimmed ?? null,
      changedFields: changedContentFields(doc.live ? (contentOf(doc.live) as Record<string, unknown>) : undefined, snapshot as Record<string, unknown>),
    });
  }
  const live: LiveSnapshot = { ...snapshot, version, publishedAt, approvedBy: user.id, artifacts: files };
  const updated = await Dataset.findOneAndUpdate(
    { _id: doc._id, rev: doc.rev, status: 'in_review' },
    {
      $set: { status: 'published', version, live, publishedAt, withdrawnAt: null, changeNote: null },
      $push: { reviewHistory: historyEntry(user, 'approve', { comment: trimmed, version }) },
      $inc: { rev: 1 },
    },
    { returnDocument: 'after' },
  ).lean<DatasetDoc>();
  if (!updated) {
    // Someone changed the dataset between our read and write: undo the snapshot we added.
    await DatasetVersion.deleteOne({ _id: versionDoc._id });
    store.dropVersion(datasetId, version);
    throw conflict('concurrent_modification');
  }
  await recordAudit(
    actorOf(ctx),
    'dataset.publish',
    { type: 'dataset', id: doc._id, organizationId: doc.providerId },
    { version, comment: trimmed, filesAdded: added.map((a) => a.id), filesRemoved: removed.map((a) => a.id) },
  );
  // Files removed from the working copy stayed public until now; nothing refers to them any more.
  const kept = new Set(updated.artifacts.map((a) => a.key));
  return { doc: updated, orphanedKeys: removed.map((a) => a.key).filter((k) => !kept.has(k)) };
}

/** Withdraws a published dataset from the catalogue (existing grantees keep seeing it). */
export async function withdrawDataset(ctx: RequestContext, idOrSlug: string, comment: string | undefined): Promise<DatasetDoc> {
  const user = ctx.user!;
  const { doc } = requireView(await loadDataset(idOrSlug), user);
  const scope = providerScope(user, doc.providerId);
  if (!doc.live || doc.withdrawnAt || doc.status === 'in_review') throw conflict('invalid_status_transition', { from: doc.status, to: 'withdrawn' });
  const updated = await Dataset.findOneAndUpdate(
    { _id: doc._id, providerId: scope.organizationId, rev: doc.rev, withdrawnAt: null },
    { $set: { status: 'withdrawn', withdrawnAt: new Date() }, $push: { reviewHistory: historyEntry(user, 'withdraw', { comment: comment?.trim() || undefined }) }, $inc: { rev: 1 } },
    { returnDocument: 'after' },
  ).lean<DatasetDoc>();
  if (!updated) throw conflict('concurrent_modification');
  await recordAudit(actorOf(ctx), 'dataset.withdraw', { type: 'dataset', id: doc._id, organizationId: doc.providerId });
  return updated;
}

/** Top-level content fields that differ between two snapshots. */
export function changedFields(a: DatasetContent | undefined, b: DatasetContent): string[] {
  return changedContentFields(a as Record<string, unknown> | undefined, b as Record<string, unknown>);
}

