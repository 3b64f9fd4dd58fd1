import mongoose, { Schema, type Types } from 'mongoose';
import type { ArtifactFacts } from './review-diff';
import type { DatasetContent } from './model';

/**
 * What a reviewer saw when they asked for changes: the working copy's content and available files
 * at that moment (the working copy changes afterwards). The next submission is compared with it
 * (docs/design.md §5: "a resubmission shows the reviewer the changes since their last review"). Approvals
 * need no record: the published snapshot (`live`) is what was approved.
 */
export interface DatasetReviewRecordDoc {
  _id: Types.ObjectId;
  datasetId: Types.ObjectId;
  providerId: Types.ObjectId;
  /** The revision decided on; one decision per revision. */
  rev: number;
  /** Equal to the `at` of the decision's review-history entry, which is how the two are matched. */
  at: Date;
  action: 'request_changes';
  reviewerId: Types.ObjectId;
  content: DatasetContent;
  files: ArtifactFacts[];
}

const M = Schema.Types.Mixed;
const reviewRecordSchema = new Schema<DatasetReviewRecordDoc>(
  {
    datasetId: { type: Schema.Types.ObjectId, required: true },
    providerId: { type: Schema.Types.ObjectId, required: true },
    rev: { type: Number, required: true },
    at: { type: Date, required: true },
    action: { type: String, required: true },
    reviewerId: { type: Schema.Types.ObjectId, required: true },
    content: { type: M, required: true },
    files: { type: [M] as never, default: [] },
  },
  { minimize: false, versionKey: false, collection: 'dataset_review_records' },
);
// One decision per revision: two reviewers deciding the same submission at once meet here (409);
// GET /datasets/{id}/review-changes finds the record of a decision by dataset (and its time).
reviewRecordSchema.index({ datasetId: 1, rev: 1 }, { unique: true });

export const DatasetReviewRecord = mongoose.model<DatasetReviewRecordDoc>('DatasetReviewRecord', reviewRecordSchema);
