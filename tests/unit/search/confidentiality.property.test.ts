// No word of a dataset a viewer may not see reaches that viewer through search: not in results,
// counts, facet values, suggestions, typo corrections or highlights — for random catalogues,
// viewers and queries (the words are random, so any sighting is a leak).
import fc from 'fast-check';
import { Types } from 'mongoose';
import { describe, expect, it } from 'vitest';
import type { DatasetDoc } from '../../../server/datasets/model';
import type { Requester } from '../../../server/policy/types';
import { CatalogIndex, highlightRanges } from '../../../server/search/catalog-index';
import { entryOf } from '../../../server/search/entry';
import { entryVisible, type Viewer } from '../../../server/search/visibility';
import { leaks, misspell, secretWordsArb, sharesTellTale, type SecretWords } from '../../helpers/secrets';

const LEVELS = ['public', 'internal', 'sensitive', 'confidential'] as const;
const ORGS = [0, 1, 2].map((i) => ({ _id: new Types.ObjectId(), slug: `provider-${i}`, name: { ko: `기관 ${i}`, en: `Provider ${i}` }, country: 'KR', type: 'public_agency' }));

interface Spec {
  words: SecretWords;
  level: (typeof LEVELS)[number];
  provider: number;
}

const specArb: fc.Arbitrary<Spec> = fc.record({ words: secretWordsArb, level: fc.constantFrom(...LEVELS), provider: fc.integer({ min: 0, max: 2 }) });
/** Datasets whose secret words differ (even in their tell-tale prefixes), so a sighting names one dataset. */
const catalogueArb = (max: number) =>
  fc.uniqueArray(specArb, {
    minLength: 2,
    maxLength: max,
    comparator: (a, b) => sharesTellTale(a.words, b.words) || sharesTellTale(b.words, a.words),
  });

function entryFor(spec: Spec, i: number) {
  const { en, ko } = spec.words;
  const live = {
    slug: `ds-${i}`,
    title: { ko: `${ko} 음성 데이터`, en: `${en} speech corpus` },
    summary: { ko: `${ko} 요약`, en: `Summary of ${en} recordings` },
    description: { ko: `${ko} 설명`, en: `The ${en} dataset` },
    keywords: { ko: [ko], en: [en] },
    modalities: ['speech'],
    tasks: ['asr'],
    languages: ['ko'],
    license: { id: 'CC-BY-4.0' },
    disclosure: { accessLevel: spec.level === 'public' ? 'open' : 'approval', samplesAccess: 'registered', allowedCountries: ['*'], allowedOrgTypes: ['*'], allowedPurposes: ['research'], crossBorder: 'allowed', conditions: { dua: false, irb: false, attribution: true, noRedistribution: false }, maxGrantDays: 30 },
    classification: { level: spec.level, personalInfo: 'none', sensitiveCategories: [], exportControl: { controlled: false }, nationalCoreTechnology: false },
    version: 1,
    publishedAt: new Date(Date.UTC(2026, 0, 1 + i)),
    approvedBy: new Types.ObjectId(),
    artifacts: [],
  };
  const doc = { _id: new Types.ObjectId(), slug: live.slug, providerId: ORGS[spec.provider]._id, status: 'published', live, artifacts: [], publishedAt: live.publishedAt, withdrawnAt: null } as unknown as DatasetDoc;
  return entryOf(doc, ORGS[spec.provider] as never)!;
}

const viewerArb: fc.Arbitrary<Viewer> = fc.constantFrom<Viewer>(
  { authenticated: false },
  { authenticated: true, organizationId: null },
  { authenticated: true, organizationId: String(ORGS[0]._id) },
  { authenticated: true, organizationId: String(ORGS[1]._id) },
  { authenticated: true, wide: true },
);
const nobody: Requester = { authenticated: false, providerMember: false, reviewer: false, grants: [] };
const params = (q: string) => ({ q, filters: {}, availableTo: [], purposes: [], sort: 'relevance' as const, lang: 'en' as const, page: 1, pageSize: 100 });

describe('search never reveals what the viewer may not see', () => {
  it('results, facets, corrections, suggestions and highlights hold no hidden word (random catalogues, viewers, queries)', () => {
    fc.assert(
      fc.property(catalogueArb(8), viewerArb, (specs, viewer) => {
        const entries = specs.map(entryFor);
        const index = new CatalogIndex();
        index.replaceAll(entries);
        const hidden = specs.filter((_, i) => !entryVisible(entries[i], viewer)).map((s) => s.words);
        const shown = specs.filter((_, i) => entryVisible(entries[i], viewer));
        const queries = ['', 'speech', ...specs.flatMap((s) => [s.words.en, misspell(s.words.en), s.words.ko, `${s.words.ko.slice(0, 2)}`])];
        for (const q of queries) {
          const result = index.search(params(q), { viewer, requester: () => nobody });
          const highlights = result.hits.map((h) => [h.entry.live.title.en, highlightRanges(String(h.entry.live.title.en), result.units)]);
          const text = JSON.stringify({ items: result.hits.map((h) => h.entry.item), total: result.total, facets: result.facets, corrections: result.corrections, highlights });
          expect(leaks(text, hidden, [q]), `query ${q}`).toEqual([]);
          const suggestions = JSON.stringify(index.suggest(q.slice(0, 4), viewer));
          expect(leaks(suggestions, hidden, [q.slice(0, 4)]), `suggest ${q.slice(0, 4)}`).toEqual([]);
        }
        // The same searches do find what the viewer may see (the check above can fail).
        for (const s of shown) {
          expect(index.search(params(s.words.en), { viewer, requester: () => nobody }).total).toBeGreaterThan(0);
          const fixed = index.search(params(misspell(s.words.en)), { viewer, requester: () => nobody });
          expect(fixed.corrections.map((c) => c.to).some((to) => s.words.en.startsWith(to.slice(0, 6)))).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('scores do not depend on documents the viewer may not see', () => {
    fc.assert(
      fc.property(catalogueArb(6), (specs) => {
        const anonymous: Viewer = { authenticated: false };
        const pub = specs.map((s) => ({ ...s, level: 'public' as const }));
        // The same words again in a confidential dataset: invisible, so it must not move any score.
        const withHidden = [...pub, { ...pub[0], level: 'confidential' as const }];
        const a = new CatalogIndex();
        a.replaceAll(pub.map(entryFor));
        const b = new CatalogIndex();
        b.replaceAll(withHidden.map(entryFor));
        const q = pub[0].words.en;
        const scoresA = a.search(params(q), { viewer: anonymous, requester: () => nobody }).hits.map((h) => h.score);
        const scoresB = b.search(params(q), { viewer: anonymous, requester: () => nobody }).hits.map((h) => h.score);
        expect(scoresB).toEqual(scoresA);
      }),
      { numRuns: 100 },
    );
  });
});
