import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { ACCESS_AGREEMENTS, STATEMENT_MAX, STATEMENT_MIN } from '@schemas/access';
import { PURPOSES } from '@schemas/taxonomy';
import { Bi, useBi } from '../../components/Bi';
import { Field } from '../../components/Field';
import { useTitle } from '../../components/Layout';
import { Loading, ProblemView } from '../../components/Status';
import { api, ApiError } from '../../lib/api';
import { useApi, useLang } from '../../lib/hooks';
import type { DatasetView } from '../dataset/types';
import { ExistingRequestNotice, type ExistingRequest } from './ExistingRequestNotice';
import { coveringRequest, type MyAccess } from './myAccess';
import { agreementFor, type AccessRequestView, type Explained } from './types';
import './access.css';
import { DuaLink } from '../agreements/DuaLink';

type Scope = 'samples' | 'full';

/** `/datasets/:slug/request`: statement, duration and agreements; the engine decides at once whether it is approved, submitted or refused. */
export default function RequestFormPage() {
  const { t } = useTranslation('access');
  const lang = useLang();
  const bi = useBi();
  const navigate = useNavigate();
  const { slug = '' } = useParams();
  const [params] = useSearchParams();
  const { data: d, error, loading } = useApi<DatasetView>(`/datasets/${encodeURIComponent(slug)}`);
  // What the caller already asked for or holds: a covering request is linked instead of a second one.
  const { data: myAccess } = useApi<MyAccess>(`/datasets/${encodeURIComponent(slug)}/my-access`);
  const [conflict, setConflict] = useState<(ExistingRequest & { forScope: Scope; forPurpose: string }) | null>(null);
  const initialScope: Scope = params.get('scope') === 'samples' ? 'samples' : 'full';
  const initialPurpose = PURPOSES.some((p) => p.code === params.get('purpose')) ? params.get('purpose')! : 'research';
  const [scope, setScope] = useState<Scope>(initialScope);
  const [purpose, setPurpose] = useState(initialPurpose);
  const [statement, setStatement] = useState('');
  const maxDays = d?.disclosure?.maxGrantDays ?? 365;
  const [duration, setDuration] = useState<number | ''>('');
  const [accepted, setAccepted] = useState<string[]>([]);
  const [evaluation, setEvaluation] = useState<Explained | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string[]>>({});
  const [submitError, setSubmitError] = useState<ApiError | null>(null);
  const [denied, setDenied] = useState<{ code: string; message: string }[] | null>(null);
  const [busy, setBusy] = useState(false);
  // One key per submission attempt: a retry after a network failure reuses it; changing the form starts a new attempt.
  const keyRef = useRef<string | null>(null);

  useTitle(d ? t('form.title', { title: bi(d.title) || d.slug }) : undefined);

  useEffect(() => {
    if (!d) return;
    const ctrl = new AbortController();
    api<Explained>('/policy/evaluate', { method: 'POST', body: { datasetId: d.id, purpose, scope }, signal: ctrl.signal })
      .then(({ data }) => setEvaluation(data))
      .catch((err: unknown) => {
        if ((err as Error).name !== 'AbortError') setEvaluation(null);
      });
    return () => ctrl.abort();
  }, [d, purpose, scope, lang]);

  useEffect(() => {
    keyRef.current = null;
  }, [scope, purpose, statement, duration, accepted]);

  if (loading) return <Loading />;
  if (error || !d) return <ProblemView error={error} />;

  const existing: ExistingRequest | null =
    coveringRequest(myAccess, scope, purpose) ??
    (conflict && conflict.forScope === scope && conflict.forPurpose === purpose ? conflict : null);
  const needed = Array.from(new Set((evaluation?.requirements ?? []).map((r) => agreementFor(r.code)).filter((c): c is string => !!c)));
  const agreementCodes = ACCESS_AGREEMENTS.map((a) => a.code as string).filter((c) => needed.includes(c));

  const validate = (): Record<string, string[]> => {
    const out: Record<string, string[]> = {};
    if (statement.trim().length < STATEMENT_MIN) out['/statement'] = [t('validation:min_length', { limit: STATEMENT_MIN })];
    if (duration === '') out['/durationDays'] = [t('validation:required')];
    else if (duration < 1) out['/durationDays'] = [t('validation:minimum', { limit: 1 })];
    else if (duration > maxDays) out['/durationDays'] = [t('validation:maximum', { limit: maxDays })];
    const missing = agreementCodes.filter((c) => !accepted.includes(c));
    if (missing.length) out['/acceptedAgreements'] = [t('form.agreementsMissing')];
    return out;
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setSubmitError(null);
    setDenied(null);
    const errs = validate();
    setFieldErrors(errs);
    if (Object.keys(errs).length) return;
    // The engine already said no: show its reasons without a request the server would refuse (422).
    if (evaluation?.decision === 'deny') {
      setDenied(evaluation.reasons);
      return;
    }
    keyRef.current ??= crypto.randomUUID();
    setBusy(true);
    try {
      const { data } = await api<AccessRequestView>('/access-requests', {
        method: 'POST',
        body: {
          datasetId: d.id,
          scope,
          purpose,
          statement: statement.trim(),
          durationDays: duration,
          acceptedAgreements: accepted.filter((c) => agreementCodes.includes(c)),
        },
        headers: { 'idempotency-key': keyRef.current },
      });
      void navigate(`/requests/${data.id}`, { state: { notice: data.status === 'approved' ? 'approved' : 'submitted' } });
    } catch (err) {
      const apiErr = err instanceof ApiError ? err : new ApiError({ title: '', status: 0, code: 'client_error' });
      if (apiErr.problem.code === 'access_request_exists' && apiErr.problem.existing) {
        setConflict({ ...(apiErr.problem.existing as ExistingRequest), forScope: scope, forPurpose: purpose });
      } else if (apiErr.problem.code === 'access_denied') {
        setDenied((apiErr.problem.reasons as { code: string; message: string }[] | undefined) ?? []);
      } else if (apiErr.problem.errors?.length) {
        setFieldErrors(apiErr.fieldErrors());
        setSubmitError(apiErr);
      } else setSubmitError(apiErr);
    } finally {
      setBusy(false);
    }
  };

  const toggle = (code: string) => setAccepted((a) => (a.includes(code) ? a.filter((c) => c !== code) : [...a, code]));

  return (
    <article className="access-page" data-testid="request-form-page">
      <p>
        <Link to={`/datasets/${encodeURIComponent(d.slug)}`}>{t('form.back')}</Link>
      </p>
      <h1>{t('form.heading')}</h1>
      <Bi as="p" className="lead" text={d.title} toggle />
      <form onSubmit={(e) => void submit(e)} noValidate className="card request-form">
        <Field label={t('fields.purpose')} required>
          {(p) => (
            <select {...p} value={purpose} onChange={(e) => setPurpose(e.target.value)} data-testid="request-purpose">
              {PURPOSES.map((x) => (
                <option key={x.code} value={x.code}>
                  {x.label[lang]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <fieldset className="field">
          <legend>{t('fields.scope')}</legend>
          {(['samples', 'full'] as const).map((s) => (
            <label key={s} className="radio">
              <input type="radio" name="scope" value={s} checked={scope === s} onChange={() => setScope(s)} /> {t(`scope.${s}`)}
            </label>
          ))}
        </fieldset>
        {evaluation && (
          <div className="notice" aria-live="polite" data-testid="form-decision" data-decision={evaluation.decision}>
            <p>
              <strong>{t(`decision.${evaluation.decision}`)}</strong>
            </p>
            {evaluation.requirements.length > 0 && (
              <ul>
                {evaluation.requirements.map((r) => (
                  <li key={r.code}>
                    {r.message}{' '}
                    <span className={r.blocking ? 'badge warning' : 'badge'}>
                      {r.blocking ? t('requirement.blocking') : t('requirement.clickThrough')}
                    </span>
                  </li>
                ))}
              </ul>
            )}
          </div>
        )}
        {existing ? (
          <ExistingRequestNotice existing={existing} />
        ) : (
          <>
            <Field
              label={t('fields.statement')}
              hint={t('form.statementHint', { min: STATEMENT_MIN })}
              errors={fieldErrors['/statement']}
              required
            >
              {(p) => (
                <>
                  <textarea
                    {...p}
                    rows={6}
                    maxLength={STATEMENT_MAX}
                    value={statement}
                    onChange={(e) => setStatement(e.target.value)}
                    data-testid="request-statement"
                  />
                  <p className={statement.trim().length < STATEMENT_MIN ? 'counter short' : 'counter'} aria-live="polite">
                    {t('form.counter', { n: statement.trim().length, min: STATEMENT_MIN })}
                  </p>
                </>
              )}
            </Field>
            <Field
              label={t('fields.duration')}
              hint={t('form.durationHint', { max: maxDays })}
              errors={fieldErrors['/durationDays']}
              required
            >
              {(p) => (
                <input
                  {...p}
                  type="number"
                  min={1}
                  max={maxDays}
                  value={duration}
                  onChange={(e) => setDuration(e.target.value === '' ? '' : Number(e.target.value))}
                  data-testid="request-duration"
                />
              )}
            </Field>
            {agreementCodes.length > 0 && (
              <fieldset className={fieldErrors['/acceptedAgreements'] ? 'field has-error' : 'field'} data-testid="request-agreements">
                <legend>{t('fields.agreements')}</legend>
                {agreementCodes.map((code) => (
                  <div key={code} className="agreement-choice">
                    <label className="checkbox">
                      <input type="checkbox" checked={accepted.includes(code)} onChange={() => toggle(code)} value={code} />{' '}
                      {t('form.accept', { agreement: t(`agreement.${code}`) })}
                    </label>
                    {code === 'dua' && (
                      <>
                        {' '}
                        <DuaLink dataset={slug} newTab />
                      </>
                    )}
                  </div>
                ))}
                {fieldErrors['/acceptedAgreements'] && (
                  <ul className="field-errors">
                    {fieldErrors['/acceptedAgreements'].map((m, i) => (
                      <li key={i}>{m}</li>
                    ))}
                  </ul>
                )}
              </fieldset>
            )}
            <div aria-live="assertive">
              {denied && (
                <div className="problem" role="alert" data-testid="request-denied">
                  <strong>{t('form.denied')}</strong>
                  <ul>
                    {denied.map((r) => (
                      <li key={r.code}>{r.message}</li>
                    ))}
                  </ul>
                </div>
              )}
              <ProblemView error={submitError} compact />
            </div>
            <div className="actions">
              <button type="submit" className="button" disabled={busy} data-testid="request-submit">
                {busy ? t('form.submitting') : t('form.submit')}
              </button>
            </div>
          </>
        )}
      </form>
    </article>
  );
}
