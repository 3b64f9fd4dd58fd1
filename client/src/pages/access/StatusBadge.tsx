import { useTranslation } from 'react-i18next';
import { STATUS_CLASS } from './types';

/** An access request's status in words (never colour alone). */
export function StatusBadge({ status }: { status: string }) {
  const { t } = useTranslation('access');
  return (
    <span className={`badge ${STATUS_CLASS[status] ?? ''}`} data-testid="request-status" data-status={status}>
      {t(`status.${status}`)}
    </span>
  );
}
