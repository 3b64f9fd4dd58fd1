import { randomUUID } from 'node:crypto';
import { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activeGrantsFor } from '../../server/access/grants';
import { AccessRequest, AccessRequestTransition } from '../../server/access/model';
import { AuditEvent } from '../../server/audit/model';
import { Notification } from '../../server/notifications/model';
import type { OrganizationDoc } from '../../server/organizations/model';
import { createOrg, createUser, startTestApp, type Client, type TestApp, type TestUser } from '../helpers/app';
import { buildDataset, publishDataset, uploadSample } from '../helpers/factories';

const DAY = 86_400_000;
const STATEMENT = 'We train and evaluate Korean speech models in a joint KR–US research project.';

let app: TestApp;
let providerOrg: OrganizationDoc;
let provider: TestUser;
let reviewer1: TestUser;
let reviewer2: TestUser;
let national: TestUser;
let otherReviewer: TestUser;
let usResearcher: TestUser;
let krResearcher: TestUser;
let P: Client;
let R1: Client;
let R2: Client;
let NR: Client;
let US: Client;
let KR: Client;

/** Disclosure rules: the factory's open defaults with `over` applied. */
function disclosure(over: Record<string, unknown> = {}) {
  return { ...buildDataset().disclosure, ...over };
}
function classification(over: Record<string, unknown> = {}) {
  return { ...buildDataset().classification, ...over };
}

/** Publishes a dataset of the provider organisation with the given rules; returns its id. */
async function dataset(
  over: { disclosure?: Record<string, unknown>; classification?: Record<string, unknown>; license?: Record<string, unknown> } = {},
): Promise<string> {
  const body = await publishDataset(P, R1, {
    disclosure: disclosure(over.disclosure),
    classification: classification(over.classification),
    ...(over.license ? { license: over.license } : {}),
  });
  return body.id as string;
}

function requestBody(datasetId: string, over: Record<string, unknown> = {}) {
  return { datasetId, scope: 'full', purpose: 'research', statement: STATEMENT, durationDays: 30, acceptedAgreements: ['dua'], ...over };
}

function ask(client: Client, body: Record<string, unknown>, key: string = randomUUID(), query = '') {
  return client.post(`/api/v1/access-requests${query}`, body, { 'idempotency-key': key });
}

/** Creates a request that lands in `submitted` and returns its id. */
async function submitted(client: Client, datasetId: string, over: Record<string, unknown> = {}): Promise<string> {
  const res = await ask(client, requestBody(datasetId, over));
  expect(res.status, res.text).toBe(201);
  expect(res.body.status).toBe('submitted');
  return res.body.id as string;
}

const inDays = (n: number) => new Date(Date.now() + n * DAY).toISOString();
const approve = (client: Client, id: string, over: Record<string, unknown> = {}) =>
  client.post(`/api/v1/access-requests/${id}/decision`, {
    decision: 'approve',
    reason: 'Purpose fits the dataset.',
    expiresAt: inDays(30),
    ...over,
  });

let approvalDs: string;
const APPROVAL_RULES = {
  accessLevel: 'approval',
  samplesAccess: 'open',
  crossBorder: 'conditional',
  conditions: { dua: true, irb: false, attribution: true, noRedistribution: true },
  maxGrantDays: 90,
};
/** A new dataset with approvalDs's rules: a requester holds one open request per dataset, scope and purpose (issue 13). */
const freshApprovalDs = () => dataset({ disclosure: APPROVAL_RULES });
beforeAll(async () => {
  app = await startTestApp({ ACCESS_SLA_DAYS: '7' });
  providerOrg = await createOrg({ slug: `kr-provider-${randomUUID().slice(0, 8)}` });
  provider = await createUser({ roles: ['provider'], org: providerOrg });
  reviewer1 = await createUser({ roles: ['reviewer'], org: providerOrg });
  reviewer2 = await createUser({ roles: ['reviewer'], org: providerOrg });
  national = await createUser({ roles: ['reviewer'], org: await createOrg({ nationalReviewer: true }) });
  otherReviewer = await createUser({ roles: ['reviewer'] });
  usResearcher = await createUser({ country: 'US', orgType: 'university' });
  krResearcher = await createUser({ country: 'KR', orgType: 'university' });
  P = app.as(provider);
  R1 = app.as(reviewer1);
  R2 = app.as(reviewer2);
  NR = app.as(national);
  US = app.as(usResearcher);
  KR = app.as(krResearcher);
  approvalDs = await dataset({ disclosure: APPROVAL_RULES });
});
afterAll(async () => {
  await app?.close();
});

