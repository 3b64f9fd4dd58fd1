// A source record as dataset content (docs/harvesting.md "Mapping"): title, summary and description in
// the source's language, keywords, licence, disclosure from the source's access level, distributions
// as links out, and suggested technology areas and modalities. A record that cannot become a valid
// dataset is refused with a reason, never written in part.
import { createHash } from 'node:crypto';
import { validate } from '../../schemas/ajv';
import { translator } from '../i18n';
import { mapLicense } from './license';
import type { LangText, SourceAccess, SourceRecord } from './record';
import { suggest, type Suggestion } from './suggest';

const TITLE_MAX = 200;
const SUMMARY_MAX = 300;
const DESCRIPTION_MAX = 20_000;
const ORIGINAL_ID_MAX = 500;

/** What a record becomes: dataset content (without slug), the origin facts and the content hash. */
export interface Mapped {
  originalId: string;
  /** Slug wanted (before uniqueness is settled). */
  slugBase: string;
  content: Record<string, unknown>;
  landingPage: string | null;
  sourceModified: string | null;
  suggested: Suggestion;
  hash: string;
}

/** Why a record was left out. */
export interface Refused {
  originalId: string | null;
  code: 'missing_identifier' | 'missing_title' | 'invalid_record' | 'private_record';
  params?: Record<string, unknown>;
}

const cut = (s: string, max: number) => (s.length <= max ? s : s.slice(0, max - 1).trimEnd() + '…');

/** The first sentence of a description, at most SUMMARY_MAX characters. */
export function summaryOf(description: string): string {
  const flat = description.replace(/\s+/g, ' ').trim();
  const m = /^(.+?[.!?。])(\s|$)/.exec(flat);
  return cut(m ? m[1] : flat, SUMMARY_MAX);
}

/** A slug from the title when it has Latin letters or digits, else from the identifier. */
export function slugBaseOf(title: string, originalId: string): string {
  const make = (s: string) =>
    s
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60)
      .replace(/-+$/, '');
  for (const candidate of [make(title), make(originalId)]) if (candidate.length >= 3) return candidate;
  return `harvested-${createHash('sha256').update(originalId).digest('hex').slice(0, 10)}`;
}

/** Texts by language: the source's own tags, else the source's language (`en` when it names none). */
function bilingual(texts: LangText[], lang: 'ko' | 'en', max: number): { ko?: string; en?: string } {
  const out: { ko?: string; en?: string } = {};
  for (const t of texts) {
    const l = t.lang ?? lang;
    if (!out[l]) out[l] = cut(t.text, max);
  }
  return out;
}

const ACCESS_LEVEL: Record<SourceAccess, string> = { public: 'open', restricted: 'approval', 'non-public': 'closed' };

function disclosureOf(access: SourceAccess) {
  const level = ACCESS_LEVEL[access];
  return {
    accessLevel: level,
    samplesAccess: level === 'open' ? 'open' : 'same_as_data',
    allowedCountries: ['*'],
    allowedOrgTypes: ['*'],
    allowedPurposes: ['research', 'education', 'public_interest', 'commercial'],
    crossBorder: 'allowed',
    conditions: { dua: false, irb: false, attribution: true, noRedistribution: false },
    maxGrantDays: 365,
  };
}

/** `start/end` of an ISO 8601 interval when both ends begin with a calendar date. */
function temporalOf(temporal: string | null): { start: string; end: string } | undefined {
  const m = /^(\d{4}-\d{2}-\d{2})[^/]*\/(\d{4}-\d{2}-\d{2})/.exec(temporal ?? '');
  return m && m[1] <= m[2] ? { start: m[1], end: m[2] } : undefined;
}

