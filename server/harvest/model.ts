// Harvest sources, their runs and the record that ties a source's original identifier to the dataset
// made from it (docs/harvesting.md). The record's unique (sourceId, originalId) index is what keeps two
// runs, or two processes, from ever creating the same dataset twice.
import mongoose, { Schema, type Types } from 'mongoose';
import type { HarvestKind, HarvestSchedule } from '../../schemas/harvest';

export interface Bilingual {
  ko?: string;
  en?: string;
}

export interface HarvestSourceDoc {
  _id: Types.ObjectId;
  name: Bilingual;
  kind: HarvestKind;
  url: string;
  providerId: Types.ObjectId;
  schedule: HarvestSchedule;
  enabled: boolean;
  /** When the scheduler should run it next (null: manual or disabled). */
  nextRunAt: Date | null;
  /** The run in progress, if any: set by one conditional update (the claim), cleared when it ends. */
  runningRunId: Types.ObjectId | null;
  /** Scheduler lease: which process claimed the due source, and until when the claim holds. */
  leaseOwner: string | null;
  leaseUntil: Date | null;
  lastRunId: Types.ObjectId | null;
  /** Validators of the last complete response, sent back as If-None-Match / If-Modified-Since. */
  etag: string | null;
  lastModified: string | null;
  createdBy: Types.ObjectId;
  createdAt: Date;
  updatedAt: Date;
}

const sourceSchema = new Schema<HarvestSourceDoc>(
  {
    name: { type: Schema.Types.Mixed, required: true },
    kind: { type: String, required: true },
    url: { type: String, required: true },
    providerId: { type: Schema.Types.ObjectId, required: true },
    schedule: { type: String, required: true },
    enabled: { type: Boolean, default: true },
    nextRunAt: { type: Date, default: null },
    runningRunId: { type: Schema.Types.ObjectId, default: null },
    leaseOwner: { type: String, default: null },
    leaseUntil: { type: Date, default: null },
    lastRunId: { type: Schema.Types.ObjectId, default: null },
    etag: { type: String, default: null },
    lastModified: { type: String, default: null },
    createdBy: { type: Schema.Types.ObjectId, required: true },
  },
  { timestamps: true, minimize: false, versionKey: false, collection: 'harvest_sources' },
);
// The scheduler's question: enabled sources whose time has come.
sourceSchema.index({ enabled: 1, nextRunAt: 1 });
// The admin list, newest first.
sourceSchema.index({ createdAt: -1 });

export const HarvestSource = mongoose.model<HarvestSourceDoc>('HarvestSource', sourceSchema);

export type RunStatus = 'running' | 'succeeded' | 'not_modified' | 'failed';
export type RunTrigger = 'manual' | 'schedule';

export interface RunCounts {
  fetched: number;
  created: number;
  updated: number;
  unchanged: number;
  withdrawn: number;
  skipped: number;
}

/** A record left out of a run: its identifier when it had one, a stable code and the message's parameters. */
export interface SkippedRecord {
  originalId: string | null;
  code: string;
  params?: Record<string, unknown>;
}

export interface HarvestRunDoc {
  _id: Types.ObjectId;
  sourceId: Types.ObjectId;
  trigger: RunTrigger;
  status: RunStatus;
  startedAt: Date;
  finishedAt: Date | null;
  /** Renewed while the run works; a `running` run whose heartbeat is old lost its process. */
  heartbeatAt: Date;
  counts: RunCounts;
  /** The first SKIPPED_KEPT skipped records; `skippedTotal` counts them all. */
  skipped: SkippedRecord[];
  skippedTotal: number;
  error: { code: string; params?: Record<string, unknown> } | null;
}

/** How many skipped records a run report keeps. */
export const SKIPPED_KEPT = 200;

const runSchema = new Schema<HarvestRunDoc>(
  {
    sourceId: { type: Schema.Types.ObjectId, required: true },
    trigger: { type: String, required: true },
    status: { type: String, required: true },
    startedAt: { type: Date, required: true },
    finishedAt: { type: Date, default: null },
    heartbeatAt: { type: Date, required: true },
    counts: { type: Schema.Types.Mixed, required: true },
    skipped: { type: [Schema.Types.Mixed] as never, default: [] },
    skippedTotal: { type: Number, default: 0 },
    error: { type: Schema.Types.Mixed, default: null },
  },
  { minimize: false, versionKey: false, collection: 'harvest_runs' },
);
// A source's run history, newest first.
runSchema.index({ sourceId: 1, startedAt: -1 });

export const HarvestRun = mongoose.model<HarvestRunDoc>('HarvestRun', runSchema);

export interface HarvestRecordDoc {
  _id: Types.ObjectId;
  sourceId: Types.ObjectId;
  originalId: string;
  datasetId: Types.ObjectId;
  /** Hash of the mapped content: an update is written only when it changes. */
  hash: string;
  withdrawn: boolean;
}

const recordSchema = new Schema<HarvestRecordDoc>(
  {
    sourceId: { type: Schema.Types.ObjectId, required: true },
    originalId: { type: String, required: true },
    datasetId: { type: Schema.Types.ObjectId, required: true },
    hash: { type: String, required: true },
    withdrawn: { type: Boolean, default: false },
  },
  { versionKey: false, collection: 'harvest_records' },
);
// One dataset per (source, original identifier): the idempotency of harvesting; also each run's lookup.
recordSchema.index({ sourceId: 1, originalId: 1 }, { unique: true });

export const HarvestRecord = mongoose.model<HarvestRecordDoc>('HarvestRecord', recordSchema);
