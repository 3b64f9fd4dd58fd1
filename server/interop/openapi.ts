// The OpenAPI 3.1 document of the API, generated from the route table (server/routes.ts) and the
// JSON Schemas (schemas/ajv.ts SCHEMAS): one source of truth for validation and documentation.
import { SCHEMAS } from '../../schemas/ajv';
import type { RouteDef } from '../http/route';
import { allRoutes } from '../routes';

const PROBLEM_SCHEMA = {
  type: 'object',
  description: 'RFC 9457 problem details; title, detail and messages are localised (?lang= or Accept-Language).',
  required: ['type', 'title', 'status', 'code'],
  properties: {
    type: { type: 'string', format: 'uri' },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    code: { type: 'string', description: 'Stable snake_case identifier of the error.' },
    errorId: { type: 'string', description: 'Present on 500 errors; also in the server log.' },
    errors: {
      type: 'array',
      items: {
        type: 'object',
        required: ['path', 'code', 'message'],
        properties: {
          path: { type: 'string', description: 'JSON pointer into the body, or /query/<name>.' },
          code: { type: 'string' },
          message: { type: 'string' },
        },
      },
    },
  },
} as const;

const ERROR_DESCRIPTIONS: Record<number, string> = {
  400: 'Invalid input (field errors in `errors`)',
  401: 'Sign-in required',
  403: 'Not allowed',
  404: 'Not found, or not visible to the caller',
  409: 'Conflict with the current state',
  412: 'If-Match did not match the current ETag',
  413: 'Request body too large',
  415: 'Unsupported Content-Type',
  422: 'Semantically invalid (e.g. not ready for publication)',
};

const UNSAFE = new Set(['post', 'put', 'patch', 'delete']);

/** `/datasets/:id` → `/datasets/{id}`. */
export function openApiPath(expressPath: string): string {
  return expressPath.replace(/:(\w+)/g, '{$1}');
}

function pathParams(expressPath: string): string[] {
  return [...expressPath.matchAll(/:(\w+)/g)].map((m) => m[1]);
}

/** A schema as a component: `$id` dropped (its bare name is not a URI), everything else as validated. */
function componentSchema(schema: object): object {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  const { $id, ...rest } = schema as Record<string, unknown>;
  return rest;
}

function permissionText(def: RouteDef): string {
  if (def.permission === 'public') return 'anyone';
  if (def.permission === 'signed_in') return 'signed-in users';
  return `roles: ${def.permission.join(', ')}`;
}

function operation(def: RouteDef): Record<string, unknown> {
  const params: Record<string, unknown>[] = pathParams(def.path).map((name) => ({ name, in: 'path', required: true, schema: { type: 'string' } }));
  for (const [name, q] of Object.entries(def.query ?? {})) {
    const item: Record<string, unknown> = { type: q.type ?? 'string', ...(q.enum ? { enum: [...q.enum] } : {}) };
    params.push({
      name,
      in: 'query',
      description: q.description,
      required: q.required ?? false,
      schema: q.repeatable ? { type: 'array', items: item } : item,
      ...(q.repeatable ? { style: 'form', explode: true } : {}),
    });
  }
  params.push({ $ref: '#/components/parameters/lang' });

  const responses: Record<string, unknown> = {};
  for (const status of def.responses ?? [200]) {
    responses[String(status)] = status === 204 ? { description: 'No content' } : { description: 'Success', content: { 'application/json': { schema: { type: 'object' } } } };
  }
  const errors = new Set<number>();
  if (def.body || def.rawBody || def.query || UNSAFE.has(def.method)) errors.add(400);
  if (def.permission !== 'public') errors.add(401).add(403);
  if (def.path.includes(':')) errors.add(404);
  if (def.body || def.rawBody) errors.add(413).add(415);
  for (const status of errors) responses[String(status)] = { $ref: `#/components/responses/E${status}` };
  responses.default = { $ref: '#/components/responses/Problem' };

  const op: Record<string, unknown> = {
    operationId: `${def.method}${openApiPath(def.path).replace(/[{}]/g, '').replace(/[^A-Za-z0-9]+(.)?/g, (_m, c: string | undefined) => (c ? c.toUpperCase() : ''))}`,
    summary: def.summary,
    description: `Who may call it: ${permissionText(def)}.`,
    tags: [def.tag],
    parameters: params,
    responses,
    'x-permission': def.permission,
  };
  if (def.body) {
    const ref = { $ref: `#/components/schemas/${def.body}` };
    op.requestBody = {
      required: true,
      content: def.method === 'patch' ? { 'application/json': { schema: ref }, 'application/merge-patch+json': { schema: ref } } : { 'application/json': { schema: ref } },
    };
  } else if (def.rawBody) {
    op.requestBody = {
      required: true,
      description: def.rawBody.description,
      content: Object.fromEntries(def.rawBody.contentTypes.map((t) => [t, { schema: { type: 'string' } }])),
    };
  }
  // Public routes also accept a signed-in caller (they may see more); `{}` marks auth as optional.
  const credentials = UNSAFE.has(def.method) ? [{ sessionCookie: [], csrfHeader: [] }, { bearerAuth: [] }] : [{ sessionCookie: [] }, { bearerAuth: [] }];
  op.security = def.permission === 'public' ? [{}, ...credentials] : credentials;
  return op;
}

/** Builds the OpenAPI 3.1 document for the routes (default: every API route). */
export function openApiDocument(publicUrl: string, routes: readonly RouteDef[] = allRoutes): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const def of routes) {
    const p = openApiPath(def.path);
    paths[p] ??= {};
    paths[p][def.method] = operation(def);
  }
  const tags = [...new Set(routes.map((r) => r.tag))].sort().map((name) => ({ name }));
  return {
    openapi: '3.1.0',
    info: {
      title: 'K–US Data Bridge API',
      version: '1',
      description:
        'Bilingual (Korean/English) catalogue of Korean AI datasets: disclosure rules, labeling procedures, access requests. ' +
        'Errors are application/problem+json; messages follow ?lang=ko|en or Accept-Language. ' +
        'Cookie sessions send X-CSRF-Token on unsafe requests; personal tokens use Authorization: Bearer.',
    },
    servers: [{ url: `${publicUrl}/api/v1` }],
    tags,
    paths,
    components: {
      schemas: {
        ...Object.fromEntries(SCHEMAS.map((s) => [s.$id, componentSchema(s)])),
        Problem: PROBLEM_SCHEMA,
      },
      parameters: {
        lang: { name: 'lang', in: 'query', required: false, description: 'Language of messages (default: Accept-Language, else en).', schema: { type: 'string', enum: ['ko', 'en'] } },
      },
      responses: {
        ...Object.fromEntries(
          Object.entries(ERROR_DESCRIPTIONS).map(([status, description]) => [`E${status}`, { description, content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } }]),
        ),
        Problem: { description: 'Error', content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } },
      },
      securitySchemes: {
        sessionCookie: { type: 'apiKey', in: 'cookie', name: 'kdb_session', description: 'Session cookie set by POST /auth/login.' },
        csrfHeader: { type: 'apiKey', in: 'header', name: 'X-CSRF-Token', description: 'The csrfToken of the session; required with the cookie on unsafe methods.' },
        bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'kdb_…', description: 'Personal API token (POST /auth/tokens).' },
      },
    },
  };
}
