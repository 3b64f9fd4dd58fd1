// The OpenAPI 3.1 document of the API, generated from a route table (server/routes.ts passes its
// own) and the JSON Schemas: request bodies from schemas/ajv.ts SCHEMAS, response bodies from
// schemas/responses. One source of truth for validation, documentation, contract tests and client types.
import { SCHEMAS, validate, type SchemaId } from '../../schemas/ajv';
import { RESPONSE_SCHEMAS } from '../../schemas/responses';
import { COMMON_QUERY, type QueryParamDoc, type ResponseDoc, type ResponseHeader, type RouteDef } from '../http/route';

/** Response headers, described once and referenced by the operations that send them. */
const RESPONSE_HEADERS: Record<ResponseHeader | 'Retry-After' | 'Allow', { description: string; schema: object }> = {
  ETag: { description: 'Version tag of the resource; send it as If-Match to change it.', schema: { type: 'string' } },
  Location: { description: 'URL of the created resource, or of the redirect target.', schema: { type: 'string' } },
  'Content-Disposition': { description: 'The body is an attachment with this file name.', schema: { type: 'string' } },
  'Idempotent-Replayed': { description: '`true` when this answers a retry with an Idempotency-Key already used (the stored request).', schema: { type: 'string', enum: ['true'] } },
  'Cache-Control': { description: 'Caching of the answer (no-store for personal and presigned data).', schema: { type: 'string' } },
  'Retry-After': { description: 'Seconds to wait before retrying.', schema: { type: 'string' } },
  Allow: { description: 'The methods this path accepts.', schema: { type: 'string' } },
};

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
  429: 'Too many attempts (Retry-After)',
  503: 'A dependency (database, storage, search index) is unavailable (Retry-After)',
};

/** Request headers every unsafe route of a resource with an ETag may send. */
const IF_MATCH = 'If-Match';


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

function queryParameter(name: string, q: QueryParamDoc): Record<string, unknown> {
  const item: Record<string, unknown> = {
    type: q.type ?? 'string',
    ...(q.enum ? { enum: q.allowEmpty ? ['', ...q.enum] : [...q.enum] } : {}),
    ...(q.minimum !== undefined ? { minimum: q.minimum } : {}),
    ...(q.maximum !== undefined ? { maximum: q.maximum } : {}),
    ...(q.pattern ? { pattern: q.allowEmpty ? `^$|${q.pattern}` : q.pattern } : {}),
  };
  return {
    name,
    in: 'query',
    description: q.description,
    required: q.required ?? false,
    schema: q.repeatable ? { type: 'array', items: item } : item,
    ...(q.repeatable ? { style: 'form', explode: true } : {}),
  };
}

/** The properties of a request schema as query parameters (a list may repeat: `?modality=a&modality=b`). */
function schemaQueryParameters(id: SchemaId): Record<string, unknown>[] {
  const schema = SCHEMAS.find((s) => s.$id === id) as { properties?: Record<string, { type?: string }>; required?: readonly string[] } | undefined;
  return Object.entries(schema?.properties ?? {}).map(([name, property]) => ({
    name,
    in: 'query',
    required: schema?.required?.includes(name) ?? false,
    schema: property,
    ...(property.type === 'array' ? { style: 'form', explode: true } : {}),
  }));
}

function responseDocOf(def: RouteDef): ResponseDoc {
  return typeof def.response === 'string' ? { schema: def.response } : (def.response ?? {});
}

