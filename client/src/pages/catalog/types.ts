// The shape of `GET /datasets` and `GET /datasets/suggest` answers (docs/design.md §6) as the client reads them.
import type { Page } from '../../lib/api';
import type { DatasetView } from '../dataset/types';
import type { Highlights } from './highlight';

/** The facets `GET /datasets` counts (filters `availableTo` and `purpose` have no counts); `origin` is local or harvested (docs/harvesting-client.md). */
export const FACETS = ['modality', 'task', 'license', 'accessLevel', 'classification', 'provider', 'origin', 'krTech', 'usCet', 'language'] as const;
export type FacetName = (typeof FACETS)[number];

/** One value of a facet with the number of results it would give; providers carry their name. */
export interface FacetValue {
  value: string;
  count: number;
  label?: { ko?: string; en?: string };
}

/** A stretch of a result's description around its first match, with the match's ranges. */
export interface Snippet {
  lang: 'ko' | 'en';
  text: string;
  ranges: [number, number][];
}

/** How one query word matched a result. */
export interface MatchNote {
  word: string;
  via: 'word' | 'part' | 'glossary' | 'ngram' | 'typo' | 'related';
  term?: string;
  field?: 'keywords' | 'tags';
}

/** A result; with a text query it also has its score, highlight ranges and why it matched. */
export interface SearchHit extends DatasetView {
  score?: number;
  highlights?: Highlights;
  snippet?: Snippet;
  matchedBy?: MatchNote[];
}

/** How the server understood the text query. */
export interface QueryInfo {
  q: string;
  sort: string;
  /** No dataset matched every word: results match some of them. */
  relaxed: boolean;
  /** Words the server read as typos of known words. */
  corrections: { from: string; to: string }[];
  /** Glossary terms in the other language. */
  alternatives: { text: string; lang: 'ko' | 'en' }[];
}

/** One page of search results with facet counts. */
export interface SearchPage extends Page<SearchHit> {
  facets: Partial<Record<FacetName, FacetValue[]>>;
  query?: QueryInfo;
}

/** An autocomplete suggestion: a dataset title (opens the dataset) or a glossary term (searches it). */
export interface Suggestion {
  text: string;
  lang: 'ko' | 'en';
  kind: 'dataset' | 'term';
  slug?: string;
  translation?: string;
}
