// Issue 13, "grant-aware everywhere" and external access: "your access" (GET /datasets/{id}/my-access)
// before and after approval and after expiry; externalAccess revealed only to callers the engine
// allows scope `full` and never in search or the exports; matches and "Can I use this?" count the
// caller's grant; a second overlapping request is refused with a link to the first; the decision's
// expiry defaults to the requested duration (capped by maxGrantDays).
import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccessRequest } from '../../server/access/model';
import { AuditEvent } from '../../server/audit/model';
import type { OrganizationDoc } from '../../server/organizations/model';
import { createOrg, createUser, startTestApp, type Client, type TestApp } from '../helpers/app';
import { buildDataset, publishDataset } from '../helpers/factories';

const DAY = 86_400_000;
const STATEMENT = 'We evaluate Korean speech recognition in a joint KR–US university research project.';
// Random words that appear nowhere but in the external access entries, so any sighting is a leak.
const SECRET = `zq${randomBytes(6).toString('hex')}`;
const SECRET_KO = '뷁쮋흌';

let app: TestApp;
let P: Client; // provider
let R: Client; // provider's reviewer
let US: Client; // member of the US partner organisation
let OUT: Client; // another US researcher, no grant
let partnerOrg: OrganizationDoc;

function externalAccess(tag = SECRET) {
  return [
    {
      id: 'sftp',
      kind: 'url',
      url: `https://sftp.provider.example/${tag}`,
      text: { ko: `SFTP 계정 안내 ${SECRET_KO}`, en: `SFTP account for ${tag}` },
    },
    {
      id: 'room',
      kind: 'instructions',
      text: { ko: '분석실 예약: 담당자에게 메일로 요청하세요.', en: `Book the analysis room by e-mail (${tag}).` },
    },
  ];
}

const approvalRules = (over: Record<string, unknown> = {}) => ({
  ...buildDataset().disclosure,
  accessLevel: 'approval',
  samplesAccess: 'registered',
  conditions: { dua: true, irb: false, attribution: true, noRedistribution: true },
  maxGrantDays: 120,
  ...over,
});

async function publishWithExternalAccess(over: Record<string, unknown> = {}): Promise<string> {
  const body = await publishDataset(P, R, { disclosure: approvalRules(), externalAccess: externalAccess(), ...over });
  return body.id as string;
}

function ask(client: Client, datasetId: string, over: Record<string, unknown> = {}, key: string = randomUUID()) {
  const body = {
    datasetId,
    scope: 'full',
    purpose: 'research',
    statement: STATEMENT,
    durationDays: 90,
    acceptedAgreements: ['dua'],
    ...over,
  };
  return client.post('/api/v1/access-requests', body, { 'idempotency-key': key });
}

const approve = (id: string, over: Record<string, unknown> = {}) =>
  R.post(`/api/v1/access-requests/${id}/decision`, {
    decision: 'approve',
    reason: 'Fits the stated research.',
    conditions: ['Delete the data after the project.'],
    ...over,
  });

const evaluateAs = (client: Client, datasetId: string, scope = 'full', lang = 'en') =>
  client.post(`/api/v1/policy/evaluate?lang=${lang}`, { datasetId, purpose: 'research', scope });

async function matchFor(datasetId: string) {
  const res = await US.get(`/api/v1/partners/${partnerOrg.slug}/matches?pageSize=100&includeIneligible=true`);
  expect(res.status, res.text).toBe(200);
  return res.body.items.find((m: { dataset: { id: string } }) => m.dataset.id === datasetId);
}

beforeAll(async () => {
  app = await startTestApp();
  const providerOrg = await createOrg();
  P = app.as(await createUser({ roles: ['provider'], org: providerOrg }));
  R = app.as(await createUser({ roles: ['reviewer'], org: providerOrg }));
  partnerOrg = await createOrg({
    country: 'US',
    type: 'university',
    partnerProfile: {
      interests: {
        usCet: ['artificial_intelligence'],
        krTech: [],
        modalities: ['speech'],
        tasks: ['asr'],
        keywords: { ko: [], en: ['speech recognition'] },
      },
      purposes: ['research'],
      capabilities: { canSignDua: true, hasIrb: false, canUseEnclave: false, canObtainExportLicense: false },
    },
  });
  US = app.as(await createUser({ org: partnerOrg }));
  OUT = app.as(await createUser({ country: 'US', orgType: 'university' }));
});
afterAll(async () => {
  await app?.close();
});

