import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { labelOf } from '@schemas/taxonomy';
import { Bi, useBi } from '../../components/Bi';
import { ConfirmBox, useConfirmStep } from '../../components/ConfirmBox';
import { ProblemView } from '../../components/Status';
import { api, type ApiError } from '../../lib/api';
import { useAuth, type User } from '../../lib/auth';
import { useFormat, useLang } from '../../lib/hooks';
import { ownMembersPath } from '../../lib/membership';
import { countryName } from './country';
import { JoinForm, type Session } from './JoinForm';
import { asApiError } from './problem';

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

/** Withdraws a pending request at once, or leaves the organisation after a confirmation. */
function EndMembership({ kind, organization, onEnded }: { kind: 'withdraw' | 'leave'; organization: { ko?: string; en?: string }; onEnded: (session: Session, message: string) => void }) {
  const { t } = useTranslation('account');
  const confirm = useConfirmStep();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const bi = useBi();
  const name = bi(organization);

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

  return confirm.open ? (
    <>
      <ConfirmBox
        testId="leave-confirm"
        confirmTestId="confirm-leave"
        tone="danger"
        title={t('membership.confirmLeave', { organization: name })}
        confirmLabel={t('membership.confirmLeaveYes')}
        cancelLabel={t('membership.cancel')}
        busy={busy}
        onConfirm={() => void end()}
        onCancel={confirm.cancel}
      />
      <ProblemView error={error} compact />
    </>
  ) : (
    <div className="actions">
      <button ref={confirm.triggerRef} type="button" className="secondary" onClick={confirm.ask} data-testid="leave-organization">
        {t('membership.leave')}
      </button>
    </div>
  );
}
