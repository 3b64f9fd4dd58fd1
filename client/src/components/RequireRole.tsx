import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation } from 'react-router';
import { useAuth, type User } from '../lib/auth';
import { Loading } from './Status';

/** Renders children for users holding one of `roles`; sends others to sign in or explains the refusal. */
export function RequireRole({ roles, children }: { roles?: User['roles']; children: ReactNode }) {
  const { t } = useTranslation();
  const { user, loading, hasRole } = useAuth();
  const location = useLocation();
  if (loading) return <Loading />;
  if (!user) return <Navigate to={`/signin?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  if (roles && !hasRole(...roles)) {
    return (
      <section className="page-error" role="alert">
        <h1>{t('forbidden.title')}</h1>
        <p>{t('forbidden.detail')}</p>
      </section>
    );
  }
  return <>{children}</>;
}
