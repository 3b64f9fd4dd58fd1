import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate, useSearchParams } from 'react-router';
import { useTitle } from '../../components/Layout';
import { Empty, Loading, Pagination, ProblemView } from '../../components/Status';
import type { Page } from '../../lib/api';
import { useApi } from '../../lib/hooks';
import { RegisterSourceForm } from './RegisterSourceForm';
import { SourcesTable } from './SourcesTable';
import type { HarvestSource } from './types';
import './harvest.css';

/** `/admin/harvest`: the catalogues harvested into this one, and the form that registers another. */
export default function HarvestSourcesPage() {
  const { t } = useTranslation('harvest');
  const navigate = useNavigate();
  const deleted = (useLocation().state as { deleted?: string } | null)?.deleted;
  const [params, setParams] = useSearchParams();
  const page = Number(params.get('page') ?? '1') || 1;
  const { data, error, loading } = useApi<Page<HarvestSource>>(`/harvest/sources?page=${page}&pageSize=20`);
  useTitle(t('sources.title'));
  const setPage = (p: number) => {
    const next = new URLSearchParams(params);
    next.set('page', String(p));
    setParams(next);
  };

  return (
    <section className="harvest-page" data-testid="harvest-sources">
      <h1>{t('sources.title')}</h1>
      <p className="muted">{t('sources.intro')}</p>
      {deleted && (
        <p className="success" role="status" data-testid="source-deleted">
          {t('delete.done', { name: deleted })}
        </p>
      )}
      <div aria-live="polite">
        {loading && <Loading />}
        <ProblemView error={error} />
        {data && !loading && (
          <>
            <p className="muted">{t('sources.count', { count: data.total })}</p>
            {data.items.length === 0 ? <Empty message={t('sources.empty')} /> : <SourcesTable sources={data.items} />}
            <Pagination page={data.page} pageSize={data.pageSize} total={data.total} onPage={setPage} />
          </>
        )}
      </div>
      <RegisterSourceForm onCreated={(s) => navigate(`/admin/harvest/${encodeURIComponent(s.id)}`, { state: { created: true } })} />
    </section>
  );
}
