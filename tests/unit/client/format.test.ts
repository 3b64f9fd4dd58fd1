// Sizes, numbers, dates and codes as people read them, in Korean and English (client/src/lib/format.ts).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createInstance } from 'i18next';
import { describe, expect, it } from 'vitest';
import {
  countryName,
  fileTypeList,
  formatBytes,
  formatDate,
  formatDateTime,
  languageName,
  parseBytes,
  parseNumber,
} from '../../../client/src/lib/format';

const locales = path.resolve(__dirname, '../../../client/src/locales');
const common = (lang: string) => JSON.parse(readFileSync(path.join(locales, lang, 'common.json'), 'utf8')) as Record<string, unknown>;

describe('formatBytes', () => {
  it('writes small sizes in words, larger ones in decimal units', () => {
    expect(formatBytes(210, 'ko')).toBe('210바이트');
    expect(formatBytes(210, 'en')).toBe('210 bytes');
    expect(formatBytes(1, 'en')).toBe('1 byte');
    expect(formatBytes(1500, 'en')).toBe('1.5 kB');
    expect(formatBytes(1500, 'ko')).toBe('1.5kB');
    expect(formatBytes(2_500_000, 'en')).toBe('2.5 MB');
    expect(formatBytes(5 * 1024 ** 3, 'ko')).toBe('5.4GB');
    expect(formatBytes(123_000_000_000, 'en')).toBe('123 GB');
    expect(formatBytes(undefined, 'en')).toBe('');
  });
});

describe('parseBytes and parseNumber', () => {
  it('reads sizes with units and separators', () => {
    expect(parseBytes('1,024')).toBe(1024);
    expect(parseBytes('2.5 GB')).toBe(2_500_000_000);
    expect(parseBytes('210바이트')).toBe(210);
    expect(parseBytes('3 MiB')).toBe(3 * 1024 ** 2);
    expect(parseBytes('lots')).toBeUndefined();
    expect(parseBytes('5 parsecs')).toBeUndefined();
  });
  it('reads 93% as 0.93 only where a share is meant', () => {
    expect(parseNumber('93%', { percent: true })).toBe(0.93);
    expect(parseNumber('4 %', { percent: true })).toBe(0.04);
    expect(parseNumber('0.934', { percent: true })).toBe(0.934);
    expect(parseNumber('93%')).toBeUndefined();
    expect(parseNumber('1,200')).toBe(1200);
    expect(parseNumber('twelve')).toBeUndefined();
  });
});

describe('dates', () => {
  it('formats a calendar date without shifting it across time zones', () => {
    expect(formatDate('2024-03-01', 'ko')).toBe('2024. 3. 1.');
    expect(formatDate('2024-03-01', 'en')).toBe('Mar 1, 2024');
  });
  it('formats a moment with its time', () => {
    const s = formatDateTime('2024-03-01T09:30:00Z', 'en');
    expect(s).toMatch(/2024/);
    expect(s).not.toContain('T09');
  });
});

describe('codes as names', () => {
  it('names languages and countries through Intl.DisplayNames', () => {
    expect(languageName('ko', 'ko')).toBe('한국어');
    expect(languageName('ko', 'en')).toBe('Korean');
    expect(languageName('en', 'ko')).toBe('영어');
    expect(countryName('US', 'ko')).toBe('미국');
    expect(countryName('kr', 'en')).toBe('South Korea');
  });
  it('names file types and lists them once each', () => {
    const i18n = createInstance();
    void i18n.init({ lng: 'en', initAsync: false, resources: { en: { common: common('en') }, ko: { common: common('ko') } } });
    const types = ['text/csv', 'application/json', 'application/zip', 'audio/wav', 'audio/x-wav'];
    expect(fileTypeList(types, i18n.getFixedT('en'))).toBe('CSV, JSON, ZIP archive, WAV audio');
    expect(fileTypeList(types, i18n.getFixedT('ko'))).toBe('CSV, JSON, ZIP 압축 파일, WAV 음성');
    expect(fileTypeList(['application/x-unknown'], i18n.getFixedT('en'))).toBe('application/x-unknown');
  });
});