describe('issue 4 end to end: request, approval with conditions, expiry', () => {
  it('a US university researcher asks for full access; a provider reviewer approves for 30 days; the grant expires by time', async () => {
    const created = await ask(US, requestBody(approvalDs));
    expect(created.status, created.text).toBe(201);
    expect(created.headers.get('location')).toBe(`/api/v1/access-requests/${created.body.id}`);
    const r = created.body;
    expect(r).toMatchObject({
      kind: 'access',
      status: 'submitted',
      scope: 'full',
      purpose: 'research',
      durationDays: 30,
      decidedBy: null,
      decidedBySystem: false,
    });
    expect(r.evaluation.decision).toBe('request_required');
    const codes = r.evaluation.requirements.map((q: { code: string }) => q.code);
    expect(codes).toEqual(expect.arrayContaining(['cross_border_agreement', 'accept_dua']));
    expect(r.evaluation.requirements.find((q: { code: string }) => q.code === 'cross_border_agreement')).toMatchObject({
      blocking: true,
      message: expect.stringMatching(/agreement/i),
    });
    expect(r.acceptedAgreements).toEqual([{ code: 'dua', acceptedAt: expect.any(String) }]);
    expect(r.dataset).toMatchObject({ id: approvalDs, slug: expect.any(String), title: { en: expect.any(String) } });
    expect(r.requester).toMatchObject({ id: String(usResearcher.id), organization: { country: 'US', type: 'university' } });
    for (const secret of ['_id', 'idempotencyKey', 'bodyHash', 'rev']) expect(r).not.toHaveProperty(secret);
    expect(r.history).toEqual([
      {
        at: expect.any(String),
        actor: { id: String(usResearcher.id), name: expect.any(String) },
        bySystem: false,
        from: null,
        to: 'submitted',
        note: null,
      },
    ]);
    expect(await activeGrantsFor(usResearcher.id, new Types.ObjectId(approvalDs))).toEqual([]);
    // The full data itself is not downloadable yet.
    const { created: full } = await uploadSample(P, approvalDs, Buffer.from('id,text\n1,안녕하세요\n'), {
      kind: 'other',
      filename: 'full.csv',
    });
    // A file added after publication goes public with the next approved version.
    expect((await P.post(`/api/v1/datasets/${approvalDs}/submit`, { changeNote: { en: 'Full data file added.' } })).status).toBe(200);
    expect((await R1.post(`/api/v1/datasets/${approvalDs}/review`, { action: 'approve' })).status).toBe(200);
    const download = `/api/v1/datasets/${approvalDs}/artifacts/${full.body.artifact.id}/download?format=json`;
    expect((await US.get(download)).status).toBe(403);

    const claimed = await R1.post(`/api/v1/access-requests/${r.id}/claim`);
    expect(claimed.status, claimed.text).toBe(200);
    expect(claimed.body).toMatchObject({ status: 'under_review', claimedBy: { id: String(reviewer1.id) } });

    const expiresAt = inDays(30);
    const decided = await approve(R1, r.id, {
      expiresAt,
      conditions: ['No redistribution outside the project', 'Delete the data when the project ends'],
    });
    expect(decided.status, decided.text).toBe(200);
    expect(decided.body).toMatchObject({
      status: 'approved',
      decidedBy: { id: String(reviewer1.id) },
      decidedBySystem: false,
      decisionReason: 'Purpose fits the dataset.',
      conditions: ['No redistribution outside the project', 'Delete the data when the project ends'],
      expiresAt: new Date(expiresAt).toISOString(),
    });
    expect(decided.body.history.map((h: { from: string; to: string }) => `${h.from}>${h.to}`)).toEqual([
      'null>submitted',
      'submitted>under_review',
      'under_review>approved',
    ]);
    for (const h of decided.body.history) expect(Number.isNaN(Date.parse(h.at))).toBe(false);

    // The requester sees the whole story.
    const mine = await US.get(`/api/v1/access-requests/${r.id}`);
    expect(mine.status).toBe(200);
    expect(mine.body.history).toHaveLength(3);
    expect(await activeGrantsFor(usResearcher.id, new Types.ObjectId(approvalDs))).toEqual([{ scope: 'full', purpose: 'research' }]);
    // Expiry is a function of time: 31 days on, the same grant allows nothing.
    expect(await activeGrantsFor(usResearcher.id, new Types.ObjectId(approvalDs), new Date(Date.now() + 31 * DAY))).toEqual([]);

    const granted = await US.get(download);
    expect(granted.status, granted.text).toBe(200);
    expect(granted.body.url).toMatch(/^http/);

    // Move the clock past expiry by moving expiresAt into the past (no job runs in between).
    await AccessRequest.updateOne({ _id: new Types.ObjectId(r.id) }, { $set: { expiresAt: new Date(Date.now() - 60_000) } });
    expect(await activeGrantsFor(usResearcher.id, new Types.ObjectId(approvalDs))).toEqual([]);
    const refused = await US.get(download);
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('download_not_allowed');
    const expired = await US.get(`/api/v1/access-requests/${r.id}`);
    expect(expired.body.status).toBe('expired');
    expect(expired.body.history.at(-1)).toMatchObject({ from: 'approved', to: 'expired', bySystem: true });
    // Persisted lazily, once, with a notification for the requester.
    expect((await AccessRequest.findById(r.id).lean())!.status).toBe('expired');
    await US.get(`/api/v1/access-requests/${r.id}`);
    expect(await Notification.countDocuments({ userId: usResearcher.id, code: 'access_request_expired', targetId: r.id })).toBe(1);
    const revoke = await R1.post(`/api/v1/access-requests/${r.id}/revoke`, { reason: 'Too late.' });
    expect(revoke.status).toBe(409);
    expect(revoke.body).toMatchObject({ code: 'invalid_status_transition' });
  });

  it('shows an approved request past expiry as expired in lists even before anything persisted it', async () => {
    const id = await submitted(KR, await freshApprovalDs());
    expect((await approve(R2, id)).status).toBe(200);
    await AccessRequest.updateOne({ _id: new Types.ObjectId(id) }, { $set: { expiresAt: new Date(Date.now() - 1000) } });
    const list = await KR.get('/api/v1/access-requests?mine=true&status=expired');
    expect(list.body.items.map((i: { id: string }) => i.id)).toContain(id);
    expect(list.body.items.find((i: { id: string }) => i.id === id).status).toBe('expired');
    const approvedOnly = await KR.get('/api/v1/access-requests?mine=true&status=approved');
    expect(approvedOnly.body.items.map((i: { id: string }) => i.id)).not.toContain(id);
  });
});

