import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useBi } from '../../components/Bi';
import { useTitle } from '../../components/Layout';
import { Loading, ProblemView } from '../../components/Status';
import { api, ApiError } from '../../lib/api';
import { useAuth, type User } from '../../lib/auth';
import { fieldMessage, schemaCheck, schemaValidatorReady } from '../../lib/validation';
import './account.css';

type Membership = User['membership']['status'];
type Outcome =
  | { ok: true; membership: Membership; organization: { slug: string; name: { ko?: string; en?: string } } | null }
  | { ok: false; error: ApiError }
  | { ok: false; invalidLink: true };

// A link is good for one confirmation; a second POST of the same token (React's development
// double effects, a re-render) must reuse the first answer instead of reading "already used".
const attempts = new Map<string, Promise<Outcome>>();

function confirm(token: string): Promise<Outcome> {
  let attempt = attempts.get(token);
  if (!attempt) {
    attempt = (async (): Promise<Outcome> => {
      await schemaValidatorReady;
      if (schemaCheck('auth.verifyEmail', { token })?.length) return { ok: false, invalidLink: true };
      try {
        const { data } = await api<{ emailVerified: true; membership: Membership; organization: { slug: string; name: { ko?: string; en?: string } } | null }>(
          '/auth/verify-email',
          { method: 'POST', body: { token } },
        );
        return { ok: true, membership: data.membership, organization: data.organization };
      } catch (err) {
        return { ok: false, error: err instanceof ApiError ? err : new ApiError({ title: '', status: 0, code: 'client_error' }) };
      }
    })();
    attempts.set(token, attempt);
  }
  return attempt;
}

/**
 * `/verify-email?token=…`, the link of the verification mail: confirms the address, then says
 * what it changed (a listed e-mail domain may have made the account a member) and what comes next.
 */
export default function VerifyEmailPage() {
  const { t } = useTranslation('account');
  useTitle(t('verification.title'));
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const { user, loading, refresh } = useAuth();
  const bi = useBi();
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    // Wait for the session: a signed-in browser's POST must carry its CSRF token.
    if (loading) return;
    let live = true;
    void confirm(token).then(async (o) => {
      // The signed-in account changed (verified, perhaps a member now): read it again.
      if (o.ok && user) await refresh().catch(() => undefined);
      if (live) setOutcome(o);
    });
    return () => {
      live = false;
    };
    // `user` is read once the session is known; its later updates (the refresh) must not confirm again.
  }, [token, loading]);

  useEffect(() => {
    if (outcome) headingRef.current?.focus();
  }, [outcome]);

  if (!outcome) {
    return (
      <div className="account-page narrow">
        <h1>{t('verification.title')}</h1>
        <Loading />
      </div>
    );
  }

  const memberOf = outcome.ok && outcome.membership === 'active' ? outcome.organization : null;
  return (
    <div className="account-page narrow verify-page" data-testid="verify-email" data-outcome={outcome.ok ? 'verified' : 'failed'}>
      <h1 ref={headingRef} tabIndex={-1}>
        {outcome.ok ? t('verification.doneTitle') : t('verification.failedTitle')}
      </h1>
      {outcome.ok ? (
        <div className="success" role="status" data-testid="verify-success">
          <p>{t('verification.done')}</p>
          {outcome.membership === 'active' && (
            <p data-testid="verify-member">
              <strong>{memberOf ? t('verification.nowMemberOf', { organization: bi(memberOf.name) }) : t('verification.nowMember')}</strong>
            </p>
          )}
          {outcome.membership === 'pending' && <p>{t('verification.stillPending')}</p>}
          {outcome.membership === 'none' && <p>{t('verification.noMembership')}</p>}
        </div>
      ) : 'invalidLink' in outcome ? (
        <div className="problem" role="alert" data-testid="verify-problem">
          <strong>{fieldMessage({ code: 'invalid_token_format', params: {} })}</strong>
        </div>
      ) : (
        <div data-testid="verify-problem">
          <ProblemView error={outcome.error} />
        </div>
      )}

      <h2>{t('verification.nextSteps')}</h2>
      <ul className="next-steps">
        {outcome.ok ? (
          user ? (
            <>
              <li>
                <Link to="/account">{t('verification.toAccount')}</Link>
              </li>
              <li>
                <Link to="/">{t('verification.toCatalogue')}</Link>
              </li>
            </>
          ) : (
            <li>
              <Link to="/signin?next=/account">{t('verification.signIn')}</Link>
            </li>
          )
        ) : user ? (
          <li>
            {t('verification.askAgainSignedIn')} <Link to="/account">{t('verification.toAccount')}</Link>
          </li>
        ) : (
          <li>
            {t('verification.askAgain')} <Link to="/signin?next=/account">{t('verification.signIn')}</Link>
          </li>
        )}
      </ul>
    </div>
  );
}
