import { countryName as nameOf } from '../../lib/format';
import type { Lang } from '../../lib/i18n';

/** The country's name in the UI language (Intl), or its code when the runtime does not know it. */
export function countryName(code: string, lang: Lang): string {
  return nameOf(code, lang);
}
