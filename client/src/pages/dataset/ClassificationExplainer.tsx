import { useTranslation } from 'react-i18next';
import { labelOf } from '@schemas/taxonomy';
import { explainClassificationLevel, explainExportControl, explainNationalCoreTechnology, explainPersonalInfo, explainSensitiveCategories } from '../../lib/explain';
import { useLang } from '../../lib/hooks';
import { ExplainedRow } from './DisclosureExplainer';
import { Explained } from './Explained';
import type { DatasetView } from './types';

/** The security classification in plain language: level, personal information, sensitive data, export control. */
export function ClassificationExplainer({ classification }: { classification: DatasetView['classification'] }) {
  const { t } = useTranslation('dataset');
  const lang = useLang();
  const c = classification;
  return (
    <section className="dataset-section" aria-labelledby="classification-heading" data-testid="classification">
      <h2 id="classification-heading">{t('classification.heading')}</h2>
      {!c || Object.keys(c).length === 0 ? (
        <p className="notice">{t('classification.notSet')}</p>
      ) : (
        <dl className="explained-rows">
          <ExplainedRow label={t('classification.level')} testId="classification-level">
            {c.level && <p className="row-label">{labelOf('classificationLevels', c.level, lang)}</p>}
            <Explained as="p" e={explainClassificationLevel(c.level)} />
          </ExplainedRow>
          <ExplainedRow label={t('classification.personalInfo')} testId="classification-personal-info">
            {c.personalInfo && <p className="row-label">{labelOf('personalInfo', c.personalInfo, lang)}</p>}
            <Explained as="p" e={explainPersonalInfo(c.personalInfo)} />
          </ExplainedRow>
          <ExplainedRow label={t('classification.sensitive')} testId="classification-sensitive">
            <Explained as="p" e={explainSensitiveCategories(c.sensitiveCategories, lang)} />
          </ExplainedRow>
          <ExplainedRow label={t('classification.exportControl')} testId="classification-export-control">
            <Explained as="p" e={explainExportControl(c.exportControl, lang)} />
          </ExplainedRow>
          <ExplainedRow label={t('classification.nationalCoreTechnology')} testId="classification-nct">
            <Explained as="p" e={explainNationalCoreTechnology(c.nationalCoreTechnology)} />
          </ExplainedRow>
        </dl>
      )}
    </section>
  );
}
