import mongoose, { Schema, type Types } from 'mongoose';

export type ProcedureStatus = 'draft' | 'active' | 'superseded' | 'retired';

/** Fields of one procedure version a provider writes (validated by schemas/labeling-procedure). */
export const PROCEDURE_CONTENT_FIELDS = [
  'title',
  'taskType',
  'modalities',
  'labelSchema',
  'guideline',
  'workforce',
  'tools',
  'steps',
  'qa',
] as const;
export type ProcedureContentField = (typeof PROCEDURE_CONTENT_FIELDS)[number];
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type ProcedureContent = Partial<Record<ProcedureContentField, any>>;

/** The identity of a procedure across its versions. */
export interface LabelingProcedureDoc {
  _id: Types.ObjectId;
  slug: string;
  providerId: Types.ObjectId;
  createdBy: Types.ObjectId;
  latestVersion: number;
  /** The active version, or null when none is active. */
  activeVersion: number | null;
  createdAt: Date;
  updatedAt: Date;
}

const procedureSchema = new Schema<LabelingProcedureDoc>(
  {
    slug: { type: String, required: true },
    providerId: { type: Schema.Types.ObjectId, required: true },
    createdBy: { type: Schema.Types.ObjectId, required: true },
    latestVersion: { type: Number, required: true, default: 1 },
    activeVersion: { type: Number, default: null },
  },
  { timestamps: true, versionKey: false, collection: 'labeling_procedures' },
);
// GET /labeling-procedures/{slug} and unique slugs.
procedureSchema.index({ slug: 1 }, { unique: true });
// Registry list: procedures with an active version, newest first; a provider's own procedures.
procedureSchema.index({ activeVersion: 1, updatedAt: -1 });
procedureSchema.index({ providerId: 1, updatedAt: -1 });

export const LabelingProcedure = mongoose.model<LabelingProcedureDoc>('LabelingProcedure', procedureSchema);

/** One version of a procedure. Immutable once active: updates always filter on status 'draft'. */
export interface ProcedureVersionDoc extends ProcedureContent {
  _id: Types.ObjectId;
  procedureId: Types.ObjectId;
  providerId: Types.ObjectId;
  version: number;
  status: ProcedureStatus;
  rev: number;
  createdBy: Types.ObjectId;
  activatedAt: Date | null;
  activatedBy: Types.ObjectId | null;
  supersededAt: Date | null;
  retiredAt: Date | null;
  retiredBy: Types.ObjectId | null;
  createdAt: Date;
  updatedAt: Date;
}

const M = Schema.Types.Mixed;
const versionSchema = new Schema<ProcedureVersionDoc>(
  {
    procedureId: { type: Schema.Types.ObjectId, required: true },
    providerId: { type: Schema.Types.ObjectId, required: true },
    version: { type: Number, required: true },
    status: { type: String, required: true, default: 'draft' },
    rev: { type: Number, default: 1 },
    createdBy: { type: Schema.Types.ObjectId, required: true },
    activatedAt: { type: Date, default: null },
    activatedBy: { type: Schema.Types.ObjectId, default: null },
    supersededAt: { type: Date, default: null },
    retiredAt: { type: Date, default: null },
    retiredBy: { type: Schema.Types.ObjectId, default: null },
    title: M,
    taskType: String,
    modalities: { type: [String], default: undefined },
    labelSchema: M,
    guideline: M,
    workforce: M,
    tools: { type: [String], default: undefined },
    steps: { type: [M], default: undefined },
    qa: M,
  },
  { timestamps: true, minimize: false, versionKey: false, collection: 'labeling_procedure_versions' },
);
// GET …/versions and …/versions/{v}; one document per (procedure, version) — also the guard against two concurrent "new version" calls.
versionSchema.index({ procedureId: 1, version: -1 }, { unique: true });
// Dataset reference checks and registry listing by status.
versionSchema.index({ procedureId: 1, status: 1 });
// Registry list (GET /labeling-procedures): active versions, newest change first.
versionSchema.index({ status: 1, updatedAt: -1 });
// Registry list for members: their organisation's drafts beside the active versions.
versionSchema.index({ providerId: 1, status: 1, updatedAt: -1 });

export const ProcedureVersion = mongoose.model<ProcedureVersionDoc>('ProcedureVersion', versionSchema);

/** Looks up a version a dataset may reference (active or superseded), or null. */
export async function findReferenceableVersion(procedureId: string, version: number): Promise<ProcedureVersionDoc | null> {
  // A missing or non-integer version (a merge patch removing it) references nothing, rather than failing the query's cast.
  if (!mongoose.isValidObjectId(procedureId) || !Number.isInteger(version)) return null;
  return ProcedureVersion.findOne({
    procedureId: new mongoose.Types.ObjectId(procedureId),
    version,
    status: { $in: ['active', 'superseded'] },
  }).lean<ProcedureVersionDoc>();
}
