import mongoose, { Schema, type Types } from 'mongoose';

/** Append-only record of a security-relevant act. Never updated or deleted by the application. */
export interface AuditEventDoc {
  _id: Types.ObjectId;
  at: Date;
  actorId: Types.ObjectId | null;
  actorEmail?: string;
  action: string;
  targetType: string;
  targetId: string | null;
  organizationId?: Types.ObjectId | null;
  details: Record<string, unknown>;
  ip: string | null;
}

const auditSchema = new Schema<AuditEventDoc>(
  {
    at: { type: Date, required: true },
    actorId: { type: Schema.Types.ObjectId, default: null },
    actorEmail: String,
    action: { type: String, required: true },
    targetType: { type: String, required: true },
    targetId: { type: String, default: null },
    organizationId: { type: Schema.Types.ObjectId, default: null },
    details: { type: Schema.Types.Mixed, default: {} },
    ip: { type: String, default: null },
  },
  { versionKey: false, minimize: false, collection: 'audit_events' },
);
// GET /audit without filters or with only from/to: everything, newest first.
auditSchema.index({ at: -1 });
// Admin audit view: newest first, optionally by action.
auditSchema.index({ action: 1, at: -1 });
// "What happened to this object" (dataset history, request history).
auditSchema.index({ targetType: 1, targetId: 1, at: -1 });
// "What did this user do".
auditSchema.index({ actorId: 1, at: -1 });

export const AuditEvent = mongoose.model<AuditEventDoc>('AuditEvent', auditSchema);
