import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { effectiveLevel, evaluate } from '../../../server/policy/evaluate';
import type { PolicyDataset, PolicyGrant, Purpose, Requester, Scope } from '../../../server/policy/types';
import {
  ACCESS_LEVEL_CODES,
  CLASSIFICATION_LEVEL_CODES,
  CROSS_BORDER_CODES,
  LICENSE_CODES,
  ORGANIZATION_TYPE_CODES,
  PERSONAL_INFO_CODES,
  POLICY_DECISION_CODES,
  PURPOSE_CODES,
  SAMPLES_ACCESS_CODES,
  SENSITIVE_CATEGORY_CODES,
  isNonCommercial,
} from '../../../schemas/taxonomy';

const COUNTRIES = ['KR', 'US', 'JP', 'DE', 'GB'] as const;
const SCOPES: Scope[] = ['metadata', 'samples', 'full'];

const wildcardOr = (values: readonly string[]): fc.Arbitrary<string[]> => fc.oneof(fc.constant<string[]>(['*']), fc.subarray([...values]));

const license = fc.oneof(
  fc.constantFrom(...LICENSE_CODES.filter((c) => c !== 'custom')).map((id) => ({ id })),
  fc.boolean().map((commercialUse) => ({ id: 'custom', commercialUse })),
);

/** Any combination of rules, including ones the registration rules would refuse: the engine must cope. */
const dataset: fc.Arbitrary<PolicyDataset> = fc.record({
  license,
  disclosure: fc.record({
    accessLevel: fc.constantFrom(...ACCESS_LEVEL_CODES),
    samplesAccess: fc.constantFrom(...SAMPLES_ACCESS_CODES),
    allowedCountries: wildcardOr(COUNTRIES),
    allowedOrgTypes: wildcardOr(ORGANIZATION_TYPE_CODES),
    allowedPurposes: fc.subarray([...PURPOSE_CODES]),
    crossBorder: fc.constantFrom(...CROSS_BORDER_CODES),
    conditions: fc.record({ dua: fc.boolean(), irb: fc.boolean(), attribution: fc.boolean(), noRedistribution: fc.boolean() }),
    maxGrantDays: fc.integer({ min: 1, max: 1095 }),
  }),
  classification: fc.record({
    level: fc.constantFrom(...CLASSIFICATION_LEVEL_CODES),
    personalInfo: fc.constantFrom(...PERSONAL_INFO_CODES),
    sensitiveCategories: fc.subarray([...SENSITIVE_CATEGORY_CODES]),
    exportControl: fc.record({ controlled: fc.boolean() }),
    nationalCoreTechnology: fc.boolean(),
  }),
});

const purpose = fc.constantFrom<Purpose>(...PURPOSE_CODES);
const scope = fc.constantFrom<Scope>(...SCOPES);
const grants: fc.Arbitrary<PolicyGrant[]> = fc.array(
  fc.record({ scope: fc.constantFrom<'samples' | 'full'>('samples', 'full'), purpose }),
  { maxLength: 3 },
);

const signedIn = (opts: { member?: boolean; admin?: boolean } = {}): fc.Arbitrary<Requester> =>
  fc.record({
    authenticated: fc.constant(true),
    country: fc.constantFrom(...COUNTRIES),
    orgType: fc.constantFrom(...ORGANIZATION_TYPE_CODES),
    providerMember: opts.member === undefined ? fc.boolean() : fc.constant(opts.member),
    reviewer: fc.boolean(),
    admin: opts.admin === undefined ? fc.boolean() : fc.constant(opts.admin),
    grants,
  });
const anonymous: fc.Arbitrary<Requester> = fc.record({
  authenticated: fc.constant(false),
  providerMember: fc.constant(false),
  reviewer: fc.constant(false),
  grants: fc.constant([]),
});
const requester = fc.oneof(anonymous, signedIn());
/** Neither a provider member nor an admin: the rules apply in full. */
const outsider = signedIn({ member: false, admin: false });

const IDENTITY_FREE_REASONS = new Set(['not_visible', 'purpose_not_allowed', 'license_noncommercial', 'dataset_closed']);
const FOREIGN_ONLY = new Set([
  'country_not_allowed',
  'cross_border_prohibited',
  'identifiable_personal_info_cross_border',
  'export_license',
  'government_approval',
  'cross_border_agreement',
]);

// ---- Tightening: one change that makes a dataset's rules stricter. ----

type Level = PolicyDataset['disclosure']['accessLevel'];
const LEVEL_RANK: Record<Exclude<Level, 'enclave'>, number> = { open: 0, registered: 1, approval: 2, closed: 3 };

/**
 * Is `after` at least as strict as `before`? open < registered < approval < closed, and closed is
 * stricter than enclave; but enclave is *not* stricter than approval: it lifts the cross-border
 * deny reasons (the data never leaves Korea), so moving into enclave is not a tightening.
 */
