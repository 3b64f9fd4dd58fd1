import type { Types } from 'mongoose';
import { AuditEvent } from './model';

export interface AuditActor {
  id: Types.ObjectId | null;
  email?: string;
  ip?: string | null;
}

/** Appends one audit event. Awaited by callers so that an act and its record stand or fall together. */
export async function recordAudit(
  actor: AuditActor,
  action: string,
  target: { type: string; id: string | Types.ObjectId | null; organizationId?: Types.ObjectId | null },
  details: Record<string, unknown> = {},
): Promise<void> {
  await AuditEvent.create({
    at: new Date(),
    actorId: actor.id,
    actorEmail: actor.email,
    action,
    targetType: target.type,
    targetId: target.id === null ? null : String(target.id),
    organizationId: target.organizationId ?? null,
    details,
    ip: actor.ip ?? null,
  });
}
