import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams } from 'react-router';
import { STATEMENT_MAX, STATEMENT_MIN } from '@schemas/access';
import { labelOf } from '@schemas/taxonomy';
import { Bi, useBi } from '../../components/Bi';
import { ConfirmBox, useConfirmStep } from '../../components/ConfirmBox';
import { Field } from '../../components/Field';
import { useTitle } from '../../components/Layout';
import { Loading, ProblemView } from '../../components/Status';
import { api, ApiError } from '../../lib/api';
import { useApi, useFormat, useLang } from '../../lib/hooks';
import { StatusBadge } from './StatusBadge';
import { agreementFor, WITHDRAWABLE, type AccessRequestView } from './types';
import './access.css';
import { DuaLink } from '../agreements/DuaLink';

/** `/requests/:id`: status, decision, conditions, expiry and the full timeline; withdraw or resubmit when allowed. */
export default function RequestDetailPage() {
  const { t } = useTranslation('access');
  const lang = useLang();
  const bi = useBi();
  const fmt = useFormat();
  const { id = '' } = useParams();
  const location = useLocation();
  const notice = (location.state as { notice?: string } | null)?.notice;
  const { data: r, error, loading, reload } = useApi<AccessRequestView>(`/access-requests/${encodeURIComponent(id)}`);
  const [actionError, setActionError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const [statement, setStatement] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const [stmtErrors, setStmtErrors] = useState<string[] | undefined>();
  const [done, setDone] = useState<string | null>(null);
  const withdraw = useConfirmStep();
  const headingRef = useRef<HTMLHeadingElement>(null);
  useTitle(r ? t('detail.title', { title: bi(r.dataset.title) }) : undefined);

  if (loading && !r) return <Loading />;
  if (error || !r) return <ProblemView error={error} />;

  const act = async (path: string, body: unknown, doneKey: string) => {
    setBusy(true);
    setActionError(null);
    try {
      await api(`/access-requests/${r.id}/${path}`, { method: 'POST', body });
      setDone(doneKey);
      reload();
      headingRef.current?.focus();
    } catch (err) {
      setActionError(err instanceof ApiError ? err : new ApiError({ title: '', status: 0, code: 'client_error' }));
    } finally {
      setBusy(false);
    }
  };

  const resubmit = (e: FormEvent) => {
    e.preventDefault();
    const text = (statement ?? r.statement).trim();
    if (text.length < STATEMENT_MIN) {
      setStmtErrors([t('validation:min_length', { limit: STATEMENT_MIN })]);
      return;
    }
    setStmtErrors(undefined);
    void act('resubmit', { statement: text, ...(note.trim() ? { note: note.trim() } : {}) }, 'resubmitted');
  };

  return (
    <article className="access-page" data-testid="request-detail" data-status={r.status}>
      <p>
        <Link to="/requests">{t('detail.back')}</Link>
      </p>
      <h1 ref={headingRef} tabIndex={-1}>
        {t('detail.heading')}
      </h1>
      <div aria-live="polite">
        {notice && !done && (
          <p className="notice success" data-testid="request-notice" data-notice={notice}>
            {notice === 'approved' ? t('notice.approved') : t('notice.submitted')}
          </p>
        )}
        {done && <p className="notice success">{t(`notice.${done}`)}</p>}
        <ProblemView error={actionError} compact />
      </div>
      <dl className="facts card">
        <dt>{t('fields.dataset')}</dt>
        <dd>
          {r.dataset.slug ? (
            <Link to={`/datasets/${encodeURIComponent(r.dataset.slug)}`}>
              <Bi text={r.dataset.title} />
            </Link>
          ) : (
            <Bi text={r.dataset.title} />
          )}
        </dd>
        <dt>{t('fields.status')}</dt>
        <dd>
          <StatusBadge status={r.status} />
        </dd>
        <dt>{t('fields.scope')}</dt>
        <dd>{t(`scope.${r.scope}`)}</dd>
        <dt>{t('fields.purpose')}</dt>
        <dd>{labelOf('purposes', r.purpose, lang)}</dd>
        <dt>{t('fields.duration')}</dt>
        <dd>{t('age.days', { n: fmt.number(r.durationDays) })}</dd>
        <dt>{t('fields.submittedAt')}</dt>
        <dd>{fmt.dateTime(r.submittedAt)}</dd>
        <dt>{t('fields.age')}</dt>
        <dd>
          {t('age.days', { n: fmt.number(r.ageDays) })} · {t('age.sla', { sla: r.slaDays })}
          {r.overdue && <span className="badge warning">{t('age.overdue', { sla: r.slaDays })}</span>}
        </dd>
        {r.decidedAt && (
          <>
            <dt>{t('fields.decidedAt')}</dt>
            <dd>
              {fmt.dateTime(r.decidedAt)} · {r.decidedBySystem ? t('timeline.system') : (r.decidedBy?.name ?? '')}
            </dd>
          </>
        )}
        {r.decisionReason && (
          <>
            <dt>{t('fields.decisionReason')}</dt>
            <dd data-testid="decision-reason">{r.decisionReason}</dd>
          </>
        )}
        {r.conditions && r.conditions.length > 0 && (
          <>
            <dt>{t('fields.conditions')}</dt>
            <dd>
              <ul data-testid="conditions">
                {r.conditions.map((c, i) => (
                  <li key={i}>{c}</li>
                ))}
              </ul>
            </dd>
          </>
        )}
        {r.expiresAt && (
          <>
            <dt>{t('fields.expiresAt')}</dt>
            <dd data-testid="expires-at">{fmt.dateTime(r.expiresAt)}</dd>
          </>
        )}
        {r.revokeReason && (
          <>
            <dt>{t('fields.revokeReason')}</dt>
            <dd>{r.revokeReason}</dd>
          </>
        )}
        <dt>{t('detail.accepted')}</dt>
        <dd>{r.acceptedAgreements.length ? r.acceptedAgreements.map((a) => t(`agreement.${a.code}`)).join(', ') : t('detail.none')}</dd>
      </dl>

      {r.evaluation.requirements.length > 0 && (
        <section className="card">
          <h2>{t('panel.requirements')}</h2>
          <ul>
            {r.evaluation.requirements.map((q) => {
              // An agreement accepted with this request is no longer something to do.
              const agreement = agreementFor(q.code);
              const accepted = !!agreement && r.acceptedAgreements.some((a) => a.code === agreement);
              return (
                <li key={q.code} data-code={q.code}>
                  {q.message}{' '}
                  {accepted ? (
                    <span className="badge success" data-testid="accepted-with-request">
                      {t('requirement.acceptedWithRequest')}
                    </span>
                  ) : (
                    <span className={q.blocking ? 'badge warning' : 'badge'}>{q.blocking ? t('requirement.blocking') : t('requirement.clickThrough')}</span>
                  )}
                  {q.code === 'accept_dua' && (
                    <>
                      {' '}
                      <DuaLink dataset={r.dataset.slug ?? undefined} />
                    </>
                  )}
                </li>
              );
            })}
          </ul>
        </section>
      )}

      <section className="card">
        <h2>{t('fields.statement')}</h2>
        <p className="statement">{r.statement}</p>
      </section>

      <section className="card" aria-labelledby="timeline-heading">
        <h2 id="timeline-heading">{t('timeline.heading')}</h2>
        <ol className="timeline" data-testid="timeline">
          {r.history.map((h, i) => (
            <li key={i} data-to={h.to}>
              <time dateTime={h.at}>{fmt.dateTime(h.at)}</time> <StatusBadge status={h.to} />{' '}
              <span className="muted">{h.bySystem ? t('timeline.system') : t('timeline.by', { name: h.actor?.name ?? '' })}</span>
              {h.note && <p className="timeline-note">{h.note}</p>}
            </li>
          ))}
        </ol>
      </section>

      {r.status === 'changes_requested' && (
        <section className="card" aria-labelledby="resubmit-heading">
          <h2 id="resubmit-heading">{t('resubmit.heading')}</h2>
          <form onSubmit={resubmit} noValidate>
            <Field label={t('fields.statement')} hint={t('form.statementHint', { min: STATEMENT_MIN })} errors={stmtErrors} required>
              {(p) => <textarea {...p} rows={6} maxLength={STATEMENT_MAX} value={statement ?? r.statement} onChange={(e) => setStatement(e.target.value)} data-testid="resubmit-statement" />}
            </Field>
            <Field label={t('resubmit.note')}>{(p) => <textarea {...p} rows={3} value={note} onChange={(e) => setNote(e.target.value)} />}</Field>
            <div className="actions">
              <button type="submit" className="button" disabled={busy} data-testid="resubmit">
                {t('resubmit.submit')}
              </button>
            </div>
          </form>
        </section>
      )}

      {WITHDRAWABLE.includes(r.status) &&
        (withdraw.open ? (
          <ConfirmBox
            testId="withdraw-confirm"
            tone="danger"
            title={t('withdraw.confirm')}
            confirmLabel={t('withdraw.button')}
            cancelLabel={t('withdraw.keep')}
            busy={busy}
            onConfirm={() => {
              withdraw.close();
              void act('withdraw', {}, 'withdrawn');
            }}
            onCancel={withdraw.cancel}
          />
        ) : (
          <div className="actions">
            <button ref={withdraw.triggerRef} type="button" className="button secondary" disabled={busy} data-testid="withdraw" onClick={withdraw.ask}>
              {t('withdraw.button')}
            </button>
          </div>
        ))}
    </article>
  );
}
