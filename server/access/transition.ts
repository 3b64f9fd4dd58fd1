// The one way an access request changes state. A transition claims the revision it starts from
// (unique index on AccessRequestTransition), then is one conditional findOneAndUpdate on
// (id, rev, status) that also appends the history entry. A lost race is a 409 saying what happened.
import type { QueryFilter, Types } from 'mongoose';
import { recordAudit } from '../audit/record';
import type { AuthUser } from '../http/context';
import { conflict, isDuplicateKey, notFound } from '../http/errors';
import { AccessRequest, AccessRequestTransition, type AccessRequestDoc, type AccessRequestState, type HistoryEntry } from './model';
import { notifyRequester } from './notices';
import { countDecision } from '../stats/record';
import { effectiveStatus, isDueForExpiry } from './status';

/** States after a decision: deciding again is a lost race, not a wrong button. */
const DECIDED: readonly AccessRequestState[] = ['approved', 'rejected', 'changes_requested', 'revoked', 'expired'];

/** A claim whose request never moved on after this long belongs to a crashed process. */
const STALE_CLAIM_MS = 30_000;

/** The request as stored now (it cannot disappear: requests are never deleted). */
async function reload(doc: AccessRequestDoc): Promise<AccessRequestDoc> {
  const fresh = await AccessRequest.findById(doc._id).lean<AccessRequestDoc>();
  if (!fresh) throw notFound('access_request_not_found');
  return fresh;
}

/** The audit target of a request. */
export const auditTarget = (doc: AccessRequestDoc) => ({ type: 'access_request', id: doc._id, organizationId: doc.providerId });

/** A history entry; a null actor is the system. */
export function entry(
  actor: AuthUser | null,
  from: AccessRequestState | null,
  to: AccessRequestState,
  at: Date,
  note?: string | null,
): HistoryEntry {
  return { at, actor: actor?.id ?? null, actorName: actor?.name ?? null, from, to, note: note?.trim() || null };
}

export interface Transition {
  from: readonly AccessRequestState[];
  to: AccessRequestState;
  /** A reviewer's decision: losing it to another decision reads "already decided". */
  decision?: boolean;
}

/** Throws the 409 that explains why `doc` cannot make this transition now, if it cannot. */
export function checkTransition(doc: AccessRequestDoc, t: Transition, now: Date): void {
  const current = effectiveStatus(doc, now);
  if (t.from.includes(current)) return;
  if (t.decision && DECIDED.includes(current)) throw conflict('request_already_decided', { status: current });
  throw conflict('invalid_status_transition', { from: current, to: t.to });
}

/**
 * Claims the revision `doc` is at for one transition. Of concurrent claimants exactly one gets
 * it (unique index); the others get null.
 */
async function claimRevision(
  doc: AccessRequestDoc,
  to: AccessRequestState,
  actor: AuthUser | null,
  at: Date,
): Promise<Types.ObjectId | null> {
  try {
    const claim = await AccessRequestTransition.create({
      requestId: doc._id,
      fromRev: doc.rev,
      from: doc.status,
      to,
      actor: actor?.id ?? null,
      at,
    });
    return claim._id;
  } catch (err) {
    if (isDuplicateKey(err)) return null;
    throw err;
  }
}

/** The 409 for an actor who lost revision `doc.rev` to someone else. */
async function lostRace(doc: AccessRequestDoc, t: Transition, at: Date): Promise<never> {
  // The winner's target says what happened, even while its document write is still in flight.
  const winner = await AccessRequestTransition.findOne({ requestId: doc._id, fromRev: doc.rev }).lean();
  const fresh = await reload(doc);
  if (winner && fresh.rev === doc.rev && Date.now() - winner._id.getTimestamp().getTime() > STALE_CLAIM_MS) {
    // The claimant died between its two writes: free the revision so that a retry can proceed.
    await AccessRequestTransition.deleteOne({ _id: winner._id });
    throw conflict('concurrent_modification');
  }
  checkTransition(winner ? { ...fresh, status: winner.to } : fresh, t, at);
  throw conflict('concurrent_modification');
}

/**
 * Applies one transition: claims the revision we read (see AccessRequestTransition), then one
 * conditional update on (id, rev, status). Of two concurrent actors exactly one succeeds; the
 * other gets the 409 describing what happened.
 */
export async function transition(
  doc: AccessRequestDoc,
  t: Transition,
  change: { actor: AuthUser | null; at: Date; note?: string | null; set?: Record<string, unknown>; filter?: QueryFilter<AccessRequestDoc> },
): Promise<AccessRequestDoc> {
  checkTransition(doc, t, change.at);
  const claim = await claimRevision(doc, t.to, change.actor, change.at);
  if (!claim) return lostRace(doc, t, change.at);
  const updated = await AccessRequest.findOneAndUpdate(
    { _id: doc._id, rev: doc.rev, status: doc.status, ...(change.filter ?? {}) },
    {
      $set: { ...(change.set ?? {}), status: t.to },
      $push: { history: entry(change.actor, doc.status, t.to, change.at, change.note) },
      $inc: { rev: 1 },
    },
    { returnDocument: 'after' },
  ).lean<AccessRequestDoc>();
  if (updated) {
    countDecision(updated, t.to); // usage statistics, in the background
    return updated;
  }
  await AccessRequestTransition.deleteOne({ _id: claim });
  const fresh = await reload(doc);
  checkTransition(fresh, t, change.at);
  throw conflict('concurrent_modification');
}

/**
 * Persists `expired` for an approved request past its expiry (once) and tells the requester.
 * Reads never depend on this: the status is computed from `expiresAt` anyway.
 */
export async function expireIfDue(doc: AccessRequestDoc, now = new Date()): Promise<AccessRequestDoc> {
  if (!isDueForExpiry(doc, now)) return doc;
  const claim = await claimRevision(doc, 'expired', null, now);
  if (!claim) return reload(doc);
  const updated = await AccessRequest.findOneAndUpdate(
    { _id: doc._id, rev: doc.rev, status: 'approved', expiresAt: { $lte: now } },
    { $set: { status: 'expired' }, $push: { history: entry(null, 'approved', 'expired', doc.expiresAt!) }, $inc: { rev: 1 } },
    { returnDocument: 'after' },
  ).lean<AccessRequestDoc>();
  if (!updated) {
    await AccessRequestTransition.deleteOne({ _id: claim });
    return reload(doc);
  }
  await recordAudit({ id: null }, 'access_request.expire', auditTarget(updated), {
    from: 'approved',
    to: 'expired',
    expiresAt: doc.expiresAt,
  });
  await notifyRequester(updated, 'access_request_expired', {}, now);
  return updated;
}
