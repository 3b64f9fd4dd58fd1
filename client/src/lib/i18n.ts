import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { addParticleFormatters } from '@schemas/korean-particles';
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

/** The language to start with: ?lang=, then the remembered choice, then the browser's. */
export function initialLanguage(): Lang {
  const fromUrl = new URLSearchParams(window.location.search).get('lang');
  if (fromUrl === 'ko' || fromUrl === 'en') return fromUrl;
  const stored = window.localStorage.getItem(STORAGE_KEY);
  if (stored === 'ko' || stored === 'en') return stored;
  return navigator.language?.toLowerCase().startsWith('ko') ? 'ko' : 'en';
}

/** Switches the UI language and remembers it in this browser. */
export function applyLanguage(lang: Lang): void {
  window.localStorage.setItem(STORAGE_KEY, lang);
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
applyLanguage(lng);

export default i18n;
