// The reviewer's forms on an access request: the decision (with conditions, expiry and evidence) and revocation.
import { useTranslation } from 'react-i18next';
import { Field } from '../../components/Field';
import { useFormat } from '../../lib/hooks';
import { ExpiryChange } from './ExpiryChange';
import { endOfDay, type Decision, type DecisionFormState, type RevokeFormState } from './useAccessDecision';

const DECISIONS: Decision[] = ['approve', 'reject', 'request_changes'];

/**
 * Approve, reject or ask for changes, with a reason; an approval also sets the expiry (and evidence
 * when required). `own`: the reviewer made the request (the server refuses; the form says so first).
 */
export function DecisionForm({
  form,
  formErrors,
  busy,
  requestedDays,
  own,
}: {
  form: DecisionFormState;
  formErrors: Record<string, string[]>;
  busy: boolean;
  requestedDays: number;
  own: boolean;
}) {
  const { t } = useTranslation('accessReview');
  const fmt = useFormat();
  return (
    <section className="card">
      <h2>{t('decision.formHeading')}</h2>
      {own && <p className="notice">{t('decision.ownRequest')}</p>}
      <form onSubmit={form.submit} noValidate>
        <fieldset>
          <legend>{t('decision.decision')}</legend>
          {DECISIONS.map((d) => (
            <label key={d} className="radio">
              <input
                type="radio"
                name="decision"
                value={d}
                checked={form.decision === d}
                onChange={() => form.setDecision(d)}
                data-testid={`decision-${d.replace('_', '-')}`}
              />{' '}
              {t(`decision.options.${d}`)}
            </label>
          ))}
        </fieldset>
        <Field label={t('decision.reason')} required errors={formErrors.reason}>
          {(p) => (
            <textarea {...p} rows={3} value={form.reason} onChange={(e) => form.setReason(e.target.value)} data-testid="decision-reason" />
          )}
        </Field>
        <fieldset>
          <legend>{t('decision.conditions')}</legend>
          {form.conditions.length === 0 && <p className="muted">{t('decision.noConditions')}</p>}
          {form.conditions.map((c, i) => (
            <div className="condition-row" key={i}>
              <Field label={t('decision.conditionN', { n: i + 1 })}>
                {(p) => (
                  <input
                    {...p}
                    value={c}
                    data-testid="decision-condition"
                    onChange={(e) => form.setConditions(form.conditions.map((x, j) => (j === i ? e.target.value : x)))}
                  />
                )}
              </Field>
              <button type="button" className="secondary" onClick={() => form.setConditions(form.conditions.filter((_, j) => j !== i))}>
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
          <button
            type="button"
            className="secondary"
            data-testid="add-condition"
            onClick={() => form.setConditions([...form.conditions, ''])}
          >
            {t('decision.addCondition')}
          </button>
        </fieldset>
        {form.decision === 'approve' && (
          <>
            <Field
              label={t('decision.expiresAt')}
              required
              hint={
                form.maxDays
                  ? t('decision.expiresHint', { days: fmt.number(form.maxDays), date: fmt.date(endOfDay(form.maxDate!)) })
                  : undefined
              }
              errors={formErrors.expires}
            >
              {(p) => (
                <input
                  {...p}
                  type="date"
                  min={form.minDate}
                  max={form.maxDate}
                  value={form.expires}
                  onChange={(e) => form.setExpires(e.target.value)}
                  data-testid="decision-expires"
                />
              )}
            </Field>
            <ExpiryChange requestedDays={requestedDays} expires={form.expires} />
            {form.needsEvidence && (
              <Field label={t('decision.evidence')} hint={t('decision.evidenceHint')} required errors={formErrors.evidence}>
                {(p) => (
                  <input {...p} value={form.evidence} onChange={(e) => form.setEvidence(e.target.value)} data-testid="decision-evidence" />
                )}
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
  );
}

/** Revokes an approved request, with a reason. */
export function RevokeForm({ form, formErrors, busy }: { form: RevokeFormState; formErrors: Record<string, string[]>; busy: boolean }) {
  const { t } = useTranslation('accessReview');
  return (
    <section className="card">
      <h2>{t('decision.revokeHeading')}</h2>
      <form onSubmit={form.submit} noValidate>
        <Field label={t('decision.revokeReason')} required errors={formErrors.revoke}>
          {(p) => (
            <textarea {...p} rows={2} value={form.reason} onChange={(e) => form.setReason(e.target.value)} data-testid="revoke-reason" />
          )}
        </Field>
        <div className="actions">
          <button type="submit" className="danger" disabled={busy} data-testid="revoke">
            {t('decision.revoke')}
          </button>
        </div>
      </form>
    </section>
  );
}
