import { useTranslation } from 'react-i18next';
import { useFormat, useLang } from '../../lib/hooks';
import { BAR_APPROVED, BAR_REQUESTS, PLOT_STYLE } from './chart-style';
import type { Observatory } from './model';
import { PlotFigure, type PlotModule } from './PlotFigure';

/** One bar split into datasets registered here and harvested ones, each part labelled with its number and share. */
export function OriginChart({ origins }: { origins: Observatory['origins'] }) {
  const { t } = useTranslation('observatory');
  const lang = useLang();
  const fmt = useFormat();
  const total = origins.local + origins.harvested;
  const share = (n: number) => fmt.number(total ? n / total : 0, { style: 'percent', maximumFractionDigits: 1 });
  const parts = [
    { kind: 'local' as const, count: origins.local, fill: BAR_APPROVED, ink: '#ffffff' },
    { kind: 'harvested' as const, count: origins.harvested, fill: BAR_REQUESTS, ink: '#1d1d1d' },
  ];
  const name = (kind: 'local' | 'harvested') => t(`origin.${kind}`);
  const summary = t('origins.summary', {
    local: fmt.number(origins.local),
    harvested: fmt.number(origins.harvested),
    localShare: share(origins.local),
    harvestedShare: share(origins.harvested),
  });

  const draw = (Plot: PlotModule) => {
    const label = (p: (typeof parts)[number]) => `${name(p.kind)}: ${fmt.number(p.count)} (${share(p.count)})`;
    const drawn = parts.filter((p) => p.count > 0);
    return Plot.plot({
      width: 640,
      height: 90,
      marginLeft: 8,
      marginRight: 8,
      style: PLOT_STYLE,
      ariaDescription: summary,
      x: { domain: [0, Math.max(1, total)], axis: null },
      y: { axis: null },
      marks: [
        Plot.barX(drawn, Plot.stackX({ x: 'count', fill: (p) => p.fill, title: label, ariaLabel: label })),
        // Inside the bar only where the label fits; the legend below names every part.
        Plot.text(drawn, Plot.stackX({ x: 'count', text: (p) => (p.count / total >= 0.25 ? label(p) : ''), fill: (p) => p.ink, fontWeight: 600, ariaHidden: 'true' })),
      ],
    });
  };

  const table = (
    <table className="obs-data">
      <caption>{t('origins.tableCaption')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('origins.kind')}</th>
          <th scope="col">{t('origins.count')}</th>
          <th scope="col">{t('origins.share')}</th>
        </tr>
      </thead>
      <tbody>
        {parts.map((p) => (
          <tr key={p.kind}>
            <th scope="row">{name(p.kind)}</th>
            <td data-origin={p.kind}>{fmt.number(p.count)}</td>
            <td>{share(p.count)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );

  return (
    <PlotFigure
      id="origins"
      heading={t('origins.heading')}
      caption={t('origins.caption')}
      summary={summary}
      draw={draw}
      drawKey={`${lang}|${origins.local}|${origins.harvested}`}
      table={table}
      legend={
        <ul className="obs-legend">
          {parts.map((p) => (
            <li key={p.kind}>
              <svg width="14" height="14" aria-hidden="true">
                <rect width="14" height="14" fill={p.fill} />
              </svg>
              {name(p.kind)}: {fmt.number(p.count)} ({share(p.count)})
            </li>
          ))}
        </ul>
      }
    />
  );
}
