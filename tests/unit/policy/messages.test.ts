import { describe, expect, it } from 'vitest';
import { evaluate } from '../../../server/policy/evaluate';
import { explain } from '../../../server/policy/messages';
import { POLICY_REASONS, POLICY_REQUIREMENTS } from '../../../schemas/taxonomy';
import { buildPolicyDataset, outsider } from './builders';

describe('explain', () => {
  it('renders every reason and requirement in both languages from the one bilingual list', () => {
    const deny = evaluate(
      buildPolicyDataset({
        license: { id: 'KOGL-4' },
        disclosure: {
          accessLevel: 'closed',
          allowedPurposes: ['research'],
          allowedCountries: ['KR'],
          allowedOrgTypes: ['university'],
          crossBorder: 'prohibited',
        },
        classification: { personalInfo: 'identifiable' },
      }),
      outsider('US', 'company'),
      'commercial',
      'full',
    );
    for (const lang of ['ko', 'en'] as const) {
      const explained = explain(deny, lang);
      expect(explained.reasons.map((r) => r.code)).toEqual(deny.reasons);
      for (const r of explained.reasons) expect(r.message).toBe(POLICY_REASONS.find((x) => x.code === r.code)!.message[lang]);
    }
    const request = evaluate(
      buildPolicyDataset({
        disclosure: { crossBorder: 'conditional', conditions: { dua: true, irb: true, attribution: false, noRedistribution: false } },
        classification: { personalInfo: 'pseudonymized', exportControl: { controlled: true, regime: 'ear' }, nationalCoreTechnology: true },
      }),
      outsider('US'),
      'research',
      'full',
    );
    const ko = explain(request, 'ko');
    expect(ko.decision).toBe('request_required');
    expect(ko.requirements).toHaveLength(6);
    for (const r of ko.requirements) {
      const item = POLICY_REQUIREMENTS.find((x) => x.code === r.code)!;
      expect(r).toEqual({ code: r.code, message: item.message.ko, blocking: item.blocking });
    }
  });
});
