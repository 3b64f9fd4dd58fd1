// One observatory answer for one visibility tier and filter, computed from the catalogue index and
// the access requests, and cached briefly (docs/observatory.md "Cost and caching").
import type { AuthUser } from '../http/context';
import type { Logger } from '../infra/logger';
import { datasetStore } from '../datasets/store';
import { catalogIndex } from '../search/registry';
import { countMatrix, demandByArea, growthSeries, originCounts, periodOf, type DatasetDemand, type DemandRow, type GrowthRow, type Interval, type Matrix, type Origin } from './aggregate';
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

interface CachedDemand {
  at: number;
  value: Promise<DatasetDemand[]>;
  refreshing: boolean;
}
// US demand per dataset by `from` month: the one database read of an answer, and the slow one on the
// embedded FerretDB (an aggregation over every US request). Dataset changes do not end it, so a new
// publication or harvest recomputes only the in-memory counts; past the TTL the last figures are
// served while one refresh runs in the background.
const demandCache = new Map<string, CachedDemand>();

function cachedDemand(since: Date | null, now: number): Promise<DatasetDemand[]> {
  const key = since ? since.toISOString() : '';
  const hit = demandCache.get(key);
  if (hit) {
    if (now - hit.at >= OBSERVATORY_TTL_MS && !hit.refreshing) {
      hit.refreshing = true;
      const next = usDemand(since);
      next.then(
        () => demandCache.set(key, { at: Date.now(), value: next, refreshing: false }),
        () => {
          hit.refreshing = false;
        },
      );
    }
    return hit.value;
  }
  if (demandCache.size >= MAX_CACHED) demandCache.clear();
  const value = usDemand(since);
  demandCache.set(key, { at: now, value, refreshing: false });
  value.catch(() => demandCache.delete(key));
  return value;
}

/** The first instant of a `YYYY-MM` month (UTC). */
export function monthStart(month: string): Date {
  return new Date(`${month}-01T00:00:00.000Z`);
}

async function compute(user: AuthUser | null, filter: ObservatoryFilter, now: Date): Promise<Observatory> {
  const since = filter.from ? monthStart(filter.from) : null;
  const [all, demand] = await Promise.all([visibleDatasets(tierOf(user).viewer), cachedDemand(since, now.getTime())]);
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

/**
 * Reads the US demand of the whole period once at start-up, in the background, so that the first
 * visitor of the observatory does not wait for the aggregation (docs/observatory.md "Cost and caching").
 */
export function warmObservatoryDemand(log: Logger): void {
  const t0 = Date.now();
  cachedDemand(null, t0).then(
    (rows) => log.info({ datasets: rows.length, ms: Date.now() - t0 }, 'observatory demand read'),
    (err: unknown) => log.warn({ err }, 'observatory demand could not be read; the first request will retry'),
  );
}

/**
 * Forgets every cached answer and, unless `keepDemand`, the cached US demand (tests that add access
 * requests between two reads; the benchmark's cold runs).
 */
export function forgetObservatoryCache({ keepDemand = false } = {}): void {
  cache.clear();
  if (!keepDemand) demandCache.clear();
}
