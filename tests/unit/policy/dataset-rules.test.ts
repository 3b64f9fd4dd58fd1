import { describe, expect, it } from 'vitest';
import { evaluate } from '../../../server/policy/evaluate';
import { policyDatasetOf, rulesOfFace } from '../../../server/policy/dataset-rules';
import { buildPolicyDataset, member, outsider } from './builders';

describe('policyDatasetOf', () => {
  it('keeps complete rules as they are', () => {
    const complete = buildPolicyDataset({ license: { id: 'custom', commercialUse: true }, disclosure: { crossBorder: 'conditional' } });
    expect(policyDatasetOf(complete)).toEqual(complete);
  });

  it('fails closed on a draft with missing rules: only the provider gets in', () => {
    const draft = policyDatasetOf({ disclosure: { accessLevel: 'open', conditions: { dua: false } }, classification: { level: 'public' } });
    expect(draft.disclosure).toMatchObject({
      accessLevel: 'open',
      samplesAccess: 'same_as_data',
      allowedPurposes: [],
      crossBorder: 'prohibited',
      conditions: { dua: false, irb: true },
    });
    expect(draft.license).toEqual({ id: 'custom', commercialUse: false });
    expect(evaluate(draft, outsider('KR'), 'research', 'full').decision).toBe('deny');
    expect(evaluate(policyDatasetOf({}), outsider('KR'), 'research', 'metadata')).toEqual({
      decision: 'deny',
      reasons: ['not_visible'],
      requirements: [],
    });
    expect(evaluate(policyDatasetOf({}), member, 'commercial', 'full').decision).toBe('allow');
  });

  it('judges outsiders on the published face, the provider on the working copy', () => {
    const live = buildPolicyDataset({ disclosure: { accessLevel: 'approval' } });
    const working = { ...buildPolicyDataset({ disclosure: { accessLevel: 'open' } }), live };
    expect(rulesOfFace(working, 'live').disclosure.accessLevel).toBe('approval');
    expect(rulesOfFace(working, 'working').disclosure.accessLevel).toBe('open');
    expect(rulesOfFace({ ...working, live: null }, 'live').disclosure.accessLevel).toBe('closed');
  });
});
