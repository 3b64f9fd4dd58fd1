import mongoose, { Schema, type Types } from 'mongoose';
import { changeFeed } from '../infra/change-feed';

/** Fields a provider writes; the same shape is frozen into each published snapshot. */
export const CONTENT_FIELDS = [
  'slug',
  'title',
  'summary',
  'description',
  'keywords',
  'modalities',
  'tasks',
  'languages',
  'techAreas',
  'domain',
  'temporalCoverage',
  'spatialCoverage',
  'size',
  'formats',
  'license',
  'disclosure',
  'classification',
  'labeling',
  'contact',
  'externalAccess',
] as const;
export type ContentField = (typeof CONTENT_FIELDS)[number];
// Content is validated by the JSON Schemas in schemas/ before it reaches the database.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type DatasetContent = { slug: string } & Partial<Record<Exclude<ContentField, 'slug'>, any>>;

export type DatasetStatus = 'draft' | 'in_review' | 'changes_requested' | 'published' | 'withdrawn';

export interface ArtifactDoc {
  id: string;
  kind: 'data' | 'sample' | 'guideline' | 'datacard' | 'schema' | 'agreement' | 'other';
  key: string;
  filename: string;
  contentType: string;
  bytes: number;
  sha256: string;
  status: 'pending' | 'available' | 'rejected';
  uploadedAt: Date | null;
  createdAt: Date;
  createdBy: Types.ObjectId;
}

export interface ReviewEvent {
  action: 'submit' | 'approve' | 'request_changes' | 'withdraw';
  by: Types.ObjectId;
  byName: string;
  at: Date;
  comment?: string;
  version?: number;
}

/** A provider's public summary of what changed in a version (shown in the public history). */
export interface ChangeNote {
  ko?: string;
  en?: string;
}

/**
 * The published face of a dataset: the content and the files as approved, plus when and by whom.
 * Files added to or removed from the working copy reach it only through the next approval.
 */
export interface LiveSnapshot extends DatasetContent {
  version: number;
  publishedAt: Date;
  approvedBy: Types.ObjectId;
  artifacts: ArtifactDoc[];
}

/** Where a harvested dataset came from (docs/harvesting.md); the dataset is read-only here. */
export interface HarvestOrigin {
  kind: 'harvested';
  sourceId: Types.ObjectId;
  /** The source as it was named when last harvested (renames are copied over). */
  source: { name: { ko?: string; en?: string }; kind: string; url: string };
  originalId: string;
  landingPage: string | null;
  harvestedAt: Date;
  sourceModified: string | null;
  suggested: { techAreas: { kr: string[]; us: string[] }; modalities: string[] };
  curated: boolean;
}

export interface DatasetDoc extends DatasetContent {
  _id: Types.ObjectId;
  providerId: Types.ObjectId;
  createdBy: Types.ObjectId;
  status: DatasetStatus;
  /** Number of publications so far; the live snapshot carries the same number. */
  version: number;
  /** Optimistic-concurrency revision, the basis of the ETag; +1 on every write. */
  rev: number;
  artifacts: ArtifactDoc[];
  reviewHistory: ReviewEvent[];
  submittedBy: Types.ObjectId | null;
  /** The public change summary of the submission under review (becomes the version's note). */
  changeNote: ChangeNote | null;
  live: LiveSnapshot | null;
  publishedAt: Date | null;
  withdrawnAt: Date | null;
  /** The bulk import that last wrote this document (server/import/batch.ts); never presented. */
  importBatchId?: Types.ObjectId | null;
  /** Set on datasets a harvest made (server/harvest/): where they came from; absent on local ones. */
  origin?: HarvestOrigin | null;
  createdAt: Date;
  updatedAt: Date;
}

const M = Schema.Types.Mixed;
const datasetSchema = new Schema<DatasetDoc>(
  {
    slug: { type: String, required: true },
    providerId: { type: Schema.Types.ObjectId, required: true },
    createdBy: { type: Schema.Types.ObjectId, required: true },
    status: { type: String, required: true, default: 'draft' },
    version: { type: Number, default: 0 },
    rev: { type: Number, default: 1 },
    title: M,
    summary: M,
    description: M,
    keywords: M,
    modalities: { type: [String], default: undefined },
    tasks: { type: [String], default: undefined },
    languages: { type: [String], default: undefined },
    techAreas: M,
    domain: String,
    temporalCoverage: M,
    spatialCoverage: M,
    size: M,
    formats: { type: [String], default: undefined },
    license: M,
    disclosure: M,
    classification: M,
    labeling: M,
    contact: M,
    // Full-data access held elsewhere; only callers allowed scope `full` see it (presenter.ts).
    externalAccess: { type: [M] as never, default: undefined },
    artifacts: { type: [M] as never, default: [] },
    reviewHistory: { type: [M] as never, default: [] },
    submittedBy: { type: Schema.Types.ObjectId, default: null },
    changeNote: { type: M, default: null },
    live: { type: M, default: null },
    publishedAt: { type: Date, default: null },
    withdrawnAt: { type: Date, default: null },
    importBatchId: Schema.Types.ObjectId,
    origin: { type: M, default: undefined },
  },
  { timestamps: true, minimize: false, versionKey: false, collection: 'datasets' },
);
// GET /datasets/{slug} and the unique-slug rule (409 on duplicates).
datasetSchema.index({ slug: 1 }, { unique: true });
// Provider workspace: an organisation's datasets by status, most recently edited first.
datasetSchema.index({ providerId: 1, status: 1, updatedAt: -1 });
// Reviewer queue: everything in review, oldest submission first.
datasetSchema.index({ status: 1, updatedAt: 1 });
// Public catalogue: live, not withdrawn, newest publication first, filtered by classification.
datasetSchema.index({ withdrawnAt: 1, 'live.classification.level': 1, publishedAt: -1 });

// Every write is announced to the search index (server/search/sync.ts).
datasetSchema.plugin(changeFeed('dataset'));

export const Dataset = mongoose.model<DatasetDoc>('Dataset', datasetSchema);

export interface DatasetVersionDoc {
  _id: Types.ObjectId;
  datasetId: Types.ObjectId;
  providerId: Types.ObjectId;
  version: number;
  snapshot: DatasetContent;
  publishedAt: Date;
  approvedBy: Types.ObjectId;
  submittedBy: Types.ObjectId | null;
  /** The provider's public summary of the change. */
  changeNote?: ChangeNote | null;
  /** The approving reviewer's note: private to the provider's members, reviewers and admins. */
  reviewerComment?: string;
  /** The files approved with this version. */
  artifacts?: ArtifactDoc[];
}

const datasetVersionSchema = new Schema<DatasetVersionDoc>(
  {
    datasetId: { type: Schema.Types.ObjectId, required: true },
    providerId: { type: Schema.Types.ObjectId, required: true },
    version: { type: Number, required: true },
    snapshot: { type: M, required: true },
    publishedAt: { type: Date, required: true },
    approvedBy: { type: Schema.Types.ObjectId, required: true },
    submittedBy: { type: Schema.Types.ObjectId, default: null },
    changeNote: { type: M, default: null },
    reviewerComment: String,
    artifacts: { type: [M] as never, default: undefined },
  },
  { minimize: false, versionKey: false, collection: 'dataset_versions' },
);
// GET /datasets/{id}/versions (newest first) and exactly one snapshot per published version.
datasetVersionSchema.index({ datasetId: 1, version: -1 }, { unique: true });

export const DatasetVersion = mongoose.model<DatasetVersionDoc>('DatasetVersion', datasetVersionSchema);
