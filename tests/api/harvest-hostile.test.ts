// Hostile and malformed sources (docs/harvesting.md "Fetching", "Safety"): each served on loopback by
// the test; every one fails its run with a stable code, and a failed run never withdraws anything.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HarvestRecord } from '../../server/harvest/model';
import { createOrg, createUser, startTestApp, type Client, type TestApp } from '../helpers/app';
import { harvestFixture, jsonDocument, registerSource, runSource, startFixtureServer, waitForRun, type FixtureServer } from '../helpers/harvest-fixtures';

let app: TestApp;
let fx: FixtureServer;
let admin: Client;
let orgId: string;
const LIMIT = 50_000;

beforeAll(async () => {
  app = await startTestApp({ HARVEST_TIMEOUT_MS: '800', HARVEST_CONNECT_TIMEOUT_MS: '500', HARVEST_MAX_BYTES: String(LIMIT), HARVEST_MAX_PAGES: '4' });
  fx = await startFixtureServer();
  const org = await createOrg();
  orgId = String(org._id);
  admin = app.as(await createUser({ roles: ['admin'], org }));
});
afterAll(async () => {
  await fx?.close();
  await app?.close();
});

/** Registers a data.json source at `path` and runs it once. */
async function runAt(path: string, kind = 'dcat-us') {
  const source = await registerSource(admin, { kind, url: `${fx.origin}${path}`, providerId: orgId });
  return { source, run: await runSource(admin, source.id) };
}

