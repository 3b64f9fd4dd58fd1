import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { useAuth, type User } from '../lib/auth';
import { useBi } from './Bi';

const DISMISSED_KEY = 'kdb.membershipBanner.dismissed';

/** The banner's identity: dismissing it hides this state only, so a new state (e.g. a new request) shows again. */
function stateKey(user: User): string {
  return `${user.id}:${user.membership.status}:${user.membership.organization?.slug ?? ''}`;
}

function dismissedState(): string | null {
  try {
    return window.sessionStorage.getItem(DISMISSED_KEY);
  } catch {
    return null;
  }
}

/**
 * Tells a signed-in user without an active membership (none, or a request still pending) that
 * they act as an unaffiliated researcher until an organisation approves them. Platform admins act
 * for the platform, not an organisation, so they do not see it. Dismissed for the browser session.
 */
export function MembershipBanner() {
  const { t } = useTranslation();
  const { user } = useAuth();
  const bi = useBi();
  const location = useLocation();
  const [dismissed, setDismissed] = useState<string | null>(dismissedState);
  if (!user || user.membership.status === 'active' || user.roles.includes('admin')) return null;
  const key = stateKey(user);
  if (dismissed === key) return null;
  const pending = user.membership.status === 'pending' && user.membership.organization;
  const onAccount = location.pathname === '/account';

  const dismiss = () => {
    try {
      window.sessionStorage.setItem(DISMISSED_KEY, key);
    } catch {
      /* Storage refused (private mode): the banner still hides for this page's life. */
    }
    setDismissed(key);
    document.getElementById('main')?.focus();
  };

  return (
    <aside className="membership-banner" aria-labelledby="membership-banner-title" data-testid="membership-banner" data-status={user.membership.status}>
      <div className="container banner-row">
        <div className="banner-text">
          <p id="membership-banner-title">
            <strong>
              {pending ? t('membershipBanner.pendingTitle', { organization: bi(user.membership.organization?.name) }) : t('membershipBanner.noneTitle')}
            </strong>
          </p>
          <p>{pending ? t('membershipBanner.pendingDetail') : t('membershipBanner.noneDetail')}</p>
        </div>
        <div className="banner-actions">
          {!onAccount && (
            <Link className="button secondary" to="/account">
              {pending ? t('membershipBanner.viewRequest') : t('membershipBanner.askToJoin')}
            </Link>
          )}
          <button type="button" className="link-button" onClick={dismiss} data-testid="dismiss-membership-banner">
            {t('membershipBanner.dismiss')}
          </button>
        </div>
      </div>
    </aside>
  );
}