describe('concurrent decisions', () => {
  it('two reviewers deciding at the same moment: one decision stored, the other answer is 409', async () => {
    for (let round = 0; round < 3; round++) {
      const id = await submitted(KR, await freshApprovalDs());
      const [a, b] = await Promise.all([
        approve(R1, id),
        R2.post(`/api/v1/access-requests/${id}/decision`, { decision: 'reject', reason: 'Not enough detail.' }),
      ]);
      expect([a.status, b.status].sort()).toEqual([200, 409]);
      const loser = a.status === 409 ? a : b;
      expect(loser.body.code).toBe('request_already_decided');
      const stored = (await AccessRequest.findById(id).lean())!;
      const decisions = stored.history.filter((h) => h.to === 'approved' || h.to === 'rejected');
      expect(decisions).toHaveLength(1);
      expect(stored.rev).toBe(2);
      const events = await AuditEvent.countDocuments({
        targetId: id,
        action: { $in: ['access_request.approve', 'access_request.reject'] },
      });
      expect(events).toBe(1);
    }
  });

  it('a decision after another one answers 409 request_already_decided', async () => {
    const id = await submitted(KR, await freshApprovalDs());
    expect((await R1.post(`/api/v1/access-requests/${id}/decision`, { decision: 'reject', reason: 'Out of scope.' })).status).toBe(200);
    const again = await approve(R2, id);
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('request_already_decided');
  });
  it('a revision claimed by a process that died before writing is freed after a while', async () => {
    const id = await submitted(KR, await freshApprovalDs());
    const stale = Types.ObjectId.createFromTime(Math.floor(Date.now() / 1000) - 120);
    await AccessRequestTransition.create({
      _id: stale,
      requestId: new Types.ObjectId(id),
      fromRev: 1,
      from: 'submitted',
      to: 'approved',
      at: new Date(),
    });
    const first = await approve(R1, id);
    expect(first.status).toBe(409);
    expect(first.body.code).toBe('concurrent_modification');
    const retry = await approve(R1, id);
    expect(retry.status, retry.text).toBe(200);
    expect(retry.body.history.map((h: { to: string }) => h.to)).toEqual(['submitted', 'approved']);
  });
});

