import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Empty, Loading, Pagination, ProblemView } from '../../components/Status';
import type { Page } from '../../lib/api';
import { useApi, useFormat } from '../../lib/hooks';
import { COUNT_KEYS, RunStatusBadge } from './RunParts';
import type { RunSummary } from './types';

const PAGE_SIZE = 10;

/** A source's runs, newest first, a page at a time; `version` changes when a run ended, to read it again. */
export function RunHistory({ sourceId, version }: { sourceId: string; version: number }) {
  const { t } = useTranslation('harvest');
  const format = useFormat();
  const [page, setPage] = useState(1);
  const { data, error, loading, reload } = useApi<Page<RunSummary>>(`/harvest/sources/${encodeURIComponent(sourceId)}/runs?page=${page}&pageSize=${PAGE_SIZE}`);
  useEffect(() => {
    if (version > 0) reload();
  }, [version, reload]);
  return (
    <section aria-labelledby="history-heading" data-testid="run-history">
      <h2 id="history-heading">{t('history.heading')}</h2>
      {loading && !data && <Loading />}
      <ProblemView error={error} />
      {data &&
        (data.items.length === 0 ? (
          <Empty message={t('history.empty')} />
        ) : (
          <div className="table-scroll" role="region" aria-labelledby="history-caption" tabIndex={0}>
            <table className="harvest-table">
              <caption id="history-caption">{t('history.caption', { count: data.total })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('history.col.started')}</th>
                  <th scope="col">{t('history.col.trigger')}</th>
                  <th scope="col">{t('history.col.status')}</th>
                  {COUNT_KEYS.map((k) => (
                    <th scope="col" key={k} className="num">
                      {t(`counts.${k}`)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {data.items.map((r) => (
                  <tr key={r.id} data-testid="run-row">
                    <th scope="row">
                      <Link to={`/admin/harvest/runs/${encodeURIComponent(r.id)}`}>
                        <time dateTime={r.startedAt}>{format.dateTime(r.startedAt)}</time>
                      </Link>
                    </th>
                    <td>{t(`trigger.${r.trigger}`)}</td>
                    <td>
                      <RunStatusBadge status={r.status} />
                    </td>
                    {COUNT_KEYS.map((k) => (
                      <td key={k} className="num">
                        {format.number(r.counts[k])}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ))}
      {data && <Pagination page={data.page} pageSize={data.pageSize} total={data.total} onPage={setPage} />}
    </section>
  );
}
