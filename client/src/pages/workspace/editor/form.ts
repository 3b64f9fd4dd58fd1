// The dataset editor's form model: what the inputs hold (strings, lists of codes), blank or read
// from a saved dataset. draft.ts turns it into the draft object the shared JSON Schemas and the API
// judge; steps.ts says which step edits which part.
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

/** A loosely typed JSON object. */
export type Loose = Record<string, unknown>;
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
