// The in-process catalogue index: an inverted index of published datasets (both languages, glossary
// expansions) with disjunctive facet counting and policy filters. The embedded FerretDB's SQLite backend
// (run with --telemetry=disable, DO_NOT_TRACK=1; see server/infra/embedded-mongo.ts) pushes
// down almost no filters or sorts, so every catalogue query against it scans and decodes the whole
// collection; the index answers from memory and is kept in step with MongoDB by sync.ts.
import { glossary } from '../taxonomies/glossary';
import { ORGANIZATION_TYPE_CODES, PURPOSE_CODES } from '../../schemas/taxonomy';
import type { Lang } from '../i18n';
import { evaluate } from '../policy/evaluate';
import type { Decision, Purpose, Requester } from '../policy/types';
import { analyzeQuery, editDistance, glossaryEntry, glossaryWords, queryGlossaryEntries, toJamo, tokenize, type QueryUnit } from './analyze';
import { entryTerms } from './entry';
import { FACETS, type CatalogEntry, type FacetName } from './types';
import { entryVisible, type Viewer } from './visibility';

/** What a search asks for (already validated). */
export interface SearchParams {
  q: string;
  filters: Partial<Record<FacetName, string[]>>;
  /** Country codes: keep datasets an organisation of one of these countries could obtain. */
  availableTo: string[];
  /** Keep datasets the caller (or, with availableTo, such an organisation) could obtain for one of these purposes. */
  purposes: Purpose[];
  sort: 'relevance' | 'newest' | 'title';
  lang: Lang;
  page: number;
  pageSize: number;
}

/** Who searches: what they may list, and how they stand towards a dataset for the purpose filter. */
export interface SearchCaller {
  viewer: Viewer;
  requester(entry: CatalogEntry): Requester;
}

export interface SearchHit {
  entry: CatalogEntry;
  score: number;
  /** Matches only some of the query's words (listed after every full match). */
  partial: boolean;
}

export interface FacetCount {
  value: string;
  count: number;
}

export interface SearchResult {
  hits: SearchHit[];
  total: number;
  facets: Record<FacetName, FacetCount[]>;
  units: QueryUnit[];
  /** True when no dataset matched enough of the query's words and only partial matches are shown. */
  relaxed: boolean;
  /** How many of `total` are partial matches (shown after the full ones when full matches are few). */
  partial: number;
  /** English words read as typos of indexed words (`recogntion` → `recognit`). */
  corrections: Array<{ from: string; to: string }>;
}

/** Decisions under which a dataset counts as obtainable (docs/design.md §6 availableTo). */
const OBTAINABLE: ReadonlySet<Decision> = new Set(['allow', 'sign_in_required', 'request_required']);
/** Weights of the ways a query word can match besides itself. */
const PART_FACTOR = 0.85;
const BIGRAM_FACTOR = 0.6;
const TYPO_FACTOR = 0.7;
const MAX_FACET_VALUES = 100;
/** With fewer full matches than this, datasets matching some of the words are listed after them. */
const BACKFILL_BELOW = 3;

/**
 * Who may see a document, as the statistics count it: 0 everyone (classification public), 1 anyone
 * signed in (internal, sensitive), 2 only the provider's members, reviewers and admins (confidential).
 * Document frequencies are kept per tier so that a caller's scores and typo corrections are computed
 * from what that caller may see: a confidential word can never surface as another caller's
 * correction, nor shift their scores.
 */
type Tier = 0 | 1 | 2;
const TIER_OF_LEVEL: Record<string, Tier> = { public: 0, internal: 1, sensitive: 1, confidential: 2 };

/** The statistics tier a viewer reads: the widest every one of its documents is visible in. */
export function tierOf(viewer: Viewer): Tier {
  if (!viewer.authenticated) return 0;
  return viewer.wide ? 2 : 1;
}

class Postings {
  docs = new Int32Array(8);
  weights = new Float32Array(8);
  n = 0;
  /** Live documents holding the term that viewers of each tier may see ([0] ⊆ [1] ⊆ [2]). */
  df0 = 0;
  df1 = 0;
  df2 = 0;
  df(tier: Tier): number {
    return tier === 0 ? this.df0 : tier === 1 ? this.df1 : this.df2;
  }
  count(entryTier: Tier, delta: 1 | -1): void {
    if (entryTier === 0) this.df0 += delta;
    if (entryTier <= 1) this.df1 += delta;
    this.df2 += delta;
  }
  push(doc: number, w: number): void {
    if (this.n === this.docs.length) {
      const docs = new Int32Array(this.n * 2);
      docs.set(this.docs);
      const weights = new Float32Array(this.n * 2);
      weights.set(this.weights);
      this.docs = docs;
      this.weights = weights;
    }
    this.docs[this.n] = doc;
    this.weights[this.n] = w;
    this.n++;
  }
}

