import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink, useLocation } from 'react-router';
import { api } from '../../lib/api';
import { useAuth } from '../../lib/auth';

/** Fired by the notifications page after marking something read, so the count follows at once. */
export const NOTIFICATIONS_CHANGED = 'kdb:notifications-changed';
const POLL_MS = 60_000;

/** Header link to the notifications with the unread count, refreshed every minute and on navigation. */
export default function NotificationBell() {
  const { t } = useTranslation('notifications');
  const { user } = useAuth();
  const location = useLocation();
  const [unread, setUnread] = useState<number | null>(null);
  const [tick, setTick] = useState(0);

  useEffect(() => {
    const timer = window.setInterval(() => setTick((n) => n + 1), POLL_MS);
    const onChange = () => setTick((n) => n + 1);
    window.addEventListener(NOTIFICATIONS_CHANGED, onChange);
    return () => {
      window.clearInterval(timer);
      window.removeEventListener(NOTIFICATIONS_CHANGED, onChange);
    };
  }, []);

  useEffect(() => {
    if (!user) return;
    const ctrl = new AbortController();
    api<{ unread: number }>('/notifications?unread=true&pageSize=1', { signal: ctrl.signal })
      .then(({ data }) => setUnread(data.unread))
      .catch(() => {
        /* The count is a convenience: a failed poll keeps the last known value. */
      });
    return () => ctrl.abort();
  }, [user, tick, location.pathname]);

  if (!user) return null;
  const search = new URLSearchParams(location.search).get('lang');
  return (
    <NavLink to={search ? `/notifications?lang=${search}` : '/notifications'} className="notification-bell" data-testid="notification-bell">
      {t('common:nav.notifications')}{' '}
      <span aria-live="polite" aria-atomic="true">
        {unread ? (
          <span className="badge danger" data-testid="notification-count">
            {t('bell.unread', { count: unread })}
          </span>
        ) : (
          <span className="visually-hidden">{t('bell.none')}</span>
        )}
      </span>
    </NavLink>
  );
}
