import type { ReviewAction } from '@schemas/taxonomy';
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { Bi, useBi } from '../../components/Bi';
import { ConfirmBox } from '../../components/ConfirmBox';
import { Field } from '../../components/Field';
import { useTitle } from '../../components/Layout';
import { Empty, Loading, ProblemView } from '../../components/Status';
import { api, ApiError, type Page } from '../../lib/api';
import { useAuth } from '../../lib/auth';
import { useApi, useFormat } from '../../lib/hooks';
import { errorsAt, localiseErrors, mergeErrorMaps, problemErrors, schemaCheck } from '../../lib/validation';
import { ArtifactList, ContentFacts, DisclosureFacts, ReviewHistory } from './DatasetFacts';
import { ReviewChanges } from './ReviewChanges';
import { SubmissionChanges } from './SubmissionChanges';
import { lastEvent, type WorkingDataset } from './types';
import './workspace.css';

const DAY = 24 * 60 * 60 * 1000;

/** When a dataset was (last) submitted for review. */
function submittedAt(ds: WorkingDataset): string | undefined {
  return lastEvent(ds, 'submit')?.at ?? ds.updatedAt;
}

/** Whole days since `iso` (never negative). */
function ageInDays(iso: string | undefined, now: number): number {
  return iso ? Math.max(0, Math.floor((now - new Date(iso).getTime()) / DAY)) : 0;
}

type Decided = { action: ReviewAction; dataset: WorkingDataset };

/** A submission that follows a reviewer's request for changes (the history's entry before the submit). */
function isResubmission(ds: WorkingDataset): boolean {
  const history = ds.review?.history ?? [];
  return history.at(-1)?.action === 'submit' && history.at(-2)?.action === 'request_changes';
}

/** What "approve" will publish: the next version, and with it the files the submission adds and removes. */
function ApprovalEffect({ ds, id }: { ds: WorkingDataset; id: string }) {
  const { t } = useTranslation('workspace');
  const version = ds.version + 1;
  const changes = ds.fileChanges;
  const available = ds.artifacts.filter((a) => a.status === 'available').length;
  return (
    <div className="notice approval-effect" id={id} data-testid="approval-effect">
      <p>
        <strong>{t('review.effectVersion', { version })}</strong>
      </p>
      {!changes ? (
        <p>{t('review.effectFirst', { count: available })}</p>
      ) : changes.added.length === 0 && changes.removed.length === 0 ? (
        <p>{t('review.effectNoFiles')}</p>
      ) : (
        <ul>
          {changes.added.length > 0 && <li>{t('review.effectAdds', { count: changes.added.length, files: changes.added.map((a) => a.filename).join(', ') })}</li>}
          {changes.removed.length > 0 && <li>{t('review.effectRemoves', { count: changes.removed.length, files: changes.removed.map((a) => a.filename).join(', ') })}</li>}
        </ul>
      )}
      <p className="small">{t('review.effectNote')}</p>
    </div>
  );
}

