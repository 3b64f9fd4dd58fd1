import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIELD_ERROR_CODES, FIELD_ERROR_PARAMS } from '../../../schemas/errors';

const locales = path.resolve(__dirname, '../../../server/i18n/locales');
const load = (lang: string) => JSON.parse(readFileSync(path.join(locales, lang, 'validation.json'), 'utf8')) as Record<string, string>;
// `{{actual, 로}}` (a Korean particle formatter) interpolates `actual` too.
const variables = (message: string) => [...new Set([...message.matchAll(/\{\{\s*(\w+)\s*(?:,[^}]*)?\}\}/g)].map((m) => m[1]))].sort();

describe('validation messages', () => {
  const en = load('en');
  const ko = load('ko');

  it('exist in en and ko for every FieldError code, and for nothing else', () => {
    expect(Object.keys(en).sort()).toEqual([...FIELD_ERROR_CODES].sort());
    expect(Object.keys(ko).sort()).toEqual([...FIELD_ERROR_CODES].sort());
  });

  for (const code of FIELD_ERROR_CODES) {
    it(`${code}: same variables in both languages, all carried by params`, () => {
      expect(en[code]?.trim(), 'en').toBeTruthy();
      expect(ko[code]?.trim(), 'ko').toBeTruthy();
      expect(variables(ko[code])).toEqual(variables(en[code]));
      const params: readonly string[] = FIELD_ERROR_PARAMS[code];
      for (const v of variables(en[code])) expect(params, `{{${v}}} of ${code}`).toContain(v);
    });
  }
});
