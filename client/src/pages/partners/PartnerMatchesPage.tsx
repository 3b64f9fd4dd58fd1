import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { Bi } from '../../components/Bi';
import { Empty, Loading, ProblemView } from '../../components/Status';
import { useAuth } from '../../lib/auth';
import { useApi, useFormat } from '../../lib/hooks';
import { ExcludedList } from './ExcludedList';
import { MatchCard } from './MatchCard';
import type { MatchesResponse } from './types';
import './partners.css';

const PAGE_SIZE = 10;

/** Datasets ranked for one partner organisation, with breakdowns, access paths, exclusions and exports. */
export default function PartnerMatchesPage() {
  const { t } = useTranslation('matching');
  const { slug = '' } = useParams();
  const { user, hasRole } = useAuth();
  const fmt = useFormat();
  const [params, setParams] = useSearchParams();
  const page = Math.max(1, Number(params.get('page')) || 1);
  const [showExcluded, setShowExcluded] = useState(false);
  const excludedId = useId();
  const path = `/partners/${encodeURIComponent(slug)}/matches?page=${page}&pageSize=${PAGE_SIZE}${showExcluded ? '&includeIneligible=true' : ''}`;
  const { data, error, loading } = useApi<MatchesResponse>(path);
  const canEdit = !!user && (user.organization?.slug === slug || hasRole('admin'));
  const exportBase = `/api/v1/partners/${encodeURIComponent(slug)}/matches/export`;
  const pages = data ? Math.max(1, Math.ceil(data.total / PAGE_SIZE)) : 1;

  return (
    <div className="container partners-page" data-testid="partner-matches">
      {data && (
        <header className="page-head">
          <h1>
            <Bi text={data.partner.name} />
          </h1>
          <p className="muted">{t('matches.intro', { total: fmt.number(data.total), excluded: fmt.number(data.excludedTotal) })}</p>
          <div className="actions">
            {canEdit && (
              <Link className="button secondary" to={`/partners/${encodeURIComponent(slug)}/profile`}>
                {t('matches.editProfile')}
              </Link>
            )}
            <a className="button secondary" href={`${exportBase}?format=csv`} download data-testid="export-csv">
              {t('matches.exportCsv')}
            </a>
            <a className="button secondary" href={`${exportBase}?format=json`} download data-testid="export-json">
              {t('matches.exportJson')}
            </a>
          </div>
        </header>
      )}
      <ProblemView error={error} />
      {loading && !data && <Loading />}
      {data && data.items.length === 0 && <Empty message={t('matches.empty')} />}
      {data && data.items.length > 0 && (
        <>
          <h2>{t('matches.heading')}</h2>
          <ol className="match-list" data-testid="match-list">
            {data.items.map((m) => (
              <MatchCard key={m.dataset.slug} match={m} />
            ))}
          </ol>
          <nav className="pager" aria-label={t('matches.pager')}>
            <button type="button" disabled={page <= 1} onClick={() => setParams({ page: String(page - 1) })}>
              {t('matches.previous')}
            </button>
            <span>{t('matches.pageOf', { page, pages })}</span>
            <button type="button" disabled={page >= pages} onClick={() => setParams({ page: String(page + 1) })}>
              {t('matches.next')}
            </button>
          </nav>
        </>
      )}
      {data && (
        <section className="excluded" aria-labelledby={excludedId}>
          <h2 id={excludedId}>{t('excluded.heading', { count: data.excludedTotal })}</h2>
          <p className="muted">{t('excluded.intro')}</p>
          {!showExcluded ? (
            <button type="button" className="secondary" onClick={() => setShowExcluded(true)} data-testid="show-excluded">
              {t('excluded.show')}
            </button>
          ) : (
            data.ineligible && <ExcludedList items={data.ineligible} />
          )}
        </section>
      )}
    </div>
  );
}
