import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { publishBreakdown } from '../../../server/stats/breakdown';
import { SUPPRESSION_THRESHOLD, suppress } from '../../../server/stats/suppression';

const cells = (o: Record<string, number>) => new Map(Object.entries(o));
const shown = (o: Record<string, number>) =>
  Object.fromEntries(publishBreakdown(cells(o)).cells.map((c) => [c.value, c.suppressed ? null : c.count]));

describe('suppress', () => {
  it('hides 1–4, shows 0 and 5 or more', () => {
    expect([0, 1, 4, 5, 12].map((n) => suppress(n).suppressed)).toEqual([false, true, true, false, false]);
    expect(SUPPRESSION_THRESHOLD).toBe(5);
  });
});

describe('publishBreakdown', () => {
  it('shows every cell when none is small', () => {
    expect(shown({ US: 5, KR: 9 })).toEqual({ US: 5, KR: 9 });
  });

  it('a single small cell takes the next smallest with it, so the row total does not give it away', () => {
    expect(shown({ US: 10, KR: 6, JP: 2 })).toEqual({ US: 10, KR: null, JP: null });
  });

  it('small cells adding up to less than the threshold take more cells with them', () => {
    expect(shown({ US: 30, KR: 7, JP: 1, DE: 1 })).toEqual({ US: 30, KR: null, JP: null, DE: null });
  });

  it('two small cells adding up to the threshold suffice', () => {
    expect(shown({ US: 30, JP: 2, DE: 3 })).toEqual({ US: 30, JP: null, DE: null });
  });

  it('withholds the breakdown when even hiding everything would show a cell (one cell, or a total below the threshold)', () => {
    expect(publishBreakdown(cells({ US: 3 }))).toEqual({ cells: [], withheld: true });
    expect(publishBreakdown(cells({ US: 2, KR: 1 }))).toEqual({ cells: [], withheld: true });
  });

  it('leaves out empty cells', () => {
    expect(shown({ US: 7, KR: 0 })).toEqual({ US: 7 });
  });

  it('property: no suppressed cell can be worked out from the total and the shown cells', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom('US', 'KR', 'JP', 'DE', 'GB', 'anonymous'), fc.integer({ min: 0, max: 40 })), (dict) => {
        const out = publishBreakdown(cells(dict));
        const total = Object.values(dict).reduce((s, n) => s + n, 0);
        const hidden = out.cells.filter((c) => c.suppressed);
        for (const c of out.cells) if (!c.suppressed) expect(c.count).toBe(dict[c.value]);
        for (const [v, n] of Object.entries(dict))
          if (n > 0 && n < SUPPRESSION_THRESHOLD && !out.withheld) expect(hidden.map((c) => c.value)).toContain(v);
        if (out.withheld || hidden.length === 0) return;
        // What a reader can compute: the hidden cells' sum. With two or more cells each ≥ 1 and a sum
        // above their number, each could be at least two values.
        const rest = total - out.cells.reduce((s, c) => s + (c.count ?? 0), 0);
        expect(hidden.length).toBeGreaterThanOrEqual(2);
        expect(rest).toBeGreaterThanOrEqual(SUPPRESSION_THRESHOLD);
        expect(rest).toBeGreaterThan(hidden.length);
      }),
    );
  });
});
