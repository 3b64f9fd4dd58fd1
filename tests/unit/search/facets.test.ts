// Disjunctive facets, checked against their definition: for random combinations of filters, every
// facet's counts must equal a brute-force count over the visible datasets that pass every *other*
// facet's filter (OR within a facet, AND across facets).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FACETS, type CatalogEntry, type FacetName } from '../../../server/search/types';
import { entryVisible, type Viewer } from '../../../server/search/visibility';
import type { Requester } from '../../../server/policy/types';
import { CatalogIndex } from '../../../server/search/catalog-index';
import { demoEntries } from '../../helpers/seed-catalog';

const entries = demoEntries();
const index = new CatalogIndex();
index.replaceAll(entries);
const nobody: Requester = { authenticated: false, providerMember: false, reviewer: false, grants: [] };
const valuesOf = (f: FacetName) => [...new Set(entries.flatMap((e) => e.facets[f]))].sort();

function passes(e: CatalogEntry, filters: Partial<Record<FacetName, string[]>>, except?: FacetName): boolean {
  return FACETS.every((f) => f === except || !filters[f]?.length || e.facets[f].some((v) => filters[f]!.includes(v)));
}

function bruteCounts(filters: Partial<Record<FacetName, string[]>>, viewer: Viewer, q = '') {
  const visible = entries.filter((e) => entryVisible(e, viewer));
  const matching = q ? new Set(index.search(params(q, {}), { viewer, requester: () => nobody }).hits.map((h) => h.entry.id)) : null;
  const pool = visible.filter((e) => !matching || matching.has(e.id));
  return Object.fromEntries(
    FACETS.map((f) => {
      const counts = new Map<string, number>();
      for (const e of pool) if (passes(e, filters, f)) for (const v of new Set(e.facets[f])) counts.set(v, (counts.get(v) ?? 0) + 1);
      for (const v of filters[f] ?? []) if (!counts.has(v)) counts.set(v, 0);
      return [f, Object.fromEntries(counts)];
    }),
  );
}

function params(q: string, filters: Partial<Record<FacetName, string[]>>) {
  return { q, filters, availableTo: [], purposes: [], sort: 'newest' as const, lang: 'en' as const, page: 1, pageSize: 100 };
}

const filterArb = fc.record(
  Object.fromEntries(FACETS.map((f) => [f, fc.option(fc.subarray(valuesOf(f), { minLength: 1, maxLength: Math.min(3, valuesOf(f).length) }), { nil: undefined, freq: 2 })])) as Record<
    FacetName,
    fc.Arbitrary<string[] | undefined>
  >,
);
const viewers: Viewer[] = [{ authenticated: false }, { authenticated: true, organizationId: null }, { authenticated: true, wide: true }];

describe('disjunctive facets', () => {
  it('counts every facet as if its own selection were absent (property, random filters and viewers)', () => {
    fc.assert(
      fc.property(filterArb, fc.constantFrom(...viewers), fc.constantFrom('', '이미지', 'detection', '음성 인식'), (raw, viewer, q) => {
        const filters = Object.fromEntries(Object.entries(raw).filter(([, v]) => v)) as Partial<Record<FacetName, string[]>>;
        const result = index.search(params(q, filters), { viewer, requester: () => nobody });
        const expected = bruteCounts(filters, viewer, q);
        for (const f of FACETS) {
          expect(Object.fromEntries(result.facets[f].map((c) => [c.value, c.count]))).toEqual(expected[f]);
        }
        const matching = q ? new Set(index.search(params(q, {}), { viewer, requester: () => nobody }).hits.map((h) => h.entry.id)) : null;
        const want = entries.filter((e) => entryVisible(e, viewer) && passes(e, filters) && (!matching || matching.has(e.id)));
        expect(result.total).toBe(want.length);
        expect(new Set(result.hits.map((h) => h.entry.id))).toEqual(new Set(want.map((e) => e.id)));
      }),
      { numRuns: 300 },
    );
  });

  it('ORs values within a facet and ANDs across facets (worked example)', () => {
    const viewer = { authenticated: false };
    const speech = index.search(params('', { modality: ['speech'] }), { viewer, requester: () => nobody }).total;
    const image = index.search(params('', { modality: ['image'] }), { viewer, requester: () => nobody }).total;
    const both = entries.filter((e) => entryVisible(e, viewer) && e.facets.modality.includes('speech') && e.facets.modality.includes('image')).length;
    const either = index.search(params('', { modality: ['speech', 'image'] }), { viewer, requester: () => nobody });
    expect(either.total).toBe(speech + image - both);
    const withLicense = index.search(params('', { modality: ['speech', 'image'], accessLevel: ['open'] }), { viewer, requester: () => nobody });
    expect(withLicense.total).toBeLessThan(either.total);
    for (const h of withLicense.hits) expect(h.entry.facets.accessLevel).toEqual(['open']);
    // The modality facet still offers speech with the count it would get if chosen alone.
    const speechOpen = entries.filter((e) => entryVisible(e, viewer) && e.facets.modality.includes('speech') && e.facets.accessLevel.includes('open')).length;
    expect(withLicense.facets.modality.find((c) => c.value === 'speech')?.count ?? 0).toBe(speechOpen);
  });

  it('never counts or returns confidential datasets for outsiders', () => {
    for (const viewer of [{ authenticated: false }, { authenticated: true, organizationId: null }]) {
      const r = index.search(params('', {}), { viewer, requester: () => nobody });
      expect(r.facets.classification.find((c) => c.value === 'confidential')).toBeUndefined();
      expect(r.hits.some((h) => h.entry.level === 'confidential')).toBe(false);
      const semi = index.search(params('semiconductor etch', {}), { viewer, requester: () => nobody });
      expect(semi.hits.map((h) => h.entry.slug)).not.toContain('semiconductor-etch-process-logs');
    }
    const wide = index.search(params('', {}), { viewer: { authenticated: true, wide: true }, requester: () => nobody });
    expect(wide.facets.classification.find((c) => c.value === 'confidential')?.count).toBe(1);
  });
});
