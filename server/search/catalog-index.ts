// The in-process catalogue index: published datasets (both languages, glossary expansions) with
// relevance ranking, disjunctive facet counts and policy filters. The embedded FerretDB's SQLite backend
// (run with --telemetry=disable, DO_NOT_TRACK=1; see server/infra/embedded-mongo.ts) pushes
// down almost no filters or sorts, so every catalogue query against it scans and decodes the whole
// collection; the index answers from memory and is kept in step with MongoDB by sync.ts.
import type { Lang } from '../i18n';
import { analyzeQuery, type QueryUnit } from './analyze';
import { entryTerms } from './entry';
import { FacetIds } from './facets';
import { obtainable } from './obtainable';
import { Evidence, TIER_OF_LEVEL } from './postings';
import { suggestFor, type Suggestion } from './suggest';
import { TermIndex } from './term-index';
import type { CatalogEntry, SearchCaller, SearchParams, SearchResult, Via } from './types';
import { entryVisible, type Viewer } from './visibility';

export { highlightRanges, otherLanguageTerms } from './explain';
export type { FacetCount, SearchCaller, SearchHit, SearchParams, SearchResult } from './types';

/** With fewer strong full matches than this, weaker and partial matches are listed after them. */
const BACKFILL_BELOW = 3;

/** How a candidate stands: 0 every word matched on its own, 1 some word only through a synonym's word, 2 words missing. */
type Standing = 0 | 1 | 2;
interface Candidate {
  doc: number;
  score: number;
  standing: Standing;
}

export class CatalogIndex {
  private slots: Array<CatalogEntry | null> = [];
  private readonly byId = new Map<string, number>();
  /** Dataset id by slug, for reads by name; keyed to ids so compaction (which renumbers slots) leaves it alone. */
  private readonly idBySlug = new Map<string, string>();
  private readonly terms = new TermIndex((doc, viewer) => {
    const e = this.slots[doc];
    return !!e && entryVisible(e, viewer);
  });
  private readonly providerNames = new Map<string, unknown>();
  private readonly facetIds = new FacetIds();
  private slotFacets: Array<Int32Array[] | null> = [];
  private alive = 0;
  private dead = 0;
  private orders: Partial<Record<Lang | 'newest', Int32Array>> = {};
  private loaded: Promise<void> = Promise.resolve();
  /** Increases with every change; callers can tell whether the index moved. */
  generation = 0;

  /** Number of datasets in the index. */
  get size(): number {
    return this.alive;
  }

  /** Resolves once the initial load (if any) has finished. */
  ready(): Promise<void> {
    return this.loaded;
  }

  /** Lets a loader announce the initial load so that searches wait for it. */
  setLoading(p: Promise<void>): void {
    this.loaded = p;
  }

  /** Every dataset in the index (published, not withdrawn, any classification). */
  *entries(): IterableIterator<CatalogEntry> {
    for (const e of this.slots) if (e) yield e;
  }

  /** The entry of one dataset, if the catalogue holds it. */
  get(id: string): CatalogEntry | undefined {
    const slot = this.byId.get(id);
    return slot === undefined ? undefined : (this.slots[slot] ?? undefined);
  }

  /** The entry of the dataset that has this slug now, if the catalogue holds it. */
  getBySlug(slug: string): CatalogEntry | undefined {
    const id = this.idBySlug.get(slug);
    const entry = id === undefined ? undefined : this.get(id);
    return entry?.slug === slug ? entry : undefined;
  }

  /** The bilingual name of a provider (by slug) as its catalogue entries show it. */
  providerName(slug: string): unknown {
    return this.providerNames.get(slug) ?? null;
  }

  /** Adds or replaces a dataset; `null` removes it (withdrawn, deleted, never published). */
  put(id: string, entry: CatalogEntry | null): void {
    this.remove(id);
    if (!entry) return;
    const doc = this.slots.length;
    this.slots.push(entry);
    this.slotFacets.push(this.facetIds.idsOf(entry.facets));
    this.byId.set(id, doc);
    this.idBySlug.set(entry.slug, id);
    this.alive++;
    this.providerNames.set(entry.providerSlug, (entry.item.provider as { name?: unknown } | null)?.name ?? null);
    this.terms.add(doc, entryTerms(entry), TIER_OF_LEVEL[entry.level] ?? 2);
    this.changed();
  }

