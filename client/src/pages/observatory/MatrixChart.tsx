import { useTranslation } from 'react-i18next';
import { useFormat, useLang } from '../../lib/hooks';
import { cellColour, labelWidth, numberColour, PLOT_STYLE } from './chart-style';
import { krName, usName, type Observatory } from './model';
import { PlotFigure, type PlotModule } from './PlotFigure';

const CELL_W = 52;
/** Row height; the sticky row names (observatory.css .obs-row-labels li) use the same. */
const CELL_H = 30;
const MARGIN_LEFT = 4;

/** Room above the grid for the column names turned 45° (each reaches 0.71 × its width upwards). */
function topMargin(reach: number[]): number {
  return Math.ceil(Math.max(...reach)) + 16;
}

/** The KR12 × US CET heatmap: Korean areas as columns, US areas as rows, the count in each cell. */
export function MatrixChart({ matrix }: { matrix: Observatory['matrix'] }) {
  const { t } = useTranslation('observatory');
  const lang = useLang();
  const fmt = useFormat();
  const count = new Map(matrix.cells.map((c) => [`${c.kr} ${c.us}`, c.count]));
  const countOf = (kr: string, us: string) => count.get(`${kr} ${us}`) ?? 0;
  const max = Math.max(1, ...matrix.cells.map((c) => c.count));
  const grid = matrix.us.flatMap((us) => matrix.kr.map((kr) => ({ kr, us, count: countOf(kr, us) })));
  const filled = grid.filter((c) => c.count > 0);
  const top = [...matrix.cells].sort((a, b) => b.count - a.count)[0];
  const sum = (list: Array<{ count: number }>) => list.reduce((n, r) => n + r.count, 0);

  const summary = top
    ? t('matrix.summary', {
        datasets: fmt.number(matrix.cells.length),
        kr: krName(top.kr, lang),
        us: usName(top.us, lang),
        count: fmt.number(top.count),
        krOnly: fmt.number(sum(matrix.krOnly)),
        usOnly: fmt.number(sum(matrix.usOnly)),
        unmapped: fmt.number(matrix.unmapped),
      })
    : t('matrix.summaryEmpty');

  const reach = matrix.kr.map((c) => labelWidth(krName(c, lang)) * 0.71);

  const draw = (Plot: PlotModule) => {
    const cellName = (d: { kr: string; us: string; count: number }) =>
      t('matrix.cellLabel', { kr: krName(d.kr, lang), us: usName(d.us, lang), count: fmt.number(d.count) });
    const fill = (d: { count: number }) => cellColour(0.12 + (0.88 * d.count) / max);
    // Column names are turned 45°: each reaches as far to the right as it reaches up.
    const marginTop = topMargin(reach);
    const marginRight = Math.max(16, ...reach.map((r, i) => Math.ceil(r - (matrix.kr.length - i - 0.5) * CELL_W) + 8));
    return Plot.plot({
      width: MARGIN_LEFT + CELL_W * matrix.kr.length + marginRight,
      height: marginTop + CELL_H * matrix.us.length + 8,
      marginLeft: MARGIN_LEFT,
      marginTop,
      marginRight,
      marginBottom: 8,
      style: PLOT_STYLE,
      ariaDescription: t('matrix.legend'),
      x: { domain: matrix.kr, padding: 0, axis: 'top', tickFormat: (c: string) => krName(c, lang), tickRotate: -45, label: null, tickSize: 0 },
      // Row names are HTML beside the SVG (rowLabels), so they stay in view while the grid scrolls.
      y: { domain: matrix.us, axis: null, padding: 0 },
      marks: [
        Plot.cell(grid, { x: 'kr', y: 'us', fill: '#f4f5f6', inset: 1, ariaHidden: 'true' }),
        Plot.cell(filled, {
          x: 'kr',
          y: 'us',
          fill,
          inset: 1,
          title: cellName,
          ariaLabel: cellName,
          ariaDescription: t('matrix.ariaLabel'),
        }),
        Plot.text(filled, { x: 'kr', y: 'us', text: (d) => fmt.number(d.count), fill: (d) => numberColour(fill(d)), fontWeight: 600, ariaHidden: 'true' }),
      ],
    });
  };

  const rowLabels = (
    // The SVG (role img) and the table name every row for assistive technology; these are for eyes.
    <ol className="obs-row-labels" aria-hidden="true" style={{ paddingTop: topMargin(reach) }}>
      {matrix.us.map((us) => (
        <li key={us} title={usName(us, lang)}>
          {usName(us, lang)}
        </li>
      ))}
    </ol>
  );

  const table = (
    <>
      <table className="obs-data">
        <caption>{t('matrix.tableCaption')}</caption>
        <thead>
          <tr>
            <td>{t('matrix.corner')}</td>
            {matrix.kr.map((kr) => (
              <th key={kr} scope="col">
                {krName(kr, lang)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {matrix.us.map((us) => (
            <tr key={us}>
              <th scope="row">{usName(us, lang)}</th>
              {matrix.kr.map((kr) => (
                <td key={kr} data-kr={kr} data-us={us}>
                  {fmt.number(countOf(kr, us))}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <table className="obs-data">
        <caption>{t('matrix.unpaired')}</caption>
        <tbody>
          {matrix.krOnly.map((r) => (
            <tr key={`kr-${r.kr}`}>
              <th scope="row">
                {t('matrix.krOnly')}: {krName(r.kr, lang)}
              </th>
              <td data-kr-only={r.kr}>{fmt.number(r.count)}</td>
            </tr>
          ))}
          {matrix.usOnly.map((r) => (
            <tr key={`us-${r.us}`}>
              <th scope="row">
                {t('matrix.usOnly')}: {usName(r.us, lang)}
              </th>
              <td data-us-only={r.us}>{fmt.number(r.count)}</td>
            </tr>
          ))}
          <tr>
            <th scope="row">{t('matrix.unmapped')}</th>
            <td data-unmapped="">{fmt.number(matrix.unmapped)}</td>
          </tr>
        </tbody>
      </table>
    </>
  );

  return (
    <PlotFigure
      id="matrix"
      heading={t('matrix.heading')}
      caption={`${t('matrix.caption')} ${t('matrix.legend')}`}
      summary={summary}
      draw={draw}
      drawKey={`${lang}|${JSON.stringify(matrix.cells)}`}
      table={table}
      scrollLabel={t('matrix.scrollLabel')}
      stickyStart={rowLabels}
    />
  );
}
