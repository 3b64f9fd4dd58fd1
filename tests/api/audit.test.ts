import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrg, createUser, startTestApp, type Client, type TestApp, type TestUser } from '../helpers/app';
import { publishDataset } from '../helpers/factories';

const STATEMENT = 'Benchmarking Korean speech recognition for a public-interest study.';

let app: TestApp;
let admin: Client;
let reviewer: TestUser;
let researcher: TestUser;
let R: Client;
let RS: Client;
let datasetId: string;
let firstRequest: string;
let secondRequest: string;
let between: string;

// A second open request for the same scope and purpose would be refused (409 access_request_exists).
async function request(purpose = 'research'): Promise<string> {
  const res = await RS.post(
    '/api/v1/access-requests',
    { datasetId, scope: 'full', purpose, statement: STATEMENT, durationDays: 10 },
    { 'idempotency-key': randomUUID() },
  );
  expect(res.status, res.text).toBe(201);
  return res.body.id;
}

type Event = { id: string; at: string; action: string; targetType: string; targetId: string; actor: { id: string } | null };
const items = (res: { body: { items: Event[] } }) => res.body.items;

beforeAll(async () => {
  app = await startTestApp();
  admin = app.as(await createUser({ roles: ['admin'] }));
  const org = await createOrg();
  const P = app.as(await createUser({ roles: ['provider'], org }));
  reviewer = await createUser({ roles: ['reviewer'], org });
  researcher = await createUser({ country: 'KR', orgType: 'research_institute' });
  R = app.as(reviewer);
  RS = app.as(researcher);
  const ds = await publishDataset(P, R, {
    disclosure: {
      accessLevel: 'approval',
      samplesAccess: 'open',
      allowedCountries: ['*'],
      allowedOrgTypes: ['*'],
      allowedPurposes: ['research', 'education'],
      crossBorder: 'allowed',
      conditions: { dua: false, irb: false, attribution: true, noRedistribution: false },
      maxGrantDays: 30,
    },
  });
  datasetId = ds.id;
  firstRequest = await request();
  await new Promise((r) => setTimeout(r, 20));
  between = new Date().toISOString();
  await new Promise((r) => setTimeout(r, 20));
  secondRequest = await request('education');
  const decided = await R.post(`/api/v1/access-requests/${secondRequest}/decision`, {
    decision: 'approve',
    reason: 'OK',
    expiresAt: new Date(Date.now() + 5 * 86_400_000).toISOString(),
  });
  expect(decided.status).toBe(200);
});
afterAll(async () => {
  await app?.close();
});

describe('GET /audit', () => {
  it('is for admins only', async () => {
    expect((await app.anon.get('/api/v1/audit')).status).toBe(401);
    for (const client of [RS, R]) {
      const res = await client.get('/api/v1/audit');
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('forbidden_role');
    }
  });

  it('lists every event newest first with paging', async () => {
    const res = await admin.get('/api/v1/audit?pageSize=200');
    expect(res.status).toBe(200);
    const list = items(res);
    expect(res.body.total).toBe(list.length);
    expect(list.length).toBeGreaterThanOrEqual(6);
    const times = list.map((e) => Date.parse(e.at));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    expect(list[0]).toMatchObject({
      action: 'access_request.approve',
      targetType: 'access_request',
      targetId: secondRequest,
      actor: { id: String(reviewer.id) },
    });
    expect(list[0]).not.toHaveProperty('_id');
    const page2 = await admin.get('/api/v1/audit?pageSize=2&page=2');
    expect(items(page2).map((e) => e.id)).toEqual(list.slice(2, 4).map((e) => e.id));
    expect(page2.body).toMatchObject({ page: 2, pageSize: 2, total: list.length });
  });

  it('filters by action, actor, target and time', async () => {
    const created = items(await admin.get('/api/v1/audit?action=access_request.create'));
    expect(created.map((e) => e.targetId)).toEqual([secondRequest, firstRequest]);
    const twoActions = items(await admin.get('/api/v1/audit?action=access_request.create&action=access_request.approve'));
    expect(twoActions.map((e) => e.action)).toEqual(['access_request.approve', 'access_request.create', 'access_request.create']);
    const target = items(await admin.get(`/api/v1/audit?targetType=access_request&targetId=${secondRequest}`));
    expect(target.map((e) => e.action)).toEqual(['access_request.approve', 'access_request.create']);
    const byActor = items(await admin.get(`/api/v1/audit?actorId=${researcher.id}`));
    expect(byActor.length).toBe(2);
    expect(byActor.every((e) => e.actor?.id === String(researcher.id))).toBe(true);
    const since = items(await admin.get(`/api/v1/audit?from=${encodeURIComponent(between)}`));
    expect(since.map((e) => e.targetId)).toEqual([secondRequest, secondRequest]);
    const until = items(await admin.get(`/api/v1/audit?action=access_request.create&to=${encodeURIComponent(between)}`));
    expect(until.map((e) => e.targetId)).toEqual([firstRequest]);
    const datasets = items(await admin.get(`/api/v1/audit?targetType=dataset&targetId=${datasetId}`));
    expect(datasets.map((e) => e.action)).toEqual(expect.arrayContaining(['dataset.create', 'dataset.submit', 'dataset.publish']));
  });

  it('rejects malformed filters', async () => {
    for (const q of ['actorId=nope', 'from=yesterday', 'to=2026-13-45', 'pageSize=0']) {
      const res = await admin.get(`/api/v1/audit?${q}`);
      expect(res.status, q).toBe(400);
    }
  });
});
