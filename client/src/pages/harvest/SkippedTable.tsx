import { useTranslation } from 'react-i18next';
import { useFormat } from '../../lib/hooks';
import type { Run } from './types';

/** The records a run left out, each with its original identifier and the reason in plain words. */
export function SkippedTable({ run }: { run: Run }) {
  const { t } = useTranslation('harvest');
  const format = useFormat();
  const total = run.skippedTotal ?? run.counts.skipped;
  return (
    <section aria-labelledby="skipped-heading" data-testid="skipped">
      <h2 id="skipped-heading">{t('report.skippedHeading')}</h2>
      {run.skipped.length === 0 ? (
        <p className="muted">{t('report.noneSkipped')}</p>
      ) : (
        <>
          {total > run.skipped.length && <p className="notice">{t('report.skippedCut', { shown: format.number(run.skipped.length), total: format.number(total) })}</p>}
          <div className="table-scroll" role="region" aria-labelledby="skipped-caption" tabIndex={0}>
            <table className="harvest-table">
              <caption id="skipped-caption">{t('report.skippedCaption', { count: total })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('report.col.originalId')}</th>
                  <th scope="col">{t('report.col.reason')}</th>
                </tr>
              </thead>
              <tbody>
                {run.skipped.map((s, i) => (
                  <tr key={`${s.originalId ?? ''}-${i}`} data-testid="skipped-row" data-code={s.code}>
                    <th scope="row" className="url-text">
                      {s.originalId ?? <span className="muted">{t('report.noId')}</span>}
                    </th>
                    <td>
                      <strong>{t(`skipReason.${s.code}`, { defaultValue: t('skipReason.other') })}</strong>
                      <br />
                      <small>{s.message}</small>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}
