// Plain-language explanations of licence, disclosure, classification and QA codes.
// Pure functions: codes in, i18n keys (namespace-qualified, so any page's `t` resolves them) out,
// with the icon and tone a page shows next to the sentence. The sentences live in
// locales/<lang>/dataset.json under `explain`.
import { labelOf, LICENSES, type LicenseItem, type Locale } from '@schemas/taxonomy';

/** Icons the explanation components draw (inline SVG; always next to text, never alone). */
export type ExplainIcon = 'check' | 'cross' | 'alert' | 'info' | 'lock' | 'unlock' | 'globe' | 'users' | 'building' | 'target' | 'clock' | 'file' | 'shield' | 'key' | 'enclave' | 'person' | 'ban';

/** How favourable a fact is for someone who wants to use the data; colour is a hint only. */
export type ExplainTone = 'ok' | 'warn' | 'stop' | 'info';

/** One explained fact: an i18n key with its interpolation values, an icon and a tone. */
export interface Explanation {
  key: string;
  values?: Record<string, string | number>;
  icon: ExplainIcon;
  tone: ExplainTone;
}

const NS = 'dataset:explain';

function ex(key: string, icon: ExplainIcon, tone: ExplainTone, values?: Explanation['values']): Explanation {
  return values ? { key: `${NS}.${key}`, icon, tone, values } : { key: `${NS}.${key}`, icon, tone };
}

const intlLocale = (lang: Locale) => (lang === 'ko' ? 'ko-KR' : 'en-US');

/** A list in the language's conjunction style ("A, B and C" / "A, B 및 C"). */
export function formatList(items: string[], lang: Locale): string {
  return new Intl.ListFormat(intlLocale(lang), { style: 'long', type: 'conjunction' }).format(items);
}

/** The localised name of an ISO 3166-1 alpha-2 country code. */
export function countryName(code: string, lang: Locale): string {
  try {
    return new Intl.DisplayNames([intlLocale(lang)], { type: 'region' }).of(code) ?? code;
  } catch {
    return code;
  }
}

/** The localised name of a BCP-47 language tag (e.g. ko-KR → "Korean (South Korea)"). */
export function languageName(tag: string, lang: Locale): string {
  try {
    return new Intl.DisplayNames([intlLocale(lang)], { type: 'language' }).of(tag) ?? tag;
  } catch {
    return tag;
  }
}

// ---------------------------------------------------------------------------------------------
// Licence
// ---------------------------------------------------------------------------------------------

/** The taxonomy entry of a licence code, if it is known. */
export function licenseItem(id: string | undefined): LicenseItem | undefined {
  return (LICENSES as readonly LicenseItem[]).find((l) => l.code === id);
}

/** A short licence name for badges: the label without its parenthesised gloss ("KOGL Type 2", "CC BY 4.0"). */
export function licenseShortLabel(id: string, lang: Locale): string {
  return labelOf('licenses', id, lang).replace(/\s*\(.*\)\s*$/, '');
}

/** Licences whose terms require naming the source (every KOGL type but 0, every CC licence but CC0). */
function needsAttribution(id: string): boolean | null {
  if (id === 'custom') return null;
  return id !== 'KOGL-0' && id !== 'CC0-1.0';
}

/** What a licence lets a user do, as explained facts: attribution, commercial use, changes, share-alike. */
export function explainLicense(license: { id: string; commercialUse?: boolean } | undefined): Explanation[] {
  if (!license) return [ex('license.none', 'alert', 'warn')];
  const item = licenseItem(license.id);
  const out: Explanation[] = [];
  if (license.id === 'custom') {
    out.push(ex('license.customTerms', 'file', 'info'));
    if (license.commercialUse === true) out.push(ex('license.commercialAllowed', 'check', 'ok'));
    else if (license.commercialUse === false) out.push(ex('license.commercialProhibited', 'ban', 'stop'));
    return out;
  }
  if (!item) return [ex('license.unknown', 'alert', 'warn')];
  const attribution = needsAttribution(license.id);
  out.push(attribution ? ex('license.attributionRequired', 'info', 'info') : ex('license.noAttribution', 'check', 'ok'));
  out.push(item.commercial ? ex('license.commercialAllowed', 'check', 'ok') : ex('license.commercialProhibited', 'ban', 'stop'));
  out.push(item.derivatives ? ex('license.derivativesAllowed', 'check', 'ok') : ex('license.derivativesProhibited', 'ban', 'stop'));
  if (/-SA-/.test(license.id)) out.push(ex('license.shareAlike', 'info', 'info'));
  return out;
}

