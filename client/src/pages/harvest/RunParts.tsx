// Small pieces every harvest page shows a run with: its status badge, its counts and its error in
// plain words (docs/harvesting-client.md "Run report").
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../lib/hooks';
import type { Run, RunCounts, RunStatus } from './types';

const TONE: Record<RunStatus, string> = { running: 'primary', succeeded: 'success', not_modified: '', failed: 'danger' };

/** The run's status as a coloured word (the colour is never the only signal). */
export function RunStatusBadge({ status }: { status: RunStatus }) {
  const { t } = useTranslation('harvest');
  return (
    <span className={`badge ${TONE[status]}`.trim()} data-testid="run-status" data-status={status}>
      {t(`runStatus.${status}`)}
    </span>
  );
}

export const COUNT_KEYS = ['fetched', 'created', 'updated', 'unchanged', 'withdrawn', 'skipped'] as const;

/** The six counts of a run as a term list, each with a one-line meaning. */
export function RunCountsList({ counts, explain = false }: { counts: RunCounts; explain?: boolean }) {
  const { t } = useTranslation('harvest');
  const format = useFormat();
  return (
    <dl className="run-counts" data-testid="run-counts">
      {COUNT_KEYS.map((k) => (
        <div key={k} data-testid={`count-${k}`}>
          <dt>{t(`counts.${k}`)}</dt>
          <dd>
            <strong>{format.number(counts[k])}</strong>
            {explain && <small className="muted">{t(`countsHelp.${k}`)}</small>}
          </dd>
        </div>
      ))}
    </dl>
  );
}

/** A short line of counts for tables: "12 fetched · 3 new · 1 skipped". */
export function useCountsLine() {
  const { t } = useTranslation('harvest');
  const format = useFormat();
  return (counts: RunCounts) =>
    t('countsLine', {
      fetched: format.number(counts.fetched),
      created: format.number(counts.created),
      updated: format.number(counts.updated),
      skipped: format.number(counts.skipped),
    });
}

/** Why a run failed, in plain words, with the server's own message and code kept for support. */
export function RunErrorExplained({ error }: { error: NonNullable<Run['error']> }) {
  const { t } = useTranslation('harvest');
  return (
    <div className="problem" data-testid="run-error" data-code={error.code}>
      <strong>{t(`runError.${error.code}`, { defaultValue: t('runError.unknown') })}</strong>
      <p>{error.message}</p>
      <p className="muted small">
        {t('report.errorCode')} <code>{error.code}</code>
      </p>
    </div>
  );
}
