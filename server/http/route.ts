import express, { type NextFunction, type Request, type RequestHandler, type Response, type Router } from 'express';
import type { Role } from '../auth/models';
import { validate, type SchemaId } from '../../schemas/ajv';
import type { ResponseSchemaId } from '../../schemas/responses';
import { LANGUAGES } from '../i18n';
import { jsonParser, requireContentType, requireJsonContentType, SMALL_BODY_BYTES, textParser, type BodyLimit } from './body';
import { AppError, forbidden, unauthenticated, validationFailed, type FieldError } from './errors';
import { hasRole } from './context';
import { depsOf } from './deps';

/**
 * Who may call a route at all. Finer, per-object decisions (membership, visibility) are made by
 * the module's policy and data layer; this is the coarse gate every route must declare.
 */
export type Permission = 'public' | 'signed_in' | readonly Role[];

export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** One documented query parameter (the handler reads and checks it). */
export interface QueryParamDoc {
  description: string;
  type?: 'string' | 'integer' | 'boolean';
  enum?: readonly string[];
  required?: boolean;
  /** May be given several times (or comma-separated). */
  repeatable?: boolean;
  minimum?: number;
  maximum?: number;
  /** A regular expression the value matches (an empty value too, when `allowEmpty`). */
  pattern?: string;
  /** An empty value (`?name=`) means the default, as an absent one. */
  allowEmpty?: boolean;
}

/** One documented request header (the handler reads and checks it). */
export interface HeaderDoc {
  description: string;
  required?: boolean;
}

/** Response headers the API reference knows (server/interop/openapi-components.ts describes each). */
export type ResponseHeader = 'ETag' | 'Location' | 'Content-Disposition' | 'Idempotent-Replayed' | 'Cache-Control';

/** The success answer of a route, for the API reference and the contract tests. */
export interface ResponseDoc {
  /** `$id` of the body's schema in schemas/responses (every 2xx status but 204 carries it). */
  schema?: ResponseSchemaId;
  /** Media types of the body (default `application/json`); `text/*` bodies are strings. */
  mediaTypes?: readonly string[];
  /** Headers of the success answer: `true` when always sent, `false` when sometimes. */
  headers?: Partial<Record<ResponseHeader, boolean>>;
}

export interface RouteDef {
  method: Method;
  /** Express path below /api/v1, e.g. `/datasets/:id`. */
  path: string;
  permission: Permission;
  /** JSON Schema `$id` of the request body, validated before the handler runs. */
  body?: SchemaId;
  /** One-line summary for the API reference. */
  summary: string;
  tag: string;
  /** Success status codes for the API reference (default 200); a 3xx carries `Location`. */
  responses?: number[];
  /** The success body: a response schema `$id`, or the full description. */
  response?: ResponseSchemaId | ResponseDoc;
  /** Query parameters, for the API reference (handlers read and check them; `lang` is checked by the router). */
  query?: Record<string, QueryParamDoc>;
  /** Query parameters described by a request schema (its properties; lists repeat or are comma-separated). */
  querySchema?: SchemaId;
  /** A paged list: `page` (1–10,000) and `pageSize` (1 to this), read with `intQuery`. */
  paging?: number;
  /** Request headers the handler reads (If-Match, Idempotency-Key), for the API reference. */
  headers?: Record<string, HeaderDoc>;
  /** A non-JSON request body (its media types), read as UTF-8 text up to MAX_IMPORT_BYTES. */
  rawBody?: { contentTypes: readonly string[]; description: string };
  /** Size limit of a JSON body: `small` (64 KiB, the default) or `document` (MAX_JSON_BYTES). */
  bodyLimit?: Exclude<BodyLimit, 'import'>;
  handler: (req: Request, res: Response) => Promise<unknown> | unknown;
}

/** Declares a route; kept as data so the router, the permission test and the API reference agree. */
export function route(def: RouteDef): RouteDef {
  return def;
}

