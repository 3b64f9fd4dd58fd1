// The CSL-JSON item of one dataset version (docs/citations.md "Field mapping"): the one record the
// APA (English) and RIS formats are rendered from, and what the CSL-JSON download is. Pure.
import type { Locale } from '../../schemas/taxonomy';
import { pick } from '../interop/common';
import { versionUrl, type CitationSource } from './model';

/** The repository: where a format tells the publisher apart from the repository, this is the latter. */
export const REPOSITORY = 'K–US Data Bridge';

/** A CSL date: year, month, day as numbers (month 1-based). */
export type CslDate = { 'date-parts': number[][] };

/** The CSL-JSON fields this module writes (a subset of the CSL 1.0.2 data schema). */
export interface CslItem {
  id: string;
  type: 'dataset';
  title: string;
  author: Array<{ literal: string }>;
  publisher: string;
  archive: string;
  version: string;
  issued: CslDate;
  accessed: CslDate;
  URL: string;
  language: Locale;
  /** Filled once a DOI is minted (none is today: docs/citations.md). */
  DOI?: string;
}

/** The language a text is shown in: `lang` when present, else the other one. */
export function shownLang(text: { ko?: string; en?: string } | undefined, lang: Locale): Locale {
  const other: Locale = lang === 'en' ? 'ko' : 'en';
  return text?.[lang] ? lang : text?.[other] ? other : lang;
}

/** The title of the cited version in `lang`, falling back to the other language, then the slug. */
export function titleOf(src: CitationSource, lang: Locale): string {
  return pick(src.content.title, lang) ?? src.slug;
}

/** The author (the provider organisation) in `lang`, falling back to the other language. */
export function authorOf(src: CitationSource, lang: Locale): string {
  return pick(src.provider?.name, lang) ?? src.provider?.slug ?? REPOSITORY;
}

/** `YYYY-MM-DD` parts of a date in UTC. */
export function dateParts(d: Date): number[] {
  return [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()];
}

/** The citation key / CSL id of a version: `<slug>-v<n>`. */
export function citationKey(src: CitationSource): string {
  return `${src.slug}-v${src.version}`;
}

/** The CSL-JSON item of the cited version in `lang`. */
export function cslItem(src: CitationSource, lang: Locale): CslItem {
  return {
    id: citationKey(src),
    type: 'dataset',
    title: titleOf(src, lang),
    author: [{ literal: authorOf(src, lang) }],
    // The contact's organisation publishes the data (the contact defaults to the provider's: docs/design.md §3).
    publisher: authorOf(src, lang),
    archive: REPOSITORY,
    version: String(src.version),
    issued: { 'date-parts': [[src.publishedAt.getUTCFullYear()]] },
    accessed: { 'date-parts': [dateParts(src.accessed)] },
    URL: versionUrl(src.baseUrl, src.slug, src.version),
    language: shownLang(src.content.title, lang),
  };
}
