import { describe, expect, it } from 'vitest';
import { accessibilityFit, keywordFit, keywordMaps, linkStrength, NEUTRAL_QUALITY, qualityFit, taskModalityFit, technologyFit } from '../../../server/matching/components';
import { byScoreThenSlug, normalisedWeights, rankForPartner } from '../../../server/matching/rank';
import type { MatchCandidate, PartnerProfile, ScoredMatch } from '../../../server/matching/types';
import { DEFAULT_MATCHING_WEIGHTS, loadConfig } from '../../../server/infra/config';
import { demoCandidates, demoDeps, seededPartner } from './demo-catalog';

const caps = { canSignDua: true, hasIrb: false, canUseEnclave: false, canObtainExportLicense: false };
const profile = (interests: PartnerProfile['interests']): PartnerProfile => ({ interests, purposes: ['research'], capabilities: caps });
const candidate = (live: MatchCandidate['live'], id = 'd1'): MatchCandidate => ({ ...demoCandidates[0], id, slug: id, live });

describe('technology fit', () => {
  it('links areas: same list and code 1, across lists by crosswalk strength, otherwise 0', () => {
    expect(linkStrength({ list: 'us', code: 'quantum_information' }, { list: 'us', code: 'quantum_information' })).toBe(1);
    expect(linkStrength({ list: 'kr', code: 'quantum' }, { list: 'us', code: 'quantum_information' })).toBe(1);
    expect(linkStrength({ list: 'us', code: 'advanced_computing' }, { list: 'kr', code: 'quantum' })).toBe(0.5);
    expect(linkStrength({ list: 'us', code: 'hypersonics' }, { list: 'us', code: 'quantum_information' })).toBe(0);
  });

  it('averages the strongest link and the share of the dataset areas reached', () => {
    const r = technologyFit(profile({ usCet: ['quantum_information'] }), candidate({ techAreas: { kr: ['quantum'], us: ['quantum_information', 'advanced_computing'] } }));
    // strongest 1; reached: quantum_information 1, advanced_computing 0, kr quantum 1 → 2/3.
    expect(r.score).toBeCloseTo((1 + 2 / 3) / 2);
    expect(r.facts.links.map((l) => l.area.code)).toEqual(['quantum_information', 'quantum']);
  });

  it('is 0 with no interests, and says so', () => {
    expect(technologyFit(profile({}), candidate({ techAreas: { kr: ['quantum'] } }))).toMatchObject({ score: 0, facts: { noInterests: true } });
  });
});

describe('task and modality fit', () => {
  it('uses the overlap coefficient, tasks 0.6 and modalities 0.4', () => {
    const r = taskModalityFit(profile({ tasks: ['asr', 'translation'], modalities: ['speech', 'image'] }), candidate({ tasks: ['asr'], modalities: ['speech', 'text'] }));
    expect(r.score).toBeCloseTo(0.6 * 1 + 0.4 * 0.5);
    expect(r.facts).toEqual({ noInterests: false, tasks: ['asr'], modalities: ['speech'] });
  });
  it('uses what the profile states when only one list is given', () => {
    expect(taskModalityFit(profile({ modalities: ['image'] }), candidate({ modalities: ['image'] })).score).toBe(1);
  });
});

describe('keyword fit', () => {
  it('counts a keyword the dataset declares fully, one found only in its text as half its squared search score', () => {
    const scorer = (text: string) => new Map(text.toLowerCase() === 'speech' ? [['d1', 1]] : text === '음성 인식' ? [['d1', 0.5]] : []);
    const maps = keywordMaps(profile({ keywords: { ko: ['음성 인식'], en: ['Speech', 'lidar'] } }), scorer);
    const c = candidate({ keywords: { ko: [], en: ['speech'] } });
    const r = keywordFit(maps, c);
    // "Speech" is a keyword of the dataset (w 1); "음성 인식" only half-matches its text (w 0.5·0.5²).
    expect(r.score).toBeCloseTo(1 - (1 - 0.6) * (1 - 0.6 * 0.125));
    expect(r.facts.matched).toEqual([
      { keyword: 'Speech', score: 1, declared: true },
      { keyword: '음성 인식', score: 0.125, declared: false },
    ]);
    expect(keywordFit(maps, candidate({}, 'other')).score).toBe(0);
  });
});

describe('accessibility', () => {
  it('orders allow > allow with DUA > request_required (less per blocking requirement) > enclave_only', () => {
    const allow = accessibilityFit({ decision: 'allow', reasons: [], requirements: [] }, 'research').score;
    const dua = accessibilityFit({ decision: 'allow', reasons: [], requirements: [{ code: 'accept_dua', blocking: false }] }, 'research').score;
    const req1 = accessibilityFit({ decision: 'request_required', reasons: [], requirements: [{ code: 'cross_border_agreement', blocking: true }] }, 'research').score;
    const req2 = accessibilityFit(
      { decision: 'request_required', reasons: [], requirements: [{ code: 'cross_border_agreement', blocking: true }, { code: 'export_license', blocking: true }] },
      'research',
    ).score;
    const enclave = accessibilityFit({ decision: 'enclave_only', reasons: [], requirements: [] }, 'research').score;
    expect([allow, dua, req1, req2, enclave]).toEqual([1, 0.9, 0.5, 0.4, 0.25]);
  });
});

