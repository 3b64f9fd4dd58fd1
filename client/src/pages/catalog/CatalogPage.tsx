import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Field } from '../../components/Field';
import { useTitle } from '../../components/Layout';
import { Empty, Loading, Pagination, ProblemView } from '../../components/Status';
import type { Page } from '../../lib/api';
import { useApi } from '../../lib/hooks';
import type { DatasetView } from '../dataset/types';
import { CatalogLayout } from './CatalogLayout';
import { CATALOG_PAGE_SIZE, CATALOG_SORTS, catalogApiPath, useCatalogQuery, type CatalogSort } from './query';
import { ResultList } from './ResultList';
import './catalog.css';

/** The landing page: the published datasets the caller may see, paged and sorted, with state in the URL. */
export default function CatalogPage() {
  const { t } = useTranslation('catalog');
  useTitle(t('title'));
  const { query, setQuery, hrefFor } = useCatalogQuery();
  const { data, error, loading, reload } = useApi<Page<DatasetView>>(catalogApiPath(query, CATALOG_PAGE_SIZE));
  const headingRef = useRef<HTMLHeadingElement>(null);
  const firstPage = useRef(query.page);

  // After paging, move focus to the top of the results so keyboard users start reading there.
  useEffect(() => {
    if (firstPage.current === query.page) return;
    firstPage.current = -1;
    headingRef.current?.focus();
  }, [query.page]);

  const countText = data && !loading ? t('resultCount', { count: data.total }) : loading ? t('searching') : '';

  return (
    <div className="catalog">
      <header className="catalog-intro">
        <h1>{t('heading')}</h1>
        <p>{t('intro')}</p>
      </header>
      <CatalogLayout sidebarLabel={t('filters')}>
        <div className="catalog-toolbar">
          <div className="catalog-toolbar-title">
            <h2 ref={headingRef} tabIndex={-1} id="catalog-results-heading">
              {t('resultsHeading')}
            </h2>
            <p className="result-count" data-testid="result-count" role="status" aria-live="polite" aria-atomic="true">
              {countText}
            </p>
          </div>
          <div className="catalog-sort">
            <Field label={t('sort.label')}>
              {(props) => (
                <select {...props} value={query.sort} onChange={(e) => setQuery({ sort: e.target.value as CatalogSort })} data-testid="sort">
                  {CATALOG_SORTS.map((s) => (
                    <option key={s} value={s}>
                      {t(`sort.${s}`)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          </div>
        </div>
        {error ? (
          <div data-testid="catalog-error">
            <ProblemView error={error} />
            <button type="button" className="secondary" onClick={reload}>
              {t('retry')}
            </button>
          </div>
        ) : !data ? (
          <Loading />
        ) : data.total === 0 ? (
          <Empty message={t('empty')} />
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
