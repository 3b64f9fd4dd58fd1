// CSV exports of the statistics (docs/statistics.md "CSV"): UTF-8 with a byte-order mark so that
// spreadsheet programs read Korean, a header row, one line per total and per breakdown cell.
// A suppressed cell has an empty count and `suppressed` = true; a withheld breakdown is one line
// with value `*`, an empty count and `suppressed` = true.
import type { PublishedBreakdown } from './breakdown';
import type { OverviewReport, ProviderReport } from './reports';
import type { StatsRow } from './tables';

const cell = (v: string | number | null | undefined): string => {
  const s = v === null || v === undefined ? '' : String(v);
  // Quote when needed; a leading = + - @ is defused so a spreadsheet never runs it as a formula.
  const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

const line = (values: ReadonlyArray<string | number | null | undefined>) => values.map(cell).join(',');

const ROW_COLUMNS = ['month', 'event', 'breakdown', 'value', 'count', 'suppressed'];

function rowLines(prefix: ReadonlyArray<string>, r: Omit<StatsRow, 'subject'>): string[] {
  const out = [line([...prefix, r.month, r.event, 'total', '', r.total, 'false'])];
  const add = (name: string, b: PublishedBreakdown) => {
    if (b.withheld) out.push(line([...prefix, r.month, r.event, name, '*', null, 'true']));
    for (const c of b.cells) out.push(line([...prefix, r.month, r.event, name, c.value, c.count, String(c.suppressed)]));
  };
  add('country', r.byCountry);
  add('org_type', r.byOrgType);
  return out;
}

const document = (lines: string[]) => '\uFEFF' + lines.join('\r\n') + '\r\n';

/** A provider's statistics as CSV: one block of lines per dataset × month × event. */
export function providerCsv(report: ProviderReport): string {
  const bySlug = new Map(report.datasets.map((d) => [d.id, d]));
  const lines = [line(['provider', 'dataset', 'title_ko', 'title_en', ...ROW_COLUMNS])];
  for (const { datasetId, ...r } of report.rows) {
    const d = bySlug.get(datasetId);
    lines.push(...rowLines([report.provider.slug, d?.slug ?? datasetId, d?.title.ko ?? '', d?.title.en ?? ''], { ...r }));
  }
  return document(lines);
}

/** Every provider's statistics as CSV: one block of lines per provider × month × event. */
export function overviewCsv(report: OverviewReport): string {
  const byId = new Map(report.providers.map((p) => [p.id, p]));
  const lines = [line(['provider', 'name_ko', 'name_en', ...ROW_COLUMNS])];
  for (const { providerId, ...r } of report.rows) {
    const p = byId.get(providerId);
    lines.push(...rowLines([p?.slug ?? providerId, p?.name.ko ?? '', p?.name.en ?? ''], r));
  }
  return document(lines);
}
