import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ApiError } from '../lib/api';

/** A polite loading indicator for screen readers and eyes. */
export function Loading() {
  const { t } = useTranslation();
  return (
    <p className="loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" /> {t('status.loading')}
    </p>
  );
}

/** An empty state with an optional call to action. */
export function Empty({ message, action }: { message: string; action?: { to: string; label: string } }) {
  return (
    <div className="empty" role="status">
      <p>{message}</p>
      {action && (
        <Link className="button" to={action.to}>
          {action.label}
        </Link>
      )}
    </div>
  );
}

/** Shows the server's localised problem (title, detail and field messages). */
export function ProblemView({ error, compact = false }: { error: ApiError | null | undefined; compact?: boolean }) {
  const { t } = useTranslation();
  if (!error) return null;
  const p = error.problem;
  const title = p.code === 'network_error' ? t('errors.network') : p.title || t('errors.generic');
  return (
    <div className={compact ? 'problem compact' : 'problem'} role="alert">
      <strong>{title}</strong>
      {p.detail && <p>{p.detail}</p>}
      {p.errors && p.errors.length > 0 && (
        <ul>
          {p.errors.map((e, i) => (
            <li key={i}>
              <code>{e.path || '/'}</code> {e.message}
            </li>
          ))}
        </ul>
      )}
      {p.errorId && <p className="muted">{t('errors.reference', { id: p.errorId })}</p>}
    </div>
  );
}

/** Previous/next paging with the position in words. */
export function Pagination({ page, pageSize, total, onPage }: { page: number; pageSize: number; total: number; onPage: (p: number) => void }) {
  const { t } = useTranslation();
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (pages <= 1) return null;
  return (
    <nav className="pagination" aria-label={t('pagination.label')}>
      <button type="button" onClick={() => onPage(page - 1)} disabled={page <= 1}>
        {t('pagination.previous')}
      </button>
      <span aria-current="page">{t('pagination.position', { page, pages })}</span>
      <button type="button" onClick={() => onPage(page + 1)} disabled={page >= pages}>
        {t('pagination.next')}
      </button>
    </nav>
  );
}