describe('idempotent submission', () => {
  it('requires the Idempotency-Key header', async () => {
    const before = await AccessRequest.countDocuments();
    const res = await KR.post('/api/v1/access-requests', requestBody(approvalDs));
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('idempotency_key_required');
    expect(await AccessRequest.countDocuments()).toBe(before);
  });

  it('a sequential retry with the same key returns the same request', async () => {
    const key = randomUUID();
    const ds = await freshApprovalDs();
    const first = await ask(KR, requestBody(ds), key);
    const second = await ask(KR, requestBody(ds), key);
    expect(first.status).toBe(201);
    expect(second.status).toBe(200);
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    expect(second.body.id).toBe(first.body.id);
    expect(second.body.history).toEqual(first.body.history);
    expect(await AccessRequest.countDocuments({ requesterId: krResearcher.id, idempotencyKey: key })).toBe(1);
    expect(await AuditEvent.countDocuments({ action: 'access_request.create', targetId: first.body.id })).toBe(1);
  });

  it('concurrent retries with the same key create one request', async () => {
    const key = randomUUID();
    // A dataset this requester has asked nothing of yet (an earlier open request would make these 409 access_request_exists).
    const ds = await freshApprovalDs();
    const results = await Promise.all(Array.from({ length: 5 }, () => ask(US, requestBody(ds), key)));
    for (const r of results) expect([200, 201], r.text).toContain(r.status);
    expect(results.filter((r) => r.status === 201)).toHaveLength(1);
    expect(new Set(results.map((r) => r.body.id)).size).toBe(1);
    expect(await AccessRequest.countDocuments({ requesterId: usResearcher.id, idempotencyKey: key })).toBe(1);
  });

  it('the same key with a different body is 409; another user may use the same key', async () => {
    const key = randomUUID();
    const ds = await freshApprovalDs();
    expect((await ask(KR, requestBody(ds), key)).status).toBe(201);
    const reused = await ask(KR, requestBody(ds, { durationDays: 60 }), key);
    expect(reused.status).toBe(409);
    expect(reused.body.code).toBe('idempotency_key_reused');
    expect((await ask(US, requestBody(ds), key)).status).toBe(201);
  });
});

