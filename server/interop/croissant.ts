// MLCommons Croissant 1.0 metadata with the Responsible-AI (RAI 1.0) extension for one dataset.
// The labeling procedure version the dataset references feeds the rai:dataAnnotation* fields; the
// classification feeds rai:personalSensitiveInformation. Pure: the route loads what it needs.
import type { TFunction } from 'i18next';
import { labelOf, type Locale } from '../../schemas/taxonomy';
import { bibtex } from '../citation/formats';
import { citationSourceOfExport } from '../citation/model';
import type { ProcedureVersionDoc } from '../labeling/model';
import { bareMediaType, isoDate, licenseUrl, pick } from './common';
import type { ExportDataset } from './source';

export const CROISSANT_CONFORMS_TO = 'http://mlcommons.org/croissant/1.0';
export const CROISSANT_RAI_CONFORMS_TO = 'http://mlcommons.org/croissant/RAI/1.0';

/** The Croissant 1.0 JSON-LD context, plus the RAI prefix. */
export function croissantContext(lang: Locale): Record<string, unknown> {
  return {
    '@language': lang,
    '@vocab': 'https://schema.org/',
    sc: 'https://schema.org/',
    cr: 'http://mlcommons.org/croissant/',
    rai: 'http://mlcommons.org/croissant/RAI/',
    dct: 'http://purl.org/dc/terms/',
    citeAs: 'cr:citeAs',
    column: 'cr:column',
    conformsTo: 'dct:conformsTo',
    data: { '@id': 'cr:data', '@type': '@json' },
    dataType: { '@id': 'cr:dataType', '@type': '@vocab' },
    examples: { '@id': 'cr:examples', '@type': '@json' },
    extract: 'cr:extract',
    field: 'cr:field',
    fileProperty: 'cr:fileProperty',
    fileObject: 'cr:fileObject',
    fileSet: 'cr:fileSet',
    format: 'cr:format',
    includes: 'cr:includes',
    isLiveDataset: 'cr:isLiveDataset',
    jsonPath: 'cr:jsonPath',
    key: 'cr:key',
    md5: 'cr:md5',
    parentField: 'cr:parentField',
    path: 'cr:path',
    recordSet: 'cr:recordSet',
    references: 'cr:references',
    regex: 'cr:regex',
    repeated: 'cr:repeated',
    replace: 'cr:replace',
    separator: 'cr:separator',
    source: 'cr:source',
    subField: 'cr:subField',
    transform: 'cr:transform',
  };
}

/** The procedure version a dataset references, with the procedure's slug. */
export interface ProcedureRef {
  slug: string;
  version: ProcedureVersionDoc;
}

export interface CroissantOptions {
  baseUrl: string;
  lang: Locale;
  t: TFunction;
}

function formatNumber(n: unknown): string {
  return typeof n === 'number' ? String(Number(n.toPrecision(6))) : '-';
}

/** QA targets of the procedure against the values this dataset reports. */
export function annotationAnalysis(targets: Array<{ metric: string; target: number; direction: string }>, results: Array<{ metric: string; value: number }>, lang: Locale, t: TFunction): string {
  if (!targets.length) return t('interop:rai.noTargets');
  return targets
    .map((target) => {
      const achieved = results.find((r) => r.metric === target.metric)?.value;
      const met = typeof achieved === 'number' ? (target.direction === 'lower_better' ? achieved <= target.target : achieved >= target.target) : null;
      return t('interop:rai.target', {
        metric: labelOf('qaMetrics', target.metric, lang),
        direction: t(target.direction === 'lower_better' ? 'interop:rai.atMost' : 'interop:rai.atLeast'),
        target: formatNumber(target.target),
        achieved: typeof achieved === 'number' ? formatNumber(achieved) : t('interop:rai.notMeasured'),
        verdict: t(met === null ? 'interop:rai.notMeasured' : met ? 'interop:rai.met' : 'interop:rai.notMet'),
      });
    })
    .join('; ');
}

function annotationProtocol(ref: ProcedureRef, url: string, lang: Locale, t: TFunction): string {
  const v = ref.version;
  const parts = [t('interop:rai.protocol', { title: pick(v.title, lang) ?? ref.slug, version: v.version, url })];
  const summary = pick(v.guideline?.summary, lang);
  if (summary) parts.push(t('interop:rai.guideline', { summary }));
  const steps = (v.steps ?? []) as Array<{ name: { ko?: string; en?: string } }>;
  if (steps.length) parts.push(t('interop:rai.steps', { steps: steps.map((s, i) => `${i + 1}. ${pick(s.name, lang) ?? ''}`).join(' ') }));
  const classes = (v.labelSchema?.classes ?? []) as Array<{ code: string; name: { ko?: string; en?: string } }>;
  if (classes.length) parts.push(t('interop:rai.classes', { classes: classes.map((c) => pick(c.name, lang) ?? c.code).join(', ') }));
  if (v.workforce?.type) parts.push(t('interop:rai.workforce', { type: labelOf('workforceTypes', v.workforce.type, lang), count: v.workforce.annotatorsPerItem ?? '-' }));
  const qualification = pick(v.workforce?.qualification, lang);
  if (qualification) parts.push(t('interop:rai.qualification', { text: qualification }));
  const qa = v.qa ?? {};
  if (qa.inspection) {
    const verifier = qa.verifiedBy ? labelOf('verifiers', qa.verifiedBy, lang) : '-';
    parts.push(
      qa.inspection === 'sampling' && typeof qa.samplingRate === 'number'
        ? t('interop:rai.samplingRate', { rate: formatNumber(qa.samplingRate * 100), verifier })
        : t('interop:rai.inspection', { inspection: labelOf('inspectionTypes', qa.inspection, lang), verifier }),
    );
  }
  return parts.join(' ');
}

