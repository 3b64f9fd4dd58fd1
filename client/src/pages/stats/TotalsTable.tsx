import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useStatsFormat } from './format';
import { USAGE_EVENTS, type ProviderStats } from './types';

type Totals = ProviderStats['datasets'][number]['totals'];

/** Totals per dataset or per provider over the range: one row each, one column per event. */
export function TotalsTable({
  caption,
  subject,
  rows,
}: {
  caption: string;
  subject: string;
  rows: Array<{ id: string; name: ReactNode; totals: Totals }>;
}) {
  const { t } = useTranslation('stats');
  const f = useStatsFormat();
  // Focusable so that keyboard users can scroll a wide table (axe: scrollable-region-focusable).
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-label={caption}>
      <table className="stats-table" data-testid="stats-totals">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{subject}</th>
            {USAGE_EVENTS.map((e) => (
              <th key={e} scope="col" className="num">
                {t(`events.${e}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id}>
              <th scope="row">{r.name}</th>
              {USAGE_EVENTS.map((e) => (
                <td key={e} className="num">
                  {f.number(r.totals[e])}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
