// Make Data Count's double-click rule (docs/statistics.md "Bot filter and repeats"): the same
// viewer opening the same dataset again within 30 minutes is one view. What is remembered is a
// salted hash of (viewer, target), in memory only, bounded in size and age, never stored: it is
// forgotten when the process ends, and the salt is new in each process so hashes cannot be
// matched against any list of users or addresses.
import { createHash, randomBytes } from 'node:crypto';

export const REPEAT_WINDOW_MS = 30 * 60 * 1000;
/** Most remembered (viewer, target) pairs; the oldest are forgotten first beyond it. */
export const MAX_REMEMBERED = 50_000;

/** A bounded, short-lived memory of recent (viewer, target) pairs. */
export class RepeatFilter {
  private readonly seen = new Map<string, number>();
  private readonly salt = randomBytes(16);

  constructor(
    private readonly windowMs = REPEAT_WINDOW_MS,
    private readonly max = MAX_REMEMBERED,
  ) {}

  /** True when this viewer's event on this target is the first within the window (and remembers it). */
  firstWithin(viewer: string, target: string, now = Date.now()): boolean {
    const key = createHash('sha256').update(this.salt).update(viewer).update('\0').update(target).digest('base64url').slice(0, 22);
    const until = this.seen.get(key);
    if (until !== undefined && until > now) return false;
    // Re-inserting moves the key to the end: the map stays ordered by expiry, oldest first.
    this.seen.delete(key);
    this.seen.set(key, now + this.windowMs);
    this.prune(now);
    return true;
  }

  /** How many pairs are remembered now. */
  get size(): number {
    return this.seen.size;
  }

  private prune(now: number): void {
    for (const [key, until] of this.seen) {
      if (until > now && this.seen.size <= this.max) break;
      this.seen.delete(key);
    }
  }
}
