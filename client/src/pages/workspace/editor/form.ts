// The dataset editor's form model: what the inputs hold (strings, lists of codes) and how it
// becomes the draft object the shared JSON Schemas and the API judge. Empty inputs are left out:
// the server rejects blank strings, and a draft only holds what the provider has said.
import { parseBytes, parseNumber } from '../../../lib/format';
import type { WorkingDataset } from '../types';

export interface BiInput {
  ko: string;
  en: string;
}

/** Everything the editor's inputs hold, as typed. */
export interface FormState {
  slug: string;
  title: BiInput;
  summary: BiInput;
  description: BiInput;
  /** Comma-separated keywords per language. */
  keywords: BiInput;
  contactName: string;
  contactEmail: string;
  modalities: string[];
  tasks: string[];
  /** Comma-separated BCP-47 tags. */
  languages: string;
  domain: string;
  techKr: string[];
  techUs: string[];
  temporalStart: string;
  temporalEnd: string;
  spatial: BiInput;
  sizeRecords: string;
  sizeBytes: string;
  sizeHours: string;
  /** Comma-separated formats. */
  formats: string;
  licenseId: string;
  licenseUrl: string;
  /** Only for custom terms: '' (unsaid), 'yes' or 'no'. */
  commercialUse: '' | 'yes' | 'no';
  accessLevel: string;
  samplesAccess: string;
  countriesMode: '' | 'all' | 'list';
  /** Comma-separated ISO 3166-1 alpha-2 codes. */
  countries: string;
  orgTypesMode: '' | 'all' | 'list';
  orgTypes: string[];
  purposes: string[];
  crossBorder: string;
  dua: boolean;
  irb: boolean;
  attribution: boolean;
  noRedistribution: boolean;
  deleteAfterDays: string;
  maxGrantDays: string;
  level: string;
  personalInfo: string;
  sensitive: string[];
  exportControlled: '' | 'yes' | 'no';
  exportRegime: string;
  exportReference: string;
  nationalCore: '' | 'yes' | 'no';
  procedureId: string;
  procedureVersion: string;
  /** Measured QA values by metric code. */
  results: Record<string, string>;
}

const emptyBi = (): BiInput => ({ ko: '', en: '' });

/** A blank form for a new dataset. */
export function emptyForm(): FormState {
  return {
    slug: '',
    title: emptyBi(),
    summary: emptyBi(),
    description: emptyBi(),
    keywords: emptyBi(),
    contactName: '',
    contactEmail: '',
    modalities: [],
    tasks: [],
    languages: '',
    domain: '',
    techKr: [],
    techUs: [],
    temporalStart: '',
    temporalEnd: '',
    spatial: emptyBi(),
    sizeRecords: '',
    sizeBytes: '',
    sizeHours: '',
    formats: '',
    licenseId: '',
    licenseUrl: '',
    commercialUse: '',
    accessLevel: '',
    samplesAccess: '',
    countriesMode: '',
    countries: '',
    orgTypesMode: '',
    orgTypes: [],
    purposes: [],
    crossBorder: '',
    dua: false,
    irb: false,
    attribution: false,
    noRedistribution: false,
    deleteAfterDays: '',
    maxGrantDays: '',
    level: '',
    personalInfo: '',
    sensitive: [],
    exportControlled: '',
    exportRegime: '',
    exportReference: '',
    nationalCore: '',
    procedureId: '',
    procedureVersion: '',
    results: {},
  };
}

type Loose = Record<string, unknown>;
const obj = (v: unknown): Loose => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Loose) : {});
const str = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');
const strs = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
const bi = (v: unknown): BiInput => ({ ko: str(obj(v).ko), en: str(obj(v).en) });
const yesNo = (v: unknown): '' | 'yes' | 'no' => (v === true ? 'yes' : v === false ? 'no' : '');

