import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Notification } from '../../server/notifications/model';
import { createOrg, createUser, startTestApp, type Client, type TestApp, type TestUser } from '../helpers/app';
import { publishDataset } from '../helpers/factories';
import { formatMessageDate } from '../../schemas/date-formatter';

const STATEMENT = 'Evaluating Korean OCR models for a joint public-interest research project.';
const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString();

let app: TestApp;
let researcher: TestUser;
let reviewer1: TestUser;
let reviewer2: TestUser;
let P: Client;
let R1: Client;
let R2: Client;
let X: Client;
let RS: Client;
let datasetId: string;
let datasetTitle: { ko: string; en: string };

// One open request per scope and purpose (409 access_request_exists otherwise): each test asks for another purpose.
async function request(purpose = 'research'): Promise<string> {
  const res = await RS.post(
    '/api/v1/access-requests',
    { datasetId, scope: 'full', purpose, statement: STATEMENT, durationDays: 30 },
    { 'idempotency-key': randomUUID() },
  );
  expect(res.status, res.text).toBe(201);
  return res.body.id;
}

const codesOf = (res: { body: { items: Array<{ code: string }> } }) => res.body.items.map((n) => n.code);

beforeAll(async () => {
  app = await startTestApp();
  const org = await createOrg();
  const provider = await createUser({ roles: ['provider'], org });
  reviewer1 = await createUser({ roles: ['reviewer'], org });
  reviewer2 = await createUser({ roles: ['reviewer'], org });
  researcher = await createUser({ country: 'KR', orgType: 'university' });
  P = app.as(provider);
  R1 = app.as(reviewer1);
  R2 = app.as(reviewer2);
  X = app.as(await createUser({ roles: ['reviewer'] }));
  RS = app.as(researcher);
  const ds = await publishDataset(P, R1, {
    disclosure: {
      accessLevel: 'approval',
      samplesAccess: 'open',
      allowedCountries: ['*'],
      allowedOrgTypes: ['*'],
      allowedPurposes: ['research', 'education', 'public_interest', 'commercial'],
      crossBorder: 'allowed',
      conditions: { dua: false, irb: false, attribution: true, noRedistribution: false },
      maxGrantDays: 90,
    },
  });
  datasetId = ds.id;
  datasetTitle = ds.title;
  // Publishing notified the provider's people (tests/api/publication-notifications.test.ts); this
  // file counts access-request notifications from zero.
  await Notification.deleteMany({});
});
afterAll(async () => {
  await app?.close();
});

