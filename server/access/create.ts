// Creating an access request: idempotent per (user, Idempotency-Key), decided first by the engine.
import { createHash } from 'node:crypto';
import type { AccessRequestCreate } from '../../schemas/access';
import { recordAudit } from '../audit/record';
import { requireView } from '../datasets/access';
import { loadDataset } from '../datasets/load';
import { actorOf, type RequestContext } from '../http/context';
import { AppError, conflict, isDuplicateKey, notFound, unprocessable, type FieldError } from '../http/errors';
import { evaluate } from '../policy/evaluate';
import { countRequest } from '../stats/record';
import { requesterOf } from '../policy/requester';
import { AccessRequest, type AccessRequestDoc } from './model';
import { notifyReviewers } from './notices';
import { madeBefore, overlappingRequest, requestExists } from './overlap';
import { accessDenied, publishedRules, requires, snapshotOf } from './policy-check';
import { days } from './status';
import { auditTarget, entry } from './transition';

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,200}$/;

/** Validates an `Idempotency-Key` header value: required, printable ASCII, at most 200 characters. */
export function idempotencyKeyOf(header: string | undefined): string {
  if (header === undefined || header.trim() === '') throw new AppError(400, 'idempotency_key_required');
  const key = header.trim();
  if (!IDEMPOTENCY_KEY.test(key)) throw new AppError(400, 'idempotency_key_invalid');
  return key;
}

/** Hash of the body with agreement order ignored: equal bodies hash equal. */
function bodyHashOf(body: AccessRequestCreate): string {
  const canonical = {
    datasetId: body.datasetId,
    scope: body.scope,
    purpose: body.purpose,
    statement: body.statement,
    durationDays: body.durationDays,
    acceptedAgreements: [...(body.acceptedAgreements ?? [])].sort(),
  };
  return createHash('sha256').update(JSON.stringify(canonical)).digest('hex');
}

function replay(existing: AccessRequestDoc, bodyHash: string): { doc: AccessRequestDoc; created: false } {
  if (existing.bodyHash !== bodyHash) throw conflict('idempotency_key_reused');
  return { doc: existing, created: false };
}

/**
 * Creates an access request, idempotently per (user, Idempotency-Key). A request overlapping one
 * still open or an active grant (same dataset and purpose, covering scope) → 409
 * `access_request_exists` naming it. The policy engine decides first: deny → 422 and nothing
 * stored; allow → approved by the system at once; otherwise submitted for review (an enclave
 * session when the data is enclave-only).
 */
export async function createAccessRequest(
  ctx: RequestContext,
  body: AccessRequestCreate,
  idempotencyKey: string,
  now = new Date(),
): Promise<{ doc: AccessRequestDoc; created: boolean }> {
  // One creation at a time per requester in this process: the idempotency lookup, the overlap
  // check and the insert then see every earlier request of theirs. Across processes the unique
  // (requester, key) index and the check after the insert below still hold.
  return inTurn(String(ctx.user!.id), () => createInTurn(ctx, body, idempotencyKey, now));
}

/** Requests being created, per requester: the tail of each one's queue. */
const turns = new Map<string, Promise<void>>();

/** Runs `fn` after every earlier call with the same key has finished. */
async function inTurn<T>(key: string, fn: () => Promise<T>): Promise<T> {
  const before = turns.get(key) ?? Promise.resolve();
  let release!: () => void;
  const mine = new Promise<void>((resolve) => (release = resolve));
  turns.set(key, mine);
  await before;
  try {
    return await fn();
  } finally {
    release();
    if (turns.get(key) === mine) turns.delete(key);
  }
}

