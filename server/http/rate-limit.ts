// Rate-limit counters kept in the database, so every app process shares them (docs/security.md
// "Guessing passwords"). One document per key and fixed window; a hit is judged by a sliding-window
// estimate — this window's count plus the previous window's, weighted by how much of it still lies
// within the last `windowSeconds` — so a burst timed across a window boundary cannot get twice the
// limit, as it could with fixed windows alone. Hand-written rather than a library: the counters must
// live in the MongoDB-protocol store the app already runs (FerretDB included), with one atomic
// `$inc` per hit and a refund for attempts that turned out not to count.
import { RateLimit } from '../auth/models';
import { isDuplicateKey, tooManyRequests } from './errors';

function windowStart(windowSeconds: number, now: number): number {
  return Math.floor(now / (windowSeconds * 1000)) * windowSeconds * 1000;
}

const counterId = (key: string, start: number) => `${key}@${new Date(start).toISOString()}`;

/** One counted hit. */
export interface Hit {
  /** The sliding-window estimate of hits within the last window, this one included. */
  count: number;
  /** The counter document this hit went into (what `unhit` takes back). */
  counterId: string;
  /** This window's count (this hit included) and the previous window's. */
  current: number;
  previous: number;
  /** How far into its window this hit came, 0 ≤ elapsed < 1. */
  elapsed: number;
  windowSeconds: number;
}

/** Atomically adds one to this window's counter and returns its new value. */
async function increment(key: string, id: string, start: number): Promise<number> {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const doc = await RateLimit.findOneAndUpdate(
        { _id: id },
        { $inc: { count: 1 }, $setOnInsert: { key, windowStart: new Date(start) } },
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

/** Counts one hit against `key` and returns the sliding-window estimate with it. */
export async function hit(key: string, windowSeconds: number, now = Date.now()): Promise<Hit> {
  const start = windowStart(windowSeconds, now);
  const id = counterId(key, start);
  const [current, previousDoc] = await Promise.all([
    increment(key, id, start),
    RateLimit.findById(counterId(key, start - windowSeconds * 1000), { count: 1 }).lean(),
  ]);
  const previous = Math.max(0, previousDoc?.count ?? 0);
  const elapsed = (now - start) / (windowSeconds * 1000);
  // Rounded up: a hit of the previous window still inside the last `windowSeconds` counts whole.
  return { count: current + Math.ceil(previous * (1 - elapsed)), counterId: id, current, previous, elapsed, windowSeconds };
}

/** Takes a hit back (an attempt that turned out not to count), from the window it went into. */
export async function unhit(h: Pick<Hit, 'counterId'>): Promise<void> {
  await RateLimit.updateOne({ _id: h.counterId, count: { $gt: 0 } }, { $inc: { count: -1 } });
}

/**
 * Seconds until a new hit would be within `max` again, for Retry-After, assuming nobody else hits
 * meanwhile and this hit stays counted (so never too short): first the previous window's weight
 * has to fade, and when this window alone is at the limit, this window's weight in the next one.
 */
export function retryAfterSeconds(h: Hit, max: number): number {
  const w = h.windowSeconds;
  let wait: number;
  if (h.current <= max - 1) {
    // Within this window: wait until ceil(previous × (1 − f)) ≤ max − 1 − current.
    const f = h.previous > 0 ? 1 - (max - 1 - h.current) / h.previous : 0;
    wait = Math.max(0, f - h.elapsed) * w;
  } else {
    // Into the next window: until ceil(current × (1 − f)) ≤ max − 1 there.
    wait = (1 - h.elapsed) * w + Math.max(0, 1 - (max - 1) / h.current) * w;
  }
  return Math.max(1, Math.ceil(wait));
}

/** Counts a hit against `key` and refuses (429 with Retry-After) when it goes over `max` in the window. */
export async function limitHits(key: string, windowSeconds: number, max: number): Promise<void> {
  const h = await hit(key, windowSeconds);
  if (h.count > max) throw tooManyRequests(retryAfterSeconds(h, max));
}