describe('notifications', () => {
  it('a submitted request notifies the provider’s reviewers, in their language, and nobody else', async () => {
    const id = await request();
    for (const client of [R1, R2]) {
      const res = await client.get('/api/v1/notifications');
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ total: 1, unread: 1, page: 1 });
      const [n] = res.body.items;
      expect(n).toMatchObject({
        code: 'access_request_submitted',
        read: false,
        readAt: null,
        target: { type: 'access_request', id },
        link: `/access-requests/${id}`,
      });
      expect(n.message).toContain(datasetTitle.en);
      expect(n).not.toHaveProperty('_id');
      expect(n).not.toHaveProperty('userId');
    }
    const ko = await R1.get('/api/v1/notifications?lang=ko');
    expect(ko.body.items[0].message).toContain(datasetTitle.ko);
    expect(ko.body.items[0].message).toMatch(/신청/);
    for (const client of [P, X, RS]) expect((await client.get('/api/v1/notifications')).body.total).toBe(0);
  });

  it('a request to a provider without reviewers of its own notifies the national review desk', async () => {
    const lone = await createOrg();
    const loneProvider = app.as(await createUser({ roles: ['provider'], org: lone }));
    const desk = app.as(await createUser({ roles: ['reviewer'], org: await createOrg({ nationalReviewer: true }) }));
    const ds = await publishDataset(loneProvider, desk, {
      disclosure: {
        accessLevel: 'approval',
        samplesAccess: 'open',
        allowedCountries: ['*'],
        allowedOrgTypes: ['*'],
        allowedPurposes: ['research'],
        crossBorder: 'allowed',
        conditions: { dua: false, irb: false, attribution: true, noRedistribution: false },
        maxGrantDays: 90,
      },
    });
    await Notification.deleteMany({});
    const res = await RS.post('/api/v1/access-requests', { datasetId: ds.id, scope: 'full', purpose: 'research', statement: STATEMENT, durationDays: 30 }, { 'idempotency-key': randomUUID() });
    expect(res.status, res.text).toBe(201);
    const told = await desk.get('/api/v1/notifications');
    expect(codesOf(told)).toEqual(['access_request_submitted']);
    for (const client of [R1, R2, X]) expect((await client.get('/api/v1/notifications')).body.total).toBe(0);
    await Notification.deleteMany({});
  });

  it('every decision and revocation notifies the requester; resubmission notifies the reviewers again', async () => {
    const id = await request('education');
    expect(
      (await R1.post(`/api/v1/access-requests/${id}/decision`, { decision: 'request_changes', reason: 'Say which models.' })).status,
    ).toBe(200);
    expect((await RS.post(`/api/v1/access-requests/${id}/resubmit`, { statement: `${STATEMENT} Models: TrOCR and Donut.` })).status).toBe(
      200,
    );
    const reviewerCodes = codesOf(await R2.get('/api/v1/notifications?pageSize=100'));
    expect(reviewerCodes).toContain('access_request_resubmitted');
    const expiresAt = inDays(30);
    expect((await R2.post(`/api/v1/access-requests/${id}/decision`, { decision: 'approve', reason: 'Fine.', expiresAt })).status).toBe(200);
    expect((await R1.post(`/api/v1/access-requests/${id}/revoke`, { reason: 'Project cancelled.' })).status).toBe(200);
    const mine = await RS.get('/api/v1/notifications?pageSize=100');
    expect(codesOf(mine)).toEqual(['access_request_revoked', 'access_request_approved', 'access_request_changes_requested']);
    const approved = mine.body.items.find((n: { code: string }) => n.code === 'access_request_approved');
    // The expiry is written as the reader's language writes dates (English here), not as ISO.
    expect(approved.message).toContain(formatMessageDate(expiresAt.slice(0, 10), 'en'));
    expect(approved.message).toContain(datasetTitle.en);
    const rejectedId = await request('public_interest');
    expect((await R1.post(`/api/v1/access-requests/${rejectedId}/decision`, { decision: 'reject', reason: 'No.' })).status).toBe(200);
    expect(codesOf(await RS.get('/api/v1/notifications?pageSize=1'))).toEqual(['access_request_rejected']);
  });

  it('lists unread first, marks one read (only one’s own), and filters unread', async () => {
    const before = await RS.get('/api/v1/notifications?pageSize=100');
    const newest = before.body.items[0];
    const read = await RS.post(`/api/v1/notifications/${newest.id}/read`);
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ id: newest.id, read: true, readAt: expect.any(String) });
    const again = await RS.post(`/api/v1/notifications/${newest.id}/read`);
    expect(again.body.readAt).toBe(read.body.readAt);

    const after = await RS.get('/api/v1/notifications?pageSize=100');
    expect(after.body.unread).toBe(before.body.unread - 1);
    const ids = after.body.items.map((n: { id: string }) => n.id);
    expect(ids.at(-1)).toBe(newest.id);
    const flags = after.body.items.map((n: { read: boolean }) => n.read);
    expect(flags).toEqual([...flags].sort((a, b) => Number(a) - Number(b)));
    const unread = await RS.get('/api/v1/notifications?unread=true&pageSize=100');
    expect(unread.body.items.every((n: { read: boolean }) => !n.read)).toBe(true);
    expect(unread.body.total).toBe(after.body.unread);

    const paged = await RS.get('/api/v1/notifications?pageSize=1&page=2');
    expect(paged.body.items).toHaveLength(1);
    expect(paged.body.items[0].id).toBe(ids[1]);

    // Someone else's notification does not exist for the caller.
    const other = (await R1.get('/api/v1/notifications')).body.items[0];
    const foreign = await RS.post(`/api/v1/notifications/${other.id}/read`);
    expect(foreign.status).toBe(404);
    expect(foreign.body.code).toBe('notification_not_found');
    expect((await R1.get('/api/v1/notifications')).body.items[0].read).toBe(false);
    expect((await RS.post('/api/v1/notifications/nope/read')).status).toBe(404);
    expect((await RS.get('/api/v1/notifications?unread=maybe')).status).toBe(400);
    expect((await app.anon.get('/api/v1/notifications')).status).toBe(401);
  });
});
