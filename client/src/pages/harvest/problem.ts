// Field errors of a harvest request: the contract names body fields as `/body/url`, the rest of the
// API as `/url`; both end up at the same form field.
import { ApiError } from '../../lib/api';
import { problemErrors, type ErrorMap } from '../../lib/validation';

/** The problem's field errors keyed by the body's own pointer (`/url`, `/name/ko`). */
export function harvestFieldErrors(error: ApiError): ErrorMap {
  const out: ErrorMap = {};
  for (const [path, list] of Object.entries(problemErrors(error))) {
    const key = path.startsWith('/body/') ? path.slice('/body'.length) : path === '/body' ? '/' : path;
    (out[key] ??= []).push(...list.filter((m) => !out[key]?.includes(m)));
  }
  return out;
}

/** Any thrown value as an ApiError, so a page always has a problem to show. */
export function asApiError(err: unknown): ApiError {
  return err instanceof ApiError ? err : new ApiError({ title: String(err), status: 0, code: 'client_error' });
}

/**
 * Shows a failed harvest request: its field errors at their fields, or, when it names none, the
 * whole problem (the forms of the sources pages all answer a failure this way).
 */
export function showHarvestFailure(err: unknown, show: { setErrors: (e: ErrorMap) => void; setProblem: (p: ApiError) => void }): void {
  const apiErr = asApiError(err);
  const fields = harvestFieldErrors(apiErr);
  show.setErrors(fields);
  if (!Object.keys(fields).length) show.setProblem(apiErr);
}
