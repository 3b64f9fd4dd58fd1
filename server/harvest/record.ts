// The one shape every reader turns a source record into, before mapping (docs/harvesting.md "Readers").

/** Access levels as the source states them (DCAT-US accessLevel; DCAT-AP access-right vocabulary; CKAN private). */
export type SourceAccess = 'public' | 'restricted' | 'non-public';

/** A text with the language it was written in, when the source said. */
export interface LangText {
  lang: 'ko' | 'en' | null;
  text: string;
}

export interface SourceDistribution {
  url: string;
  title: string | null;
  format: string | null;
  mediaType: string | null;
}

/** One catalogue record as read, before any checks (missing fields are null or empty). */
export interface SourceRecord {
  originalId: string | null;
  titles: LangText[];
  descriptions: LangText[];
  keywords: LangText[];
  themes: string[];
  /** BCP 47 tags the source gives for the data's language. */
  languages: string[];
  modified: string | null;
  issued: string | null;
  publisherName: string | null;
  contact: { name: string | null; email: string | null } | null;
  access: SourceAccess | null;
  /** A CKAN private dataset: never harvested. */
  private: boolean;
  /** Licence as given: a URL or an identifier. */
  license: string | null;
  rights: string | null;
  landingPage: string | null;
  spatial: string | null;
  temporal: string | null;
  distributions: SourceDistribution[];
}

/** Receives records one by one; a reader waits for it before reading on (memory stays bounded). */
export type RecordSink = (record: SourceRecord | { invalid: true; originalId: string | null }) => Promise<void>;

/** A string value, trimmed, or null. */
export function str(v: unknown): string | null {
  if (typeof v === 'number') return String(v);
  if (typeof v !== 'string') return null;
  const t = v.trim();
  return t ? t : null;
}

/** A value as a list (a single value becomes a list of one). */
export function asList(v: unknown): unknown[] {
  if (v === undefined || v === null) return [];
  return Array.isArray(v) ? v : [v];
}

/** `ko` or `en` from a language tag; null for other or no language. */
export function langOf(tag: unknown): 'ko' | 'en' | null {
  const t = typeof tag === 'string' ? tag.toLowerCase() : '';
  if (t.startsWith('ko')) return 'ko';
  if (t.startsWith('en')) return 'en';
  return null;
}

/** An empty record to fill in. */
export function emptyRecord(): SourceRecord {
  return {
    originalId: null,
    titles: [],
    descriptions: [],
    keywords: [],
    themes: [],
    languages: [],
    modified: null,
    issued: null,
    publisherName: null,
    contact: null,
    access: null,
    private: false,
    license: null,
    rights: null,
    landingPage: null,
    spatial: null,
    temporal: null,
    distributions: [],
  };
}
