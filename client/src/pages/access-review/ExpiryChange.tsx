import { useTranslation } from 'react-i18next';
import { useFormat } from '../../lib/hooks';

const DAY = 86_400_000;

/** Whole days from today (local) to a chosen YYYY-MM-DD date. */
export function daysUntil(value: string, now = new Date()): number {
  const [y, m, d] = value.split('-').map(Number);
  const today = new Date(now.getFullYear(), now.getMonth(), now.getDate());
  return Math.round((new Date(y, m - 1, d).getTime() - today.getTime()) / DAY);
}

/**
 * Under the expiry field of an approval (issue 13 item 5): the chosen period against the requested
 * one, so a shorter (or longer) grant is a visible change before the reviewer submits it.
 */
export function ExpiryChange({ requestedDays, expires }: { requestedDays: number; expires: string }) {
  const { t } = useTranslation('accessReview');
  const fmt = useFormat();
  if (!expires) return null;
  const granted = daysUntil(expires);
  const days = (count: number) => t('decision.days', { count, n: fmt.number(count) });
  const params = { requested: days(requestedDays), granted: days(granted) };
  const kind = granted === requestedDays ? 'same' : granted < requestedDays ? 'shorter' : 'longer';
  return (
    <p className={kind === 'same' ? 'muted' : 'notice warning'} aria-live="polite" data-testid="expiry-change" data-change={kind}>
      {t(`decision.expiry.${kind}`, params)}
    </p>
  );
}
