import { useTranslation } from 'react-i18next';
import { labelOf } from '@schemas/taxonomy';
import { explainLicense, licenseItem } from '../../lib/explain';
import { useLang } from '../../lib/hooks';
import { ExplainedList } from './Explained';
import type { DatasetView } from './types';

/** The licence in plain language: its name, what it allows and forbids, and a link to the full terms. */
export function LicenseExplainer({ license }: { license: DatasetView['license'] }) {
  const { t } = useTranslation('dataset');
  const lang = useLang();
  const item = licenseItem(license?.id);
  const url = license?.url ?? item?.url ?? null;
  return (
    <section className="dataset-section" aria-labelledby="license-heading" data-testid="license">
      <h2 id="license-heading">{t('license.heading')}</h2>
      {license && (
        <p className="license-name">
          <strong>{license.id === 'custom' ? t('license.custom') : labelOf('licenses', license.id, lang)}</strong>
        </p>
      )}
      {item && license?.id !== 'custom' && <p>{item.explanation[lang]}</p>}
      <ExplainedList items={explainLicense(license)} />
      {url && (
        <p>
          <a href={url} rel="noopener noreferrer" target="_blank">
            {t('license.readTerms')}
            <span className="visually-hidden">{t('newWindow')}</span>
          </a>
        </p>
      )}
    </section>
  );
}
