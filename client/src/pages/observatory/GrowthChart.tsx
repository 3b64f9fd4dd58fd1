import { useTranslation } from 'react-i18next';
import { localeOf } from '../../lib/format';
import { useFormat, useLang } from '../../lib/hooks';
import { LINE_COLOURS, LINE_DASHES, PLOT_STYLE } from './chart-style';
import { growthLines, krName, periodName, type GrowthRow } from './model';
import { PlotFigure, type PlotModule } from './PlotFigure';

/** Areas drawn as their own line; the rest are summed as "other areas". */
const TOP = 5;

/** Cumulative datasets over time per KR area (the largest areas, then the rest together). */
export function GrowthChart({ growth }: { growth: GrowthRow[] }) {
  const { t } = useTranslation('observatory');
  const lang = useLang();
  const fmt = useFormat();
  const lines = growthLines(growth, TOP);
  const nameOf = (key: string) => (key === 'other' ? t('growth.other') : key === 'none' ? t('growth.none') : krName(key, lang));
  const periods = lines[0]?.points.map((p) => p.period) ?? [];
  const monthly = periods[0]?.length === 7;

  const summary = periods.length
    ? t('growth.summary', {
        first: periodName(periods[0], lang),
        last: periodName(periods.at(-1)!, lang),
        series: lines.map((l) => t('growth.seriesItem', { area: nameOf(l.key), count: fmt.number(l.points.at(-1)?.cumulative ?? 0) })).join(', '),
      })
    : t('growth.summaryEmpty');

  const draw = (Plot: PlotModule) => {
    const tick = new Intl.DateTimeFormat(localeOf(lang), { year: 'numeric', month: monthly ? 'short' : undefined, timeZone: 'UTC' });
    return Plot.plot({
      width: 720,
      height: 320,
      marginLeft: 48,
      marginRight: 24,
      marginBottom: 40,
      style: PLOT_STYLE,
      ariaDescription: t('growth.caption', { top: TOP }),
      x: { type: 'utc', label: t('growth.x'), tickFormat: (d: Date) => tick.format(d), ticks: 6 },
      y: { label: t('growth.y'), grid: true, nice: true, zero: true, tickFormat: (n: number) => (Number.isInteger(n) ? fmt.number(n) : '') },
      marks: [
        Plot.ruleY([0]),
        ...lines.flatMap((line, i) => {
          const label = (p: { period: string; cumulative: number }) => `${nameOf(line.key)} · ${periodName(p.period, lang)}: ${fmt.number(p.cumulative)}`;
          return [
            Plot.line(line.points, {
              x: 'date',
              y: 'cumulative',
              stroke: LINE_COLOURS[i % LINE_COLOURS.length],
              strokeWidth: 2.5,
              strokeDasharray: LINE_DASHES[i % LINE_DASHES.length],
              // A channel: a function (a string would name a field of the data).
              ariaLabel: () => nameOf(line.key),
              ariaDescription: t('growth.y'),
            }),
            Plot.dot(line.points, { x: 'date', y: 'cumulative', r: 2.5, fill: LINE_COLOURS[i % LINE_COLOURS.length], title: label, ariaLabel: label }),
          ];
        }),
      ],
    });
  };

  const legend = (
    <ul className="obs-legend" aria-label={t('growth.legend')}>
      {lines.map((line, i) => (
        <li key={line.key}>
          <svg width="36" height="10" aria-hidden="true">
            <line x1="0" y1="5" x2="36" y2="5" stroke={LINE_COLOURS[i % LINE_COLOURS.length]} strokeWidth="3" strokeDasharray={LINE_DASHES[i % LINE_DASHES.length]} />
          </svg>
          {nameOf(line.key)}
        </li>
      ))}
    </ul>
  );

  const table = (
    <table className="obs-data">
      <caption>{t('growth.tableCaption')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('growth.period')}</th>
          {lines.map((l) => (
            <th key={l.key} scope="col">
              {nameOf(l.key)}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {periods.map((period, row) => (
          <tr key={period}>
            <th scope="row">{periodName(period, lang)}</th>
            {lines.map((l) => (
              <td key={l.key} data-series={l.key} data-period={period}>
                {fmt.number(l.points[row].cumulative)} ({fmt.number(l.points[row].count)})
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );

  return (
    <PlotFigure
      id="growth"
      heading={t('growth.heading')}
      caption={t('growth.caption', { top: TOP })}
      summary={summary}
      draw={draw}
      drawKey={`${lang}|${JSON.stringify(growth)}`}
      table={table}
      legend={legend}
    />
  );
}