/** The form holding a saved dataset. */
export function fromDataset(ds: WorkingDataset): FormState {
  const f = emptyForm();
  const d = ds as unknown as Loose;
  const keywords = obj(d.keywords);
  const tech = obj(d.techAreas);
  const coverage = obj(d.temporalCoverage);
  const size = obj(d.size);
  const license = obj(d.license);
  const disc = obj(d.disclosure);
  const cond = obj(disc.conditions);
  const cls = obj(d.classification);
  const ec = obj(cls.exportControl);
  const lab = obj(d.labeling);
  const contact = obj(d.contact);
  const countries = strs(disc.allowedCountries);
  const orgTypes = strs(disc.allowedOrgTypes);
  return {
    ...f,
    slug: str(d.slug),
    title: bi(d.title),
    summary: bi(d.summary),
    description: bi(d.description),
    keywords: { ko: strs(keywords.ko).join(', '), en: strs(keywords.en).join(', ') },
    contactName: str(contact.name),
    contactEmail: str(contact.email),
    modalities: strs(d.modalities),
    tasks: strs(d.tasks),
    languages: strs(d.languages).join(', '),
    domain: str(d.domain),
    techKr: strs(tech.kr),
    techUs: strs(tech.us),
    temporalStart: str(coverage.start),
    temporalEnd: str(coverage.end),
    spatial: bi(d.spatialCoverage),
    sizeRecords: str(size.records),
    sizeBytes: str(size.bytes),
    sizeHours: str(size.hours),
    formats: strs(d.formats).join(', '),
    licenseId: str(license.id),
    licenseUrl: str(license.url),
    commercialUse: yesNo(license.commercialUse),
    accessLevel: str(disc.accessLevel),
    samplesAccess: str(disc.samplesAccess),
    countriesMode: disc.allowedCountries === undefined ? '' : countries.includes('*') ? 'all' : 'list',
    countries: countries.filter((c) => c !== '*').join(', '),
    orgTypesMode: disc.allowedOrgTypes === undefined ? '' : orgTypes.includes('*') ? 'all' : 'list',
    orgTypes: orgTypes.filter((c) => c !== '*'),
    purposes: strs(disc.allowedPurposes),
    crossBorder: str(disc.crossBorder),
    dua: cond.dua === true,
    irb: cond.irb === true,
    attribution: cond.attribution === true,
    noRedistribution: cond.noRedistribution === true,
    deleteAfterDays: str(cond.deleteAfterDays),
    maxGrantDays: str(disc.maxGrantDays),
    level: str(cls.level),
    personalInfo: str(cls.personalInfo),
    sensitive: strs(cls.sensitiveCategories),
    exportControlled: yesNo(ec.controlled),
    exportRegime: str(ec.regime),
    exportReference: str(ec.reference),
    nationalCore: yesNo(cls.nationalCoreTechnology),
    procedureId: str(lab.procedureId),
    procedureVersion: str(lab.procedureVersion),
    results: Object.fromEntries(
      (Array.isArray(lab.results) ? lab.results : []).map((r) => [str(obj(r).metric), str(obj(r).value)]).filter(([m]) => m),
    ),
  };
}

/** Drops undefined members; an object left empty becomes undefined. */
function compact(o: Loose): Loose | undefined {
  const out: Loose = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined) out[k] = v;
  return Object.keys(out).length ? out : undefined;
}

const text = (s: string): string | undefined => (s.trim() ? s.trim() : undefined);
const biText = (b: BiInput) => compact({ ko: text(b.ko), en: text(b.en) });
/** Comma- or newline-separated values, trimmed, empty ones dropped. */
export const splitList = (s: string): string[] =>
  s
    .split(/[,\n]/)
    .map((x) => x.trim())
    .filter(Boolean);

/**
 * A typed number (`1,200`; with `percent`, `93%` is 0.93), or the raw text when it is not one: the
 * schema then says at the field what to type, exactly as the server would.
 */
function num(s: string, opts?: { percent?: boolean }): number | string | undefined {
  if (!s.trim()) return undefined;
  return parseNumber(s, opts) ?? s.trim();
}

/** A size as typed (`2.5 GB`, `800 MB`, `1,024`) in bytes, or the raw text when it is not one. */
function bytesOf(s: string): number | string | undefined {
  if (!s.trim()) return undefined;
  return parseBytes(s) ?? s.trim();
}

const bool = (v: '' | 'yes' | 'no'): boolean | undefined => (v === 'yes' ? true : v === 'no' ? false : undefined);

/**
 * The draft object of the form (the `datasets.create` body; without `slug` a `datasets.update`
 * body). Lists of codes are always sent, so that unticking every box clears them.
 */
