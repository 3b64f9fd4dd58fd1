import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { QueryInfo } from './types';

/** A glossary term of the other language as a link that searches it. */
function AlternativeLinks({ alternatives, hrefFor }: { alternatives: QueryInfo['alternatives']; hrefFor: (q: string) => string }) {
  return (
    <ul className="alternatives" data-testid="alternatives">
      {alternatives.map((a) => (
        <li key={`${a.lang}:${a.text}`}>
          <Link to={hrefFor(a.text)} lang={a.lang}>
            {a.text}
          </Link>
        </li>
      ))}
    </ul>
  );
}

/** Language of the alternatives, for "try the English term" (they all come from the other language). */
function alternativesLang(info: QueryInfo): 'ko' | 'en' | null {
  return info.alternatives[0]?.lang ?? null;
}

/**
 * What the server did with the words, said above the results: typos it corrected, partial
 * matches when nothing matched every word, and the other language's terms to try.
 */
export function SearchNotices({ info, hrefFor }: { info: QueryInfo | undefined; hrefFor: (q: string) => string }) {
  const { t } = useTranslation('catalog');
  if (!info?.q) return null;
  const altLang = alternativesLang(info);
  if (!info.relaxed && info.corrections.length === 0 && !altLang) return null;
  return (
    <div className="search-notices" data-testid="search-notices">
      {info.corrections.length > 0 && (
        <p data-testid="corrections">
          {t('notices.corrected', { words: info.corrections.map((c) => t('notices.correction', { from: c.from, to: c.to })).join(', ') })}
        </p>
      )}
      {info.relaxed && (
        <p className="notice" data-testid="relaxed">
          {t('notices.relaxed')}
        </p>
      )}
      {altLang && (
        <div className="also-try">
          <span>{t(`notices.alsoTry.${altLang}`)}</span>
          <AlternativeLinks alternatives={info.alternatives} hrefFor={hrefFor} />
        </div>
      )}
    </div>
  );
}

/**
 * The help shown when nothing was found: the other language's term for the words (the glossary
 * knows it), a way out of the filters, and what else to try.
 */
export function NoResults({
  info,
  q,
  hasFilters,
  hrefFor,
  clearFiltersHref,
}: {
  info: QueryInfo | undefined;
  q: string;
  hasFilters: boolean;
  hrefFor: (q: string) => string;
  clearFiltersHref: string;
}) {
  const { t } = useTranslation('catalog');
  const altLang = info ? alternativesLang(info) : null;
  return (
    <div className="no-results" data-testid="no-results">
      <h3>{q ? t('noResults.titleFor', { q }) : t('noResults.title')}</h3>
      {altLang && info && (
        <div className="no-results-alternatives">
          <p>{t(`noResults.otherLanguage.${altLang}`)}</p>
          <AlternativeLinks alternatives={info.alternatives} hrefFor={hrefFor} />
        </div>
      )}
      {hasFilters && (
        <p>
          {t('noResults.filters')}{' '}
          <Link to={clearFiltersHref} data-testid="no-results-clear">
            {t('noResults.clearFilters')}
          </Link>
        </p>
      )}
      <h4>{t('noResults.tipsHeading')}</h4>
      <ul className="tips">
        <li>{t('noResults.tips.spelling')}</li>
        <li>{t('noResults.tips.fewer')}</li>
        <li>{t('noResults.tips.language')}</li>
      </ul>
    </div>
  );
}
