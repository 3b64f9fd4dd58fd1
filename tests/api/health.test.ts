import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app?.close();
});

describe('health and readiness', () => {
  it('answers /healthz and /readyz when MongoDB and S3 are up', async () => {
    expect((await app.anon.get('/healthz')).status).toBe(200);
    const ready = await app.anon.get('/readyz');
    expect(ready.status).toBe(200);
    expect(ready.body).toMatchObject({ mongodb: 'up', s3: 'up' });
  });

  it('answers unknown API paths with a localised problem', async () => {
    const res = await app.anon.get('/api/v1/nothing-here', { 'accept-language': 'ko-KR,ko;q=0.9,en;q=0.8' });
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(res.body).toMatchObject({ status: 404, code: 'route_not_found', title: '찾을 수 없음' });
    expect(res.body.type).toMatch(/route_not_found$/);
  });

  it('serves the taxonomies with both languages', async () => {
    const res = await app.anon.get('/api/v1/taxonomies');
    expect(res.status).toBe(200);
    expect(res.body.modalities.length).toBe(10);
    expect(res.body.krTechnologies.length).toBe(12);
    expect(res.body.usCetAreas.length).toBe(18);
    for (const item of res.body.licenses) {
      expect(item.label.ko).toBeTruthy();
      expect(item.label.en).toBeTruthy();
    }
    expect(res.body.crosswalk.length).toBeGreaterThanOrEqual(18);
    expect(res.body.glossary.length).toBeGreaterThanOrEqual(150);
  });
});
