// Why a search result matched when its title and summary do not show it: a description snippet with
// the match marked, and notes for words matched through the glossary, a typo correction or a field
// the card does not show (docs/search.md, "Precision").
import { Fragment } from 'react';
import { useTranslation } from 'react-i18next';
import { splitHighlights } from './highlight';
import type { MatchNote, Snippet } from './types';

/** Notes worth showing: the ones a reader could not see on the card by themselves. */
function hiddenReasons(notes: readonly MatchNote[] | undefined): MatchNote[] {
  return (notes ?? []).filter((n) => n.via === 'glossary' || n.via === 'typo' || n.via === 'related' || n.field);
}

export function MatchReason({ snippet, matchedBy }: { snippet?: Snippet; matchedBy?: MatchNote[] }) {
  const { t } = useTranslation('catalog');
  const notes = hiddenReasons(matchedBy);
  if (!snippet && !notes.length) return null;
  return (
    <div className="match-reason" data-testid="match-reason">
      {snippet && (
        <p className="dataset-card-snippet" lang={snippet.lang}>
          <span className="visually-hidden">{t('match.snippet')} </span>
          {splitHighlights(snippet.text, snippet.ranges).map((s, i) => (s.mark ? <mark key={i}>{s.text}</mark> : <Fragment key={i}>{s.text}</Fragment>))}
        </p>
      )}
      {notes.length > 0 && (
        <p className="match-notes">
          {t('match.by')}{' '}
          {notes.map((n, i) => (
            <Fragment key={`${n.word}-${i}`}>
              {i > 0 && ', '}
              <span data-testid="match-note">
                {n.field ? t(`match.field.${n.field}`, { word: n.word }) : t(`match.via.${n.via}`, { word: n.word, term: n.term ?? '' })}
              </span>
            </Fragment>
          ))}
        </p>
      )}
    </div>
  );
}
