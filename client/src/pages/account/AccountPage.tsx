import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'react-router';
import { LOCALES, labelOf } from '@schemas/taxonomy';
import { Bi, useBi } from '../../components/Bi';
import { Field } from '../../components/Field';
import { useTitle } from '../../components/Layout';
import { Empty, Loading, ProblemView } from '../../components/Status';
import { api, ApiError, type Page } from '../../lib/api';
import { useAuth, type User } from '../../lib/auth';
import { useApi, useFormat, useLang } from '../../lib/hooks';
import type { Lang } from '../../lib/i18n';
import { localiseErrors, problemErrors, schemaCheck, schemaValidatorReady, type ErrorMap } from '../../lib/validation';
import { countryName } from './country';
import { EmailVerification, MembershipSection } from './MembershipSection';
import './account.css';

interface Token {
  id: string;
  name: string;
  prefix: string;
  createdAt: string;
  expiresAt: string;
  lastUsedAt?: string | null;
  revokedAt?: string | null;
  active: boolean;
}

interface CreatedToken {
  id: string;
  name: string;
  token: string;
  expiresAt: string;
}

const DAY_CHOICES = [7, 30, 90, 180, 365] as const;

const asApiError = (err: unknown) => (err instanceof ApiError ? err : new ApiError({ title: '', status: 0, code: 'client_error' }));

/** `/account`: who I am, my organisation membership, my preferred language and my personal API tokens. */
export default function AccountPage() {
  const { t } = useTranslation('account');
  useTitle(t('profile.title'));
  const { user, refresh } = useAuth();
  const location = useLocation();
  const welcome = (location.state as { welcome?: boolean } | null)?.welcome === true;
  // Membership and verification change elsewhere (an admin's approval, the link in another tab): read them afresh.
  useEffect(() => {
    void refresh().catch(() => undefined);
  }, [refresh]);
  if (!user) return <Loading />;
  return (
    <div className="account-page">
      <h1>{t('profile.title')}</h1>
      {welcome && <Welcome user={user} />}
      <Profile user={user} />
      <MembershipSection user={user} />
      <Tokens />
    </div>
  );
}

/** Right after registering: the account exists, what became of the request to join, and the verification mail. */
function Welcome({ user }: { user: User }) {
  const { t } = useTranslation('account');
  const bi = useBi();
  const m = user.membership;
  return (
    <div className="success welcome" role="status" data-testid="welcome">
      <p>
        <strong>{t('profile.welcome')}</strong>
      </p>
      <p data-testid="welcome-membership">
        {m.status === 'pending' && m.organization
          ? t('profile.welcomePending', { organization: bi(m.organization.name) })
          : m.status === 'active' && m.organization
            ? t('profile.welcomeActive', { organization: bi(m.organization.name) })
            : t('profile.welcomeUnaffiliated')}
      </p>
      {!user.emailVerified && <p data-testid="welcome-verification">{t('profile.welcomeVerification', { email: user.email })}</p>}
    </div>
  );
}

