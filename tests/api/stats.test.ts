// Usage statistics (docs/statistics.md): what is counted, what is not, who reads what, suppression, CSV.
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditEvent } from '../../server/audit/model';
import type { OrganizationDoc } from '../../server/organizations/model';
import { countersSettled, increment } from '../../server/stats/counters';
import { monthOf } from '../../server/stats/events';
import { UsageCounter } from '../../server/stats/model';
import { createOrg, createUser, startTestApp, type Client, type TestApp, type TestUser } from '../helpers/app';
import { buildDataset, publishDataset, uploadSample } from '../helpers/factories';

const BROWSER = { 'user-agent': 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0' };
const BOT = { 'user-agent': 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)' };
const STATEMENT = 'We train and evaluate Korean speech models in a joint KR–US research project.';
const MONTH = monthOf(new Date());

let app: TestApp;
let providerOrg: OrganizationDoc;
let provider: TestUser;
let P: Client;
let R: Client;
let US: Client;
let usToken: string;
let KR: Client;
let OTHER: Client;
let ADMIN: Client;

/** The stored counters of a dataset as `event|country|orgType → count`, after every write in flight. */
async function countersOf(datasetId: string): Promise<Record<string, number>> {
  await countersSettled();
  const docs = await UsageCounter.find({ datasetId: new Types.ObjectId(datasetId) }).lean();
  return Object.fromEntries(docs.map((d) => [`${d.event}|${d.country}|${d.orgType}`, d.count]));
}

/** A published open dataset with a sample and a full-scope file; returns its id and both file ids. */
async function openDataset(over: Record<string, unknown> = {}) {
  const created = await P.post('/api/v1/datasets', buildDataset(over));
  expect(created.status, created.text).toBe(201);
  const id = created.body.id as string;
  const sample = await uploadSample(P, id);
  const other = await uploadSample(P, id, undefined, { kind: 'other', filename: 'full.csv' });
  expect((await P.post(`/api/v1/datasets/${id}/submit`)).status).toBe(200);
  expect((await R.post(`/api/v1/datasets/${id}/review`, { action: 'approve', comment: 'ok' })).status).toBe(200);
  return { id, sampleId: sample.created.body.artifact.id as string, fullId: other.created.body.artifact.id as string };
}

beforeAll(async () => {
  app = await startTestApp();
  providerOrg = await createOrg({ slug: `kr-stats-${randomUUID().slice(0, 8)}` });
  provider = await createUser({ roles: ['provider'], org: providerOrg });
  P = app.as(provider);
  R = app.as(await createUser({ roles: ['reviewer'], org: providerOrg }));
  const usUser = await createUser({ country: 'US', orgType: 'university' });
  usToken = usUser.token;
  US = app.as(usUser);
  KR = app.as(await createUser({ country: 'KR', orgType: 'company' }));
  OTHER = app.as(await createUser({ roles: ['provider'] }));
  ADMIN = app.as(await createUser({ roles: ['admin'] }));
}, 120_000);
afterAll(async () => {
  await app?.close();
});

describe('views', () => {
  it('an outsider’s repeated view within 30 minutes counts once; each viewer is kept only as country and organisation type', async () => {
    const { id } = await openDataset();
    for (let i = 0; i < 3; i++) expect((await US.get(`/api/v1/datasets/${id}`, BROWSER)).status).toBe(200);
    expect((await KR.get(`/api/v1/datasets/${id}`, BROWSER)).status).toBe(200);
    expect((await app.anon.get(`/api/v1/datasets/${id}`, BROWSER)).status).toBe(200);
    expect(await countersOf(id)).toEqual({ 'view|US|university': 1, 'view|KR|company': 1, 'view|anonymous|anonymous': 1 });
    const stored = await UsageCounter.findOne({ datasetId: new Types.ObjectId(id) }).lean();
    expect(Object.keys(stored!).sort()).toEqual(['_id', 'count', 'country', 'datasetId', 'event', 'month', 'orgType', 'providerId']);
    expect(stored!.month).toBe(MONTH);
  });

  it('the provider’s own members, bots and failed reads are not counted', async () => {
    const { id } = await openDataset();
    expect((await P.get(`/api/v1/datasets/${id}`, BROWSER)).status).toBe(200);
    expect((await US.get(`/api/v1/datasets/${id}`, BOT)).status).toBe(200);
    expect((await US.get(`/api/v1/datasets/${id}`)).status).toBe(200); // fetch's own User-Agent ("node") is a bot
    expect((await US.get(`/api/v1/datasets/no-such-dataset-${randomUUID().slice(0, 6)}`, BROWSER)).status).toBe(404);
    expect(await countersOf(id)).toEqual({});
  });
});

describe('recording never affects the answer', () => {
  it('a request without a User-Agent is not counted', async () => {
    const { id } = await openDataset();
    // node:http sends no User-Agent unless told to (fetch always sends one).
    const status = await new Promise<number>((resolve, reject) => {
      const req = http.get(`${app.url}/api/v1/datasets/${id}`, { headers: { authorization: `Bearer ${usToken}` } }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      });
      req.on('error', reject);
    });
    expect(status).toBe(200);
    expect(await countersOf(id)).toEqual({});
  });

  it('a counter write that fails is logged, not answered: the view still succeeds', async () => {
    const { id } = await openDataset();
    const datasetId = new Types.ObjectId(id);
    // A cell whose count is not a number: the database refuses the $inc.
    await UsageCounter.collection.insertOne({
      providerId: providerOrg._id,
      month: MONTH,
      datasetId,
      event: 'view',
      country: 'US',
      orgType: 'university',
      count: 'broken',
    });
    const res = await US.get(`/api/v1/datasets/${id}`, BROWSER);
    expect(res.status).toBe(200);
    expect(res.body.id).toBe(id);
    await countersSettled();
    const cell = await UsageCounter.collection.findOne({ datasetId, event: 'view' });
    expect(cell?.count).toBe('broken');
  });
});