/** Per-query scratch space: the best score of each unit for each touched document. */
class UnitScores {
  readonly scores: Float32Array[];
  readonly touched: number[] = [];
  private readonly mark: Uint8Array;
  constructor(units: number, size: number) {
    this.scores = Array.from({ length: units }, () => new Float32Array(size));
    this.mark = new Uint8Array(size);
  }
  raise(unit: number, doc: number, score: number): void {
    if (score > this.scores[unit][doc]) this.scores[unit][doc] = score;
    if (!this.mark[doc]) {
      this.mark[doc] = 1;
      this.touched.push(doc);
    }
  }
}

export class CatalogIndex {
  private slots: Array<CatalogEntry | null> = [];
  private readonly byId = new Map<string, number>();
  /** Dataset id by slug, for reads by name; keyed to ids so compaction (which renumbers slots) leaves it alone. */
  private readonly idBySlug = new Map<string, string>();
  private readonly postings = new Map<string, Postings>();
  /** Live documents per tier ([0] ⊆ [1] ⊆ [2]). */
  private readonly aliveIn = [0, 0, 0];
  private readonly providerNames = new Map<string, unknown>();
  /** Facet values as small integers, so counting is typed-array arithmetic: value ↔ id per facet, ids per slot. */
  private readonly facetIds = Object.fromEntries(FACETS.map((f) => [f, new Map<string, number>()])) as Record<FacetName, Map<string, number>>;
  private readonly facetValues = Object.fromEntries(FACETS.map((f) => [f, [] as string[]])) as Record<FacetName, string[]>;
  private slotFacets: Array<Int32Array[] | null> = [];
  private alive = 0;
  private dead = 0;
  private latinVocab: string[] | null = null;
  private orders: Partial<Record<Lang | 'newest', Int32Array>> = {};
  private readonly policyMemo = new WeakMap<CatalogEntry, Map<string, boolean>>();
  private readonly jamoMemo = new WeakMap<CatalogEntry, { ko: string; en: string }>();
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
    this.slotFacets.push(FACETS.map((f) => this.facetIdsOf(f, entry.facets[f])));
    this.byId.set(id, doc);
    this.idBySlug.set(entry.slug, id);
    this.alive++;
    const tier = TIER_OF_LEVEL[entry.level] ?? 2;
    for (let t = tier; t <= 2; t++) this.aliveIn[t]++;
    this.providerNames.set(entry.providerSlug, (entry.item.provider as { name?: unknown } | null)?.name ?? null);
    for (const [term, w] of entryTerms(entry)) {
      let p = this.postings.get(term);
      if (!p) {
        p = new Postings();
        this.postings.set(term, p);
        if (term.startsWith('w:') && /^w:[a-z]/.test(term)) this.latinVocab = null;
      }
      p.push(doc, w);
      p.count(tier, 1);
    }
    this.changed();
  }

  private facetIdsOf(f: FacetName, values: string[]): Int32Array {
    const ids = new Set<number>();
    for (const v of values) {
      let id = this.facetIds[f].get(v);
      if (id === undefined) {
        id = this.facetValues[f].length;
        this.facetIds[f].set(v, id);
        this.facetValues[f].push(v);
      }
      ids.add(id);
    }
    return Int32Array.from(ids);
  }

  /** Removes a dataset if present. */
  remove(id: string): void {
    const doc = this.byId.get(id);
    if (doc === undefined) return;
    const entry = this.slots[doc]!;
    const tier = TIER_OF_LEVEL[entry.level] ?? 2;
    for (const term of entryTerms(entry).keys()) this.postings.get(term)?.count(tier, -1);
    for (let t = tier; t <= 2; t++) this.aliveIn[t]--;
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
    this.postings.clear();
    this.aliveIn.fill(0);
    this.alive = 0;
    this.dead = 0;
    this.latinVocab = null;
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
    for (const [term, p] of this.postings) {
      const next = new Postings();
      for (let i = 0; i < p.n; i++) {
        const d = renumber[p.docs[i]];
        if (d >= 0) next.push(d, p.weights[i]);
      }
      next.df0 = p.df0;
      next.df1 = p.df1;
      next.df2 = p.df2;
      if (next.n) this.postings.set(term, next);
      else this.postings.delete(term);
    }
    this.slots = slots;
    this.byId.clear();
    slots.forEach((e, i) => this.byId.set(e.id, i));
    this.dead = 0;
    this.latinVocab = null;
    this.changed();
  }

  private df(term: string, tier: Tier): number {
    return this.postings.get(term)?.df(tier) ?? 0;
  }

  /** Inverse document frequency among the documents viewers of `tier` may see. */
  private idf(term: string, tier: Tier): number {
    const df = this.df(term, tier);
    const n = this.aliveIn[tier];
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  }

  /** Does the viewer see at least one live document holding `term`? */
  private seesTerm(term: string, viewer: Viewer): boolean {
    const p = this.postings.get(term);
    if (!p) return false;
    if (p.df(tierOf(viewer)) > 0) return true;
    // A member also sees their own organisation's confidential documents; look for one.
    if (!viewer.organizationId || p.df2 === 0) return false;
    for (let i = 0; i < p.n; i++) {
      const e = this.slots[p.docs[i]];
      if (e && entryVisible(e, viewer)) return true;
    }
    return false;
  }

  /**
   * Indexed English words within a small edit distance of an unknown word, drawn only from documents
   * the viewer may see (the vocabulary of the whole index would reveal confidential words).
   */
  private typoCandidates(term: string, viewer: Viewer): string[] {
    const word = term.slice(2);
    if (word.length < 4) return [];
    this.latinVocab ??= [...this.postings.keys()].filter((t) => /^w:[a-z]/.test(t)).map((t) => t.slice(2));
    const max = word.length >= 8 ? 2 : 1;
    const tier = tierOf(viewer);
    const out: Array<{ w: string; d: number; df: number }> = [];
    for (const v of this.latinVocab) {
      if (Math.abs(v.length - word.length) > max) continue;
      const key = `w:${v}`;
      if (!this.seesTerm(key, viewer)) continue;
      const d = editDistance(word, v, max);
      if (d <= max) out.push({ w: v, d, df: this.df(key, tier) });
    }
    out.sort((a, b) => a.d - b.d || b.df - a.df || (a.w < b.w ? -1 : 1));
    return out.slice(0, 3).map((c) => `w:${c.w}`);
  }

  /**
   * Scores every document touched by each query unit, with statistics and typo corrections taken
   * from what `viewer` may see (documents it may not see get scores too; callers drop them).
   */
  private scoreUnits(units: QueryUnit[], corrections: Array<{ from: string; to: string }>, viewer: Viewer): UnitScores {
    const acc = new UnitScores(units.length, this.slots.length);
    const tier = tierOf(viewer);
    units.forEach((u, k) => {
      const exact = this.postings.get(u.term);
      if (exact) {
        const idf = this.idf(u.term, tier);
        for (let i = 0; i < exact.n; i++) acc.raise(k, exact.docs[i], idf * exact.weights[i]);
      }
      if (u.parts) this.scoreAll(acc, k, u.parts, u.parts.length, PART_FACTOR, 2, tier);
      if (u.bigrams.length) {
        const need = u.bigrams.length <= 2 ? u.bigrams.length : Math.ceil(u.bigrams.length * 0.66);
        this.scoreAll(acc, k, u.bigrams, need, BIGRAM_FACTOR, 2, tier);
      }
      // Whether a word is "unknown" is also decided by what the viewer sees: otherwise the absence of
      // corrections would tell that a hidden document holds the word.
      if (u.script === 'en' && !this.seesTerm(u.term, viewer)) {
        for (const cand of this.typoCandidates(u.term, viewer)) {
          corrections.push({ from: u.surface, to: cand.slice(2) });
          const p = this.postings.get(cand)!;
          const idf = this.idf(cand, tier);
          for (let i = 0; i < p.n; i++) acc.raise(k, p.docs[i], TYPO_FACTOR * idf * p.weights[i]);
        }
      }
    });
    return acc;
  }

  /**
   * Scores documents holding at least `need` of `terms` (compound parts, bigrams): factor × mean
   * term score × coverage^power.
   */
  private scoreAll(acc: UnitScores, unit: number, terms: string[], need: number, factor: number, power: number, tier: Tier): void {
    const hits = new Map<number, { n: number; sum: number }>();
    for (const t of new Set(terms)) {
      const p = this.postings.get(t);
      if (!p) continue;
      const idf = this.idf(t, tier);
      for (let i = 0; i < p.n; i++) {
        const h = hits.get(p.docs[i]) ?? { n: 0, sum: 0 };
        h.n++;
        h.sum += idf * p.weights[i];
        hits.set(p.docs[i], h);
      }
    }
    const distinct = new Set(terms).size;
    for (const [doc, h] of hits) {
      if (h.n < need) continue;
      acc.raise(unit, doc, factor * (h.sum / h.n) * (h.n / distinct) ** power);
    }
  }

  /** Does the entry pass the availableTo / purpose filters? (memoised per entry and question) */
  private obtainable(entry: CatalogEntry, params: SearchParams, caller: SearchCaller): boolean {
    const purposes = params.purposes.length ? params.purposes : (PURPOSE_CODES as readonly Purpose[]);
    if (params.availableTo.length) {
      return params.availableTo.some((country) =>
        this.memo(entry, `to:${country}:${purposes.join(',')}`, () =>
          ORGANIZATION_TYPE_CODES.some((orgType) =>
            purposes.some((purpose) => {
              const r: Requester = { authenticated: true, country, orgType, providerMember: false, reviewer: false, admin: false, grants: [] };
              return OBTAINABLE.has(evaluate(entry.policy, r, purpose, 'full').decision);
            }),
          ),
        ),
      );
    }
    if (!params.purposes.length) return true;
    const requester = caller.requester(entry);
    const compute = () => params.purposes.some((p) => OBTAINABLE.has(evaluate(entry.policy, requester, p, 'full').decision));
    if (requester.grants.length) return compute();
    const key = `me:${requester.authenticated}:${requester.country}:${requester.orgType}:${requester.providerMember}:${requester.reviewer}:${requester.admin}:${params.purposes.join(',')}`;
    return this.memo(entry, key, compute);
  }

  private memo(entry: CatalogEntry, key: string, compute: () => boolean): boolean {
    let m = this.policyMemo.get(entry);
    if (!m) {
      m = new Map();
      this.policyMemo.set(entry, m);
    }
    let v = m.get(key);
    if (v === undefined) {
      v = compute();
      m.set(key, v);
    }
    return v;
  }

  /** Runs a search: visibility, query, policy filters, disjunctive facets, sorting, paging. */
  search(params: SearchParams, caller: SearchCaller): SearchResult {
    const units = analyzeQuery(params.q);
    const corrections: Array<{ from: string; to: string }> = [];

    // Candidates with their relevance scores.
    let candidates: Array<{ doc: number; score: number; partial: boolean }>;
    let relaxed = false;
    if (!units.length) {
      candidates = [];
      this.slots.forEach((e, doc) => e && candidates.push({ doc, score: 0, partial: false }));
    } else {
      const acc = this.scoreUnits(units, corrections, caller.viewer);
      const required = units.filter((u) => !u.optional).length;
      const minMatch = required === 0 ? 1 : required <= 2 ? required : Math.ceil(required * 0.7);
      candidates = [];
      for (const doc of acc.touched) {
        const e = this.slots[doc];
        if (!e || !entryVisible(e, caller.viewer)) continue;
        let matched = 0;
        let score = 0;
        units.forEach((u, k) => {
          const s = acc.scores[k][doc];
          if (s > 0) {
            score += s;
            if (!u.optional || required === 0) matched++;
          }
        });
        if (matched === 0) continue;
        candidates.push({ doc, score: score * (required ? matched / Math.max(required, matched) : 1), partial: matched < minMatch });
      }
      const full = candidates.filter((c) => !c.partial).length;
      if (full >= BACKFILL_BELOW) candidates = candidates.filter((c) => !c.partial);
      relaxed = full === 0 && candidates.length > 0;
    }

    // Filters and disjunctive facet counts in one pass: a document failing exactly one selected facet
    // still counts for that facet (its counts ignore its own selection).
    const selectedIdx = FACETS.map((f, i) => (params.filters[f]?.length ? i : -1)).filter((i) => i >= 0);
    const wanted = FACETS.map((f) => {
      const mask = new Uint8Array(this.facetValues[f].length);
      for (const v of params.filters[f] ?? []) {
        const id = this.facetIds[f].get(v);
        if (id !== undefined) mask[id] = 1;
      }
      return mask;
    });
    const counts = FACETS.map((f) => new Int32Array(this.facetValues[f].length));
    const bump = (fi: number, ids: Int32Array) => {
      const c = counts[fi];
      for (let i = 0; i < ids.length; i++) c[ids[i]]++;
    };
    const policyFilter = params.availableTo.length > 0 || params.purposes.length > 0;
    const hits: Array<{ doc: number; score: number; partial: boolean }> = [];
    for (const c of candidates) {
      const entry = this.slots[c.doc]!;
      if (!units.length && !entryVisible(entry, caller.viewer)) continue;
      if (policyFilter && !this.obtainable(entry, params, caller)) continue;
      const ids = this.slotFacets[c.doc]!;
      let failed = -1;
      let failures = 0;
      for (const fi of selectedIdx) {
        const mask = wanted[fi];
        const own = ids[fi];
        let ok = false;
        for (let i = 0; i < own.length && !ok; i++) ok = mask[own[i]] === 1;
        if (!ok) {
          failures++;
          failed = fi;
          if (failures > 1) break;
        }
      }
      if (failures === 0) {
        for (let fi = 0; fi < FACETS.length; fi++) bump(fi, ids[fi]);
        hits.push(c);
      } else if (failures === 1) {
        bump(failed, ids[failed]);
      }
    }

    this.sortHits(hits, params.sort === 'relevance' && !units.length ? 'newest' : params.sort, params.lang);
    const start = (params.page - 1) * params.pageSize;
    const facets = Object.fromEntries(
      FACETS.map((f, fi) => {
        const list: FacetCount[] = [];
        counts[fi].forEach((count, id) => count > 0 && list.push({ value: this.facetValues[f][id], count }));
        for (const v of params.filters[f] ?? []) if (!list.some((c) => c.value === v)) list.push({ value: v, count: 0 });
        list.sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
        return [f, list.slice(0, Math.max(MAX_FACET_VALUES, params.filters[f]?.length ?? 0))];
      }),
    ) as Record<FacetName, FacetCount[]>;
    const partial = hits.reduce((n, h) => n + (h.partial ? 1 : 0), 0);
    const page = hits.slice(start, start + params.pageSize).map((h) => ({ entry: this.slots[h.doc]!, score: h.score, partial: h.partial }));
    return { hits: page, total: hits.length, facets, units, relaxed, partial, corrections };
  }

  private sortHits(hits: Array<{ doc: number; score: number; partial: boolean }>, sort: SearchParams['sort'], lang: Lang): void {
    // Full matches always come before partial ones, whatever the order inside each group; ties go to
    // the newest publication (then slug), through precomputed ranks.
    const order = this.ranks(sort === 'title' ? lang : 'newest');
    if (sort === 'relevance') {
      hits.sort((a, b) => Number(a.partial) - Number(b.partial) || b.score - a.score || order[a.doc] - order[b.doc]);
    } else if (sort === 'newest' || sort === 'title') {
      hits.sort((a, b) => Number(a.partial) - Number(b.partial) || order[a.doc] - order[b.doc]);
    }
  }

  private newestCompare(a: CatalogEntry, b: CatalogEntry): number {
    return b.publishedAt.getTime() - a.publishedAt.getTime() || (a.slug < b.slug ? -1 : 1);
  }

  /** Rank of every slot by title in a language, or by publication date (computed once per index generation). */
  private ranks(order: Lang | 'newest'): Int32Array {
    const cached = this.orders[order];
    if (cached) return cached;
    const docs: number[] = [];
    this.slots.forEach((e, i) => e && docs.push(i));
    if (order === 'newest') {
      docs.sort((a, b) => this.newestCompare(this.slots[a]!, this.slots[b]!));
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
    const acc = this.scoreUnits(units, [], { authenticated: true, wide: true });
    for (const doc of acc.touched) {
      const e = this.slots[doc];
      if (!e) continue;
      let matched = 0;
      units.forEach((_, k) => acc.scores[k][doc] > 0 && matched++);
      if (matched) out.set(e.id, matched / units.length);
    }
    return out;
  }

  /**
   * Autocomplete: titles of visible datasets and glossary terms starting with what was typed,
   * compared letter by letter (Hangul as jamo, so an unfinished syllable still matches).
   */
  suggest(q: string, viewer: Viewer, limit = 8): Array<{ text: string; lang: Lang; kind: 'dataset' | 'term'; slug?: string; translation?: string }> {
    const typed = toJamo(q.trim());
    if (!typed) return [];
    const out: Array<{ text: string; lang: Lang; kind: 'dataset' | 'term'; slug?: string; translation?: string; rank: number }> = [];
    const wordStarts = (jamo: string) => jamo.startsWith(typed) || jamo.includes(` ${typed}`);
    for (const e of this.slots) {
      if (!e || !entryVisible(e, viewer)) continue;
      let j = this.jamoMemo.get(e);
      if (!j) {
        j = { ko: toJamo(String(e.live.title?.ko ?? '')), en: toJamo(String(e.live.title?.en ?? '')) };
        this.jamoMemo.set(e, j);
      }
      for (const lang of ['ko', 'en'] as const) {
        if (!wordStarts(j[lang])) continue;
        out.push({ text: String(e.live.title[lang]), lang, kind: 'dataset', slug: e.slug, rank: j[lang].startsWith(typed) ? 0 : 1 });
      }
      if (out.length > 200) break;
    }
    out.sort((a, b) => a.rank - b.rank || a.text.length - b.text.length || (a.text < b.text ? -1 : 1));
    // Shorter terms first; between spellings of one term (`음성 인식`/`음성인식`) the glossary's first.
    const terms = glossaryTerms().filter((t) => t.jamo.startsWith(typed) || t.jamo.replace(/ /g, '').startsWith(typed.replace(/ /g, '')));
    terms.sort((a, b) => a.squashed.length - b.squashed.length || a.order - b.order);
    const picked = [...out.slice(0, limit - Math.min(3, terms.length)).map(({ rank: _rank, ...s }) => s)];
    const squash = (text: string) => text.replace(/\s+/g, '').toLowerCase();
    for (const t of terms) {
      if (picked.length >= limit) break;
      // `음성인식` and `음성 인식` are one suggestion.
      if (picked.some((p) => squash(p.text) === squash(t.text))) continue;
      picked.push({ text: t.text, lang: t.lang, kind: 'term', translation: t.translation });
    }
    return picked;
  }
}

