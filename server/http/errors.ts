/** A problem with one field of the request body or query, before localisation. */
export interface FieldError {
  path: string;
  code: string;
  params?: Record<string, unknown>;
}

/**
 * The one error family of the API. `code` is stable and snake_case; the HTTP layer turns it into
 * a localised problem+json body using the `errors` i18n namespace (title and detail).
 */
export class AppError extends Error {
  constructor(
    public readonly status: number,
    public readonly code: string,
    public readonly params: Record<string, unknown> = {},
    public readonly errors?: FieldError[],
    /** Extra members added to the problem body (e.g. policy reasons). */
    public readonly extra?: Record<string, unknown>,
    public readonly headers?: Record<string, string>,
  ) {
    super(code);
    this.name = 'AppError';
  }
}

export const badRequest = (code = 'bad_request', params?: Record<string, unknown>) => new AppError(400, code, params);
export const validationFailed = (errors: FieldError[]) => new AppError(400, 'validation_failed', { count: errors.length }, errors);
export const unauthenticated = () => new AppError(401, 'unauthenticated');
export const forbidden = (code = 'forbidden', params?: Record<string, unknown>) => new AppError(403, code, params);
export const notFound = (code = 'not_found', params?: Record<string, unknown>) => new AppError(404, code, params);
export const conflict = (code: string, params?: Record<string, unknown>) => new AppError(409, code, params);
export const preconditionFailed = () => new AppError(412, 'precondition_failed');
export const payloadTooLarge = (limit: number) => new AppError(413, 'payload_too_large', { limit });
export const unsupportedMediaType = (expected: string) => new AppError(415, 'unsupported_media_type', { expected });
export const unprocessable = (code: string, errors?: FieldError[], params?: Record<string, unknown>) =>
  new AppError(422, code, params ?? { count: errors?.length ?? 0 }, errors);
export const tooManyRequests = (retryAfterSeconds: number) =>
  new AppError(429, 'too_many_requests', { retryAfter: retryAfterSeconds }, undefined, undefined, {
    'Retry-After': String(retryAfterSeconds),
  });
export const serviceUnavailable = (code: string, params?: Record<string, unknown>) => new AppError(503, code, params);

/** True when a MongoDB error is a duplicate-key violation (unique index). */
export function isDuplicateKey(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === 11000;
}