describe('downloads', () => {
  it('an issued download URL is counted by the file’s scope (sample or full), once per person and file in the window', async () => {
    const { id, sampleId, fullId } = await openDataset();
    for (let i = 0; i < 2; i++)
      expect((await US.get(`/api/v1/datasets/${id}/artifacts/${sampleId}/download?format=json`, BROWSER)).status).toBe(200);
    expect((await US.get(`/api/v1/datasets/${id}/artifacts/${fullId}/download?format=json`, BROWSER)).status).toBe(200);
    expect((await KR.get(`/api/v1/datasets/${id}/artifacts/${fullId}/download`, BROWSER)).status).toBe(302);
    expect((await P.get(`/api/v1/datasets/${id}/artifacts/${fullId}/download?format=json`, BROWSER)).status).toBe(200);
    expect(await countersOf(id)).toEqual({
      'sample_download|US|university': 1,
      'full_download|US|university': 1,
      'full_download|KR|company': 1,
    });
  });

  it('a refused download is not counted', async () => {
    const { id, fullId } = await openDataset({ disclosure: { ...buildDataset().disclosure, accessLevel: 'registered' } });
    expect((await app.anon.get(`/api/v1/datasets/${id}/artifacts/${fullId}/download?format=json`, BROWSER)).status).toBe(403);
    expect(await countersOf(id)).toEqual({});
  });
});

describe('access requests', () => {
  const ask = (c: Client, body: Record<string, unknown>) => c.post('/api/v1/access-requests', body, { 'idempotency-key': randomUUID() });
  const request = (datasetId: string, purpose: string) => ({
    datasetId,
    scope: 'full',
    purpose,
    statement: STATEMENT,
    durationDays: 30,
    acceptedAgreements: ['dua'],
  });

  it('submissions, approvals and rejections are counted with the requester’s country and organisation type', async () => {
    const approval = {
      ...buildDataset().disclosure,
      accessLevel: 'approval',
      conditions: { dua: true, irb: false, attribution: true, noRedistribution: false },
      maxGrantDays: 90,
    };
    const ds = await publishDataset(P, R, { disclosure: approval });
    const us = await ask(US, request(ds.id, 'research'));
    expect(us.status, us.text).toBe(201);
    const kr = await ask(KR, request(ds.id, 'commercial'));
    expect(kr.status, kr.text).toBe(201);
    const expiresAt = new Date(Date.now() + 30 * 86_400_000).toISOString();
    expect(
      (await R.post(`/api/v1/access-requests/${us.body.id}/decision`, { decision: 'approve', reason: 'Fits.', expiresAt })).status,
    ).toBe(200);
    expect((await R.post(`/api/v1/access-requests/${kr.body.id}/decision`, { decision: 'reject', reason: 'Out of scope.' })).status).toBe(
      200,
    );
    expect(await countersOf(ds.id)).toEqual({
      'request_submitted|US|university': 1,
      'request_approved|US|university': 1,
      'request_submitted|KR|company': 1,
      'request_rejected|KR|company': 1,
    });
  });

  it('a request the engine approves at once counts as submitted and approved', async () => {
    const { id } = await openDataset();
    const res = await ask(US, request(id, 'research'));
    expect(res.status, res.text).toBe(201);
    expect(res.body.status).toBe('approved');
    expect(await countersOf(id)).toEqual({ 'request_submitted|US|university': 1, 'request_approved|US|university': 1 });
  });
});

