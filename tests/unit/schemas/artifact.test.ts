import { describe, expect, it } from 'vitest';
import {
  ARTIFACT_CONTENT_TYPES,
  ARTIFACT_MAX_BYTES,
  ARTIFACT_RULES,
  artifactRuleErrors,
  isAllowedContentType,
} from '../../../schemas/artifact';
import { validate } from '../../../schemas/ajv';
import { ARTIFACT_KIND_CODES } from '../../../schemas/taxonomy';

const MiB = 1024 * 1024;
const sha256 = 'a'.repeat(64);
const body = (overrides: Record<string, unknown> = {}) => ({
  kind: 'sample',
  filename: 'sample.csv',
  contentType: 'text/csv',
  bytes: 1024,
  sha256,
  ...overrides,
});
const codesAt = (r: ReturnType<typeof validate>) => (r.ok ? [] : r.errors.map((e) => `${e.path} ${e.code}`));

describe('artifacts.create', () => {
  it('accepts a sample csv', () => {
    expect(validate('artifacts.create', body()).ok).toBe(true);
  });

  it('checks the shape of the content type and the size', () => {
    expect(codesAt(validate('artifacts.create', body({ contentType: 'text/csv; charset=utf-8' })))).toEqual([
      '/contentType invalid_content_type',
    ]);
    expect(codesAt(validate('artifacts.create', body({ bytes: 0 })))).toEqual(['/bytes minimum']);
    expect(codesAt(validate('artifacts.create', body({ bytes: 1.5 })))).toEqual(['/bytes type']);
  });

  it('rejects paths and odd names', () => {
    for (const filename of ['../etc/passwd', 'a/b.csv', 'a\\b.csv', '..', '.', 'a\nb', '']) {
      expect(codesAt(validate('artifacts.create', body({ filename }))), JSON.stringify(filename)).toEqual(['/filename invalid_filename']);
    }
    expect(codesAt(validate('artifacts.create', body({ filename: 'x'.repeat(201) })))).toEqual(['/filename max_length']);
    expect(validate('artifacts.create', body({ filename: '샘플 데이터 (1).csv' })).ok).toBe(true);
  });

  it('needs a lowercase hex sha256 and no extra fields', () => {
    expect(codesAt(validate('artifacts.create', body({ sha256: 'A'.repeat(64), key: 'x' })))).toEqual([
      '/key additional_property',
      '/sha256 invalid_sha256',
    ]);
  });
});

describe('artifact rules per kind', () => {
  it('accept every allow-listed type of every kind at its size limit', () => {
    for (const kind of ARTIFACT_KIND_CODES) {
      for (const contentType of ARTIFACT_CONTENT_TYPES[kind]) {
        expect(artifactRuleErrors({ kind, contentType, bytes: ARTIFACT_MAX_BYTES[kind] }), `${kind} ${contentType}`).toEqual([]);
      }
    }
  });

  it('reject a content type the kind does not allow', () => {
    expect(artifactRuleErrors({ kind: 'guideline', contentType: 'image/png', bytes: 1 })).toEqual([
      { path: '/contentType', code: 'content_type_not_allowed', params: { allowed: ARTIFACT_CONTENT_TYPES.guideline.join(', ') } },
    ]);
    expect(artifactRuleErrors({ kind: 'sample', contentType: 'text/html', bytes: 1 }).map((e) => e.code)).toEqual([
      'content_type_not_allowed',
    ]);
  });

  it('bound the size per kind', () => {
    expect(artifactRuleErrors({ kind: 'schema', contentType: 'application/json', bytes: 5 * MiB + 1 })).toEqual([
      { path: '/bytes', code: 'maximum', params: { limit: 5 * MiB } },
    ]);
    expect(artifactRuleErrors({ kind: 'sample', contentType: 'text/csv', bytes: 200 * MiB })).toEqual([]);
    expect(artifactRuleErrors({ kind: 'sample', contentType: 'text/csv', bytes: 200 * MiB + 1 })).toHaveLength(1);
  });

  it('agree with ARTIFACT_RULES and isAllowedContentType', () => {
    for (const kind of ARTIFACT_KIND_CODES) {
      expect(ARTIFACT_RULES[kind]).toEqual({ contentTypes: ARTIFACT_CONTENT_TYPES[kind], maxBytes: ARTIFACT_MAX_BYTES[kind] });
    }
    expect(isAllowedContentType('sample', 'audio/x-wav')).toBe(true);
    expect(isAllowedContentType('datacard', 'audio/x-wav')).toBe(false);
    expect(ARTIFACT_CONTENT_TYPES.other).toEqual(expect.arrayContaining([...ARTIFACT_CONTENT_TYPES.sample, 'application/pdf']));
  });
});
