// DCAT 3 (W3C Data Catalog Vocabulary, version 3) catalogue in JSON-LD, bilingual literals tagged
// ko/en, paged with Hydra links. Pure: the route loads one page and passes translators.
import type { TFunction } from 'i18next';
import { labelOf, type Locale } from '../../schemas/taxonomy';
import { bareMediaType, isoDate, langLiterals, licenseUrl } from './common';
import { rightsText } from './rights';
import type { ExportDataset } from './source';

/** The inline JSON-LD context: prefixes only, so every term is explicit in the document. */
export const DCAT_CONTEXT = {
  dcat: 'http://www.w3.org/ns/dcat#',
  dcterms: 'http://purl.org/dc/terms/',
  foaf: 'http://xmlns.com/foaf/0.1/',
  vcard: 'http://www.w3.org/2006/vcard/ns#',
  skos: 'http://www.w3.org/2004/02/skos/core#',
  rdfs: 'http://www.w3.org/2000/01/rdf-schema#',
  xsd: 'http://www.w3.org/2001/XMLSchema#',
  spdx: 'http://spdx.org/rdf/terms#',
  hydra: 'http://www.w3.org/ns/hydra/core#',
} as const;

const ISO639 = 'http://id.loc.gov/vocabulary/iso639-1/';

export interface DcatOptions {
  baseUrl: string;
  contactEmail: string;
  /** Translators for both languages (rights statements are given in each). */
  t: Record<Locale, TFunction>;
}

const iri = (id: string) => ({ '@id': id });
const typed = (value: string, type: string) => ({ '@value': value, '@type': type });
const both = (f: (lang: Locale) => string) => (['ko', 'en'] as const).map((l) => ({ '@value': f(l), '@language': l })).filter((v) => v['@value']);

/** The concept scheme IRIs of the two technology taxonomies (dcat:themeTaxonomy). */
export function themeSchemes(baseUrl: string) {
  return { kr: `${baseUrl}/api/v1/taxonomies#krTechnologies`, us: `${baseUrl}/api/v1/taxonomies#usCetAreas` };
}

function themes(ds: ExportDataset, baseUrl: string) {
  const schemes = themeSchemes(baseUrl);
  const concept = (scheme: string, taxonomy: 'krTechnologies' | 'usCetAreas', code: string) => ({
    '@id': `${scheme}/${code}`,
    '@type': 'skos:Concept',
    'skos:notation': code,
    'skos:prefLabel': both((l) => labelOf(taxonomy, code, l)),
    'skos:inScheme': iri(scheme),
  });
  return [
    ...(ds.content.techAreas?.kr ?? []).map((c: string) => concept(schemes.kr, 'krTechnologies', c)),
    ...(ds.content.techAreas?.us ?? []).map((c: string) => concept(schemes.us, 'usCetAreas', c)),
  ];
}

function distributions(ds: ExportDataset, opts: DcatOptions) {
  const c = ds.content;
  const license = licenseUrl(c.license);
  const out: Record<string, unknown>[] = ds.artifacts
    .filter((a) => a.downloadPurpose)
    .map((a) => ({
      '@id': `${ds.pageUrl}#artifact-${a.id}`,
      '@type': 'dcat:Distribution',
      'dcterms:title': a.filename,
      'dcterms:description': both((l) => labelOf('artifactKinds', a.kind, l)),
      'dcat:accessURL': iri(ds.pageUrl),
      'dcat:downloadURL': iri(a.downloadPurpose === 'research' ? a.url : `${a.url}?purpose=${a.downloadPurpose}`),
      'dcat:mediaType': iri(`https://www.iana.org/assignments/media-types/${bareMediaType(a.contentType)}`),
      'dcat:byteSize': typed(String(a.bytes), 'xsd:nonNegativeInteger'),
      'spdx:checksum': {
        '@type': 'spdx:Checksum',
        'spdx:algorithm': iri('http://spdx.org/rdf/terms#checksumAlgorithm_sha256'),
        'spdx:checksumValue': typed(a.sha256, 'xsd:hexBinary'),
      },
      ...(license ? { 'dcterms:license': iri(license) } : {}),
    }));
  out.push({
    '@id': `${ds.pageUrl}#landing`,
    '@type': 'dcat:Distribution',
    'dcterms:title': both((l) => opts.t[l]('interop:distribution.landingTitle')),
    'dcat:accessURL': iri(ds.pageUrl),
    'dcat:mediaType': iri('https://www.iana.org/assignments/media-types/text/html'),
    ...(license ? { 'dcterms:license': iri(license) } : {}),
  });
  return out;
}

