import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { labelOf } from '@schemas/taxonomy';
import { useFormat, useLang } from '../../lib/hooks';

/** What the request form needs to know of a request or grant that already covers the new one. */
export interface ExistingRequest {
  link: string;
  scope: string;
  purpose: string;
  status: string;
  /** Set for an active grant. */
  expiresAt?: string | null;
}

/** Instead of the form: the request (or active grant) that already covers this scope and purpose, with a link to it. */
export function ExistingRequestNotice({ existing }: { existing: ExistingRequest }) {
  const { t } = useTranslation('access');
  const lang = useLang();
  const format = useFormat();
  const params = {
    scope: t(`dataset:yourAccess.scope.${existing.scope === 'samples' ? 'samples' : 'full'}`),
    purpose: labelOf('purposes', existing.purpose, lang),
  };
  const active = existing.status === 'approved' && !!existing.expiresAt;
  return (
    <div className="notice" role="status" data-testid="existing-request" data-status={existing.status}>
      <h2>{t('existing.heading')}</h2>
      <p>
        {active
          ? t('existing.active', { ...params, date: format.date(existing.expiresAt) })
          : t('existing.open', { ...params, status: t(`status.${existing.status}`) })}
      </p>
      <p className="actions">
        <Link className="button" to={existing.link} data-testid="existing-request-link">
          {t('existing.link')}
        </Link>
      </p>
      <p className="muted">{t('existing.otherChoice')}</p>
    </div>
  );
}
