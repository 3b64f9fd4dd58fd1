import { createInstance, type i18n as I18n, type TFunction } from 'i18next';
import { addDateFormatter } from '../../schemas/date-formatter';
import { addParticleFormatters } from '../../schemas/korean-particles';
import { addValueKindFormatter } from '../../schemas/value-kinds';
import enCommon from './locales/en/common.json';
import koCommon from './locales/ko/common.json';
import enErrors from './locales/en/errors.json';
import koErrors from './locales/ko/errors.json';
import enValidation from './locales/en/validation.json';
import koValidation from './locales/ko/validation.json';
import enNotifications from './locales/en/notifications.json';
import koNotifications from './locales/ko/notifications.json';
import enMatching from './locales/en/matching.json';
import koMatching from './locales/ko/matching.json';
import enInterop from './locales/en/interop.json';
import koInterop from './locales/ko/interop.json';
import enMail from './locales/en/mail.json';
import koMail from './locales/ko/mail.json';

export const LANGUAGES = ['en', 'ko'] as const;
export type Lang = (typeof LANGUAGES)[number];

/** The server's message catalogue, namespace by namespace, for both languages. */
export const resources = {
  en: { common: enCommon, errors: enErrors, validation: enValidation, notifications: enNotifications, interop: enInterop, matching: enMatching, mail: enMail },
  ko: { common: koCommon, errors: koErrors, validation: koValidation, notifications: koNotifications, interop: koInterop, matching: koMatching, mail: koMail },
} as const;

let instance: I18n | undefined;

/** One initialised i18next instance for the process (synchronous: resources are bundled). */
export function i18n(): I18n {
  if (!instance) {
    instance = createInstance();
    void instance.init({
      resources,
      lng: 'en',
      fallbackLng: 'en',
      supportedLngs: [...LANGUAGES],
      ns: ['common', 'errors', 'validation', 'notifications', 'interop', 'matching', 'mail'],
      defaultNS: 'common',
      interpolation: { escapeValue: false },
      initAsync: false,
      returnNull: false,
    });
    // Korean messages write `{{version, 로}}`: the particle follows the value's final consonant.
    addParticleFormatters(instance);
    // `{{type, valuekind}}`: a type error says what to type, not a JSON type name.
    addValueKindFormatter(instance, 'common:valueKinds');
    // `{{expiresAt, date}}`: dates in the message's language, not ISO.
    addDateFormatter(instance);
  }
  return instance;
}

/** A translator bound to one language. */
export function translator(lang: Lang): TFunction {
  return i18n().getFixedT(lang);
}

/** Picks ko or en from `?lang=`, then Accept-Language (by q-weight), defaulting to en. */
export function negotiateLanguage(queryLang: unknown, acceptLanguage: string | undefined): Lang {
  if (typeof queryLang === 'string') {
    const q = queryLang.toLowerCase().slice(0, 2);
    if ((LANGUAGES as readonly string[]).includes(q)) return q as Lang;
  }
  if (acceptLanguage) {
    const ranked = acceptLanguage
      .split(',')
      .map((part) => {
        const [tag, ...params] = part.trim().split(';');
        const qp = params.find((p) => p.trim().startsWith('q='));
        return { tag: tag.trim().toLowerCase(), q: qp ? Number(qp.trim().slice(2)) || 0 : 1 };
      })
      .sort((a, b) => b.q - a.q);
    for (const { tag, q } of ranked) {
      if (q <= 0) continue;
      const base = tag.slice(0, 2);
      if ((LANGUAGES as readonly string[]).includes(base)) return base as Lang;
    }
  }
  return 'en';
}