function distributionsOf(r: SourceRecord) {
  const ko = translator('ko');
  const en = translator('en');
  const seen = new Set<string>();
  const out: Array<Record<string, unknown>> = [];
  for (const d of r.distributions) {
    // Links are handed to readers as they are; only https ones (schemas/dataset.ts externalAccessItem).
    if (!/^https:\/\/\S+$/.test(d.url) || d.url.length > 2000 || seen.has(d.url) || out.length >= 10) continue;
    seen.add(d.url);
    const kind = d.format ?? d.mediaType;
    const label = cut(d.title ? (kind ? `${d.title} (${kind})` : d.title) : (kind ?? d.url), 300);
    const vars = { label };
    out.push({ id: `dist-${out.length + 1}`, kind: 'url', url: d.url, text: { ko: ko('harvest.distribution', vars), en: en('harvest.distribution', vars) } });
  }
  return out;
}

/** Maps a record, or says why it cannot be harvested. */
export function mapRecord(r: SourceRecord): Mapped | Refused {
  const originalId = r.originalId;
  if (!originalId) return { originalId: null, code: 'missing_identifier' };
  if (originalId.length > ORIGINAL_ID_MAX) return { originalId: originalId.slice(0, 100), code: 'invalid_record', params: { path: '/identifier' } };
  if (r.private) return { originalId, code: 'private_record' };
  if (!r.titles.length) return { originalId, code: 'missing_title' };
  const lang = r.titles[0].lang ?? (r.languages.length && r.languages[0].toLowerCase().startsWith('ko') ? 'ko' : 'en');
  const description = bilingual(r.descriptions, lang, DESCRIPTION_MAX);
  const summary = Object.fromEntries(Object.entries(description).map(([l, t]) => [l, summaryOf(t)]));
  const keywords: { ko?: string[]; en?: string[] } = {};
  for (const k of r.keywords) {
    const l = k.lang ?? lang;
    const list = (keywords[l] ??= []);
    if (k.text.length <= 60 && !list.includes(k.text) && list.length < 30) list.push(k.text);
  }
  const suggested = suggest([...r.keywords.map((k) => k.text), ...r.themes]);
  const landingPage = r.landingPage && /^https?:\/\/\S+$/.test(r.landingPage) && r.landingPage.length <= 2000 ? r.landingPage : null;
  const languages = [...new Set(r.languages.filter((l) => /^[a-z]{2,3}(-[A-Z][a-z]{3})?(-([A-Z]{2}|[0-9]{3}))?$/.test(l)))].slice(0, 20);
  const formats = [...new Set(r.distributions.map((d) => d.format).filter((f): f is string => !!f && f.length <= 40))].slice(0, 20);
  const email = r.contact?.email && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(r.contact.email) ? r.contact.email : null;
  const content: Record<string, unknown> = {
    title: bilingual(r.titles, lang, TITLE_MAX),
    ...(Object.keys(summary).length ? { summary } : {}),
    ...(Object.keys(description).length ? { description } : {}),
    ...(Object.keys(keywords).length ? { keywords } : {}),
    modalities: suggested.modalities,
    techAreas: suggested.techAreas,
    languages: languages.length ? languages : [lang],
    ...(formats.length ? { formats } : {}),
    ...(r.spatial ? { spatialCoverage: { [lang]: cut(r.spatial, 200) } } : {}),
    ...(temporalOf(r.temporal) ? { temporalCoverage: temporalOf(r.temporal) } : {}),
    license: mapLicense(r.license, landingPage),
    disclosure: disclosureOf(r.access ?? 'public'),
    classification: { level: 'public', personalInfo: 'none', sensitiveCategories: [], exportControl: { controlled: false }, nationalCoreTechnology: false },
    ...(email && r.contact?.name ? { contact: { name: cut(r.contact.name, 100), email } } : {}),
    externalAccess: distributionsOf(r),
  };
  const slugBase = slugBaseOf(r.titles[0].text, originalId);
  const check = validate('datasets.draft', { slug: slugBase, ...content });
  if (!check.ok) return { originalId, code: 'invalid_record', params: { path: check.errors[0]?.path ?? '' } };
  const sourceModified = r.modified;
  const hash = createHash('sha256').update(JSON.stringify({ content, landingPage, sourceModified, publisher: r.publisherName })).digest('hex');
  return { originalId, slugBase, content, landingPage, sourceModified, suggested, hash };
}
