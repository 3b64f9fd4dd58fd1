import type { NextFunction, Request, Response } from 'express';
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { negotiateLanguage, translator } from '../i18n';
import { bodyError, hasBody } from './body';
import { isDatabaseUnavailable } from '../infra/db-calls';
import { StorageUnavailableError } from '../infra/s3';
import { AppError } from './errors';

const PROBLEM_BASE = 'https://databridge.example/problems/';

/** How long clients are asked to wait before retrying when a dependency is down (a restart takes a second or two). */
const RETRY_AFTER_SECONDS = '5';

/**
 * Maps body-parser and router failures (too large, bad JSON or UTF-8, bad percent-encoding), an
 * unreachable or silent database (frozen, killed, restarting, past its deadline, still locked
 * after retries) and unreachable storage into the AppError family.
 */
function normalise(err: unknown): AppError | null {
  if (err instanceof AppError) return err;
  if (isDatabaseUnavailable(err))
    return new AppError(503, 'database_unavailable', {}, undefined, undefined, { 'Retry-After': RETRY_AFTER_SECONDS });
  if (err instanceof StorageUnavailableError)
    return new AppError(503, 'storage_unavailable', {}, undefined, undefined, { 'Retry-After': RETRY_AFTER_SECONDS });
  // The router's decoding of `%FF` in a path parameter, and decodeURIComponent anywhere else.
  if (err instanceof URIError) return new AppError(400, 'invalid_path_encoding');
  return bodyError(err);
}

/** The one error handler: every failure leaves as localised application/problem+json. */
export function problemHandler(log: Logger) {
  return (err: unknown, req: Request, res: Response, _next: NextFunction): void => {
    const lang = req.ctx?.lang ?? negotiateLanguage(req.query?.lang, req.get('accept-language'));
    // A refused request whose body was never read: close the connection after answering rather
    // than receive (and discard) the rest of an upload nobody will look at.
    if (hasBody(req) && !req.readableEnded && !req.complete) res.set('Connection', 'close');
    const t = translator(lang);
    const appErr = normalise(err);
    if (!appErr) {
      const errorId = randomUUID();
      log.error({ err, errorId, method: req.method, url: req.originalUrl }, 'unhandled error');
      res
        .status(500)
        .type('application/problem+json')
        .json({
          type: `${PROBLEM_BASE}internal_error`,
          title: t('errors:internal_error.title'),
          status: 500,
          detail: t('errors:internal_error.detail', { errorId }),
          code: 'internal_error',
          errorId,
        });
      return;
    }
    const { status, code, params } = appErr;
    // A dependency that is down is the operator's business: say which call failed and why.
    if (status === 503 && !(err instanceof AppError)) log.warn({ err, code, method: req.method, url: req.originalUrl }, 'dependency unavailable');
    const titleKey = `errors:${code}.title`;
    const body: Record<string, unknown> = {
      type: `${PROBLEM_BASE}${code}`,
      title: t(titleKey, { ...params, defaultValue: t('errors:generic.title') }),
      status,
      detail: t(`errors:${code}.detail`, { ...params, defaultValue: t('errors:generic.detail') }),
      code,
    };
    if (appErr.errors) {
      body.errors = appErr.errors.map((fe) => ({
        path: fe.path,
        code: fe.code,
        message: t(`validation:${fe.code}`, { ...(fe.params ?? {}), defaultValue: t('validation:invalid') }),
      }));
    }
    if (appErr.extra) Object.assign(body, appErr.extra);
    if (appErr.headers) res.set(appErr.headers);
    if (status === 401) res.set('WWW-Authenticate', 'Bearer realm="api", Cookie');
    res.status(status).type('application/problem+json').json(body);
  };
}
