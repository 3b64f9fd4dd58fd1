// Turning counters into published tables (docs/statistics.md "Privacy"): per row (a dataset or a
// provider, a month, an event) the total as counted and two breakdowns — by requester country and
// by organisation type — each published through publishBreakdown.
import { USAGE_EVENTS, type UsageEvent } from './events';
import { publishBreakdown, type PublishedBreakdown } from './breakdown';
import type { CounterCell } from './query';

/** Counts per event, every event present (0 when nothing was counted). */
export type EventTotals = Record<UsageEvent, number>;

/** One published row: who it is about (`subject`: a dataset id or a provider id), the month, the event. */
export interface StatsRow {
  subject: string;
  month: string;
  event: UsageEvent;
  total: number;
  byCountry: PublishedBreakdown;
  byOrgType: PublishedBreakdown;
}

/** Zero for every event. */
export function emptyTotals(): EventTotals {
  return Object.fromEntries(USAGE_EVENTS.map((e) => [e, 0])) as EventTotals;
}

/** Totals per event for each subject (not suppressed: docs/statistics.md "Privacy"). */
export function totalsBy(cells: readonly CounterCell[], subjectOf: (c: CounterCell) => string): Map<string, EventTotals> {
  const out = new Map<string, EventTotals>();
  for (const c of cells) {
    const key = subjectOf(c);
    const totals = out.get(key) ?? emptyTotals();
    if (c.event in totals) totals[c.event] += c.count;
    out.set(key, totals);
  }
  return out;
}

/** Rows per (subject, month, event), sorted by subject, month, event order; breakdowns suppressed. */
export function rowsBy(cells: readonly CounterCell[], subjectOf: (c: CounterCell) => string): StatsRow[] {
  const groups = new Map<
    string,
    { subject: string; month: string; event: UsageEvent; country: Map<string, number>; orgType: Map<string, number> }
  >();
  for (const c of cells) {
    const subject = subjectOf(c);
    const key = `${subject}|${c.month}|${c.event}`;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { subject, month: c.month, event: c.event, country: new Map(), orgType: new Map() }));
    g.country.set(c.country, (g.country.get(c.country) ?? 0) + c.count);
    g.orgType.set(c.orgType, (g.orgType.get(c.orgType) ?? 0) + c.count);
  }
  const order = (e: UsageEvent) => USAGE_EVENTS.indexOf(e);
  return [...groups.values()]
    .map((g) => ({
      subject: g.subject,
      month: g.month,
      event: g.event,
      total: [...g.country.values()].reduce((s, n) => s + n, 0),
      byCountry: publishBreakdown(g.country),
      byOrgType: publishBreakdown(g.orgType),
    }))
    .filter((r) => r.total > 0)
    .sort((a, b) => a.subject.localeCompare(b.subject) || a.month.localeCompare(b.month) || order(a.event) - order(b.event));
}