describe('externalAccess in the working copy', () => {
  it('is validated with problem+json naming each field, in Korean and English', async () => {
    const created = await P.post('/api/v1/datasets', buildDataset({ disclosure: approvalRules() }));
    expect(created.status, created.text).toBe(201);
    const id = created.body.id;
    const bad = [
      { id: 'a', kind: 'url', url: 'http://insecure.example/x', text: { ko: '안내', en: 'Info' } },
      { id: 'b', kind: 'url', text: { ko: '주소 없음', en: 'No address' } },
      { id: 'c', kind: 'instructions', text: { ko: '영어 없음' } },
    ];
    const ko = await P.patch(`/api/v1/datasets/${id}?lang=ko`, { externalAccess: bad });
    expect(ko.status).toBe(400);
    expect(ko.headers.get('content-type')).toMatch(/application\/problem\+json/);
    const byPath = Object.fromEntries(ko.body.errors.map((e: { path: string; code: string; message: string }) => [e.path, e]));
    expect(byPath['/externalAccess/0/url']).toMatchObject({ code: 'invalid_https_url', message: expect.stringContaining('https://') });
    expect(byPath['/externalAccess/0/url'].message).toMatch(/[가-힣]/);
    expect(byPath['/externalAccess/1/url']).toMatchObject({ code: 'required' });
    expect(byPath['/externalAccess/2/text/en']).toMatchObject({ code: 'required' });
    const twice = [0, 1].map(() => ({ id: 'same', kind: 'instructions', text: { ko: '중복', en: 'Duplicate' } }));
    const dup = await P.patch(`/api/v1/datasets/${id}?lang=ko`, { externalAccess: twice });
    expect(dup.status).toBe(400);
    expect(dup.body.errors).toEqual([
      expect.objectContaining({ path: '/externalAccess/1/id', code: 'duplicate_code', message: expect.stringContaining('same') }),
    ]);
    const tooMany = Array.from({ length: 11 }, (_, i) => ({ id: `e${i}`, kind: 'instructions', text: { ko: '안내', en: 'Info' } }));
    const en = await P.patch(`/api/v1/datasets/${id}?lang=en`, { externalAccess: tooMany });
    expect(en.status).toBe(400);
    expect(en.body.errors).toEqual([
      expect.objectContaining({ path: '/externalAccess', code: 'max_items', message: expect.stringMatching(/10/) }),
    ]);
    // Nothing was written by the refused patches.
    expect((await P.get(`/api/v1/datasets/${id}`)).body.externalAccess).toBeUndefined();

    const ok = await P.patch(`/api/v1/datasets/${id}`, { externalAccess: externalAccess('draft') });
    expect(ok.status, ok.text).toBe(200);
    expect(ok.body.externalAccess).toEqual(externalAccess('draft'));
    const audit = await AuditEvent.findOne({ action: 'dataset.update', targetId: id }).sort({ at: -1 }).lean();
    expect(audit?.details).toMatchObject({ fields: ['externalAccess'] });
  });

  it('reaches the published face only through review', async () => {
    const id = await publishWithExternalAccess();
    const revised = externalAccess('revised');
    expect((await P.patch(`/api/v1/datasets/${id}`, { externalAccess: revised })).status).toBe(200);
    // The provider's working copy has the revision; a member reads the working copy.
    expect((await P.get(`/api/v1/datasets/${id}`)).body.externalAccess).toEqual(revised);
    // Until approval, the published face keeps the old entries (checked as the provider's reviewer sees versions).
    const v1 = await P.get(`/api/v1/datasets/${id}/versions/1`);
    expect(v1.body.externalAccess).toEqual(externalAccess());
    expect((await P.post(`/api/v1/datasets/${id}/submit`)).status).toBe(200);
    expect((await R.post(`/api/v1/datasets/${id}/review`, { action: 'approve', comment: 'ok' })).status).toBe(200);
    const v2 = await P.get(`/api/v1/datasets/${id}/versions/2`);
    expect(v2.body.externalAccess).toEqual(revised);
  });
});

