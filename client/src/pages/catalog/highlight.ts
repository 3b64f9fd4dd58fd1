// Search highlights arrive as [start, end) character ranges (JS string indices) into a field's
// text; the page turns them into plain and marked slices, so no markup ever comes from the server.

/** A slice of a field's text, marked when it matched the query. */
export interface Segment {
  text: string;
  mark: boolean;
}

/** Which fields of a result carry highlights, keyed like the API (`title.ko`, `summary.en`). */
export type Highlights = Partial<Record<string, [number, number][]>>;

/**
 * Cuts `text` into alternating plain and marked segments. Ranges may come unsorted, overlap or
 * touch (merged), or reach outside the text (clamped; empty ones ignored). A range ending inside a
 * surrogate pair is widened so no half character is ever shown.
 */
export function splitHighlights(text: string, ranges: readonly (readonly [number, number])[] | undefined): Segment[] {
  if (!text) return [];
  const len = text.length;
  const clean = (ranges ?? [])
    .filter((r) => Array.isArray(r) && Number.isFinite(r[0]) && Number.isFinite(r[1]))
    .map(([a, b]) => [Math.max(0, Math.min(len, Math.floor(a))), Math.max(0, Math.min(len, Math.ceil(b)))] as [number, number])
    .map(([a, b]) => [widenStart(text, a), widenEnd(text, b)] as [number, number])
    .filter(([a, b]) => b > a)
    .sort((x, y) => x[0] - y[0] || x[1] - y[1]);
  const merged: [number, number][] = [];
  for (const r of clean) {
    const last = merged[merged.length - 1];
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else merged.push([r[0], r[1]]);
  }
  const out: Segment[] = [];
  let at = 0;
  for (const [a, b] of merged) {
    if (a > at) out.push({ text: text.slice(at, a), mark: false });
    out.push({ text: text.slice(a, b), mark: true });
    at = b;
  }
  if (at < len) out.push({ text: text.slice(at), mark: false });
  return out;
}

const isLow = (code: number) => code >= 0xdc00 && code <= 0xdfff;

function widenStart(text: string, i: number): number {
  return i > 0 && i < text.length && isLow(text.charCodeAt(i)) ? i - 1 : i;
}

function widenEnd(text: string, i: number): number {
  return i > 0 && i < text.length && isLow(text.charCodeAt(i)) ? i + 1 : i;
}