describe('the policy engine decides first', () => {
  it('deny → 422 with localised reasons and nothing stored', async () => {
    const researchOnly = await dataset({ disclosure: { allowedPurposes: ['research'], crossBorder: 'prohibited' } });
    const before = await AccessRequest.countDocuments();
    const en = await ask(US, requestBody(researchOnly, { purpose: 'commercial' }));
    expect(en.status).toBe(422);
    expect(en.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(en.body.code).toBe('access_denied');
    expect(en.body.reasons.map((r: { code: string }) => r.code).sort()).toEqual(['cross_border_prohibited', 'purpose_not_allowed']);
    for (const r of en.body.reasons) expect(r.message).toMatch(/[a-z]/);
    const ko = await ask(US, requestBody(researchOnly, { purpose: 'commercial' }), randomUUID(), '?lang=ko');
    expect(ko.status).toBe(422);
    for (const r of ko.body.reasons) expect(r.message).toMatch(/[가-힣]/);
    expect(await AccessRequest.countDocuments()).toBe(before);
  });

  it('allow → approved by the system at once, with the DUA acceptance recorded', async () => {
    const openDua = await dataset({
      disclosure: { conditions: { dua: true, irb: false, attribution: true, noRedistribution: false }, maxGrantDays: 365 },
    });
    const t0 = Date.now();
    const res = await ask(US, requestBody(openDua, { durationDays: 10 }));
    expect(res.status, res.text).toBe(201);
    expect(res.body).toMatchObject({ status: 'approved', decidedBy: null, decidedBySystem: true, evaluation: { decision: 'allow' } });
    expect(res.body.evaluation.requirements.map((q: { code: string }) => q.code)).toEqual(['accept_dua']);
    expect(res.body.acceptedAgreements).toEqual([{ code: 'dua', acceptedAt: expect.any(String) }]);
    const expires = Date.parse(res.body.expiresAt);
    expect(expires).toBeGreaterThanOrEqual(t0 + 10 * DAY);
    expect(expires).toBeLessThan(Date.now() + 10 * DAY + 1000);
    expect(res.body.history.map((h: { to: string; bySystem: boolean }) => [h.to, h.bySystem])).toEqual([
      ['submitted', false],
      ['approved', true],
    ]);
    expect(await activeGrantsFor(usResearcher.id, new Types.ObjectId(openDua))).toEqual([{ scope: 'full', purpose: 'research' }]);
    expect(await AuditEvent.countDocuments({ targetId: res.body.id, action: 'access_request.approve', actorId: null })).toBe(1);
  });

  it('without accepting the DUA the request is refused (422 /acceptedAgreements) and nothing stored', async () => {
    const openDua = await dataset({ disclosure: { conditions: { dua: true, irb: false, attribution: true, noRedistribution: false } } });
    const before = await AccessRequest.countDocuments();
    const res = await ask(KR, requestBody(openDua, { acceptedAgreements: [] }));
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('access_request_invalid');
    expect(res.body.errors).toEqual([
      { path: '/acceptedAgreements', code: 'agreement_required', message: expect.stringMatching(/agreement/) },
    ]);
    expect(await AccessRequest.countDocuments()).toBe(before);
  });

  it('bounds the duration by the dataset’s maxGrantDays and validates the body', async () => {
    const tooLong = await ask(KR, requestBody(approvalDs, { durationDays: 91 }));
    expect(tooLong.status).toBe(422);
    expect(tooLong.body.errors).toEqual([
      { path: '/durationDays', code: 'exceeds_max_grant_days', message: expect.stringContaining('90') },
    ]);
    const bad = await ask(KR, { datasetId: approvalDs, scope: 'metadata', purpose: 'research', statement: 'too short', durationDays: 0 });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['/durationDays', '/scope', '/statement']);
  });

  it('enclave-only data becomes a request for an enclave session', async () => {
    const enclave = await dataset({
      disclosure: { accessLevel: 'enclave', samplesAccess: 'registered' },
      classification: { level: 'sensitive', personalInfo: 'pseudonymized', sensitiveCategories: ['health'] },
    });
    const res = await ask(KR, requestBody(enclave, { acceptedAgreements: ['pseudonymized_data_terms'] }));
    expect(res.status, res.text).toBe(201);
    expect(res.body).toMatchObject({ kind: 'enclave_session', status: 'submitted', evaluation: { decision: 'enclave_only' } });
  });

  it('a dataset the caller may not see is 404, never a reason', async () => {
    const confidential = await dataset({
      disclosure: { accessLevel: 'approval', samplesAccess: 'registered' },
      classification: { level: 'confidential' },
    });
    const res = await ask(US, requestBody(confidential));
    expect(res.status).toBe(404);
    expect(res.body.code).toBe('dataset_not_found');
    expect(res.text).not.toContain('confidential');
    expect((await ask(US, requestBody(new Types.ObjectId().toHexString()))).status).toBe(404);
  });
});

describe('approval evidence and expiry bounds', () => {
  let exportDs: string;
  beforeAll(async () => {
    exportDs = await dataset({
      disclosure: { accessLevel: 'approval', samplesAccess: 'registered', maxGrantDays: 60 },
      classification: {
        exportControl: { controlled: true, regime: 'kr_strategic', reference: 'KR-SI-2024-17' },
        nationalCoreTechnology: true,
      },
    });
  });

  it('requires a permit number when export_license or government_approval applies', async () => {
    const id = await submitted(US, exportDs);
    const stored = await US.get(`/api/v1/access-requests/${id}`);
    expect(stored.body.evaluation.requirements.map((q: { code: string }) => q.code)).toEqual(
      expect.arrayContaining(['export_license', 'government_approval']),
    );
    const missing = await approve(R1, id);
    expect(missing.status).toBe(422);
    expect(missing.body.errors).toEqual([{ path: '/evidence', code: 'evidence_required', message: expect.any(String) }]);
    expect((await AccessRequest.findById(id).lean())!.status).toBe('submitted');
    const ok = await approve(R1, id, { evidence: 'EL-2026-0042' });
    expect(ok.status, ok.text).toBe(200);
    expect(ok.body).toMatchObject({ status: 'approved', evidence: 'EL-2026-0042' });
  });

  it('a domestic requester needs no evidence', async () => {
    const id = await submitted(KR, exportDs);
    expect((await approve(R1, id)).status).toBe(200);
  });

  // Without expiresAt an approval runs for the requested duration (tests/api/grant-aware.test.ts).
  it('expiresAt, when given, is in the future and within maxGrantDays', async () => {
    const id = await submitted(KR, exportDs, { purpose: 'education' });
    const past = await approve(R1, id, { expiresAt: inDays(-1) });
    expect(past.status).toBe(422);
    expect(past.body.errors[0]).toMatchObject({ path: '/expiresAt', code: 'expiry_not_in_future' });
    const far = await approve(R1, id, { expiresAt: inDays(61) });
    expect(far.status).toBe(422);
    expect(far.body.errors[0]).toMatchObject({ path: '/expiresAt', code: 'expiry_beyond_max_grant_days' });
    const noReason = await R1.post(`/api/v1/access-requests/${id}/decision`, { decision: 'reject' });
    expect(noReason.status).toBe(400);
    expect((await AccessRequest.findById(id).lean())!.history).toHaveLength(1);
  });
});

