// Rate-limit counters (server/http/rate-limit.ts) on the real database: a hit is judged over a
// sliding window, so a burst timed across a window boundary does not get twice the limit.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RateLimit } from '../../server/auth/models';
import { hit, retryAfterSeconds, unhit } from '../../server/http/rate-limit';
import { startTestApp, type TestApp } from '../helpers/app';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app?.close();
});

const W = 900; // seconds, LOGIN_RATE_WINDOW_SECONDS' default
const boundary = Math.ceil(Date.now() / (W * 1000)) * W * 1000 + 10 * W * 1000; // a window start, well ahead
let n = 0;
const key = () => `rate-test-${++n}-${Math.random().toString(36).slice(2, 8)}`;

describe('sliding-window rate limits', () => {
  it('counts a burst across a window boundary as one: ten hits just before, the next one just after is the eleventh', async () => {
    const k = key();
    const before = [];
    for (let i = 0; i < 10; i++) before.push((await hit(k, W, boundary - 2000 + i)).count);
    expect(before).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    const after = await hit(k, W, boundary + 500);
    // With fixed windows alone this would be 1: a fresh window.
    expect(after).toMatchObject({ count: 11, current: 1, previous: 10 });
  });

  it('lets the previous window fade: half-way through the next window half of it still counts, then none', async () => {
    const k = key();
    for (let i = 0; i < 10; i++) await hit(k, W, boundary - 1000);
    expect((await hit(k, W, boundary + (W * 1000) / 2)).count).toBe(1 + 5);
    // A window later that one hit still counts whole (rounded up); with a quiet window between, nothing does.
    expect((await hit(k, W, boundary + W * 1000 + 10)).count).toBe(1 + 1);
    expect((await hit(k, W, boundary + 3 * W * 1000 + 10)).count).toBe(1);
  });

  it('takes a hit back from the window it went into, even after that window has ended', async () => {
    const k = key();
    const first = await hit(k, W, boundary - 1000);
    const second = await hit(k, W, boundary - 500);
    expect(second.count).toBe(2);
    await unhit(first);
    const next = await hit(k, W, boundary + 100);
    expect(next).toMatchObject({ current: 1, previous: 1 });
    // A refund never takes a counter below zero.
    await unhit(first);
    await unhit(first);
    expect((await RateLimit.findById(first.counterId).lean())?.count).toBe(0);
  });

  it('tells how long to wait: until the previous window has faded enough, or into the next window', async () => {
    // This window alone is at the limit: the rest of it, then until its weight is below the limit.
    const full = { count: 11, counterId: 'x', current: 11, previous: 0, elapsed: 0.5, windowSeconds: 900 };
    expect(retryAfterSeconds(full, 10)).toBe(614); // 450 s + (1 − 9/11) × 900 s
    // Over only because of the previous window: until enough of it has faded.
    const carried = { count: 11, counterId: 'x', current: 1, previous: 10, elapsed: 0.1, windowSeconds: 900 };
    expect(retryAfterSeconds(carried, 10)).toBe(90); // until ceil(10 × (1 − f)) ≤ 8: f = 0.2, 0.1 × 900 s
    // Nothing to wait for beyond a second.
    expect(retryAfterSeconds({ ...carried, previous: 0, current: 3 }, 10)).toBe(1);
  });
});
