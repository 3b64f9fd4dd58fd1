import type { Lang } from '../../lib/i18n';

/** The country's name in the UI language (Intl), or its code when the runtime does not know it. */
export function countryName(code: string, lang: Lang): string {
  try {
    return new Intl.DisplayNames([lang], { type: 'region' }).of(code) ?? code;
  } catch {
    return code;
  }
}
