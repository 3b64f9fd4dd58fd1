// The observatory's counting rules (docs/observatory.md "Counting rules"), pure: rows in, figures
// out. The route gathers the rows (source.ts, demand.ts); nothing here reads a clock or a database.
import { KR_TECHNOLOGY_CODES, US_CET_CODES } from '../../schemas/taxonomy';
import { suppress } from '../stats/suppression';

export type Origin = 'local' | 'harvested';
export type Interval = 'quarter' | 'month';

/** One catalogue dataset as the observatory counts it. */
export interface ObservedDataset {
  id: string;
  /** Known KR12 codes, each once, in taxonomy order. */
  kr: string[];
  /** Known US CET codes, each once, in taxonomy order. */
  us: string[];
  origin: Origin;
  /** First publication here, or when it was harvested. */
  appearedAt: Date;
}

export interface Matrix {
  kr: string[];
  us: string[];
  cells: Array<{ kr: string; us: string; count: number }>;
  krOnly: Array<{ kr: string; count: number }>;
  usOnly: Array<{ us: string; count: number }>;
  unmapped: number;
}

export interface GrowthRow {
  period: string;
  /** null: datasets without a Korean area. */
  kr: string | null;
  count: number;
  cumulative: number;
}

/** Requests for one dataset by requesters in the US (from demand.ts). */
export interface DatasetDemand {
  datasetId: string;
  requests: number;
  approved: number;
}

export interface DemandRow {
  kr?: string;
  us?: string;
  /** null when suppressed (1 … SUPPRESSION_THRESHOLD−1). */
  requests: number | null;
  approved: number | null;
  suppressed: boolean;
}

const KR_ORDER = new Map<string, number>(KR_TECHNOLOGY_CODES.map((c, i) => [c, i]));
const US_ORDER = new Map<string, number>(US_CET_CODES.map((c, i) => [c, i]));

function knownCodes(codes: readonly unknown[] | undefined, order: Map<string, number>): string[] {
  const seen = new Set<string>();
  for (const c of codes ?? []) if (typeof c === 'string' && order.has(c)) seen.add(c);
  return [...seen].sort((a, b) => order.get(a)! - order.get(b)!);
}

/** A dataset's KR12 and US CET codes: unknown codes dropped, duplicates removed, taxonomy order. */
export function areasOf(techAreas: { kr?: readonly unknown[]; us?: readonly unknown[] } | undefined | null): { kr: string[]; us: string[] } {
  return { kr: knownCodes(techAreas?.kr, KR_ORDER), us: knownCodes(techAreas?.us, US_ORDER) };
}

/** Where a dataset came from: harvested only when its origin says so (a missing origin is local). */
export function originOf(origin: unknown): { kind: Origin; harvestedAt: Date | null } {
  const o = origin as { kind?: unknown; harvestedAt?: unknown } | null | undefined;
  if (o?.kind !== 'harvested') return { kind: 'local', harvestedAt: null };
  const at = o.harvestedAt instanceof Date || typeof o.harvestedAt === 'string' ? new Date(o.harvestedAt) : null;
  return { kind: 'harvested', harvestedAt: at && !Number.isNaN(at.getTime()) ? at : null };
}

/** The period (UTC) a moment falls in: `YYYY-Qn` or `YYYY-MM`. */
export function periodOf(at: Date, interval: Interval): string {
  const y = at.getUTCFullYear();
  const m = at.getUTCMonth();
  return interval === 'quarter' ? `${y}-Q${Math.floor(m / 3) + 1}` : `${y}-${String(m + 1).padStart(2, '0')}`;
}

/** Index of a period on one continuous scale (months, or quarters, since year 0). */
function ordinal(period: string): number {
  const y = Number(period.slice(0, 4));
  const rest = period.slice(5);
  return rest.startsWith('Q') ? y * 4 + Number(rest.slice(1)) - 1 : y * 12 + Number(rest) - 1;
}

function periodAt(n: number, interval: Interval): string {
  const per = interval === 'quarter' ? 4 : 12;
  const y = Math.floor(n / per);
  const k = n - y * per;
  return interval === 'quarter' ? `${y}-Q${k + 1}` : `${y}-${String(k + 1).padStart(2, '0')}`;
}

/** Every period from `first` to `last` inclusive (both of the same interval). */
export function periodsBetween(first: string, last: string, interval: Interval): string[] {
  const out: string[] = [];
  for (let n = ordinal(first); n <= ordinal(last); n++) out.push(periodAt(n, interval));
  return out;
}

/**
 * The KR12 × US CET matrix: a dataset counts once in every (kr, us) pair of its areas, in krOnly
 * or usOnly when it has areas on one side only, and in `unmapped` when it has none.
 */
