import { describe, expect, it } from 'vitest';
import {
  KR_TECHNOLOGY_CODES,
  LICENSES,
  POLICY_REQUIREMENTS,
  QA_METRICS,
  TAXONOMIES,
  US_CET_CODES,
  isNonCommercial,
  labelOf,
} from '../../../schemas/taxonomy';

describe('taxonomies', () => {
  for (const [name, items] of Object.entries(TAXONOMIES)) {
    it(`${name}: unique ASCII codes, non-empty ko and en labels`, () => {
      const codes = items.map((item) => item.code);
      expect(new Set(codes).size).toBe(codes.length);
      for (const item of items) {
        expect(item.code).toMatch(/^[A-Za-z0-9_.-]+$/);
        expect(item.label.ko.trim(), `${name}.${item.code}.ko`).not.toBe('');
        expect(item.label.en.trim(), `${name}.${item.code}.en`).not.toBe('');
        if ('message' in item) {
          expect(item.message.ko.trim()).not.toBe('');
          expect(item.message.en.trim()).not.toBe('');
        }
      }
    });
  }

  it('has the 12 Korean strategic technologies and the 18 US CET areas', () => {
    expect(KR_TECHNOLOGY_CODES).toHaveLength(12);
    expect(US_CET_CODES).toHaveLength(18);
  });

  it('gives lower-is-better direction to error rates only', () => {
    const lower = QA_METRICS.filter((m) => m.direction === 'lower_better').map((m) => m.code);
    expect(lower.sort()).toEqual(['cer', 'wer']);
  });

  it('marks every requirement but accept_dua as blocking', () => {
    expect(POLICY_REQUIREMENTS.filter((r) => !r.blocking).map((r) => r.code)).toEqual(['accept_dua']);
  });

  it('describes every licence', () => {
    for (const l of LICENSES) {
      expect(l.explanation.ko.trim()).not.toBe('');
      expect(l.explanation.en.trim()).not.toBe('');
      if (l.family !== 'custom') expect(l.url).toMatch(/^https:\/\//);
    }
  });

  it('labels codes and falls back to the code', () => {
    expect(labelOf('modalities', 'speech', 'ko')).toBe('음성');
    expect(labelOf('modalities', 'smell', 'en')).toBe('smell');
  });
});

describe('isNonCommercial (docs/design.md §3)', () => {
  it('is true for KOGL-2, KOGL-4, CC BY-NC-* and custom terms without commercial use', () => {
    const nonCommercial = LICENSES.filter((l) => isNonCommercial({ id: l.code })).map((l) => l.code);
    expect(nonCommercial).toEqual(['KOGL-2', 'KOGL-4', 'CC-BY-NC-4.0', 'CC-BY-NC-SA-4.0', 'CC-BY-NC-ND-4.0']);
    expect(isNonCommercial({ id: 'custom', commercialUse: false })).toBe(true);
    expect(isNonCommercial({ id: 'custom', commercialUse: true })).toBe(false);
    expect(isNonCommercial({ id: 'custom' })).toBe(false);
  });
});
