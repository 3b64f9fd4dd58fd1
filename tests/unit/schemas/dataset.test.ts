import { describe, expect, it } from 'vitest';
import { validate } from '../../../schemas/ajv';
import { draftErrors, publishReadinessErrors } from '../../../server/datasets/readiness';
import { registrationErrors } from '../../../server/policy/registration';
import { publishableDataset } from './builders';

const codesAt = (errors: { path: string; code: string }[]) => errors.map((e) => `${e.path} ${e.code}`);

describe('datasets.draft', () => {
  it('accepts a slug and a title in one language', () => {
    expect(draftErrors({ slug: 'abc', title: { ko: '제목' } })).toEqual([]);
    expect(validate('datasets.create', { slug: 'abc', title: { en: 'Title' } }).ok).toBe(true);
  });

  it('requires a title in at least one language', () => {
    expect(codesAt(draftErrors({ slug: 'abc', title: {} }))).toEqual(['/title one_language_required']);
    expect(codesAt(draftErrors({ slug: 'abc' }))).toEqual(['/title required']);
  });

  it('tolerates server-managed top-level fields but not unknown nested ones', () => {
    const stored = { slug: 'abc', title: { ko: '제목' }, status: 'draft', version: 0, artifacts: [] };
    expect(draftErrors(stored)).toEqual([]);
    expect(codesAt(draftErrors({ ...stored, license: { id: 'CC0-1.0', _id: 'x' } }))).toEqual(['/license/_id additional_property']);
  });

  it('validates whatever optional fields it holds', () => {
    const errors = draftErrors({
      slug: 'abc',
      title: { ko: '제목' },
      summary: { en: 'x'.repeat(301) },
      languages: ['korean'],
      temporalCoverage: { start: '2024-02-30' },
      contact: { name: 'Kim', email: 'not-an-email' },
    });
    expect(codesAt(errors)).toEqual([
      '/summary/en max_length',
      '/languages/0 invalid_language',
      '/temporalCoverage/start invalid_date',
      '/contact/email invalid_email',
    ]);
    expect(errors[0].params).toEqual({ limit: 300 });
  });

  it('checks registration rules only when their fields are present', () => {
    const partial = { slug: 'abc', title: { ko: '제목' }, classification: { level: 'sensitive' } };
    expect(draftErrors(partial)).toEqual([]);
    expect(codesAt(draftErrors({ ...partial, disclosure: { accessLevel: 'open' } }))).toEqual([
      '/disclosure/accessLevel classification_requires_restricted_access',
    ]);
  });
});

describe('datasets.create and datasets.update', () => {
  it('reports an extra property at its own pointer', () => {
    const r = validate('datasets.create', { slug: 'abc', title: { ko: '제목' }, colour: 'red' });
    expect(r).toEqual({ ok: false, errors: [{ path: '/colour', code: 'additional_property', params: {} }] });
  });

  it('rejects a bad slug with a specific code', () => {
    for (const slug of ['ab', 'Abc', '-abc', 'a_bc', 'a'.repeat(81)]) {
      const r = validate('datasets.create', { slug, title: { ko: '제목' } });
      expect(r.ok ? [] : codesAt(r.errors), slug).toEqual(['/slug invalid_slug']);
    }
  });

  it('does not let PATCH change the slug or the provider', () => {
    const r = validate('datasets.update', { slug: 'new-slug', providerId: 'a'.repeat(24) });
    expect(r.ok ? [] : codesAt(r.errors)).toEqual(['/slug additional_property', '/providerId additional_property']);
    expect(validate('datasets.update', {}).ok).toBe(true);
  });

  it('rejects blank texts and unknown enum codes', () => {
    const r = validate('datasets.create', {
      slug: 'abc',
      title: { ko: '  ' },
      modalities: ['speech', 'smell'],
      domain: 'space',
    });
    expect(r.ok ? [] : codesAt(r.errors)).toEqual(['/title/ko blank', '/modalities/1 enum', '/domain enum']);
  });

  it('points a duplicate list entry at the repeat', () => {
    const r = validate('datasets.create', { slug: 'abc', title: { ko: '제목' }, tasks: ['asr', 'ocr', 'asr'] });
    expect(r.ok ? [] : r.errors).toEqual([{ path: '/tasks/2', code: 'unique_items', params: { duplicateOf: 0 } }]);
  });
});