export function toDraft(f: FormState): Loose {
  const kwKo = splitList(f.keywords.ko);
  const kwEn = splitList(f.keywords.en);
  const license = f.licenseId
    ? compact({ id: f.licenseId, url: text(f.licenseUrl), commercialUse: f.licenseId === 'custom' ? bool(f.commercialUse) : undefined })
    : undefined;

  const disclosureCore = compact({
    accessLevel: f.accessLevel || undefined,
    samplesAccess: f.samplesAccess || undefined,
    allowedCountries: f.countriesMode === 'all' ? ['*'] : f.countriesMode === 'list' ? splitList(f.countries).map((c) => c.toUpperCase()) : undefined,
    allowedOrgTypes: f.orgTypesMode === 'all' ? ['*'] : f.orgTypesMode === 'list' ? f.orgTypes : undefined,
    allowedPurposes: f.purposes.length ? f.purposes : undefined,
    crossBorder: f.crossBorder || undefined,
    maxGrantDays: num(f.maxGrantDays),
  });
  const anyCondition = f.dua || f.irb || f.attribution || f.noRedistribution || !!f.deleteAfterDays.trim();
  // Conditions are tick boxes: once the provider has said anything about disclosure, unticked means "no".
  const conditions =
    disclosureCore || anyCondition
      ? compact({ dua: f.dua, irb: f.irb, attribution: f.attribution, noRedistribution: f.noRedistribution, deleteAfterDays: num(f.deleteAfterDays) })
      : undefined;
  const disclosure = disclosureCore || conditions ? { ...disclosureCore, conditions } : undefined;

  const controlled = bool(f.exportControlled);
  const exportControl =
    controlled === undefined
      ? undefined
      : compact({ controlled, regime: controlled ? f.exportRegime || undefined : undefined, reference: controlled ? text(f.exportReference) : undefined });
  const classificationCore = compact({
    level: f.level || undefined,
    personalInfo: f.personalInfo || undefined,
    exportControl,
    nationalCoreTechnology: bool(f.nationalCore),
  });
  const classification = classificationCore || f.sensitive.length ? { ...classificationCore, sensitiveCategories: f.sensitive } : undefined;

  const results = Object.entries(f.results)
    .filter(([, v]) => v.trim())
    .map(([metric, v]) => ({ metric, value: num(v, { percent: true }) }));
  const labeling = f.procedureId
    ? compact({ procedureId: f.procedureId, procedureVersion: num(f.procedureVersion), results: results.length ? results : undefined })
    : undefined;

  return compact({
    slug: text(f.slug),
    title: biText(f.title),
    summary: biText(f.summary),
    description: biText(f.description),
    keywords: compact({ ko: kwKo.length ? kwKo : undefined, en: kwEn.length ? kwEn : undefined }),
    contact: f.contactName.trim() || f.contactEmail.trim() ? compact({ name: text(f.contactName), email: text(f.contactEmail) }) : undefined,
    modalities: f.modalities,
    tasks: f.tasks,
    languages: splitList(f.languages),
    domain: f.domain || undefined,
    techAreas: { kr: f.techKr, us: f.techUs },
    temporalCoverage: compact({ start: f.temporalStart || undefined, end: f.temporalEnd || undefined }),
    spatialCoverage: biText(f.spatial),
    size: compact({ records: num(f.sizeRecords), bytes: bytesOf(f.sizeBytes), hours: num(f.sizeHours) }),
    formats: splitList(f.formats),
    license,
    disclosure,
    classification,
    labeling,
  }) ?? {};
}

/** The editor's steps and the parts of the dataset (JSON pointers) each one edits. */
export const STEPS = [
  { key: 'basics', paths: ['/slug', '/title', '/summary', '/description', '/keywords', '/contact'] },
  { key: 'content', paths: ['/modalities', '/tasks', '/languages', '/domain', '/techAreas', '/temporalCoverage', '/spatialCoverage', '/size', '/formats'] },
  { key: 'disclosure', paths: ['/license', '/disclosure'] },
  { key: 'classification', paths: ['/classification'] },
  { key: 'labeling', paths: ['/labeling'] },
  { key: 'files', paths: ['/artifacts'] },
  { key: 'review', paths: ['/changeNote'] },
] as const;
export type StepKey = (typeof STEPS)[number]['key'];

/** The index of the step that edits the field at `path` (the first step when none does). */
export function stepOfPath(path: string): number {
  const i = STEPS.findIndex((s) => (s.paths as readonly string[]).some((p) => path === p || path.startsWith(p + '/')));
  return i < 0 ? 0 : i;
}

/**
 * The i18n key (namespace `workspace`) naming the field at `path`, for error summaries. Array
 * indices are dropped (`/keywords/en/3` is a keyword) and unknown leaves fall back to their parent.
 */
