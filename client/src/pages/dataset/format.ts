import { useLang } from '../../lib/hooks';

/**
 * Formats calendar dates (`YYYY-MM-DD`, e.g. coverage) without a time-zone shift: read as UTC
 * and printed as UTC, so 2022-03-01 never shows as 28 February west of Greenwich.
 */
export function useDateOnly() {
  const lang = useLang();
  const fmt = new Intl.DateTimeFormat(lang === 'ko' ? 'ko-KR' : 'en-US', { dateStyle: 'medium', timeZone: 'UTC' });
  return (d: string | undefined) => {
    if (!d) return '';
    const date = new Date(/^\d{4}-\d{2}-\d{2}$/.test(d) ? `${d}T00:00:00Z` : d);
    return Number.isNaN(date.getTime()) ? d : fmt.format(date);
  };
}
