// The router's answers before any handler runs: a method the path does not take (405 with Allow),
// OPTIONS (the resource's methods), and `lang` outside ko|en (400 naming the parameter).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app?.close();
});

describe('a method the path does not take', () => {
  it('answers 405 method_not_allowed with Allow (problem+json, localised) instead of 404', async () => {
    const res = await app.anon.request('PUT', '/api/v1/datasets?lang=ko');
    expect(res.status).toBe(405);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(res.headers.get('allow')).toBe('GET, POST, HEAD');
    expect(res.body).toMatchObject({ status: 405, code: 'method_not_allowed', title: '허용되지 않는 메서드' });
    expect(res.body.detail).toContain('PUT');

    const en = await app.anon.request('DELETE', '/api/v1/taxonomies');
    expect(en.status).toBe(405);
    expect(en.headers.get('allow')).toBe('GET, HEAD');
    expect(en.body.title).toBe('Method not allowed');
  });

  it('lists every method of a parameterised path, and the literal resource where one shadows a parameter', async () => {
    const res = await app.anon.request('PUT', '/api/v1/datasets/some-dataset');
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')!.split(', ').sort()).toEqual(['DELETE', 'GET', 'HEAD', 'PATCH']);
    const suggest = await app.anon.request('POST', '/api/v1/datasets/suggest');
    expect(suggest.status).toBe(405);
    expect(suggest.headers.get('allow')).toBe('GET, HEAD');
  });

  it('still answers 404 route_not_found for a path no route serves, and a wrong method is refused before the body is read', async () => {
    const res = await app.anon.request('GET', '/api/v1/no-such-thing');
    expect(res.status).toBe(404);
    expect(res.body.code).toBe('route_not_found');
    const withBody = await app.anon.request('PUT', '/api/v1/policy/evaluate', '{not json', { 'content-type': 'application/json' });
    expect(withBody.status).toBe(405);
    expect(withBody.headers.get('allow')).toBe('POST');
  });

  it('answers OPTIONS with 204 and the resource’s Allow', async () => {
    const res = await app.anon.request('OPTIONS', '/api/v1/datasets/suggest');
    expect(res.status).toBe(204);
    expect(res.headers.get('allow')).toBe('GET, HEAD');
    expect((await app.anon.request('OPTIONS', '/api/v1/access-requests')).headers.get('allow')).toBe('GET, POST, HEAD');
    expect((await app.anon.request('OPTIONS', '/api/v1/nothing-here')).status).toBe(404);
  });
});

describe('lang outside ko|en', () => {
  it('is refused with a localised 400 naming the parameter, on public and signed-in routes alike', async () => {
    const res = await app.anon.get('/api/v1/datasets?lang=fr', { 'accept-language': 'ko' });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ code: 'validation_failed', title: '입력값 오류' });
    expect(res.body.errors).toEqual([{ path: '/query/lang', code: 'enum', message: '허용된 값 중 하나를 선택하세요.' }]);

    for (const path of [
      '/api/v1/taxonomies?lang=KO',
      '/api/v1/import/template.csv?lang=ko-KR',
      '/api/v1/openapi.json?lang=de',
      '/api/v1/datasets/x/croissant?lang=&lang=ko',
    ]) {
      const r = await app.anon.get(path);
      expect(r.status, path).toBe(400);
      expect(r.body.errors[0].path, path).toBe('/query/lang');
    }
  });

  it('accepts ko and en', async () => {
    expect((await app.anon.get('/api/v1/taxonomies?lang=ko')).status).toBe(200);
    const csv = await app.anon.get('/api/v1/import/template.csv?lang=en');
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
  });
});
