import { useId, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { PURPOSE_CODES } from '@schemas/taxonomy';
import { useFormat, useLang } from '../../lib/hooks';
import { filterValueLabel } from './labels';
import { toggleFilter, type CatalogQuery } from './query';
import { FACETS, type FacetName, type FacetValue } from './types';

/** Values a group shows before "show all". */
const SHORT_LIST = 6;
/** Groups open at first; a group with a selection also starts open. */
const OPEN_AT_START = new Set<string>(['availability', 'modality', 'task', 'accessLevel']);

/** One facet value as a checkbox row: its label and its count (spoken as "n datasets"). */
function FacetOption({ label, count, checked, onToggle }: { label: string; count?: number; checked: boolean; onToggle: () => void }) {
  const { t } = useTranslation('catalog');
  const format = useFormat();
  return (
    <li>
      <label className={count === 0 ? 'facet-option zero' : 'facet-option'}>
        <input type="checkbox" checked={checked} onChange={onToggle} />
        <span className="facet-label">{label}</span>
        {count !== undefined && (
          <>
            <span className="facet-count" aria-hidden="true">
              {format.number(count)}
            </span>
            <span className="visually-hidden">{t('facets.count', { count })}</span>
          </>
        )}
      </label>
    </li>
  );
}

/** A collapsible group (disclosure button in a heading) holding one fieldset of checkboxes. */
function FacetGroup({ name, title, selectedCount, children }: { name: string; title: string; selectedCount: number; children: ReactNode }) {
  const { t } = useTranslation('catalog');
  const id = useId();
  const [expanded, setExpanded] = useState(OPEN_AT_START.has(name) || selectedCount > 0);
  return (
    <section className="facet-group" data-testid={`facet-${name}`}>
      <h3>
        <button type="button" className="facet-toggle" aria-expanded={expanded} aria-controls={id} onClick={() => setExpanded(!expanded)}>
          <span>{title}</span>
          {selectedCount > 0 && <span className="badge primary">{t('facets.selected', { count: selectedCount })}</span>}
          <span className="facet-chevron" aria-hidden="true" />
        </button>
      </h3>
      <fieldset id={id} hidden={!expanded}>
        <legend className="visually-hidden">{title}</legend>
        {children}
      </fieldset>
    </section>
  );
}

/** The counted values of one facet, with selected values kept visible even when they count 0. */
function facetRows(values: readonly FacetValue[] | undefined, selected: readonly string[]): FacetValue[] {
  const rows = [...(values ?? [])];
  for (const v of selected) if (!rows.some((r) => r.value === v)) rows.push({ value: v, count: 0 });
  return rows;
}

function CountedFacet({
  name,
  values,
  query,
  onChange,
}: {
  name: FacetName;
  values: FacetValue[] | undefined;
  query: CatalogQuery;
  onChange: (filters: CatalogQuery['filters']) => void;
}) {
  const { t } = useTranslation('catalog');
  const lang = useLang();
  const [all, setAll] = useState(false);
  const selected = query.filters[name] ?? [];
  const rows = facetRows(values, selected);
  if (rows.length === 0) return null;
  const shown = all ? rows : rows.filter((r, i) => i < SHORT_LIST || selected.includes(r.value));
  return (
    <FacetGroup name={name} title={t(`facets.name.${name}`)} selectedCount={selected.length}>
      <ul className="facet-options">
        {shown.map((r) => (
          <FacetOption
            key={r.value}
            label={filterValueLabel(name, r.value, lang, values)}
            count={r.count}
            checked={selected.includes(r.value)}
            onToggle={() => onChange(toggleFilter(query.filters, name, r.value))}
          />
        ))}
      </ul>
      {rows.length > shown.length || all ? (
        <button type="button" className="link-button small facet-more" aria-expanded={all} onClick={() => setAll(!all)}>
          {all ? t('facets.showFewer') : t('facets.showAll', { count: rows.length })}
        </button>
      ) : null}
    </FacetGroup>
  );
}

/**
 * The filter sidebar: who may obtain the data (a US organisation, a purpose — decided by the
 * policy engine on the server), then one group per counted facet. Counts ignore their own facet's
 * selection, so ticking a second value of a facet shows how many more results it brings.
 */
export function FacetSidebar({
  facets,
  query,
  onChange,
}: {
  facets: Partial<Record<FacetName, FacetValue[]>>;
  query: CatalogQuery;
  onChange: (filters: CatalogQuery['filters']) => void;
}) {
  const { t } = useTranslation('catalog');
  const lang = useLang();
  const availableTo = query.filters.availableTo ?? [];
  const purposes = query.filters.purpose ?? [];
  return (
    <div className="facets" data-testid="facets">
      <FacetGroup name="availability" title={t('facets.availability.title')} selectedCount={availableTo.length + purposes.length}>
        <ul className="facet-options">
          <FacetOption
            label={t('facets.availability.us')}
            checked={availableTo.includes('US')}
            onToggle={() => onChange(toggleFilter(query.filters, 'availableTo', 'US'))}
          />
          {availableTo
            .filter((c) => c !== 'US')
            .map((c) => (
              <FacetOption
                key={c}
                label={t('facets.availability.country', { country: c })}
                checked
                onToggle={() => onChange(toggleFilter(query.filters, 'availableTo', c))}
              />
            ))}
        </ul>
        <fieldset className="facet-subgroup">
          <legend>{t('facets.availability.purpose')}</legend>
          <ul className="facet-options">
            {PURPOSE_CODES.map((p) => (
              <FacetOption
                key={p}
                label={filterValueLabel('purpose', p, lang)}
                checked={purposes.includes(p)}
                onToggle={() => onChange(toggleFilter(query.filters, 'purpose', p))}
              />
            ))}
          </ul>
        </fieldset>
      </FacetGroup>
      {FACETS.map((name) => (
        <CountedFacet key={name} name={name} values={facets[name]} query={query} onChange={onChange} />
      ))}
    </div>
  );
}
