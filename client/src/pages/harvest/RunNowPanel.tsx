import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ProblemView } from '../../components/Status';
import { useFormat } from '../../lib/hooks';
import { RunCountsList, RunErrorExplained, RunStatusBadge } from './RunParts';
import type { RunSummary } from './types';
import { useRunNow } from './useRunNow';

/**
 * The "Run now" button and what the run is doing: progress while it runs and its outcome when it
 * ends, both in a polite live region so screen readers hear them without losing their place.
 */
export function RunNowPanel({ sourceId, current, onFinished }: { sourceId: string; current: RunSummary | null; onFinished: () => void }) {
  const { t } = useTranslation('harvest');
  const format = useFormat();
  const { run, problem, running, start } = useRunNow(sourceId, current, onFinished);
  return (
    <section className="card run-now" aria-labelledby="run-now-heading" data-testid="run-now-panel">
      <h2 id="run-now-heading">{t('runNow.heading')}</h2>
      <p className="hint">{t('runNow.intro')}</p>
      <button type="button" className="primary" disabled={running} onClick={() => void start()} data-testid="run-now">
        {running ? t('runNow.running') : t('runNow.button')}
      </button>
      <div aria-live="polite" role="status" data-testid="run-progress">
        {run && running && (
          <p>
            <span className="spinner" aria-hidden="true" /> {t('runNow.progress', { fetched: format.number(run.counts.fetched), created: format.number(run.counts.created), updated: format.number(run.counts.updated) })}
          </p>
        )}
        {run && !running && (
          <div className="run-outcome" data-testid="run-outcome">
            <p>
              {t('runNow.finished')} <RunStatusBadge status={run.status} />
            </p>
            <RunCountsList counts={run.counts} />
            {run.error && <RunErrorExplained error={run.error} />}
            <p>
              <Link to={`/admin/harvest/runs/${encodeURIComponent(run.id)}`} data-testid="run-report-link">
                {t('runNow.openReport')}
              </Link>
            </p>
          </div>
        )}
      </div>
      <ProblemView error={problem} compact />
    </section>
  );
}
