// Writing counters: one upsert with `$inc` per event (docs/statistics.md "Storage"), never awaited
// by the request that caused it. Each write is remembered until it settles so that a test (or a
// graceful shutdown) can wait for the writes in flight.
import type { Types } from 'mongoose';
import type { Logger } from 'pino';
import { isDuplicateKey } from '../http/errors';
import { createLogger } from '../infra/logger';
import { loadConfig } from '../infra/config';
import { monthOf, type RequesterKind, type UsageEvent } from './events';
import { UsageCounter } from './model';

/** One counter cell to increment. */
export interface CounterKey {
  datasetId: Types.ObjectId;
  providerId: Types.ObjectId;
  event: UsageEvent;
  requester: RequesterKind;
}

/** Whether recording is on and where its failures are logged; the app's own deps once a request has been seen. */
export interface StatsRuntime {
  enabled: boolean;
  log: Logger;
}

let runtime: StatsRuntime | null = null;

/** Records the app's settings for writes made outside a request handler's reach (commands). */
export function useRuntime(r: StatsRuntime): void {
  runtime = r;
}

/** The settings in force: the app's when known, else read from the environment as the app would. */
export function currentRuntime(): StatsRuntime {
  if (runtime) return runtime;
  let enabled = true;
  try {
    enabled = loadConfig(process.env).statsEnabled;
  } catch {
    // An incomplete environment (a script) counts, as the default says.
  }
  runtime = { enabled, log: createLogger(process.env.LOG_LEVEL ?? 'warn') };
  return runtime;
}

const inFlight = new Set<Promise<void>>();

/** Resolves when every counter write started so far has settled (tests, shutdown). */
export async function countersSettled(): Promise<void> {
  while (inFlight.size) await Promise.all([...inFlight]);
}

/** Increments one cell: upsert on the unique key; a concurrent first insert (duplicate key) is retried as an update. */
export async function increment(key: CounterKey, at = new Date(), by = 1): Promise<void> {
  const filter = {
    providerId: key.providerId,
    month: monthOf(at),
    datasetId: key.datasetId,
    event: key.event,
    country: key.requester.country,
    orgType: key.requester.orgType,
  };
  try {
    await UsageCounter.updateOne(filter, { $inc: { count: by } }, { upsert: true });
  } catch (err) {
    if (!isDuplicateKey(err)) throw err;
    await UsageCounter.updateOne(filter, { $inc: { count: by } });
  }
}

/**
 * Runs `work` (counter writes) once `start` resolves true, in the background: failures are logged,
 * never thrown to anyone. Tracked until settled.
 */
export function inBackground(start: Promise<boolean>, work: () => Promise<void>, log: Logger): void {
  const p = start
    .then((go) => (go ? work() : undefined))
    .catch((err: unknown) => log.warn({ err }, 'usage counter write failed'))
    .finally(() => inFlight.delete(p));
  inFlight.add(p);
}