function personalSensitiveInformation(content: ExportDataset['content'], lang: Locale, t: TFunction): string {
  const c = content.classification ?? {};
  const categories: string[] = c.sensitiveCategories ?? [];
  return [
    t('interop:rai.personalInfo', { kind: labelOf('personalInfo', c.personalInfo ?? 'identifiable', lang) }),
    categories.length ? t('interop:rai.sensitiveCategories', { categories: categories.map((s) => labelOf('sensitiveCategories', s, lang)).join(', ') }) : t('interop:rai.noSensitiveCategories'),
    t('interop:rai.classification', { level: labelOf('classificationLevels', c.level ?? 'confidential', lang) }),
  ].join(' ');
}

/** The Croissant document of one dataset, in one language (`@language` of the context). */
export function croissantDataset(ds: ExportDataset, procedure: ProcedureRef | null, opts: CroissantOptions): Record<string, unknown> {
  const { lang, t, baseUrl } = opts;
  const c = ds.content;
  const other: Locale = lang === 'en' ? 'ko' : 'en';
  const provider = ds.provider
    ? { '@type': 'sc:Organization', name: pick(ds.provider.name, lang) ?? ds.provider.slug, url: ds.provider.website ?? `${baseUrl}/api/v1/organizations/${encodeURIComponent(ds.provider.slug)}` }
    : undefined;
  const doc: Record<string, unknown> = {
    '@context': croissantContext(lang),
    '@type': 'sc:Dataset',
    '@id': ds.pageUrl,
    conformsTo: [CROISSANT_CONFORMS_TO, CROISSANT_RAI_CONFORMS_TO],
    name: pick(c.title, lang) ?? ds.slug,
    description: pick(c.description, lang) ?? pick(c.summary, lang) ?? pick(c.title, lang) ?? ds.slug,
    url: ds.pageUrl,
    identifier: ds.slug,
    license: licenseUrl(c.license) ?? c.license?.id ?? 'custom',
    version: `${Math.max(ds.version, 0)}.0.0`,
    datePublished: isoDate(ds.publishedAt) ?? isoDate(new Date()),
    creator: provider,
    publisher: provider,
    keywords: [...(c.keywords?.[lang] ?? []), ...(c.keywords?.[other] ?? [])],
    isAccessibleForFree: c.disclosure?.accessLevel === 'open' || c.disclosure?.accessLevel === 'registered',
    distribution: ds.artifacts
      .filter((a) => a.kind === 'sample')
      .map((a) => ({
        '@type': 'cr:FileObject',
        '@id': `artifact-${a.id}`,
        name: a.filename,
        description: labelOf('artifactKinds', a.kind, lang),
        contentUrl: a.url,
        encodingFormat: bareMediaType(a.contentType),
        contentSize: `${a.bytes} B`,
        sha256: a.sha256,
      })),
    'rai:personalSensitiveInformation': personalSensitiveInformation(c, lang, t),
  };
  // The BibTeX citation of the version shown (docs/citations.md); none before the first publication.
  const cited = citationSourceOfExport(ds, baseUrl);
  if (cited) doc.citeAs = bibtex(cited, lang);
  if (c.title?.[other]) doc.alternateName = c.title[other];
  if (Array.isArray(c.languages) && c.languages.length) doc.inLanguage = c.languages;
  if (procedure) {
    const v = procedure.version;
    const url = `${baseUrl}/api/v1/labeling-procedures/${encodeURIComponent(procedure.slug)}/versions/${v.version}`;
    doc['rai:dataAnnotationProtocol'] = annotationProtocol(procedure, url, lang, t);
    doc['rai:dataAnnotationPlatform'] = Array.isArray(v.tools) && v.tools.length ? v.tools : [labelOf('workforceTypes', v.workforce?.type ?? 'in_house', lang)];
    doc['rai:dataAnnotationAnalysis'] = annotationAnalysis(v.qa?.targets ?? [], c.labeling?.results ?? [], lang, t);
    if (typeof v.workforce?.annotatorsPerItem === 'number') doc['rai:annotationsPerItem'] = String(v.workforce.annotatorsPerItem);
  }
  return doc;
}
