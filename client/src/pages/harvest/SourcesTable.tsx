import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Bi } from '../../components/Bi';
import { useFormat } from '../../lib/hooks';
import { RunStatusBadge, useCountsLine } from './RunParts';
import type { HarvestSource } from './types';

/** The registered sources, one row each, with their last run and the next one. */
export function SourcesTable({ sources }: { sources: HarvestSource[] }) {
  const { t } = useTranslation('harvest');
  const format = useFormat();
  const countsLine = useCountsLine();
  return (
    <div className="table-scroll" role="region" aria-labelledby="sources-caption" tabIndex={0}>
      <table className="harvest-table" data-testid="sources-table">
        <caption id="sources-caption">{t('sources.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('sources.col.name')}</th>
            <th scope="col">{t('sources.col.kind')}</th>
            <th scope="col">{t('sources.col.provider')}</th>
            <th scope="col">{t('sources.col.schedule')}</th>
            <th scope="col">{t('sources.col.lastRun')}</th>
            <th scope="col">{t('sources.col.nextRun')}</th>
          </tr>
        </thead>
        <tbody>
          {sources.map((s) => (
            <tr key={s.id} data-testid="source-row" data-source-id={s.id}>
              <th scope="row">
                <Link to={`/admin/harvest/${encodeURIComponent(s.id)}`}>
                  <Bi text={s.name} />
                </Link>
                <br />
                <small className="url-text">{s.url}</small>
              </th>
              <td>{t(`kind.${s.kind}`)}</td>
              <td>
                <Bi text={s.provider.name} />
              </td>
              <td>
                {t(`schedule.${s.schedule}`)}
                {!s.enabled && (
                  <>
                    {' '}
                    <span className="badge warning">{t('sources.disabled')}</span>
                  </>
                )}
              </td>
              <td>
                {s.lastRun ? (
                  <>
                    <RunStatusBadge status={s.lastRun.status} />{' '}
                    <Link to={`/admin/harvest/runs/${encodeURIComponent(s.lastRun.id)}`}>
                      <time dateTime={s.lastRun.startedAt}>{format.dateTime(s.lastRun.startedAt)}</time>
                    </Link>
                    <br />
                    <small>{countsLine(s.lastRun.counts)}</small>
                  </>
                ) : (
                  <span className="muted">{t('sources.neverRun')}</span>
                )}
              </td>
              <td>{s.enabled && s.nextRunAt ? <time dateTime={s.nextRunAt}>{format.dateTime(s.nextRunAt)}</time> : <span className="muted">{t(s.enabled ? 'sources.manualOnly' : 'sources.paused')}</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
