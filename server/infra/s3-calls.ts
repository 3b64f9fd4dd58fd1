// One storage call within its deadline, what S3's failures mean (unreachable, not found), and how recently S3 answered.
import { StorageUnavailableError } from './s3-contract';

/** After a successful answer from S3, presigning routes trust it this long without asking again. */
const HEALTHY_FOR_MS = 3000;
/** After a failed health check, answer "unavailable" at once for this long rather than wait again. */
const UNHEALTHY_FOR_MS = 1000;

/** When S3 last answered and last failed to, and the health check under way (shared by concurrent requests). */
export interface StorageHealth {
  lastAnswerAt: number;
  lastFailureAt: number;
  checking: Promise<void> | null;
}

/** Runs `fn` with an abort signal; `what` names the call in the error, `deadlineMs` null leaves it to the socket timeouts. */
export type StorageCall = <T>(fn: (abortSignal: AbortSignal) => Promise<T>, what: string, deadlineMs?: number | null) => Promise<T>;

/**
 * The deadline-bound caller of one storage, recording every answer and failure in `health`. It runs
 * one call with `deadlineMs` over both attempts: aborted unless S3 has answered by then. A
 * streamed upload passes null and is left to the socket timeouts (its transfer may legitimately
 * take longer); a streamed download's body is never cut by the deadline, only the wait for headers.
 */
export function storageCaller(timeoutMs: number, health: StorageHealth): StorageCall {
  return async <T>(fn: (abortSignal: AbortSignal) => Promise<T>, what: string, deadlineMs: number | null = timeoutMs): Promise<T> => {
    const controller = new AbortController();
    const timer = deadlineMs === null ? undefined : setTimeout(() => controller.abort(), deadlineMs);
    try {
      const out = await fn(controller.signal);
      health.lastAnswerAt = Date.now();
      return out;
    } catch (err) {
      if (controller.signal.aborted || isUnreachable(err)) {
        health.lastFailureAt = Date.now();
        throw new StorageUnavailableError(`storage ${what} failed: ${errorText(err)}`, { cause: err });
      }
      // S3 answered (404, 403…): it is reachable.
      health.lastAnswerAt = Date.now();
      throw err;
    } finally {
      clearTimeout(timer);
    }
  };
}

/**
 * Throws StorageUnavailableError unless S3 answered recently (or answers `ping` now). For routes
 * that hand out presigned URLs: presigning never contacts S3.
 */
export async function assertAnsweredRecently(health: StorageHealth, ping: () => Promise<void>): Promise<void> {
  const now = Date.now();
  if (now - health.lastAnswerAt < HEALTHY_FOR_MS) return;
  if (now - health.lastFailureAt < UNHEALTHY_FOR_MS) throw new StorageUnavailableError('storage did not answer a moment ago');
  // Concurrent requests share one check.
  health.checking ??= ping().finally(() => (health.checking = null));
  await health.checking;
}

// Connection-level failures: nothing (or nothing in time) came back from S3.
const NETWORK_ERROR_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/** True when S3 could not be reached or answered with a server-side failure (5xx), as opposed to a refusal of the request. */
export function isUnreachable(err: unknown): boolean {
  const e = err as { name?: string; code?: string; $metadata?: { httpStatusCode?: number } } | null;
  if (!e) return false;
  if (e.name === 'TimeoutError' || e.name === 'AbortError') return true;
  if (e.code && NETWORK_ERROR_CODES.has(e.code)) return true;
  const status = e.$metadata?.httpStatusCode;
  return status !== undefined && status >= 500;
}

/** A failure as one line for logs and error messages. */
export function errorText(err: unknown): string {
  const e = err as { name?: string; code?: string; message?: string } | null;
  return [e?.name, e?.code, e?.message].filter(Boolean).join(' ') || String(err);
}

/** True when S3 answered that the object does not exist. */
export function isNotFound(err: unknown): boolean {
  const e = err as { name?: string; $metadata?: { httpStatusCode?: number } };
  return e?.name === 'NotFound' || e?.name === 'NoSuchKey' || e?.$metadata?.httpStatusCode === 404;
}
