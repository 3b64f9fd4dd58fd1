import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { labelOf } from '@schemas/taxonomy';
import {
  explainAccessLevel,
  explainAllowedCountries,
  explainAllowedOrgTypes,
  explainConditions,
  explainCrossBorder,
  explainMaxGrantDays,
  explainPurposes,
  explainSamplesAccess,
} from '../../lib/explain';
import { useLang } from '../../lib/hooks';
import { Explained, ExplainedList } from './Explained';
import type { DatasetView } from './types';

/** A labelled row of explained facts: the topic on the left, the plain-language rule on the right. */
export function ExplainedRow({ label, testId, children }: { label: string; testId?: string; children: ReactNode }) {
  return (
    <div className="explained-row" data-testid={testId}>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

/** The disclosure rules (docs/design.md §4) as sentences with icons: who may use the data, for what, where and on which conditions. */
export function DisclosureExplainer({ disclosure }: { disclosure: DatasetView['disclosure'] }) {
  const { t } = useTranslation('dataset');
  const lang = useLang();
  const d = disclosure;
  return (
    <section className="dataset-section" aria-labelledby="disclosure-heading" data-testid="disclosure">
      <h2 id="disclosure-heading">{t('disclosure.heading')}</h2>
      {!d || Object.keys(d).length === 0 ? (
        <p className="notice">{t('disclosure.notSet')}</p>
      ) : (
        <>
          <p className="muted">{t('disclosure.intro')}</p>
          <dl className="explained-rows">
            <ExplainedRow label={t('disclosure.accessLevel')} testId="disclosure-access">
              {d.accessLevel && <p className="row-label">{labelOf('accessLevels', d.accessLevel, lang)}</p>}
              <Explained as="p" e={explainAccessLevel(d.accessLevel)} />
            </ExplainedRow>
            <ExplainedRow label={t('disclosure.samplesAccess')} testId="disclosure-samples">
              {d.samplesAccess && <p className="row-label">{labelOf('samplesAccess', d.samplesAccess, lang)}</p>}
              <Explained as="p" e={explainSamplesAccess(d.samplesAccess, d.accessLevel, lang)} />
            </ExplainedRow>
            <ExplainedRow label={t('disclosure.countries')} testId="disclosure-countries">
              <Explained as="p" e={explainAllowedCountries(d.allowedCountries, lang)} />
            </ExplainedRow>
            <ExplainedRow label={t('disclosure.orgTypes')} testId="disclosure-org-types">
              <Explained as="p" e={explainAllowedOrgTypes(d.allowedOrgTypes, lang)} />
            </ExplainedRow>
            <ExplainedRow label={t('disclosure.purposes')} testId="disclosure-purposes">
              <Explained as="p" e={explainPurposes(d.allowedPurposes, lang)} />
            </ExplainedRow>
            <ExplainedRow label={t('disclosure.crossBorder')} testId="disclosure-cross-border">
              {d.crossBorder && <p className="row-label">{labelOf('crossBorder', d.crossBorder, lang)}</p>}
              <Explained as="p" e={explainCrossBorder(d.crossBorder)} />
            </ExplainedRow>
            <ExplainedRow label={t('disclosure.conditions')} testId="disclosure-conditions">
              <ExplainedList items={explainConditions(d.conditions)} />
            </ExplainedRow>
            <ExplainedRow label={t('disclosure.maxGrantDays')} testId="disclosure-max-grant">
              <Explained as="p" e={explainMaxGrantDays(d.maxGrantDays)} />
            </ExplainedRow>
          </dl>
        </>
      )}
    </section>
  );
}
