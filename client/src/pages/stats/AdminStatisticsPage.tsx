import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Bi, useBi } from '../../components/Bi';
import { useTitle } from '../../components/Layout';
import { Empty, Loading, ProblemView } from '../../components/Status';
import { useApi } from '../../lib/hooks';
import { useStatsFormat } from './format';
import { MonthlyDetail } from './MonthlyDetail';
import { MonthRangeForm } from './MonthRangeForm';
import { TotalsTable } from './TotalsTable';
import type { OverviewStats } from './types';
import { useMonthRange } from './useMonthRange';
import './stats.css';

/** `/admin/statistics`: every provider's usage per month, by requester country and organisation type, with CSV. */
export default function AdminStatisticsPage() {
  const { t } = useTranslation('stats');
  const f = useStatsFormat();
  const bi = useBi();
  const range = useMonthRange();
  const path = `/stats/overview?${range.query}`;
  const { data, error, loading } = useApi<OverviewStats>(path);
  useTitle(t('admin.title'));
  const providerId = data?.providers.some((p) => p.id === range.params.get('provider'))
    ? range.params.get('provider')!
    : (data?.providers[0]?.id ?? '');
  const span = { from: f.month(range.from), to: f.month(range.to) };

  return (
    <section className="stats-page" data-testid="admin-statistics">
      <h1>{t('admin.title')}</h1>
      <p className="muted">{t('admin.intro')}</p>
      <MonthRangeForm key={`${range.from}-${range.to}`} from={range.from} to={range.to} onApply={(r) => range.set(r)} />
      <p className="small muted">{t('privacy', { threshold: data?.threshold ?? 5, max: (data?.threshold ?? 5) - 1 })}</p>
      <ProblemView error={error} />
      {loading && !data && <Loading />}
      {data && (
        <>
          <p className="actions">
            <a className="button secondary" href={`/api/v1${path}&format=csv`} download data-testid="stats-csv">
              {t('csv', span)}
            </a>
          </p>
          {data.providers.length === 0 ? (
            <Empty message={t('empty')} />
          ) : (
            <>
              <h2>{t('totals.heading')}</h2>
              <TotalsTable
                caption={t('totals.captionProviders', span)}
                subject={t('totals.provider')}
                rows={data.providers.map((p) => ({
                  id: p.id,
                  name: (
                    <Link to={`/workspace/statistics?provider=${encodeURIComponent(p.slug)}&${range.query}`}>
                      <Bi text={p.name} />
                    </Link>
                  ),
                  totals: p.totals,
                }))}
              />
              <MonthlyDetail
                level={2}
                pickLabel={t('detail.pickProvider')}
                testId="stats-provider"
                options={data.providers.map((p) => ({ id: p.id, name: bi(p.name) || p.slug }))}
                selected={providerId}
                onSelect={(id) => range.set({ provider: id })}
                rows={data.rows.filter((r) => r.providerId === providerId)}
                threshold={data.threshold}
              />
            </>
          )}
        </>
      )}
    </section>
  );
}