describe('the journey: no grant → request → approval → expiry', () => {
  let ds: string;
  let requestId: string;
  let slug: string;

  beforeAll(async () => {
    ds = await publishWithExternalAccess();
    slug = (await P.get(`/api/v1/datasets/${ds}`)).body.slug;
  });

  it('before any request: externalAccess hidden from anonymous, outsiders and the partner; never in search, exports or old versions', async () => {
    for (const client of [app.anon, OUT, US]) {
      const res = await client.get(`/api/v1/datasets/${ds}`);
      expect(res.status).toBe(200);
      expect(res.body).not.toHaveProperty('externalAccess');
      expect(res.text).not.toContain(SECRET);
      const v1 = await client.get(`/api/v1/datasets/${ds}/versions/1`);
      expect(v1.status).toBe(200);
      expect(v1.text).not.toContain(SECRET);
    }
    const searched = await US.get(`/api/v1/datasets?q=${encodeURIComponent('speech recognition')}&pageSize=100`);
    expect(searched.body.items.map((i: { id: string }) => i.id)).toContain(ds);
    for (const path of [
      `/api/v1/datasets?pageSize=100`,
      `/api/v1/datasets?q=${encodeURIComponent('SFTP account')}&pageSize=100`,
      '/data.json',
      '/catalog.jsonld',
      `/api/v1/datasets/${ds}/croissant`,
    ]) {
      for (const client of [app.anon, US]) {
        const res = await client.get(path);
        expect(res.status, `${path}: ${res.text.slice(0, 200)}`).toBeLessThan(400);
        expect(res.text, path).not.toContain(SECRET);
        expect(res.text, path).not.toContain(SECRET_KO);
      }
    }
    expect((await US.get(`/api/v1/datasets?q=${SECRET}`)).body.total).toBe(0);
  });

  it('my-access needs a signed-in caller and a readable dataset', async () => {
    expect((await app.anon.get(`/api/v1/datasets/${ds}/my-access`)).status).toBe(401);
    expect((await US.get(`/api/v1/datasets/no-such-dataset/my-access`)).status).toBe(404);
    const res = await US.get(`/api/v1/datasets/${slug}/my-access`);
    expect(res.status, res.text).toBe(200);
    expect(res.body).toEqual({ dataset: { id: ds, slug }, active: [], ended: [], open: [] });
  });

  it('before approval: "Can I use this?" and matches say a request is needed', async () => {
    const ev = await evaluateAs(US, ds);
    expect(ev.body.decision).toBe('request_required');
    expect(ev.body).not.toHaveProperty('grant');
    const match = await matchFor(ds);
    expect(match.access).toMatchObject({ decision: 'request_required', granted: false });
    expect(match.access.steps.map((s: { code: string }) => s.code)).toContain('request');
  });

  it('a request is listed as open; a second overlapping one is 409 access_request_exists with a link to it; a retry with the same key still replays', async () => {
    const key = randomUUID();
    const created = await ask(US, ds, {}, key);
    expect(created.status, created.text).toBe(201);
    requestId = created.body.id;

    const mine = await US.get(`/api/v1/datasets/${ds}/my-access`);
    expect(mine.body.open).toEqual([
      expect.objectContaining({
        requestId,
        link: `/requests/${requestId}`,
        status: 'submitted',
        scope: 'full',
        purpose: 'research',
        durationDays: 90,
      }),
    ]);
    expect(mine.body.active).toEqual([]);

    const replay = await ask(US, ds, {}, key);
    expect(replay.status).toBe(200);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(replay.body.id).toBe(requestId);

    for (const [over, lang] of [
      [{}, 'en'],
      [{ scope: 'samples' }, 'ko'],
    ] as const) {
      const again = await US.post(
        `/api/v1/access-requests?lang=${lang}`,
        { datasetId: ds, scope: 'full', purpose: 'research', statement: STATEMENT, durationDays: 30, acceptedAgreements: ['dua'], ...over },
        { 'idempotency-key': randomUUID() },
      );
      expect(again.status).toBe(409);
      expect(again.headers.get('content-type')).toMatch(/application\/problem\+json/);
      expect(again.body).toMatchObject({
        code: 'access_request_exists',
        existing: {
          id: requestId,
          status: 'submitted',
          scope: 'full',
          purpose: 'research',
          active: false,
          link: `/requests/${requestId}`,
          href: `/api/v1/access-requests/${requestId}`,
        },
      });
      expect(again.body.title).toMatch(lang === 'ko' ? /[가-힣]/ : /already/i);
    }
    // Only the one request was stored.
    expect(await AccessRequest.countDocuments({ datasetId: ds })).toBe(1);
  });

  it('approval without an expiry runs for the requested 90 days; the grant is counted everywhere', async () => {
    const before = Date.now();
    const decided = await approve(requestId);
    expect(decided.status, decided.text).toBe(200);
    const expiresAt = new Date(decided.body.expiresAt).getTime();
    expect(expiresAt).toBeGreaterThanOrEqual(before + 90 * DAY);
    expect(expiresAt).toBeLessThanOrEqual(Date.now() + 90 * DAY);
    const audit = await AuditEvent.findOne({ action: 'access_request.approve', targetId: requestId }).lean();
    expect(audit?.details).toMatchObject({ requestedDays: 90, expiryDefaulted: true });

    const mine = await US.get(`/api/v1/datasets/${ds}/my-access`);
    expect(mine.body.open).toEqual([]);
    expect(mine.body.active).toHaveLength(1);
    const grant = mine.body.active[0];
    expect(grant).toMatchObject({
      requestId,
      link: `/requests/${requestId}`,
      status: 'approved',
      scope: 'full',
      purpose: 'research',
      conditions: ['Delete the data after the project.'],
      daysLeft: 90,
      externalAccess: externalAccess(),
    });
    expect(grant.files).toEqual([
      expect.objectContaining({ kind: 'sample', scope: 'samples', downloadUrl: expect.stringMatching(/\/download\?purpose=research$/) }),
    ]);
    expect(grant.files[0]).not.toHaveProperty('key');
    const download = await US.get(`${grant.files[0].downloadUrl}&format=json`);
    expect(download.status, download.text).toBe(200);

    // The dataset page's API reveals the entries to the grantee only.
    expect((await US.get(`/api/v1/datasets/${ds}`)).body.externalAccess).toEqual(externalAccess());
    for (const client of [app.anon, OUT]) expect((await client.get(`/api/v1/datasets/${ds}`)).text).not.toContain(SECRET);

    const ev = await evaluateAs(US, ds, 'full', 'ko');
    expect(ev.body.decision).toBe('allow');
    expect(ev.body.grant).toMatchObject({ requestId, scope: 'full', purpose: 'research', link: `/requests/${requestId}` });
    expect(ev.body.requirements.length).toBeGreaterThan(0);
    for (const r of ev.body.requirements) expect(r).toMatchObject({ metByGrant: true });
    // Samples are open to signed-in users here anyway: the grant is not what allows them.
    const samples = (await evaluateAs(US, ds, 'samples')).body;
    expect(samples.decision).toBe('allow');
    expect(samples).not.toHaveProperty('grant');
    // The outsider's answer is unchanged.
    expect((await evaluateAs(OUT, ds)).body).not.toHaveProperty('grant');

    const match = await matchFor(ds);
    expect(match.access).toMatchObject({ decision: 'allow', granted: true, requirements: [] });
    expect(match.access.steps.map((s: { code: string }) => s.code)).toEqual(['sign_in', 'download']);
    const accessibility = match.components.find((c: { name: string }) => c.name === 'accessibility');
    expect(accessibility.score).toBe(1);
    expect(accessibility.explanation.en).toMatch(/approved grant/);
    expect(accessibility.explanation.ko).toMatch(/승인/);

    // While the grant is active, asking again is refused with the grant's id.
    const again = await ask(US, ds, { scope: 'samples' });
    expect(again.status).toBe(409);
    expect(again.body.existing).toMatchObject({ id: requestId, status: 'approved', active: true });
  });

  it('after expiry: the grant is listed as ended, external access is hidden again and a new request may be made', async () => {
    await AccessRequest.updateOne({ _id: requestId }, { $set: { expiresAt: new Date(Date.now() - 1000) } });
    const mine = await US.get(`/api/v1/datasets/${ds}/my-access`);
    expect(mine.body.active).toEqual([]);
    expect(mine.body.ended).toEqual([
      expect.objectContaining({ requestId, status: 'expired', endedAt: expect.any(String), link: `/requests/${requestId}` }),
    ]);
    expect((await US.get(`/api/v1/datasets/${ds}`)).text).not.toContain(SECRET);
    expect((await evaluateAs(US, ds)).body.decision).toBe('request_required');
    expect((await matchFor(ds)).access).toMatchObject({ decision: 'request_required', granted: false });
    const renewed = await ask(US, ds);
    expect(renewed.status, renewed.text).toBe(201);
  });
});

