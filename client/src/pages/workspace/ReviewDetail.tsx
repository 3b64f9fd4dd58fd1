// One submission opened for review: what the reviewer checks, what approving publishes, approve or request changes.
import type { ReviewAction } from '@schemas/taxonomy';
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Bi, useBi } from '../../components/Bi';
import { ConfirmBox, useConfirmStep } from '../../components/ConfirmBox';
import { Field } from '../../components/Field';
import { ProblemView } from '../../components/Status';
import { api, ApiError } from '../../lib/api';
import { useAuth } from '../../lib/auth';
import { useFormat } from '../../lib/hooks';
import { errorsAt, localiseErrors, mergeErrorMaps, problemErrors, schemaCheck } from '../../lib/validation';
import { ArtifactList, ContentFacts, DisclosureFacts, ReviewHistory } from './DatasetFacts';
import { ReviewChanges } from './ReviewChanges';
import { SubmissionChanges } from './SubmissionChanges';
import { lastEvent, type WorkingDataset } from './types';

/** A decision just sent: what was decided, and the dataset as it is now. */
export type Decided = { action: ReviewAction; dataset: WorkingDataset };

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
          {changes.added.length > 0 && (
            <li>{t('review.effectAdds', { count: changes.added.length, files: changes.added.map((a) => a.filename).join(', ') })}</li>
          )}
          {changes.removed.length > 0 && (
            <li>
              {t('review.effectRemoves', { count: changes.removed.length, files: changes.removed.map((a) => a.filename).join(', ') })}
            </li>
          )}
        </ul>
      )}
      <p className="small">{t('review.effectNote')}</p>
    </div>
  );
}

/** One submission opened for a decision: what the reviewer checks, and approve / request changes. */
export function ReviewDetail({ ds, onDecided, onClose }: { ds: WorkingDataset; onDecided: (d: Decided) => void; onClose: () => void }) {
  const { t } = useTranslation('workspace');
  const { user } = useAuth();
  const fmt = useFormat();
  const [comment, setComment] = useState('');
  const [clientErrors, setClientErrors] = useState<ReturnType<typeof schemaCheck>>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState<ReviewAction | null>(null);
  // Publishing is asked for twice: the button opens a confirmation naming the dataset and version.
  const confirm = useConfirmStep();
  const headingRef = useRef<HTMLHeadingElement>(null);
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
      confirm.close();
    }
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
          {(p) => (
            <textarea {...p} ref={commentRef} data-testid="review-comment" value={comment} onChange={(e) => setComment(e.target.value)} />
          )}
        </Field>
        {error && !error.problem.errors?.length && <ProblemView error={error} />}
        <div className="actions">
          <button
            ref={confirm.triggerRef}
            type="button"
            className="primary"
            data-testid="approve"
            disabled={busy !== null || confirm.open}
            aria-describedby={effectId}
            aria-haspopup="dialog"
            onClick={confirm.ask}
          >
            {t('review.approveVersion', { version: ds.version + 1 })}
          </button>
          <button
            type="button"
            className="secondary"
            data-testid="request-changes"
            disabled={busy !== null || confirm.open}
            onClick={() => void decide('request_changes')}
          >
            {t('review.requestChanges')}
          </button>
          {busy && (
            <span role="status" className="muted">
              {t('review.sending')}
            </span>
          )}
        </div>
        {confirm.open && (
          <ConfirmBox
            testId="approve-confirm"
            title={t('review.confirmTitle', { title: bi(ds.title as { ko?: string; en?: string }) || ds.slug, version: ds.version + 1 })}
            confirmLabel={t('review.confirmYes', { version: ds.version + 1 })}
            cancelLabel={t('review.confirmNo')}
            busy={busy !== null}
            onConfirm={() => void decide('approve')}
            onCancel={confirm.cancel}
          >
            <p>{t('review.confirmText')}</p>
          </ConfirmBox>
        )}
      </form>
    </section>
  );
}
