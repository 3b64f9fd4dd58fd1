// What the in-process catalogue index keeps per dataset, and the names of the search facets.
import type { ClassificationLevel } from '../policy/visibility';
import type { LiveSnapshot } from '../datasets/model';
import type { Lang } from '../i18n';
import type { PolicyDataset, Purpose, Requester } from '../policy/types';
import type { QueryUnit } from './analyze';

/** The facets of docs/design.md §6, named as the query parameters that filter them. */
export const FACETS = ['modality', 'task', 'license', 'accessLevel', 'classification', 'provider', 'origin', 'krTech', 'usCet', 'language'] as const;
export type FacetName = (typeof FACETS)[number];

/** One published, not withdrawn dataset as the index holds it (rebuilt whenever the dataset changes). */
export interface CatalogEntry {
  /** Dataset id (hex ObjectId). */
  id: string;
  slug: string;
  providerId: string;
  providerSlug: string;
  level: ClassificationLevel;
  /** The published snapshot (content fields of docs/design.md §3 as approved). */
  live: LiveSnapshot;
  /** The engine's view of the published rules. */
  policy: PolicyDataset;
  publishedAt: Date;
  /** Values per facet (a dataset may carry several, e.g. modalities). */
  facets: Record<FacetName, string[]>;
  /** The dataset as a catalogue reader sees it (presentDataset's live view), ready to send. */
  item: Record<string, unknown>;
}

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
  /** How each query unit matched (null: it did not), for "matched by". */
  vias: Array<Via | null>;
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

/** Who is looking: signed in or not, their organisation, and whether they see every provider (admins, national reviewers). */
export interface Viewer {
  authenticated: boolean;
  organizationId?: string | null;
  wide?: boolean;
}

/** One value of a facet with the number of results it would give. */
export interface FacetCount {
  value: string;
  count: number;
}

/** How a query word matched a document, for "matched by". */
export type Via = 'word' | 'part' | 'glossary' | 'ngram' | 'typo' | 'related';
