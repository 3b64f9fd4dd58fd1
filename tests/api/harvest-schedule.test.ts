// The harvest scheduler (docs/harvesting.md "Runs"): due sources are claimed with a lease so that
// several processes polling at once start each source once; schedules set `nextRunAt`.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HarvestRun, HarvestSource } from '../../server/harvest/model';
import { settled } from '../../server/harvest/run';
import { runDueSources } from '../../server/harvest/scheduler';
import { loadConfig } from '../../server/infra/config';
import { createOrg, createUser, startTestApp, type Client, type TestApp } from '../helpers/app';
import { jsonDocument, registerSource, startFixtureServer, type FixtureServer } from '../helpers/harvest-fixtures';

let app: TestApp;
let fx: FixtureServer;
let admin: Client;
let orgId: string;
const cfg = loadConfig({ NODE_ENV: 'test', HARVEST_ALLOWED_HOSTS: '127.0.0.1' }).harvest;
const log = { info: () => undefined, warn: () => undefined };

beforeAll(async () => {
  app = await startTestApp();
  fx = await startFixtureServer();
  const org = await createOrg();
  orgId = String(org._id);
  admin = app.as(await createUser({ roles: ['admin'], org }));
  fx.route('/data.json', jsonDocument(() => ({ dataset: [{ identifier: 'sched-1', title: 'Scheduled record' }] })));
});
afterAll(async () => {
  await fx?.close();
  await app?.close();
});

describe('scheduler', () => {
  it('gives scheduled sources a next run and manual or disabled ones none', async () => {
    const daily = await registerSource(admin, { kind: 'dcat-us', url: `${fx.origin}/data.json`, providerId: orgId, schedule: 'daily' });
    expect(new Date(daily.nextRunAt).getTime()).toBeGreaterThan(Date.now());
    expect(new Date(daily.nextRunAt).getUTCHours()).toBe(3);
    const off = (await admin.patch(`/api/v1/harvest/sources/${daily.id}`, { enabled: false })).body;
    expect(off).toMatchObject({ enabled: false, nextRunAt: null });
    const manual = await registerSource(admin, { kind: 'dcat-us', url: `${fx.origin}/data.json`, providerId: orgId });
    expect(manual.nextRunAt).toBeNull();
    await admin.delete(`/api/v1/harvest/sources/${daily.id}`);
    await admin.delete(`/api/v1/harvest/sources/${manual.id}`);
  });

  it('starts a due source once however many pollers race for it, then moves its next run on', async () => {
    const source = await registerSource(admin, { kind: 'dcat-us', url: `${fx.origin}/data.json`, providerId: orgId, schedule: 'hourly' });
    await HarvestSource.updateOne({ _id: source.id }, { $set: { nextRunAt: new Date(Date.now() - 1000) } });
    const started = await Promise.all([runDueSources(cfg, log), runDueSources(cfg, log), runDueSources(cfg, log)]);
    expect(started.reduce((a, b) => a + b, 0)).toBe(1);
    const runs = await HarvestRun.find({ sourceId: source.id }).lean();
    expect(runs).toHaveLength(1);
    expect(runs[0].trigger).toBe('schedule');
    await settled(String(runs[0]._id));
    const after = (await admin.get(`/api/v1/harvest/sources/${source.id}`)).body;
    expect(after.lastRun).toMatchObject({ status: 'succeeded', trigger: 'schedule', counts: { created: 1 } });
    expect(new Date(after.nextRunAt).getTime()).toBeGreaterThan(Date.now());
    expect(await runDueSources(cfg, log)).toBe(0);
  });
});
