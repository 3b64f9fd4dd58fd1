// Facet values as small integers and the one-pass filter with disjunctive counts (docs/search.md):
// a document failing exactly one selected facet still counts for that facet.
import { FACETS, type FacetCount, type FacetName } from './types';

const MAX_FACET_VALUES = 100;


/** Facet value ↔ id per facet, so that counting is typed-array arithmetic. */
export class FacetIds {
  private readonly ids = Object.fromEntries(FACETS.map((f) => [f, new Map<string, number>()])) as Record<FacetName, Map<string, number>>;
  private readonly values = Object.fromEntries(FACETS.map((f) => [f, [] as string[]])) as Record<FacetName, string[]>;

  /** The ids of a document's values of every facet (new values get new ids). */
  idsOf(facets: Record<FacetName, string[]>): Int32Array[] {
    return FACETS.map((f) => {
      const out = new Set<number>();
      for (const v of facets[f]) {
        let id = this.ids[f].get(v);
        if (id === undefined) {
          id = this.values[f].length;
          this.ids[f].set(v, id);
          this.values[f].push(v);
        }
        out.add(id);
      }
      return Int32Array.from(out);
    });
  }

  /** A counting pass for one search's filters. */
  pass(filters: Partial<Record<FacetName, string[]>>): FacetPass {
    return new FacetPass(this.values, this.ids, filters);
  }
}

export class FacetPass {
  private readonly selected: number[];
  private readonly wanted: Uint8Array[];
  private readonly counts: Int32Array[];
  constructor(
    private readonly values: Record<FacetName, string[]>,
    ids: Record<FacetName, Map<string, number>>,
    private readonly filters: Partial<Record<FacetName, string[]>>,
  ) {
    this.selected = FACETS.map((f, i) => (filters[f]?.length ? i : -1)).filter((i) => i >= 0);
    this.wanted = FACETS.map((f) => {
      const mask = new Uint8Array(values[f].length);
      for (const v of filters[f] ?? []) {
        const id = ids[f].get(v);
        if (id !== undefined) mask[id] = 1;
      }
      return mask;
    });
    this.counts = FACETS.map((f) => new Int32Array(values[f].length));
  }

  private bump(fi: number, own: Int32Array): void {
    const c = this.counts[fi];
    for (let i = 0; i < own.length; i++) c[own[i]]++;
  }

  /** Counts a document and tells whether it passes every selected facet. */
  admit(docIds: Int32Array[]): boolean {
    let failed = -1;
    let failures = 0;
    for (const fi of this.selected) {
      const mask = this.wanted[fi];
      const own = docIds[fi];
      let ok = false;
      for (let i = 0; i < own.length && !ok; i++) ok = mask[own[i]] === 1;
      if (!ok) {
        failures++;
        failed = fi;
        if (failures > 1) break;
      }
    }
    if (failures === 0) for (let fi = 0; fi < FACETS.length; fi++) this.bump(fi, docIds[fi]);
    else if (failures === 1) this.bump(failed, docIds[failed]);
    return failures === 0;
  }

  /** The counts, largest first; selected values are listed even at zero. */
  result(): Record<FacetName, FacetCount[]> {
    return Object.fromEntries(
      FACETS.map((f, fi) => {
        const list: FacetCount[] = [];
        this.counts[fi].forEach((count, id) => count > 0 && list.push({ value: this.values[f][id], count }));
        for (const v of this.filters[f] ?? []) if (!list.some((c) => c.value === v)) list.push({ value: v, count: 0 });
        list.sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
        return [f, list.slice(0, Math.max(MAX_FACET_VALUES, this.filters[f]?.length ?? 0))];
      }),
    ) as Record<FacetName, FacetCount[]>;
  }
}