function atLeastAsStrict(before: Level, after: Level): boolean {
  if (before === after || after === 'closed') return true;
  if (before === 'enclave' || after === 'enclave') return false;
  return LEVEL_RANK[after] >= LEVEL_RANK[before];
}

const next = <T>(order: readonly T[], value: T): T => order[Math.min(order.indexOf(value) + 1, order.length - 1)];

type Tightening = (d: PolicyDataset, pick: number) => PolicyDataset;

const withDisclosure = (d: PolicyDataset, change: Partial<PolicyDataset['disclosure']>): PolicyDataset => ({
  ...d,
  disclosure: { ...d.disclosure, ...change },
});
const withClassification = (d: PolicyDataset, change: Partial<PolicyDataset['classification']>): PolicyDataset => ({
  ...d,
  classification: { ...d.classification, ...change },
});

/** Removes one entry from a list (a wildcard becomes an explicit list without one value). */
function narrow(list: string[], universe: readonly string[], pick: number): string[] {
  const explicit = list.includes('*') ? [...universe] : list;
  if (explicit.length === 0) return explicit;
  const drop = explicit[pick % explicit.length];
  return explicit.filter((v) => v !== drop);
}

const TIGHTENINGS: Record<string, Tightening> = {
  'remove an allowed country': (d, pick) => withDisclosure(d, { allowedCountries: narrow(d.disclosure.allowedCountries, COUNTRIES, pick) }),
  'remove an allowed organisation type': (d, pick) =>
    withDisclosure(d, { allowedOrgTypes: narrow(d.disclosure.allowedOrgTypes, ORGANIZATION_TYPE_CODES, pick) }),
  'remove an allowed purpose': (d, pick) =>
    withDisclosure(d, { allowedPurposes: narrow(d.disclosure.allowedPurposes, PURPOSE_CODES, pick) as Purpose[] }),
  'raise the classification level': (d) => withClassification(d, { level: next(CLASSIFICATION_LEVEL_CODES, d.classification.level) }),
  'stricter personal information': (d) => withClassification(d, { personalInfo: next(PERSONAL_INFO_CODES, d.classification.personalInfo) }),
  'export-controlled': (d) => withClassification(d, { exportControl: { controlled: true, regime: 'ear' } }),
  'national core technology': (d) => withClassification(d, { nationalCoreTechnology: true }),
  'stricter cross-border rule': (d) => withDisclosure(d, { crossBorder: next(CROSS_BORDER_CODES, d.disclosure.crossBorder) }),
  'require the agreement': (d) => withDisclosure(d, { conditions: { ...d.disclosure.conditions, dua: true } }),
  'require IRB approval': (d) => withDisclosure(d, { conditions: { ...d.disclosure.conditions, irb: true } }),
  'non-commercial licence': (d, pick) => ({ ...d, license: pick % 2 ? { id: 'CC-BY-NC-4.0' } : { id: 'custom', commercialUse: false } }),
  'stricter access levels': (d, pick) => {
    const candidate = withDisclosure(d, {
      accessLevel: ACCESS_LEVEL_CODES[pick % ACCESS_LEVEL_CODES.length],
      samplesAccess: SAMPLES_ACCESS_CODES[Math.floor(pick / ACCESS_LEVEL_CODES.length) % SAMPLES_ACCESS_CODES.length],
    });
    const stricter = (['samples', 'full'] as const).every((s) => atLeastAsStrict(effectiveLevel(d, s), effectiveLevel(candidate, s)));
    return stricter ? candidate : d;
  },
};
const tightening = fc.record({ name: fc.constantFrom(...Object.keys(TIGHTENINGS)), pick: fc.nat() });

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

const RUNS = { numRuns: 3000 };