describe('sources that fail the run', () => {
  it('a body over the byte limit, counted while it streams (no Content-Length) → response_too_large', async () => {
    fx.route('/huge.json', (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"dataset":[');
      const item = JSON.stringify({ identifier: 'x', title: 'y'.repeat(1000) });
      let sent = 0;
      const pump = () => {
        while (sent < 200 && res.write(`${sent ? ',' : ''}${item}`)) sent++;
        if (sent < 200) res.once('drain', pump);
        else res.end(']}');
      };
      pump();
    });
    const { run } = await runAt('/huge.json');
    expect(run).toMatchObject({ status: 'failed', error: { code: 'response_too_large', message: `The response was larger than the limit (${LIMIT} bytes).` } });
  });

  it('a declared Content-Length over the limit is refused before reading', async () => {
    fx.route('/declared.json', (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(LIMIT * 10) });
      res.write('{"dataset":[');
    });
    expect((await runAt('/declared.json')).run.error.code).toBe('response_too_large');
  });

  it('a source that stalls mid-body → fetch_timeout', async () => {
    fx.route('/slow.json', (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"dataset":[{"identifier":"a","title":"A"},');
    });
    expect((await runAt('/slow.json')).run.error.code).toBe('fetch_timeout');
  });

  it('a source that never answers → fetch_timeout', async () => {
    fx.route('/silent.json', () => undefined);
    expect((await runAt('/silent.json')).run.error.code).toBe('fetch_timeout');
  });

  it('invalid JSON → invalid_json (message in the request’s language)', async () => {
    fx.route('/broken.json', (_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"dataset":[{"identifier":"a","title":"A"},{"identifier":'));
    const { run } = await runAt('/broken.json');
    expect(run.error.code).toBe('invalid_json');
    const ko = (await admin.get(`/api/v1/harvest/runs/${run.id}?lang=ko`)).body;
    expect(ko.error.message).toBe('응답이 올바른 JSON이 아닙니다.');
  });

  it('a redirect to another host (127.0.0.1 → localhost) → redirect_other_host, and the other host is never asked', async () => {
    let contacted = false;
    fx.route('/moved.json', (_req, res) => res.writeHead(302, { location: `http://localhost:${fx.port}/elsewhere.json` }).end());
    fx.route('/elsewhere.json', (_req, res) => {
      contacted = true;
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"dataset":[]}');
    });
    const { run } = await runAt('/moved.json');
    expect(run.error).toMatchObject({ code: 'redirect_other_host' });
    expect(contacted).toBe(false);
  });

  it('follows a redirect on the same host, but not more than three', async () => {
    fx.route('/hop.json', (_req, res) => res.writeHead(301, { location: '/final.json' }).end());
    fx.route('/final.json', jsonDocument(() => ({ dataset: [{ identifier: 'hop-1', title: 'Hopped record' }] })));
    expect((await runAt('/hop.json')).run).toMatchObject({ status: 'succeeded', counts: { created: 1 } });
    fx.route('/loop.json', (_req, res) => res.writeHead(302, { location: '/loop.json' }).end());
    expect((await runAt('/loop.json')).run.error.code).toBe('too_many_redirects');
  });

  it('a wrong content type → unsupported_content_type; an error status → http_status', async () => {
    fx.route('/page.html', (_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<html></html>'));
    expect((await runAt('/page.html')).run.error).toMatchObject({ code: 'unsupported_content_type' });
    fx.route('/gone.json', (_req, res) => res.writeHead(500, { 'content-type': 'application/json' }).end('{}'));
    expect((await runAt('/gone.json')).run.error).toMatchObject({ code: 'http_status', message: 'The source answered with HTTP status 500.' });
  });

  it('a CKAN that pages forever stops at the page cap → too_many_pages', async () => {
    let served = 0;
    fx.route('/ckan-forever/package_search', (_req, res, url) => {
      served++;
      const start = Number(url.searchParams.get('start'));
      const results = Array.from({ length: 100 }, (_, i) => ({ id: `p-${start + i}`, title: `Endless ${start + i}` }));
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ success: true, result: { count: 1e9, results } }));
    });
    const { run } = await runAt('/ckan-forever/package_search', 'ckan');
    expect(run.error).toMatchObject({ code: 'too_many_pages' });
    expect(served).toBe(4);
  });

  it('a source whose host is not allowed cannot be registered (checked before any connection)', async () => {
    const before = fx.requests.length;
    const res = await admin.post('/api/v1/harvest/sources', { name: { en: 'x' }, kind: 'dcat-us', url: 'http://203.0.113.9/data.json', providerId: orgId, schedule: 'manual' });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([expect.objectContaining({ path: '/body/url', code: 'harvest_host_not_allowed' })]);
    const patched = await admin.post('/api/v1/harvest/sources', { name: { en: 'x' }, kind: 'dcat-us', url: `http://127.0.0.2:${fx.port}/data.json`, providerId: orgId, schedule: 'manual' });
    expect(patched.status).toBe(400);
    expect(fx.requests.length).toBe(before);
  });
});

describe('records with errors and failed runs after good ones', () => {
  it('skips records without identifier or title and duplicate identifiers, harvesting the rest', async () => {
    fx.route('/messy.json', jsonDocument(() => ({
      dataset: [
        { identifier: 'ok-1', title: 'Good record one', description: 'Fine.' },
        { title: 'No identifier here' },
        { identifier: 'no-title' },
        { identifier: 'ok-1', title: 'Same identifier again' },
        'not an object',
        { identifier: 'ok-2', title: 'Good record two', keyword: ['x'.repeat(61), 'speech'] },
      ],
    })));
    const { run } = await runAt('/messy.json');
    expect(run.status).toBe('succeeded');
    expect(run.counts).toEqual({ fetched: 6, created: 2, updated: 0, unchanged: 0, withdrawn: 0, skipped: 4 });
    expect(run.skipped.map((s: any) => [s.originalId, s.code])).toEqual([
      [null, 'missing_identifier'],
      ['no-title', 'missing_title'],
      ['ok-1', 'duplicate_identifier'],
      [null, 'invalid_record'],
    ]);
    expect(run.skippedTotal).toBe(4);
    expect(run.skipped[0].message).toBe('The record has no identifier.');
  });

  it('never withdraws after a failed fetch, and two runs at once get one 202 and one 409', async () => {
    let mode: 'good' | 'broken' = 'good';
    const catalog = harvestFixture('dcat-us.json');
    fx.route('/flaky.json', (req, res, url) => {
      if (mode === 'broken') res.writeHead(200, { 'content-type': 'application/json' }).end('{"dataset":[{"identifier": "pmrl-usv-lidar-2025"');
      else jsonDocument(() => catalog)(req, res, url);
    });
    const { source, run } = await runAt('/flaky.json');
    expect(run.counts.created).toBe(3);
    mode = 'broken';
    const failed = await runSource(admin, source.id);
    expect(failed).toMatchObject({ status: 'failed', error: { code: 'invalid_json' }, counts: { withdrawn: 0 } });
    expect(await HarvestRecord.countDocuments({ sourceId: source.id, withdrawn: false })).toBe(3);

    mode = 'good';
    fx.route('/wait.json', () => undefined);
    await admin.patch(`/api/v1/harvest/sources/${source.id}`, { url: `${fx.origin}/wait.json` });
    const [a, b] = await Promise.all([admin.post(`/api/v1/harvest/sources/${source.id}/runs`), admin.post(`/api/v1/harvest/sources/${source.id}/runs`)]);
    expect([a.status, b.status].sort()).toEqual([202, 409]);
    const started = a.status === 202 ? a : b;
    expect((a.status === 409 ? a : b).body.code).toBe('harvest_running');
    expect((await admin.delete(`/api/v1/harvest/sources/${source.id}`)).status).toBe(409);
    await waitForRun(admin, started.body.id);
  });

  it('is for admins only (curation also for reviewers)', async () => {
    const researcher = app.as(await createUser({ roles: ['researcher'] }));
    expect((await researcher.get('/api/v1/harvest/sources')).status).toBe(403);
    expect((await app.anon.get('/api/v1/harvest/sources')).status).toBe(401);
    expect((await researcher.post('/api/v1/harvest/datasets/0123456789abcdef01234567/curation', { techAreas: { kr: [], us: [] }, modalities: [] })).status).toBe(403);
  });
});

