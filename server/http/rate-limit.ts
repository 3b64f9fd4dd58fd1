import { RateLimit } from '../auth/models';
import { isDuplicateKey } from './errors';

function windowStart(windowSeconds: number, now = Date.now()): Date {
  return new Date(Math.floor(now / (windowSeconds * 1000)) * windowSeconds * 1000);
}

const counterId = (key: string, windowSeconds: number) => `${key}@${windowStart(windowSeconds).toISOString()}`;

/** Counts one hit against `key` in the current fixed window and returns the new count. Shared by all app processes. */
export async function hit(key: string, windowSeconds: number): Promise<number> {
  const _id = counterId(key, windowSeconds);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const doc = await RateLimit.findOneAndUpdate(
        { _id },
        { $inc: { count: 1 }, $setOnInsert: { key, windowStart: windowStart(windowSeconds) } },
        { upsert: true, returnDocument: 'after' },
      ).lean();
      return doc?.count ?? 1;
    } catch (err) {
      // Two first hits racing on the upsert (other processes): the loser retries as a plain increment.
      if (!isDuplicateKey(err) || attempt > 0) throw err;
    }
  }
  return 1;
}

/** Takes one hit back from `key` in the current window (an attempt that turned out not to count). */
export async function unhit(key: string, windowSeconds: number): Promise<void> {
  await RateLimit.updateOne({ _id: counterId(key, windowSeconds), count: { $gt: 0 } }, { $inc: { count: -1 } });
}

/** Seconds until the current window ends (for Retry-After). */
export function secondsLeft(windowSeconds: number): number {
  const end = windowStart(windowSeconds).getTime() + windowSeconds * 1000;
  return Math.max(1, Math.ceil((end - Date.now()) / 1000));
}