describe('overlapping requests made at the same moment', () => {
  it('of two concurrent requests with different keys exactly one is stored', async () => {
    const ds = await publishWithExternalAccess();
    const results = await Promise.all([ask(US, ds), ask(US, ds), ask(US, ds)]);
    const statuses = results.map((r) => r.status).sort();
    expect(statuses).toEqual([201, 409, 409]);
    const winner = results.find((r) => r.status === 201)!.body.id;
    for (const r of results.filter((x) => x.status === 409)) expect(r.body.existing.id).toBe(winner);
    expect(await AccessRequest.countDocuments({ datasetId: ds })).toBe(1);
    expect(await AuditEvent.countDocuments({ action: 'access_request.create', 'details.datasetId': ds })).toBe(1);
  });

  it('other purposes and a wider scope are separate requests', async () => {
    const ds = await publishWithExternalAccess({ disclosure: approvalRules({ allowedPurposes: ['research', 'education'] }) });
    expect((await ask(US, ds, { scope: 'samples' })).status).toBe(201);
    expect((await ask(US, ds, { scope: 'full' })).status).toBe(201);
    expect((await ask(US, ds, { purpose: 'education' })).status).toBe(201);
  });
});

describe('the decision expiry defaults to the requested duration', () => {
  it('is capped by the maxGrantDays in force at the decision; an explicit date still wins', async () => {
    const ds = await publishWithExternalAccess();
    const created = await ask(OUT, ds, { durationDays: 100 });
    expect(created.status, created.text).toBe(201);
    // The provider tightens the rules to 30 days before the reviewer decides.
    const patched = await P.patch(`/api/v1/datasets/${ds}`, { disclosure: { maxGrantDays: 30 } });
    expect(patched.status, patched.text).toBe(200);
    expect((await P.post(`/api/v1/datasets/${ds}/submit`)).status).toBe(200);
    expect((await R.post(`/api/v1/datasets/${ds}/review`, { action: 'approve', comment: 'ok' })).status).toBe(200);
    const decided = await approve(created.body.id);
    expect(decided.status, decided.text).toBe(200);
    const days = (new Date(decided.body.expiresAt).getTime() - Date.now()) / DAY;
    expect(days).toBeGreaterThan(29.9);
    expect(days).toBeLessThanOrEqual(30);

    const other = await ask(US, ds, { durationDays: 20 });
    expect(other.status, other.text).toBe(201);
    const explicit = new Date(Date.now() + 7 * DAY).toISOString();
    const shorter = await approve(other.body.id, { expiresAt: explicit });
    expect(shorter.status).toBe(200);
    expect(new Date(shorter.body.expiresAt).toISOString()).toBe(explicit);
  });
});
