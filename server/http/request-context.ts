import type { NextFunction, Request, Response } from 'express';
import { negotiateLanguage, translator } from '../i18n';

/** Attaches the per-request context (language, translator, anonymous caller) to every request. */
export function requestContext(req: Request, res: Response, next: NextFunction): void {
  const lang = negotiateLanguage(req.query.lang, req.get('accept-language'));
  req.ctx = { lang, t: translator(lang), user: null, authVia: null, ip: req.ip ?? null };
  res.set('Content-Language', lang);
  res.vary('Accept-Language');
  next();
}
