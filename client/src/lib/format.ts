// Units, dates, languages, countries and file types for people, in the UI language, through Intl
// (issue 13: "units and dates through Intl, codes shown as labels"). Pure functions of a value and
// a language, so pages, hooks and unit tests share one implementation.
import type { TFunction } from 'i18next';

type Lang = 'ko' | 'en';

/** The Intl locale of a UI language. */
export function localeOf(lang: Lang): string {
  return lang === 'ko' ? 'ko-KR' : 'en-US';
}

const BYTE_UNITS = ['kilobyte', 'megabyte', 'gigabyte', 'terabyte', 'petabyte'] as const;

/**
 * A size in bytes as people read it: below 1,000 in words (`210바이트`, `210 bytes`), above in
 * decimal units (`1.5MB`, `1.5 GB`, 1 kB = 1,000 bytes as storage vendors count).
 */
export function formatBytes(n: number | null | undefined, lang: Lang): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return '';
  const locale = localeOf(lang);
  if (Math.abs(n) < 1000) return new Intl.NumberFormat(locale, { style: 'unit', unit: 'byte', unitDisplay: 'long' }).format(n);
  let v = n / 1000;
  let i = 0;
  while (Math.abs(v) >= 1000 && i < BYTE_UNITS.length - 1) {
    v /= 1000;
    i++;
  }
  return new Intl.NumberFormat(locale, { style: 'unit', unit: BYTE_UNITS[i], unitDisplay: 'short', maximumFractionDigits: v < 10 ? 1 : 0 }).format(v);
}

const SIZE_UNITS: Record<string, number> = {
  b: 1,
  byte: 1,
  bytes: 1,
  바이트: 1,
  kb: 1e3,
  킬로바이트: 1e3,
  mb: 1e6,
  메가바이트: 1e6,
  gb: 1e9,
  기가바이트: 1e9,
  tb: 1e12,
  테라바이트: 1e12,
  pb: 1e15,
  kib: 1024,
  mib: 1024 ** 2,
  gib: 1024 ** 3,
  tib: 1024 ** 4,
};

/** Reads a size a person typed (`1,024`, `2.5 GB`, `210바이트`, `3 TiB`) as bytes; undefined when it is not one. */
export function parseBytes(text: string): number | undefined {
  const m = /^\s*(\d[\d,]*(?:\.\d+)?)\s*([A-Za-z가-힣]*)\s*$/.exec(text);
  if (!m) return undefined;
  const factor = m[2] ? SIZE_UNITS[m[2].toLowerCase()] : 1;
  if (factor === undefined) return undefined;
  return Math.round(Number(m[1].replace(/,/g, '')) * factor);
}

/**
 * Reads a number a person typed: thousands separators are allowed, and `93%` is 0.93 when
 * `percent` says a share is meant (quality measures are stored as fractions).
 */
export function parseNumber(text: string, { percent = false }: { percent?: boolean } = {}): number | undefined {
  const t = text.trim().replace(/,/g, '');
  const m = /^(-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?)\s*(%?)$/.exec(t);
  if (!m) return undefined;
  if (m[2] && !percent) return undefined;
  const n = Number(m[1]);
  return m[2] ? Number((n / 100).toPrecision(12)) : n;
}

/** A number in the UI language's digits grouping. */
export function formatNumber(n: number | null | undefined, lang: Lang, opts?: Intl.NumberFormatOptions): string {
  return n === null || n === undefined ? '' : new Intl.NumberFormat(localeOf(lang), opts).format(n);
}

// A date-only value (`2024-03-01`) is a calendar date, not midnight UTC: read it in UTC and print it in UTC.
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** A date as the UI language writes it (`2024. 3. 1.`, `Mar 1, 2024`). */
export function formatDate(d: string | Date | null | undefined, lang: Lang): string {
  if (!d) return '';
  const date = new Date(d);
  if (Number.isNaN(date.getTime())) return typeof d === 'string' ? d : '';
  const utc = typeof d === 'string' && DATE_ONLY.test(d);
  return new Intl.DateTimeFormat(localeOf(lang), { dateStyle: 'medium', ...(utc ? { timeZone: 'UTC' } : {}) }).format(date);
}

/** A moment with date and time in the UI language. */
export function formatDateTime(d: string | Date | null | undefined, lang: Lang): string {
  if (!d) return '';
  const date = new Date(d);
  if (Number.isNaN(date.getTime())) return '';
  return new Intl.DateTimeFormat(localeOf(lang), { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}

function displayName(type: 'language' | 'region', code: string, lang: Lang): string {
  try {
    return new Intl.DisplayNames([lang], { type, fallback: 'code' }).of(code) ?? code;
  } catch {
    return code;
  }
}

/** A language tag as its name in the UI language (`ko` → 한국어 / Korean). */
export function languageName(code: string, lang: Lang): string {
  return displayName('language', code, lang);
}

/** A country code as its name in the UI language (`US` → 미국 / United States). */
export function countryName(code: string, lang: Lang): string {
  return displayName('region', code.toUpperCase(), lang);
}

/** Common file types by MIME type, named by the key of their label (`common:fileTypes.<key>`). */
const FILE_TYPES: Record<string, string> = {
  'text/csv': 'csv',
  'text/tab-separated-values': 'tsv',
  'application/json': 'json',
  'application/schema+json': 'jsonSchema',
  'application/x-ndjson': 'jsonLines',
  'application/jsonl': 'jsonLines',
  'text/plain': 'text',
  'text/markdown': 'markdown',
  'application/pdf': 'pdf',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'word',
  'image/png': 'png',
  'image/jpeg': 'jpeg',
  'image/tiff': 'tiff',
  'image/webp': 'webp',
  'audio/wav': 'wav',
  'audio/x-wav': 'wav',
  'audio/flac': 'flac',
  'audio/mpeg': 'mp3',
  'audio/ogg': 'ogg',
  'video/mp4': 'mp4',
  'video/webm': 'webm',
  'video/x-matroska': 'mkv',
  'video/quicktime': 'mov',
  'application/zip': 'zip',
  'application/gzip': 'gzip',
  'application/x-tar': 'tar',
  'application/x-7z-compressed': 'sevenZip',
  'application/x-bzip2': 'bzip2',
  'application/x-xz': 'xz',
  'application/zstd': 'zstd',
  'application/vnd.apache.parquet': 'parquet',
  'application/x-hdf5': 'hdf5',
  'application/x-tfrecord': 'tfrecord',
  'application/x-arrow': 'arrow',
  'application/dicom': 'dicom',
  'application/octet-stream': 'binary',
};

/** A MIME type as people call the file (`application/zip` → "ZIP 압축 파일" / "ZIP archive"); unknown types stay as they are. */
export function fileTypeName(contentType: string, t: TFunction): string {
  const key = FILE_TYPES[contentType.toLowerCase().split(';')[0].trim()];
  return key ? t(`common:fileTypes.${key}`) : contentType;
}

/** Several MIME types as one readable list without repeats ("CSV, JSON, ZIP archive"). */
export function fileTypeList(contentTypes: readonly string[], t: TFunction): string {
  return formatList([...new Set(contentTypes.map((c) => fileTypeName(c, t)))]);
}

/** Names as one comma-separated list ("한국어, 영어"; Intl's Korean list style drops the commas). */
export function formatList(items: readonly string[]): string {
  return items.join(', ');
}
