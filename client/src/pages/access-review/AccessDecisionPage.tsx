import { ACCESS_AGREEMENTS } from '@schemas/access';
import { labelOf } from '@schemas/taxonomy';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { Bi } from '../../components/Bi';
import { Field } from '../../components/Field';
import { useTitle } from '../../components/Layout';
import { Loading, ProblemView } from '../../components/Status';
import { api, ApiError } from '../../lib/api';
import { useAuth } from '../../lib/auth';
import { useApi, useFormat, useLang } from '../../lib/hooks';
import { ExpiryChange } from './ExpiryChange';
import type { AccessRequest } from './types';
import './access-review.css';

type Decision = 'approve' | 'reject' | 'request_changes';
const DECISIONS: Decision[] = ['approve', 'reject', 'request_changes'];
const EVIDENCE_CODES = ['export_license', 'government_approval'];
const DAY = 86_400_000;

/** YYYY-MM-DD of a date in local time (for date inputs). */
function ymd(d: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** The end of a chosen day (local), as an ISO instant. */
function endOfDay(value: string): string {
  const [y, m, d] = value.split('-').map(Number);
  return new Date(y, m - 1, d, 23, 59, 0).toISOString();
}

/** One access request for a reviewer: what was asked, its history, and the decision form. */
export default function AccessDecisionPage() {
  const { t } = useTranslation('accessReview');
  const { id } = useParams();
  const lang = useLang();
  const fmt = useFormat();
  const { user } = useAuth();
  const [params] = useSearchParams();
  const { data: loaded, error: loadError, loading } = useApi<AccessRequest>(`/access-requests/${id}`);
  const [req, setReq] = useState<AccessRequest | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [message, setMessage] = useState('');
  const [busy, setBusy] = useState(false);
  const [decision, setDecision] = useState<Decision>('approve');
  const [reason, setReason] = useState('');
  const [conditions, setConditions] = useState<string[]>([]);
  // Filled with the requested duration (capped by maxGrantDays) once the request is loaded, as the server defaults it.
  const [expires, setExpires] = useState('');
  const [evidence, setEvidence] = useState('');
  const [revokeReason, setRevokeReason] = useState('');
  const [formErrors, setFormErrors] = useState<Record<string, string[]>>({});
  const statusRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!loaded) return;
    setReq(loaded);
    const max = loaded.evaluation.maxGrantDays ?? loaded.durationDays;
    setExpires((current) => current || ymd(new Date(Date.now() + Math.min(loaded.durationDays, max) * DAY)));
  }, [loaded]);
  useTitle(t('decision.title'));

  if (loading && !req) return <Loading />;
  if (!req) return <ProblemView error={loadError} />;

  const maxDays = req.evaluation.maxGrantDays;
  const maxDate = maxDays ? ymd(new Date(Date.now() + maxDays * DAY)) : undefined;
  const minDate = ymd(new Date(Date.now() + DAY));
  const needsEvidence = req.evaluation.requirements.some((q) => EVIDENCE_CODES.includes(q.code));
  const undecided = req.status === 'submitted' || req.status === 'under_review';
  const own = !!user && user.id === req.requester.id;

  const run = async (path: string, body: unknown, done: string) => {
    setBusy(true);
    setError(null);
    setMessage('');
    try {
      const { data } = await api<AccessRequest>(`/access-requests/${req.id}/${path}`, { method: 'POST', body });
      setReq(data);
      setMessage(done);
    } catch (err) {
      const apiErr = err instanceof ApiError ? err : new ApiError({ title: String(err), status: 0, code: 'client_error' });
      // The server's field errors go to the fields they name; only what names no field of this form stays a problem box.
      const byField: Record<string, string[]> = {};
      let unplaced = false;
      for (const [path, messages] of Object.entries(apiErr.fieldErrors())) {
        const field = SERVER_FIELDS[path.split('/')[1] ?? ''];
        if (field) byField[field] = [...(byField[field] ?? []), ...messages];
        else unplaced = true;
      }
      setFormErrors(byField);
      setError(Object.keys(byField).length && !unplaced ? null : apiErr);
    } finally {
      setBusy(false);
      statusRef.current?.focus();
    }
  };

  const submitDecision = (e: FormEvent) => {
    e.preventDefault();
    const errs: Record<string, string[]> = {};
    if (!reason.trim()) errs.reason = [t('decision.errors.reasonRequired')];
    if (decision === 'approve') {
      if (!expires) errs.expires = [t('decision.errors.expiresRequired')];
      else if (maxDate && expires > maxDate) errs.expires = [t('decision.errors.expiresTooLate', { date: fmt.date(endOfDay(maxDate)) })];
      if (needsEvidence && !evidence.trim()) errs.evidence = [t('decision.errors.evidenceRequired')];
    }
    setFormErrors(errs);
    if (Object.keys(errs).length) return;
    const body: Record<string, unknown> = { decision, reason: reason.trim() };
    const conds = conditions.map((c) => c.trim()).filter(Boolean);
    if (conds.length) body.conditions = conds;
    if (decision === 'approve') {
      // The end of the chosen day, but never past the dataset's longest grant counted from now: the
      // last allowed day (the default when the longest period was requested) would otherwise be refused.
      const chosen = new Date(endOfDay(expires)).getTime();
      body.expiresAt = new Date(maxDays ? Math.min(chosen, Date.now() + maxDays * DAY) : chosen).toISOString();
      if (evidence.trim()) body.evidence = evidence.trim();
    }
    void run('decision', body, t('decision.done'));
  };

  const agreementLabel = (code: string) => ACCESS_AGREEMENTS.find((a) => a.code === code)?.label[lang] ?? code;
  const backTo = params.get('lang') ? `/review/access?lang=${params.get('lang')}` : '/review/access';

  return (
    <article className="access-review" data-testid="access-decision">
      <p>
        <Link to={backTo}>{t('decision.back')}</Link>
      </p>
      <h1>
        {t('decision.title')}: <Bi text={req.dataset.title} />
      </h1>
      <div ref={statusRef} tabIndex={-1} aria-live="polite">
        {message && <p className="notice success">{message}</p>}
        {error && <DecisionProblem error={error} />}
      </div>
      <section className="card">
        <h2>{t('decision.request')}</h2>
        <dl className="facts">
          <dt>{t('decision.status')}</dt>
          <dd>
            <span className="badge primary">{labelOf('accessRequestStatuses', req.status, lang)}</span>
          </dd>
          <dt>{t('queue.col.requester')}</dt>
          <dd>
            {req.requester.name}
            {req.requester.organization && (
              <>
                {' · '}
                <Bi text={req.requester.organization.name} /> · {req.requester.organization.country}
              </>
            )}
          </dd>
          <dt>{t('queue.col.scope')}</dt>
          <dd>{labelOf('accessScopes', req.scope, lang)}</dd>
          <dt>{t('queue.col.purpose')}</dt>
          <dd>{labelOf('purposes', req.purpose, lang)}</dd>
          <dt>{t('decision.duration')}</dt>
          <dd>{t('decision.days', { count: req.durationDays, n: fmt.number(req.durationDays) })}</dd>
          <dt>{t('queue.col.submitted')}</dt>
          <dd>{fmt.dateTime(req.submittedAt)}</dd>
          <dt>{t('queue.col.age')}</dt>
          <dd>
            {t('queue.age', { age: fmt.number(req.ageDays), sla: fmt.number(req.slaDays) })}
            {req.overdue && <span className="badge danger">{t('queue.overdue')}</span>}
          </dd>
          {req.claimedBy && (
            <>
              <dt>{t('decision.claimedBy')}</dt>
              <dd>{req.claimedBy.name}</dd>
            </>
          )}
          {req.expiresAt && (
            <>
              <dt>{t('decision.expiresAt')}</dt>
              <dd>{fmt.dateTime(req.expiresAt)}</dd>
            </>
          )}
        </dl>
        <h3>{t('decision.statement')}</h3>
        <p className="statement">{req.statement}</p>
        <h3>{t('decision.requirements')}</h3>
        {req.evaluation.requirements.length === 0 ? (
          <p className="muted">{t('decision.noRequirements')}</p>
        ) : (
          <ul>
            {req.evaluation.requirements.map((q) => (
              <li key={q.code}>
                {q.message}
                {q.blocking && <span className="badge warning">{t('decision.blocking')}</span>}
              </li>
            ))}
          </ul>
        )}
        <h3>{t('decision.agreements')}</h3>
        {req.acceptedAgreements.length === 0 ? (
          <p className="muted">{t('decision.noAgreements')}</p>
        ) : (
          <ul>
            {req.acceptedAgreements.map((a) => (
              <li key={a.code}>{t('decision.acceptedAt', { agreement: agreementLabel(a.code), at: fmt.dateTime(a.acceptedAt) })}</li>
            ))}
          </ul>
        )}
        {(req.decisionReason || req.conditions.length > 0 || req.evidence || req.revokeReason) && (
          <>
            <h3>{t('decision.outcome')}</h3>
            <dl className="facts">
              {req.decisionReason && (
                <>
                  <dt>{t('decision.reason')}</dt>
                  <dd>{req.decisionReason}</dd>
                </>
              )}
              {req.conditions.length > 0 && (
                <>
                  <dt>{t('decision.conditions')}</dt>
                  <dd>
                    <ul>
                      {req.conditions.map((c, i) => (
                        <li key={i}>{c}</li>
                      ))}
                    </ul>
                  </dd>
                </>
              )}
              {req.evidence && (
                <>
                  <dt>{t('decision.evidence')}</dt>
                  <dd>{req.evidence}</dd>
                </>
              )}
              {req.revokeReason && (
                <>
                  <dt>{t('decision.revokeReason')}</dt>
                  <dd>{req.revokeReason}</dd>
                </>
              )}
            </dl>
          </>
        )}
      </section>

      <section className="card">
        <h2>{t('decision.history')}</h2>
        <ol className="timeline">
          {req.history.map((h, i) => (
            <li key={i}>
              <time dateTime={h.at}>{fmt.dateTime(h.at)}</time> —{' '}
              {t('decision.transition', {
                to: labelOf('accessRequestStatuses', h.to, lang),
                actor: h.bySystem || !h.actor ? t('decision.system') : h.actor.name,
              })}
              {h.note && <p className="muted">{h.note}</p>}
            </li>
          ))}
        </ol>
      </section>

      {req.status === 'submitted' && (
        <section className="card">
          <h2>{t('decision.claimHeading')}</h2>
          <p className="muted">{t('decision.claimHint')}</p>
          <button type="button" className="primary" data-testid="claim" disabled={busy} onClick={() => void run('claim', undefined, t('decision.claimed'))}>
            {t('decision.claim')}
          </button>
        </section>
      )}

      {undecided && (
        <section className="card">
          <h2>{t('decision.formHeading')}</h2>
          {own && <p className="notice">{t('decision.ownRequest')}</p>}
          <form onSubmit={submitDecision} noValidate>
            <fieldset>
              <legend>{t('decision.decision')}</legend>
              {DECISIONS.map((d) => (
                <label key={d} className="radio">
                  <input
                    type="radio"
                    name="decision"
                    value={d}
                    checked={decision === d}
                    onChange={() => setDecision(d)}
                    data-testid={`decision-${d.replace('_', '-')}`}
                  />{' '}
                  {t(`decision.options.${d}`)}
                </label>
              ))}
            </fieldset>
            <Field label={t('decision.reason')} required errors={formErrors.reason}>
              {(p) => <textarea {...p} rows={3} value={reason} onChange={(e) => setReason(e.target.value)} data-testid="decision-reason" />}
            </Field>
            <fieldset>
              <legend>{t('decision.conditions')}</legend>
              {conditions.length === 0 && <p className="muted">{t('decision.noConditions')}</p>}
              {conditions.map((c, i) => (
                <div className="condition-row" key={i}>
                  <Field label={t('decision.conditionN', { n: i + 1 })}>
                    {(p) => (
                      <input
                        {...p}
                        value={c}
                        data-testid="decision-condition"
                        onChange={(e) => setConditions(conditions.map((x, j) => (j === i ? e.target.value : x)))}
                      />
                    )}
                  </Field>
                  <button type="button" className="secondary" onClick={() => setConditions(conditions.filter((_, j) => j !== i))}>
                    {t('decision.removeCondition', { n: i + 1 })}
                  </button>
                </div>
              ))}
              {formErrors.conditions && (
                <ul className="field-errors" data-testid="conditions-errors">
                  {formErrors.conditions.map((m, i) => (
                    <li key={i}>{m}</li>
                  ))}
                </ul>
              )}
              <button type="button" className="secondary" data-testid="add-condition" onClick={() => setConditions([...conditions, ''])}>
                {t('decision.addCondition')}
              </button>
            </fieldset>
            {decision === 'approve' && (
              <>
                <Field
                  label={t('decision.expiresAt')}
                  required
                  hint={maxDays ? t('decision.expiresHint', { days: fmt.number(maxDays), date: fmt.date(endOfDay(maxDate!)) }) : undefined}
                  errors={formErrors.expires}
                >
                  {(p) => (
                    <input {...p} type="date" min={minDate} max={maxDate} value={expires} onChange={(e) => setExpires(e.target.value)} data-testid="decision-expires" />
                  )}
                </Field>
                <ExpiryChange requestedDays={req.durationDays} expires={expires} />
                {needsEvidence && (
                  <Field label={t('decision.evidence')} hint={t('decision.evidenceHint')} required errors={formErrors.evidence}>
                    {(p) => <input {...p} value={evidence} onChange={(e) => setEvidence(e.target.value)} data-testid="decision-evidence" />}
                  </Field>
                )}
              </>
            )}
            <div className="actions">
              <button type="submit" className="primary" disabled={busy} data-testid="decision-submit">
                {t('decision.submit')}
              </button>
            </div>
          </form>
        </section>
      )}

      {req.status === 'approved' && (
        <section className="card">
          <h2>{t('decision.revokeHeading')}</h2>
          <form
            onSubmit={(e) => {
              e.preventDefault();
              if (!revokeReason.trim()) {
                setFormErrors({ revoke: [t('decision.errors.reasonRequired')] });
                return;
              }
              setFormErrors({});
              void run('revoke', { reason: revokeReason.trim() }, t('decision.revoked'));
            }}
            noValidate
          >
            <Field label={t('decision.revokeReason')} required errors={formErrors.revoke}>
              {(p) => <textarea {...p} rows={2} value={revokeReason} onChange={(e) => setRevokeReason(e.target.value)} data-testid="revoke-reason" />}
            </Field>
            <div className="actions">
              <button type="submit" className="danger" disabled={busy} data-testid="revoke">
                {t('decision.revoke')}
              </button>
            </div>
          </form>
        </section>
      )}
    </article>
  );
}

/** Form fields of the server's field-error paths (`/expiresAt` → the expiry field). */
const SERVER_FIELDS: Record<string, string> = { reason: 'reason', expiresAt: 'expires', evidence: 'evidence', conditions: 'conditions' };

/** The server's problem, with a plain explanation for the conflicts a reviewer can meet. */
function DecisionProblem({ error }: { error: ApiError }) {
  const { t } = useTranslation('accessReview');
  const known: Record<string, string> = {
    request_already_decided: t('decision.problems.alreadyDecided'),
    cannot_decide_own_request: t('decision.problems.ownRequest'),
  };
  const explanation = known[error.problem.code];
  return (
    <>
      {explanation && <p className="notice">{explanation}</p>}
      <ProblemView error={error} />
    </>
  );
}
