import express, { type NextFunction, type Request, type Response } from 'express';
import { unsupportedMediaType } from './errors';

const JSON_TYPES = ['application/json', 'application/merge-patch+json', 'application/*+json'];

/**
 * Requires a JSON Content-Type whenever a request carries a body (415 otherwise), except for a body
 * a route-specific parser (`textBody`) has already read.
 */
export function requireJsonContentType(req: Request, _res: Response, next: NextFunction): void {
  const hasBody = req.get('transfer-encoding') !== undefined || Number(req.get('content-length') ?? 0) > 0;
  const readByRoute = typeof req.body === 'string';
  if (hasBody && !readByRoute && !req.is(JSON_TYPES)) throw unsupportedMediaType('application/json');
  next();
}

/** Reads a text body of the given media types (UTF-8) as a string, up to `limitBytes` (413 beyond). */
export function textBody(types: readonly string[], limitBytes: number) {
  return express.text({ type: [...types], limit: limitBytes, defaultCharset: 'utf-8' });
}

/** JSON body parser with a size limit (413 beyond it, mapped by the problem handler). */
export function jsonBody(limitBytes: number) {
  return express.json({ limit: limitBytes, type: JSON_TYPES, strict: true });
}
