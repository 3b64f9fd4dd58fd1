import { ACCESS_REQUEST_STATUSES, labelOf } from '@schemas/taxonomy';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { Bi } from '../../components/Bi';
import { Field } from '../../components/Field';
import { useTitle } from '../../components/Layout';
import { Empty, Loading, Pagination, ProblemView } from '../../components/Status';
import type { Page } from '../../lib/api';
import { useApi, useFormat, useLang } from '../../lib/hooks';
import type { AccessRequest } from './types';
import './access-review.css';

const FILTERS = ['status', 'dataset', 'organization', 'olderThanDays'] as const;

/** The reviewer queue of access requests, oldest first, with age against the review SLA. */
export default function AccessQueuePage() {
  const { t } = useTranslation('accessReview');
  const lang = useLang();
  const fmt = useFormat();
  const [params, setParams] = useSearchParams();
  useTitle(t('queue.title'));
  const [draft, setDraft] = useState<Record<(typeof FILTERS)[number], string>>(() => ({
    status: params.get('status') ?? '',
    dataset: params.get('dataset') ?? '',
    organization: params.get('organization') ?? '',
    olderThanDays: params.get('olderThanDays') ?? '',
  }));
  const page = Number(params.get('page') ?? '1') || 1;
  const query = new URLSearchParams({ queue: 'true', page: String(page) });
  for (const f of FILTERS) {
    const v = params.get(f);
    if (v) query.set(f, v);
  }
  const { data, error, loading } = useApi<Page<AccessRequest>>(`/access-requests?${query.toString()}`);

  const apply = (e: FormEvent) => {
    e.preventDefault();
    const next = new URLSearchParams(params);
    for (const f of FILTERS) {
      const v = draft[f].trim();
      if (v) next.set(f, v);
      else next.delete(f);
    }
    next.delete('page');
    setParams(next);
  };
  const setPage = (p: number) => {
    const next = new URLSearchParams(params);
    next.set('page', String(p));
    setParams(next);
  };
  const withLang = (path: string) => (params.get('lang') ? `${path}?lang=${params.get('lang')}` : path);

  return (
    <section data-testid="access-queue" className="access-review">
      <h1>{t('queue.title')}</h1>
      <p className="muted">{t('queue.intro')}</p>
      <form className="card queue-filters" onSubmit={apply} aria-label={t('queue.filters')}>
        <Field label={t('queue.filter.status')}>
          {(p) => (
            <select {...p} value={draft.status} onChange={(e) => setDraft({ ...draft, status: e.target.value })}>
              <option value="">{t('queue.filter.pending')}</option>
              {ACCESS_REQUEST_STATUSES.map((s) => (
                <option key={s.code} value={s.code}>
                  {s.label[lang]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('queue.filter.dataset')} hint={t('queue.filter.datasetHint')}>
          {(p) => <input {...p} value={draft.dataset} onChange={(e) => setDraft({ ...draft, dataset: e.target.value })} />}
        </Field>
        <Field label={t('queue.filter.organization')} hint={t('queue.filter.organizationHint')}>
          {(p) => <input {...p} value={draft.organization} onChange={(e) => setDraft({ ...draft, organization: e.target.value })} />}
        </Field>
        <Field label={t('queue.filter.olderThanDays')}>
          {(p) => (
            <input {...p} type="number" min={0} max={3650} value={draft.olderThanDays} onChange={(e) => setDraft({ ...draft, olderThanDays: e.target.value })} />
          )}
        </Field>
        <div className="actions">
          <button type="submit" className="primary">{t('queue.filter.apply')}</button>
        </div>
      </form>
      <div aria-live="polite">
        {loading && <Loading />}
        <ProblemView error={error} />
        {data && !loading && (
          <>
            <p className="muted">{t('queue.count', { count: data.total })}</p>
            {data.items.length === 0 ? (
              <Empty message={t('queue.empty')} />
            ) : (
              <div className="table-scroll">
                <table className="queue-table">
                  <caption className="visually-hidden">{t('queue.caption')}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('queue.col.dataset')}</th>
                      <th scope="col">{t('queue.col.requester')}</th>
                      <th scope="col">{t('queue.col.scope')}</th>
                      <th scope="col">{t('queue.col.purpose')}</th>
                      <th scope="col">{t('queue.col.submitted')}</th>
                      <th scope="col">{t('queue.col.age')}</th>
                      <th scope="col">{t('queue.col.status')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {data.items.map((r) => (
                      <tr key={r.id} data-testid="access-queue-item" className={r.overdue ? 'overdue' : undefined}>
                        <th scope="row">
                          <Link to={withLang(`/review/access/${r.id}`)}>
                            <Bi text={r.dataset.title} />
                          </Link>
                        </th>
                        <td>
                          {r.requester.name}
                          {r.requester.organization && (
                            <>
                              <br />
                              <small>
                                <Bi text={r.requester.organization.name} /> · {r.requester.organization.country}
                              </small>
                            </>
                          )}
                        </td>
                        <td>{labelOf('accessScopes', r.scope, lang)}</td>
                        <td>{labelOf('purposes', r.purpose, lang)}</td>
                        <td>{fmt.date(r.submittedAt)}</td>
                        <td>
                          {t('queue.age', { age: fmt.number(r.ageDays), sla: fmt.number(r.slaDays) })}
                          {r.overdue && <span className="badge danger">{t('queue.overdue')}</span>}
                        </td>
                        <td>
                          <span className="badge">{labelOf('accessRequestStatuses', r.status, lang)}</span>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
            <Pagination page={data.page} pageSize={data.pageSize} total={data.total} onPage={setPage} />
          </>
        )}
      </div>
    </section>
  );
}
