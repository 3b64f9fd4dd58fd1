// A bulk import as a recoverable batch (docs/interop.md, "Crash safety"). docs/design.md §2 allows no
// multi-document transactions, so a process killed between the first dataset write and the last
// audit event must leave enough behind for another process to finish the job the right way:
//
// 1. Before any dataset write, an `import_batches` record (organisation, actor, options, counts,
//    state `writing`, a lease: owner token + heartbeat) and its plan in `import_batch_plans`: the
//    id of every dataset it will create or update, each with the `_id` its audit event will have.
//    For an all-or-nothing import the drafts it replaces are copied to `import_batch_priors`.
// 2. Every dataset the batch writes carries `importBatchId` (never presented). Updates go first, so
//    a draft changed meanwhile aborts an all-or-nothing import before the bulk insert.
// 3. Audit events are written after the data with their pre-assigned ids, so writing them again is
//    a duplicate-key no-op: whoever finishes a batch (the import itself or a reconciler) can never
//    record a dataset twice.
// 4. The commit point is one conditional update of the batch (`writing` → `committed`, only while
//    this run still holds the lease); then priors, plan and record are removed. The tag stays on
//    the datasets, inert: nothing reads it once its batch record is gone.
// 5. A batch still `writing` whose heartbeat is older than the lease has lost its process, or was
//    left by an import that failed unexpectedly (reconcile.ts): an all-or-nothing batch is rolled
//    back, a partial one gets its missing audit events. Both are idempotent, so a reconciler that
//    dies half-way is simply taken over again. Only write conflicts (a slug taken, a draft changed)
//    are rolled back by the import itself: then every command it sent has been answered.
//
// Rollback never undoes a person's act: a created draft is deleted, an updated one restored, only
// while it is exactly as the batch wrote it (same `rev`, still tagged). A draft someone edited or
// submitted while the batch was unfinished is left as they left it and named in the rollback's
// audit event (one they deleted stays deleted). All writes go through the Dataset model, so the
// search change feed sees them.
import { Types } from 'mongoose';
import { AuditEvent, type AuditEventDoc } from '../audit/model';
import type { AuditActor } from '../audit/record';
import { contentOf } from '../datasets/content';
import { CONTENT_FIELDS, Dataset, type DatasetDoc } from '../datasets/model';
import { isDuplicateKey } from '../http/errors';
import { ImportBatch, ImportPlan, ImportPrior, type BatchEntry, type BatchState, type ImportBatchDoc, type ImportPlanDoc, type ImportPriorDoc } from './model';

/** How often the owner of a batch renews its lease. */
export const HEARTBEAT_MS = 2_000;
/**
 * Documents per multi-document write command of an import. The database finishes a command it has
 * received even after its sender died or stopped waiting (a missed deadline), so this bounds how long
 * writes of a batch can go on once nobody is there to see them.
 */
export const WRITE_CHUNK = 500;
/**
 * A `writing` batch whose heartbeat is older than this has lost its owner. It must exceed one
 * heartbeat plus the longest single write command (WRITE_CHUNK documents), with a wide margin.
 */
export const STALE_AFTER_MS = 30_000;

/** The lease a run holds on a batch while it works on it. */
export interface Lease {
  readonly token: string;
  stop(): void;
}

/** A fresh owner token: one per import request or reconciler pass, never per process. */
export function newOwnerToken(): string {
  return new Types.ObjectId().toHexString();
}

/**
 * Renews the batch's heartbeat every HEARTBEAT_MS while `token` owns it. A run that lost the lease
 * finds out when it tries to finish the batch (finishBatch), the one step that must not happen twice.
 */
export function holdLease(batchId: Types.ObjectId, token: string): Lease {
  const timer = setInterval(() => {
    ImportBatch.updateOne({ _id: batchId, owner: token, state: 'writing' }, { $set: { heartbeatAt: new Date() } })
      .then((res) => {
        if (res.matchedCount === 0) clearInterval(timer);
      })
      // A missed beat is retried on the next tick; the lease lapses only after several.
      .catch(() => undefined);
  }, HEARTBEAT_MS);
  timer.unref();
  return { token, stop: () => clearInterval(timer) };
}

/** What an import is about to write. */
export interface BatchInput {
  organizationId: Types.ObjectId;
  actor: AuditActor;
  partial: boolean;
  total: number;
  invalid: number;
  creates: Array<{ datasetId: Types.ObjectId; slug: string }>;
  /** Drafts to be replaced, as read when planning (their content is kept for an all-or-nothing rollback). */
  updates: DatasetDoc[];
}

/** A batch opened by this process: its record and plan, the priors kept for rollback and the lease on it. */
export interface OpenBatch {
  doc: ImportBatchDoc;
  plan: ImportPlanDoc;
  priors: ImportPriorDoc[];
  lease: Lease;
}

