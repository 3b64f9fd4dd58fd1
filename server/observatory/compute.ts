// One observatory answer for one visibility tier and filter, computed from the catalogue index and
// the access requests, and cached briefly (docs/observatory.md "Cost and caching").
import type { AuthUser } from '../http/context';
import { datasetStore } from '../datasets/store';
import { catalogIndex } from '../search/registry';
import { countMatrix, demandByArea, growthSeries, originCounts, periodOf, type DemandRow, type GrowthRow, type Interval, type Matrix, type Origin } from './aggregate';
import { usDemand } from './demand';
import { tierOf, visibleDatasets } from './source';

/** How long an answer is reused for callers of the same tier and filter (dataset changes end it sooner). */
export const OBSERVATORY_TTL_MS = 60_000;
// Tiers are few (anonymous, signed in, one per member organisation, all) and filters are small;
// the bound only keeps a flood of distinct `from` values from growing the map without end.
const MAX_CACHED = 256;

export interface ObservatoryFilter {
  origin: Origin | null;
  /** `YYYY-MM`: only datasets that appeared, and requests submitted, from this month on. */
  from: string | null;
  interval: Interval;
}

export interface Observatory {
  matrix: Matrix;
  growth: GrowthRow[];
  demand: DemandRow[];
  origins: { local: number; harvested: number };
  filter: { origin: Origin | null; from: string | null; interval: Interval };
  generatedAt: string;
}

interface Cached {
  at: number;
  generation: string;
  value: Promise<Observatory>;
}
const cache = new Map<string, Cached>();

/** The first instant of a `YYYY-MM` month (UTC). */
export function monthStart(month: string): Date {
  return new Date(`${month}-01T00:00:00.000Z`);
}

async function compute(user: AuthUser | null, filter: ObservatoryFilter, now: Date): Promise<Observatory> {
  const since = filter.from ? monthStart(filter.from) : null;
  const [all, demand] = await Promise.all([visibleDatasets(tierOf(user).viewer), usDemand(since)]);
  const inWindow = since ? all.filter((d) => d.appearedAt >= since) : all;
  const chosen = filter.origin ? inWindow.filter((d) => d.origin === filter.origin) : inWindow;
  const areas = new Map(chosen.map((d) => [d.id, d]));
  return {
    matrix: countMatrix(chosen),
    growth: growthSeries(chosen, filter.interval, now, since ? periodOf(since, filter.interval) : undefined),
    demand: demandByArea(demand, areas),
    // The share chart shows what the origin filter chooses between, so it ignores that filter.
    origins: originCounts(inWindow),
    filter: { origin: filter.origin, from: filter.from, interval: filter.interval },
    generatedAt: now.toISOString(),
  };
}

/**
 * The observatory as this caller may see it: reused for OBSERVATORY_TTL_MS by every caller of the
 * same visibility tier asking the same filter, and recomputed at once when a dataset changes.
 */
export function observatoryFor(user: AuthUser | null, filter: ObservatoryFilter): Promise<Observatory> {
  const key = `${tierOf(user).key}|${filter.origin ?? ''}|${filter.from ?? ''}|${filter.interval}`;
  const now = Date.now();
  // The store changes with every dataset write (an origin too), the index with every listing change.
  const generation = `${datasetStore().generation}.${catalogIndex().generation}`;
  const hit = cache.get(key);
  if (hit && hit.generation === generation && now - hit.at < OBSERVATORY_TTL_MS) return hit.value;
  if (cache.size >= MAX_CACHED) {
    for (const [k, v] of cache) if (now - v.at >= OBSERVATORY_TTL_MS) cache.delete(k);
    if (cache.size >= MAX_CACHED) cache.clear();
  }
  const value = compute(user, filter, new Date(now));
  cache.set(key, { at: now, generation, value });
  // A failed computation must not be served to the next caller.
  value.catch(() => cache.delete(key));
  return value;
}

/** Forgets every cached answer (tests that add access requests between two reads). */
export function forgetObservatoryCache(): void {
  cache.clear();
}
