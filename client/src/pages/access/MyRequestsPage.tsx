import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { labelOf } from '@schemas/taxonomy';
import { Bi } from '../../components/Bi';
import { useTitle } from '../../components/Layout';
import { Empty, Loading, Pagination, ProblemView } from '../../components/Status';
import type { Page } from '../../lib/api';
import { useApi, useFormat, useLang } from '../../lib/hooks';
import { StatusBadge } from './StatusBadge';
import type { AccessRequestView } from './types';
import './access.css';

/** `/requests`: the signed-in user's access requests, newest first, with status, age and expiry. */
export default function MyRequestsPage() {
  const { t } = useTranslation('access');
  const lang = useLang();
  const fmt = useFormat();
  const [page, setPage] = useState(1);
  const { data, error, loading } = useApi<Page<AccessRequestView>>(`/access-requests?mine=true&page=${page}&pageSize=20`);
  useTitle(t('mine.title'));
  return (
    <section className="access-page" data-testid="my-requests">
      <h1>{t('mine.title')}</h1>
      <p className="muted">{t('mine.intro')}</p>
      {loading && <Loading />}
      <ProblemView error={error} />
      {data && data.items.length === 0 && <Empty message={t('mine.empty')} action={{ to: '/', label: t('mine.browse') }} />}
      {data && data.items.length > 0 && (
        <div className="table-scroll">
          <table className="requests-table">
            <caption className="visually-hidden">{t('mine.caption', { n: data.total })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('fields.dataset')}</th>
                <th scope="col">{t('fields.scope')}</th>
                <th scope="col">{t('fields.purpose')}</th>
                <th scope="col">{t('fields.status')}</th>
                <th scope="col">{t('fields.submittedAt')}</th>
                <th scope="col">{t('fields.age')}</th>
                <th scope="col">{t('fields.expiresAt')}</th>
              </tr>
            </thead>
            <tbody>
              {data.items.map((r) => (
                <tr key={r.id} data-testid="my-request" data-status={r.status}>
                  <th scope="row">
                    <Link to={`/requests/${r.id}`}>
                      <Bi text={r.dataset.title} />
                    </Link>
                  </th>
                  <td>{t(`scope.${r.scope}`)}</td>
                  <td>{labelOf('purposes', r.purpose, lang)}</td>
                  <td>
                    <StatusBadge status={r.status} />
                  </td>
                  <td>{fmt.date(r.submittedAt)}</td>
                  <td>
                    {t('age.days', { n: fmt.number(r.ageDays) })}
                    {r.overdue && <span className="badge warning">{t('age.overdue', { sla: r.slaDays })}</span>}
                  </td>
                  <td>{r.status === 'approved' || r.status === 'expired' ? fmt.date(r.expiresAt) : t('mine.noExpiry')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {data && <Pagination page={data.page} pageSize={data.pageSize} total={data.total} onPage={setPage} />}
    </section>
  );
}
