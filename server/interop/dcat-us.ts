// DCAT-US 1.1 (Project Open Data metadata schema) catalogue for data.gov-style harvesters.
// Pure: the route loads the datasets and passes a translator bound to English.
import type { TFunction } from 'i18next';
import { labelOf } from '../../schemas/taxonomy';
import { bareMediaType, isoDate, licenseUrl, pick } from './common';
import { DCAT_US_RIGHTS_MAX, rightsText } from './rights';
import type { ExportDataset } from './source';

export const DCAT_US_SCHEMA = 'https://project-open-data.cio.gov/v1.1/schema';

/** docs/design.md §7: open/registered → public, approval/enclave → restricted public, closed → non-public. */
export function dcatUsAccessLevel(level: string | undefined): 'public' | 'restricted public' | 'non-public' {
  if (level === 'open' || level === 'registered') return 'public';
  if (level === 'approval' || level === 'enclave') return 'restricted public';
  return 'non-public';
}

/** Options of the catalogue: where it lives and whom to write to when a dataset names no contact. */
export interface DcatUsOptions {
  baseUrl: string;
  contactEmail: string;
  t: TFunction;
}

/** One DCAT-US dataset entry. */
export function dcatUsDataset(ds: ExportDataset, opts: DcatUsOptions): Record<string, unknown> {
  const c = ds.content;
  const { t } = opts;
  const title = pick(c.title, 'en') ?? ds.slug;
  const providerName = pick(ds.provider?.name, 'en') ?? ds.provider?.slug ?? t('interop:catalog.title');
  const keywords: string[] = [...(c.keywords?.en ?? []), ...(c.keywords?.ko ?? [])];
  // keyword is required and non-empty; publication does not require keywords, so fall back to
  // the modality and task labels, which every published dataset has.
  if (!keywords.length) {
    keywords.push(...(c.modalities ?? []).map((m: string) => labelOf('modalities', m, 'en')), ...(c.tasks ?? []).map((k: string) => labelOf('tasks', k, 'en')));
  }
  if (!keywords.length) keywords.push(title);
  const accessLevel = dcatUsAccessLevel(c.disclosure?.accessLevel);
  const t0 = c.temporalCoverage;
  const themes = [...(c.techAreas?.kr ?? []).map((k: string) => labelOf('krTechnologies', k, 'en')), ...(c.techAreas?.us ?? []).map((k: string) => labelOf('usCetAreas', k, 'en'))];
  const distribution: Record<string, unknown>[] = ds.artifacts
    .filter((a) => a.downloadPurpose)
    .map((a) => ({
      '@type': 'dcat:Distribution',
      title: a.filename,
      description: labelOf('artifactKinds', a.kind, 'en'),
      downloadURL: a.downloadPurpose === 'research' ? a.url : `${a.url}?purpose=${a.downloadPurpose}`,
      mediaType: bareMediaType(a.contentType),
    }));
  // The dataset page is always a distribution: it is where the full data is requested.
  distribution.push({
    '@type': 'dcat:Distribution',
    title: t('interop:distribution.landingTitle'),
    description: t('interop:distribution.landingDescription', { level: labelOf('accessLevels', c.disclosure?.accessLevel ?? 'closed', 'en') }),
    accessURL: ds.pageUrl,
    mediaType: 'text/html',
    format: 'HTML',
  });
  const rights = rightsText(c, t, 'en', DCAT_US_RIGHTS_MAX);
  const entry: Record<string, unknown> = {
    '@type': 'dcat:Dataset',
    title,
    description: pick(c.description, 'en') ?? pick(c.summary, 'en') ?? title,
    keyword: [...new Set(keywords)],
    modified: isoDate(ds.publishedAt) ?? isoDate(new Date()),
    publisher: { '@type': 'org:Organization', name: providerName },
    contactPoint: {
      '@type': 'vcard:Contact',
      fn: c.contact?.name ?? providerName,
      hasEmail: `mailto:${c.contact?.email ?? opts.contactEmail}`,
    },
    identifier: ds.pageUrl,
    accessLevel,
    landingPage: ds.pageUrl,
    distribution,
  };
  const license = licenseUrl(c.license);
  if (license) entry.license = license;
  // Required when access is not public; given for every dataset since conditions apply to all.
  if (rights) entry.rights = rights;
  const spatial = pick(c.spatialCoverage, 'en');
  if (spatial) entry.spatial = spatial;
  if (t0?.start && t0?.end) entry.temporal = `${t0.start}/${t0.end}`;
  if (Array.isArray(c.languages) && c.languages.length) entry.language = c.languages;
  if (themes.length) entry.theme = [...new Set(themes)];
  return entry;
}

/** The `/data.json` catalogue document. */
export function dcatUsCatalog(datasets: readonly ExportDataset[], opts: DcatUsOptions): Record<string, unknown> {
  return {
    '@context': `${DCAT_US_SCHEMA}/catalog.jsonld`,
    '@id': `${opts.baseUrl}/data.json`,
    '@type': 'dcat:Catalog',
    conformsTo: DCAT_US_SCHEMA,
    describedBy: `${DCAT_US_SCHEMA}/catalog.json`,
    dataset: datasets.map((ds) => dcatUsDataset(ds, opts)),
  };
}
