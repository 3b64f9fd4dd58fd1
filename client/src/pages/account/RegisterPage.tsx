import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { LOCALES } from '@schemas/taxonomy';
import { Field } from '../../components/Field';
import { useTitle } from '../../components/Layout';
import { Loading, ProblemView } from '../../components/Status';
import { ApiError } from '../../lib/api';
import { useAuth } from '../../lib/auth';
import { useLang } from '../../lib/hooks';
import type { Lang } from '../../lib/i18n';
import { localiseErrors, problemErrors, schemaCheck, schemaValidatorReady, type ErrorMap } from '../../lib/validation';
import { OrganizationSelect, useJoinRule, useOrganizations } from './OrganizationSelect';
import './account.css';

type RegisterBody = Parameters<ReturnType<typeof useAuth>['register']>[0];
type FieldName = 'name' | 'email' | 'password' | 'organizationSlug' | 'membershipNote' | 'locale';
const FIELDS: readonly FieldName[] = ['name', 'email', 'password', 'organizationSlug', 'membershipNote', 'locale'];
const NOTE_MAX = 500;

/**
 * `/register`: a researcher account, optionally asking to join an organisation (its admins decide,
 * or a verified address in a domain it lists admits the account), checked with the server's own
 * schema before sending.
 */
export default function RegisterPage() {
  const { t } = useTranslation('account');
  useTitle(t('register.title'));
  const lang = useLang();
  const navigate = useNavigate();
  const { register } = useAuth();
  const orgs = useOrganizations();
  const joinRule = useJoinRule();
  const [values, setValues] = useState<Record<FieldName, string>>({
    name: '',
    email: '',
    password: '',
    organizationSlug: '',
    membershipNote: '',
    locale: lang,
  });
  const [errors, setErrors] = useState<ErrorMap>({});
  const [problem, setProblem] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const [attempt, setAttempt] = useState(0);
  const summaryRef = useRef<HTMLDivElement>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const chosen = orgs.data?.items.find((o) => o.slug === values.organizationSlug);

  const errorsAt = (path: string) => errors[path];
  const fieldErrorCount = FIELDS.filter((f) => errorsAt(`/${f}`)).length;
  const otherErrors = Object.entries(errors).filter(([p]) => !FIELDS.some((f) => p === `/${f}`));

  // After a failed attempt, move focus to the first field in error (or the summary) so it is announced.
  useEffect(() => {
    if (attempt === 0) return;
    const invalid = formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]');
    if (invalid) invalid.focus();
    else summaryRef.current?.focus();
  }, [attempt]);

  const set = (name: FieldName) => (e: { target: { value: string } }) => setValues((v) => ({ ...v, [name]: e.target.value }));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setProblem(null);
    // Empty fields are left out, so a missing entry reads "required" rather than "invalid format".
    const body: Record<string, string> = {};
    for (const f of FIELDS) {
      const v = f === 'password' ? values[f] : values[f].trim();
      if (v) body[f] = v;
    }
    // A note goes only with a request to join: on its own it would address nobody.
    if (!body.organizationSlug) delete body.membershipNote;
    setBusy(true);
    // The server's own schema, checked here first when this browser can run it (else the server answers the same).
    await schemaValidatorReady;
    const found = schemaCheck('auth.register', body);
    if (found?.length) {
      setErrors(localiseErrors(found));
      setBusy(false);
      setAttempt((n) => n + 1);
      return;
    }
    setErrors({});
    try {
      await register({ ...(body as Omit<RegisterBody, 'locale'>), locale: (body.locale ?? lang) as Lang });
      navigate('/account', { replace: true, state: { welcome: true } });
    } catch (err) {
      const apiErr = err instanceof ApiError ? err : new ApiError({ title: '', status: 0, code: 'client_error' });
      const fieldMap = problemErrors(apiErr);
      if (apiErr.problem.code === 'email_taken') fieldMap['/email'] = [apiErr.problem.detail || apiErr.problem.title];
      setErrors(fieldMap);
      // Field errors are shown at their fields; anything else (rate limit, server down) as the problem.
      if (!Object.keys(fieldMap).length) setProblem(apiErr);
      setBusy(false);
      setAttempt((n) => n + 1);
    }
  };

  return (
    <div className="account-page narrow">
      <h1>{t('register.title')}</h1>
      <p className="muted">{t('register.intro')}</p>

      <form ref={formRef} className="card account-form" onSubmit={(e) => void submit(e)} noValidate data-testid="register-form">
        <div ref={summaryRef} tabIndex={-1} aria-live="assertive" className="form-status">
          {fieldErrorCount + otherErrors.length > 0 && (
            <div className="problem compact" role="alert" data-testid="form-errors">
              <strong>{t('register.fixErrors', { count: fieldErrorCount + otherErrors.length })}</strong>
              {otherErrors.length > 0 && <ul>{otherErrors.flatMap(([p, list]) => list.map((m) => <li key={p + m}>{m}</li>))}</ul>}
            </div>
          )}
          <ProblemView error={problem} compact />
        </div>

        <Field label={t('register.name')} required errors={errorsAt('/name')}>
          {(p) => <input {...p} name="name" autoComplete="name" value={values.name} onChange={set('name')} data-testid="field-name" />}
        </Field>
        <Field label={t('register.email')} required errors={errorsAt('/email')}>
          {(p) => (
            <input
              {...p}
              type="email"
              name="email"
              autoComplete="email"
              value={values.email}
              onChange={set('email')}
              data-testid="field-email"
            />
          )}
        </Field>
        <Field label={t('register.password')} hint={t('register.passwordHint')} required errors={errorsAt('/password')}>
          {(p) => (
            <input
              {...p}
              type="password"
              name="password"
              autoComplete="new-password"
              value={values.password}
              onChange={set('password')}
              data-testid="field-password"
            />
          )}
        </Field>
        <fieldset className="join-fieldset" aria-describedby="join-rule" data-testid="join-fieldset">
          <legend>{t('register.joinLegend')}</legend>
          <p className="hint" id="join-rule">
            {t('membership.howJoiningWorks')}
          </p>
          <Field label={t('register.organization')} hint={t('register.organizationHint')} errors={errorsAt('/organizationSlug')}>
            {(p) =>
              orgs.loading ? (
                <Loading />
              ) : orgs.error ? (
                <ProblemView error={orgs.error} compact />
              ) : (
                <OrganizationSelect
                  organizations={orgs.data?.items ?? []}
                  value={values.organizationSlug}
                  onChange={(slug) => setValues((v) => ({ ...v, organizationSlug: slug }))}
                  emptyLabel={t('register.noOrganization')}
                  control={p}
                  name="organizationSlug"
                  testId="field-organization"
                />
              )
            }
          </Field>
          {chosen && (
            <>
              <p className="notice compact-notice" data-testid="join-rule">
                {joinRule(chosen)}
              </p>
              <Field label={t('register.membershipNote')} hint={t('register.membershipNoteHint', { max: NOTE_MAX })} errors={errorsAt('/membershipNote')}>
                {(p) => (
                  <textarea
                    {...p}
                    name="membershipNote"
                    maxLength={NOTE_MAX}
                    value={values.membershipNote}
                    onChange={set('membershipNote')}
                    data-testid="field-membership-note"
                  />
                )}
              </Field>
            </>
          )}
        </fieldset>
        <Field label={t('register.locale')} hint={t('register.localeHint')} errors={errorsAt('/locale')}>
          {(p) => (
            <select {...p} name="locale" value={values.locale} onChange={set('locale')} data-testid="field-locale">
              {LOCALES.map((l) => (
                <option key={l.code} value={l.code} lang={l.code}>
                  {l.label[l.code]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <p className="actions">
          <button type="submit" className="primary" disabled={busy}>
            {busy ? t('register.submitting') : t('register.submit')}
          </button>
        </p>
        <p className="small">
          {t('register.haveAccount')} <Link to="/signin">{t('register.signInLink')}</Link>
        </p>
      </form>
    </div>
  );
}