describe('separation of duties and visibility', () => {
  it('a reviewer never decides or claims their own request, and does not see it in their queue', async () => {
    const id = await submitted(NR, await freshApprovalDs());
    const decide = await approve(NR, id);
    expect(decide.status).toBe(403);
    expect(decide.body.code).toBe('cannot_decide_own_request');
    expect((await NR.post(`/api/v1/access-requests/${id}/claim`)).body.code).toBe('cannot_decide_own_request');
    const queue = await NR.get('/api/v1/access-requests?queue=true&pageSize=100');
    expect(queue.body.items.map((i: { id: string }) => i.id)).not.toContain(id);
    // A reviewer of the provider decides it instead.
    expect((await approve(R1, id)).status).toBe(200);
  });

  it('only the requester and reviewers of the provider see a request', async () => {
    const id = await submitted(US, await freshApprovalDs());
    expect((await US.get(`/api/v1/access-requests/${id}`)).status).toBe(200);
    expect((await R1.get(`/api/v1/access-requests/${id}`)).status).toBe(200);
    expect((await NR.get(`/api/v1/access-requests/${id}`)).status).toBe(200);
    for (const outsider of [KR, app.as(otherReviewer), P]) {
      const res = await outsider.get(`/api/v1/access-requests/${id}`);
      expect(res.status).toBe(404);
      expect(res.body.code).toBe('access_request_not_found');
    }
    const foreign = await app.as(otherReviewer).post(`/api/v1/access-requests/${id}/decision`, { decision: 'reject', reason: 'x' });
    expect(foreign.status).toBe(404);
    const researcher = await KR.post(`/api/v1/access-requests/${id}/decision`, { decision: 'reject', reason: 'x' });
    expect(researcher.status).toBe(403);
    expect((await app.anon.get(`/api/v1/access-requests/${id}`)).status).toBe(401);
    expect((await KR.get('/api/v1/access-requests/not-an-id')).status).toBe(404);
  });
});

