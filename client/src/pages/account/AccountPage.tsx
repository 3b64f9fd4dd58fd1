import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'react-router';
import { useBi } from '../../components/Bi';
import { useTitle } from '../../components/Layout';
import { Loading } from '../../components/Status';
import { useAuth, type User } from '../../lib/auth';
import { MembershipSection } from './MembershipSection';
import { ProfileSection } from './ProfileSection';
import { TokensSection } from './TokensSection';
import './account.css';

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
      <ProfileSection user={user} />
      <MembershipSection user={user} />
      <TokensSection />
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