describe('evaluate (docs/design.md §4) — properties', () => {
  it('always answers one of the five decisions; reasons are non-empty exactly when it denies', () => {
    fc.assert(
      fc.property(dataset, requester, purpose, scope, (d, r, p, s) => {
        const { decision, reasons } = evaluate(d, r, p, s);
        expect(POLICY_DECISION_CODES).toContain(decision);
        expect(reasons.length > 0).toBe(decision === 'deny');
      }),
      RUNS,
    );
  });

  it('always allows provider members and admins', () => {
    const privileged = fc.oneof(signedIn({ member: true }), signedIn({ admin: true }));
    fc.assert(
      fc.property(dataset, privileged, purpose, scope, (d, r, p, s) => {
        expect(evaluate(d, r, p, s)).toEqual({ decision: 'allow', reasons: [], requirements: [] });
      }),
      RUNS,
    );
  });

  it('never allows a foreign outsider data or samples when crossBorder is prohibited, whatever grants they hold', () => {
    const foreign = outsider.filter((r) => r.country !== 'KR');
    fc.assert(
      fc.property(dataset, foreign, purpose, fc.constantFrom<Scope>('samples', 'full'), (d, r, p, s) => {
        const prohibited = withDisclosure(d, { crossBorder: 'prohibited' });
        const { decision } = evaluate(prohibited, r, p, s);
        expect(decision).not.toBe('allow');
        // Only the enclave, where the data never leaves Korea, is open to them.
        if (decision !== 'deny') expect(decision).toBe('enclave_only');
      }),
      RUNS,
    );
  });

  it('never turns a deny into something else when a rule is tightened (any number of times)', () => {
    fc.assert(
      fc.property(dataset, requester, purpose, scope, fc.array(tightening, { minLength: 1, maxLength: 4 }), (d, r, p, s, steps) => {
        let current = d;
        let denied = evaluate(current, r, p, s).decision === 'deny';
        for (const { name, pick } of steps) {
          current = TIGHTENINGS[name](current, pick);
          const now = evaluate(current, r, p, s).decision;
          if (denied) expect(now, name).toBe('deny');
          denied = now === 'deny';
        }
      }),
      RUNS,
    );
  });

  it('lists requirements only for samples and full, only the cross-border agreement for samples, none with a deny', () => {
    fc.assert(
      fc.property(dataset, requester, purpose, scope, (d, r, p, s) => {
        const { decision, requirements } = evaluate(d, r, p, s);
        const codes = requirements.map((x) => x.code);
        if (s === 'metadata' || decision === 'deny') expect(codes).toEqual([]);
        if (s === 'samples') expect(codes.every((c) => c === 'cross_border_agreement')).toBe(true);
        for (const x of requirements) expect(x.blocking).toBe(x.code !== 'accept_dua');
        expect(new Set(codes).size).toBe(codes.length);
      }),
      RUNS,
    );
  });

  it('allows without a grant only when no blocking requirement is left', () => {
    fc.assert(
      fc.property(dataset, requester, purpose, scope, (d, r, p, s) => {
        const withoutGrants = { ...r, grants: [] };
        const result = evaluate(d, withoutGrants, p, s);
        if (result.decision === 'allow') expect(result.requirements.filter((x) => x.blocking)).toEqual([]);
      }),
      RUNS,
    );
  });

  it('never gives anonymous requesters identity-dependent reasons or requirements', () => {
    fc.assert(
      fc.property(dataset, anonymous, purpose, scope, (d, r, p, s) => {
        const { reasons, requirements } = evaluate(d, r, p, s);
        for (const code of reasons) expect(IDENTITY_FREE_REASONS.has(code), code).toBe(true);
        for (const { code } of requirements) expect(FOREIGN_ONLY.has(code), code).toBe(false);
      }),
      RUNS,
    );
  });

  it('never gives Korean requesters cross-border reasons or foreign-only requirements', () => {
    const korean = outsider.map((r) => ({ ...r, country: 'KR' }));
    fc.assert(
      fc.property(dataset, korean, purpose, scope, (d, r, p, s) => {
        const { reasons, requirements } = evaluate(withDisclosure(d, { allowedCountries: ['*'] }), r, p, s);
        for (const code of [...reasons, ...requirements.map((x) => x.code)]) expect(FOREIGN_ONLY.has(code), code).toBe(false);
      }),
      RUNS,
    );
  });

  it('gives a grant covering scope and purpose an allow unless the answer is deny or enclave_only; grants change nothing else', () => {
    fc.assert(
      fc.property(dataset, outsider, purpose, fc.constantFrom<Scope>('samples', 'full'), (d, r, p, s) => {
        const without = evaluate(d, { ...r, grants: [] }, p, s);
        const granted = evaluate(d, { ...r, grants: [{ scope: 'full', purpose: p }] }, p, s);
        if (without.decision === 'deny' || without.decision === 'enclave_only') expect(granted).toEqual(without);
        else expect(granted).toEqual({ ...without, decision: 'allow' });
        // A grant for another purpose is no grant at all.
        const other = PURPOSE_CODES.find((x) => x !== p)!;
        expect(evaluate(d, { ...r, grants: [{ scope: 'full', purpose: other }] }, p, s)).toEqual(without);
      }),
      RUNS,
    );
  });

  it('denies commercial use of non-commercial licences to everyone outside the provider', () => {
    fc.assert(
      fc.property(dataset, fc.oneof(anonymous, outsider), fc.constantFrom<Scope>('samples', 'full'), (d, r, s) => {
        fc.pre(isNonCommercial(d.license));
        const { decision, reasons } = evaluate(d, r, 'commercial', s);
        expect(decision).toBe('deny');
        if (!reasons.includes('not_visible')) expect(reasons).toContain('license_noncommercial');
      }),
      { numRuns: 1000 },
    );
  });

  it('is pure: the same input gives the same answer and inputs are never modified', () => {
    fc.assert(
      fc.property(dataset, requester, purpose, scope, (d, r, p, s) => {
        const first = evaluate(d, r, p, s);
        expect(evaluate(deepFreeze(structuredClone(d)), deepFreeze(structuredClone(r)), p, s)).toEqual(first);
      }),
      { numRuns: 500 },
    );
  });
});
