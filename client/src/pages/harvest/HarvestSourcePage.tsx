import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { Bi, useBi } from '../../components/Bi';
import { ConfirmBox, useConfirmStep } from '../../components/ConfirmBox';
import { useTitle } from '../../components/Layout';
import { Loading, ProblemView } from '../../components/Status';
import { api, type ApiError } from '../../lib/api';
import { useApi, useFormat } from '../../lib/hooks';
import { asApiError } from './problem';
import { RunHistory } from './RunHistory';
import { RunNowPanel } from './RunNowPanel';
import { SourceIdentityForm } from './SourceIdentityForm';
import { SourceSettings } from './SourceSettings';
import type { HarvestSource } from './types';
import './harvest.css';

/** The source's facts as a term list. */
function SourceFacts({ source }: { source: HarvestSource }) {
  const { t } = useTranslation('harvest');
  const format = useFormat();
  return (
    <dl className="source-facts" data-testid="source-facts">
      <div>
        <dt>{t('sources.col.kind')}</dt>
        <dd>{t(`kind.${source.kind}`)}</dd>
      </div>
      <div>
        <dt>{t('register.url')}</dt>
        <dd className="url-text">
          <a href={source.url} rel="noopener noreferrer external">
            {source.url}
          </a>
        </dd>
      </div>
      <div>
        <dt>{t('sources.col.provider')}</dt>
        <dd>
          <Bi text={source.provider.name} />
        </dd>
      </div>
      <div>
        <dt>{t('sources.col.schedule')}</dt>
        <dd>{t(`schedule.${source.schedule}`)}</dd>
      </div>
      <div>
        <dt>{t('sources.col.nextRun')}</dt>
        <dd>{source.enabled && source.nextRunAt ? format.dateTime(source.nextRunAt) : t(source.enabled ? 'sources.manualOnly' : 'sources.paused')}</dd>
      </div>
      <div>
        <dt>{t('source.datasets')}</dt>
        <dd data-testid="dataset-count">
          <Link to={`/?origin=harvested`}>{t('source.datasetCount', { count: source.datasetCount })}</Link>
        </dd>
      </div>
    </dl>
  );
}

/** `/admin/harvest/:id`: one source — its facts, run now, schedule and switch, delete, and its runs. */
export default function HarvestSourcePage() {
  const { t } = useTranslation('harvest');
  const { id = '' } = useParams();
  const bi = useBi();
  const navigate = useNavigate();
  const location = useLocation();
  const { data, error, loading, reload } = useApi<HarvestSource>(`/harvest/sources/${encodeURIComponent(id)}`);
  const [source, setSource] = useState<HarvestSource | null>(null);
  const [runsVersion, setRunsVersion] = useState(0);
  const confirm = useConfirmStep();
  const [deleting, setDeleting] = useState(false);
  const [deleteProblem, setDeleteProblem] = useState<ApiError | null>(null);
  useEffect(() => setSource(data), [data]);
  useTitle(source ? bi(source.name) : t('source.title'));

  if (error) return <ProblemView error={error} />;
  if (loading && !source) return <Loading />;
  if (!source) return null;

  const remove = async () => {
    setDeleting(true);
    setDeleteProblem(null);
    try {
      await api(`/harvest/sources/${encodeURIComponent(source.id)}`, { method: 'DELETE' });
      navigate('/admin/harvest', { state: { deleted: bi(source.name) } });
    } catch (err) {
      setDeleteProblem(asApiError(err));
      setDeleting(false);
    }
  };

  return (
    <section className="harvest-page" data-testid="harvest-source" data-source-id={source.id}>
      <p className="breadcrumb">
        <Link to="/admin/harvest">{t('sources.title')}</Link>
      </p>
      <Bi as="h1" text={source.name} />
      {(location.state as { created?: boolean } | null)?.created && (
        <p className="success" role="status" data-testid="source-created">
          {t('source.created')}
        </p>
      )}
      <SourceFacts source={source} />
      <RunNowPanel
        sourceId={source.id}
        current={source.lastRun}
        onFinished={() => {
          reload();
          setRunsVersion((v) => v + 1);
        }}
      />
      <SourceSettings source={source} onSaved={setSource} />
      <SourceIdentityForm key={source.id} source={source} onSaved={setSource} />
      <RunHistory sourceId={source.id} version={runsVersion} />
      <section className="card danger-zone" aria-labelledby="delete-heading">
        <h2 id="delete-heading">{t('delete.heading')}</h2>
        <p>{t('delete.explain', { count: source.datasetCount })}</p>
        {confirm.open ? (
          <ConfirmBox title={t('delete.confirmTitle', { name: bi(source.name) })} confirmLabel={t('delete.confirm')} cancelLabel={t('delete.cancel')} onConfirm={() => void remove()} onCancel={confirm.cancel} busy={deleting} tone="danger" testId="delete-source-confirm">
            <p>{t('delete.confirmText', { count: source.datasetCount })}</p>
          </ConfirmBox>
        ) : (
          <button type="button" className="danger" ref={confirm.triggerRef} onClick={confirm.ask} data-testid="delete-source">
            {t('delete.button')}
          </button>
        )}
        <ProblemView error={deleteProblem} compact />
      </section>
    </section>
  );
}