// ---------------------------------------------------------------------------------------------
// Disclosure rules
// ---------------------------------------------------------------------------------------------

const ACCESS_LEVEL: Record<string, [ExplainIcon, ExplainTone]> = {
  open: ['unlock', 'ok'],
  registered: ['person', 'ok'],
  approval: ['key', 'warn'],
  enclave: ['enclave', 'warn'],
  closed: ['lock', 'stop'],
};

/** Who may get the full data under an access level. */
export function explainAccessLevel(level: string | undefined): Explanation {
  const [icon, tone] = (level && ACCESS_LEVEL[level]) || ['alert', 'warn'];
  return level && ACCESS_LEVEL[level] ? ex(`accessLevel.${level}`, icon, tone) : ex('notStated', icon, tone);
}

const SAMPLES: Record<string, [ExplainIcon, ExplainTone]> = {
  open: ['unlock', 'ok'],
  registered: ['person', 'ok'],
  same_as_data: ['key', 'info'],
};

/** Who may get the samples; `same_as_data` names the data's access level. */
export function explainSamplesAccess(samples: string | undefined, accessLevel: string | undefined, lang: Locale): Explanation {
  if (!samples || !SAMPLES[samples]) return ex('notStated', 'alert', 'warn');
  const [icon, tone] = SAMPLES[samples];
  return samples === 'same_as_data'
    ? ex('samplesAccess.same_as_data', icon, tone, { level: accessLevel ? labelOf('accessLevels', accessLevel, lang) : '' })
    : ex(`samplesAccess.${samples}`, icon, tone);
}

/** Which countries' organisations may apply; `*` means every country. */
export function explainAllowedCountries(codes: readonly string[] | undefined, lang: Locale): Explanation {
  if (!codes || codes.length === 0) return ex('countries.none', 'ban', 'stop');
  if (codes.includes('*')) return ex('countries.all', 'globe', 'ok');
  return ex('countries.some', 'globe', 'info', { list: formatList(codes.map((c) => countryName(c, lang)), lang) });
}

/** Which kinds of organisation may apply; `*` means every kind. */
export function explainAllowedOrgTypes(types: readonly string[] | undefined, lang: Locale): Explanation {
  if (!types || types.length === 0) return ex('orgTypes.none', 'ban', 'stop');
  if (types.includes('*')) return ex('orgTypes.all', 'building', 'ok');
  return ex('orgTypes.some', 'building', 'info', { list: formatList(types.map((c) => labelOf('organizationTypes', c, lang)), lang) });
}

/** The purposes the data may be used for. */
export function explainPurposes(purposes: readonly string[] | undefined, lang: Locale): Explanation {
  if (!purposes || purposes.length === 0) return ex('purposes.none', 'ban', 'stop');
  const list = formatList(purposes.map((p) => labelOf('purposes', p, lang)), lang);
  return purposes.includes('commercial') ? ex('purposes.withCommercial', 'target', 'ok', { list }) : ex('purposes.some', 'target', 'info', { list });
}

const CROSS_BORDER: Record<string, [ExplainIcon, ExplainTone]> = {
  allowed: ['globe', 'ok'],
  conditional: ['file', 'warn'],
  prohibited: ['ban', 'stop'],
};

/** Whether the data may be used outside Korea, and what that needs. */
export function explainCrossBorder(crossBorder: string | undefined): Explanation {
  if (!crossBorder || !CROSS_BORDER[crossBorder]) return ex('notStated', 'alert', 'warn');
  const [icon, tone] = CROSS_BORDER[crossBorder];
  return ex(`crossBorder.${crossBorder}`, icon, tone);
}

/** Every condition attached to use, or one "no conditions" fact. */
export function explainConditions(
  conditions: { dua?: boolean; irb?: boolean; attribution?: boolean; noRedistribution?: boolean; deleteAfterDays?: number } | undefined,
): Explanation[] {
  if (!conditions) return [ex('notStated', 'alert', 'warn')];
  const out: Explanation[] = [];
  if (conditions.dua) out.push(ex('conditions.dua', 'file', 'info'));
  if (conditions.irb) out.push(ex('conditions.irb', 'shield', 'warn'));
  if (conditions.attribution) out.push(ex('conditions.attribution', 'info', 'info'));
  if (conditions.noRedistribution) out.push(ex('conditions.noRedistribution', 'ban', 'info'));
  if (conditions.deleteAfterDays) out.push(ex('conditions.deleteAfterDays', 'clock', 'info', { count: conditions.deleteAfterDays }));
  return out.length ? out : [ex('conditions.none', 'check', 'ok')];
}

