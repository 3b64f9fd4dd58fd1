// Search quality on the demo catalogue, straight against the real CatalogIndex (no database needed):
// the bilingual catalogue, and the same catalogue with one language removed from every field, so
// that English queries must find Korean-only descriptions (and the reverse) through the glossary.
import { describe, expect, it } from 'vitest';
import type { CatalogIndex } from '../../../server/search/catalog-index';
import type { Requester } from '../../../server/policy/types';
import { COMPOUND_SET, CROSS_LINGUAL_SET, RELEVANCE_SET, meanMetric, ndcgAt, recallAt, type JudgedQuery } from '../../fixtures/search-relevance';
import { demoIndex } from '../../helpers/seed-catalog';

const viewer = { authenticated: true, organizationId: null, wide: false };
const nobody: Requester = { authenticated: true, country: 'KR', orgType: 'university', providerMember: false, reviewer: false, grants: [] };

function run(index: CatalogIndex, set: JudgedQuery[]) {
  return set.map((judged) => ({
    judged,
    ranked: index
      .search({ q: judged.q, filters: {}, availableTo: [], purposes: [], sort: 'relevance', lang: 'en', page: 1, pageSize: 10 }, { viewer, requester: () => nobody })
      .hits.map((h) => h.entry.slug),
  }));
}

describe('relevance on the demo catalogue', () => {
  it('has a judged set of at least 40 queries of every kind', () => {
    expect(RELEVANCE_SET.length).toBeGreaterThanOrEqual(40);
    for (const kind of ['ko', 'en', 'mixed', 'inflected', 'compound', 'typo']) expect(RELEVANCE_SET.some((j) => j.kind === kind)).toBe(true);
  });

  it('reaches nDCG@10 ≥ 0.99 and recall@10 ≥ 0.98 on the bilingual catalogue', () => {
    const runs = run(demoIndex(), RELEVANCE_SET);
    expect(meanMetric(runs, ndcgAt)).toBeGreaterThanOrEqual(0.99);
    expect(meanMetric(runs, recallAt)).toBeGreaterThanOrEqual(0.98);
  });

  it('has a compound and word-form set of at least 30 queries of every kind', () => {
    expect(COMPOUND_SET.length).toBeGreaterThanOrEqual(30);
    for (const kind of ['inside', 'inflected-compound', 'en-form', 'en-spelling']) expect(COMPOUND_SET.some((j) => j.kind === kind)).toBe(true);
  });

  it('reaches nDCG@10 ≥ 0.97 on the compound and word-form set, with no query at zero', () => {
    const runs = run(demoIndex(), COMPOUND_SET as unknown as JudgedQuery[]);
    expect(meanMetric(runs, ndcgAt)).toBeGreaterThanOrEqual(0.97);
    expect(meanMetric(runs, recallAt)).toBeGreaterThanOrEqual(0.95);
    expect(runs.filter((r) => ndcgAt(r.ranked, r.judged.relevant) === 0).map((r) => r.judged.q)).toEqual([]);
  });

  it('finds Korean-only descriptions with English queries', () => {
    const runs = run(demoIndex('en'), CROSS_LINGUAL_SET.filter((j) => j.kind === 'en'));
    expect(meanMetric(runs, ndcgAt)).toBeGreaterThanOrEqual(0.85);
    expect(meanMetric(runs, recallAt)).toBeGreaterThanOrEqual(0.9);
    // The example: "speech recognition" finds datasets described as 음성 인식.
    const speech = runs.find((r) => r.judged.q === 'speech recognition')!;
    expect(speech.ranked.slice(0, 4).sort()).toEqual(Object.keys(speech.judged.relevant).sort());
  });

  it('finds English-only descriptions with Korean queries', () => {
    const runs = run(demoIndex('ko'), CROSS_LINGUAL_SET.filter((j) => j.kind === 'ko'));
    expect(meanMetric(runs, ndcgAt)).toBeGreaterThanOrEqual(0.85);
    expect(meanMetric(runs, recallAt)).toBeGreaterThanOrEqual(0.9);
  });

  it('ranks title matches above description-only matches and breaks ties deterministically', () => {
    const index = demoIndex();
    const a = run(index, [{ q: '데이터', kind: 'ko', relevant: {} }])[0].ranked;
    const b = run(index, [{ q: '데이터', kind: 'ko', relevant: {} }])[0].ranked;
    expect(a).toEqual(b);
    const [first] = run(index, [{ q: 'lidar', kind: 'en', relevant: {} }])[0].ranked;
    expect(first).toBe('autonomous-driving-lidar-camera');
  });
});
