import { useTranslation } from 'react-i18next';
import { useFormat, useLang } from '../../lib/hooks';
import { BAR_APPROVED, BAR_REQUESTS, labelWidth, PLOT_STYLE } from './chart-style';
import { krName, usName, type DemandRow } from './model';
import { PlotFigure, type PlotModule } from './PlotFigure';

/** Requests from US organisations per area of one side (KR12 or US CET), approvals inside each bar. */
export function DemandChart({ rows, side }: { rows: DemandRow[]; side: 'kr' | 'us' }) {
  const { t } = useTranslation('observatory');
  const lang = useLang();
  const fmt = useFormat();
  const list = rows
    .filter((r) => r[side])
    .map((r) => ({ ...r, code: r[side]!, name: side === 'kr' ? krName(r[side]!, lang) : usName(r[side]!, lang) }));
  const shown = (n: number | null) => (n === null ? t('demand.suppressed') : fmt.number(n));
  const ranked = list.filter((r) => r.requests !== null).sort((a, b) => b.requests! - a.requests!);
  const summary = !list.length
    ? t('demand.summaryEmpty')
    : ranked.length
      ? t('demand.summary', { areas: fmt.number(list.length), area: ranked[0].name, count: fmt.number(ranked[0].requests) })
      : t('demand.summaryAllSuppressed', { areas: fmt.number(list.length) });
  const id = `demand-${side}`;
  const heading = side === 'kr' ? t('demand.krHeading') : t('demand.usHeading');

  const draw = (Plot: PlotModule) => {
    const label = (r: (typeof list)[number]) => t('demand.barLabel', { area: r.name, requests: shown(r.requests), approved: shown(r.approved) });
    return Plot.plot({
      width: 640,
      height: 40 + 30 * Math.max(1, list.length),
      marginLeft: Math.min(300, Math.max(80, ...list.map((r) => labelWidth(r.name))) + 12),
      marginRight: 96,
      style: PLOT_STYLE,
      ariaDescription: t('demand.legend'),
      x: { label: t('demand.requests'), grid: true, nice: true, tickFormat: (n: number) => (Number.isInteger(n) ? fmt.number(n) : '') },
      y: { domain: list.map((r) => r.name), label: null, tickSize: 0 },
      marks: [
        Plot.ruleX([0]),
        Plot.barX(list, { x: (r) => r.requests ?? 0, y: 'name', fill: BAR_REQUESTS, insetTop: 3, insetBottom: 3, title: label, ariaLabel: label }),
        Plot.barX(list, { x: (r) => r.approved ?? 0, y: 'name', fill: BAR_APPROVED, insetTop: 9, insetBottom: 9, ariaHidden: 'true' }),
        Plot.text(list, {
          x: (r) => r.requests ?? 0,
          y: 'name',
          text: (r) => `${shown(r.requests)} / ${shown(r.approved)}`,
          textAnchor: 'start',
          dx: 6,
          ariaHidden: 'true',
        }),
      ],
    });
  };

  const table = (
    <table className="obs-data">
      <caption>{side === 'kr' ? t('demand.tableCaptionKr') : t('demand.tableCaptionUs')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('demand.area')}</th>
          <th scope="col">{t('demand.requests')}</th>
          <th scope="col">{t('demand.approved')}</th>
        </tr>
      </thead>
      <tbody>
        {list.map((r) => (
          <tr key={r.code} data-area={r.code}>
            <th scope="row">{r.name}</th>
            <td data-requests="">{shown(r.requests)}</td>
            <td data-approved="">{shown(r.approved)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );

  return (
    <PlotFigure
      id={id}
      heading={heading}
      caption={`${t('demand.caption')} ${t('demand.legend')}`}
      summary={summary}
      draw={draw}
      drawKey={`${lang}|${JSON.stringify(list)}`}
      table={table}
      level={3}
    />
  );
}
