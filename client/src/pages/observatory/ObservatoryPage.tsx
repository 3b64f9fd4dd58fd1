import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { Loading, ProblemView } from '../../components/Status';
import { useApi, useFormat } from '../../lib/hooks';
import { DemandChart } from './DemandChart';
import { GrowthChart } from './GrowthChart';
import { MatrixChart } from './MatrixChart';
import type { Observatory } from './model';
import { OriginChart } from './OriginChart';
import './observatory.css';

const FILTERS = ['origin', 'interval', 'from'] as const;

/** The public technology-area observatory: matrix, growth, US demand and origin share (docs/observatory.md). */
export default function ObservatoryPage() {
  const { t } = useTranslation('observatory');
  const fmt = useFormat();
  const [params, setParams] = useSearchParams();
  const query = new URLSearchParams();
  for (const name of FILTERS) {
    const v = params.get(name);
    if (v) query.set(name, v);
  }
  const { data, error, loading } = useApi<Observatory>(`/observatory${query.size ? `?${query}` : ''}`);
  const set = (name: (typeof FILTERS)[number], value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    setParams(next, { replace: true });
  };

  return (
    <div className="container observatory" data-testid="observatory">
      <h1>{t('title')}</h1>
      <p className="muted">{t('intro')}</p>
      <fieldset className="obs-filters">
        <legend>{t('filters.legend')}</legend>
        <div className="field">
          <label htmlFor="obs-origin">{t('filters.origin')}</label>
          <select id="obs-origin" value={params.get('origin') ?? ''} onChange={(e) => set('origin', e.target.value)}>
            <option value="">{t('filters.originAll')}</option>
            <option value="local">{t('filters.originLocal')}</option>
            <option value="harvested">{t('filters.originHarvested')}</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor="obs-interval">{t('filters.interval')}</label>
          <select id="obs-interval" value={params.get('interval') ?? 'quarter'} onChange={(e) => set('interval', e.target.value === 'quarter' ? '' : e.target.value)}>
            <option value="quarter">{t('filters.quarter')}</option>
            <option value="month">{t('filters.month')}</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor="obs-from">{t('filters.from')}</label>
          <input id="obs-from" type="month" value={params.get('from') ?? ''} onChange={(e) => set('from', e.target.value)} />
        </div>
      </fieldset>
      <ProblemView error={error} />
      {loading && !data && <Loading />}
      {data && (
        <>
          <p className="muted small" aria-live="polite">
            {t('generatedAt', { at: fmt.dateTime(data.generatedAt) })}
          </p>
          <MatrixChart matrix={data.matrix} />
          <GrowthChart growth={data.growth} />
          <section aria-labelledby="obs-demand">
            <h2 id="obs-demand">{t('demand.heading')}</h2>
            <div className="obs-pair">
              <DemandChart rows={data.demand} side="kr" />
              <DemandChart rows={data.demand} side="us" />
            </div>
          </section>
          <OriginChart origins={data.origins} />
        </>
      )}
    </div>
  );
}
