// Issue 15's misses, each on a small catalogue written for it: words inside Korean compounds,
// English word forms and spellings, autocomplete on partly typed syllables, and results that always
// show why they matched.
import { describe, expect, it } from 'vitest';
import type { Requester } from '../../../server/policy/types';
import type { CatalogIndex } from '../../../server/search/catalog-index';
import { explainHit, highlightRanges } from '../../../server/search/explain';
import { stemEn, stemKo } from '../../../server/search/analyze';
import { demoIndex, textIndex } from '../../helpers/seed-catalog';

const viewer = { authenticated: true, organizationId: null, wide: false };
const nobody: Requester = { authenticated: true, country: 'KR', orgType: 'university', providerMember: false, reviewer: false, grants: [] };
const search = (index: CatalogIndex, q: string, lang: 'ko' | 'en' = 'ko') =>
  index.search({ q, filters: {}, availableTo: [], purposes: [], sort: 'relevance', lang, page: 1, pageSize: 10 }, { viewer, requester: () => nobody });
const slugs = (index: CatalogIndex, q: string) => search(index, q).hits.map((h) => h.entry.slug);

describe('a word inside a Korean compound is found', () => {
  const index = textIndex([
    { slug: 'ride', title: { ko: '차량 주행 품질평가 데이터' } },
    { slug: 'trial', title: { ko: '임상시험 분석결과' } },
    { slug: 'paths', title: { ko: '보행자 이동경로' } },
    { slug: 'use', title: { ko: '공공데이터활용 사례 모음' } },
    { slug: 'recycle', title: { ko: '재활용 선별 이미지' } },
    { slug: 'other', title: { ko: '위성 영상 분류' } },
  ]);

  it.each([
    ['평가', 'ride'],
    ['결과', 'trial'],
    ['경로', 'paths'],
    ['활용', 'use'],
    ['재활용', 'recycle'],
    ['품질평가를', 'ride'],
    ['분석결과는', 'trial'],
    ['이동경로를', 'paths'],
  ])('%s finds %s', (q, slug) => {
    expect(slugs(index, q)[0]).toBe(slug);
  });

  it('does not strip a syllable that belongs to the noun', () => {
    expect(stemKo('품질평가')).toBe('품질평가');
    expect(stemKo('분석결과')).toBe('분석결과');
    expect(stemKo('이동경로')).toBe('이동경로');
    expect(stemKo('데이터활용')).toBe('데이터활용');
    expect(stemKo('재활용')).toBe('재활용');
    // Particles and endings still go.
    expect(stemKo('품질평가를')).toBe('품질평가');
    expect(stemKo('이동경로에서')).toBe('이동경로');
  });

  it('marks the compound that holds the word', () => {
    const result = search(index, '평가');
    const title = String(result.hits[0].entry.live.title.ko);
    expect(highlightRanges(title, result.units).map(([a, b]) => title.slice(a, b))).toEqual(['품질평가']);
  });
});

describe('English word forms and spellings meet', () => {
  it.each([
    ['labelling', 'label'],
    ['labeling', 'label'],
    ['labeled', 'label'],
    ['tagging', 'tags'],
    ['mapping', 'map'],
    ['embedding', 'embed'],
    ['behaviour', 'behavior'],
    ['utilisation', 'utilization'],
    ['pseudonymised', 'pseudonymized'],
  ])('%s and %s', (a, b) => {
    expect(stemEn(a)).toBe(stemEn(b));
  });

  it('keeps news apart from new', () => {
    expect(stemEn('news')).not.toBe(stemEn('new'));
  });

  it('finds a British spelling with the American one and the reverse', () => {
    const index = textIndex([
      { slug: 'gb', title: { en: 'Driver behaviour and fleet utilisation' } },
      { slug: 'us', title: { en: 'Labeling guide for mapping tasks' } },
    ]);
    // As the same word, not as a typo of it.
    for (const [q, slug] of [['behavior', 'gb'], ['utilization', 'gb'], ['labelling maps', 'us']]) {
      const result = search(index, q);
      expect(result.hits.map((h) => h.entry.slug)).toEqual([slug]);
      expect(result.hits[0].vias.every((v) => v === 'word')).toBe(true);
      expect(result.corrections).toEqual([]);
    }
  });
});

describe('autocomplete continues partly typed syllables', () => {
  const index = textIndex([
    { slug: 'med', title: { ko: '의료 영상 판독문' } },
    { slug: 'fac', title: { ko: '시설 관리 로그' } },
    { slug: 'spk', title: { ko: '화자 분리 음성' } },
    { slug: 'hen', title: { ko: '닭 사육 환경' } },
  ]);
  it.each([
    ['으', '의료 영상 판독문'],
    ['고', '시설 관리 로그'],
    ['호', '화자 분리 음성'],
    ['달', '닭 사육 환경'],
  ])('%s continues to %s', (typed, title) => {
    expect(index.suggest(typed, viewer).map((s) => s.text)).toContain(title);
  });
});

describe('every result shows why it matched', () => {
  it('음성 인식 no longer lists the fire dataset that says 음성 for "negative example"', () => {
    expect(slugs(demoIndex(), '음성 인식')).not.toContain('fire-smoke-detection-images');
  });

  it.each([
    ['음성 인식', 'ko'],
    ['speech recognition', 'en'],
    ['평가', 'ko'],
    ['탐지', 'en'],
    ['summarization', 'en'],
    ['behavioral anomalies', 'en'],
    ['주행', 'ko'],
    ['sattelite land cover', 'en'],
  ] as const)('%s: each matched word is marked in the shown text or explained by a note', (q, lang) => {
    const result = search(demoIndex(), q, lang);
    expect(result.hits.length).toBeGreaterThan(0);
    for (const h of result.hits) {
      const why = explainHit(h.entry, result.units, h.vias, result.corrections, lang);
      const marked = Object.keys(why.highlights).length > 0 || (why.snippet?.ranges.length ?? 0) > 0;
      expect(why.matchedBy.length, h.entry.slug).toBeGreaterThan(0);
      for (const note of why.matchedBy) {
        const explained = note.via === 'glossary' || note.via === 'related' || note.via === 'typo' ? note.via !== 'glossary' || !!note.term : marked || !!note.field;
        expect(explained, `${h.entry.slug}: ${JSON.stringify(note)}`).toBe(true);
      }
    }
  });

  it('shows a description snippet, with the match marked, when title and summary do not show it', () => {
    const index = textIndex([{ slug: 'deep', title: { ko: '시험 데이터' }, summary: { ko: '요약' }, description: { ko: `${'가나다 '.repeat(30)}여기에 품질평가 결과가 있습니다.` } }]);
    const result = search(index, '평가');
    const why = explainHit(result.hits[0].entry, result.units, result.hits[0].vias, result.corrections, 'ko');
    expect(why.snippet).toBeDefined();
    const [a, b] = why.snippet!.ranges[0];
    expect(why.snippet!.text.slice(a, b)).toBe('품질평가');
    expect(why.snippet!.text.startsWith('…')).toBe(true);
  });
});
