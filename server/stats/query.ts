// Reading counters (docs/statistics.md "Reading"): every query is an equality on the provider or
// the dataset plus a month range, served by the indexes in model.ts.
import type { Request } from 'express';
import type { Types } from 'mongoose';
import { AppError } from '../http/errors';
import { monthOf, monthsBefore } from './events';
import { UsageCounter, type UsageCounterDoc } from './model';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** A month range, both ends included (`YYYY-MM`). */
export interface MonthRange {
  from: string;
  to: string;
}

/**
 * `?from=&to=` (YYYY-MM, schema `stats.range`); default: the last 12 months up to this one. 400
 * naming the parameter when malformed (an empty value too). `from` after `to` is a range holding no
 * month: an empty table, not an error.
 */
export function monthRangeOf(req: Request, now = new Date()): MonthRange {
  const read = (name: 'from' | 'to'): string | undefined => {
    const raw = req.query[name];
    if (raw === undefined) return undefined;
    if (typeof raw === 'string' && MONTH.test(raw)) return raw;
    throw new AppError(400, 'validation_failed', { count: 1 }, [{ path: `/query/${name}`, code: 'pattern' }]);
  };
  const to = read('to') ?? monthOf(now);
  const from = read('from') ?? monthsBefore(to, 11);
  return { from, to };
}

type Cell = Pick<UsageCounterDoc, 'datasetId' | 'providerId' | 'month' | 'event' | 'country' | 'orgType' | 'count'>;
const CELL = { _id: 0, datasetId: 1, providerId: 1, month: 1, event: 1, country: 1, orgType: 1, count: 1 } as const;

/** One provider's counters in a month range. */
export function providerCounters(providerId: Types.ObjectId, range: MonthRange): Promise<Cell[]> {
  return UsageCounter.find({ providerId, month: { $gte: range.from, $lte: range.to } }, CELL).lean<Cell[]>();
}

/** Every provider's counters in a month range (admins' overview). */
export function allCounters(range: MonthRange): Promise<Cell[]> {
  return UsageCounter.find({ month: { $gte: range.from, $lte: range.to } }, CELL).lean<Cell[]>();
}

/** One dataset's counts per month and event (summed over requesters). */
export async function datasetMonthly(datasetId: Types.ObjectId): Promise<Array<{ month: string; event: string; count: number }>> {
  const rows = await UsageCounter.aggregate<{ _id: { month: string; event: string }; n: number }>([
    { $match: { datasetId } },
    { $group: { _id: { month: '$month', event: '$event' }, n: { $sum: '$count' } } },
  ]);
  return rows.map((r) => ({ month: r._id.month, event: r._id.event, count: r.n }));
}

export type { Cell as CounterCell };