describe('license', () => {
  const body = (license: unknown) => ({ slug: 'abc', title: { ko: '제목' }, license });

  it('allows commercialUse only with custom terms', () => {
    expect(validate('datasets.create', body({ id: 'custom', commercialUse: false })).ok).toBe(true);
    expect(validate('datasets.create', body({ id: 'custom' })).ok).toBe(true);
    const r = validate('datasets.create', body({ id: 'KOGL-1', commercialUse: true }));
    expect(r.ok ? [] : r.errors).toEqual([{ path: '/license/commercialUse', code: 'not_allowed', params: {} }]);
  });

  it('requires a licence id and an http(s) url', () => {
    const r = validate('datasets.create', body({ url: 'ftp://example.org/terms' }));
    expect(r.ok ? [] : codesAt(r.errors)).toEqual(['/license/id required', '/license/url invalid_url']);
  });
});

describe('disclosure lists', () => {
  const body = (disclosure: unknown) => ({ slug: 'abc', title: { ko: '제목' }, disclosure });

  it('accepts ["*"] or country codes, never both', () => {
    expect(validate('datasets.create', body({ allowedCountries: ['*'] })).ok).toBe(true);
    expect(validate('datasets.create', body({ allowedCountries: ['KR', 'US'] })).ok).toBe(true);
    const mixed = validate('datasets.create', body({ allowedCountries: ['*', 'KR'] }));
    expect(mixed.ok ? [] : codesAt(mixed.errors)).toEqual(['/disclosure/allowedCountries wildcard_exclusive']);
    const bad = validate('datasets.create', body({ allowedCountries: ['kr'] }));
    expect(bad.ok ? [] : codesAt(bad.errors)).toEqual(['/disclosure/allowedCountries/0 invalid_country']);
  });

  it('accepts ["*"] or organisation types, never both', () => {
    expect(validate('datasets.create', body({ allowedOrgTypes: ['university', 'ffrdc'] })).ok).toBe(true);
    const mixed = validate('datasets.create', body({ allowedOrgTypes: ['university', '*'] }));
    expect(mixed.ok ? [] : codesAt(mixed.errors)).toEqual(['/disclosure/allowedOrgTypes wildcard_exclusive']);
  });

  it('bounds maxGrantDays to 1..1095', () => {
    const r = validate('datasets.create', body({ maxGrantDays: 1096 }));
    expect(r.ok ? [] : r.errors).toEqual([{ path: '/disclosure/maxGrantDays', code: 'maximum', params: { limit: 1095 } }]);
  });

  it('requires a regime when export-controlled', () => {
    const r = validate('datasets.create', {
      slug: 'abc',
      title: { ko: '제목' },
      classification: { exportControl: { controlled: true } },
    });
    expect(r.ok ? [] : codesAt(r.errors)).toEqual(['/classification/exportControl/regime required']);
  });
});

describe('registration rules (docs/design.md §4)', () => {
  const rules = (classification: Record<string, unknown>, disclosure: Record<string, unknown>) =>
    codesAt(registrationErrors({ classification, disclosure }));

  for (const level of ['sensitive', 'confidential']) {
    it(`${level} needs a restricted access level`, () => {
      expect(rules({ level }, { accessLevel: 'registered', samplesAccess: 'registered' })).toEqual([
        '/disclosure/accessLevel classification_requires_restricted_access',
      ]);
      for (const accessLevel of ['approval', 'enclave', 'closed']) {
        expect(rules({ level }, { accessLevel, samplesAccess: 'same_as_data' })).toEqual([]);
      }
    });

    it(`${level} forbids open samples`, () => {
      expect(rules({ level }, { accessLevel: 'approval', samplesAccess: 'open' })).toEqual([
        '/disclosure/samplesAccess classification_requires_restricted_samples',
      ]);
      expect(rules({ level }, { accessLevel: 'approval', samplesAccess: 'registered' })).toEqual([]);
    });
  }

  it('public and internal data may be open', () => {
    expect(rules({ level: 'public' }, { accessLevel: 'open', samplesAccess: 'open' })).toEqual([]);
    expect(rules({ level: 'internal' }, { accessLevel: 'open', samplesAccess: 'open' })).toEqual([]);
  });

  it('identifiable personal information needs a restricted access level', () => {
    expect(rules({ personalInfo: 'identifiable' }, { accessLevel: 'open' })).toEqual([
      '/disclosure/accessLevel identifiable_requires_restricted_access',
    ]);
    expect(rules({ personalInfo: 'identifiable' }, { accessLevel: 'enclave' })).toEqual([]);
    expect(rules({ personalInfo: 'pseudonymized' }, { accessLevel: 'open' })).toEqual([]);
  });

  it('rejects a coverage period that ends before it starts', () => {
    expect(codesAt(registrationErrors({ temporalCoverage: { start: '2024-05-01', end: '2023-12-31' } }))).toEqual([
      '/temporalCoverage/end end_before_start',
    ]);
    expect(registrationErrors({ temporalCoverage: { start: '2023-01-01', end: '2023-01-01' } })).toEqual([]);
  });

  it('ignores garbage instead of throwing', () => {
    expect(registrationErrors(null)).toEqual([]);
    expect(registrationErrors({ disclosure: 'x', classification: [] })).toEqual([]);
  });
});

