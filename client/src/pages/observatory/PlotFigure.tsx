import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** The charting library's module (Observable Plot: SVG marks with ARIA attributes; docs/observatory.md). */
export type PlotModule = typeof import('@observablehq/plot');

let plotModule: Promise<PlotModule> | null = null;

/** Loads Observable Plot once, when the first chart mounts, so it never enters the catalogue's bundle. */
export function loadPlot(): Promise<PlotModule> {
  plotModule ??= import('@observablehq/plot');
  return plotModule;
}

interface Props {
  /** Stable id: the figure's test id and the base of its element ids. */
  id: string;
  heading: string;
  caption: string;
  /** What the chart shows, in one or two sentences: the SVG's accessible description. */
  summary: string;
  /** Draws the chart; called again whenever `drawKey` changes (data or language). */
  draw: (Plot: PlotModule) => SVGSVGElement | HTMLElement;
  drawKey: string;
  /** The same figures as a real table (inside "Show data as table"). */
  table: ReactNode;
  /** Shown between the chart and its summary (an HTML legend). */
  legend?: ReactNode;
  /** Heading level of the figure's title (2 on its own, 3 inside a section). */
  level?: 2 | 3;
  /** Inside the scroller, before the chart: labels that stay in view while it scrolls (position: sticky). */
  stickyStart?: ReactNode;
  /** Wide charts scroll sideways inside the figure, with a keyboard-focusable scroller. */
  scrollLabel?: string;
}

/**
 * One observatory chart: a `<figure>` with its caption, the SVG drawn by Plot (role img, named by
 * the heading and described by the summary), a text summary and the data as a table.
 */
export function PlotFigure({ id, heading, caption, summary, draw, drawKey, table, legend, scrollLabel, stickyStart, level = 2 }: Props) {
  const { t } = useTranslation('observatory');
  const host = useRef<HTMLDivElement>(null);
  const [state, setState] = useState<'loading' | 'drawn' | 'failed'>('loading');
  const drawRef = useRef(draw);
  drawRef.current = draw;

  useEffect(() => {
    let live = true;
    setState('loading');
    loadPlot()
      .then((Plot) => {
        if (!live || !host.current) return;
        const chart = drawRef.current(Plot);
        const svg = chart instanceof SVGSVGElement ? chart : chart.querySelector('svg');
        if (svg) {
          svg.setAttribute('role', 'img');
          svg.setAttribute('aria-label', heading);
          svg.setAttribute('aria-describedby', `${id}-summary`);
          // Plot names marks (g) and data points with aria-label; ARIA allows a name only with a
          // role, so they get the graphics roles (a mark is an object, a data point a symbol).
          for (const el of svg.querySelectorAll('[aria-label]')) el.setAttribute('role', el.tagName.toLowerCase() === 'g' ? 'graphics-object' : 'graphics-symbol');
        }
        host.current.replaceChildren(chart);
        setState('drawn');
      })
      .catch(() => live && setState('failed'));
    return () => {
      live = false;
    };
    // drawKey stands for the data and the language the drawing depends on (draw is a new function each render).
  }, [drawKey, heading, id]);

  const Heading = level === 2 ? 'h2' : 'h3';
  const plot = <div ref={host} className="obs-plot" data-state={state} />;
  return (
    <figure className="obs-figure" aria-labelledby={`${id}-heading`} data-testid={`chart-${id}`}>
      <figcaption>
        <Heading id={`${id}-heading`}>{heading}</Heading>
        <p className="muted small">{caption}</p>
      </figcaption>
      {state === 'loading' && <p className="muted small">{t('loadingChart')}</p>}
      {state === 'failed' && (
        <p className="muted small" role="status">
          {t('chartFailed')}
        </p>
      )}
      {scrollLabel ? (
        <div className="obs-scroll" tabIndex={0} role="region" aria-label={scrollLabel}>
          <div className="obs-scroll-row">
            {stickyStart}
            {plot}
          </div>
        </div>
      ) : (
        plot
      )}
      {legend}
      <p id={`${id}-summary`} className="obs-summary">
        {summary}
      </p>
      <details className="obs-table">
        <summary>{t('showTable')}</summary>
        <div className="obs-table-scroll" tabIndex={0} role="region" aria-label={heading}>
          {table}
        </div>
      </details>
    </figure>
  );
}