export function fieldKeyOf(path: string): string | null {
  let segments = path.split('/').slice(1).filter((s) => !/^\d+$/.test(s));
  while (segments.length) {
    const key = FIELD_KEYS[segments.join('/')];
    if (key) return key;
    segments = segments.slice(0, -1);
  }
  return null;
}

/** Sorts error entries into the order the form shows its fields (step by step, top to bottom). */
export function byFormOrder<T>(entries: [string, T][]): [string, T][] {
  const order = Object.keys(FIELD_KEYS);
  const rank = (path: string) => {
    let segments = path.split('/').slice(1).filter((s) => !/^\d+$/.test(s));
    while (segments.length) {
      const i = order.indexOf(segments.join('/'));
      if (i >= 0) return i;
      segments = segments.slice(0, -1);
    }
    return order.length;
  };
  return [...entries].sort(([a], [b]) => stepOfPath(a) - stepOfPath(b) || rank(a) - rank(b) || a.localeCompare(b));
}

const FIELD_KEYS: Record<string, string> = {
  slug: 'fields.slug',
  title: 'fields.title',
  'title/ko': 'fields.titleKo',
  'title/en': 'fields.titleEn',
  summary: 'fields.summary',
  'summary/ko': 'fields.summaryKo',
  'summary/en': 'fields.summaryEn',
  description: 'fields.description',
  'description/ko': 'fields.descriptionKo',
  'description/en': 'fields.descriptionEn',
  keywords: 'fields.keywords',
  'keywords/ko': 'fields.keywordsKo',
  'keywords/en': 'fields.keywordsEn',
  contact: 'fields.contact',
  'contact/name': 'fields.contactName',
  'contact/email': 'fields.contactEmail',
  modalities: 'fields.modalities',
  tasks: 'fields.tasks',
  languages: 'fields.languages',
  domain: 'fields.domain',
  techAreas: 'fields.techAreas',
  'techAreas/kr': 'fields.techKr',
  'techAreas/us': 'fields.techUs',
  temporalCoverage: 'fields.temporalCoverage',
  'temporalCoverage/start': 'fields.temporalStart',
  'temporalCoverage/end': 'fields.temporalEnd',
  spatialCoverage: 'fields.spatialCoverage',
  'spatialCoverage/ko': 'fields.spatialKo',
  'spatialCoverage/en': 'fields.spatialEn',
  size: 'fields.size',
  'size/records': 'fields.sizeRecords',
  'size/bytes': 'fields.sizeBytes',
  'size/hours': 'fields.sizeHours',
  formats: 'fields.formats',
  license: 'fields.license',
  'license/id': 'fields.license',
  'license/url': 'fields.licenseUrl',
  'license/commercialUse': 'fields.commercialUse',
  disclosure: 'fields.disclosure',
  'disclosure/accessLevel': 'fields.accessLevel',
  'disclosure/samplesAccess': 'fields.samplesAccess',
  'disclosure/allowedCountries': 'fields.allowedCountries',
  'disclosure/allowedOrgTypes': 'fields.allowedOrgTypes',
  'disclosure/allowedPurposes': 'fields.allowedPurposes',
  'disclosure/crossBorder': 'fields.crossBorder',
  'disclosure/conditions': 'fields.conditions',
  'disclosure/conditions/deleteAfterDays': 'fields.deleteAfterDays',
  'disclosure/maxGrantDays': 'fields.maxGrantDays',
  classification: 'fields.classification',
  'classification/level': 'fields.level',
  'classification/personalInfo': 'fields.personalInfo',
  'classification/sensitiveCategories': 'fields.sensitiveCategories',
  'classification/exportControl': 'fields.exportControl',
  'classification/exportControl/controlled': 'fields.exportControl',
  'classification/exportControl/regime': 'fields.exportRegime',
  'classification/exportControl/reference': 'fields.exportReference',
  'classification/nationalCoreTechnology': 'fields.nationalCore',
  labeling: 'fields.labeling',
  'labeling/procedureId': 'fields.procedure',
  'labeling/procedureVersion': 'fields.procedureVersion',
  'labeling/results': 'fields.results',
  artifacts: 'fields.artifacts',
  changeNote: 'fields.changeNote',
  'changeNote/ko': 'fields.changeNoteKo',
  'changeNote/en': 'fields.changeNoteEn',
};