export function countMatrix(rows: Iterable<ObservedDataset>): Matrix {
  const cells = new Map<string, number>();
  const krOnly = new Map<string, number>();
  const usOnly = new Map<string, number>();
  let unmapped = 0;
  const add = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);
  for (const r of rows) {
    if (r.kr.length && r.us.length) for (const kr of r.kr) for (const us of r.us) add(cells, `${kr} ${us}`);
    else if (r.kr.length) for (const kr of r.kr) add(krOnly, kr);
    else if (r.us.length) for (const us of r.us) add(usOnly, us);
    else unmapped++;
  }
  const cellList = [...cells].map(([key, count]) => {
    const [kr, us] = key.split(' ');
    return { kr, us, count };
  });
  cellList.sort((a, b) => KR_ORDER.get(a.kr)! - KR_ORDER.get(b.kr)! || US_ORDER.get(a.us)! - US_ORDER.get(b.us)!);
  return {
    kr: [...KR_TECHNOLOGY_CODES],
    us: [...US_CET_CODES],
    cells: cellList,
    krOnly: KR_TECHNOLOGY_CODES.filter((c) => krOnly.has(c)).map((kr) => ({ kr, count: krOnly.get(kr)! })),
    usOnly: US_CET_CODES.filter((c) => usOnly.has(c)).map((us) => ({ us, count: usOnly.get(us)! })),
    unmapped,
  };
}

/**
 * New datasets per period and KR area, with running totals: every area that has a dataset gets a
 * row for every period from the first (or `from`) to `until`'s, so each line is continuous. A
 * dataset in several KR areas counts in each; one without a KR area counts under `kr: null`.
 */
export function growthSeries(rows: Iterable<ObservedDataset>, interval: Interval, until: Date, from?: string): GrowthRow[] {
  const counts = new Map<string | null, Map<string, number>>();
  let first: string | null = from ?? null;
  for (const r of rows) {
    const p = periodOf(r.appearedAt, interval);
    if (!from && (first === null || ordinal(p) < ordinal(first))) first = p;
    for (const kr of r.kr.length ? r.kr : [null]) {
      const per = counts.get(kr) ?? new Map<string, number>();
      per.set(p, (per.get(p) ?? 0) + 1);
      counts.set(kr, per);
    }
  }
  if (first === null || counts.size === 0) return [];
  let last = periodOf(until, interval);
  for (const per of counts.values()) for (const p of per.keys()) if (ordinal(p) > ordinal(last)) last = p;
  const periods = periodsBetween(first, last, interval);
  const areas = [...KR_TECHNOLOGY_CODES.filter((c) => counts.has(c)), ...(counts.has(null) ? [null] : [])];
  const out: GrowthRow[] = [];
  for (const kr of areas) {
    const per = counts.get(kr)!;
    let cumulative = 0;
    for (const period of periods) {
      const count = per.get(period) ?? 0;
      cumulative += count;
      out.push({ period, kr, count, cumulative });
    }
  }
  return out;
}

function shown(requests: number, approved: number): Omit<DemandRow, 'kr' | 'us'> {
  const r = suppress(requests);
  const a = suppress(approved);
  return { requests: r.count, approved: a.count, suppressed: r.suppressed || a.suppressed };
}

/**
 * Requests per area through the requested dataset's areas (a request for a dataset in two KR areas
 * counts in both), KR areas first, then US CET areas; counts of 1 … 4 are suppressed.
 */
export function demandByArea(demand: Iterable<DatasetDemand>, areas: ReadonlyMap<string, { kr: string[]; us: string[] }>): DemandRow[] {
  const kr = new Map<string, { requests: number; approved: number }>();
  const us = new Map<string, { requests: number; approved: number }>();
  const add = (m: typeof kr, code: string, d: DatasetDemand) => {
    const t = m.get(code) ?? { requests: 0, approved: 0 };
    t.requests += d.requests;
    t.approved += d.approved;
    m.set(code, t);
  };
  for (const d of demand) {
    const a = areas.get(d.datasetId);
    if (!a || d.requests === 0) continue;
    for (const code of a.kr) add(kr, code, d);
    for (const code of a.us) add(us, code, d);
  }
  return [
    ...KR_TECHNOLOGY_CODES.filter((c) => kr.has(c)).map((c) => ({ kr: c, ...shown(kr.get(c)!.requests, kr.get(c)!.approved) })),
    ...US_CET_CODES.filter((c) => us.has(c)).map((c) => ({ us: c, ...shown(us.get(c)!.requests, us.get(c)!.approved) })),
  ];
}

/** How many datasets are local and how many harvested. */
export function originCounts(rows: Iterable<ObservedDataset>): { local: number; harvested: number } {
  const out = { local: 0, harvested: 0 };
  for (const r of rows) out[r.origin]++;
  return out;
}
