// Demo usage counters (docs/statistics.md "Demo figures"): deterministic monthly counts for the
// published demo datasets over the 12 months up to the seed's reference month, so that a new user
// sees figures on dataset pages and the statistics pages. Demo seeding only; real counting starts
// from these. Idempotent: a dataset that already has counters is left as it is.
import { createHash } from 'node:crypto';
import type { Types } from 'mongoose';
import { Dataset } from '../server/datasets/model';
import { monthOf, monthsBefore, type UsageEvent } from '../server/stats/events';
import { UsageCounter, type UsageCounterDoc } from '../server/stats/model';

/** Requester kinds the demo counts come from: the organisations a Korean dataset would see, and signed-out visitors. */
const REQUESTERS = [
  { country: 'US', orgType: 'university' },
  { country: 'US', orgType: 'company' },
  { country: 'US', orgType: 'ffrdc' },
  { country: 'KR', orgType: 'university' },
  { country: 'KR', orgType: 'company' },
  { country: 'KR', orgType: 'research_institute' },
  { country: 'JP', orgType: 'university' },
  { country: 'DE', orgType: 'research_institute' },
  { country: 'anonymous', orgType: 'anonymous' },
] as const;

/** A number in [0, max) fixed by the key (the same on every run). */
function pick(key: string, max: number): number {
  return createHash('sha256').update(key).digest().readUInt32BE(0) % max;
}

/** Requesters (indexes into REQUESTERS) per event: everyone views; fewer download; fewer still ask. */
const WHO: Record<'view' | 'download' | 'request', readonly number[]> = {
  view: [0, 1, 2, 3, 4, 5, 6, 8],
  download: [0, 1, 3, 4, 7],
  request: [0, 2, 3, 5],
};

/** One month of demo counts of a dataset per event and requester (zeros left out). */
function monthCounts(key: string, level: string, weight: number): Array<{ event: UsageEvent; r: number; count: number }> {
  const out: Array<{ event: UsageEvent; r: number; count: number }> = [];
  const n = (what: string, mean: number) => pick(`${key}|${what}`, Math.max(1, Math.round(mean * weight * 2)));
  for (const r of WHO.view) out.push({ event: 'view', r, count: n(`view|${r}`, 20) });
  if (level === 'closed') return out.filter((c) => c.count > 0);
  for (const r of WHO.download) {
    out.push({ event: 'sample_download', r, count: n(`sample|${r}`, 7) });
    if (level === 'open' || level === 'registered') out.push({ event: 'full_download', r, count: n(`full|${r}`, 4) });
  }
  if (level !== 'open') {
    for (const r of WHO.request) {
      const submitted = n(`request|${r}`, 4);
      // Most requests are approved, some rejected, the rest still open.
      const approved = Math.floor((submitted * (50 + pick(`${key}|share|${r}`, 40))) / 100);
      const rejected = Math.floor((submitted - approved) / 2);
      out.push(
        { event: 'request_submitted', r, count: submitted },
        { event: 'request_approved', r, count: approved },
        { event: 'request_rejected', r, count: rejected },
      );
    }
  }
  return out.filter((c) => c.count > 0);
}

/** Inserts demo counters for published datasets without any; returns how many counter documents were written. */
export async function seedUsage(referenceTime: number): Promise<number> {
  const lastMonth = monthOf(new Date(referenceTime));
  const months = Array.from({ length: 12 }, (_, i) => monthsBefore(lastMonth, 11 - i));
  const counted = new Set((await UsageCounter.distinct('datasetId')).map(String));
  const published = await Dataset.find({ status: 'published' }, { slug: 1, providerId: 1, 'live.disclosure.accessLevel': 1 }).lean<
    Array<{ _id: Types.ObjectId; slug: string; providerId: Types.ObjectId; live?: { disclosure?: { accessLevel?: string } } }>
  >();
  const docs: Array<Omit<UsageCounterDoc, '_id'>> = [];
  for (const d of published) {
    if (counted.has(String(d._id))) continue;
    const level = d.live?.disclosure?.accessLevel ?? 'open';
    const popularity = 1 + pick(d.slug, 3); // 1–3: some datasets draw more interest than others
    for (const [m, month] of months.entries()) {
      // Later months a little busier.
      for (const c of monthCounts(`${d.slug}|${month}`, level, (popularity * (6 + m)) / 12)) {
        const r = REQUESTERS[c.r]!;
        docs.push({
          datasetId: d._id,
          providerId: d.providerId,
          month,
          event: c.event,
          country: r.country,
          orgType: r.orgType,
          count: c.count,
        });
      }
    }
  }
  if (docs.length) await UsageCounter.insertMany(docs, { ordered: false });
  return docs.length;
}
