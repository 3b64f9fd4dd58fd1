// Access-request decisions and the requester's own moves (docs/design.md §5). Each is one transition
// (see transition.ts) followed by its audit event and notifications.
import type { AccessRequestDecision, AccessRequestResubmit } from '../../schemas/access';
import { recordAudit } from '../audit/record';
import { loadAuthUser } from '../auth/load-user';
import { loadDataset } from '../datasets/load';
import { actorOf, type RequestContext } from '../http/context';
import { conflict, notFound, unprocessable, type FieldError } from '../http/errors';
import type { NotificationCode } from '../notifications/notify';
import { evaluate } from '../policy/evaluate';
import { requesterOf } from '../policy/requester';
import type { Evaluation, PolicyDataset } from '../policy/types';
import { ownAccessRequest, reviewableAccessRequest, reviewsFor, visibleAccessRequest } from './load';
import type { AccessRequestDoc, AccessRequestState } from './model';
import { notifyRequester, notifyReviewers } from './notices';
import { accessDenied, EVIDENCE_REQUIREMENTS, publishedRules, requires, snapshotOf } from './policy-check';
import { days } from './status';
import { auditTarget, checkTransition, transition, type Transition } from './transition';

const DECIDABLE: readonly AccessRequestState[] = ['submitted', 'under_review'];
const WITHDRAWABLE: readonly AccessRequestState[] = ['submitted', 'under_review', 'changes_requested'];

/** A reviewer takes a submitted request into review. */
export async function claimAccessRequest(ctx: RequestContext, id: string, now = new Date()): Promise<AccessRequestDoc> {
  const user = ctx.user!;
  const doc = await reviewableAccessRequest(ctx, id, now);
  const updated = await transition(
    doc,
    { from: ['submitted'], to: 'under_review' },
    { actor: user, at: now, set: { claimedBy: user.id, claimedByName: user.name } },
  );
  await recordAudit(actorOf(ctx), 'access_request.claim', auditTarget(updated), { from: doc.status, to: 'under_review' });
  return updated;
}

/**
 * The expiry of an approval: the reviewer's date, or by default the requested duration from now,
 * capped by the dataset's maxGrantDays (issue 13 item 5).
 */
export function decisionExpiry(body: Pick<AccessRequestDecision, 'expiresAt'>, durationDays: number, maxGrantDays: number, now: Date): Date {
  if (body.expiresAt) return new Date(body.expiresAt);
  return new Date(now.getTime() + days(Math.min(durationDays, maxGrantDays)));
}

function decisionFieldErrors(body: AccessRequestDecision, expiresAt: Date, maxGrantDays: number, needsEvidence: boolean, now: Date): FieldError[] {
  const errors: FieldError[] = [];
  if (expiresAt.getTime() <= now.getTime()) errors.push({ path: '/expiresAt', code: 'expiry_not_in_future' });
  else if (expiresAt.getTime() > now.getTime() + days(maxGrantDays))
    errors.push({ path: '/expiresAt', code: 'expiry_beyond_max_grant_days', params: { max: maxGrantDays } });
  if (needsEvidence && !body.evidence?.trim()) errors.push({ path: '/evidence', code: 'evidence_required' });
  return errors;
}

/**
 * Checks an approval against the dataset as published now and the requester as they are now: a
 * rule tightened since submission, or a requester who moved organisation, may forbid it.
 */
async function approvalEvaluation(ctx: RequestContext, doc: AccessRequestDoc): Promise<{ evaluation: Evaluation; rules: PolicyDataset }> {
  const dataset = await loadDataset(String(doc.datasetId));
  if (!dataset) throw conflict('dataset_not_published');
  const { rules } = publishedRules(dataset);
  const requester = await loadAuthUser(doc.requesterId);
  if (!requester) throw conflict('requester_unavailable');
  const evaluation = evaluate(rules, requesterOf(requester, dataset.providerId, []), doc.purpose, doc.scope);
  if (evaluation.decision === 'deny') throw accessDenied(evaluation, ctx.lang);
  return { evaluation, rules };
}

