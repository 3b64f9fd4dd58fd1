// Postings lists with per-visibility-tier document frequencies, and the per-query score scratchpad.
import type { Via, Viewer } from './types';

/**
 * Who may see a document, as the statistics count it: 0 everyone (classification public), 1 anyone
 * signed in (internal, sensitive), 2 only the provider's members, reviewers and admins (confidential).
 * Document frequencies are kept per tier so that a caller's scores and typo corrections are computed
 * from what that caller may see: a confidential word can never surface as another caller's
 * correction, nor shift their scores.
 */
export type Tier = 0 | 1 | 2;
export const TIER_OF_LEVEL: Record<string, Tier> = { public: 0, internal: 1, sensitive: 1, confidential: 2 };

/** The statistics tier a viewer reads: the widest every one of its documents is visible in. */
export function tierOf(viewer: Viewer): Tier {
  if (!viewer.authenticated) return 0;
  return viewer.wide ? 2 : 1;
}

export class Postings {
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

/**
 * How a query word matched a document, weakest first: a word of a glossary synonym (`x:`); a
 * syllable bigram or a typo correction; the word itself, a compound part or the glossary concept.
 */
export const Evidence = { None: 0, Related: 1, Partial: 2, Strong: 3 } as const;
export type Evidence = (typeof Evidence)[keyof typeof Evidence];

const VIA_CODES: Via[] = ['word', 'part', 'glossary', 'ngram', 'typo', 'related'];

/** Per-query scratch space: the best score and strongest evidence of each unit for each touched document. */
export class UnitScores {
  readonly scores: Float32Array[];
  readonly evidence: Uint8Array[];
  readonly via: Uint8Array[];
  readonly touched: number[] = [];
  private readonly mark: Uint8Array;
  constructor(units: number, size: number) {
    this.scores = Array.from({ length: units }, () => new Float32Array(size));
    this.evidence = Array.from({ length: units }, () => new Uint8Array(size));
    this.via = Array.from({ length: units }, () => new Uint8Array(size));
    this.mark = new Uint8Array(size);
  }
  raise(unit: number, doc: number, score: number, evidence: Evidence, via: Via): void {
    if (score > this.scores[unit][doc]) this.scores[unit][doc] = score;
    if (evidence > this.evidence[unit][doc]) {
      this.evidence[unit][doc] = evidence;
      this.via[unit][doc] = VIA_CODES.indexOf(via);
    }
    if (!this.mark[doc]) {
      this.mark[doc] = 1;
      this.touched.push(doc);
    }
  }
  viaOf(unit: number, doc: number): Via {
    return VIA_CODES[this.via[unit][doc]];
  }
}