describe('withdraw, resubmit, revoke and invalid transitions', () => {
  it('changes requested → resubmitted with a revised statement → approved → revoked', async () => {
    const ds = await freshApprovalDs();
    const id = await submitted(US, ds, { acceptedAgreements: ['dua'] });
    const changes = await R1.post(`/api/v1/access-requests/${id}/decision`, {
      decision: 'request_changes',
      reason: 'Attach the cross-border agreement.',
    });
    expect(changes.status).toBe(200);
    expect(changes.body).toMatchObject({ status: 'changes_requested', decisionReason: 'Attach the cross-border agreement.' });
    expect((await R1.post(`/api/v1/access-requests/${id}/resubmit`, {})).body.code).toBe('not_the_requester');
    expect((await KR.post(`/api/v1/access-requests/${id}/resubmit`, {})).status).toBe(404);

    const statement = `${STATEMENT} The signed cross-border agreement is on file.`;
    const resub = await US.post(`/api/v1/access-requests/${id}/resubmit`, {
      statement,
      acceptedAgreements: ['dua', 'cross_border_agreement'],
      note: 'Agreement signed.',
    });
    expect(resub.status, resub.text).toBe(200);
    expect(resub.body).toMatchObject({ status: 'submitted', statement, decidedBy: null, decisionReason: null });
    const dua = resub.body.acceptedAgreements.find((a: { code: string }) => a.code === 'dua');
    expect(dua.acceptedAt).toBe(changes.body.acceptedAgreements[0].acceptedAt);
    expect(resub.body.acceptedAgreements.map((a: { code: string }) => a.code)).toEqual(['dua', 'cross_border_agreement']);
    expect(resub.body.history.map((h: { to: string }) => h.to)).toEqual(['submitted', 'changes_requested', 'submitted']);
    expect(resub.body.history[1].note).toBe('Attach the cross-border agreement.');
    expect(resub.body.history[2].note).toBe('Agreement signed.');
    expect((await US.post(`/api/v1/access-requests/${id}/resubmit`, {})).body.code).toBe('invalid_status_transition');

    expect((await approve(R2, id)).status).toBe(200);
    expect(await activeGrantsFor(usResearcher.id, new Types.ObjectId(ds))).toContainEqual({ scope: 'full', purpose: 'research' });
    const withdrawApproved = await US.post(`/api/v1/access-requests/${id}/withdraw`, {});
    expect(withdrawApproved.status).toBe(409);
    expect(withdrawApproved.body).toMatchObject({ code: 'invalid_status_transition', detail: expect.stringContaining('approved') });

    const revoked = await R1.post(`/api/v1/access-requests/${id}/revoke`, { reason: 'The agreement was terminated.' });
    expect(revoked.status).toBe(200);
    expect(revoked.body).toMatchObject({ status: 'revoked', revokeReason: 'The agreement was terminated.', revokedAt: expect.any(String) });
    expect((await AccessRequest.findById(id).lean())!.status).toBe('revoked');
    const again = await R1.post(`/api/v1/access-requests/${id}/revoke`, { reason: 'again' });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('invalid_status_transition');
    expect((await R1.post(`/api/v1/access-requests/${id}/revoke`, {})).status).toBe(400);
  });

  it('the requester withdraws an undecided request; nothing moves it afterwards', async () => {
    const id = await submitted(KR, await freshApprovalDs());
    expect((await R1.post(`/api/v1/access-requests/${id}/claim`)).status).toBe(200);
    const again = await R2.post(`/api/v1/access-requests/${id}/claim`);
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('invalid_status_transition');
    expect((await R1.post(`/api/v1/access-requests/${id}/withdraw`, {})).body.code).toBe('not_the_requester');
    const w = await KR.post(`/api/v1/access-requests/${id}/withdraw`, { note: 'Found another source.' });
    expect(w.status).toBe(200);
    expect(w.body.status).toBe('withdrawn');
    expect(w.body.history.at(-1)).toMatchObject({ from: 'under_review', to: 'withdrawn', note: 'Found another source.' });
    for (const [client, path, body] of [
      [KR, 'withdraw', {}],
      [KR, 'resubmit', {}],
      [R1, 'claim', undefined],
      [R1, 'decision', { decision: 'approve', reason: 'ok', expiresAt: inDays(5) }],
      [R1, 'revoke', { reason: 'x' }],
    ] as const) {
      const res = await client.post(`/api/v1/access-requests/${id}/${path}`, body);
      expect(res.status, path).toBe(409);
      expect(res.body.code, path).toBe('invalid_status_transition');
    }
  });

  it('revoking a request that was never approved is an invalid transition', async () => {
    const id = await submitted(KR, await freshApprovalDs());
    const res = await R1.post(`/api/v1/access-requests/${id}/revoke`, { reason: 'x' });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('invalid_status_transition');
  });
});

