import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { draftErrors, publishReadinessErrors } from '../../../server/datasets/readiness';
import {
  ACCESS_LEVEL_CODES,
  CLASSIFICATION_LEVEL_CODES,
  CROSS_BORDER_CODES,
  DOMAIN_CODES,
  EXPORT_CONTROL_REGIME_CODES,
  KR_TECHNOLOGY_CODES,
  LICENSE_CODES,
  MODALITY_CODES,
  ORGANIZATION_TYPE_CODES,
  PERSONAL_INFO_CODES,
  PURPOSE_CODES,
  QA_METRIC_CODES,
  SAMPLES_ACCESS_CODES,
  SENSITIVE_CATEGORY_CODES,
  TASK_CODES,
  US_CET_CODES,
} from '../../../schemas/taxonomy';

// Non-blank text of at most `max` code points (AJV counts code points, as does unit 'binary').
const text = (max: number) => fc.string({ unit: 'binary', maxLength: max - 1 }).map((s) => 'x' + s);
const both = (max: number) => fc.record({ ko: text(max), en: text(max) });
const some = <T>(values: readonly T[], minLength = 0) => fc.subarray([...values], { minLength });
const isoDate = fc
  .date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2030-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));
const hex = (length: number) => fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: length, maxLength: length });

const classification = fc.record({
  level: fc.constantFrom(...CLASSIFICATION_LEVEL_CODES),
  personalInfo: fc.constantFrom(...PERSONAL_INFO_CODES),
  sensitiveCategories: some(SENSITIVE_CATEGORY_CODES),
  exportControl: fc.oneof(
    fc.constant({ controlled: false }),
    fc.record(
      { controlled: fc.constant(true), regime: fc.constantFrom(...EXPORT_CONTROL_REGIME_CODES), reference: text(200) },
      { requiredKeys: ['controlled', 'regime'] },
    ),
  ),
  nationalCoreTechnology: fc.boolean(),
});

// The disclosure is drawn so that it satisfies the docs/design.md §4 registration rules for `c`.
const disclosureFor = (c: { level: string; personalInfo: string }) => {
  const restricted = c.level === 'sensitive' || c.level === 'confidential' || c.personalInfo === 'identifiable';
  const restrictedSamples = c.level === 'sensitive' || c.level === 'confidential';
  return fc.record({
    accessLevel: fc.constantFrom(...(restricted ? (['approval', 'enclave', 'closed'] as const) : ACCESS_LEVEL_CODES)),
    samplesAccess: fc.constantFrom(...SAMPLES_ACCESS_CODES.filter((s) => !restrictedSamples || s !== 'open')),
    allowedCountries: fc.oneof(fc.constant(['*']), fc.uniqueArray(fc.stringMatching(/^[A-Z]{2}$/), { minLength: 1, maxLength: 10 })),
    allowedOrgTypes: fc.oneof(fc.constant(['*']), some(ORGANIZATION_TYPE_CODES, 1)),
    allowedPurposes: some(PURPOSE_CODES, 1),
    crossBorder: fc.constantFrom(...CROSS_BORDER_CODES),
    conditions: fc.record(
      {
        dua: fc.boolean(),
        irb: fc.boolean(),
        attribution: fc.boolean(),
        noRedistribution: fc.boolean(),
        deleteAfterDays: fc.integer({ min: 1, max: 3650 }),
      },
      { requiredKeys: ['dua', 'irb', 'attribution', 'noRedistribution'] },
    ),
    maxGrantDays: fc.integer({ min: 1, max: 1095 }),
  });
};

const license = fc.constantFrom(...LICENSE_CODES).chain((id) =>
  fc.record(
    {
      id: fc.constant(id),
      url: fc.webUrl({ validSchemes: ['https'] }),
      ...(id === 'custom' ? { commercialUse: fc.boolean() } : {}),
    },
    { requiredKeys: ['id'] },
  ),
);

const optional = fc.record(
  {
    keywords: fc.record({ ko: fc.uniqueArray(text(60), { maxLength: 5 }), en: fc.uniqueArray(text(60), { maxLength: 5 }) }),
    tasks: some(TASK_CODES),
    languages: some(['ko', 'en', 'en-US', 'zh-Hans-CN', 'es-419']),
    techAreas: fc.record({ kr: some(KR_TECHNOLOGY_CODES), us: some(US_CET_CODES) }, { requiredKeys: [] }),
    domain: fc.constantFrom(...DOMAIN_CODES),
    temporalCoverage: fc.tuple(isoDate, isoDate).map(([a, b]) => (a <= b ? { start: a, end: b } : { start: b, end: a })),
    spatialCoverage: fc.record({ ko: text(200), en: text(200) }, { requiredKeys: [] }),
    size: fc.record({ records: fc.nat(), bytes: fc.nat(), hours: fc.double({ min: 0, max: 1e6, noNaN: true }) }, { requiredKeys: [] }),
    formats: fc.uniqueArray(text(40), { maxLength: 5 }),
    labeling: fc.record({
      procedureId: hex(24),
      procedureVersion: fc.integer({ min: 1, max: 50 }),
      results: fc.array(
        fc.record({ metric: fc.constantFrom(...QA_METRIC_CODES), value: fc.double({ noNaN: true, noDefaultInfinity: true }) }),
        { maxLength: 5 },
      ),
    }),
    contact: fc.record({ name: text(100), email: fc.constantFrom('data@nia.or.kr', 'kim.minji@example.ac.kr') }),
  },
  { requiredKeys: [] },
);

const publishable = fc
  .record({
    slug: fc.stringMatching(/^[a-z0-9][a-z0-9-]{2,79}$/),
    title: both(200),
    summary: both(300),
    description: both(2000),
    modalities: some(MODALITY_CODES, 1),
    license,
    classification,
    optional,
  })
  .chain(({ optional: extra, ...ds }) => disclosureFor(ds.classification).map((disclosure) => ({ ...ds, ...extra, disclosure })));

describe('publishable datasets (property)', () => {
  it('every generated publishable dataset passes the draft and publication checks when a sample exists', () => {
    fc.assert(
      fc.property(publishable, (ds) => {
        expect(draftErrors(ds)).toEqual([]);
        expect(publishReadinessErrors(ds, { hasAvailableSample: true })).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it('opening a restricted dataset to everyone is always refused', () => {
    fc.assert(
      fc.property(
        publishable.filter((ds) => ['sensitive', 'confidential'].includes(ds.classification.level)),
        (ds) => {
          const opened = { ...ds, disclosure: { ...ds.disclosure, accessLevel: 'open' } };
          const codes = publishReadinessErrors(opened, { hasAvailableSample: true }).map((e) => e.code);
          expect(codes).toContain('classification_requires_restricted_access');
        },
      ),
      { numRuns: 100 },
    );
  });
});
