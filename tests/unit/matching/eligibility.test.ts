import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { eligibility, partnerRequester, REQUIREMENT_CAPABILITY } from '../../../server/matching/eligibility';
import { rankForPartner } from '../../../server/matching/rank';
import { evaluate } from '../../../server/policy/evaluate';
import type { Purpose } from '../../../server/policy/types';
import type { PartnerProfile } from '../../../server/matching/types';
import { demoCandidates, demoDeps, partner, seededPartner } from './demo-catalog';

const slugsOf = (p: ReturnType<typeof partner>) => rankForPartner(p, demoCandidates, demoDeps).matches.map((m) => m.candidate.slug);

function withCapabilities(base: ReturnType<typeof partner>, over: Partial<PartnerProfile['capabilities']>) {
  return { ...base, profile: { ...base.profile, capabilities: { ...base.profile.capabilities, ...over } } };
}

describe('eligibility follows the policy engine and the partner capabilities', () => {
  it('canObtainExportLicense turns export-controlled datasets from excluded into eligible for a US partner', () => {
    const lab = seededPartner('pacific-state-university');
    expect(lab.profile.capabilities.canObtainExportLicense).toBe(false);
    const before = rankForPartner(lab, demoCandidates, demoDeps);
    const quantum = before.excluded.find((e) => e.candidate.slug === 'quantum-device-measurements');
    expect(quantum?.reasons).toEqual([{ kind: 'capability', code: 'export_license', capability: 'canObtainExportLicense', purposes: ['research', 'education'] }]);

    const after = rankForPartner(withCapabilities(lab, { canObtainExportLicense: true }), demoCandidates, demoDeps);
    const match = after.matches.find((m) => m.candidate.slug === 'quantum-device-measurements');
    expect(match?.facts.accessibility).toMatchObject({ decision: 'request_required', requirements: expect.arrayContaining(['export_license']) });
  });

  it('canUseEnclave admits enclave-only datasets; without it they are excluded as enclave_only', () => {
    const lab = seededPartner('pacific-state-university');
    expect(slugsOf(lab)).not.toContain('chest-ct-lung-nodule-segmentation');
    const enclave = withCapabilities(lab, { canUseEnclave: true });
    const m = rankForPartner(enclave, demoCandidates, demoDeps).matches.find((x) => x.candidate.slug === 'chest-ct-lung-nodule-segmentation');
    expect(m?.facts.accessibility.decision).toBe('enclave_only');
  });

  it('hasIrb: the IRB-gated enclave dataset needs both an enclave and an IRB', () => {
    const lab = withCapabilities(seededPartner('pacific-state-university'), { canUseEnclave: true, hasIrb: false });
    const e = rankForPartner(lab, demoCandidates, demoDeps).excluded.find((x) => x.candidate.slug === 'chest-ct-lung-nodule-segmentation');
    expect(e?.reasons).toEqual(
      expect.arrayContaining([{ kind: 'capability', code: 'irb_approval', capability: 'hasIrb', purposes: ['research'] }, { kind: 'policy', code: 'purpose_not_allowed', purposes: ['education'] }]),
    );
  });

  it('canSignDua: a partner that cannot sign agreements loses every dataset with a DUA, even click-through ones', () => {
    const company = seededPartner('cedar-ridge-robotics');
    const noDua = withCapabilities(company, { canSignDua: false });
    const ranking = rankForPartner(noDua, demoCandidates, demoDeps);
    const sensor = ranking.excluded.find((x) => x.candidate.slug === 'smart-factory-sensor-anomaly');
    expect(sensor?.reasons.map((r) => r.code)).toContain('accept_dua');
    for (const m of ranking.matches) expect(m.candidate.policy.disclosure.conditions.dua, m.candidate.slug).toBe(false);
  });

  it('a Korean partner needs no export licence for the same dataset a US partner is excluded from', () => {
    const base: PartnerProfile = { interests: { usCet: [], krTech: [], modalities: [], tasks: [] }, purposes: ['research'], capabilities: { canSignDua: true, hasIrb: false, canUseEnclave: false, canObtainExportLicense: false } };
    const wafer = demoCandidates.find((c) => c.slug === 'semiconductor-wafer-map-defects')!;
    expect(eligibility(partner('us-univ', 'US', 'university', base), wafer)).toMatchObject({ eligible: false });
    expect(eligibility(partner('kr-univ', 'KR', 'university', base), wafer)).toMatchObject({ eligible: true, purpose: 'research' });
  });

  it('the provider itself is eligible for its own confidential dataset (engine step 2)', () => {
    const base: PartnerProfile = { interests: {}, purposes: ['research'], capabilities: { canSignDua: false, hasIrb: false, canUseEnclave: false, canObtainExportLicense: false } };
    const etch = demoCandidates.find((c) => c.slug === 'semiconductor-etch-process-logs')!;
    expect(eligibility(partner('hanul-semiconductor', 'KR', 'company', base), etch)).toMatchObject({ eligible: true, evaluation: { decision: 'allow' } });
    expect(eligibility(partner('other', 'KR', 'company', base), etch)).toMatchObject({ eligible: false, reasons: [{ code: 'not_visible' }] });
  });

  it('property: eligible exactly when some purpose is not denied and its requirements fit the capabilities', () => {
    const purposes: Purpose[] = ['research', 'education', 'public_interest', 'commercial'];
    const arb = fc.record({
      country: fc.constantFrom('KR', 'US', 'JP'),
      type: fc.constantFrom('university', 'company', 'ffrdc', 'nonprofit', 'research_institute', 'public_agency'),
      purposes: fc.uniqueArray(fc.constantFrom(...purposes), { minLength: 1, maxLength: 4 }),
      caps: fc.record({ canSignDua: fc.boolean(), hasIrb: fc.boolean(), canUseEnclave: fc.boolean(), canObtainExportLicense: fc.boolean() }),
      index: fc.nat({ max: demoCandidates.length - 1 }),
    });
    fc.assert(
      fc.property(arb, ({ country, type, purposes: ps, caps, index }) => {
        const p = partner('prop', country, type, { interests: {}, purposes: ps, capabilities: caps });
        const candidate = demoCandidates[index];
        const expected = ps.some((purpose) => {
          const ev = evaluate(candidate.policy, partnerRequester(p, candidate.providerId), purpose, 'full');
          if (ev.decision === 'deny') return false;
          if (ev.decision === 'enclave_only' && !caps.canUseEnclave) return false;
          return ev.requirements.every((r) => {
            const cap = REQUIREMENT_CAPABILITY[r.code];
            return !cap || caps[cap];
          });
        });
        expect(eligibility(p, candidate).eligible).toBe(expected);
      }),
      { numRuns: 500 },
    );
  });
});
