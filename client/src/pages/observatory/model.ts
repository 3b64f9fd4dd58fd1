// The observatory's data as the page uses it: the API's shape (schemas/responses/observatory.ts),
// area names in the UI language, periods as dates and words, and the growth lines to draw.
import type { ResponseOf } from '@schemas/responses';
import { labelOf } from '@schemas/taxonomy';
import type { Lang } from '../../lib/i18n';
import { localeOf } from '../../lib/format';

export type Observatory = ResponseOf<'observatory.view'>;
export type GrowthRow = Observatory['growth'][number];
export type DemandRow = Observatory['demand'][number];

/** Name of a KR12 area in the UI language (labels are the taxonomy's, as GET /taxonomies serves them). */
export const krName = (code: string, lang: Lang) => labelOf('krTechnologies', code, lang);
/** Name of a US CET area in the UI language. */
export const usName = (code: string, lang: Lang) => labelOf('usCetAreas', code, lang);

/** The first day (UTC) of a `YYYY-Qn` or `YYYY-MM` period. */
export function periodStart(period: string): Date {
  const year = Number(period.slice(0, 4));
  const rest = period.slice(5);
  const month = rest.startsWith('Q') ? (Number(rest.slice(1)) - 1) * 3 : Number(rest) - 1;
  return new Date(Date.UTC(year, month, 1));
}

/** A period in words: "2025년 1분기" / "Q1 2025", "2025년 3월" / "Mar 2025". */
export function periodName(period: string, lang: Lang): string {
  const rest = period.slice(5);
  if (rest.startsWith('Q')) return lang === 'ko' ? `${period.slice(0, 4)}년 ${rest.slice(1)}분기` : `${rest} ${period.slice(0, 4)}`;
  return new Intl.DateTimeFormat(localeOf(lang), { year: 'numeric', month: 'short', timeZone: 'UTC' }).format(periodStart(period));
}

/** One line of the growth chart: a KR area, or every other area summed (`key` 'other'). */
export interface GrowthLine {
  key: string;
  points: Array<{ period: string; date: Date; count: number; cumulative: number }>;
}

/**
 * The `top` areas with the most datasets at the end, then all others (and datasets without a KR
 * area) summed as one line, so the chart stays readable with twelve areas.
 */
export function growthLines(rows: readonly GrowthRow[], top: number): GrowthLine[] {
  const byArea = new Map<string, GrowthRow[]>();
  for (const r of rows) {
    const key = r.kr ?? 'none';
    byArea.set(key, [...(byArea.get(key) ?? []), r]);
  }
  const ranked = [...byArea.entries()].sort((a, b) => (b[1].at(-1)?.cumulative ?? 0) - (a[1].at(-1)?.cumulative ?? 0));
  const keep = ranked.slice(0, ranked.length > top + 1 ? top : ranked.length);
  const rest = ranked.slice(keep.length);
  const lines: GrowthLine[] = keep.map(([key, list]) => ({
    key,
    points: list.map((r) => ({ period: r.period, date: periodStart(r.period), count: r.count, cumulative: r.cumulative })),
  }));
  if (rest.length) {
    const sum = new Map<string, { count: number; cumulative: number }>();
    for (const [, list] of rest) {
      for (const r of list) {
        const s = sum.get(r.period) ?? { count: 0, cumulative: 0 };
        s.count += r.count;
        s.cumulative += r.cumulative;
        sum.set(r.period, s);
      }
    }
    lines.push({ key: 'other', points: [...sum].map(([period, s]) => ({ period, date: periodStart(period), ...s })) });
  }
  return lines;
}