/** Records the batch (and, for all-or-nothing, the drafts it replaces) before its first dataset write. */
export async function openBatch(input: BatchInput): Promise<OpenBatch> {
  const now = new Date();
  const entry = (datasetId: Types.ObjectId, slug: string): BatchEntry => ({ datasetId, auditId: new Types.ObjectId(), slug });
  const doc: ImportBatchDoc = {
    _id: new Types.ObjectId(),
    organizationId: input.organizationId,
    actor: { id: input.actor.id, email: input.actor.email, ip: input.actor.ip ?? null },
    partial: input.partial,
    total: input.total,
    invalid: input.invalid,
    state: 'writing',
    owner: newOwnerToken(),
    heartbeatAt: now,
    startedAt: now,
    summaryAuditId: new Types.ObjectId(),
    rollbackAuditId: new Types.ObjectId(),
  };
  const plan: ImportPlanDoc = {
    _id: doc._id,
    creates: input.creates.map((c) => entry(c.datasetId, c.slug)),
    updates: input.updates.map((u) => entry(u._id, u.slug)),
  };
  // A partial import keeps what it wrote, so it needs no way back.
  const priors: ImportPriorDoc[] = input.partial
    ? []
    : input.updates.map((u) => ({
        _id: new Types.ObjectId(),
        batchId: doc._id,
        datasetId: u._id,
        slug: u.slug,
        rev: u.rev,
        content: contentOf(u),
        importBatchId: u.importBatchId ?? null,
      }));
  await ImportBatch.create(doc);
  const lease = holdLease(doc._id, doc.owner);
  try {
    // lean: built here field by field; casting thousands of entries would only cost time.
    await ImportPlan.insertMany([plan], { lean: true });
    for (let i = 0; i < priors.length; i += WRITE_CHUNK) await ImportPrior.insertMany(priors.slice(i, i + WRITE_CHUNK), { lean: true });
  } catch (err) {
    lease.stop();
    throw err;
  }
  return { doc, plan, priors, lease };
}

/** Moves the batch out of `writing` if `token` still owns it; false when a reconciler has taken it over. */
export async function finishBatch(batchId: Types.ObjectId, token: string, state: Exclude<BatchState, 'writing'>): Promise<boolean> {
  const res = await ImportBatch.updateOne({ _id: batchId, owner: token, state: 'writing' }, { $set: { state, heartbeatAt: new Date() } });
  return res.modifiedCount === 1;
}

/** Removes a finished batch: priors, plan, then the record (the datasets keep their inert tag). */
export async function cleanUpBatch(batchId: Types.ObjectId): Promise<void> {
  await ImportPrior.deleteMany({ batchId });
  await ImportPlan.deleteOne({ _id: batchId });
  // Last, so that a clean-up cut short leaves a finished record for the reconciler to find.
  await ImportBatch.deleteOne({ _id: batchId, state: { $ne: 'writing' } });
}

/** The plan of a batch; empty when its process died between writing the record and the plan. */
export async function loadPlan(batchId: Types.ObjectId): Promise<ImportPlanDoc> {
  return (await ImportPlan.findById(batchId).lean<ImportPlanDoc>()) ?? { _id: batchId, creates: [], updates: [] };
}

/** Inserts audit events whose ids are pre-assigned; events already there are left as they are. */
async function insertOnce(events: Array<Omit<AuditEventDoc, '_id'> & { _id: Types.ObjectId }>): Promise<void> {
  for (let i = 0; i < events.length; i += WRITE_CHUNK) {
    try {
      await AuditEvent.insertMany(events.slice(i, i + WRITE_CHUNK), { ordered: false });
    } catch (err) {
      const raw = (err as { writeErrors?: unknown }).writeErrors;
      const writeErrors = (Array.isArray(raw) ? raw : raw ? [raw] : []) as Array<{ code?: number; err?: { code?: number } }>;
      if (!writeErrors.length || !writeErrors.every((w) => isDuplicateKey(w) || isDuplicateKey(w.err))) throw err;
    }
  }
}

function eventOf(batch: ImportBatchDoc, actor: AuditActor, id: Types.ObjectId, action: string, target: { type: string; id: string }, details: Record<string, unknown>) {
  return {
    _id: id,
    at: new Date(),
    actorId: actor.id,
    actorEmail: actor.email,
    action,
    targetType: target.type,
    targetId: target.id,
    organizationId: batch.organizationId,
    details: { ...details, batch: String(batch._id) },
    ip: actor.ip ?? null,
  };
}

/** The batch's counts for its `dataset.import` summary event. */
export interface BatchSummary {
  created: number;
  updated: number;
  invalid: number;
  reconciled?: boolean;
}

