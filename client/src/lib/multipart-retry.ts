// Trying a part of a full-data upload again: which failures another try can fix, and backing off between tries.

/** Waits `ms`, or rejects at once when `signal` aborts. */
function pause(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        reject(signal.reason ?? new DOMException('Aborted', 'AbortError'));
      },
      { once: true },
    );
  });
}

/** True for failures worth another try: the network, storage or the server being briefly unavailable. */
export function isRetryable(err: unknown): boolean {
  const e = err as { name?: string; problem?: { status?: number; code?: string } } | null;
  if (!e || e.name === 'AbortError') return false;
  // Storage refusing a PUT (an expired URL, a dropped connection: status 0): a new URL may work.
  if (e.problem?.code === 'upload_failed') return true;
  const status = e.problem?.status;
  return status === undefined || status === 0 || status === 408 || status === 429 || status >= 500;
}

/**
 * Runs `attempt` until it succeeds, at most `tries` times, waiting 1 s, 2 s, 4 s… between tries;
 * gives up at once on a failure that another try cannot fix (a refusal, a validation error).
 */
export async function withRetries<T>(
  attempt: () => Promise<T>,
  opts: { tries?: number; baseDelayMs?: number; signal?: AbortSignal } = {},
): Promise<T> {
  const tries = opts.tries ?? 4;
  for (let i = 1; ; i++) {
    try {
      return await attempt();
    } catch (err) {
      if (i >= tries || !isRetryable(err)) throw err;
      await pause((opts.baseDelayMs ?? 1000) * 2 ** (i - 1), opts.signal);
    }
  }
}
