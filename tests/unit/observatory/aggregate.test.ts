import { describe, expect, it } from 'vitest';
import {
  areasOf,
  countMatrix,
  demandByArea,
  growthSeries,
  originCounts,
  originOf,
  periodOf,
  periodsBetween,
  type ObservedDataset,
} from '../../../server/observatory/aggregate';

const ds = (id: string, kr: string[], us: string[], at = '2025-05-10T00:00:00Z', origin: 'local' | 'harvested' = 'local'): ObservedDataset => ({
  id,
  kr,
  us,
  origin,
  appearedAt: new Date(at),
});

describe('periods', () => {
  it('names quarters and months in UTC', () => {
    expect(periodOf(new Date('2025-01-01T00:00:00Z'), 'quarter')).toBe('2025-Q1');
    expect(periodOf(new Date('2025-03-31T23:59:59Z'), 'quarter')).toBe('2025-Q1');
    expect(periodOf(new Date('2025-04-01T00:00:00Z'), 'quarter')).toBe('2025-Q2');
    expect(periodOf(new Date('2025-12-31T23:00:00Z'), 'month')).toBe('2025-12');
    // 09:00 on 1 January in Seoul is still the previous year in UTC.
    expect(periodOf(new Date('2026-01-01T08:00:00+09:00'), 'month')).toBe('2025-12');
  });

  it('lists every period between two, across years', () => {
    expect(periodsBetween('2024-Q3', '2025-Q2', 'quarter')).toEqual(['2024-Q3', '2024-Q4', '2025-Q1', '2025-Q2']);
    expect(periodsBetween('2024-11', '2025-02', 'month')).toEqual(['2024-11', '2024-12', '2025-01', '2025-02']);
    expect(periodsBetween('2025-03', '2025-03', 'month')).toEqual(['2025-03']);
  });
});

describe('areasOf and originOf', () => {
  it('keeps known codes once, in taxonomy order', () => {
    expect(areasOf({ kr: ['quantum', 'warp', 'artificial_intelligence', 'quantum'], us: ['hypersonics', 42] })).toEqual({
      kr: ['artificial_intelligence', 'quantum'],
      us: ['hypersonics'],
    });
    expect(areasOf(undefined)).toEqual({ kr: [], us: [] });
  });

  it('treats a missing or unknown origin as local', () => {
    expect(originOf(undefined)).toEqual({ kind: 'local', harvestedAt: null });
    expect(originOf({ kind: 'local' })).toEqual({ kind: 'local', harvestedAt: null });
    expect(originOf({ kind: 'harvested', harvestedAt: '2024-02-01T00:00:00Z' })).toEqual({ kind: 'harvested', harvestedAt: new Date('2024-02-01T00:00:00Z') });
    expect(originOf({ kind: 'harvested', harvestedAt: 'garbage' })).toEqual({ kind: 'harvested', harvestedAt: null });
  });
});

describe('countMatrix', () => {
  it('counts every pairing of a dataset, one-sided areas apart, and unmapped datasets once', () => {
    const m = countMatrix([
      ds('a', ['artificial_intelligence', 'quantum'], ['artificial_intelligence', 'quantum_information']),
      ds('b', ['artificial_intelligence'], ['artificial_intelligence']),
      ds('c', ['hydrogen'], []),
      ds('d', [], ['hypersonics']),
      ds('e', [], []),
      ds('f', [], []),
    ]);
    expect(m.cells).toEqual([
      { kr: 'artificial_intelligence', us: 'artificial_intelligence', count: 2 },
      { kr: 'artificial_intelligence', us: 'quantum_information', count: 1 },
      { kr: 'quantum', us: 'artificial_intelligence', count: 1 },
      { kr: 'quantum', us: 'quantum_information', count: 1 },
    ]);
    expect(m.krOnly).toEqual([{ kr: 'hydrogen', count: 1 }]);
    expect(m.usOnly).toEqual([{ us: 'hypersonics', count: 1 }]);
    expect(m.unmapped).toBe(2);
    expect(m.kr).toHaveLength(12);
    expect(m.us).toHaveLength(18);
  });
});

describe('growthSeries', () => {
  it('gives each area a continuous line to the current period, with running totals', () => {
    const rows = [
      ds('a', ['quantum'], [], '2025-01-15T00:00:00Z'),
      ds('b', ['quantum', 'hydrogen'], [], '2025-07-01T00:00:00Z'),
      ds('c', [], ['hypersonics'], '2025-02-01T00:00:00Z', 'harvested'),
    ];
    const g = growthSeries(rows, 'quarter', new Date('2025-08-01T00:00:00Z'));
    expect(g.filter((r) => r.kr === 'quantum')).toEqual([
      { period: '2025-Q1', kr: 'quantum', count: 1, cumulative: 1 },
      { period: '2025-Q2', kr: 'quantum', count: 0, cumulative: 1 },
      { period: '2025-Q3', kr: 'quantum', count: 1, cumulative: 2 },
    ]);
    expect(g.filter((r) => r.kr === 'hydrogen').map((r) => r.cumulative)).toEqual([0, 0, 1]);
    expect(g.filter((r) => r.kr === null).map((r) => r.count)).toEqual([1, 0, 0]);
    // KR areas in taxonomy order (hydrogen before quantum), the unassigned line last.
    expect([...new Set(g.map((r) => r.kr))]).toEqual(['hydrogen', 'quantum', null]);
  });

  it('starts at `from` when given, and is empty without datasets', () => {
    const g = growthSeries([ds('a', ['quantum'], [], '2025-03-01T00:00:00Z')], 'month', new Date('2025-04-20T00:00:00Z'), '2025-02');
    expect(g.map((r) => r.period)).toEqual(['2025-02', '2025-03', '2025-04']);
    expect(growthSeries([], 'month', new Date())).toEqual([]);
  });
});

describe('demandByArea', () => {
  const areas = new Map([
    ['a', { kr: ['artificial_intelligence', 'quantum'], us: ['artificial_intelligence'] }],
    ['b', { kr: ['artificial_intelligence'], us: [] }],
  ]);

  it('sums through every area of the requested dataset and suppresses counts of 1 to 4', () => {
    const rows = demandByArea(
      [
        { datasetId: 'a', requests: 4, approved: 1 },
        { datasetId: 'b', requests: 3, approved: 3 },
        { datasetId: 'unseen', requests: 50, approved: 50 },
      ],
      areas,
    );
    expect(rows).toEqual([
      { kr: 'artificial_intelligence', requests: 7, approved: null, suppressed: true },
      { kr: 'quantum', requests: null, approved: null, suppressed: true },
      { us: 'artificial_intelligence', requests: null, approved: null, suppressed: true },
    ]);
  });

  it('shows zero approvals as zero (nothing to single out)', () => {
    expect(demandByArea([{ datasetId: 'b', requests: 5, approved: 0 }], areas)).toEqual([{ kr: 'artificial_intelligence', requests: 5, approved: 0, suppressed: false }]);
  });
});

describe('originCounts', () => {
  it('counts local and harvested datasets', () => {
    expect(originCounts([ds('a', [], []), ds('b', [], [], undefined, 'harvested'), ds('c', [], [])])).toEqual({ local: 2, harvested: 1 });
  });
});
