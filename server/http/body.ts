import express, { type NextFunction, type Request, type Response } from 'express';
import { unsupportedMediaType } from './errors';

const JSON_TYPES = ['application/json', 'application/merge-patch+json', 'application/*+json'];

/** Requires a JSON Content-Type whenever a request carries a body (415 otherwise). */
export function requireJsonContentType(req: Request, _res: Response, next: NextFunction): void {
  const hasBody = req.get('transfer-encoding') !== undefined || Number(req.get('content-length') ?? 0) > 0;
  if (hasBody && !req.is(JSON_TYPES)) throw unsupportedMediaType('application/json');
  next();
}

/** JSON body parser with a size limit (413 beyond it, mapped by the problem handler). */
export function jsonBody(limitBytes: number) {
  return express.json({ limit: limitBytes, type: JSON_TYPES, strict: true });
}
