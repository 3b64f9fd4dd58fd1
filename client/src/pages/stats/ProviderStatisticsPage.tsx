import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { ResponseOf } from '@schemas/responses';
import { Bi, useBi } from '../../components/Bi';
import { useTitle } from '../../components/Layout';
import { Empty, Loading, ProblemView } from '../../components/Status';
import { useAuth } from '../../lib/auth';
import { useApi } from '../../lib/hooks';
import { useStatsFormat } from './format';
import { MonthlyDetail } from './MonthlyDetail';
import { MonthRangeForm } from './MonthRangeForm';
import { TotalsTable } from './TotalsTable';
import type { ProviderStats } from './types';
import { useMonthRange } from './useMonthRange';
import './stats.css';

/** Admins choose whose statistics to read; everyone else reads their own organisation's. */
function OrganizationPicker({ value, onChange }: { value: string; onChange: (slug: string) => void }) {
  const { t } = useTranslation('stats');
  const bi = useBi();
  const id = useId();
  const { data } = useApi<ResponseOf<'organizations.list'>>('/organizations?pageSize=100');
  return (
    <div className="stats-pick">
      <label htmlFor={id}>{t('provider.organization')}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)} data-testid="stats-organization">
        <option value="">{t('provider.choose')}</option>
        {(data?.items ?? []).map((o) => (
          <option key={o.slug} value={o.slug}>
            {bi(o.name)}
          </option>
        ))}
      </select>
    </div>
  );
}

/** `/workspace/statistics`: a provider's usage per dataset and month, by requester country and organisation type, with CSV. */
export default function ProviderStatisticsPage() {
  const { t } = useTranslation('stats');
  const { user, hasRole } = useAuth();
  const f = useStatsFormat();
  const bi = useBi();
  const range = useMonthRange();
  const isAdmin = hasRole('admin');
  const slug = (isAdmin && range.params.get('provider')) || user?.organization?.slug || '';
  const path = slug ? `/stats/providers/${encodeURIComponent(slug)}?${range.query}` : null;
  const { data, error, loading } = useApi<ProviderStats>(path);
  useTitle(t('provider.title'));
  const datasetId = data?.datasets.some((d) => d.id === range.params.get('dataset'))
    ? range.params.get('dataset')!
    : (data?.datasets[0]?.id ?? '');
  const span = { from: f.month(range.from), to: f.month(range.to) };

  return (
    <section className="stats-page" data-testid="provider-statistics">
      <h1>{t('provider.title')}</h1>
      <p className="muted">{t('provider.intro')}</p>
      {isAdmin && <OrganizationPicker value={slug} onChange={(provider) => range.set({ provider, dataset: '' })} />}
      {!slug && !isAdmin && <Empty message={t('provider.noOrganization')} />}
      {slug && (
        <>
          {data && (
            <h2>
              <Bi text={data.provider.name} />
            </h2>
          )}
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
              {data.datasets.length === 0 ? (
                <Empty message={t('empty')} />
              ) : (
                <>
                  <h3>{t('totals.heading')}</h3>
                  <TotalsTable
                    caption={t('totals.captionDatasets', span)}
                    subject={t('totals.dataset')}
                    rows={data.datasets.map((d) => ({ id: d.id, name: <Bi text={d.title} />, totals: d.totals }))}
                  />
                  <MonthlyDetail
                    level={3}
                    pickLabel={t('detail.pickDataset')}
                    testId="stats-dataset"
                    options={data.datasets.map((d) => ({ id: d.id, name: bi(d.title) || d.slug }))}
                    selected={datasetId}
                    onSelect={(id) => range.set({ dataset: id })}
                    rows={data.rows.filter((r) => r.datasetId === datasetId)}
                    threshold={data.threshold}
                  />
                </>
              )}
            </>
          )}
        </>
      )}
    </section>
  );
}
