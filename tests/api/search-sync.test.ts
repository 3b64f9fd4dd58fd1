// Two app processes sharing one database: a write through either must be searchable in the other
// within 2 s (each process keeps its own in-memory index; they converge through catalog_changes).
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { Client, createOrg, createUser, startTestApp, type TestApp, type TestUser } from '../helpers/app';
import { publishDataset } from '../helpers/factories';

let app: TestApp;
let child: ChildProcess;
let other: string;
let providerUser: TestUser;
let reviewerUser: TestUser;

async function startSecondProcess(dbName: string): Promise<string> {
  const services = inject('services');
  child = spawn(process.execPath, ['--import', 'tsx', path.resolve('tests/helpers/app-process.ts')], {
    env: { ...process.env, MONGO_URI: services.mongoUri, DB_NAME: dbName, S3_SETTINGS: JSON.stringify(services.s3), DO_NOT_TRACK: '1' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout! });
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('second app process did not start')), 60_000);
    lines.on('line', (line) => {
      const m = /^\{"port":(\d+)\}$/.exec(line.trim());
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    });
    child.once('exit', (code) => reject(new Error(`second app process exited with ${code}`)));
  });
  return `http://127.0.0.1:${port}`;
}

/** Milliseconds until `check` passes, polling every 25 ms; fails after 5 s. */
async function timeUntil(check: () => Promise<boolean>): Promise<number> {
  const start = Date.now();
  while (Date.now() - start < 5000) {
    if (await check()) return Date.now() - start;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error('did not converge within 5 s');
}

const found = (base: string, q: string) => async () => {
  const res = await new Client(base).get(`/api/v1/datasets?q=${encodeURIComponent(q)}`);
  return res.status === 200 && res.body.total > 0;
};

beforeAll(async () => {
  app = await startTestApp();
  const org = await createOrg();
  providerUser = await createUser({ roles: ['provider'], org });
  reviewerUser = await createUser({ roles: ['reviewer'], org: await createOrg({ nationalReviewer: true }) });
  other = await startSecondProcess(app.dbName);
}, 90_000);

afterAll(async () => {
  if (child && child.exitCode === null) {
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
  }
  await app?.close();
});

describe('two processes sharing one database', () => {
  it('a dataset published through one process is found by the other within 2 s, and the other way round', async () => {
    const here = { provider: app.as(providerUser), reviewer: app.as(reviewerUser) };
    const there = { provider: new Client(other, providerUser.token), reviewer: new Client(other, reviewerUser.token) };

    await publishDataset(here.provider, here.reviewer, { slug: 'okapi-survey', title: { ko: '오카피 조사', en: 'Okapi survey' } });
    expect(await found(app.url, 'okapi')()).toBe(true); // at once in the writing process
    const toOther = await timeUntil(found(other, 'okapi'));
    expect(toOther).toBeLessThanOrEqual(2000);

    const published = await publishDataset(there.provider, there.reviewer, { slug: 'narwhal-echoes', title: { ko: '일각고래 반향', en: 'Narwhal echoes' } });
    expect(await found(other, 'narwhal')()).toBe(true);
    const back = await timeUntil(found(app.url, 'narwhal'));
    expect(back).toBeLessThanOrEqual(2000);

    // Withdrawal through the second process disappears from the first.
    expect((await there.provider.post(`/api/v1/datasets/${published.id}/withdraw`, {})).status).toBe(200);
    const gone = await timeUntil(async () => !(await found(app.url, 'narwhal')()));
    console.info(`search convergence across processes: ${toOther} ms, ${back} ms, withdrawal ${gone} ms`);
    expect(gone).toBeLessThanOrEqual(2000);
  }, 60_000);
});
