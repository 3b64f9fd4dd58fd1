// Request bodies are read per route, after authentication and the route's permission check
// (server/http/route.ts), so an anonymous or unauthorised caller never makes the server read a body.
import express, { type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import { isUtf8 } from 'node:buffer';
import { AppError, unsupportedMediaType } from './errors';

const JSON_TYPES = ['application/json', 'application/merge-patch+json', 'application/*+json'];

/** Which size limit applies to a route's body. */
export type BodyLimit = 'small' | 'document' | 'import';

/** Bodies of ordinary commands (sign-in, decisions, profiles): far more than any valid one needs. */
export const SMALL_BODY_BYTES = 64 * 1024;

/** Whether the request announces a body (a length above zero or a chunked transfer). */
export function hasBody(req: Request): boolean {
  return req.get('transfer-encoding') !== undefined || Number(req.get('content-length') ?? 0) > 0;
}

/** Refuses bytes that are not UTF-8 (body-parser would otherwise decode them to U+FFFD and store that). */
function requireUtf8(_req: unknown, _res: unknown, buf: Buffer): void {
  if (!isUtf8(buf)) throw Object.assign(new Error('body is not UTF-8'), { type: 'encoding.invalid_utf8' });
}

const parsers = new Map<string, RequestHandler>();

function cached(key: string, make: () => RequestHandler): RequestHandler {
  let p = parsers.get(key);
  if (!p) parsers.set(key, (p = make()));
  return p;
}

/** JSON body parser with a size limit (413 beyond it) that refuses invalid UTF-8 (400). */
export function jsonParser(limitBytes: number): RequestHandler {
  return cached(`json:${limitBytes}`, () => express.json({ limit: limitBytes, type: JSON_TYPES, strict: true, verify: requireUtf8 }));
}

/** Text body parser of the given media types (UTF-8 only), up to `limitBytes` (413 beyond it). */
export function textParser(types: readonly string[], limitBytes: number): RequestHandler {
  return cached(`text:${types.join(',')}:${limitBytes}`, () =>
    express.text({ type: [...types], limit: limitBytes, defaultCharset: 'utf-8', verify: requireUtf8 }),
  );
}

/** Requires a JSON Content-Type whenever the request carries a body (415 otherwise). */
export function requireJsonContentType(req: Request, _res: Response, next: NextFunction): void {
  if (hasBody(req) && !req.is(JSON_TYPES)) throw unsupportedMediaType('application/json');
  next();
}

/** The media type the request declares, lower-cased without parameters ('' when none). */
export function declaredMediaType(req: Request): string {
  return (req.get('content-type') ?? '').split(';')[0].trim().toLowerCase();
}

/**
 * Requires one of `types` as the Content-Type of a body the route reads as text (415 otherwise).
 * An empty body declared as one of them passes: the handler answers what is wrong with it (an
 * empty import is a bad request, not a wrong media type).
 */
export function requireContentType(types: readonly string[]) {
  return (req: Request, _res: Response, next: NextFunction): void => {
    const accepted = hasBody(req) ? !!req.is([...types]) : types.includes(declaredMediaType(req));
    if (!accepted) throw unsupportedMediaType(types.join(', '));
    next();
  };
}

/** Maps the body parsers' errors (too large, bad JSON, bad encoding) into the AppError family. */
export function bodyError(err: unknown): AppError | null {
  const e = err as { type?: string; limit?: number };
  switch (e?.type) {
    case 'entity.too.large':
      return new AppError(413, 'payload_too_large', { limit: e.limit ?? 0 });
    case 'entity.parse.failed':
      return new AppError(400, 'invalid_json');
    case 'entity.verify.failed':
    case 'encoding.invalid_utf8':
      return new AppError(400, 'invalid_encoding');
    case 'charset.unsupported':
    case 'encoding.unsupported':
      return new AppError(415, 'unsupported_media_type', { expected: 'application/json; charset=utf-8' });
    case 'request.aborted':
      return new AppError(400, 'request_aborted');
    default:
      return null;
  }
}