function checkPermission(def: RouteDef, req: Request): void {
  const { permission } = def;
  if (permission === 'public') return;
  if (!req.ctx.user) throw unauthenticated();
  if (permission === 'signed_in') return;
  if (!hasRole(req.ctx.user, ...permission)) throw forbidden('forbidden_role', { roles: permission.join(', ') });
}

function limitOf(req: Request, def: RouteDef): number {
  const { config } = depsOf(req);
  if (def.rawBody) return config.maxImportBytes;
  return def.bodyLimit === 'document' ? config.maxJsonBytes : Math.min(SMALL_BODY_BYTES, config.maxJsonBytes);
}

/**
 * The body pipeline of one route: Content-Type check, then the parser with the route's limit.
 * Runs only after the permission check, so refused callers never make the server read a body.
 */
function bodyReader(def: RouteDef): RequestHandler[] {
  const checkType = def.rawBody ? requireContentType(def.rawBody.contentTypes) : requireJsonContentType;
  const types = def.rawBody?.contentTypes;
  const parse = (req: Request, res: Response, next: NextFunction) =>
    (types ? textParser(types, limitOf(req, def)) : jsonParser(limitOf(req, def)))(req, res, next);
  return [checkType, parse];
}

/** Query parameters every API route takes (documented once, as a shared OpenAPI parameter). */
export const COMMON_QUERY: Record<string, QueryParamDoc> = {
  lang: { description: 'Language of messages (default: Accept-Language, else en).', enum: LANGUAGES },
};

/**
 * The query parameters every route takes (`lang`), checked before the handler: a value outside
 * the list is a 400 naming the parameter, as `intQuery` does for numbers. A route's own enumerated
 * parameters are checked by its handler (each answers 400 naming the parameter, with its own code).
 */
function checkCommonQuery(req: Request): void {
  const errors: FieldError[] = [];
  for (const [name, doc] of Object.entries(COMMON_QUERY)) {
    const raw = req.query[name];
    if (raw === undefined || !doc.enum) continue;
    if (typeof raw === 'string' && doc.enum.includes(raw)) continue;
    errors.push({ path: `/query/${name}`, code: 'enum', params: { allowedValues: [...doc.enum] } });
  }
  if (errors.length) throw validationFailed(errors);
}

/**
 * Builds an Express router from route definitions; refuses definitions without a permission.
 * Per request: permission (the caller was authenticated from headers alone) → `lang` → body →
 * schema → handler.
 */
export function buildRouter(defs: readonly RouteDef[]): Router {
  const router = express.Router();
  for (const def of defs) {
    if (def.permission === undefined || def.permission === null || (Array.isArray(def.permission) && def.permission.length === 0)) {
      throw new Error(`Route ${def.method.toUpperCase()} ${def.path} declares no permission`);
    }
    const gate = (req: Request, _res: Response, next: NextFunction) => {
      checkPermission(def, req);
      checkCommonQuery(req);
      next();
    };
    router[def.method](def.path, gate, ...bodyReader(def), async (req: Request, res: Response) => {
      if (def.body) {
        const result = validate(def.body, req.body ?? {});
        if (!result.ok) throw validationFailed(result.errors);
        req.body = result.value;
      }
      await def.handler(req, res);
    });
  }
  return router;
}

/** Reads a positive integer query parameter with bounds; 400 naming the parameter otherwise. */
export function intQuery(req: Request, name: string, def: number, min: number, max: number): number {
  const raw = req.query[name];
  if (raw === undefined || raw === '') return def;
  const n = Number(raw);
  if (typeof raw !== 'string' || !Number.isInteger(n) || n < min || n > max) {
    throw new AppError(400, 'validation_failed', { count: 1 }, [
      { path: `/query/${name}`, code: 'out_of_range', params: { min, max } },
    ]);
  }
  return n;
}

/** Reads a repeatable string query parameter as a list. */
export function listQuery(req: Request, name: string): string[] {
  const raw = req.query[name];
  if (raw === undefined) return [];
  const list = Array.isArray(raw) ? raw : [raw];
  return list.filter((v): v is string => typeof v === 'string' && v.length > 0).flatMap((v) => v.split(','));
}
