// The e-mail address's verification badge on the account page, and asking for a new link.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemView } from '../../components/Status';
import { api, type ApiError } from '../../lib/api';
import { useAuth, type User } from '../../lib/auth';
import { asApiError } from './problem';

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
      <button
        type="button"
        className="secondary small-button"
        disabled={busy}
        onClick={() => void resend()}
        data-testid="resend-verification"
      >
        {t('verification.resend')}
      </button>
      <div aria-live="polite">
        {sent && <p className="success compact-notice">{t('verification.resent', { email: user.email })}</p>}
        <ProblemView error={error} compact />
      </div>
    </div>
  );
}
