import { describe, expect, it } from 'vitest';
import { accessPath, explainComponents, explainExclusion } from '../../../server/matching/explain';
import { rankForPartner } from '../../../server/matching/rank';
import { COMPONENTS } from '../../../server/matching/types';
import { demoCandidates, demoDeps, partner, seededPartner } from './demo-catalog';
import { judgedCases } from './judged';

const HANGUL = /[\uac00-\ud7a3]/;

describe('judged set: partner profiles against the demo catalogue', () => {
  it('has at least 8 profiles, including the seeded US university, FFRDC, company and a Korean partner', () => {
    expect(judgedCases.length).toBeGreaterThanOrEqual(8);
    const seeded = judgedCases.filter((c) => c.org.seeded).map((c) => c.org.slug);
    expect(seeded).toEqual(expect.arrayContaining(['pacific-state-university', 'atlantic-advanced-systems-lab', 'cedar-ridge-robotics', 'hangang-national-university']));
  });

  for (const c of judgedCases) {
    describe(c.name, () => {
      const p = c.org.seeded ? seededPartner(c.org.slug) : partner(c.org.slug, c.org.country, c.org.type, c.profile!);
      const ranking = rankForPartner(p, demoCandidates, demoDeps);

      it('puts the expected three datasets on top, in order', () => {
        expect(ranking.matches.slice(0, 3).map((m) => m.candidate.slug)).toEqual(c.top3);
      });

      it('excludes the expected datasets with the expected reasons', () => {
        const excluded = new Map(ranking.excluded.map((e) => [e.candidate.slug, e.reasons.map((r) => r.code)]));
        for (const [slug, reasons] of Object.entries(c.excluded)) {
          expect(excluded.has(slug), `${slug} excluded`).toBe(true);
          expect(excluded.get(slug), `${slug} reasons`).toEqual(expect.arrayContaining(reasons));
        }
        const eligible = ranking.matches.map((m) => m.candidate.slug);
        for (const slug of c.eligible ?? []) expect(eligible, `${slug} eligible`).toContain(slug);
      });

      it('explains every component of every match, and every exclusion, in Korean and English', () => {
        for (const m of ranking.matches) {
          const explanations = explainComponents(m);
          for (const name of COMPONENTS) {
            expect(m.scores[name]).toBeGreaterThanOrEqual(0);
            expect(m.scores[name]).toBeLessThanOrEqual(1);
            expect(explanations[name].en.trim().length, `${m.candidate.slug} ${name} en`).toBeGreaterThan(10);
            expect(explanations[name].ko, `${m.candidate.slug} ${name} ko`).toMatch(HANGUL);
            expect(explanations[name].en).not.toMatch(/matching:|\{\{/);
            expect(explanations[name].ko).not.toMatch(/matching:|\{\{/);
          }
          const steps = accessPath(m, p);
          expect(steps[0].code).toBe('sign_in');
          expect(steps.at(-1)!.code).toMatch(/download|enclave/);
          for (const s of steps) expect(s.text.ko).toMatch(HANGUL);
        }
        for (const e of ranking.excluded) {
          expect(e.reasons.length).toBeGreaterThan(0);
          for (const r of e.reasons) {
            const msg = explainExclusion(r);
            expect(msg.ko).toMatch(HANGUL);
            expect(msg.en.length).toBeGreaterThan(10);
          }
        }
      });
    });
  }
});
