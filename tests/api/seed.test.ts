import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Dataset } from '../../server/datasets/model';
import { LabelingProcedure, ProcedureVersion } from '../../server/labeling/model';
import { loadConfig } from '../../server/infra/config';
import { createLogger } from '../../server/infra/logger';
import { seedDemo, type SeedReport } from '../../seed/run';
import { startTestApp, type TestApp } from '../helpers/app';

let app: TestApp;
let first: SeedReport;
const DEMO_PASSWORD = 'databridge-demo';
beforeAll(async () => {
  app = await startTestApp();
  first = await seedDemo({ config: loadConfig({ NODE_ENV: 'test' }), log: createLogger('silent'), storage: app.storage });
}, 180_000);
afterAll(async () => {
  await app?.close();
});

describe('demo seed', () => {
  it('lists at least 30 published datasets with Korean and English titles to anonymous visitors and signed-in users', async () => {
    const signedIn = await app.login('researcher@demo.kr', DEMO_PASSWORD);
    const res = await signedIn.get('/api/v1/datasets?pageSize=100');
    expect(res.status).toBe(200);
    expect(res.body.total).toBeGreaterThanOrEqual(30);
    for (const d of res.body.items) {
      expect(d.status).toBe('published');
      expect(d.title.ko).toBeTruthy();
      expect(d.title.en).toBeTruthy();
    }
    // The default page of the anonymous catalogue already holds 30+ datasets in both languages.
    const anon = await app.anon.get('/api/v1/datasets');
    expect(anon.body.total).toBeGreaterThanOrEqual(30);
    expect(anon.body.items.length).toBeGreaterThanOrEqual(30);
    for (const d of anon.body.items) expect(d.title.ko && d.title.en).toBeTruthy();
  });

  it('covers every access level and classification among published datasets', async () => {
    const published = await Dataset.find({ status: 'published' }).lean();
    const levels = new Set(published.map((d) => d.disclosure.accessLevel));
    const classes = new Set(published.map((d) => d.classification.level));
    expect([...levels].sort()).toEqual(['approval', 'closed', 'enclave', 'open', 'registered']);
    expect([...classes].sort()).toEqual(['confidential', 'internal', 'public', 'sensitive']);
    expect(await ProcedureVersion.countDocuments({ status: 'superseded' })).toBeGreaterThan(0);
    expect(await LabelingProcedure.countDocuments()).toBeGreaterThanOrEqual(6);
  });

  it('signs in every demo account with the demo password', async () => {
    for (const email of ['admin@demo.kr', 'provider@demo.kr', 'reviewer@demo.kr', 'researcher@demo.kr', 'partner@demo.org']) {
      const c = await app.login(email, DEMO_PASSWORD);
      const me = await c.get('/api/v1/auth/me');
      expect(me.body.user.email).toBe(email);
    }
    const provider = await (await app.login('provider@demo.kr', DEMO_PASSWORD)).get('/api/v1/auth/me');
    const reviewer = await (await app.login('reviewer@demo.kr', DEMO_PASSWORD)).get('/api/v1/auth/me');
    expect(provider.body.user.organization.slug).toBe(reviewer.body.user.organization.slug);
    expect(provider.body.user.organization.type).toBe('public_agency');
    const partner = await (await app.login('partner@demo.org', DEMO_PASSWORD)).get('/api/v1/auth/me');
    expect(partner.body.user.organization).toMatchObject({ country: 'US', type: 'university' });
  });

  it('stores sample files in S3 whose bytes match their recorded SHA-256', async () => {
    const ds = await Dataset.findOne({ status: 'published', 'artifacts.0': { $exists: true } }).lean();
    const artifact = ds!.artifacts[0];
    const res = await app.anon.get(`/api/v1/datasets/${ds!._id}/artifacts/${artifact.id}/download?format=json`);
    if (res.status === 200) {
      const bytes = Buffer.from(await (await fetch(res.body.url)).arrayBuffer());
      expect(createHash('sha256').update(bytes).digest('hex')).toBe(artifact.sha256);
    }
    expect(await app.storage.sha256(artifact.key)).toBe(artifact.sha256);
  });

  it('is idempotent', async () => {
    const counts = async () => ({ datasets: await Dataset.countDocuments(), procedures: await LabelingProcedure.countDocuments() });
    const before = await counts();
    const again = await seedDemo({ config: loadConfig({ NODE_ENV: 'test' }), log: createLogger('silent'), storage: app.storage });
    expect(again).toMatchObject({ organizations: 0, users: 0, procedures: 0, datasets: 0, artifacts: 0 });
    expect(await counts()).toEqual(before);
    expect(first.datasets).toBe(before.datasets);
  });
});
