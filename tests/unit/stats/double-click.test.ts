import { describe, expect, it } from 'vitest';
import { REPEAT_WINDOW_MS, RepeatFilter } from '../../../server/stats/double-click';

describe('RepeatFilter (the 30-minute double-click rule)', () => {
  it('counts the first event of a viewer on a target, not a repeat within 30 minutes, again after', () => {
    const f = new RepeatFilter();
    const t0 = 1_000_000;
    expect(f.firstWithin('viewer-a', 'view:ds1', t0)).toBe(true);
    expect(f.firstWithin('viewer-a', 'view:ds1', t0 + REPEAT_WINDOW_MS - 1)).toBe(false);
    expect(f.firstWithin('viewer-b', 'view:ds1', t0 + 1)).toBe(true);
    expect(f.firstWithin('viewer-a', 'view:ds2', t0 + 1)).toBe(true);
    expect(f.firstWithin('viewer-a', 'view:ds1', t0 + REPEAT_WINDOW_MS + 1)).toBe(true);
  });

  it('stays within its size bound, forgetting the oldest first, and forgets expired pairs', () => {
    const f = new RepeatFilter(1000, 3);
    for (const v of ['a', 'b', 'c', 'd']) f.firstWithin(v, 't', 0);
    expect(f.size).toBe(3);
    expect(f.firstWithin('a', 't', 1)).toBe(true); // forgotten: counted again
    expect(f.firstWithin('d', 't', 2)).toBe(false);
    f.firstWithin('e', 't', 5000);
    expect(f.size).toBe(1);
  });
});