async function createInTurn(
  ctx: RequestContext,
  body: AccessRequestCreate,
  idempotencyKey: string,
  now: Date,
): Promise<{ doc: AccessRequestDoc; created: boolean }> {
  const user = ctx.user!;
  const bodyHash = bodyHashOf(body);
  const existing = await AccessRequest.findOne({ requesterId: user.id, idempotencyKey }).lean<AccessRequestDoc>();
  if (existing) return replay(existing, bodyHash);

  const { doc: dataset } = requireView(await loadDataset(body.datasetId), user);
  const { rules, version } = publishedRules(dataset);
  // A new request is judged on its own: grants already held must not approve a new one unreviewed.
  const evaluation = evaluate(rules, requesterOf(user, dataset.providerId, []), body.purpose, body.scope);
  if (evaluation.reasons.includes('not_visible')) throw notFound('dataset_not_found');
  if (evaluation.decision === 'deny') throw accessDenied(evaluation, ctx.lang);

  const accepted = [...new Set(body.acceptedAgreements ?? [])];
  const errors: FieldError[] = [];
  if (body.durationDays > rules.disclosure.maxGrantDays)
    errors.push({ path: '/durationDays', code: 'exceeds_max_grant_days', params: { max: rules.disclosure.maxGrantDays } });
  // The DUA is a click-through: without it no grant may follow, so the request is not taken at all.
  if (requires(evaluation, 'accept_dua') && !accepted.includes('dua'))
    errors.push({ path: '/acceptedAgreements', code: 'agreement_required' });
  if (errors.length) throw unprocessable('access_request_invalid', errors);
  const overlapping = await overlappingRequest(user.id, dataset._id, body.scope, body.purpose, now);
  // A retry of the request that overlaps (same key, written by another process meanwhile) is a replay.
  if (overlapping?.idempotencyKey === idempotencyKey) return replay(overlapping, bodyHash);
  if (overlapping) throw requestExists(overlapping, now);

  const allowed = evaluation.decision === 'allow';
  const history = [entry(user, null, 'submitted', now)];
  if (allowed) history.push(entry(null, 'submitted', 'approved', now));
  let created: AccessRequestDoc;
  try {
    const doc = await AccessRequest.create({
      kind: evaluation.decision === 'enclave_only' ? 'enclave_session' : 'access',
      datasetId: dataset._id,
      providerId: dataset.providerId,
      requesterId: user.id,
      requesterOrgId: user.organizationId,
      idempotencyKey,
      bodyHash,
      scope: body.scope,
      purpose: body.purpose,
      statement: body.statement,
      durationDays: body.durationDays,
      acceptedAgreements: accepted.map((code) => ({ code, acceptedAt: now })),
      evaluation: snapshotOf(evaluation, rules, version, now),
      status: allowed ? 'approved' : 'submitted',
      rev: 1,
      submittedAt: now,
      decidedBySystem: allowed,
      decidedAt: allowed ? now : null,
      expiresAt: allowed ? new Date(now.getTime() + days(body.durationDays)) : null,
      history,
    });
    created = doc.toObject() as AccessRequestDoc;
  } catch (err) {
    // A concurrent retry with the same key won the insert: answer with its request.
    if (!isDuplicateKey(err)) throw err;
    const winner = await AccessRequest.findOne({ requesterId: user.id, idempotencyKey }).lean<AccessRequestDoc>();
    if (!winner) throw err;
    return replay(winner, bodyHash);
  }
  // Two different keys racing past the check above: the older request stays, the younger is undone
  // before anything else (audit, notices) has seen it.
  const rival = await overlappingRequest(user.id, dataset._id, body.scope, body.purpose, now, created._id);
  if (rival && madeBefore(rival, created)) {
    await AccessRequest.deleteOne({ _id: created._id });
    throw requestExists(rival, now);
  }

  countRequest(created, allowed ? ['submitted', 'approved'] : ['submitted']); // usage statistics, in the background
  await recordAudit(actorOf(ctx), 'access_request.create', auditTarget(created), {
    datasetId: String(dataset._id),
    scope: body.scope,
    purpose: body.purpose,
    decision: evaluation.decision,
    kind: created.kind,
  });
  if (allowed) {
    await recordAudit({ id: null, ip: ctx.ip }, 'access_request.approve', auditTarget(created), {
      from: 'submitted',
      to: 'approved',
      decidedBySystem: true,
      expiresAt: created.expiresAt,
    });
  } else {
    await notifyReviewers(created, dataset, user, 'access_request_submitted', now);
  }
  return { doc: created, created: true };
}
