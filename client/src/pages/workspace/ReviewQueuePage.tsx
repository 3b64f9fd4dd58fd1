import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { Bi, useBi } from '../../components/Bi';
import { useTitle } from '../../components/Layout';
import { Empty, Loading, ProblemView } from '../../components/Status';
import type { Page } from '../../lib/api';
import { useApi, useFormat } from '../../lib/hooks';
import { ReviewDetail, type Decided } from './ReviewDetail';
import { lastEvent, type WorkingDataset } from './types';
import './workspace.css';

const DAY = 24 * 60 * 60 * 1000;

/** When a dataset was (last) submitted for review. */
function submittedAt(ds: WorkingDataset): string | undefined {
  return lastEvent(ds, 'submit')?.at ?? ds.updatedAt;
}

/** A submission that follows a reviewer's request for changes (the history's entry before the submit). */
function isResubmission(ds: WorkingDataset): boolean {
  const history = ds.review?.history ?? [];
  return history.at(-1)?.action === 'submit' && history.at(-2)?.action === 'request_changes';
}

/** Whole days since `iso` (never negative). */
function ageInDays(iso: string | undefined, now: number): number {
  return iso ? Math.max(0, Math.floor((now - new Date(iso).getTime()) / DAY)) : 0;
}

/** The publication review queue (`/review`): submissions oldest first, each opened for a decision. */
export default function ReviewQueuePage() {
  const { t } = useTranslation('workspace');
  const bi = useBi();
  const fmt = useFormat();
  const [params, setParams] = useSearchParams();
  const list = useApi<Page<WorkingDataset>>('/datasets?status=in_review&pageSize=100');
  const [decided, setDecided] = useState<Decided | null>(null);
  // Decided submissions leave the queue at once, before the list is read again.
  const [removed, setRemoved] = useState<string[]>([]);
  const [now] = useState(() => Date.now());
  useTitle(t('review.title'));

  const openId = params.get('open');
  const items = (list.data?.items ?? []).filter((d) => !removed.includes(d.id)).sort((a, b) => (submittedAt(a) ?? '').localeCompare(submittedAt(b) ?? ''));
  const open = items.find((d) => d.id === openId) ?? null;

  const setOpen = (id: string | null) => {
    const next = new URLSearchParams(params);
    if (id) next.set('open', id);
    else next.delete('open');
    setParams(next);
  };

  const onDecided = (d: Decided) => {
    setDecided(d);
    setRemoved((r) => [...r, d.dataset.id]);
    setOpen(null);
    list.reload();
  };

  return (
    <section className="review-queue">
      <h1>{t('review.title')}</h1>
      <p className="muted">{t('review.intro')}</p>

      <div role="status" aria-live="polite">
        {decided && (
          <div className="success" data-testid="review-success">
            <p>
              {decided.action === 'approve'
                ? t('review.approved', { title: bi(decided.dataset.title as { ko?: string; en?: string }), version: decided.dataset.version })
                : t('review.changesSent', { title: bi(decided.dataset.title as { ko?: string; en?: string }) })}
            </p>
            {decided.action === 'approve' && <Link to={`/datasets/${decided.dataset.slug}`}>{t('review.viewPublished')}</Link>}
          </div>
        )}
      </div>

      {list.loading && !list.data ? (
        <Loading />
      ) : list.error ? (
        <ProblemView error={list.error} />
      ) : items.length === 0 ? (
        <Empty message={t('review.empty')} />
      ) : (
        <div className={open ? 'review-layout with-detail' : 'review-layout'}>
          <div className="table-wrap">
            <table className="review-table">
              <caption className="visually-hidden">{t('review.caption', { count: items.length })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('review.col.dataset')}</th>
                  <th scope="col">{t('review.col.provider')}</th>
                  <th scope="col">{t('review.col.submitted')}</th>
                  <th scope="col">{t('review.col.age')}</th>
                </tr>
              </thead>
              <tbody>
                {items.map((ds) => {
                  const at = submittedAt(ds);
                  const age = ageInDays(at, now);
                  return (
                    <tr key={ds.id} data-testid="review-item" data-slug={ds.slug} className={ds.id === openId ? 'selected' : undefined}>
                      <th scope="row">
                        <button type="button" className="link-button" aria-expanded={ds.id === openId} onClick={() => setOpen(ds.id === openId ? null : ds.id)}>
                          {bi(ds.title as { ko?: string; en?: string }) || ds.slug}
                        </button>
                        {isResubmission(ds) && (
                          <span className="badge warning queue-resubmitted" data-testid="queue-resubmitted">
                            {t('review.resubmitted')}
                          </span>
                        )}
                        {ds.fileChanges && (ds.fileChanges.added.length > 0 || ds.fileChanges.removed.length > 0) && (
                          <span className="queue-file-changes small muted" data-testid="queue-file-changes">
                            {t('review.fileChangesShort', { added: ds.fileChanges.added.length, removed: ds.fileChanges.removed.length })}
                          </span>
                        )}
                      </th>
                      <td>
                        <Bi text={ds.provider?.name} />
                      </td>
                      <td>{fmt.date(at)}</td>
                      <td>
                        <span className={age >= 7 ? 'badge warning' : 'badge'}>{t('review.age', { count: age })}</span>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          {open && <ReviewDetail key={open.id} ds={open} onDecided={onDecided} onClose={() => setOpen(null)} />}
        </div>
      )}
      {openId && !open && list.data && <p className="notice">{t('review.notInQueue')}</p>}
    </section>
  );
}
