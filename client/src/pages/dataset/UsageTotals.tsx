import { useTranslation } from 'react-i18next';
import { useApi } from '../../lib/hooks';
import { useStatsFormat } from '../stats/format';
import type { DatasetStats } from '../stats/types';
import '../stats/stats.css';

const MEASURES = ['views', 'downloads', 'requests', 'approved'] as const;

/** The dataset's public usage totals (docs/statistics.md): all time and the last 12 months. Silent when they cannot be read. */
export function UsageTotals({ datasetId }: { datasetId: string }) {
  const { t } = useTranslation('stats');
  const f = useStatsFormat();
  const { data } = useApi<DatasetStats>(`/stats/datasets/${encodeURIComponent(datasetId)}`);
  if (!data) return null;
  return (
    <section className="dataset-section usage-totals" aria-labelledby="usage-heading" data-testid="usage-totals">
      <h2 id="usage-heading">{t('usage.heading')}</h2>
      {!data.since ? (
        <p className="muted">{t('usage.none')}</p>
      ) : (
        <>
          <table className="stats-table">
            <caption>{t('usage.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('usage.measure')}</th>
                <th scope="col" className="num">
                  {t('usage.last12')}
                </th>
                <th scope="col" className="num">
                  {t('usage.allTime')}
                </th>
              </tr>
            </thead>
            <tbody>
              {MEASURES.map((m) => (
                <tr key={m}>
                  <th scope="row">{t(`usage.${m}`)}</th>
                  <td className="num">{f.number(data.last12Months[m])}</td>
                  <td className="num">{f.number(data.allTime[m])}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="small muted">{t('usage.since', { month: f.month(data.since) })}</p>
        </>
      )}
    </section>
  );
}
