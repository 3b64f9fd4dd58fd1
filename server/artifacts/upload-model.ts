// State of a multipart upload of a full-data file (docs/design.md §3 artifacts `data`). It lives apart from
// the dataset document: acknowledging a part must not change the dataset's revision (its ETag), and
// a large file has thousands of parts. The artifact itself stays `pending` in the dataset until
// the upload is completed and verified.
import mongoose, { Schema, type Types } from 'mongoose';

/** One part the uploader announced: the SHA-256 its bytes must have, and the ETag once stored. */
export interface UploadPartDoc {
  number: number;
  /** Lower-case hex SHA-256 declared when the part's URL was issued. */
  sha256: string;
  /** The ETag storage answered the part's PUT with (as acknowledged by the uploader); null until then. */
  etag: string | null;
  acknowledgedAt: Date | null;
}

/** `open` takes parts; `assembled` means storage has built the object from them (verification may still be due). */
export type UploadState = 'open' | 'assembled';

export interface ArtifactUploadDoc {
  /** The artifact's id: one upload per artifact, and writes name it by `_id` (server/infra/write-order.ts). */
  _id: string;
  datasetId: Types.ObjectId;
  organizationId: Types.ObjectId;
  key: string;
  /** Storage's id of the multipart upload. */
  uploadId: string;
  bytes: number;
  partSize: number;
  partCount: number;
  /** Announced parts, in number order; absent numbers were never asked for. */
  parts: UploadPartDoc[];
  state: UploadState;
  /** Set while one completion runs (it reads the whole object); a stale claim may be taken over. */
  completingAt: Date | null;
  /** Raised by every write: the precondition of each read-modify-write (docs/design.md §2). */
  rev: number;
  createdAt: Date;
  createdBy: Types.ObjectId;
  /** After this, no more part URLs are issued; the uploader starts again. */
  expiresAt: Date;
}

const M = Schema.Types.Mixed;
const uploadSchema = new Schema<ArtifactUploadDoc>(
  {
    _id: { type: String, required: true },
    datasetId: { type: Schema.Types.ObjectId, required: true },
    organizationId: { type: Schema.Types.ObjectId, required: true },
    key: { type: String, required: true },
    uploadId: { type: String, required: true },
    bytes: { type: Number, required: true },
    partSize: { type: Number, required: true },
    partCount: { type: Number, required: true },
    parts: { type: [M] as never, default: [] },
    state: { type: String, required: true, default: 'open' },
    completingAt: { type: Date, default: null },
    rev: { type: Number, required: true, default: 0 },
    createdAt: { type: Date, required: true },
    createdBy: { type: Schema.Types.ObjectId, required: true },
    expiresAt: { type: Date, required: true },
  },
  { minimize: false, versionKey: false, collection: 'artifact_uploads' },
);
// The per-dataset bound on unfinished uploads counts these.
uploadSchema.index({ datasetId: 1 });

export const ArtifactUpload = mongoose.model<ArtifactUploadDoc>('ArtifactUpload', uploadSchema);