  /** Removes a dataset if present. */
  remove(id: string): void {
    const doc = this.byId.get(id);
    if (doc === undefined) return;
    const entry = this.slots[doc]!;
    this.terms.remove(entryTerms(entry).keys(), TIER_OF_LEVEL[entry.level] ?? 2);
    this.slots[doc] = null;
    this.slotFacets[doc] = null;
    this.byId.delete(id);
    // Another dataset may hold the slug by now (renamed here, taken there, changes applied out of order).
    if (this.idBySlug.get(entry.slug) === id) this.idBySlug.delete(entry.slug);
    this.alive--;
    this.dead++;
    this.changed();
    if (this.dead > 1000 && this.dead > this.alive / 4) this.compact();
  }

  /** Replaces the whole content (initial load, or a full resynchronisation). */
  replaceAll(entries: CatalogEntry[]): void {
    this.slots = [];
    this.slotFacets = [];
    this.byId.clear();
    this.idBySlug.clear();
    this.terms.clear();
    this.alive = 0;
    this.dead = 0;
    // A new generation even when nothing is put back: whatever was cached by generation (rankings,
    // sort orders, observatory answers) described the old content, and an empty index is a change.
    this.changed();
    for (const e of entries) this.put(e.id, e);
  }

  private changed(): void {
    this.generation++;
    this.orders = {};
  }

  /** Drops removed documents from the postings and renumbers the live ones. */
  private compact(): void {
    const renumber = new Int32Array(this.slots.length).fill(-1);
    const slots: CatalogEntry[] = [];
    const slotFacets: Int32Array[][] = [];
    this.slots.forEach((e, i) => {
      if (!e) return;
      renumber[i] = slots.length;
      slots.push(e);
      slotFacets.push(this.slotFacets[i]!);
    });
    this.slotFacets = slotFacets;
    this.terms.compact(renumber);
    this.slots = slots;
    this.byId.clear();
    slots.forEach((e, i) => this.byId.set(e.id, i));
    this.dead = 0;
    this.changed();
  }

  /**
   * Candidates of a text query with their scores and standing. When enough documents match every
   * word, those missing words are left out, and when enough match every word on its own, those
   * matching a word only through a synonym's word too; otherwise they follow (docs/search.md, "Precision").
   */
  private candidates(units: QueryUnit[], viewer: Viewer, corrections: Array<{ from: string; to: string }>) {
    const acc = this.terms.scoreUnits(units, corrections, viewer, this.slots.length);
    const required = units.filter((u) => !u.optional).length;
    const minMatch = required === 0 ? 1 : required <= 2 ? required : Math.ceil(required * 0.7);
    let list: Candidate[] = [];
    for (const doc of acc.touched) {
      const e = this.slots[doc];
      if (!e || !entryVisible(e, viewer)) continue;
      let matched = 0;
      let score = 0;
      let weakest: number = Evidence.Strong;
      units.forEach((u, k) => {
        const s = acc.scores[k][doc];
        if (s <= 0) return;
        score += s;
        if (u.optional && required > 0) return;
        matched++;
        weakest = Math.min(weakest, acc.evidence[k][doc]);
      });
      if (matched === 0) continue;
      const standing: Standing = matched < minMatch ? 2 : weakest <= Evidence.Related ? 1 : 0;
      list.push({ doc, score: score * (required ? matched / Math.max(required, matched) : 1), standing });
    }
    // Datasets missing words go when enough match every word somehow; those matching a word only
    // through a synonym's word go when enough match every word strongly.
    const strong = list.filter((c) => c.standing === 0).length;
    const full = list.filter((c) => c.standing < 2).length;
    if (full >= BACKFILL_BELOW) list = list.filter((c) => c.standing < 2);
    if (strong >= BACKFILL_BELOW) list = list.filter((c) => c.standing === 0);
    const relaxed = list.length > 0 && !list.some((c) => c.standing < 2);
    const vias = (doc: number) => units.map((_, k) => (acc.scores[k][doc] > 0 ? acc.viaOf(k, doc) : null));
    return { list, relaxed, vias };
  }

