import { Validator } from '@seriousme/openapi-schema-validator';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SCHEMAS } from '../../schemas/ajv';
import { openApiDocument, openApiPath } from '../../server/interop/openapi';
import { allRoutes } from '../../server/routes';
import { RESPONSE_SCHEMAS } from '../../schemas/responses';
import { createUser, startTestApp, type Client, type Res, type TestApp } from '../helpers/app';
import { contractOf } from '../helpers/contract';
import { buildDataset, publishDataset } from '../helpers/factories';

let app: TestApp;
let doc: Record<string, any>;
beforeAll(async () => {
  app = await startTestApp();
  const res = await app.anon.get('/api/v1/openapi.json');
  expect(res.status).toBe(200);
  doc = res.body;
});
afterAll(async () => {
  await app?.close();
});

/** Every `$ref` value anywhere in a document. */
function refs(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) node.forEach((n) => refs(n, out));
  else if (node && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) {
      if (k === '$ref' && typeof v === 'string') out.push(v);
      else refs(v, out);
    }
  }
  return out;
}

describe('GET /api/v1/openapi.json', () => {
  it('is a valid OpenAPI 3.1 document (official 3.1 schema, via @seriousme/openapi-schema-validator)', async () => {
    expect(doc.openapi).toBe('3.1.0');
    const result = await new Validator().validate(doc);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    // The validator does reject a broken document.
    expect((await new Validator().validate({ openapi: '3.1.0', info: { title: 'x' }, paths: { 'no-slash': {} } })).valid).toBe(false);
  });

  it('documents every route of the route table, with its path parameters, body schema and security', () => {
    expect(allRoutes.length).toBeGreaterThan(40);
    for (const def of allRoutes) {
      const p = openApiPath(def.path);
      const op = doc.paths[p]?.[def.method];
      expect(op, `${def.method.toUpperCase()} ${def.path} missing`).toBeDefined();
      expect(op.summary).toBe(def.summary);
      expect(op['x-permission']).toEqual(def.permission);
      const pathParams = [...def.path.matchAll(/:(\w+)/g)].map((m) => m[1]);
      expect(op.parameters.filter((x: { in?: string }) => x.in === 'path').map((x: { name: string }) => x.name)).toEqual(pathParams);
      expect(p).not.toContain(':');
      if (def.body) expect(op.requestBody.content['application/json'].schema.$ref).toBe(`#/components/schemas/${def.body}`);
      if (def.permission === 'public') expect(op.security).toContainEqual({});
      else expect(op.security).not.toContainEqual({});
      expect(op.responses.default.$ref).toBe('#/components/responses/Problem');
    }
    const documented = Object.values(doc.paths).reduce((n: number, item) => n + Object.keys(item as object).length, 0);
    expect(documented).toBe(allRoutes.length);
  });

  it('fails the check when a route is missing (the test above can fail)', () => {
    const partial = openApiDocument('http://127.0.0.1', allRoutes.slice(1));
    const first = allRoutes[0];
    expect((partial.paths as Record<string, Record<string, unknown>>)[openApiPath(first.path)]?.[first.method]).toBeUndefined();
  });

  it('resolves every $ref, and every component schema compiles as JSON Schema 2020-12', () => {
    for (const ref of refs(doc)) {
      const target = ref
        .replace(/^#\//, '')
        .split('/')
        .reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], doc);
      expect(target, ref).toBeDefined();
    }
    expect(Object.keys(doc.components.schemas)).toEqual(expect.arrayContaining([...SCHEMAS, ...RESPONSE_SCHEMAS].map((s) => s.$id)));
    const ajv = new Ajv2020({ strict: false });
    addFormats(ajv);
    for (const [name, schema] of Object.entries(doc.components.schemas)) expect(() => ajv.compile(schema as object), name).not.toThrow();
  });

  it('describes the security schemes and problem+json errors', () => {
    expect(doc.components.securitySchemes).toMatchObject({
      sessionCookie: { type: 'apiKey', in: 'cookie', name: 'kdb_session' },
      csrfHeader: { type: 'apiKey', in: 'header', name: 'X-CSRF-Token' },
      bearerAuth: { type: 'http', scheme: 'bearer' },
    });
    const create = doc.paths['/datasets'].post;
    expect(create.security).toEqual([{ sessionCookie: [], csrfHeader: [] }, { bearerAuth: [] }]);
    expect(create.responses['400'].$ref).toBe('#/components/responses/E400');
    expect(doc.components.responses.E400.content['application/problem+json'].schema.$ref).toBe('#/components/schemas/Problem');
    const imp = doc.paths['/import'].post;
    expect(Object.keys(imp.requestBody.content)).toEqual(expect.arrayContaining(['text/csv', 'application/x-ndjson']));
    expect(imp.parameters.map((p: { name?: string }) => p.name)).toEqual(expect.arrayContaining(['dryRun', 'partial']));
  });
});

