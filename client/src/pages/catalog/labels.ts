// Words for facet values: taxonomy codes through the shared taxonomy labels, providers by the name
// the API sends with their counts, languages through Intl, origins (local/harvested) from the harvest namespace.
import { labelOf, type TaxonomyName } from '@schemas/taxonomy';
import { licenseShortLabel } from '../../lib/explain';
import i18n, { type Lang } from '../../lib/i18n';
import type { CatalogFilter } from './query';
import type { FacetValue } from './types';

const TAXONOMY_OF: Partial<Record<CatalogFilter, TaxonomyName>> = {
  modality: 'modalities',
  task: 'tasks',
  accessLevel: 'accessLevels',
  classification: 'classificationLevels',
  krTech: 'krTechnologies',
  usCet: 'usCetAreas',
  purpose: 'purposes',
};

const displayNames = new Map<Lang, Intl.DisplayNames | null>();

/** The name of a language tag (`ko`, `ko-KR`, `jje`) in `lang`, or the tag itself. */
export function languageName(code: string, lang: Lang): string {
  if (!displayNames.has(lang)) {
    try {
      displayNames.set(lang, new Intl.DisplayNames([lang], { type: 'language', fallback: 'code' }));
    } catch {
      displayNames.set(lang, null);
    }
  }
  try {
    return displayNames.get(lang)?.of(code) ?? code;
  } catch {
    return code;
  }
}

/**
 * The label of one filter value in `lang`. `known` is the facet's counted values (providers' names
 * come only from there); `availableTo` countries are worded by the page, not here.
 */
export function filterValueLabel(name: CatalogFilter, value: string, lang: Lang, known?: readonly FacetValue[]): string {
  const taxonomy = TAXONOMY_OF[name];
  if (taxonomy) return labelOf(taxonomy, value, lang);
  if (name === 'license') return licenseShortLabel(value, lang);
  if (name === 'language') return languageName(value, lang);
  if (name === 'origin') return i18n.getFixedT(lang, 'harvest')(`origin.${value}`, { defaultValue: value });
  if (name === 'provider') {
    const label = known?.find((f) => f.value === value)?.label;
    return (label && (label[lang] ?? label[lang === 'ko' ? 'en' : 'ko'])) || value;
  }
  return value;
}
