import type { AccessRequestDoc, AccessRequestState } from './model';
import { PENDING_STATES } from './model';

const DAY_MS = 86_400_000;

/** The status a caller sees: an approved request past its `expiresAt` is expired, job or no job. */
export function effectiveStatus(doc: Pick<AccessRequestDoc, 'status' | 'expiresAt'>, now: Date): AccessRequestState {
  if (doc.status === 'approved' && doc.expiresAt && doc.expiresAt.getTime() <= now.getTime()) return 'expired';
  return doc.status;
}

/** True when the stored status is approved but the grant has run out (to be persisted lazily). */
export function isDueForExpiry(doc: Pick<AccessRequestDoc, 'status' | 'expiresAt'>, now: Date): boolean {
  return doc.status === 'approved' && effectiveStatus(doc, now) === 'expired';
}

/**
 * Age against the review SLA. A pending request ages from its last (re)submission until now;
 * a settled one shows how long it waited. Only pending requests can be overdue.
 */
export function slaOf(doc: Pick<AccessRequestDoc, 'status' | 'submittedAt' | 'decidedAt' | 'updatedAt'>, slaDays: number, now: Date) {
  const pending = PENDING_STATES.includes(doc.status);
  const end = pending ? now : (doc.decidedAt ?? doc.updatedAt ?? now);
  const ageMs = Math.max(0, end.getTime() - doc.submittedAt.getTime());
  return { ageDays: Math.floor(ageMs / DAY_MS), slaDays, overdue: pending && ageMs > slaDays * DAY_MS };
}

/** Milliseconds in `days` days. */
export function days(n: number): number {
  return n * DAY_MS;
}
