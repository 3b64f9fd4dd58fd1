import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { Field } from '../../components/Field';
import { useTitle } from '../../components/Layout';
import { ProblemView } from '../../components/Status';
import { ApiError } from '../../lib/api';
import { useAuth } from '../../lib/auth';
import { safeNext } from './safe-next';
import './account.css';

// The demo catalogue's accounts (seed/data/users.ts); their descriptions live in the locale files.
const DEMO_ACCOUNTS = [
  { email: 'researcher@demo.kr', role: 'researcher' },
  { email: 'provider@demo.kr', role: 'provider' },
  { email: 'reviewer@demo.kr', role: 'reviewer' },
  { email: 'partner@demo.org', role: 'partner' },
  { email: 'admin@demo.kr', role: 'admin' },
] as const;
const DEMO_PASSWORD = 'databridge-demo';

/** `/signin?next=`: e-mail and password, the server's localised refusal, then back to where the user was. */
export default function SignInPage() {
  const { t } = useTranslation('account');
  useTitle(t('signIn.title'));
  const { user, loading, login } = useAuth();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const errorRef = useRef<HTMLDivElement>(null);
  const emailRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (error) errorRef.current?.focus();
  }, [error]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await login(email.trim(), password);
      navigate(next, { replace: true });
    } catch (err) {
      setError(err instanceof ApiError ? err : new ApiError({ title: '', status: 0, code: 'client_error' }));
      setBusy(false);
    }
  };

  const fillDemo = (demoEmail: string) => {
    setEmail(demoEmail);
    setPassword(DEMO_PASSWORD);
    emailRef.current?.focus();
  };

  return (
    <div className="account-page narrow">
      <h1>{t('signIn.title')}</h1>
      <p className="muted">{t('signIn.intro')}</p>

      {!loading && user && (
        <div className="notice" role="status">
          <p>{t('signIn.alreadySignedIn', { name: user.name })}</p>
          <p className="actions">
            <Link className="button" to={next}>
              {t('signIn.continue')}
            </Link>
            <Link className="button secondary" to="/account">
              {t('signIn.toAccount')}
            </Link>
          </p>
        </div>
      )}

      <div className="account-columns">
        <form className="card account-form" onSubmit={(e) => void submit(e)} noValidate data-testid="signin-form">
          <div ref={errorRef} tabIndex={-1} aria-live="assertive" className="form-status" data-testid="signin-error">
            <ProblemView error={error} compact />
          </div>
          <Field label={t('signIn.email')} required>
            {(p) => (
              <input
                {...p}
                ref={emailRef}
                type="email"
                name="email"
                autoComplete="username"
                value={email}
                onChange={(e) => setEmail(e.target.value)}
              />
            )}
          </Field>
          <Field label={t('signIn.password')} required>
            {(p) => (
              <input
                {...p}
                type="password"
                name="password"
                autoComplete="current-password"
                value={password}
                onChange={(e) => setPassword(e.target.value)}
              />
            )}
          </Field>
          <p className="actions">
            <button type="submit" className="primary" disabled={busy} aria-disabled={busy}>
              {busy ? t('signIn.submitting') : t('signIn.submit')}
            </button>
          </p>
          <p className="small">
            {t('signIn.noAccount')} <Link to="/register">{t('signIn.registerLink')}</Link>
          </p>
        </form>

        <aside className="notice demo-accounts" aria-labelledby="demo-accounts-title" data-testid="demo-accounts">
          <h2 id="demo-accounts-title">{t('demo.title')}</h2>
          <p>{t('demo.intro')}</p>
          <p>
            {t('demo.password')} <code className="demo-password">{DEMO_PASSWORD}</code>
          </p>
          <ul>
            {DEMO_ACCOUNTS.map((a) => (
              <li key={a.email}>
                <button
                  type="button"
                  className="link-button"
                  onClick={() => fillDemo(a.email)}
                  aria-label={t('demo.use', { email: a.email })}
                >
                  <code>{a.email}</code>
                </button>
                <span className="demo-role">{t(`demo.roles.${a.role}`)}</span>
              </li>
            ))}
          </ul>
        </aside>
      </div>
    </div>
  );
}