/**
 * Records one `dataset.create`/`dataset.update` event per dataset the batch wrote and its
 * `dataset.import` summary, each under its pre-assigned id: safe to call again for the same batch.
 */
export async function auditBatch(batch: ImportBatchDoc, written: { creates: BatchEntry[]; updates: BatchEntry[] }, summary: BatchSummary): Promise<void> {
  const actor = batch.actor;
  const perDataset = (action: string) => (e: BatchEntry) => eventOf(batch, actor, e.auditId, action, { type: 'dataset', id: String(e.datasetId) }, { slug: e.slug, via: 'import' });
  await insertOnce([...written.creates.map(perDataset('dataset.create')), ...written.updates.map(perDataset('dataset.update'))]);
  await insertOnce([
    eventOf(batch, actor, batch.summaryAuditId, 'dataset.import', { type: 'organization', id: String(batch.organizationId) }, {
      total: batch.total,
      created: summary.created,
      updated: summary.updated,
      invalid: summary.invalid,
      partial: batch.partial,
      ...(summary.reconciled ? { reconciled: true } : {}),
    }),
  ]);
}

/** The entries of the plan whose datasets the batch actually wrote (they carry its tag). */
export async function writtenEntries(plan: ImportPlanDoc): Promise<{ creates: BatchEntry[]; updates: BatchEntry[] }> {
  const ids = [...plan.creates, ...plan.updates].map((e) => e.datasetId);
  const found = ids.length ? await Dataset.find({ _id: { $in: ids }, importBatchId: plan._id }, { _id: 1 }).lean() : [];
  const written = new Set(found.map((d) => String(d._id)));
  const pick = (list: BatchEntry[]) => list.filter((e) => written.has(String(e.datasetId)));
  return { creates: pick(plan.creates), updates: pick(plan.updates) };
}

/** The update that puts a replaced draft's content (and earlier tag) back, as one more revision. */
function restoreUpdate(prior: ImportPriorDoc) {
  const set: Record<string, unknown> = { ...prior.content };
  const unset: Record<string, 1> = {};
  for (const f of CONTENT_FIELDS) if (prior.content[f] === undefined) unset[f] = 1;
  if (prior.importBatchId) set.importBatchId = prior.importBatchId;
  else unset.importBatchId = 1;
  return { $set: set, $unset: unset, $inc: { rev: 1 } };
}

/** What a rollback did. */
export interface RollbackOutcome {
  deleted: number;
  restored: number;
  /** Slugs of datasets the batch wrote that someone changed since: left as they are. */
  kept: string[];
}

/**
 * Takes back everything an all-or-nothing batch wrote that is still as it wrote it, and records it:
 * a `dataset.update` event per restored draft and one `dataset.import_rolled_back` event. Idempotent.
 */
export async function rollBackBatch(
  batch: ImportBatchDoc,
  plan: ImportPlanDoc,
  priors: ImportPriorDoc[],
  actor: AuditActor,
  reason: 'write_failed' | 'owner_lost',
): Promise<RollbackOutcome> {
  const createIds = plan.creates.map((e) => e.datasetId);
  let deleted = 0;
  const kept: string[] = [];
  if (createIds.length) {
    // rev 1: untouched since the insert. What survives the delete was changed by someone meanwhile.
    deleted = (await Dataset.deleteMany({ _id: { $in: createIds }, providerId: batch.organizationId, importBatchId: batch._id, rev: 1 })).deletedCount;
    const left = await Dataset.find({ _id: { $in: createIds }, importBatchId: batch._id }, { slug: 1 }).lean();
    kept.push(...left.map((d) => d.slug));
  }
  const restored: ImportPriorDoc[] = [];
  for (const prior of priors) {
    const res = await Dataset.updateOne({ _id: prior.datasetId, providerId: batch.organizationId, importBatchId: batch._id, rev: prior.rev + 1 }, restoreUpdate(prior));
    if (res.modifiedCount === 1) restored.push(prior);
    else if (await Dataset.exists({ _id: prior.datasetId, importBatchId: batch._id })) kept.push(prior.slug);
  }
  await insertOnce(
    restored.map((p) => eventOf(batch, actor, new Types.ObjectId(), 'dataset.update', { type: 'dataset', id: String(p.datasetId) }, { slug: p.slug, via: 'import_rollback' })),
  );
  await insertOnce([
    eventOf(batch, actor, batch.rollbackAuditId, 'dataset.import_rolled_back', { type: 'organization', id: String(batch.organizationId) }, {
      reason,
      importedBy: batch.actor.id ? String(batch.actor.id) : null,
      total: batch.total,
      deleted,
      restored: restored.length,
      kept,
    }),
  ]);
  return { deleted, restored: restored.length, kept };
}
