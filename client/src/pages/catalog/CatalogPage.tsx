import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Field } from '../../components/Field';
import { useTitle } from '../../components/Layout';
import { Empty, Loading, Pagination, ProblemView } from '../../components/Status';
import { useApi } from '../../lib/hooks';
import { ActiveFilters } from './ActiveFilters';
import { CatalogLayout } from './CatalogLayout';
import { FacetSidebar } from './FacetSidebar';
import { activeFilters, CATALOG_PAGE_SIZE, catalogApiPath, sortsFor, toggleFilter, useCatalogQuery, type CatalogSort } from './query';
import { ResultList } from './ResultList';
import { NoResults, SearchNotices } from './SearchHelp';
import type { SearchPage } from './types';
import './catalog.css';

/**
 * The landing page and the search results: the published datasets the caller may see, found by
 * words (header search box) and narrowed by facets, sorted and paged, with all state in the URL.
 */
export default function CatalogPage() {
  const { t } = useTranslation('catalog');
  const { query, setQuery, hrefFor } = useCatalogQuery();
  useTitle(query.q ? t('titleSearch', { q: query.q }) : t('title'));
  const { data, error, loading, reload } = useApi<SearchPage>(catalogApiPath(query, CATALOG_PAGE_SIZE));
  const headingRef = useRef<HTMLHeadingElement>(null);
  const firstPage = useRef(query.page);
  const sidebarId = useId();
  const [filtersOpen, setFiltersOpen] = useState(false);

  // After paging, move focus to the top of the results so keyboard users start reading there.
  useEffect(() => {
    if (firstPage.current === query.page) return;
    firstPage.current = -1;
    headingRef.current?.focus();
  }, [query.page]);

  const selected = activeFilters(query.filters);
  const hasFilters = selected.length > 0;
  const searching = !!query.q || hasFilters;
  const countText = data && !loading ? t('resultCount', { count: data.total }) : loading ? t('searching') : '';
  const facets = data?.facets ?? {};
  const qHref = (q: string) => hrefFor({ q });
  const clearFiltersHref = hrefFor({ filters: {} });

  return (
    <div className="catalog">
      <header className="catalog-intro">
        <h1>{t('heading')}</h1>
        <p>{t('intro')}</p>
      </header>
      <button
        type="button"
        className="secondary filters-toggle"
        aria-expanded={filtersOpen}
        aria-controls={sidebarId}
        onClick={() => setFiltersOpen((o) => !o)}
        data-testid="filters-toggle"
      >
        {hasFilters ? t('facets.toggleCount', { count: selected.length }) : t('facets.toggle')}
      </button>
      <CatalogLayout
        sidebarId={sidebarId}
        sidebarLabel={t('filters')}
        sidebarOpen={filtersOpen}
        sidebar={
          <>
            <h2 className="facets-heading">{t('filters')}</h2>
            <FacetSidebar facets={facets} query={query} onChange={(filters) => setQuery({ filters })} />
          </>
        }
      >
        <div className="catalog-toolbar">
          <div className="catalog-toolbar-title">
            <h2 ref={headingRef} tabIndex={-1} id="catalog-results-heading" data-testid="results-heading">
              {query.q ? t('resultsFor', { q: query.q }) : searching ? t('resultsFiltered') : t('resultsHeading')}
            </h2>
            <p className="result-count" data-testid="result-count" role="status" aria-live="polite" aria-atomic="true">
              {countText}
            </p>
          </div>
          <div className="catalog-sort">
            <Field label={t('sort.label')}>
              {(props) => (
                <select {...props} value={query.sort} onChange={(e) => setQuery({ sort: e.target.value as CatalogSort })} data-testid="sort">
                  {sortsFor(query.q).map((s) => (
                    <option key={s} value={s}>
                      {t(`sort.${s}`)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          </div>
        </div>
        <ActiveFilters
          query={query}
          facets={facets}
          onRemove={(f) => {
            setQuery({ filters: toggleFilter(query.filters, f.name, f.value) });
            headingRef.current?.focus();
          }}
          onClear={() => {
            setQuery({ filters: {} });
            headingRef.current?.focus();
          }}
        />
        {data && data.total > 0 && <SearchNotices info={data.query} hrefFor={qHref} />}
        {error ? (
          <div data-testid="catalog-error">
            <ProblemView error={error} />
            <div className="actions">
              {/* A refused query (400: a filter value the server does not know) fails again on retry. */}
              {error.status !== 400 && (
                <button type="button" className="secondary" onClick={reload}>
                  {t('retry')}
                </button>
              )}
              {error.status === 400 && (
                <Link className="button secondary" to={clearFiltersHref}>
                  {t('chips.clearAll')}
                </Link>
              )}
            </div>
          </div>
        ) : !data ? (
          <Loading />
        ) : data.total === 0 && !searching ? (
          <Empty message={t('empty')} />
        ) : data.total === 0 ? (
          <NoResults info={data.query} q={query.q} hasFilters={hasFilters} hrefFor={qHref} clearFiltersHref={clearFiltersHref} />
        ) : data.items.length === 0 ? (
          <Empty message={t('pageOutOfRange')} action={{ to: hrefFor({ page: 1 }), label: t('firstPage') }} />
        ) : (
          <>
            <ResultList items={data.items} busy={loading} />
            <Pagination page={data.page} pageSize={data.pageSize} total={data.total} onPage={(page) => setQuery({ page })} />
          </>
        )}
      </CatalogLayout>
    </div>
  );
}
