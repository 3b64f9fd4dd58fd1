import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Bi } from '../../components/Bi';
import { ProblemView } from '../../components/Status';
import { useApi, useLang } from '../../lib/hooks';
import { ScoreBar } from './ScoreBar';
import type { PartnerMatchesResponse } from './types';
import './partners.css';

/** On a dataset page, for its provider's members and reviewers: the partners it fits, and those who cannot get it. */
export function FittingPartnersPanel({ datasetId }: { datasetId: string }) {
  const { t } = useTranslation('matching');
  const lang = useLang();
  const headingId = useId();
  const { data, error } = useApi<PartnerMatchesResponse>(`/datasets/${encodeURIComponent(datasetId)}/partner-matches`);
  if (error?.status === 409) return null;
  return (
    <section className="dataset-section card fitting-partners" aria-labelledby={headingId} data-testid="fitting-partners">
      <h2 id={headingId}>{t('fitting.heading')}</h2>
      <p className="muted">{t('fitting.intro')}</p>
      <ProblemView error={error} compact />
      {data && (
        <ul className="partner-standings">
          {data.items.map((s) => (
            <li key={s.partner.slug} data-testid={`fit-${s.partner.slug}`}>
              <strong>
                <Bi text={s.partner.name} />
              </strong>
              {s.eligible ? (
                <>
                  <ScoreBar label={t('score.total')} value={s.score} />
                  <details>
                    <summary>{t('match.breakdown')}</summary>
                    <ul className="component-list">
                      {s.components.map((c) => (
                        <li key={c.name}>
                          <ScoreBar label={t(`components.${c.name}`)} value={c.score} />
                          <p lang={lang}>{c.explanation[lang]}</p>
                        </li>
                      ))}
                    </ul>
                  </details>
                </>
              ) : (
                <>
                  <p className="muted">{t('fitting.notEligible')}</p>
                  <ul className="reasons">
                    {s.reasons.map((r) => (
                      <li key={`${r.kind}-${r.code}`} lang={lang}>
                        {r.message[lang]}
                      </li>
                    ))}
                  </ul>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
