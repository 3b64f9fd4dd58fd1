import { useTranslation } from 'react-i18next';
import { useStatsFormat } from './format';
import type { Breakdown, StatsRow } from './types';

/** One month × event row as the table reads it (a provider's or an overview row). */
export type MonthlyRow = Pick<StatsRow, 'month' | 'event' | 'total' | 'byCountry' | 'byOrgType'>;

/** One breakdown cell list: each value with its count, "<5" when suppressed, or a note when withheld. */
function BreakdownList({ breakdown, label, threshold }: { breakdown: Breakdown; label: (code: string) => string; threshold: number }) {
  const { t } = useTranslation('stats');
  const f = useStatsFormat();
  if (breakdown.withheld) {
    return (
      <span className="muted" title={t('cell.withheldLong', { threshold })}>
        {t('cell.withheld')}
        <span className="visually-hidden"> ({t('cell.withheldLong', { threshold })})</span>
      </span>
    );
  }
  return (
    <ul className="stats-cells">
      {breakdown.cells.map((c) => (
        <li key={c.value}>
          <span>{label(c.value)}</span>{' '}
          {c.suppressed || c.count === null ? (
            <span className="suppressed" title={t('cell.suppressedLong', { threshold })}>
              {t('cell.suppressed', { threshold })}
              <span className="visually-hidden"> ({t('cell.suppressedLong', { threshold })})</span>
            </span>
          ) : (
            <strong>{f.number(c.count)}</strong>
          )}
        </li>
      ))}
    </ul>
  );
}

/** The rows of one dataset or provider: month × event with its total and both breakdowns. */
export function MonthlyTable({ caption, rows, threshold }: { caption: string; rows: MonthlyRow[]; threshold: number }) {
  const { t } = useTranslation('stats');
  const f = useStatsFormat();
  // Focusable so that keyboard users can scroll a wide table (axe: scrollable-region-focusable).
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-label={caption}>
      <table className="stats-table stats-monthly" data-testid="stats-monthly">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('detail.month')}</th>
            <th scope="col">{t('detail.event')}</th>
            <th scope="col" className="num">
              {t('detail.total')}
            </th>
            <th scope="col">{t('detail.byCountry')}</th>
            <th scope="col">{t('detail.byOrgType')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={`${r.month}-${r.event}`}>
              <th scope="row">{f.month(r.month)}</th>
              <td>{f.event(r.event)}</td>
              <td className="num">{f.number(r.total)}</td>
              <td>
                <BreakdownList breakdown={r.byCountry} label={f.country} threshold={threshold} />
              </td>
              <td>
                <BreakdownList breakdown={r.byOrgType} label={f.orgType} threshold={threshold} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
