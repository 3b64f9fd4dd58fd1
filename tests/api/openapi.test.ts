import { Validator } from '@seriousme/openapi-schema-validator';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCHEMAS } from '../../schemas/ajv';
import { openApiDocument, openApiPath } from '../../server/interop/openapi';
import { allRoutes } from '../../server/routes';
import { startTestApp, type TestApp } from '../helpers/app';

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
    expect(Object.keys(doc.components.schemas)).toEqual(expect.arrayContaining(SCHEMAS.map((s) => s.$id)));
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
