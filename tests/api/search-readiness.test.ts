// /readyz is 503 naming the search index until the process has loaded its dataset store and search
// index (a cold process would make searches wait and read datasets from the database), so that a
// load balancer sends it nothing before; it is 200 once both are loaded.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import mongoose, { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { createApp } from '../../server/app';
import { Dataset } from '../../server/datasets/model';
import { loadConfig } from '../../server/infra/config';
import { createLogger } from '../../server/infra/logger';
import { runMigrations } from '../../server/infra/migrations';
import { syncIndexes } from '../../server/infra/mongo';
import { createStorage } from '../../server/infra/s3';
import { catalogLoaded, startCatalogIndex, stopCatalogIndex } from '../../server/search/registry';
import { buildDataset } from '../helpers/factories';

let server: Server;
let url: string;

beforeAll(async () => {
  const services = inject('services');
  await mongoose.connect(services.mongoUri, { dbName: `t_${randomBytes(6).toString('hex')}` });
  await syncIndexes();
  await runMigrations(createLogger('silent'));
  // Enough published datasets that loading them takes a moment on FerretDB.
  const providerId = new Types.ObjectId();
  const docs = Array.from({ length: 600 }, () => {
    const content = buildDataset();
    return {
      ...content,
      providerId,
      createdBy: providerId,
      status: 'published',
      version: 1,
      rev: 2,
      artifacts: [],
      reviewHistory: [],
      live: { ...content, version: 1, publishedAt: new Date(), approvedBy: providerId, artifacts: [] },
      publishedAt: new Date(),
      withdrawnAt: null,
    };
  });
  await Dataset.collection.insertMany(docs as never[]);
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', PORT: '0' });
  const app = createApp({ config, log: createLogger('silent'), storage: createStorage(services.s3), s3Origin: null });
  server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server?.close(() => resolve()));
  await stopCatalogIndex();
  await mongoose.connection.db?.dropDatabase().catch(() => undefined);
  await mongoose.disconnect();
});

const ready = async () => {
  const res = await fetch(`${url}/readyz`);
  return { status: res.status, body: (await res.json()) as { detail?: string; search_index?: string } };
};

describe('/readyz and the search index', () => {
  it('is 503 naming only the search index before and while it loads, 200 once loaded, 503 again once stopped', async () => {
    const before = await ready();
    expect(before.status).toBe(503);
    expect(before.body.detail).toMatch(/search_index/);
    expect(before.body.detail).not.toMatch(/mongodb|s3/);

    let settled = false;
    const loading = startCatalogIndex({ pollMs: 500 }).finally(() => (settled = true));
    const during: number[] = [];
    while (!settled) {
      const answer = await ready();
      if (settled) break;
      during.push(answer.status);
      // Until the load has finished, readiness can only be claimed once the store is loaded.
      if (answer.status !== 200) {
        expect(answer.status).toBe(503);
        expect(answer.body.detail).toMatch(/search_index/);
        expect(answer.body.detail).not.toMatch(/mongodb|s3/);
      } else expect(catalogLoaded()).toBe(true);
    }
    await loading;
    const after = await ready();
    expect(after.status).toBe(200);
    expect(after.body.search_index).toBe('loaded');
    // The answers while loading were the 503 (the load of 600 datasets outlasts a /readyz round trip).
    expect(during.length).toBeGreaterThan(0);
    expect(during[0]).toBe(503);

    await stopCatalogIndex();
    expect((await ready()).status).toBe(503);
  }, 60_000);
});