/** A reviewer approves, rejects or requests changes (from submitted or under review). */
export async function decideAccessRequest(
  ctx: RequestContext,
  id: string,
  body: AccessRequestDecision,
  now = new Date(),
): Promise<AccessRequestDoc> {
  const user = ctx.user!;
  const doc = await reviewableAccessRequest(ctx, id, now);
  const to: AccessRequestState = body.decision === 'approve' ? 'approved' : body.decision === 'reject' ? 'rejected' : 'changes_requested';
  const t: Transition = { from: DECIDABLE, to, decision: true };
  checkTransition(doc, t, now);

  const set: Record<string, unknown> = {
    decidedBy: user.id,
    decidedByName: user.name,
    decidedBySystem: false,
    decidedAt: now,
    decisionReason: body.reason.trim(),
    conditions: (body.conditions ?? []).map((c) => c.trim()),
  };
  if (body.decision === 'approve') {
    const { evaluation, rules } = await approvalEvaluation(ctx, doc);
    const needsEvidence = EVIDENCE_REQUIREMENTS.some((code) => requires(evaluation, code) || requires(doc.evaluation, code));
    const expiresAt = decisionExpiry(body, doc.durationDays, rules.disclosure.maxGrantDays, now);
    const errors = decisionFieldErrors(body, expiresAt, rules.disclosure.maxGrantDays, needsEvidence, now);
    if (errors.length) throw unprocessable('access_request_invalid', errors);
    set.expiresAt = expiresAt;
    set.evidence = body.evidence?.trim() || null;
  }
  const updated = await transition(doc, t, { actor: user, at: now, note: body.reason, set });
  await recordAudit(actorOf(ctx), `access_request.${body.decision}`, auditTarget(updated), {
    from: doc.status,
    to,
    reason: body.reason,
    conditions: set.conditions,
    ...(to === 'approved' ? { expiresAt: set.expiresAt, requestedDays: doc.durationDays, expiryDefaulted: !body.expiresAt, evidence: set.evidence } : {}),
  });
  const code: NotificationCode =
    to === 'approved' ? 'access_request_approved' : to === 'rejected' ? 'access_request_rejected' : 'access_request_changes_requested';
  await notifyRequester(updated, code, to === 'approved' ? { expiresAt: (set.expiresAt as Date).toISOString().slice(0, 10) } : {}, now);
  return updated;
}

/** The requester answers a request for changes: back to submitted, re-evaluated, with any revisions. */
export async function resubmitAccessRequest(
  ctx: RequestContext,
  id: string,
  body: AccessRequestResubmit,
  now = new Date(),
): Promise<AccessRequestDoc> {
  const user = ctx.user!;
  const doc = await ownAccessRequest(ctx, id, now);
  const t: Transition = { from: ['changes_requested'], to: 'submitted' };
  checkTransition(doc, t, now);
  const dataset = await loadDataset(String(doc.datasetId));
  if (!dataset) throw conflict('dataset_not_published');
  const { rules, version } = publishedRules(dataset);
  const evaluation = evaluate(rules, requesterOf(user, dataset.providerId, []), doc.purpose, doc.scope);
  if (evaluation.decision === 'deny') throw accessDenied(evaluation, ctx.lang);

  // Agreements accepted earlier keep their original acceptance time.
  const previous = new Map(doc.acceptedAgreements.map((a) => [a.code, a.acceptedAt]));
  const codes = body.acceptedAgreements ? [...new Set(body.acceptedAgreements)] : [...previous.keys()];
  if (requires(evaluation, 'accept_dua') && !codes.includes('dua')) {
    throw unprocessable('access_request_invalid', [{ path: '/acceptedAgreements', code: 'agreement_required' }]);
  }
  const updated = await transition(doc, t, {
    actor: user,
    at: now,
    note: body.note,
    filter: { requesterId: user.id },
    set: {
      statement: body.statement ?? doc.statement,
      acceptedAgreements: codes.map((code) => ({ code, acceptedAt: previous.get(code) ?? now })),
      evaluation: snapshotOf(evaluation, rules, version, now),
      submittedAt: now,
      claimedBy: null,
      claimedByName: null,
      decidedBy: null,
      decidedByName: null,
      decidedAt: null,
      decisionReason: null,
      conditions: [],
    },
  });
  await recordAudit(actorOf(ctx), 'access_request.resubmit', auditTarget(updated), { from: doc.status, to: 'submitted' });
  await notifyReviewers(updated, dataset, user, 'access_request_resubmitted', now);
  return updated;
}

/** The requester withdraws a request that is not yet decided (or awaits their changes). */
export async function withdrawAccessRequest(
  ctx: RequestContext,
  id: string,
  note: string | undefined,
  now = new Date(),
): Promise<AccessRequestDoc> {
  const user = ctx.user!;
  const doc = await ownAccessRequest(ctx, id, now);
  const updated = await transition(
    doc,
    { from: WITHDRAWABLE, to: 'withdrawn' },
    { actor: user, at: now, note, filter: { requesterId: user.id } },
  );
  await recordAudit(actorOf(ctx), 'access_request.withdraw', auditTarget(updated), { from: doc.status, to: 'withdrawn' });
  return updated;
}

/** A reviewer revokes a grant that has not yet expired. */
export async function revokeAccessRequest(ctx: RequestContext, id: string, reason: string, now = new Date()): Promise<AccessRequestDoc> {
  const user = ctx.user!;
  const doc = await visibleAccessRequest(ctx, id, now);
  if (!reviewsFor(user, doc.providerId)) throw notFound('access_request_not_found');
  const updated = await transition(
    doc,
    { from: ['approved'], to: 'revoked' },
    {
      actor: user,
      at: now,
      note: reason,
      // Still unexpired at the moment of the write, not just when we read it.
      filter: { expiresAt: { $gt: now } },
      set: { revokedAt: now, revokedBy: user.id, revokeReason: reason.trim() },
    },
  );
  await recordAudit(actorOf(ctx), 'access_request.revoke', auditTarget(updated), { from: 'approved', to: 'revoked', reason });
  await notifyRequester(updated, 'access_request_revoked', {}, now);
  return updated;
}