/** The longest access a single approval can grant. */
export function explainMaxGrantDays(days: number | undefined): Explanation {
  return days ? ex('maxGrantDays', 'clock', 'info', { count: days }) : ex('notStated', 'alert', 'warn');
}

// ---------------------------------------------------------------------------------------------
// Security classification
// ---------------------------------------------------------------------------------------------

const LEVEL: Record<string, [ExplainIcon, ExplainTone]> = {
  public: ['unlock', 'ok'],
  internal: ['person', 'info'],
  sensitive: ['shield', 'warn'],
  confidential: ['lock', 'stop'],
};

/** Who may see the metadata under a classification level, and what it implies for access. */
export function explainClassificationLevel(level: string | undefined): Explanation {
  if (!level || !LEVEL[level]) return ex('notStated', 'alert', 'warn');
  const [icon, tone] = LEVEL[level];
  return ex(`classification.${level}`, icon, tone);
}

const PERSONAL: Record<string, [ExplainIcon, ExplainTone]> = {
  none: ['check', 'ok'],
  anonymized: ['check', 'ok'],
  pseudonymized: ['shield', 'warn'],
  identifiable: ['person', 'stop'],
};

/** Personal-information status with the PIPA rule that follows from it. */
export function explainPersonalInfo(status: string | undefined): Explanation {
  if (!status || !PERSONAL[status]) return ex('notStated', 'alert', 'warn');
  const [icon, tone] = PERSONAL[status];
  return ex(`personalInfo.${status}`, icon, tone);
}

/** Sensitive categories of personal information (PIPA Art. 23 and related statutes). */
export function explainSensitiveCategories(categories: readonly string[] | undefined, lang: Locale): Explanation {
  if (!categories || categories.length === 0) return ex('sensitive.none', 'check', 'ok');
  return ex('sensitive.some', 'alert', 'warn', { list: formatList(categories.map((c) => labelOf('sensitiveCategories', c, lang)), lang) });
}

/** Export-control status, naming the regime and permit reference when controlled. */
export function explainExportControl(exportControl: { controlled: boolean; regime?: string; reference?: string } | undefined, lang: Locale): Explanation {
  if (!exportControl) return ex('notStated', 'alert', 'warn');
  if (!exportControl.controlled) return ex('exportControl.none', 'check', 'ok');
  const regime = exportControl.regime ? labelOf('exportControlRegimes', exportControl.regime, lang) : '';
  return exportControl.reference
    ? ex('exportControl.controlledRef', 'globe', 'stop', { regime, reference: exportControl.reference })
    : ex('exportControl.controlled', 'globe', 'stop', { regime });
}

/** Whether the data concerns a national core technology (Industrial Technology Protection Act). */
export function explainNationalCoreTechnology(flag: boolean | undefined): Explanation {
  if (flag === undefined) return ex('notStated', 'alert', 'warn');
  return flag ? ex('nationalCoreTechnology.yes', 'building', 'stop') : ex('nationalCoreTechnology.no', 'check', 'ok');
}

// ---------------------------------------------------------------------------------------------
// Labeling quality
// ---------------------------------------------------------------------------------------------

/** Whether a measured QA value meets its target. */
export type QaOutcome = 'met' | 'not_met' | 'missing';

/** Compares a measured value with a target in the target's direction. */
export function qaOutcome(target: number, direction: string, value: number | undefined): QaOutcome {
  if (value === undefined || value === null || Number.isNaN(value)) return 'missing';
  const met = direction === 'lower_better' ? value <= target : value >= target;
  return met ? 'met' : 'not_met';
}

/** The sentence, icon and tone of a QA outcome. */
export function explainQaOutcome(outcome: QaOutcome): Explanation {
  if (outcome === 'met') return ex('qa.met', 'check', 'ok');
  if (outcome === 'not_met') return ex('qa.not_met', 'cross', 'stop');
  return ex('qa.missing', 'alert', 'warn');
}
