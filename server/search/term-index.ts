// The inverted index of the catalogue's terms and how a query's words score against it: idf from what
// the caller may see, compound parts, bigrams, glossary concepts and synonyms, typo corrections.
import type { QueryUnit } from './analyze';
import { editDistance } from './analyze';
import { Evidence, Postings, UnitScores, tierOf, type Tier } from './postings';
import type { Viewer } from './visibility';

/** Weights of the ways a query word can match besides itself. */
const PART_FACTOR = 0.85;
const BIGRAM_FACTOR = 0.6;
const TYPO_FACTOR = 0.7;

export class TermIndex {
  private readonly postings = new Map<string, Postings>();
  /** Live documents per tier ([0] ⊆ [1] ⊆ [2]). */
  readonly aliveIn = [0, 0, 0];
  private latinVocab: string[] | null = null;

  /** @param visible whether a viewer may see the document in a slot (for members' own confidential documents). */
  constructor(private readonly visible: (doc: number, viewer: Viewer) => boolean) {}

  clear(): void {
    this.postings.clear();
    this.aliveIn.fill(0);
    this.latinVocab = null;
  }

  add(doc: number, terms: Map<string, number>, tier: Tier): void {
    for (let t = tier; t <= 2; t++) this.aliveIn[t]++;
    for (const [term, w] of terms) {
      let p = this.postings.get(term);
      if (!p) {
        p = new Postings();
        this.postings.set(term, p);
        if (/^w:[a-z]/.test(term)) this.latinVocab = null;
      }
      p.push(doc, w);
      p.count(tier, 1);
    }
  }

  /** Forgets a document's terms in the statistics; its postings go at the next compaction. */
  remove(terms: Iterable<string>, tier: Tier): void {
    for (let t = tier; t <= 2; t++) this.aliveIn[t]--;
    for (const term of terms) this.postings.get(term)?.count(tier, -1);
  }

  /** Renumbers postings after documents were dropped (`renumber[old]` is the new slot or -1). */
  compact(renumber: Int32Array): void {
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
    this.latinVocab = null;
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
    for (let i = 0; i < p.n; i++) if (this.visible(p.docs[i], viewer)) return true;
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
  scoreUnits(units: QueryUnit[], corrections: Array<{ from: string; to: string }>, viewer: Viewer, size: number): UnitScores {
    const acc = new UnitScores(units.length, size);
    const tier = tierOf(viewer);
    const each = (term: string, fn: (doc: number, score: number) => void) => {
      const p = this.postings.get(term);
      if (!p) return;
      const idf = this.idf(term, tier);
      for (let i = 0; i < p.n; i++) fn(p.docs[i], idf * p.weights[i]);
    };
    units.forEach((u, k) => {
      for (const term of u.terms) each(term, (doc, s) => acc.raise(k, doc, s, Evidence.Strong, 'word'));
      for (const term of u.concepts) each(term, (doc, s) => acc.raise(k, doc, s, Evidence.Strong, 'glossary'));
      for (const term of u.terms) each(`x:${term.slice(2)}`, (doc, s) => acc.raise(k, doc, s, Evidence.Related, 'related'));
      if (u.parts) this.scoreAll(acc, k, u.parts, u.parts.length, PART_FACTOR, tier, Evidence.Strong, 'part');
      if (u.bigrams.length) {
        const need = u.bigrams.length <= 2 ? u.bigrams.length : Math.ceil(u.bigrams.length * 0.66);
        this.scoreAll(acc, k, u.bigrams, need, BIGRAM_FACTOR, tier, Evidence.Partial, 'ngram');
      }
      // Whether a word is "unknown" is also decided by what the viewer sees: otherwise the absence of
      // corrections would tell that a hidden document holds the word.
      if (u.script === 'en' && !this.seesTerm(u.term, viewer)) {
        for (const cand of this.typoCandidates(u.term, viewer)) {
          corrections.push({ from: u.surface, to: cand.slice(2) });
          each(cand, (doc, s) => acc.raise(k, doc, TYPO_FACTOR * s, Evidence.Partial, 'typo'));
        }
      }
    });
    return acc;
  }

  /**
   * Scores documents holding at least `need` of `terms` (compound parts, bigrams): factor × mean
   * term score × coverage².
   */
  private scoreAll(acc: UnitScores, unit: number, terms: string[], need: number, factor: number, tier: Tier, evidence: Evidence, via: 'part' | 'ngram'): void {
    const hits = new Map<number, { n: number; sum: number }>();
    const distinct = new Set(terms);
    for (const t of distinct) {
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
    for (const [doc, h] of hits) {
      if (h.n < need) continue;
      acc.raise(unit, doc, factor * (h.sum / h.n) * (h.n / distinct.size) ** 2, evidence, via);
    }
  }
}
