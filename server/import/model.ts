// The records that make a bulk import recoverable after a crash (design: server/import/batch.ts).
import mongoose, { Schema, type Types } from 'mongoose';
import type { DatasetContent } from '../datasets/model';

/** One dataset a batch plans to write, with the id its audit event will carry (so it is written once). */
export interface BatchEntry {
  datasetId: Types.ObjectId;
  auditId: Types.ObjectId;
  slug: string;
}

export type BatchState = 'writing' | 'committed' | 'rolled_back';

/**
 * An import in progress, written before its first dataset write and removed once it is finished.
 * Small on purpose: the heartbeat rewrites it every few seconds and the reconciler scans these
 * records, so the (possibly 20,000-entry) list of planned writes lives in `import_batch_plans`.
 */
export interface ImportBatchDoc {
  _id: Types.ObjectId;
  organizationId: Types.ObjectId;
  actor: { id: Types.ObjectId | null; email?: string; ip: string | null };
  partial: boolean;
  /** Rows in the file and rows that failed validation (for the summary audit event). */
  total: number;
  invalid: number;
  state: BatchState;
  /** Token of the run (import request or reconciler pass) that holds the lease. */
  owner: string;
  /** Renewed by the owner while it works; a batch whose heartbeat is old has lost its owner. */
  heartbeatAt: Date;
  startedAt: Date;
  summaryAuditId: Types.ObjectId;
  rollbackAuditId: Types.ObjectId;
}

const entrySchema = new Schema<BatchEntry>(
  { datasetId: { type: Schema.Types.ObjectId, required: true }, auditId: { type: Schema.Types.ObjectId, required: true }, slug: { type: String, required: true } },
  { _id: false },
);

const batchSchema = new Schema<ImportBatchDoc>(
  {
    organizationId: { type: Schema.Types.ObjectId, required: true },
    actor: { type: Schema.Types.Mixed, required: true },
    partial: { type: Boolean, required: true },
    total: { type: Number, required: true },
    invalid: { type: Number, required: true },
    state: { type: String, required: true },
    owner: { type: String, required: true },
    heartbeatAt: { type: Date, required: true },
    startedAt: { type: Date, required: true },
    summaryAuditId: { type: Schema.Types.ObjectId, required: true },
    rollbackAuditId: { type: Schema.Types.ObjectId, required: true },
  },
  { versionKey: false, minimize: false, collection: 'import_batches' },
);
// The reconciler's scan: unfinished batches whose heartbeat is older than the lease.
batchSchema.index({ state: 1, heartbeatAt: 1 });

export const ImportBatch = mongoose.model<ImportBatchDoc>('ImportBatch', batchSchema);

/** What a batch will write: every dataset it creates or updates, under the batch's id. */
export interface ImportPlanDoc {
  _id: Types.ObjectId;
  creates: BatchEntry[];
  updates: BatchEntry[];
}

const planSchema = new Schema<ImportPlanDoc>(
  {
    creates: { type: [entrySchema], default: [] },
    updates: { type: [entrySchema], default: [] },
  },
  { versionKey: false, minimize: false, collection: 'import_batch_plans' },
);

export const ImportPlan = mongoose.model<ImportPlanDoc>('ImportPlan', planSchema);

/** The content of a draft before a batch replaced it, kept until the batch is finished. */
export interface ImportPriorDoc {
  _id: Types.ObjectId;
  batchId: Types.ObjectId;
  datasetId: Types.ObjectId;
  slug: string;
  /** The draft's revision before the batch wrote it; the batch's write made it rev + 1. */
  rev: number;
  content: DatasetContent;
  /** The batch tag the draft carried before (from an earlier, finished import), or null. */
  importBatchId: Types.ObjectId | null;
}

const priorSchema = new Schema<ImportPriorDoc>(
  {
    batchId: { type: Schema.Types.ObjectId, required: true },
    datasetId: { type: Schema.Types.ObjectId, required: true },
    slug: { type: String, required: true },
    rev: { type: Number, required: true },
    content: { type: Schema.Types.Mixed, required: true },
    importBatchId: { type: Schema.Types.ObjectId, default: null },
  },
  { versionKey: false, minimize: false, collection: 'import_batch_priors' },
);
// Rollback and clean-up read and delete the priors of one batch.
priorSchema.index({ batchId: 1 });

export const ImportPrior = mongoose.model<ImportPriorDoc>('ImportPrior', priorSchema);