describe('reading', () => {
  it('dataset totals are public for whoever sees the dataset (views, downloads, requests, approved; all time and 12 months)', async () => {
    const { id, sampleId } = await openDataset();
    await US.get(`/api/v1/datasets/${id}`, BROWSER);
    await US.get(`/api/v1/datasets/${id}/artifacts/${sampleId}/download?format=json`, BROWSER);
    await countersSettled();
    // An old month: in all-time totals, not in the last 12 months.
    const key = { datasetId: new Types.ObjectId(id), providerId: providerOrg._id, requester: { country: 'US', orgType: 'company' } };
    await increment({ ...key, event: 'view' }, new Date('2020-03-15T00:00:00Z'), 7);
    const res = await app.anon.get(`/api/v1/stats/datasets/${id}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      datasetId: id,
      allTime: { views: 8, downloads: 1, requests: 0, approved: 0 },
      last12Months: { views: 1, downloads: 1, requests: 0, approved: 0 },
      since: '2020-03',
    });
  });

  it('a confidential dataset’s totals are 404 for outsiders, as the dataset itself', async () => {
    const confidential = await publishDataset(P, R, {
      disclosure: { ...buildDataset().disclosure, accessLevel: 'approval', samplesAccess: 'registered' },
      classification: { ...buildDataset().classification, level: 'confidential' },
    });
    const outsider = await US.get(`/api/v1/stats/datasets/${confidential.id}`);
    expect(outsider.status).toBe(404);
    expect(outsider.body.code).toBe('dataset_not_found');
    expect((await app.anon.get(`/api/v1/stats/datasets/${confidential.id}`)).status).toBe(404);
    expect((await P.get(`/api/v1/stats/datasets/${confidential.id}`)).status).toBe(200);
  });

  it('provider statistics: members and admins; 403 for another provider’s member, 401 signed out, 404 unknown; overview for admins only', async () => {
    const path = `/api/v1/stats/providers/${providerOrg.slug}`;
    expect((await P.get(path)).status).toBe(200);
    expect((await ADMIN.get(path)).status).toBe(200);
    const other = await OTHER.get(`${path}?lang=ko`);
    expect(other.status).toBe(403);
    expect(other.body.code).toBe('not_statistics_viewer');
    expect(other.body.title).toMatch(/[\uac00-\ud7a3]/);
    expect((await app.anon.get(path)).status).toBe(401);
    expect((await ADMIN.get('/api/v1/stats/providers/no-such-org')).status).toBe(404);
    expect((await P.get('/api/v1/stats/overview')).status).toBe(403);
    const overview = await ADMIN.get('/api/v1/stats/overview');
    expect(overview.status).toBe(200);
    expect(overview.body.providers.map((p: { slug: string }) => p.slug)).toContain(providerOrg.slug);
    const bad = await P.get(`${path}?from=2025-13`);
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].path).toBe('/query/from');
    expect((await P.get(`${path}?from=`)).status).toBe(400);
    const reversed = await P.get(`${path}?from=2025-06&to=2025-01`);
    expect(reversed.status).toBe(200);
    expect(reversed.body).toMatchObject({ from: '2025-06', to: '2025-01', datasets: [], rows: [] });
  });

  it('breakdown cells of 1–4 are suppressed, and so are cells that would give them away through the row total', async () => {
    const ds = await publishDataset(P, R);
    const base = { datasetId: new Types.ObjectId(ds.id as string), providerId: providerOrg._id };
    const at = new Date('2024-05-10T00:00:00Z');
    const add = (event: 'view' | 'full_download', country: string, orgType: string, n: number) =>
      increment({ ...base, event, requester: { country, orgType } }, at, n);
    // Views: US 10, KR 6, JP 2 → JP suppressed, KR too (else 18 − 10 − 6 = 2 shows JP); US shown.
    await add('view', 'US', 'university', 10);
    await add('view', 'KR', 'company', 6);
    await add('view', 'JP', 'university', 2);
    // Downloads: only US 3 → the breakdown is withheld (one suppressed cell equal to the total).
    await add('full_download', 'US', 'company', 3);
    const res = await P.get(`/api/v1/stats/providers/${providerOrg.slug}?from=2024-05&to=2024-05`);
    expect(res.status).toBe(200);
    expect(res.body.threshold).toBe(5);
    const rows = res.body.rows.filter((r: { datasetId: string }) => r.datasetId === ds.id);
    const view = rows.find((r: { event: string }) => r.event === 'view');
    expect(view.total).toBe(18);
    expect(view.byCountry).toEqual({
      withheld: false,
      cells: [
        { value: 'JP', count: null, suppressed: true },
        { value: 'KR', count: null, suppressed: true },
        { value: 'US', count: 10, suppressed: false },
      ],
    });
    expect(view.byOrgType.cells).toEqual([
      { value: 'company', count: 6, suppressed: false },
      { value: 'university', count: 12, suppressed: false },
    ]);
    const download = rows.find((r: { event: string }) => r.event === 'full_download');
    expect(download.total).toBe(3);
    expect(download.byCountry).toEqual({ withheld: true, cells: [] });
    expect(res.body.datasets.find((d: { id: string }) => d.id === ds.id).totals).toMatchObject({ view: 18, full_download: 3 });

    const csv = await P.get(`/api/v1/stats/providers/${providerOrg.slug}?from=2024-05&to=2024-05&format=csv`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv; charset=utf-8/);
    expect(csv.headers.get('content-disposition')).toMatch(/attachment; filename="statistics-/);
    const bytes = new Uint8Array(
      await (
        await fetch(`${app.url}/api/v1/stats/providers/${providerOrg.slug}?from=2024-05&to=2024-05&format=csv`, {
          headers: { authorization: `Bearer ${provider.token}` },
        })
      ).arrayBuffer(),
    );
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = csv.text
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe('provider,dataset,title_ko,title_en,month,event,breakdown,value,count,suppressed');
    const prefix = `${providerOrg.slug},${ds.slug},한국어 음성 인식 학습 데이터,Korean speech recognition training data,2024-05`;
    expect(lines).toEqual(
      expect.arrayContaining([
        `${prefix},view,total,,18,false`,
        `${prefix},view,country,JP,,true`,
        `${prefix},view,country,KR,,true`,
        `${prefix},view,country,US,10,false`,
        `${prefix},full_download,country,*,,true`,
      ]),
    );
    expect(await AuditEvent.countDocuments({ action: 'stats.export' })).toBe(0); // members' own exports are not audited
  });

  it('admins export the overview as CSV (audited)', async () => {
    const res = await ADMIN.get('/api/v1/stats/overview?from=2024-05&to=2024-05&format=csv');
    expect(res.status).toBe(200);
    const lines = res.text
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe('provider,name_ko,name_en,month,event,breakdown,value,count,suppressed');
    expect(lines.some((l) => l.startsWith(`${providerOrg.slug},`) && l.includes(',2024-05,view,total,,18,false'))).toBe(true);
    expect(await AuditEvent.countDocuments({ action: 'stats.export', targetType: 'statistics' })).toBe(1);
  });
});

describe('demo figures', () => {
  it('demo seeding writes deterministic counters once: dataset pages and the demo provider show figures', async () => {
    const { seedDemo } = await import('../../seed/run');
    const { seedUsage } = await import('../../seed/usage');
    const { loadConfig } = await import('../../server/infra/config');
    const { createLogger } = await import('../../server/infra/logger');
    const { startCatalogIndex } = await import('../../server/search/registry');
    await seedDemo({ config: loadConfig({ NODE_ENV: 'test' }), log: createLogger('silent'), storage: app.storage });
    await startCatalogIndex();
    const before = await UsageCounter.countDocuments();
    expect(before).toBeGreaterThan(1000);
    expect(await seedUsage(Date.UTC(2026, 9, 1))).toBe(0); // idempotent
    const totals = await app.anon.get('/api/v1/stats/datasets/korean-spontaneous-speech-2023');
    expect(totals.status).toBe(200);
    expect(totals.body.allTime.views).toBeGreaterThan(100);
    expect(totals.body.allTime.requests).toBeGreaterThanOrEqual(totals.body.allTime.approved);
    const demoProvider = await app.login('provider@demo.kr', 'databridge-demo');
    const table = await demoProvider.get('/api/v1/stats/providers/kdata-agency?from=2025-11&to=2026-10');
    expect(table.status).toBe(200);
    expect(table.body.rows.length).toBeGreaterThan(50);
    expect(
      table.body.rows.some((r: { byCountry: { cells: Array<{ suppressed: boolean }> } }) => r.byCountry.cells.some((c) => c.suppressed)),
    ).toBe(true);
  }, 240_000);
});
