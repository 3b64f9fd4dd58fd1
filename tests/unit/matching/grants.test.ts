// Matches count the caller's own grants (issue 13): a dataset the caller holds an active full-data
// grant on reads "available now", needs no request and is not excluded for a requirement the grant
// already met; a grant never changes the answer kept for the partner as such.
import { describe, expect, it } from 'vitest';
import { explainComponents, accessPath } from '../../../server/matching/explain';
import { rankForPartner, type RankDeps } from '../../../server/matching/rank';
import type { PolicyGrant } from '../../../server/policy/types';
import { demoCandidates, demoDeps, oid, seededPartner } from './demo-catalog';

const SPEECH = 'korean-spontaneous-speech-2023';
const QUANTUM = 'quantum-device-measurements';
const withGrants = (grants: Record<string, PolicyGrant[]>): RankDeps => ({
  ...demoDeps,
  grants: new Map(Object.entries(grants).map(([slug, g]) => [oid(slug), g])),
});

describe('matches with the caller’s grants', () => {
  const lab = seededPartner('pacific-state-university');
  const matchOf = (deps: RankDeps, slug: string) =>
    rankForPartner(lab, demoCandidates, deps).matches.find((m) => m.candidate.slug === slug);

  it('a full research grant turns "request required" into available, with nothing left to do', () => {
    expect(matchOf(demoDeps, SPEECH)?.facts.accessibility.decision).toBe('request_required');
    const m = matchOf(withGrants({ [SPEECH]: [{ scope: 'full', purpose: 'research' }] }), SPEECH)!;
    expect(m.facts.accessibility).toEqual({ decision: 'allow', purpose: 'research', requirements: [], granted: true });
    expect(m.scores.accessibility).toBe(1);
    expect(accessPath(m, lab).map((s) => s.code)).toEqual(['sign_in', 'download']);
    const explained = explainComponents(m).accessibility;
    expect(explained.en).toMatch(/approved grant/);
    expect(explained.ko).toMatch(/승인/);
    // The partner's own ranking (kept between calls) is untouched.
    expect(matchOf(demoDeps, SPEECH)?.facts.accessibility.decision).toBe('request_required');
  });

  it('a requirement the partner cannot meet no longer excludes a dataset the caller holds a grant on', () => {
    const before = rankForPartner(lab, demoCandidates, demoDeps);
    expect(before.excluded.map((e) => e.candidate.slug)).toContain(QUANTUM);
    const m = matchOf(withGrants({ [QUANTUM]: [{ scope: 'full', purpose: 'research' }] }), QUANTUM);
    expect(m?.facts.accessibility).toMatchObject({ decision: 'allow', granted: true });
  });

  it('a samples grant, or a grant for a purpose the partner does not pursue, changes nothing', () => {
    for (const grant of [
      { scope: 'samples', purpose: 'research' },
      { scope: 'full', purpose: 'commercial' },
    ] as PolicyGrant[]) {
      const m = matchOf(withGrants({ [SPEECH]: [grant] }), SPEECH);
      expect(m?.facts.accessibility.decision).toBe('request_required');
      expect(m?.facts.accessibility.granted).toBeUndefined();
    }
  });
});