/** One dcat:Dataset node. */
export function dcatDataset(ds: ExportDataset, opts: DcatOptions): Record<string, unknown> {
  const c = ds.content;
  const license = licenseUrl(c.license);
  const provider = ds.provider;
  const providerIri = provider ? `${opts.baseUrl}/api/v1/organizations/${encodeURIComponent(provider.slug)}` : undefined;
  const keywords = [
    ...(c.keywords?.ko ?? []).map((k: string) => ({ '@value': k, '@language': 'ko' })),
    ...(c.keywords?.en ?? []).map((k: string) => ({ '@value': k, '@language': 'en' })),
  ];
  const node: Record<string, unknown> = {
    '@id': ds.pageUrl,
    '@type': 'dcat:Dataset',
    'dcterms:identifier': ds.slug,
    'dcterms:title': langLiterals(c.title),
    'dcterms:description': langLiterals(c.description ?? c.summary),
    'dcat:keyword': keywords,
    'dcat:theme': themes(ds, opts.baseUrl),
    'dcat:landingPage': iri(ds.pageUrl),
    'dcat:version': String(ds.version),
    'dcterms:accessRights': { '@type': 'dcterms:RightsStatement', 'rdfs:label': both((l) => rightsText(c, opts.t[l], l)) },
    'dcat:contactPoint': {
      '@type': 'vcard:Organization',
      'vcard:fn': c.contact?.name ?? (provider ? (provider.name.en ?? provider.name.ko ?? provider.slug) : opts.t.en('interop:catalog.title')),
      'vcard:hasEmail': iri(`mailto:${c.contact?.email ?? opts.contactEmail}`),
    },
    'dcat:distribution': distributions(ds, opts),
  };
  if (c.summary) node['dcterms:abstract'] = langLiterals(c.summary);
  if (license) node['dcterms:license'] = { '@id': license, '@type': 'dcterms:LicenseDocument', 'dcterms:identifier': c.license.id };
  else if (c.license?.id) node['dcterms:license'] = { '@type': 'dcterms:LicenseDocument', 'dcterms:identifier': c.license.id };
  if (providerIri && provider) node['dcterms:publisher'] = { '@id': providerIri, '@type': 'foaf:Organization', 'foaf:name': langLiterals(provider.name) };
  const issued = isoDate(ds.publishedAt);
  if (issued) node['dcterms:modified'] = typed(issued, 'xsd:date');
  if (Array.isArray(c.languages) && c.languages.length) {
    node['dcterms:language'] = [...new Set(c.languages.map((l: string) => l.split('-')[0]))].map((l) => iri(`${ISO639}${l}`));
  }
  if (c.temporalCoverage?.start || c.temporalCoverage?.end) {
    node['dcterms:temporal'] = {
      '@type': 'dcterms:PeriodOfTime',
      ...(c.temporalCoverage.start ? { 'dcat:startDate': typed(c.temporalCoverage.start, 'xsd:date') } : {}),
      ...(c.temporalCoverage.end ? { 'dcat:endDate': typed(c.temporalCoverage.end, 'xsd:date') } : {}),
    };
  }
  if (c.spatialCoverage) node['dcterms:spatial'] = { '@type': 'dcterms:Location', 'rdfs:label': langLiterals(c.spatialCoverage) };
  return node;
}

/** One page of the DCAT catalogue with its Hydra paging view. */
export function dcatCatalogPage(datasets: readonly ExportDataset[], page: { page: number; pageSize: number; total: number }, opts: DcatOptions): Record<string, unknown> {
  const catalogIri = `${opts.baseUrl}/catalog.jsonld`;
  const last = Math.max(1, Math.ceil(page.total / page.pageSize));
  const pageIri = (n: number) => `${catalogIri}?page=${n}${page.pageSize === DCAT_DEFAULT_PAGE_SIZE ? '' : `&pageSize=${page.pageSize}`}`;
  const schemes = themeSchemes(opts.baseUrl);
  return {
    '@context': DCAT_CONTEXT,
    '@id': catalogIri,
    '@type': ['dcat:Catalog', 'hydra:Collection'],
    'dcterms:title': both((l) => opts.t[l]('interop:catalog.title')),
    'dcterms:description': both((l) => opts.t[l]('interop:catalog.description')),
    'foaf:homepage': iri(`${opts.baseUrl}/`),
    'dcterms:language': [iri(`${ISO639}ko`), iri(`${ISO639}en`)],
    'dcat:themeTaxonomy': [
      { '@id': schemes.kr, '@type': 'skos:ConceptScheme', 'skos:prefLabel': both((l) => opts.t[l]('interop:catalog.krScheme')) },
      { '@id': schemes.us, '@type': 'skos:ConceptScheme', 'skos:prefLabel': both((l) => opts.t[l]('interop:catalog.usScheme')) },
    ],
    'hydra:totalItems': page.total,
    'hydra:view': {
      '@id': pageIri(page.page),
      '@type': 'hydra:PartialCollectionView',
      'hydra:first': iri(pageIri(1)),
      'hydra:last': iri(pageIri(last)),
      ...(page.page > 1 ? { 'hydra:previous': iri(pageIri(Math.min(page.page - 1, last))) } : {}),
      ...(page.page < last ? { 'hydra:next': iri(pageIri(page.page + 1)) } : {}),
    },
    'dcat:dataset': datasets.map((ds) => dcatDataset(ds, opts)),
  };
}

export const DCAT_DEFAULT_PAGE_SIZE = 50;
