import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useTitle } from '../../components/Layout';
import { Empty, Loading, Pagination, ProblemView } from '../../components/Status';
import { api, ApiError, type Page } from '../../lib/api';
import { useApi, useFormat } from '../../lib/hooks';
import { NOTIFICATIONS_CHANGED } from './NotificationBell';
import './notifications.css';

interface Notification {
  id: string;
  code: string;
  message: string;
  target: { type: string; id: string };
  link: string | null;
  read: boolean;
  readAt: string | null;
  createdAt: string;
}

const REVIEWER_CODES = ['access_request_submitted', 'access_request_resubmitted'];

/** Where a notification leads in this client. */
function hrefOf(n: Notification): string | null {
  if (n.target.type === 'access_request') return REVIEWER_CODES.includes(n.code) ? `/review/access/${n.target.id}` : `/requests/${n.target.id}`;
  return n.link && n.link.startsWith('/') && !n.link.startsWith('/api') ? n.link : null;
}

/** The signed-in user's notifications, unread first, each one can be marked read. */
export default function NotificationsPage() {
  const { t } = useTranslation('notifications');
  const fmt = useFormat();
  const [params, setParams] = useSearchParams();
  const page = Number(params.get('page') ?? '1') || 1;
  const { data, error, loading, reload } = useApi<Page<Notification> & { unread: number }>(`/notifications?page=${page}`);
  const [actionError, setActionError] = useState<ApiError | null>(null);
  const [message, setMessage] = useState('');
  const [read, setRead] = useState<Set<string>>(new Set());
  useTitle(t('title'));
  const lang = params.get('lang');
  // Links may carry a query of their own (`/review?open=…`): the language is added to it.
  const withLang = (path: string) => {
    if (!lang) return path;
    const url = new URL(path, window.location.origin);
    url.searchParams.set('lang', lang);
    return `${url.pathname}${url.search}`;
  };

  const markRead = async (n: Notification) => {
    setActionError(null);
    try {
      await api(`/notifications/${n.id}/read`, { method: 'POST' });
      setRead((s) => new Set(s).add(n.id));
      setMessage(t('marked'));
      window.dispatchEvent(new Event(NOTIFICATIONS_CHANGED));
    } catch (err) {
      setActionError(err instanceof ApiError ? err : new ApiError({ title: String(err), status: 0, code: 'client_error' }));
    }
  };

  // Opening a notification reads it: marked on the way out, the bell follows (a failure leaves it unread).
  const openedRead = (n: Notification) => {
    void api(`/notifications/${n.id}/read`, { method: 'POST' })
      .then(() => window.dispatchEvent(new Event(NOTIFICATIONS_CHANGED)))
      .catch(() => undefined);
  };

  return (
    <section data-testid="notifications">
      <h1>{t('title')}</h1>
      <div aria-live="polite">
        {message && <p className="notice success">{message}</p>}
        <ProblemView error={actionError} />
      </div>
      {loading && <Loading />}
      <ProblemView error={error} />
      {data && !loading && (
        <>
          <p className="muted">{t('summary', { count: data.total, unread: Math.max(0, data.unread - read.size) })}</p>
          {data.items.length === 0 ? (
            <Empty message={t('empty')} />
          ) : (
            <ul className="notification-list">
              {data.items.map((n) => {
                const isRead = n.read || read.has(n.id);
                const href = hrefOf(n);
                return (
                  <li key={n.id} className={isRead ? 'card read' : 'card unread'} data-testid="notification-item">
                    <p>
                      <span className={isRead ? 'badge' : 'badge primary'}>{isRead ? t('read') : t('unread')}</span> {n.message}
                    </p>
                    <p className="muted">
                      <time dateTime={n.createdAt}>{fmt.dateTime(n.createdAt)}</time>
                    </p>
                    <div className="actions">
                      {href && (
                        <Link to={withLang(href)} onClick={() => (isRead ? undefined : openedRead(n))}>
                          {t('open')}
                        </Link>
                      )}
                      {!isRead && (
                        <button type="button" className="secondary" onClick={() => void markRead(n)} data-testid="mark-read">
                          {t('markRead')}
                        </button>
                      )}
                    </div>
                  </li>
                );
              })}
            </ul>
          )}
          <Pagination
            page={data.page}
            pageSize={data.pageSize}
            total={data.total}
            onPage={(p) => {
              const next = new URLSearchParams(params);
              next.set('page', String(p));
              setParams(next);
              setRead(new Set());
              reload();
            }}
          />
        </>
      )}
    </section>
  );
}
