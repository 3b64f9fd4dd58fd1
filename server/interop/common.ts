// Small helpers shared by the export builders. Pure.
import { LICENSES, type Locale } from '../../schemas/taxonomy';

type Bi = { ko?: string; en?: string } | undefined | null;

/** The text in `lang`, falling back to the other language (published datasets have both). */
export function pick(text: Bi, lang: Locale): string | undefined {
  if (!text) return undefined;
  return text[lang] ?? text[lang === 'en' ? 'ko' : 'en'];
}

/** JSON-LD language-tagged literals for every language present. */
export function langLiterals(text: Bi): Array<{ '@value': string; '@language': Locale }> {
  if (!text) return [];
  return (['ko', 'en'] as const).filter((l) => text[l]).map((l) => ({ '@value': text[l]!, '@language': l }));
}

/** The licence document URL: the dataset's own, else the standard licence's. */
export function licenseUrl(license: { id?: string; url?: string } | undefined): string | undefined {
  if (!license?.id) return undefined;
  if (license.url) return license.url;
  const item = LICENSES.find((l) => l.code === license.id) as { url?: string | null } | undefined;
  return item?.url ?? undefined;
}

/** `YYYY-MM-DD` of a date (UTC). */
export function isoDate(d: Date | string | null | undefined): string | undefined {
  if (!d) return undefined;
  const date = new Date(d);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString().slice(0, 10);
}

/** A media type without parameters. */
export function bareMediaType(contentType: string): string {
  return contentType.split(';')[0].trim().toLowerCase();
}
