import { DATASET_STATUS_CODES, labelOf, type DatasetStatus } from '@schemas/taxonomy';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { Bi, useBi } from '../../components/Bi';
import { useTitle } from '../../components/Layout';
import { Empty, Loading, ProblemView } from '../../components/Status';
import { api, type Page } from '../../lib/api';
import { useAuth } from '../../lib/auth';
import { useApi, useFormat, useLang } from '../../lib/hooks';
import { StatusBadge } from './StatusBadge';
import { lastEvent, type WorkingDataset } from './types';
import './workspace.css';

type Tab = 'all' | DatasetStatus;
const TABS: readonly Tab[] = ['all', ...DATASET_STATUS_CODES];

/** Counts of the organisation's datasets per status, for the tab labels. */
function useStatusCounts(): Partial<Record<Tab, number>> {
  const [counts, setCounts] = useState<Partial<Record<Tab, number>>>({});
  useEffect(() => {
    const ctrl = new AbortController();
    Promise.all(
      TABS.map((s) =>
        api<Page<unknown>>(`/datasets?workspace=true&pageSize=1${s === 'all' ? '' : `&status=${s}`}`, { signal: ctrl.signal })
          .then(({ data }) => [s, data.total] as const)
          .catch(() => [s, undefined] as const),
      ),
    ).then((entries) => {
      if (!ctrl.signal.aborted) setCounts(Object.fromEntries(entries.filter(([, n]) => n !== undefined)));
    });
    return () => ctrl.abort();
  }, []);
  return counts;
}

/** The provider's workspace (`/workspace`): the organisation's datasets by status, with links to edit them. */
export default function WorkspacePage() {
  const { t } = useTranslation('workspace');
  const bi = useBi();
  const fmt = useFormat();
  const lang = useLang();
  const { user } = useAuth();
  const [params] = useSearchParams();
  const requested = params.get('status') as Tab | null;
  const tab: Tab = requested && TABS.includes(requested) ? requested : 'all';
  const list = useApi<Page<WorkingDataset>>(`/datasets?workspace=true&pageSize=100${tab === 'all' ? '' : `&status=${tab}`}`);
  const counts = useStatusCounts();
  useTitle(t('workspace.title'));

  const tabLink = (s: Tab) => {
    const next = new URLSearchParams(params);
    if (s === 'all') next.delete('status');
    else next.set('status', s);
    const q = next.toString();
    return { pathname: '/workspace', search: q ? `?${q}` : '' };
  };
  const tabLabel = (s: Tab) => (s === 'all' ? t('workspace.all') : labelOf('datasetStatuses', s, lang));

  return (
    <section className="workspace">
      <div className="page-head">
        <div>
          <h1>{t('workspace.title')}</h1>
          <p className="muted">{t('workspace.intro')}</p>
        </div>
        <div className="page-actions">
          <Link to="/workspace/statistics" className="button secondary" data-testid="workspace-statistics">{t('stats:workspaceLink')}</Link>
          <Link to="/workspace/import" className="button secondary" data-testid="import-datasets">
            {t('workspace.importDatasets')}
          </Link>
          <Link to="/workspace/datasets/new" className="button" data-testid="new-dataset">
            {t('workspace.newDataset')}
          </Link>
        </div>
      </div>

      <nav aria-label={t('workspace.filterLabel')} className="status-tabs">
        <ul>
          {TABS.map((s) => (
            <li key={s}>
              <Link to={tabLink(s)} aria-current={s === tab ? 'page' : undefined} data-testid={`tab-${s}`}>
                {tabLabel(s)}
                {counts[s] !== undefined && <span className="count"> {t('workspace.count', { count: counts[s], formatted: fmt.number(counts[s]) })}</span>}
              </Link>
            </li>
          ))}
        </ul>
      </nav>

      <h2 className="visually-hidden">{tabLabel(tab)}</h2>
      {list.loading && !list.data ? (
        <Loading />
      ) : list.error ? (
        <ProblemView error={list.error} />
      ) : !list.data?.items.length ? (
        <Empty message={tab === 'all' ? t('workspace.empty') : t('workspace.emptyStatus', { status: tabLabel(tab) })} action={{ to: '/workspace/datasets/new', label: t('workspace.newDataset') }} />
      ) : (
        <div className="table-wrap">
          <table className="workspace-table" data-testid="workspace-table">
            <caption className="visually-hidden">{t('workspace.caption', { status: tabLabel(tab) })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('workspace.col.title')}</th>
                <th scope="col">{t('workspace.col.status')}</th>
                <th scope="col">{t('workspace.col.version')}</th>
                <th scope="col">{t('workspace.col.updated')}</th>
                <th scope="col">{t('workspace.col.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {list.data.items.map((ds) => {
                const changes = ds.status === 'changes_requested' ? lastEvent(ds, 'request_changes') : undefined;
                const title = bi(ds.title as { ko?: string; en?: string }) || ds.slug;
                return (
                  <tr key={ds.id} data-testid="workspace-row" data-slug={ds.slug}>
                    <th scope="row">
                      <Link to={`/workspace/datasets/${ds.id}`}>
                        <Bi text={ds.title as { ko?: string; en?: string }} />
                      </Link>
                      <div className="muted small">
                        <code>{ds.slug}</code>
                        {ds.provider && ds.provider.id !== user?.organization?.id && (
                          <>
                            {' · '}
                            <Bi text={ds.provider.name} />
                          </>
                        )}
                      </div>
                      {changes && (
                        <div className="reviewer-comment" data-testid="reviewer-comment">
                          <p className="small">
                            <strong>{t('workspace.reviewerComment', { name: changes.byName, date: fmt.date(changes.at) })}</strong>
                          </p>
                          {changes.comment && <blockquote>{changes.comment}</blockquote>}
                        </div>
                      )}
                    </th>
                    <td>
                      <StatusBadge status={ds.status} />
                    </td>
                    <td>{ds.version > 0 ? t('workspace.version', { version: ds.version }) : <span className="muted">{t('workspace.neverPublished')}</span>}</td>
                    <td>{fmt.date(ds.updatedAt)}</td>
                    <td>
                      <ul className="row-links">
                        <li>
                          <Link to={`/workspace/datasets/${ds.id}`} aria-label={t(ds.status === 'in_review' ? 'workspace.viewNamed' : 'workspace.editNamed', { title })}>
                            {ds.status === 'in_review' ? t('workspace.view') : t('workspace.edit')}
                          </Link>
                        </li>
                        {ds.published && ds.status !== 'withdrawn' && (
                          <li>
                            <Link to={`/datasets/${ds.slug}`} aria-label={t('workspace.publicPageNamed', { title })}>
                              {t('workspace.publicPage')}
                            </Link>
                          </li>
                        )}
                      </ul>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
