// The harvest scheduler (docs/harvesting.md "Runs"): every interval, each app process asks for enabled
// sources whose `nextRunAt` has come and takes one at a time with a findOneAndUpdate that moves
// `nextRunAt` on and sets a lease — so however many processes poll, one of them gets each due source.
// Off in tests unless HARVEST_SCHEDULER_MS is set (server/infra/config.ts).
import type { Logger } from 'pino';
import { PROCESS_ORIGIN } from '../infra/change-feed';
import type { HarvestConfig } from '../infra/config';
import { HarvestSource, type HarvestSourceDoc } from './model';
import { startRun, STALE_RUN_MS } from './run';
import { nextRunAt } from './schedule';

/** Sources started per tick at most (the rest wait for the next one). */
const PER_TICK = 5;

/** Claims and starts the sources due at `now`; returns how many it started. */
export async function runDueSources(cfg: HarvestConfig, log: Pick<Logger, 'info' | 'warn'>, now = new Date()): Promise<number> {
  let started = 0;
  for (let i = 0; i < PER_TICK; i++) {
    const due = await HarvestSource.findOne({ enabled: true, nextRunAt: { $lte: now }, runningRunId: null }).sort({ nextRunAt: 1 }).lean<HarvestSourceDoc>();
    if (!due) break;
    // The lease: only the process whose update matched the nextRunAt it read goes on.
    const claimed = await HarvestSource.findOneAndUpdate(
      { _id: due._id, nextRunAt: due.nextRunAt, runningRunId: null },
      { $set: { nextRunAt: nextRunAt(due.schedule, due.enabled, now) ?? null, leaseOwner: PROCESS_ORIGIN, leaseUntil: new Date(now.getTime() + STALE_RUN_MS) } },
      { returnDocument: 'after' },
    ).lean<HarvestSourceDoc>();
    if (!claimed) continue;
    try {
      await startRun(claimed, 'schedule', { id: null }, cfg, log);
      started++;
    } catch (err) {
      log.warn({ err, sourceId: String(due._id) }, 'scheduled harvest not started');
    }
  }
  return started;
}

/** Polls for due sources every `cfg.schedulerMs` (nothing when 0); returns a function that stops it. */
export function startHarvestScheduler(cfg: HarvestConfig, log: Pick<Logger, 'info' | 'warn'>): () => void {
  if (!cfg.schedulerMs) return () => undefined;
  let busy = false;
  const tick = () => {
    if (busy) return;
    busy = true;
    runDueSources(cfg, log)
      .catch((err: unknown) => log.warn({ err }, 'harvest scheduler tick failed; retrying at the next one'))
      .finally(() => (busy = false));
  };
  const timer = setInterval(tick, cfg.schedulerMs);
  timer.unref();
  return () => clearInterval(timer);
}