function Profile({ user }: { user: User }) {
  const { t } = useTranslation('account');
  const lang = useLang();
  const { savePreferredLanguage } = useAuth();
  const [locale, setLocaleChoice] = useState<Lang>(user.locale);
  const [saved, setSaved] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  // Saving the preference leaves the UI language as it is (issue 13 item 6).
  const savePreference = async (choice: Lang) => {
    setBusy(true);
    setSaved(false);
    setError(null);
    try {
      const updated = await savePreferredLanguage(choice);
      setLocaleChoice(updated.locale);
      setSaved(true);
    } catch (err) {
      setError(asApiError(err));
    } finally {
      setBusy(false);
    }
  };
  const save = (e: FormEvent) => {
    e.preventDefault();
    void savePreference(locale);
  };
  const nameOf = (l: Lang) => t(`common:languageName.${l}`);

  return (
    <section aria-labelledby="profile-heading" className="card account-section" data-testid="profile">
      <h2 id="profile-heading">{t('profile.section')}</h2>
      <dl className="facts">
        <dt>{t('profile.name')}</dt>
        <dd data-testid="profile-name">{user.name}</dd>
        <dt>{t('profile.email')}</dt>
        <dd data-testid="profile-email">
          <div className="email-line">
            {user.email} <EmailVerification user={user} />
          </div>
        </dd>
        <dt id="roles-term">{t('profile.roles')}</dt>
        <dd>
          <ul className="inline-list" aria-labelledby="roles-term" data-testid="profile-roles">
            {user.roles.map((r) => (
              <li key={r}>
                <span className="badge primary">{labelOf('roles', r, lang)}</span>
              </li>
            ))}
          </ul>
          <p className="hint small">{user.membership.status === 'active' ? t('profile.rolesHintMember') : t('profile.rolesHintOutsider')}</p>
        </dd>
        {user.organization && (
          <>
            <dt>{t('profile.organization')}</dt>
            <dd>
              <Bi text={user.organization.name} toggle />
            </dd>
            <dt>{t('profile.organizationType')}</dt>
            <dd>{labelOf('organizationTypes', user.organization.type, lang)}</dd>
            <dt>{t('profile.country')}</dt>
            <dd>{countryName(user.organization.country, lang)}</dd>
          </>
        )}
      </dl>

      <form className="locale-form" onSubmit={(e) => void save(e)}>
        <Field label={t('profile.locale')} hint={t('profile.localeHint')}>
          {(p) => (
            <select
              {...p}
              value={locale}
              onChange={(e) => {
                setLocaleChoice(e.target.value as Lang);
                setSaved(false);
              }}
              data-testid="profile-locale"
            >
              {LOCALES.map((l) => (
                <option key={l.code} value={l.code} lang={l.code}>
                  {l.label[l.code]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <button type="submit" className="secondary" disabled={busy}>
          {t('profile.saveLocale')}
        </button>
      </form>
      {user.locale !== lang && (
        <div className="notice locale-differs" data-testid="locale-differs">
          <p>{t('profile.uiDiffers', { current: nameOf(lang), preferred: nameOf(user.locale) })}</p>
          <button type="button" className="secondary" disabled={busy} onClick={() => void savePreference(lang)} data-testid="save-ui-language">
            {t('profile.useCurrent', { current: nameOf(lang) })}
          </button>
        </div>
      )}
      <div aria-live="polite">
        {saved && <p className="success compact-notice">{t('profile.localeSaved')}</p>}
        <ProblemView error={error} compact />
      </div>
    </section>
  );
}

function Tokens() {
  const { t } = useTranslation('account');
  const list = useApi<Page<Token>>('/auth/tokens');
  const [created, setCreated] = useState<CreatedToken | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  return (
    <section aria-labelledby="tokens-heading" className="card account-section" data-testid="tokens">
      <h2 id="tokens-heading">{t('tokens.section')}</h2>
      <p className="muted">{t('tokens.intro')}</p>

      {created && (
        <NewTokenSecret
          token={created}
          onDismiss={() => {
            setCreated(null);
          }}
        />
      )}
      <div aria-live="polite">{notice && <p className="success compact-notice">{notice}</p>}</div>

      {list.loading && !list.data ? (
        <Loading />
      ) : list.error ? (
        <ProblemView error={list.error} />
      ) : !list.data || list.data.items.length === 0 ? (
        <Empty message={t('tokens.empty')} />
      ) : (
        <TokenTable
          tokens={list.data.items}
          onRevoked={(tok) => {
            setNotice(t('tokens.revoked', { name: tok.name }));
            list.reload();
          }}
        />
      )}

      <CreateToken
        onCreated={(tok) => {
          setNotice(null);
          setCreated(tok);
          list.reload();
        }}
      />
    </section>
  );
}

function TokenTable({ tokens, onRevoked }: { tokens: Token[]; onRevoked: (t: Token) => void }) {
  const { t } = useTranslation('account');
  const fmt = useFormat();
  return (
    <div className="table-scroll">
      <table data-testid="token-table">
        <caption className="visually-hidden">{t('tokens.listCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('tokens.name')}</th>
            <th scope="col">{t('tokens.prefix')}</th>
            <th scope="col">{t('tokens.created')}</th>
            <th scope="col">{t('tokens.expires')}</th>
            <th scope="col">{t('tokens.lastUsed')}</th>
            <th scope="col">{t('tokens.status')}</th>
            <th scope="col">{t('tokens.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {tokens.map((tok) => (
            <TokenRow key={tok.id} token={tok} fmt={fmt} onRevoked={onRevoked} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function TokenRow({ token, fmt, onRevoked }: { token: Token; fmt: ReturnType<typeof useFormat>; onRevoked: (t: Token) => void }) {
  const { t } = useTranslation('account');
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const revokeRef = useRef<HTMLButtonElement>(null);
  const status = token.revokedAt ? 'revoked' : token.active ? 'active' : 'expired';
  const badge = status === 'active' ? 'badge success' : status === 'revoked' ? 'badge danger' : 'badge warning';
  const statusLabel =
    status === 'active' ? t('tokens.statusActive') : status === 'revoked' ? t('tokens.statusRevoked') : t('tokens.statusExpired');

  useEffect(() => {
    if (confirming) confirmRef.current?.focus();
  }, [confirming]);

  const revoke = async () => {
    setBusy(true);
    setError(null);
    try {
      await api(`/auth/tokens/${encodeURIComponent(token.id)}`, { method: 'DELETE' });
      setConfirming(false);
      onRevoked(token);
    } catch (err) {
      setError(asApiError(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <tr data-testid="token-row">
      <th scope="row">{token.name}</th>
      <td>
        <code>{token.prefix}</code>
      </td>
      <td>{fmt.date(token.createdAt)}</td>
      <td>{fmt.date(token.expiresAt)}</td>
      <td>{token.lastUsedAt ? fmt.dateTime(token.lastUsedAt) : <span className="muted">{t('tokens.never')}</span>}</td>
      <td>
        <span className={badge}>{statusLabel}</span>
      </td>
      <td>
        {status === 'active' &&
          (confirming ? (
            <div className="confirm" role="group" aria-label={t('tokens.revokeNamed', { name: token.name })}>
              <p>{t('tokens.confirmRevoke', { name: token.name })}</p>
              <div className="actions">
                <button
                  ref={confirmRef}
                  type="button"
                  className="danger"
                  disabled={busy}
                  onClick={() => void revoke()}
                  data-testid="confirm-revoke"
                >
                  {t('tokens.confirmYes')}
                </button>
                <button
                  type="button"
                  className="secondary"
                  onClick={() => {
                    setConfirming(false);
                    setTimeout(() => revokeRef.current?.focus());
                  }}
                >
                  {t('tokens.confirmNo')}
                </button>
              </div>
              <ProblemView error={error} compact />
            </div>
          ) : (
            <button
              ref={revokeRef}
              type="button"
              className="secondary small-button"
              onClick={() => setConfirming(true)}
              aria-label={t('tokens.revokeNamed', { name: token.name })}
              data-testid="revoke-token"
            >
              {t('tokens.revoke')}
            </button>
          ))}
      </td>
    </tr>
  );
}

function CreateToken({ onCreated }: { onCreated: (t: CreatedToken) => void }) {
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

function NewTokenSecret({ token, onDismiss }: { token: CreatedToken; onDismiss: () => void }) {
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