describe('labeling quality', () => {
  const targets = [
    { metric: 'cer', target: 0.05, direction: 'lower_better' as const },
    { metric: 'wer', target: 0.12, direction: 'lower_better' as const },
    { metric: 'f1', target: 0.8, direction: 'higher_better' as const },
  ];
  it('is the share of targets met, a missing result counting as not met', () => {
    const c = candidate({ labeling: { procedureId: 'p', procedureVersion: 1, results: [{ metric: 'cer', value: 0.05 }, { metric: 'wer', value: 0.2 }] } });
    const r = qualityFit(c, targets);
    expect(r.score).toBeCloseTo(1 / 3);
    expect(r.facts.checks.map((x) => [x.metric, x.met, x.value])).toEqual([
      ['cer', true, 0.05],
      ['wer', false, 0.2],
      ['f1', false, null],
    ]);
  });
  it('is neutral without a procedure or without targets', () => {
    expect(qualityFit(candidate({}), undefined)).toMatchObject({ score: NEUTRAL_QUALITY, facts: { hasProcedure: false } });
    expect(qualityFit(candidate({ labeling: { procedureId: 'p', procedureVersion: 1, results: [] } }), [])).toMatchObject({ score: NEUTRAL_QUALITY, facts: { hasProcedure: true } });
  });
});

describe('ranking', () => {
  it('orders by score, then slug, whatever the input order', () => {
    const p = seededPartner('pacific-state-university');
    const forward = rankForPartner(p, demoCandidates, demoDeps).matches.map((m) => m.candidate.slug);
    const backward = rankForPartner(p, [...demoCandidates].reverse(), demoDeps).matches.map((m) => m.candidate.slug);
    expect(backward).toEqual(forward);
    // Candidates already in slug order take the fast path (stable sort on the score alone): same result.
    const bySlug = [...demoCandidates].sort((a, b) => (a.slug < b.slug ? -1 : 1));
    const fast = rankForPartner(p, bySlug, demoDeps);
    expect(fast.matches.map((m) => m.candidate.slug)).toEqual(forward);
    expect(fast.excluded.map((e) => e.candidate.slug)).toEqual(rankForPartner(p, [...demoCandidates].reverse(), demoDeps).excluded.map((e) => e.candidate.slug));
    const mk = (slug: string, score: number) => ({ candidate: { slug }, score }) as ScoredMatch;
    expect([mk('b', 0.5), mk('a', 0.5), mk('c', 0.9)].sort(byScoreThenSlug).map((m) => m.candidate.slug)).toEqual(['c', 'a', 'b']);
  });

  it('computes the total as the normalised weighted sum of the components', () => {
    const p = seededPartner('atlantic-advanced-systems-lab');
    const w = normalisedWeights(DEFAULT_MATCHING_WEIGHTS);
    for (const m of rankForPartner(p, demoCandidates, demoDeps).matches) {
      const sum = Object.entries(m.scores).reduce((s, [k, v]) => s + w[k as keyof typeof w] * v, 0);
      expect(m.score).toBeCloseTo(sum, 2);
      expect(m.score).toBeGreaterThanOrEqual(0);
      expect(m.score).toBeLessThanOrEqual(1);
    }
  });

  it('changing the weights changes the order (technology only vs accessibility only)', () => {
    const p = seededPartner('atlantic-advanced-systems-lab');
    const only = (c: keyof typeof DEFAULT_MATCHING_WEIGHTS) => ({ ...demoDeps, weights: { technology: 0, taskModality: 0, keywords: 0, accessibility: 0, quality: 0, [c]: 1 } });
    const byTech = rankForPartner(p, demoCandidates, only('technology')).matches;
    const byAccess = rankForPartner(p, demoCandidates, only('accessibility')).matches;
    expect(byTech[0].scores.technology).toBe(1);
    expect(byAccess[0].scores.accessibility).toBe(1);
    expect(byTech.map((m) => m.candidate.slug)).not.toEqual(byAccess.map((m) => m.candidate.slug));
  });
});

describe('configuration of the weights', () => {
  it('defaults, partial overrides and refusals', () => {
    expect(loadConfig({}).matchingWeights).toEqual(DEFAULT_MATCHING_WEIGHTS);
    expect(loadConfig({ MATCHING_WEIGHTS: 'technology=1, keywords=0' }).matchingWeights).toMatchObject({ technology: 1, keywords: 0, quality: 0.1 });
    expect(() => loadConfig({ MATCHING_WEIGHTS: 'popularity=1' })).toThrow(/MATCHING_WEIGHTS/);
    expect(() => loadConfig({ MATCHING_WEIGHTS: 'technology=-1' })).toThrow(/MATCHING_WEIGHTS/);
    expect(() => loadConfig({ MATCHING_WEIGHTS: 'technology=0,taskModality=0,keywords=0,accessibility=0,quality=0' })).toThrow(/at least one/);
  });
});