/** The success answers of a route: body schema and media types from its `response`, headers, 3xx with Location. */
function successResponses(def: RouteDef): Record<string, unknown> {
  const doc = responseDocOf(def);
  const out: Record<string, unknown> = {};
  for (const status of def.responses ?? [200]) {
    if (status === 204) {
      out[status] = { description: 'No content' };
      continue;
    }
    if (status >= 300 && status < 400) {
      out[status] = {
        description: status === 302 ? 'Redirect to the resource (Location)' : 'See the page at Location',
        headers: { Location: { $ref: '#/components/headers/Location', required: true } },
      };
      continue;
    }
    const headers = Object.fromEntries(
      Object.entries(doc.headers ?? {}).map(([name, always]) => [name, always ? { $ref: `#/components/headers/${name}`, required: true } : { $ref: `#/components/headers/${name}` }]),
    );
    const ref = doc.schema ? { $ref: `#/components/schemas/${doc.schema}` } : undefined;
    const content = Object.fromEntries(
      (doc.mediaTypes ?? ['application/json']).map((type) => [type, { schema: type.startsWith('text/') ? { type: 'string' } : (ref ?? {}) }]),
    );
    out[status] = { description: status === 201 ? 'Created' : status === 202 ? 'Accepted' : 'Success', ...(Object.keys(headers).length ? { headers } : {}), content };
  }
  return out;
}

function operation(def: RouteDef): Record<string, unknown> {
  const params: Record<string, unknown>[] = pathParams(def.path).map((name) => ({ name, in: 'path', required: true, schema: { type: 'string' } }));
  if (def.querySchema) params.push(...schemaQueryParameters(def.querySchema));
  if (def.paging) {
    params.push(queryParameter('page', { type: 'integer', minimum: 1, maximum: 10_000, description: '1-based page (default 1).' }));
    params.push(queryParameter('pageSize', { type: 'integer', minimum: 1, maximum: def.paging, description: `Items per page (at most ${def.paging}).` }));
  }
  for (const [name, q] of Object.entries(def.query ?? {})) params.push(queryParameter(name, q));
  for (const name of Object.keys(COMMON_QUERY)) params.push({ $ref: `#/components/parameters/${name}` });
  for (const [name, h] of Object.entries(def.headers ?? {})) {
    params.push({ name, in: 'header', description: h.description, required: h.required ?? false, schema: { type: 'string', ...(h.required ? { minLength: 1 } : {}) } });
  }

  const responses: Record<string, unknown> = successResponses(def);
  const errors = new Set<number>();
  if (def.body || def.rawBody || def.query || def.headers || UNSAFE.has(def.method)) errors.add(400);
  if (def.permission !== 'public') errors.add(401).add(403);
  if (def.path.includes(':')) errors.add(404);
  if (def.headers?.[IF_MATCH]) errors.add(412);
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
    // A route whose body schema accepts `{}` (merge patches, optional notes) takes a missing body as `{}`.
    op.requestBody = {
      required: !validate(def.body, {}).ok,
      content: def.method === 'patch' ? { 'application/json': { schema: ref }, 'application/merge-patch+json': { schema: ref } } : { 'application/json': { schema: ref } },
    };
  } else if (def.rawBody) {
    op.requestBody = {
      required: true,
      description: def.rawBody.description,
      content: Object.fromEntries(def.rawBody.contentTypes.map((t) => [t, { schema: { type: 'string', minLength: 1 } }])),
    };
  }
  // Public routes also accept a signed-in caller (they may see more); `{}` marks auth as optional.
  const credentials = UNSAFE.has(def.method) ? [{ sessionCookie: [], csrfHeader: [] }, { bearerAuth: [] }] : [{ sessionCookie: [] }, { bearerAuth: [] }];
  op.security = def.permission === 'public' ? [{}, ...credentials] : credentials;
  return op;
}

/** Builds the OpenAPI 3.1 document for the routes (default: every API route). */
export function openApiDocument(publicUrl: string, routes: readonly RouteDef[]): Record<string, unknown> {
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
        ...Object.fromEntries([...SCHEMAS, ...RESPONSE_SCHEMAS].map((s) => [s.$id, componentSchema(s)])),
      },
      parameters: Object.fromEntries(Object.entries(COMMON_QUERY).map(([name, q]) => [name, queryParameter(name, q)])),
      headers: RESPONSE_HEADERS,
      responses: {
        ...Object.fromEntries(
          Object.entries(ERROR_DESCRIPTIONS).map(([status, description]) => [
            `E${status}`,
            {
              description,
              ...(status === '429' || status === '503' ? { headers: { 'Retry-After': { $ref: '#/components/headers/Retry-After' } } } : {}),
              content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
            },
          ]),
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
