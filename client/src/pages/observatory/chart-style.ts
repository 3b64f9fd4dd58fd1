// Shared look of the observatory's charts: text in the page's font and colour (so it follows the
// theme), and a palette that stays apart for common colour-vision deficiencies (Okabe–Ito).
// Colour is never the only cue: cells carry numbers, lines carry dash patterns and a legend.

/** Plot's `style` option for every chart. */
export const PLOT_STYLE = { fontFamily: 'inherit', fontSize: '13px', color: 'currentColor', background: 'transparent', overflow: 'visible' } as const;

/** Line colours, in order (Okabe–Ito, the yellow left out for contrast on white). */
export const LINE_COLOURS = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#56B4E9', '#E69F00', '#000000'];
/** Dash patterns, in the same order, so lines differ without colour. */
export const LINE_DASHES = ['none', '8 4', '2 3', '10 3 2 3', '4 4', '1 5', '14 4'];

const LIGHT = [227, 236, 253];
const DARK = [8, 56, 145];

/** The matrix's sequential scale, computed here (not by Plot) so each number's colour can be chosen against it. */
export function cellColour(share: number): string {
  const s = Math.max(0, Math.min(1, share));
  const c = LIGHT.map((l, i) => Math.round(l + (DARK[i] - l) * s));
  return `rgb(${c[0]}, ${c[1]}, ${c[2]})`;
}

function luminance(rgb: string): number {
  const [r, g, b] = (rgb.match(/\d+/g) ?? ['0', '0', '0']).map((v) => {
    const c = Number(v) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** Ink or white, whichever contrasts more with the cell's colour (WCAG contrast ratio). */
export function numberColour(fill: string): string {
  const l = luminance(fill);
  return (l + 0.05) / (0.0123 + 0.05) >= 1.05 / (l + 0.05) ? '#1d1d1d' : '#ffffff';
}

/** Bars: requests (light) and approvals (dark). */
export const BAR_REQUESTS = '#9bbaf3';
export const BAR_APPROVED = '#083891';

/** Rough width of a label in pixels (Hangul is about twice as wide as Latin letters at 13 px). */
export function labelWidth(text: string): number {
  let w = 0;
  // Hangul and the CJK middle dot are full width; Latin letters average a little over half.
  for (const ch of text) w += /[\u3131-\ud7a3\u00b7]/.test(ch) ? 13.5 : 7.5;
  return w;
}
