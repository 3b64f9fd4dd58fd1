// Creating a personal API token: the form, and the new token's secret shown once.
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Field } from '../../components/Field';
import { ProblemView } from '../../components/Status';
import { api, type ApiError } from '../../lib/api';
import { useFormat } from '../../lib/hooks';
import { localiseErrors, problemErrors, schemaCheck, schemaValidatorReady, type ErrorMap } from '../../lib/validation';
import { asApiError } from './problem';

/** A token as `POST /auth/tokens` answers it: the only time its secret is sent. */
export interface CreatedToken {
  id: string;
  name: string;
  token: string;
  expiresAt: string;
}

const DAY_CHOICES = [7, 30, 90, 180, 365] as const;

/** The form creating a token: a name and a lifetime, checked against the server's schema first. */
export function CreateToken({ onCreated }: { onCreated: (t: CreatedToken) => void }) {
  const { t } = useTranslation('account');
  const [name, setName] = useState('');
  const [days, setDays] = useState<number>(90);
  const [errors, setErrors] = useState<ErrorMap>({});
  const [problem, setProblem] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const headingId = useId();

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setProblem(null);
    const body: Record<string, unknown> = { expiresInDays: days };
    if (name.trim()) body.name = name.trim();
    setBusy(true);
    await schemaValidatorReady;
    const found = schemaCheck('auth.tokenCreate', body);
    if (found?.length) {
      setErrors(localiseErrors(found));
      setBusy(false);
      return;
    }
    setErrors({});
    try {
      const { data } = await api<CreatedToken>('/auth/tokens', { method: 'POST', body });
      setName('');
      onCreated(data);
    } catch (err) {
      const apiErr = asApiError(err);
      const fields = problemErrors(apiErr);
      setErrors(fields);
      if (!Object.keys(fields).length) setProblem(apiErr);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="token-create" aria-labelledby={headingId} onSubmit={(e) => void submit(e)} noValidate data-testid="token-create">
      <h3 id={headingId}>{t('tokens.create')}</h3>
      <div className="token-create-fields">
        <Field label={t('tokens.tokenName')} hint={t('tokens.tokenNameHint')} required errors={errors['/name']}>
          {(p) => (
            <input
              {...p}
              name="tokenName"
              maxLength={100}
              value={name}
              onChange={(e) => setName(e.target.value)}
              data-testid="token-name"
            />
          )}
        </Field>
        <Field label={t('tokens.days')} errors={errors['/expiresInDays']}>
          {(p) => (
            <select {...p} value={days} onChange={(e) => setDays(Number(e.target.value))} data-testid="token-days">
              {DAY_CHOICES.map((d) => (
                <option key={d} value={d}>
                  {t('tokens.daysOption', { count: d })}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <ProblemView error={problem} compact />
      <button type="submit" className="primary" disabled={busy} data-testid="create-token">
        {busy ? t('tokens.submitting') : t('tokens.submit')}
      </button>
    </form>
  );
}

/** The new token's secret, focused when it appears, with a copy button: it is never shown again. */
export function NewTokenSecret({ token, onDismiss }: { token: CreatedToken; onDismiss: () => void }) {
  const { t } = useTranslation('account');
  const fmt = useFormat();
  const inputRef = useRef<HTMLInputElement>(null);
  const boxRef = useRef<HTMLDivElement>(null);
  const [copyState, setCopyState] = useState<'idle' | 'copied' | 'failed'>('idle');

  useEffect(() => {
    boxRef.current?.focus();
  }, [token.id]);

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(token.token);
      setCopyState('copied');
    } catch {
      inputRef.current?.select();
      setCopyState('failed');
    }
  };

  return (
    <div
      ref={boxRef}
      tabIndex={-1}
      className="new-token warning-box"
      role="region"
      aria-labelledby="new-token-title"
      data-testid="new-token"
    >
      <h3 id="new-token-title">{t('tokens.newTitle', { name: token.name })}</h3>
      <p className="warning-text">
        <strong>{t('tokens.secretWarning')}</strong>
      </p>
      <Field label={t('tokens.secretLabel')} hint={t('tokens.expiresOn', { date: fmt.date(token.expiresAt) })}>
        {(p) => (
          <div className="secret-row">
            <input
              {...p}
              ref={inputRef}
              readOnly
              value={token.token}
              className="secret"
              spellCheck={false}
              autoComplete="off"
              onFocus={(e) => e.currentTarget.select()}
              data-testid="new-token-secret"
            />
            <button type="button" className="secondary" onClick={() => void copy()}>
              {t('tokens.copy')}
            </button>
          </div>
        )}
      </Field>
      <p aria-live="polite" className="small">
        {copyState === 'copied' ? t('tokens.copied') : copyState === 'failed' ? t('tokens.copyFailed') : ''}
      </p>
      <button type="button" className="primary" onClick={onDismiss}>
        {t('tokens.dismiss')}
      </button>
    </div>
  );
}
