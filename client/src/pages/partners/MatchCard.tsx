import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { labelOf } from '@schemas/taxonomy';
import { Bi } from '../../components/Bi';
import { useLang } from '../../lib/hooks';
import { ScoreBar } from './ScoreBar';
import type { Match } from './types';

/** One ranked dataset: total score, a bar and a sentence per component, the access path and the request button. */
export function MatchCard({ match }: { match: Match }) {
  const { t } = useTranslation('matching');
  const lang = useLang();
  const headingId = useId();
  const { dataset, access } = match;
  const requestLink = `/datasets/${encodeURIComponent(dataset.slug)}/request?${new URLSearchParams({ purpose: access.purpose, scope: 'full' }).toString()}`;
  return (
    <li className="card match-card" aria-labelledby={headingId} data-testid={`match-${dataset.slug}`}>
      <div className="match-head">
        <span className="match-rank">{t('match.rank', { rank: match.rank })}</span>
        <h3 id={headingId}>
          <Link to={`/datasets/${encodeURIComponent(dataset.slug)}`}>
            <Bi text={dataset.title} />
          </Link>
        </h3>
        <span className="match-provider muted">
          <Bi text={dataset.provider.name ?? { ko: dataset.provider.slug, en: dataset.provider.slug }} />
        </span>
      </div>
      <ScoreBar label={t('score.total')} value={match.score} testId="match-total" />
      <details className="match-breakdown">
        <summary>{t('match.breakdown')}</summary>
        <ul className="component-list">
          {match.components.map((c) => (
            <li key={c.name} data-testid={`component-${c.name}`}>
              <ScoreBar label={t(`components.${c.name}`)} value={c.score} />
              <p className="component-weight muted">{t('match.weight', { weight: Math.round(c.weight * 100) })}</p>
              <p lang={lang}>{c.explanation[lang]}</p>
            </li>
          ))}
        </ul>
      </details>
      <div className="access-path">
        <h4>{t('match.accessPath', { decision: labelOf('policyDecisions', access.decision, lang), purpose: labelOf('purposes', access.purpose, lang) })}</h4>
        <ol className="steps" data-testid="access-steps">
          {access.steps.map((s) => (
            <li key={s.code} lang={lang}>
              {s.text[lang]}
            </li>
          ))}
        </ol>
        {access.granted ? (
          <>
            <p className="badge success" data-testid="match-granted">
              {t('match.granted')}
            </p>{' '}
            <Link className="button" to={`/datasets/${encodeURIComponent(dataset.slug)}`} data-testid="go-to-access">
              {t('match.goToAccess')}
            </Link>
          </>
        ) : (
          <Link className="button" to={requestLink} data-testid="start-request">
            {access.decision === 'allow' ? t('match.getAccess') : t('match.startRequest')}
          </Link>
        )}
      </div>
    </li>
  );
}
