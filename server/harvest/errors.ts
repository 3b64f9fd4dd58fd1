// The errors that end a harvest run, each with a stable code the run report shows (docs/harvesting.md).

/** Codes a run can fail with. */
export type RunErrorCode =
  | 'fetch_timeout'
  | 'response_too_large'
  | 'invalid_json'
  | 'redirect_other_host'
  | 'too_many_redirects'
  | 'http_status'
  | 'unsupported_content_type'
  | 'too_many_pages'
  | 'host_not_allowed'
  | 'fetch_failed'
  | 'invalid_catalog'
  | 'internal_error';

/** A failure of the whole run (nothing is withdrawn after one). */
export class HarvestError extends Error {
  constructor(
    readonly code: RunErrorCode,
    readonly params: Record<string, unknown> = {},
  ) {
    super(code);
    this.name = 'HarvestError';
  }
}

/** The run error of anything a run threw: its HarvestError, or a generic one. */
export function runErrorOf(err: unknown): HarvestError {
  if (err instanceof HarvestError) return err;
  const code = (err as { code?: unknown } | null)?.code;
  if (code === 'EHARVESTADDR') return new HarvestError('host_not_allowed');
  if (typeof code === 'string' && /^(E[A-Z]+|UND_)/.test(code)) return new HarvestError('fetch_failed', { reason: code });
  if (err instanceof SyntaxError) return new HarvestError('invalid_json');
  return new HarvestError('internal_error');
}
