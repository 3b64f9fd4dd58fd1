// When a source runs next (docs/harvesting.md "Runs"): the presets as cron expressions, evaluated
// with cron-parser in UTC. `manual` sources and disabled ones have no next run.
import { CronExpressionParser } from 'cron-parser';
import type { HarvestSchedule } from '../../schemas/harvest';

/** Preset → cron expression (minute hour day month weekday), at quiet hours UTC. */
export const SCHEDULE_CRON: Record<Exclude<HarvestSchedule, 'manual'>, string> = {
  hourly: '17 * * * *',
  daily: '17 3 * * *',
  weekly: '17 3 * * 1',
};

/** The next run after `from`, or null when the source runs only by hand. */
export function nextRunAt(schedule: HarvestSchedule, enabled: boolean, from = new Date()): Date | null {
  if (!enabled || schedule === 'manual') return null;
  return CronExpressionParser.parse(SCHEDULE_CRON[schedule], { currentDate: from, tz: 'UTC' }).next().toDate();
}
