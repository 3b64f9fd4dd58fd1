import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { labelOf } from '@schemas/taxonomy';
import { Bi, useBi } from '../../components/Bi';
import { Field } from '../../components/Field';
import { Loading, ProblemView } from '../../components/Status';
import { api, ApiError } from '../../lib/api';
import { useAuth, type User } from '../../lib/auth';
import { useFormat, useLang } from '../../lib/hooks';
import { ownMembersPath } from '../../lib/membership';
import { localiseErrors, problemErrors, schemaCheck, schemaValidatorReady, type ErrorMap } from '../../lib/validation';
import { countryName } from './country';
import { OrganizationSelect, useJoinRule, useOrganizations } from './OrganizationSelect';

const NOTE_MAX = 500;

type Session = { user: User; csrfToken: string | null };

const asApiError = (err: unknown) => (err instanceof ApiError ? err : new ApiError({ title: '', status: 0, code: 'client_error' }));

const STATUS_BADGE: Record<User['membership']['status'], string> = {
  active: 'badge success',
  pending: 'badge warning',
  none: 'badge',
};

/**
 * "Organisation membership" on the account page: the state of the membership (none, pending,
 * active) with its organisation and request date, and what the user can do from there — ask to
 * join, withdraw the request, or leave (after a confirmation).
 */
export function MembershipSection({ user }: { user: User }) {
  const { t } = useTranslation('account');
  const lang = useLang();
  const fmt = useFormat();
  const { adoptSession } = useAuth();
  const [notice, setNotice] = useState<string | null>(null);
  const noticeRef = useRef<HTMLParagraphElement>(null);
  const m = user.membership;
  const org = m.organization;
  const manage = ownMembersPath(user);

  useEffect(() => {
    if (notice) noticeRef.current?.focus();
  }, [notice]);

  const changed = (session: Session, message: string) => {
    adoptSession(session);
    setNotice(message);
  };

  return (
    <section aria-labelledby="membership-heading" className="card account-section" data-testid="membership" data-status={m.status}>
      <h2 id="membership-heading">{t('membership.section')}</h2>
      <div aria-live="polite">
        {notice && (
          <p ref={noticeRef} tabIndex={-1} className="success compact-notice" data-testid="membership-notice">
            {notice}
          </p>
        )}
      </div>
      <dl className="facts">
        <dt>{t('membership.status')}</dt>
        <dd>
          <span className={STATUS_BADGE[m.status]} data-testid="membership-status">
            {t(`membership.statuses.${m.status}`)}
          </span>
        </dd>
        {org && (
          <>
            <dt>{t('membership.organization')}</dt>
            <dd data-testid="membership-organization">
              <Bi text={org.name} /> <span className="muted">· {labelOf('organizationTypes', org.type, lang)} · {countryName(org.country, lang)}</span>
            </dd>
          </>
        )}
        {m.requestedAt && (
          <>
            <dt>{t('membership.requestedAt')}</dt>
            <dd>
              <time dateTime={m.requestedAt}>{fmt.date(m.requestedAt)}</time>
            </dd>
          </>
        )}
        {m.status === 'active' && (
          <>
            <dt>{t('membership.orgAdmin')}</dt>
            <dd>{user.orgAdmin ? t('membership.orgAdminYes') : t('membership.orgAdminNo')}</dd>
          </>
        )}
      </dl>
      <p className="membership-explain">{t(`membership.explain.${m.status}`)}</p>

      {manage && (
        <p>
          <Link className="button secondary" to={manage} data-testid="manage-members">
            {t('membership.manageMembers')}
          </Link>
        </p>
      )}

      {m.status === 'none' && <JoinForm onJoined={changed} />}
      {m.status === 'pending' && org && <EndMembership kind="withdraw" organization={org.name} onEnded={changed} />}
      {m.status === 'active' && org && <EndMembership kind="leave" organization={org.name} onEnded={changed} />}
    </section>
  );
}