describe('lists: my requests and the reviewer queue', () => {
  let queueDs: string;
  let otherProviderDs: string;
  let requesterOrg: OrganizationDoc;
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    queueDs = await dataset({ disclosure: { accessLevel: 'approval', samplesAccess: 'open', maxGrantDays: 90 } });
    // A dataset of another provider, reviewed by its own reviewer.
    const otherOrg = await createOrg();
    const otherProvider = app.as(await createUser({ roles: ['provider'], org: otherOrg }));
    const otherOrgReviewer = app.as(await createUser({ roles: ['reviewer'], org: otherOrg }));
    const other = await publishDataset(otherProvider, otherOrgReviewer, { disclosure: disclosure({ accessLevel: 'approval' }) });
    otherProviderDs = other.id;
    requesterOrg = await createOrg({ country: 'US', type: 'company' });
    const companyUser = app.as(await createUser({ org: requesterOrg }));
    ids.old = await submitted(companyUser, queueDs);
    ids.middle = await submitted(KR, queueDs);
    ids.fresh = await submitted(US, queueDs);
    ids.other = await submitted(KR, otherProviderDs);
    const ago = (d: number) => new Date(Date.now() - d * DAY);
    await AccessRequest.updateOne({ _id: new Types.ObjectId(ids.old) }, { $set: { submittedAt: ago(10) } });
    await AccessRequest.updateOne({ _id: new Types.ObjectId(ids.middle) }, { $set: { submittedAt: ago(3) } });
  });

  it('the queue lists the provider’s pending requests oldest first with age and SLA', async () => {
    const res = await R1.get(`/api/v1/access-requests?queue=true&dataset=${queueDs}`);
    expect(res.status).toBe(200);
    expect(res.body.items.map((i: { id: string }) => i.id)).toEqual([ids.old, ids.middle, ids.fresh]);
    expect(res.body.total).toBe(3);
    const [old, middle, fresh] = res.body.items;
    expect(old).toMatchObject({ ageDays: 10, slaDays: 7, overdue: true });
    expect(middle).toMatchObject({ ageDays: 3, slaDays: 7, overdue: false });
    expect(fresh).toMatchObject({ ageDays: 0, overdue: false });
    // The provider's reviewer never sees another provider's requests; a national reviewer sees both.
    const all = await R1.get('/api/v1/access-requests?queue=true&pageSize=100');
    expect(all.body.items.map((i: { id: string }) => i.id)).not.toContain(ids.other);
    const nat = await NR.get(`/api/v1/access-requests?queue=true&dataset=${queueDs}&dataset=${otherProviderDs}`);
    expect(nat.body.items.map((i: { id: string }) => i.id)).toEqual([ids.old, ids.middle, ids.fresh, ids.other]);
  });

  it('filters by status, dataset, requesting organisation and age', async () => {
    const older = await R1.get(`/api/v1/access-requests?queue=true&dataset=${queueDs}&olderThanDays=2`);
    expect(older.body.items.map((i: { id: string }) => i.id)).toEqual([ids.old, ids.middle]);
    const byOrg = await R1.get(`/api/v1/access-requests?queue=true&organization=${requesterOrg.slug}`);
    expect(byOrg.body.items.map((i: { id: string }) => i.id)).toEqual([ids.old]);
    await R1.post(`/api/v1/access-requests/${ids.middle}/claim`);
    const review = await R1.get(`/api/v1/access-requests?queue=true&dataset=${queueDs}&status=under_review`);
    expect(review.body.items.map((i: { id: string }) => i.id)).toEqual([ids.middle]);
    const submittedOnly = await R1.get(`/api/v1/access-requests?queue=true&dataset=${queueDs}&status=submitted`);
    expect(submittedOnly.body.items.map((i: { id: string }) => i.id)).toEqual([ids.old, ids.fresh]);
    const bySlug = await R1.get(`/api/v1/access-requests?queue=true&dataset=${(await R1.get(`/api/v1/datasets/${queueDs}`)).body.slug}`);
    expect(bySlug.body.total).toBe(3);
    expect((await R1.get('/api/v1/access-requests?queue=true&status=bogus')).status).toBe(400);
    expect((await R1.get('/api/v1/access-requests?queue=true&olderThanDays=-1')).status).toBe(400);
  });

  it('my requests: only mine, newest first; researchers have no queue', async () => {
    const mine = await KR.get('/api/v1/access-requests?mine=true&pageSize=100');
    expect(mine.status).toBe(200);
    const items = mine.body.items as Array<{ id: string; requester: { id: string }; createdAt: string }>;
    expect(items.every((i) => i.requester.id === String(krResearcher.id))).toBe(true);
    const times = items.map((i) => Date.parse(i.createdAt));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    expect(items.map((i) => i.id)).toEqual(expect.arrayContaining([ids.middle, ids.other]));
    expect(mine.body).toMatchObject({ total: items.length, page: 1, pageSize: 100 });
    const queue = await KR.get('/api/v1/access-requests?queue=true');
    expect(queue.status).toBe(403);
  });
});

describe('withdrawn datasets and existing grantees', () => {
  it('stay readable for a holder of an active grant, and disappear for everyone else and after expiry', async () => {
    const ds = await dataset({ disclosure: { accessLevel: 'approval', samplesAccess: 'registered', crossBorder: 'allowed', maxGrantDays: 90 } });
    const id = await submitted(KR, ds);
    expect((await approve(R1, id)).status).toBe(200);
    expect((await P.post(`/api/v1/datasets/${ds}/withdraw`, {})).status).toBe(200);

    const grantee = await KR.get(`/api/v1/datasets/${ds}`);
    expect(grantee.status).toBe(200);
    expect(grantee.body.status).toBe('withdrawn');
    expect((await KR.get(`/api/v1/datasets/${ds}/artifacts`)).status).toBe(200);
    expect((await US.get(`/api/v1/datasets/${ds}`)).status).toBe(404);
    expect((await app.anon.get(`/api/v1/datasets/${ds}`)).status).toBe(404);

    await AccessRequest.updateOne({ _id: new Types.ObjectId(id) }, { $set: { expiresAt: new Date(Date.now() - 60_000) } });
    expect((await KR.get(`/api/v1/datasets/${ds}`)).status).toBe(404);
  });
});