let GLOSSARY_TERMS: Array<{ text: string; jamo: string; squashed: string; lang: Lang; translation: string; order: number }> | null = null;
function glossaryTerms() {
  GLOSSARY_TERMS ??= glossary
    .flatMap((entry) => [
      ...entry.ko.map((ko) => ({ text: ko, lang: 'ko' as const, translation: entry.en[0] })),
      ...entry.en.map((en) => ({ text: en, lang: 'en' as const, translation: entry.ko[0] })),
    ])
    .map((t, order) => ({ ...t, jamo: toJamo(t.text), squashed: t.text.replace(/\s+/g, ''), order }));
  return GLOSSARY_TERMS;
}

/** Terms of the other language for a query's glossary words ("no results? try 의료영상"). */
export function otherLanguageTerms(q: string): Array<{ text: string; lang: Lang }> {
  const hangul = /[\uac00-\ud7a3]/.test(q);
  const latin = /[a-z]/i.test(q);
  const out: Array<{ text: string; lang: Lang }> = [];
  for (const e of queryGlossaryEntries(q)) {
    const entry = glossaryEntry(e);
    if (hangul || !latin) out.push({ text: entry.en[0], lang: 'en' });
    if (latin || !hangul) out.push({ text: entry.ko[0], lang: 'ko' });
  }
  return out.filter((t, i) => out.findIndex((o) => o.text === t.text) === i).slice(0, 6);
}

/** Character ranges of a text to highlight for a query (its words, parts, translations). */
export function highlightRanges(text: string, units: QueryUnit[], q: string): Array<[number, number]> {
  if (!units.length || !text) return [];
  const stems = new Set<string>();
  for (const u of units) {
    stems.add(u.term.slice(2));
    for (const p of u.parts ?? []) stems.add(p.slice(2));
  }
  for (const e of queryGlossaryEntries(q)) for (const w of glossaryWords(e)) stems.add(w);
  const koStems = [...stems].filter((s) => /[\uac00-\ud7a3]/.test(s) && s.length >= 2);
  const ranges: Array<[number, number]> = [];
  for (const tok of tokenize(text)) {
    let hit = stems.has(tok.stem);
    if (!hit && tok.script === 'ko') hit = koStems.some((s) => tok.stem.includes(s));
    if (hit) ranges.push([tok.start, tok.end]);
  }
  return ranges;
}