/** One submission opened for a decision: what the reviewer checks, and approve / request changes. */
function ReviewDetail({ ds, onDecided, onClose }: { ds: WorkingDataset; onDecided: (d: Decided) => void; onClose: () => void }) {
  const { t } = useTranslation('workspace');
  const { user } = useAuth();
  const fmt = useFormat();
  const [comment, setComment] = useState('');
  const [clientErrors, setClientErrors] = useState<ReturnType<typeof schemaCheck>>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState<ReviewAction | null>(null);
  // Publishing is asked for twice: the button opens a confirmation naming the dataset and version.
  const [confirming, setConfirming] = useState(false);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const approveRef = useRef<HTMLButtonElement>(null);
  const bi = useBi();
  const commentRef = useRef<HTMLTextAreaElement>(null);
  const submit = lastEvent(ds, 'submit');
  const effectId = useId();
  const ownSubmission = !!user && ds.review?.submittedBy === user.id;

  useEffect(() => {
    headingRef.current?.focus();
  }, [ds.id]);

  const decide = async (action: ReviewAction) => {
    const body: { action: ReviewAction; comment?: string } = { action };
    if (comment.trim()) body.comment = comment.trim();
    const errors = schemaCheck('datasets.review', body);
    setClientErrors(errors);
    setError(null);
    if (errors?.length) {
      commentRef.current?.focus();
      return;
    }
    setBusy(action);
    try {
      const { data } = await api<WorkingDataset>(`/datasets/${encodeURIComponent(ds.id)}/review`, { method: 'POST', body });
      onDecided({ action, dataset: data });
    } catch (err) {
      setError(err instanceof ApiError ? err : new ApiError({ title: String(err), status: 0, code: 'client_error' }));
    } finally {
      setBusy(null);
      setConfirming(false);
    }
  };

  const cancelApproval = () => {
    setConfirming(false);
    setTimeout(() => approveRef.current?.focus());
  };

  const fieldErrors = mergeErrorMaps(localiseErrors(clientErrors ?? []), problemErrors(error));
  const commentErrors = errorsAt(fieldErrors, '/comment', true);

  return (
    <section className="review-detail card" aria-labelledby="review-detail-title" data-testid="review-detail">
      <div className="detail-head">
        <h2 id="review-detail-title" ref={headingRef} tabIndex={-1}>
          <Bi text={ds.title as { ko?: string; en?: string }} />
        </h2>
        <button type="button" className="secondary" onClick={onClose}>
          {t('review.close')}
        </button>
      </div>
      <dl className="facts">
        <dt>{t('review.provider')}</dt>
        <dd>
          <Bi text={ds.provider?.name} />
        </dd>
        <dt>{t('fields.slug')}</dt>
        <dd>
          <code>{ds.slug}</code>
        </dd>
        <dt>{t('review.submitted')}</dt>
        <dd>{submit ? t('review.submittedBy', { name: submit.byName, date: fmt.dateTime(submit.at) }) : fmt.dateTime(ds.updatedAt)}</dd>
        <dt>{t('review.currentVersion')}</dt>
        <dd>{ds.version > 0 ? t('workspace.version', { version: ds.version }) : t('review.firstPublication')}</dd>
      </dl>
      <ReviewChanges datasetId={ds.id} />

      <h3>{t('fields.summary')}</h3>
      {ds.summary ? <Bi text={ds.summary as { ko?: string; en?: string }} as="p" toggle /> : <p className="muted">{t('facts.notGiven')}</p>}
      {ds.description && (
        <details>
          <summary>{t('fields.description')}</summary>
          <Bi text={ds.description as { ko?: string; en?: string }} as="p" toggle className="prewrap" />
        </details>
      )}
      <h3>{t('steps.content')}</h3>
      <ContentFacts ds={ds} />
      <h3>{t('review.rules')}</h3>
      <DisclosureFacts ds={ds} />
      <h3>{t('steps.files')}</h3>
      <ArtifactList artifacts={ds.artifacts} />
      <SubmissionChanges changeNote={ds.review?.changeNote} fileChanges={ds.fileChanges} />
      <h3>{t('history.title')}</h3>
      <ReviewHistory history={ds.review?.history ?? []} />

      <h3>{t('review.decision')}</h3>
      {ownSubmission && <p className="notice">{t('review.ownSubmission')}</p>}
      <ApprovalEffect ds={ds} id={effectId} />
      <form
        onSubmit={(e) => {
          e.preventDefault();
        }}
        noValidate
      >
        <Field label={t('review.comment')} hint={t('review.commentHint')} errors={commentErrors}>
          {(p) => <textarea {...p} ref={commentRef} data-testid="review-comment" value={comment} onChange={(e) => setComment(e.target.value)} />}
        </Field>
        {error && !error.problem.errors?.length && <ProblemView error={error} />}
        <div className="actions">
          <button
            ref={approveRef}
            type="button"
            className="primary"
            data-testid="approve"
            disabled={busy !== null || confirming}
            aria-describedby={effectId}
            aria-haspopup="dialog"
            onClick={() => setConfirming(true)}
          >
            {t('review.approveVersion', { version: ds.version + 1 })}
          </button>
          <button type="button" className="secondary" data-testid="request-changes" disabled={busy !== null || confirming} onClick={() => void decide('request_changes')}>
            {t('review.requestChanges')}
          </button>
          {busy && (
            <span role="status" className="muted">
              {t('review.sending')}
            </span>
          )}
        </div>
        {confirming && (
          <ConfirmBox
            testId="approve-confirm"
            title={t('review.confirmTitle', { title: bi(ds.title as { ko?: string; en?: string }) || ds.slug, version: ds.version + 1 })}
            confirmLabel={t('review.confirmYes', { version: ds.version + 1 })}
            cancelLabel={t('review.confirmNo')}
            busy={busy !== null}
            onConfirm={() => void decide('approve')}
            onCancel={cancelApproval}
          >
            <p>{t('review.confirmText')}</p>
          </ConfirmBox>
        )}
      </form>
    </section>
  );
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
