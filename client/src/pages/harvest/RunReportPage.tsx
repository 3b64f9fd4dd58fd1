import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { Bi } from '../../components/Bi';
import { useTitle } from '../../components/Layout';
import { Loading, ProblemView } from '../../components/Status';
import { useApi, useFormat } from '../../lib/hooks';
import { RunCountsList, RunErrorExplained, RunStatusBadge } from './RunParts';
import { SkippedTable } from './SkippedTable';
import { isRunning, type HarvestSource, type Run } from './types';
import './harvest.css';

/** A report that is still being written is read again this often. */
const REFRESH_MS = 2000;

/** `/admin/harvest/runs/:id`: what one run did — status, times, counts, the records it skipped and why, and its error in plain words. */
export default function RunReportPage() {
  const { t } = useTranslation('harvest');
  const { id = '' } = useParams();
  const format = useFormat();
  const { data: run, error, loading, reload } = useApi<Run>(`/harvest/runs/${encodeURIComponent(id)}`);
  const source = useApi<HarvestSource>(run ? `/harvest/sources/${encodeURIComponent(run.sourceId)}` : null);
  useTitle(t('report.title'));
  const running = isRunning(run);
  useEffect(() => {
    if (!running) return;
    const timer = setTimeout(reload, REFRESH_MS);
    return () => clearTimeout(timer);
  }, [running, run, reload]);

  if (error) return <ProblemView error={error} />;
  if (loading && !run) return <Loading />;
  if (!run) return null;

  return (
    <section className="harvest-page" data-testid="run-report" data-run-id={run.id}>
      <p className="breadcrumb">
        <Link to="/admin/harvest">{t('sources.title')}</Link>
        {' › '}
        <Link to={`/admin/harvest/${encodeURIComponent(run.sourceId)}`}>{source.data ? <Bi text={source.data.name} /> : t('source.title')}</Link>
      </p>
      <h1>{t('report.title')}</h1>
      <div aria-live="polite">
        <dl className="source-facts">
          <div>
            <dt>{t('history.col.status')}</dt>
            <dd>
              <RunStatusBadge status={run.status} />
              <small className="muted status-help"> {t(`runStatusHelp.${run.status}`)}</small>
            </dd>
          </div>
          <div>
            <dt>{t('history.col.trigger')}</dt>
            <dd>{t(`trigger.${run.trigger}`)}</dd>
          </div>
          <div>
            <dt>{t('report.started')}</dt>
            <dd>
              <time dateTime={run.startedAt}>{format.dateTime(run.startedAt)}</time>
            </dd>
          </div>
          <div>
            <dt>{t('report.finished')}</dt>
            <dd>{run.finishedAt ? <time dateTime={run.finishedAt}>{format.dateTime(run.finishedAt)}</time> : t('report.notFinished')}</dd>
          </div>
        </dl>
        {run.error && <RunErrorExplained error={run.error} />}
        <section aria-labelledby="counts-heading">
          <h2 id="counts-heading">{t('report.countsHeading')}</h2>
          <RunCountsList counts={run.counts} explain />
        </section>
      </div>
      <SkippedTable run={run} />
    </section>
  );
}