describe('publication readiness', () => {
  it('accepts a complete dataset with a sample', () => {
    expect(publishReadinessErrors(publishableDataset(), { hasAvailableSample: true })).toEqual([]);
  });

  it('needs a sample unless the dataset is closed', () => {
    expect(codesAt(publishReadinessErrors(publishableDataset(), { hasAvailableSample: false }))).toEqual(['/artifacts sample_required']);
    const closed = publishableDataset();
    closed.disclosure.accessLevel = 'closed';
    expect(publishReadinessErrors(closed, { hasAvailableSample: false })).toEqual([]);
  });

  it('needs both languages where a draft needs one', () => {
    const ds = publishableDataset({ title: { ko: '제목' } });
    expect(draftErrors(ds)).toEqual([]);
    expect(codesAt(publishReadinessErrors(ds, { hasAvailableSample: true }))).toEqual(['/title/en required']);
  });

  it('lists everything a bare draft lacks', () => {
    const errors = publishReadinessErrors({ slug: 'abc', title: { ko: '제목' } }, { hasAvailableSample: false });
    expect(codesAt(errors)).toEqual([
      '/summary required',
      '/description required',
      '/modalities required',
      '/license required',
      '/disclosure required',
      '/classification required',
      '/title/en required',
      '/artifacts sample_required',
    ]);
  });

  it('needs every disclosure and classification field and non-empty lists', () => {
    const ds = publishableDataset({
      modalities: [],
      disclosure: { accessLevel: 'open', allowedPurposes: [], conditions: { dua: true } },
      classification: { level: 'public' },
    });
    expect(codesAt(publishReadinessErrors(ds, { hasAvailableSample: true })).sort()).toEqual(
      [
        '/modalities min_items',
        '/disclosure/samplesAccess required',
        '/disclosure/allowedCountries required',
        '/disclosure/allowedOrgTypes required',
        '/disclosure/crossBorder required',
        '/disclosure/maxGrantDays required',
        '/disclosure/allowedPurposes min_items',
        '/disclosure/conditions/irb required',
        '/disclosure/conditions/attribution required',
        '/disclosure/conditions/noRedistribution required',
        '/classification/personalInfo required',
        '/classification/sensitiveCategories required',
        '/classification/exportControl required',
        '/classification/nationalCoreTechnology required',
      ].sort(),
    );
  });

  it('applies the registration rules', () => {
    const ds = publishableDataset();
    ds.classification.level = 'confidential';
    expect(codesAt(publishReadinessErrors(ds, { hasAvailableSample: true }))).toEqual([
      '/disclosure/accessLevel classification_requires_restricted_access',
      '/disclosure/samplesAccess classification_requires_restricted_samples',
    ]);
  });
});

describe('datasets.review', () => {
  it('needs a comment only when requesting changes', () => {
    expect(validate('datasets.review', { action: 'approve' }).ok).toBe(true);
    const r = validate('datasets.review', { action: 'request_changes' });
    expect(r.ok ? [] : codesAt(r.errors)).toEqual(['/comment required']);
    const long = validate('datasets.review', { action: 'request_changes', comment: 'x'.repeat(2001) });
    expect(long.ok ? [] : codesAt(long.errors)).toEqual(['/comment max_length']);
    expect(validate('datasets.review', { action: 'request_changes', comment: 'Add an English summary.' }).ok).toBe(true);
  });
});
