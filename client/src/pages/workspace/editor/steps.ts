// The dataset editor's seven steps, the JSON pointers each edits, and its fields' names and order for error summaries.

/** The editor's steps and the parts of the dataset (JSON pointers) each one edits. */
export const STEPS = [
  { key: 'basics', paths: ['/slug', '/title', '/summary', '/description', '/keywords', '/contact'] },
  {
    key: 'content',
    paths: ['/modalities', '/tasks', '/languages', '/domain', '/techAreas', '/temporalCoverage', '/spatialCoverage', '/size', '/formats'],
  },
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
  let segments = path
    .split('/')
    .slice(1)
    .filter((s) => !/^\d+$/.test(s));
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
    let segments = path
      .split('/')
      .slice(1)
      .filter((s) => !/^\d+$/.test(s));
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