  /** Runs a search: visibility, query, policy filters, disjunctive facets, sorting, paging. */
  search(params: SearchParams, caller: SearchCaller): SearchResult {
    const units = analyzeQuery(params.q);
    const corrections: Array<{ from: string; to: string }> = [];
    let list: Candidate[] = [];
    let relaxed = false;
    let vias: (doc: number) => Array<Via | null> = () => [];
    if (!units.length) {
      this.slots.forEach((e, doc) => e && entryVisible(e, caller.viewer) && list.push({ doc, score: 0, standing: 0 }));
    } else {
      ({ list, relaxed, vias } = this.candidates(units, caller.viewer, corrections));
    }

    const pass = this.facetIds.pass(params.filters);
    const policyFilter = params.availableTo.length > 0 || params.purposes.length > 0;
    const hits: Candidate[] = [];
    for (const c of list) {
      const entry = this.slots[c.doc]!;
      if (policyFilter && !obtainable(entry, params.availableTo, params.purposes, () => caller.requester(entry))) continue;
      if (pass.admit(this.slotFacets[c.doc]!)) hits.push(c);
    }

    this.sortHits(hits, params.sort === 'relevance' && !units.length ? 'newest' : params.sort, params.lang);
    const start = (params.page - 1) * params.pageSize;
    const partial = hits.reduce((n, h) => n + (h.standing === 2 ? 1 : 0), 0);
    const page = hits.slice(start, start + params.pageSize).map((h) => ({ entry: this.slots[h.doc]!, score: h.score, partial: h.standing === 2, vias: vias(h.doc) }));
    return { hits: page, total: hits.length, facets: pass.result(), units, relaxed, partial, corrections };
  }

  private sortHits(hits: Candidate[], sort: SearchParams['sort'], lang: Lang): void {
    // Stronger standing always comes first, whatever the order inside each group; ties go to the
    // newest publication (then slug), through precomputed ranks.
    const order = this.ranks(sort === 'title' ? lang : 'newest');
    if (sort === 'relevance') hits.sort((a, b) => a.standing - b.standing || b.score - a.score || order[a.doc] - order[b.doc]);
    else hits.sort((a, b) => Number(a.standing === 2) - Number(b.standing === 2) || order[a.doc] - order[b.doc]);
  }

  /** Rank of every slot by title in a language, or by publication date (computed once per index generation). */
  private ranks(order: Lang | 'newest'): Int32Array {
    const cached = this.orders[order];
    if (cached) return cached;
    const docs: number[] = [];
    this.slots.forEach((e, i) => e && docs.push(i));
    if (order === 'newest') {
      docs.sort((a, b) => this.slots[b]!.publishedAt.getTime() - this.slots[a]!.publishedAt.getTime() || (this.slots[a]!.slug < this.slots[b]!.slug ? -1 : 1));
    } else {
      const other: Lang = order === 'ko' ? 'en' : 'ko';
      const collator = new Intl.Collator(order, { sensitivity: 'base', numeric: true });
      const titleOf = (e: CatalogEntry) => String(e.live.title?.[order] ?? e.live.title?.[other] ?? '');
      docs.sort((a, b) => collator.compare(titleOf(this.slots[a]!), titleOf(this.slots[b]!)) || (this.slots[a]!.slug < this.slots[b]!.slug ? -1 : 1));
    }
    const ranks = new Int32Array(this.slots.length);
    docs.forEach((d, r) => (ranks[d] = r));
    this.orders[order] = ranks;
    return ranks;
  }

  /**
   * How well each dataset matches a phrase, as the share of the phrase's words it holds (same
   * analysis as search, cross-lingual through the glossary). Datasets not matching are absent.
   */
  keywordScores(text: string): Map<string, number> {
    const units = analyzeQuery(text).filter((u) => !u.optional);
    const out = new Map<string, number>();
    if (!units.length) return out;
    // Matching ranks only entries the caller may list, and uses shares of words, not scores.
    const acc = this.terms.scoreUnits(units, [], { authenticated: true, wide: true }, this.slots.length);
    for (const doc of acc.touched) {
      const e = this.slots[doc];
      if (!e) continue;
      let matched = 0;
      units.forEach((_, k) => acc.scores[k][doc] > 0 && matched++);
      if (matched) out.set(e.id, matched / units.length);
    }
    return out;
  }

  /** Autocomplete over the datasets the viewer may see and the glossary. */
  suggest(q: string, viewer: Viewer, limit = 8): Suggestion[] {
    return suggestFor(this.entries(), q, viewer, limit);
  }
}
