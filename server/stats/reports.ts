// The three statistics answers, assembled from counters (docs/statistics.md "Reading").
import { Types } from 'mongoose';
import { Dataset } from '../datasets/model';
import type { OrganizationDoc } from '../organizations/model';
import { organizationsById } from '../organizations/lookup';
import { monthOf, monthsBefore } from './events';
import { allCounters, datasetMonthly, providerCounters, type MonthRange } from './query';
import { SUPPRESSION_THRESHOLD } from './suppression';
import { emptyTotals, rowsBy, totalsBy } from './tables';

/** Public totals of one dataset: views, downloads (both scopes), requests, approvals. */
export interface PublicTotals {
  views: number;
  downloads: number;
  requests: number;
  approved: number;
}

function publicTotalsOf(rows: ReadonlyArray<{ event: string; count: number }>): PublicTotals {
  const t: PublicTotals = { views: 0, downloads: 0, requests: 0, approved: 0 };
  for (const r of rows) {
    if (r.event === 'view') t.views += r.count;
    else if (r.event === 'sample_download' || r.event === 'full_download') t.downloads += r.count;
    else if (r.event === 'request_submitted') t.requests += r.count;
    else if (r.event === 'request_approved') t.approved += r.count;
  }
  return t;
}

/** `GET /stats/datasets/{id}`: all-time and last-12-months totals (this month and the 11 before). */
export async function datasetReport(dataset: { id: string; slug: string }, now = new Date()) {
  const monthly = await datasetMonthly(new Types.ObjectId(dataset.id));
  const cutoff = monthsBefore(monthOf(now), 11);
  const months = monthly
    .filter((r) => r.count > 0)
    .map((r) => r.month)
    .sort();
  return {
    datasetId: dataset.id,
    slug: dataset.slug,
    allTime: publicTotalsOf(monthly),
    last12Months: publicTotalsOf(monthly.filter((r) => r.month >= cutoff)),
    since: months[0] ?? null,
  };
}

/** `GET /stats/providers/{slug}`: the provider's datasets with totals, and rows per dataset × month × event. */
export async function providerReport(org: OrganizationDoc, range: MonthRange) {
  const cells = await providerCounters(org._id, range);
  const totals = totalsBy(cells, (c) => String(c.datasetId));
  const ids = [...totals.keys()].map((id) => new Types.ObjectId(id));
  const docs = await Dataset.find({ _id: { $in: ids } }, { slug: 1, title: 1 }).lean();
  const datasets = docs
    .map((d) => ({ id: String(d._id), slug: d.slug, title: d.title ?? {}, totals: totals.get(String(d._id)) ?? emptyTotals() }))
    .sort((a, b) => a.slug.localeCompare(b.slug));
  const known = new Set(docs.map((d) => String(d._id)));
  const rows = rowsBy(cells, (c) => String(c.datasetId)).map(({ subject, ...r }) => ({ datasetId: subject, ...r }));
  return {
    provider: { id: String(org._id), slug: org.slug, name: org.name },
    ...range,
    threshold: SUPPRESSION_THRESHOLD,
    datasets,
    // Counters of a dataset deleted since (a draft never published has none; kept for safety) are left out.
    rows: rows.filter((r) => known.has(r.datasetId)),
  };
}

/** `GET /stats/overview`: every provider's totals and rows per provider × month × event. */
export async function overviewReport(range: MonthRange) {
  const cells = await allCounters(range);
  const totals = totalsBy(cells, (c) => String(c.providerId));
  const orgs = await organizationsById([...totals.keys()].map((id) => new Types.ObjectId(id)));
  const providers = [...orgs.values()]
    .map((o) => ({ id: String(o._id), slug: o.slug, name: o.name, totals: totals.get(String(o._id)) ?? emptyTotals() }))
    .sort((a, b) => a.slug.localeCompare(b.slug));
  const rows = rowsBy(cells, (c) => String(c.providerId))
    .filter((r) => orgs.has(r.subject))
    .map(({ subject, ...r }) => ({ providerId: subject, ...r }));
  return { ...range, threshold: SUPPRESSION_THRESHOLD, providers, rows };
}

export type ProviderReport = Awaited<ReturnType<typeof providerReport>>;
export type OverviewReport = Awaited<ReturnType<typeof overviewReport>>;
