// The publication workflow of a dataset (docs/design.md §5): submit for review, approve or request changes, withdraw.
import { recordAudit } from '../audit/record';
import { assertLocal } from '../harvest/origin-view';
import { actorOf, type AuthUser, type RequestContext } from '../http/context';
import { conflict, forbidden, isDuplicateKey } from '../http/errors';
import { providerScope, requireView, reviewScope } from './access';
import { assertNotImporting, checkReadiness, contentOf } from './content';
import { fileChanges } from './files';
import { loadDataset } from './load';
import { Dataset, DatasetVersion, type ChangeNote, type DatasetDoc, type LiveSnapshot } from './model';
import { factsOf } from './review-diff';
import { DatasetReviewRecord } from './review-record';
import { changedContentFields, datasetStore } from './store';

function historyEntry(
  user: AuthUser,
  action: 'submit' | 'approve' | 'request_changes' | 'withdraw',
  extra: { comment?: string; version?: number; at?: Date } = {},
) {
  return { action, by: user.id, byName: user.name, at: new Date(), ...extra };
}

/** Submits a draft for publication review after checking it is ready, with the provider's public change summary. */
export async function submitDataset(ctx: RequestContext, idOrSlug: string, changeNote: ChangeNote | null = null): Promise<DatasetDoc> {
  const user = ctx.user!;
  const { doc } = requireView(await loadDataset(idOrSlug), user);
  const scope = providerScope(user, doc.providerId);
  assertLocal(doc, ctx.lang);
  if (!['draft', 'changes_requested'].includes(doc.status))
    throw conflict('invalid_status_transition', { from: doc.status, to: 'in_review' });
  await assertNotImporting(doc);
  await checkReadiness(doc);
  const updated = await Dataset.findOneAndUpdate(
    { _id: doc._id, providerId: scope.organizationId, rev: doc.rev, status: doc.status },
    {
      $set: { status: 'in_review', submittedBy: user.id, changeNote: cleanNote(changeNote) },
      $push: { reviewHistory: historyEntry(user, 'submit') },
      $inc: { rev: 1 },
    },
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
  assertLocal(doc, ctx.lang);
  if (doc.status !== 'in_review')
    throw conflict('invalid_status_transition', { from: doc.status, to: action === 'approve' ? 'published' : 'changes_requested' });
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
      {
        $set: { status: 'changes_requested' },
        $push: { reviewHistory: historyEntry(user, 'request_changes', { comment: trimmed, at }) },
        $inc: { rev: 1 },
      },
      { returnDocument: 'after' },
    ).lean<DatasetDoc>();
    if (!updated) {
      await DatasetReviewRecord.deleteOne({ _id: record._id });
      throw conflict('concurrent_modification');
    }
    await recordAudit(
      actorOf(ctx),
      'dataset.changes_requested',
      { type: 'dataset', id: doc._id, organizationId: doc.providerId },
      { comment: trimmed },
    );
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
      changedFields: changedContentFields(
        doc.live ? (contentOf(doc.live) as Record<string, unknown>) : undefined,
        snapshot as Record<string, unknown>,
      ),
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
  assertLocal(doc, ctx.lang);
  if (!doc.live || doc.withdrawnAt || doc.status === 'in_review')
    throw conflict('invalid_status_transition', { from: doc.status, to: 'withdrawn' });
  const updated = await Dataset.findOneAndUpdate(
    { _id: doc._id, providerId: scope.organizationId, rev: doc.rev, withdrawnAt: null },
    {
      $set: { status: 'withdrawn', withdrawnAt: new Date() },
      $push: { reviewHistory: historyEntry(user, 'withdraw', { comment: comment?.trim() || undefined }) },
      $inc: { rev: 1 },
    },
    { returnDocument: 'after' },
  ).lean<DatasetDoc>();
  if (!updated) throw conflict('concurrent_modification');
  await recordAudit(actorOf(ctx), 'dataset.withdraw', { type: 'dataset', id: doc._id, organizationId: doc.providerId });
  return updated;
}
