// Publishing one breakdown row (docs/statistics.md "Privacy"): the cells of a row (one dataset,
// month and event, split by requester country or by organisation type) add up to the row's total,
// which is published. Small cells are suppressed through `suppress()`; then more cells are
// suppressed until no suppressed cell can be worked out from the total and the cells shown.
import { SUPPRESSION_THRESHOLD, suppress } from './suppression';

/** One published cell: its value (a country code or organisation type) and its count or null when suppressed. */
export interface PublishedCell {
  value: string;
  count: number | null;
  suppressed: boolean;
}

/** A published breakdown: its cells, or `withheld` when no safe partition exists (then no cell is listed). */
export interface PublishedBreakdown {
  cells: PublishedCell[];
  withheld: boolean;
}

/**
 * Suppresses the small cells of a row and, when needed, complementary ones (smallest first) until
 * the suppressed cells number at least two and add up to at least the threshold and to more than
 * their number (a sum equal to the number of cells would show each is 1). When even suppressing
 * every cell does not reach that, the whole breakdown is withheld.
 */
export function publishBreakdown(counts: ReadonlyMap<string, number>, threshold = SUPPRESSION_THRESHOLD): PublishedBreakdown {
  const cells = [...counts.entries()].filter(([, n]) => n > 0).sort((a, b) => a[1] - b[1] || a[0].localeCompare(b[0]));
  const hidden = new Set(cells.filter(([, n]) => suppress(n, threshold).suppressed).map(([v]) => v));
  if (hidden.size === 0) return { cells: cells.map(([value, count]) => ({ value, count, suppressed: false })), withheld: false };
  const safe = () => {
    const sum = cells.filter(([v]) => hidden.has(v)).reduce((s, [, n]) => s + n, 0);
    return hidden.size >= 2 && sum >= threshold && sum > hidden.size;
  };
  for (const [value] of cells) {
    if (safe()) break;
    hidden.add(value);
  }
  if (!safe()) return { cells: [], withheld: true };
  return {
    cells: cells
      .map(([value, count]) => (hidden.has(value) ? { value, count: null, suppressed: true } : { value, count, suppressed: false }))
      .sort((a, b) => a.value.localeCompare(b.value)),
    withheld: false,
  };
}
