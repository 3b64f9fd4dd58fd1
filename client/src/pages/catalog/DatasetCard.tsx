import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { labelOf } from '@schemas/taxonomy';
import { Bi, useBi } from '../../components/Bi';
import { explainAccessLevel, explainClassificationLevel, licenseShortLabel } from '../../lib/explain';
import { useFormat, useLang } from '../../lib/hooks';
import { Icon } from '../dataset/Icon';
import type { DatasetView } from '../dataset/types';
import type { Highlights } from './highlight';
import { Marked } from './Marked';

/**
 * One catalogue result: title link, provider, a "Harvested · source" badge for harvested ones, summary (with the search matches marked),
 * why it matched when the title and summary do not show it, modality/task badges and the access
 * facts in words.
 */
export function DatasetCard({ dataset, highlights, reason }: { dataset: DatasetView; highlights?: Highlights; reason?: ReactNode }) {
  const { t } = useTranslation('catalog');
  const lang = useLang();
  const format = useFormat();
  const bi = useBi();
  const d = dataset;
  const access = d.disclosure?.accessLevel;
  const level = d.classification?.level;
  const accessEx = explainAccessLevel(access);
  const levelEx = explainClassificationLevel(level);
  return (
    <article className="card dataset-card" data-testid="dataset-card">
      <h3 className="dataset-card-title">
        <Link to={`/datasets/${encodeURIComponent(d.slug)}`}>
          <Marked text={d.title} field="title" highlights={highlights} />
        </Link>
      </h3>
      {d.provider && (
        <p className="dataset-card-provider">
          <Icon name="building" />
          <span className="visually-hidden">{t('card.provider')}</span>
          <Bi text={d.provider.name} />
        </p>
      )}
      {d.origin?.kind === 'harvested' && (
        <p className="dataset-card-origin">
          <span className="badge primary" data-testid="harvested-badge">
            {t('harvest:card.badge', { source: bi(d.origin.source.name) })}
          </span>
        </p>
      )}
      {d.summary && <Marked as="p" className="dataset-card-summary" text={d.summary} field="summary" highlights={highlights} />}
      {reason}
      {((d.modalities?.length ?? 0) > 0 || (d.tasks?.length ?? 0) > 0) && (
        <ul className="tag-list" aria-label={t('card.tags')}>
          {(d.modalities ?? []).map((m) => (
            <li key={`m-${m}`} className="badge primary">
              {labelOf('modalities', m, lang)}
            </li>
          ))}
          {(d.tasks ?? []).map((task) => (
            <li key={`t-${task}`} className="badge">
              {labelOf('tasks', task, lang)}
            </li>
          ))}
        </ul>
      )}
      <dl className="card-meta">
        {d.license && (
          <div>
            <dt>{t('card.license')}</dt>
            <dd title={labelOf('licenses', d.license.id, lang)}>{d.license.id === 'custom' ? t('card.customLicense') : licenseShortLabel(d.license.id, lang)}</dd>
          </div>
        )}
        {access && (
          <div>
            <dt>{t('card.access')}</dt>
            <dd className={`explained tone-${accessEx.tone}`}>
              <Icon name={accessEx.icon} tone={accessEx.tone} />
              <span>{labelOf('accessLevels', access, lang)}</span>
            </dd>
          </div>
        )}
        {level && (
          <div>
            <dt>{t('card.classification')}</dt>
            <dd className={`explained tone-${levelEx.tone}`}>
              <Icon name={levelEx.icon} tone={levelEx.tone} />
              <span>{labelOf('classificationLevels', level, lang)}</span>
            </dd>
          </div>
        )}
        {d.publishedAt && (
          <div>
            <dt>{t('card.published')}</dt>
            <dd>
              <time dateTime={d.publishedAt}>{format.date(d.publishedAt)}</time>
            </dd>
          </div>
        )}
      </dl>
    </article>
  );
}
