import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { addDateFormatter } from '@schemas/date-formatter';
import { addParticleFormatters } from '@schemas/korean-particles';
import { addValueKindFormatter } from '@schemas/value-kinds';
import { setApiLanguage } from './api';

// Every namespace's resources are bundled: they are small, and a missing string must never flash.
const modules = import.meta.glob('../locales/*/*.json', { eager: true, import: 'default' }) as Record<string, Record<string, unknown>>;
const resources: Record<string, Record<string, Record<string, unknown>>> = {};
for (const [file, content] of Object.entries(modules)) {
  const [, lang, ns] = /locales\/(\w+)\/([\w-]+)\.json$/.exec(file)!;
  (resources[lang] ??= {})[ns] = content;
}

export const LANGS = ['ko', 'en'] as const;
export type Lang = (typeof LANGS)[number];
const STORAGE_KEY = 'kdb.lang';

function urlLanguage(): Lang | null {
  const fromUrl = new URLSearchParams(window.location.search).get('lang');
  return fromUrl === 'ko' || fromUrl === 'en' ? fromUrl : null;
}

function storedLanguage(): Lang | null {
  const stored = window.localStorage.getItem(STORAGE_KEY);
  return stored === 'ko' || stored === 'en' ? stored : null;
}

/** The language to start with: ?lang=, then the language chosen in this browser, then the browser's. */
export function initialLanguage(): Lang {
  return urlLanguage() ?? storedLanguage() ?? (navigator.language?.toLowerCase().startsWith('ko') ? 'ko' : 'en');
}

/**
 * Whether the person has chosen a language in this browser (the switch, a ?lang= link, or by
 * signing in while using it). Only a fresh browser without a choice opens in the profile's
 * preferred language (issue 13 item 6: the language the person is using wins).
 */
export function hasChosenLanguage(): boolean {
  return urlLanguage() !== null || storedLanguage() !== null;
}

/** The UI language now. */
export function currentLanguage(): Lang {
  return i18n.language === 'en' ? 'en' : 'ko';
}

/**
 * Switches the UI language. With `remember` (a person's choice) this browser keeps it; a default
 * (the browser's language, the profile's preference) is applied without being remembered.
 */
export function applyLanguage(lang: Lang, { remember = true }: { remember?: boolean } = {}): void {
  if (remember) window.localStorage.setItem(STORAGE_KEY, lang);
  document.documentElement.lang = lang;
  setApiLanguage(lang);
  if (i18n.language !== lang) void i18n.changeLanguage(lang);
}

const lng = initialLanguage();
void i18n.use(initReactI18next).init({
  resources,
  lng,
  fallbackLng: false,
  supportedLngs: [...LANGS],
  ns: Object.keys(resources.en ?? {}),
  defaultNS: 'common',
  interpolation: { escapeValue: false },
  returnNull: false,
  initAsync: false,
});
// Korean messages write `{{version, 로}}`: the particle follows the value's final consonant.
addParticleFormatters(i18n);
// `{{type, valuekind}}`: a type error says what to type, not a JSON type name.
addValueKindFormatter(i18n, 'common:valueKinds');
addDateFormatter(i18n);
applyLanguage(lng, { remember: urlLanguage() !== null });

export default i18n;
