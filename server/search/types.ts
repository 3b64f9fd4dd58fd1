// What the in-process catalogue index keeps per dataset, and the names of the search facets.
import type { ClassificationLevel } from '../policy/visibility';
import type { PolicyDataset } from '../policy/types';
import type { LiveSnapshot } from '../datasets/model';

/** The facets of docs/design.md §6, named as the query parameters that filter them. */
export const FACETS = ['modality', 'task', 'license', 'accessLevel', 'classification', 'provider', 'krTech', 'usCet', 'language'] as const;
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