/** Asks to join an organisation: picker, optional note to its admins, the server's schema checked first. */
function JoinForm({ onJoined }: { onJoined: (session: Session, message: string) => void }) {
  const { t } = useTranslation('account');
  const orgs = useOrganizations();
  const joinRule = useJoinRule();
  const bi = useBi();
  const [slug, setSlug] = useState('');
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<ErrorMap>({});
  const [problem, setProblem] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const chosen = orgs.data?.items.find((o) => o.slug === slug);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setProblem(null);
    const body: { organizationSlug?: string; note?: string } = {};
    if (slug) body.organizationSlug = slug;
    if (note.trim()) body.note = note.trim();
    setBusy(true);
    await schemaValidatorReady;
    const found = schemaCheck('auth.membershipRequest', body);
    if (found?.length) {
      setErrors(localiseErrors(found));
      setBusy(false);
      formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
      return;
    }
    setErrors({});
    try {
      const { data } = await api<Session>('/auth/membership', { method: 'PUT', body });
      const active = data.user.membership.status === 'active';
      onJoined(data, t(active ? 'membership.joined' : 'membership.requested', { organization: bi(data.user.membership.organization?.name) }));
    } catch (err) {
      const apiErr = asApiError(err);
      const fields = problemErrors(apiErr);
      setErrors(fields);
      if (!Object.keys(fields).length) setProblem(apiErr);
      setBusy(false);
    }
  };

  // Focus the first field in error after the server answered with field errors.
  useEffect(() => {
    if (Object.keys(errors).length) formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [errors]);

  return (
    <form ref={formRef} className="join-form" aria-labelledby="join-heading" onSubmit={(e) => void submit(e)} noValidate data-testid="join-form">
      <h3 id="join-heading">{t('membership.joinTitle')}</h3>
      <p className="hint">{joinRule(chosen)}</p>
      <Field label={t('membership.chooseOrganization')} required errors={errors['/organizationSlug']}>
        {(p) =>
          orgs.loading ? (
            <Loading />
          ) : orgs.error ? (
            <ProblemView error={orgs.error} compact />
          ) : (
            <OrganizationSelect
              organizations={orgs.data?.items ?? []}
              value={slug}
              onChange={(next) => {
                setSlug(next);
                // A choice answers "required": the stale message would contradict the field.
                setErrors(({ '/organizationSlug': _answered, ...rest }) => rest);
              }}
              emptyLabel={t('register.chooseOrganization')}
              control={p}
              name="organizationSlug"
              testId="join-organization"
            />
          )
        }
      </Field>
      <Field label={t('register.membershipNote')} hint={t('register.membershipNoteHint', { max: NOTE_MAX })} errors={errors['/note']}>
        {(p) => <textarea {...p} name="note" maxLength={NOTE_MAX} value={note} onChange={(e) => setNote(e.target.value)} data-testid="join-note" />}
      </Field>
      <ProblemView error={problem} compact />
      <button type="submit" className="primary" disabled={busy} data-testid="join-submit">
        {busy ? t('membership.sending') : t('membership.askToJoin')}
      </button>
    </form>
  );
}

/** Withdraws a pending request at once, or leaves the organisation after a confirmation. */
function EndMembership({ kind, organization, onEnded }: { kind: 'withdraw' | 'leave'; organization: { ko?: string; en?: string }; onEnded: (session: Session, message: string) => void }) {
  const { t } = useTranslation('account');
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const startRef = useRef<HTMLButtonElement>(null);
  const bi = useBi();
  const name = bi(organization);

  useEffect(() => {
    if (confirming) confirmRef.current?.focus();
  }, [confirming]);

  const end = async () => {
    setBusy(true);
    setError(null);
    try {
      const { data } = await api<Session>('/auth/membership', { method: 'DELETE' });
      onEnded(data, t(kind === 'leave' ? 'membership.left' : 'membership.withdrawn', { organization: name }));
    } catch (err) {
      setError(asApiError(err));
      setBusy(false);
    }
  };

  if (kind === 'withdraw') {
    return (
      <div className="actions">
        <button type="button" className="secondary" disabled={busy} onClick={() => void end()} data-testid="withdraw-request">
          {t('membership.withdraw')}
        </button>
        <ProblemView error={error} compact />
      </div>
    );
  }

  return confirming ? (
    <div className="confirm warning-box" role="group" aria-labelledby="leave-confirm-text" data-testid="leave-confirm">
      <p id="leave-confirm-text">{t('membership.confirmLeave', { organization: name })}</p>
      <div className="actions">
        <button ref={confirmRef} type="button" className="danger" disabled={busy} onClick={() => void end()} data-testid="confirm-leave">
          {t('membership.confirmLeaveYes')}
        </button>
        <button
          type="button"
          className="secondary"
          onClick={() => {
            setConfirming(false);
            setTimeout(() => startRef.current?.focus());
          }}
        >
          {t('membership.cancel')}
        </button>
      </div>
      <ProblemView error={error} compact />
    </div>
  ) : (
    <div className="actions">
      <button ref={startRef} type="button" className="secondary" onClick={() => setConfirming(true)} data-testid="leave-organization">
        {t('membership.leave')}
      </button>
    </div>
  );
}

/**
 * The e-mail address's verification state; an unverified address can ask for a new link (a few
 * per hour: the server's 429 is shown as it words it).
 */
export function EmailVerification({ user }: { user: User }) {
  const { t } = useTranslation('account');
  const { refresh } = useAuth();
  const [sent, setSent] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  const resend = async () => {
    setBusy(true);
    setError(null);
    setSent(false);
    try {
      await api('/auth/verify-email/resend', { method: 'POST' });
      setSent(true);
    } catch (err) {
      const apiErr = asApiError(err);
      // Verified meanwhile (in another tab): show the new state rather than a problem.
      if (apiErr.problem.code === 'email_already_verified') await refresh().catch(() => undefined);
      else setError(apiErr);
    } finally {
      setBusy(false);
    }
  };

  if (user.emailVerified) {
    return (
      <span className="badge success" data-testid="email-verified">
        {t('verification.verified')}
      </span>
    );
  }
  return (
    <div className="email-verification" data-testid="email-unverified">
      <span className="badge warning">{t('verification.unverified')}</span>
      <p className="small">{t('verification.pendingHint', { email: user.email })}</p>
      <button type="button" className="secondary small-button" disabled={busy} onClick={() => void resend()} data-testid="resend-verification">
        {t('verification.resend')}
      </button>
      <div aria-live="polite">
        {sent && <p className="success compact-notice">{t('verification.resent', { email: user.email })}</p>}
        <ProblemView error={error} compact />
      </div>
    </div>
  );
}
