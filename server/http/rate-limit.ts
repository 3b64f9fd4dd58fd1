import { RateLimit } from '../auth/models';
import { isDuplicateKey } from './errors';

function windowStart(windowSeconds: number, now = Date.now()): Date {
  return new Date(Math.floor(now / (windowSeconds * 1000)) * windowSeconds * 1000);
}

/** Counts one hit against `key` in the current fixed window and returns the new count. Shared by all app processes. */
export async function hit(key: string, windowSeconds: number): Promise<number> {
  const ws = windowStart(windowSeconds);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const doc = await RateLimit.findOneAndUpdate({ key, windowStart: ws }, { $inc: { count: 1 } }, { upsert: true, returnDocument: 'after' }).lean();
      return doc?.count ?? 1;
    } catch (err) {
      // Two first hits racing on the upsert: the loser retries as a plain increment.
      if (!isDuplicateKey(err) || attempt > 0) throw err;
    }
  }
  return 1;
}

/** Hits counted against `key` in the current window. */
export async function hits(key: string, windowSeconds: number): Promise<number> {
  const doc = await RateLimit.findOne({ key, windowStart: windowStart(windowSeconds) }).lean();
  return doc?.count ?? 0;
}

/** Seconds until the current window ends (for Retry-After). */
export function secondsLeft(windowSeconds: number): number {
  const end = windowStart(windowSeconds).getTime() + windowSeconds * 1000;
  return Math.max(1, Math.ceil((end - Date.now()) / 1000));
}

/** Forgets the counters of `key` in the current window (after a successful sign-in). */
export async function reset(key: string, windowSeconds: number): Promise<void> {
  await RateLimit.deleteOne({ key, windowStart: windowStart(windowSeconds) });
}
