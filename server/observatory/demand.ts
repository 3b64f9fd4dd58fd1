// Demand from the United States, read from the usage counters (docs/observatory.md "Demand"): access
// requests and approvals recorded with the requester organisation's country `US`, per dataset. The
// counters are what the statistics pages show (docs/statistics.md), so both tell the same story, and
// their number grows with datasets × months, not with requests. Only counts leave this file; which
// datasets the caller may see, and suppression, are the route's concern.
import type { Types } from 'mongoose';
import { monthOf } from '../stats/events';
import { UsageCounter } from '../stats/model';
import type { DatasetDemand } from './aggregate';

/** The two counted events, each read with its own equality filter (see usDemand). */
const EVENTS = ['request_submitted', 'request_approved'] as const;

/**
 * Requests (`request_submitted`) and approvals (`request_approved`) by US requesters per dataset,
 * in `since`'s month or later when given. A request counts in the month it was made, an approval in
 * the month it was given. One `find` per event on equality filters (`country`, `event`), which
 * FerretDB hands to PostgreSQL as a WHERE clause; `$in` and ranges it filters itself after reading
 * every counter, so the month is compared here and the sums are taken here (a few rows per dataset).
 */
export async function usDemand(since: Date | null): Promise<DatasetDemand[]> {
  const fromMonth = since ? monthOf(since) : null;
  const byDataset = new Map<string, DatasetDemand>();
  for (const event of EVENTS) {
    const rows = await UsageCounter.find({ country: 'US', event }, { _id: 0, datasetId: 1, month: 1, count: 1 }).lean<
      Array<{ datasetId: Types.ObjectId; month: string; count: number }>
    >();
    for (const row of rows) {
      if (fromMonth && row.month < fromMonth) continue;
      const datasetId = String(row.datasetId);
      const d = byDataset.get(datasetId) ?? { datasetId, requests: 0, approved: 0 };
      if (event === 'request_submitted') d.requests += row.count;
      else d.approved += row.count;
      byDataset.set(datasetId, d);
    }
  }
  return [...byDataset.values()];
}
