import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLang } from '../lib/hooks';

export interface BilingualText {
  ko?: string;
  en?: string;
}

/** The chosen language's text of a bilingual field, falling back to the other; the other language is one click away. */
export function Bi({ text, as: Tag = 'span', toggle = false, className }: { text: BilingualText | null | undefined; as?: 'span' | 'p' | 'div' | 'h1' | 'h2' | 'h3'; toggle?: boolean; className?: string }) {
  const { t } = useTranslation();
  const lang = useLang();
  const other = lang === 'ko' ? 'en' : 'ko';
  const [showOther, setShowOther] = useState(false);
  if (!text) return null;
  const primary = text[lang] ? lang : other;
  const shown = showOther && text[other] && text[lang] ? other : primary;
  const value = text[shown] ?? '';
  return (
    <>
      <Tag lang={shown} className={className}>
        {value}
        {shown !== lang && <span className="fallback-note"> {t('bilingual.onlyIn', { lang: t(`languageName.${shown}`) })}</span>}
      </Tag>
      {toggle && text[lang] && text[other] && (
        <button type="button" className="link-button small" onClick={() => setShowOther((v) => !v)} aria-pressed={showOther}>
          {showOther ? t('bilingual.showOriginal', { lang: t(`languageName.${lang}`) }) : t('bilingual.showOther', { lang: t(`languageName.${other}`) })}
        </button>
      )}
    </>
  );
}

/** Picks the current language's string of a bilingual value (for attributes and plain text). */
export function useBi() {
  const lang = useLang();
  return (text: BilingualText | null | undefined) => (text ? (text[lang] ?? text[lang === 'ko' ? 'en' : 'ko'] ?? '') : '');
}
