// Search quality through the API on the seeded demo catalogue, against a naive `$regex` baseline
// run in the same test on the same database (what a catalogue without a search engine would do:
// the whole query as a case-insensitive pattern over titles, summaries, descriptions and keywords,
// newest first).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Dataset } from '../../server/datasets/model';
import { loadConfig } from '../../server/infra/config';
import { createLogger } from '../../server/infra/logger';
import { listableLevels } from '../../server/policy/visibility';
import { seedDemo } from '../../seed/run';
import { COMPOUND_SET, RELEVANCE_SET, meanMetric, ndcgAt, recallAt } from '../fixtures/search-relevance';
import { startTestApp, type Client, type TestApp } from '../helpers/app';

let app: TestApp;
let researcher: Client;

beforeAll(async () => {
  app = await startTestApp();
  await seedDemo({ config: loadConfig({ NODE_ENV: 'test' }), log: createLogger('silent'), storage: app.storage });
  researcher = await app.login('researcher@demo.kr', 'databridge-demo');
}, 180_000);

afterAll(async () => {
  await app?.close();
});

const FIELDS = ['title', 'summary', 'description', 'keywords'].flatMap((f) => [`live.${f}.ko`, `live.${f}.en`]);

async function regexBaseline(q: string): Promise<string[]> {
  const pattern = new RegExp(q.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'i');
  const docs = await Dataset.find(
    { live: { $ne: null }, withdrawnAt: null, 'live.classification.level': { $in: listableLevels(true) }, $or: FIELDS.map((f) => ({ [f]: pattern })) },
    { slug: 1 },
  )
    .sort({ publishedAt: -1, _id: -1 })
    .limit(10)
    .lean();
  return docs.map((d) => d.slug);
}

describe('search relevance on the demo catalogue', () => {
  it('beats the $regex baseline and reaches nDCG@10 ≥ 0.85, recall@10 ≥ 0.9', async () => {
    const ours = [];
    const baseline = [];
    for (const judged of RELEVANCE_SET) {
      const res = await researcher.get(`/api/v1/datasets?q=${encodeURIComponent(judged.q)}&pageSize=10`);
      expect(res.status).toBe(200);
      ours.push({ judged, ranked: res.body.items.map((i: { slug: string }) => i.slug) });
      baseline.push({ judged, ranked: await regexBaseline(judged.q) });
    }
    const score = {
      ours: { ndcg: meanMetric(ours, ndcgAt), recall: meanMetric(ours, recallAt) },
      baseline: { ndcg: meanMetric(baseline, ndcgAt), recall: meanMetric(baseline, recallAt) },
    };
    console.info(`search relevance over ${RELEVANCE_SET.length} queries: ${JSON.stringify(score)}`);
    expect(score.ours.ndcg).toBeGreaterThanOrEqual(0.85);
    expect(score.ours.recall).toBeGreaterThanOrEqual(0.9);
    expect(score.ours.ndcg).toBeGreaterThan(score.baseline.ndcg + 0.2);
    expect(score.ours.recall).toBeGreaterThan(score.baseline.recall + 0.2);
  }, 120_000);

  it('finds words inside compounds and English word-form and spelling variants: nDCG@10 ≥ 0.97, no query at zero, far above the baseline', async () => {
    const ours = [];
    const baseline = [];
    for (const judged of COMPOUND_SET) {
      const res = await researcher.get(`/api/v1/datasets?q=${encodeURIComponent(judged.q)}&pageSize=10`);
      expect(res.status).toBe(200);
      ours.push({ judged, ranked: res.body.items.map((i: { slug: string }) => i.slug) });
      baseline.push({ judged, ranked: await regexBaseline(judged.q) });
    }
    const score = { ours: meanMetric(ours, ndcgAt), baseline: meanMetric(baseline, ndcgAt), recall: meanMetric(ours, recallAt) };
    console.info(`compound and word-form relevance over ${COMPOUND_SET.length} queries: ${JSON.stringify(score)}`);
    expect(score.ours).toBeGreaterThanOrEqual(0.97);
    expect(score.recall).toBeGreaterThanOrEqual(0.95);
    expect(ours.filter((r) => ndcgAt(r.ranked, r.judged.relevant) === 0).map((r) => r.judged.q)).toEqual([]);
    expect(score.ours).toBeGreaterThan(score.baseline + 0.3);
  }, 120_000);
});
