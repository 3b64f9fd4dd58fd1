import { useTranslation } from 'react-i18next';
import { useLang } from '../../lib/hooks';
import { Icon } from '../dataset/Icon';
import { filterValueLabel } from './labels';
import { activeFilters, type ActiveFilter, type CatalogQuery } from './query';
import type { FacetName, FacetValue } from './types';

/**
 * The selected filters as removable chips above the results, with "clear all". Each remove button
 * names what it removes (the page moves focus afterwards, since the button is gone).
 */
export function ActiveFilters({
  query,
  facets,
  onRemove,
  onClear,
}: {
  query: CatalogQuery;
  facets: Partial<Record<FacetName, FacetValue[]>>;
  onRemove: (f: ActiveFilter) => void;
  onClear: () => void;
}) {
  const { t } = useTranslation('catalog');
  const lang = useLang();
  const active = activeFilters(query.filters);
  if (active.length === 0) return null;
  const label = (f: ActiveFilter) =>
    f.name === 'availableTo'
      ? f.value === 'US'
        ? t('facets.availability.us')
        : t('facets.availability.country', { country: f.value })
      : filterValueLabel(f.name, f.value, lang, f.name === 'provider' ? facets.provider : undefined);
  // "Obtainable by US organisations" says it all; other chips name their facet.
  const group = (f: ActiveFilter) =>
    f.name === 'availableTo' ? null : f.name === 'purpose' ? t('facets.availability.purpose') : t(`facets.name.${f.name}`);
  return (
    <div className="active-filters" data-testid="active-filters">
      <h3 className="visually-hidden">{t('chips.heading')}</h3>
      <ul>
        {active.map((f) => (
          <li key={`${f.name}=${f.value}`} className="chip" data-testid="filter-chip">
            <span className="chip-text">
              {group(f) && <span className="chip-group">{group(f)}</span>} {label(f)}
            </span>
            <button
              type="button"
              className="chip-remove"
              aria-label={t('chips.remove', { filter: group(f) ? `${group(f)}: ${label(f)}` : label(f) })}
              onClick={() => onRemove(f)}
            >
              <Icon name="cross" />
            </button>
          </li>
        ))}
      </ul>
      <button type="button" className="link-button" onClick={onClear} data-testid="clear-filters">
        {t('chips.clearAll')}
      </button>
    </div>
  );
}