describe('responses in the OpenAPI document', () => {
  const operations = () =>
    Object.entries(doc.paths).flatMap(([path, item]) => Object.entries(item as Record<string, any>).map(([method, op]) => ({ path, method, op })));

  it('gives every operation a success response with a real schema from schemas/ (no bare {type: object})', () => {
    for (const { path, method, op } of operations()) {
      const name = `${method.toUpperCase()} ${path}`;
      const success = Object.entries<any>(op.responses).filter(([status]) => /^2\d\d$/.test(status));
      expect(success.length, name).toBeGreaterThan(0);
      for (const [status, response] of success) {
        if (status === '204') {
          expect(response.content, name).toBeUndefined();
          continue;
        }
        expect(Object.keys(response.content ?? {}).length, `${name} ${status}`).toBeGreaterThan(0);
        for (const [type, media] of Object.entries<any>(response.content)) {
          if (type.startsWith('text/')) {
            expect(media.schema, `${name} ${type}`).toEqual({ type: 'string' });
            continue;
          }
          const ref: string = media.schema?.$ref ?? '';
          expect(ref, `${name} ${status} ${type}`).toMatch(/^#\/components\/schemas\/[\w.]+$/);
          const schema = doc.components.schemas[ref.split('/').pop()!];
          expect(schema.properties ?? schema.additionalProperties, `${ref} describes its fields`).toBeTruthy();
          expect(schema.required?.length ?? 0, `${ref} names required fields`).toBeGreaterThan(0);
        }
      }
      expect(op.responses.default.$ref).toBe('#/components/responses/Problem');
    }
  });

  it('names the real media types, redirects and headers', () => {
    expect(Object.keys(doc.paths['/datasets/{id}/croissant'].get.responses['200'].content)).toEqual(['application/ld+json']);
    const template = doc.paths['/import/template.csv'].get.responses['200'];
    expect(Object.keys(template.content)).toEqual(['text/csv']);
    expect(template.headers['Content-Disposition'].required).toBe(true);
    expect(Object.keys(doc.paths['/partners/{slug}/matches/export'].get.responses['200'].content)).toEqual(['application/json', 'text/csv']);
    const download = doc.paths['/datasets/{id}/artifacts/{artifactId}/download'].get;
    expect(download.responses['302'].headers.Location).toMatchObject({ $ref: '#/components/headers/Location', required: true });
    expect(download.responses['302'].content).toBeUndefined();
    expect(download.responses['303'].headers.Location.required).toBe(true);
    expect(download.responses['200'].content['application/json'].schema.$ref).toBe('#/components/schemas/artifacts.download');
    const create = doc.paths['/access-requests'].post;
    expect(create.parameters).toContainEqual(expect.objectContaining({ name: 'Idempotency-Key', in: 'header', required: true }));
    expect(Object.keys(create.responses)).toEqual(expect.arrayContaining(['200', '201']));
    expect(create.responses['201'].headers.Location.required).toBe(true);
    const diff = doc.paths['/labeling-procedures/{id}/diff'].get;
    for (const name of ['from', 'to']) {
      expect(diff.parameters).toContainEqual(expect.objectContaining({ name, in: 'query', required: true, schema: { type: 'integer', minimum: 1, maximum: 999_999_999 } }));
    }
    const patch = doc.paths['/datasets/{id}'].patch;
    expect(patch.parameters).toContainEqual(expect.objectContaining({ name: 'If-Match', in: 'header' }));
    expect(patch.responses['200'].headers.ETag.required).toBe(true);
    expect(patch.responses['412'].$ref).toBe('#/components/responses/E412');
    expect(doc.components.parameters.lang.schema).toEqual({ type: 'string', enum: ['en', 'ko'] });
    // Search parameters come from the datasets.search schema; paged lists declare their bounds.
    const search = doc.paths['/datasets'].get.parameters;
    expect(search).toContainEqual(expect.objectContaining({ name: 'modality', in: 'query', style: 'form', explode: true, schema: expect.objectContaining({ type: 'array' }) }));
    expect(search).toContainEqual(expect.objectContaining({ name: 'q', schema: { type: 'string', maxLength: 500 } }));
    expect(doc.paths['/audit'].get.parameters).toContainEqual(expect.objectContaining({ name: 'pageSize', schema: { type: 'integer', minimum: 1, maximum: 200 } }));
  });
});

describe('real answers conform to the document', () => {
  let contract: ReturnType<typeof contractOf>;
  let provider: Client;
  let reviewer: Client;
  let researcher: Client;
  let admin: Client;
  const seen: string[] = [];
  let mismatches: string[] = [];

  /** Sends a request and checks the answer against the document (mismatches are asserted at the end of each test). */
  async function call(client: Client, method: string, url: string, body?: unknown, headers?: Record<string, string>): Promise<Res> {
    const res = await client.request(method, `/api/v1${url}`, body, headers);
    mismatches.push(...contract.problems(method, `/api/v1${url}`, res));
    seen.push(`${method} ${contract.operationOf(method, `/api/v1${url}`)?.path} ${res.status}`);
    return res;
  }
  beforeEach(() => {
    mismatches = [];
  });
  afterEach(() => {
    expect(mismatches).toEqual([]);
  });

  beforeAll(async () => {
    contract = contractOf(doc);
    const providerUser = await createUser({ roles: ['provider'] });
    const reviewerUser = await createUser({ roles: ['reviewer'] });
    const org = (await import('../../server/organizations/model')).Organization;
    await org.updateOne({ _id: reviewerUser.organizationId }, { $set: { nationalReviewer: true } });
    provider = app.as(providerUser);
    reviewer = app.as(reviewerUser);
    researcher = app.as(await createUser({ roles: ['researcher'] }));
    admin = app.as(await createUser({ roles: ['admin'] }));
  });

  it('datasets, files, versions, exports and access (success and problem answers)', async () => {
    const published = await publishDataset(provider, reviewer);
    const id = published.id as string;
    expect((await call(app.anon, 'GET', '/datasets?pageSize=5')).status).toBe(200);
    expect((await call(app.anon, 'GET', `/datasets?q=${encodeURIComponent('speech')}`)).status).toBe(200);
    expect((await call(provider, 'GET', '/datasets?workspace=true')).status).toBe(200);
    expect((await call(app.anon, 'GET', '/datasets/suggest?q=kor')).status).toBe(200);
    expect((await call(app.anon, 'GET', `/datasets/${id}`)).status).toBe(200);
    expect((await call(provider, 'GET', `/datasets/${id}`)).status).toBe(200);
    expect((await call(app.anon, 'GET', `/datasets/${id}/versions`)).status).toBe(200);
    expect((await call(provider, 'GET', `/datasets/${id}/versions/1`)).status).toBe(200);
    expect((await call(provider, 'GET', `/datasets/${id}/review-changes`)).status).toBe(200);
    const files = await call(app.anon, 'GET', `/datasets/${id}/artifacts`);
    const artifactId = files.body.items[0].id as string;
    expect((await call(app.anon, 'GET', `/datasets/${id}/artifacts/${artifactId}/download?format=json`)).status).toBe(200);
    expect((await call(app.anon, 'GET', `/datasets/${id}/artifacts/${artifactId}/download`)).status).toBe(302);
    expect((await call(app.anon, 'GET', `/datasets/${id}/croissant`)).status).toBe(200);
    expect((await call(app.anon, 'GET', '/import/template.csv?lang=ko')).status).toBe(200);
    expect((await call(app.anon, 'GET', '/taxonomies')).status).toBe(200);
    expect((await call(app.anon, 'GET', '/organizations')).status).toBe(200);

    const draft = await call(provider, 'POST', '/datasets', buildDataset());
    expect(draft.status).toBe(201);
    const edited = await call(provider, 'PATCH', `/datasets/${draft.body.id}`, { summary: { en: 'Changed.' } }, { 'if-match': draft.headers.get('etag')! });
    expect(edited.status).toBe(200);
    expect((await call(provider, 'PATCH', `/datasets/${draft.body.id}`, { summary: { en: 'Again.' } }, { 'if-match': '"r0"' })).status).toBe(412);
    expect((await call(provider, 'POST', `/datasets/${draft.body.id}/submit`)).status).toBe(422);

    const evaluation = await call(researcher, 'POST', '/policy/evaluate', { datasetId: id, purpose: 'research', scope: 'full' });
    expect(evaluation.status).toBe(200);
    const request = await call(researcher, 'POST', '/access-requests', { datasetId: id, purpose: 'research', scope: 'full', statement: 'For a study of speech recognition.', durationDays: 30 }, { 'idempotency-key': `k-${id}` });
    expect([200, 201]).toContain(request.status);
    expect((await call(researcher, 'POST', '/access-requests', { datasetId: id }, {})).status).toBe(400);
    expect((await call(researcher, 'GET', `/access-requests/${request.body.id}`)).status).toBe(200);
    expect((await call(researcher, 'GET', '/access-requests?mine=true')).status).toBe(200);
    expect((await call(researcher, 'GET', `/datasets/${id}/my-access`)).status).toBe(200);
    expect((await call(researcher, 'GET', '/notifications')).status).toBe(200);
    expect((await call(researcher, 'GET', '/auth/me')).status).toBe(200);
    expect((await call(researcher, 'GET', '/auth/tokens')).status).toBe(200);
    expect((await call(app.anon, 'GET', '/auth/session')).status).toBe(200);
    expect((await call(admin, 'GET', '/audit?pageSize=5')).status).toBe(200);
    expect((await call(admin, 'GET', '/users?pageSize=5')).status).toBe(200);

    expect((await call(app.anon, 'GET', '/datasets/no-such-dataset')).status).toBe(404);
    expect((await call(app.anon, 'GET', '/notifications')).status).toBe(401);
    expect((await call(researcher, 'POST', '/datasets', buildDataset())).status).toBe(403);
    expect((await call(app.anon, 'GET', '/taxonomies?lang=fr')).status).toBe(400);
  });

  it('labeling procedures, their versions and diff', async () => {
    const created = await call(provider, 'POST', '/labeling-procedures', { slug: `proc-${Date.now().toString(36)}`, title: { en: 'Transcription', ko: '전사' } });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    expect((await call(provider, 'GET', `/labeling-procedures/${id}`)).status).toBe(200);
    expect((await call(provider, 'GET', '/labeling-procedures')).status).toBe(200);
    expect((await call(provider, 'GET', `/labeling-procedures/${id}/versions`)).status).toBe(200);
    expect((await call(provider, 'GET', `/labeling-procedures/${id}/versions/1`)).status).toBe(200);
    expect((await call(provider, 'GET', `/labeling-procedures/${id}/diff?from=1&to=1`)).status).toBe(200);
    expect((await call(provider, 'GET', `/labeling-procedures/${id}/diff`)).status).toBe(400);
    expect((await call(provider, 'POST', `/labeling-procedures/${id}/versions/1/activate`)).status).toBe(422);
  });

  afterAll(() => {
    // Both tests ran through: enough operations were checked for the claim to mean something.
    expect(new Set(seen.map((s) => s.split(' ').slice(0, 2).join(' '))).size).toBeGreaterThan(30);
  });
});

describe('GET /api/docs', () => {
  it('serves a reference page that loads only local scripts, under a CSP without inline scripts or eval', async () => {
    const res = await app.anon.get('/api/docs');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
    const csp = res.headers.get('content-security-policy') ?? '';
    const scriptSrc = /script-src ([^;]*)/.exec(csp)?.[1] ?? /default-src ([^;]*)/.exec(csp)![1];
    expect(scriptSrc).not.toMatch(/unsafe-inline|unsafe-eval/);
    // No inline script: every <script> has a same-origin src.
    const scripts = [...res.text.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attrs, body] of scripts) {
      expect(attrs).toMatch(/src="\/api\/docs\//);
      expect(body.trim()).toBe('');
    }
    for (const src of [...res.text.matchAll(/(?:src|href)="(\/api\/docs\/[^"]+)"/g)].map((m) => m[1])) {
      const asset = await app.anon.get(src);
      expect(asset.status, src).toBe(200);
      expect(asset.text.length).toBeGreaterThan(100);
    }
    expect((await app.anon.get('/api/docs/assets/package.json')).status).toBe(404);
    const init = await app.anon.get('/api/docs/init.js');
    expect(init.text).toContain('/api/v1/openapi.json');
  });
});
