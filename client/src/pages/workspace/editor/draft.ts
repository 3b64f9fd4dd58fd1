// The dataset form (form.ts) as the draft object the shared JSON Schemas and the API judge.
import { parseBytes, parseNumber } from '../../../lib/format';
import type { BiInput, FormState, Loose } from './form';

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
 * body). Empty inputs are left out: the server rejects blank strings, and a draft only holds what
 * the provider has said. Lists of codes are always sent, so that unticking every box clears them.
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
    allowedCountries:
      f.countriesMode === 'all' ? ['*'] : f.countriesMode === 'list' ? splitList(f.countries).map((c) => c.toUpperCase()) : undefined,
    allowedOrgTypes: f.orgTypesMode === 'all' ? ['*'] : f.orgTypesMode === 'list' ? f.orgTypes : undefined,
    allowedPurposes: f.purposes.length ? f.purposes : undefined,
    crossBorder: f.crossBorder || undefined,
    maxGrantDays: num(f.maxGrantDays),
  });
  const anyCondition = f.dua || f.irb || f.attribution || f.noRedistribution || !!f.deleteAfterDays.trim();
  // Conditions are tick boxes: once the provider has said anything about disclosure, unticked means "no".
  const conditions =
    disclosureCore || anyCondition
      ? compact({
          dua: f.dua,
          irb: f.irb,
          attribution: f.attribution,
          noRedistribution: f.noRedistribution,
          deleteAfterDays: num(f.deleteAfterDays),
        })
      : undefined;
  const disclosure = disclosureCore || conditions ? { ...disclosureCore, conditions } : undefined;

  const controlled = bool(f.exportControlled);
  const exportControl =
    controlled === undefined
      ? undefined
      : compact({
          controlled,
          regime: controlled ? f.exportRegime || undefined : undefined,
          reference: controlled ? text(f.exportReference) : undefined,
        });
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

  return (
    compact({
      slug: text(f.slug),
      title: biText(f.title),
      summary: biText(f.summary),
      description: biText(f.description),
      keywords: compact({ ko: kwKo.length ? kwKo : undefined, en: kwEn.length ? kwEn : undefined }),
      contact:
        f.contactName.trim() || f.contactEmail.trim() ? compact({ name: text(f.contactName), email: text(f.contactEmail) }) : undefined,
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
    }) ?? {}
  );
}
