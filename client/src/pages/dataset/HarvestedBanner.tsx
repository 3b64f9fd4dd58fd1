import { labelOf } from '@schemas/taxonomy';
import { useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { Bi } from '../../components/Bi';
import { useAuth } from '../../lib/auth';
import { useFormat, useLang } from '../../lib/hooks';
import { CurationForm } from '../harvest/CurationForm';
import type { HarvestedOrigin } from '../harvest/types';
import type { DatasetView } from './types';
import './harvested-banner.css';

/** The technology areas and modalities, one labelled row per group (KR and US lists share names such as "Artificial Intelligence"). */
function AreaList({ origin, dataset }: { origin: HarvestedOrigin; dataset: DatasetView }) {
  const { t } = useTranslation('harvest');
  const lang = useLang();
  // Once a curator confirmed them, the dataset's own fields hold the confirmed values.
  const groups = [
    { key: 'kr', taxonomy: 'krTechnologies', codes: origin.curated ? (dataset.techAreas?.kr ?? []) : origin.suggested.techAreas.kr },
    { key: 'us', taxonomy: 'usCetAreas', codes: origin.curated ? (dataset.techAreas?.us ?? []) : origin.suggested.techAreas.us },
    { key: 'modalities', taxonomy: 'modalities', codes: origin.curated ? (dataset.modalities ?? []) : origin.suggested.modalities },
  ] as const;
  const any = groups.some((g) => g.codes.length > 0);
  return (
    <div className="harvested-areas" data-testid="harvested-areas" data-curated={origin.curated}>
      <p>
        <strong>{t(origin.curated ? 'banner.confirmedAreas' : 'banner.suggestedAreas')}</strong>
      </p>
      {any ? (
        <dl className="area-groups">
          {groups
            .filter((g) => g.codes.length > 0)
            .map((g) => (
              <div key={g.key}>
                <dt>{t(`curation.group.${g.key}`)}</dt>
                <dd>
                  <ul className="tag-list">
                    {g.codes.map((c) => (
                      <li key={c} className="badge primary">
                        {labelOf(g.taxonomy, c, lang)}
                      </li>
                    ))}
                  </ul>
                </dd>
              </div>
            ))}
        </dl>
      ) : (
        <p className="muted">{t('banner.noAreas')}</p>
      )}
    </div>
  );
}

/**
 * For a harvested dataset: where it comes from (source, original record), that it is read-only
 * here and follows the source, and the suggested technology areas with the curation form for
 * admins and reviewers (docs/harvesting-client.md "On the dataset page"). Renders nothing for local datasets.
 */
export function HarvestedBanner({ dataset }: { dataset: DatasetView }) {
  const { t } = useTranslation('harvest');
  const { hasRole } = useAuth();
  const format = useFormat();
  // The curation answer is the dataset view with the confirmed values: shown at once (the page's copy is older).
  const [curatedView, setCuratedView] = useState<DatasetView | null>(null);
  const current = curatedView ?? dataset;
  const origin = dataset.origin;
  if (origin?.kind !== 'harvested') return null;
  const shown: HarvestedOrigin = curatedView ? { ...origin, curated: true } : origin;
  return (
    <aside className="harvested-banner" aria-labelledby="harvested-heading" data-testid="harvested-banner">
      <h2 id="harvested-heading">{t('banner.heading')}</h2>
      <p data-testid="harvested-from">
        <Trans t={t} i18nKey="banner.from" components={{ source: <Bi text={origin.source.name} /> }} />{' '}
        {origin.landingPage ? (
          <a href={origin.landingPage} rel="noopener noreferrer external" data-testid="landing-page">
            {t('banner.originalRecord')}
          </a>
        ) : (
          <span className="muted">{t('banner.noLandingPage')}</span>
        )}
      </p>
      <p>{t('banner.readOnly')}</p>
      <dl className="harvested-facts">
        <div>
          <dt>{t('banner.originalId')}</dt>
          <dd className="url-text">{origin.originalId}</dd>
        </div>
        <div>
          <dt>{t('banner.harvestedAt')}</dt>
          <dd>
            <time dateTime={origin.harvestedAt}>{format.dateTime(origin.harvestedAt)}</time>
          </dd>
        </div>
        {origin.sourceModified && (
          <div>
            <dt>{t('banner.sourceModified')}</dt>
            <dd>
              <time dateTime={origin.sourceModified}>{format.date(origin.sourceModified)}</time>
            </dd>
          </div>
        )}
      </dl>
      <AreaList origin={shown} dataset={current} />
      {hasRole('admin', 'reviewer') && (
        <CurationForm
          datasetId={dataset.id}
          initial={shown.curated ? { techAreas: { kr: current.techAreas?.kr ?? [], us: current.techAreas?.us ?? [] }, modalities: current.modalities ?? [] } : origin.suggested}
          suggested={origin.suggested}
          onSaved={setCuratedView}
        />
      )}
    </aside>
  );
}
