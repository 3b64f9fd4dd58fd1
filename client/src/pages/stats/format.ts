// Months, counts and requester kinds as people read them, in the UI language.
import { labelOf } from '@schemas/taxonomy';
import { useTranslation } from 'react-i18next';
import { countryName, formatNumber, localeOf } from '../../lib/format';
import { useLang } from '../../lib/hooks';

/** `YYYY-MM` as a month name in the UI language (`2026-10` → 2026년 10월 / October 2026). */
export function formatMonth(month: string, lang: 'ko' | 'en'): string {
  const [y, m] = month.split('-').map(Number);
  if (!y || !m) return month;
  return new Intl.DateTimeFormat(localeOf(lang), { year: 'numeric', month: 'long', timeZone: 'UTC' }).format(
    new Date(Date.UTC(y, m - 1, 1)),
  );
}

/** Formatters of the statistics pages for the current language. */
export function useStatsFormat() {
  const { t } = useTranslation('stats');
  const lang = useLang();
  return {
    lang,
    month: (m: string) => formatMonth(m, lang),
    number: (n: number) => formatNumber(n, lang),
    event: (e: string) => t(`events.${e}`),
    country: (code: string) => (code === 'anonymous' ? t('anonymous') : countryName(code, lang)),
    orgType: (code: string) => (code === 'anonymous' ? t('anonymous') : labelOf('organizationTypes', code, lang)),
  };
}
