import { Fragment } from 'react';
import { useTranslation } from 'react-i18next';
import type { BilingualText } from '../../components/Bi';
import { useLang } from '../../lib/hooks';
import { splitHighlights, type Highlights } from './highlight';

/**
 * A bilingual field in the chosen language (falling back to the other, like `Bi`) with the search
 * matches of `highlights[`${field}.${lang}`]` wrapped in <mark>, built from plain string slices.
 */
export function Marked({
  text,
  field,
  highlights,
  as: Tag = 'span',
  className,
}: {
  text: BilingualText | null | undefined;
  field: 'title' | 'summary';
  highlights?: Highlights;
  as?: 'span' | 'p';
  className?: string;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  if (!text) return null;
  const other = lang === 'ko' ? 'en' : 'ko';
  const shown = text[lang] ? lang : other;
  const value = text[shown] ?? '';
  const segments = splitHighlights(value, highlights?.[`${field}.${shown}`]);
  return (
    <Tag lang={shown} className={className}>
      {segments.map((s, i) => (s.mark ? <mark key={i}>{s.text}</mark> : <Fragment key={i}>{s.text}</Fragment>))}
      {shown !== lang && <span className="fallback-note"> {t('bilingual.onlyIn', { lang: t(`languageName.${shown}`) })}</span>}
    </Tag>
  );
}
