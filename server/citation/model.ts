// What a citation is built from: one published version of a dataset, already chosen and loaded
// (load.ts reads it for a caller; the Croissant export makes one from what it shows). Pure.
import type { DatasetContent } from '../datasets/model';
import type { ExportDataset } from '../interop/source';

/** One published version of the history, oldest first in `CitationSource.versions`. */
export interface PublishedVersion {
  version: number;
  publishedAt: Date;
}

/** Everything the formats need, already chosen for one version (pure data, no I/O behind it). */
export interface CitationSource {
  slug: string;
  /** The cited version and its approved content. */
  version: number;
  content: DatasetContent;
  /** When the cited version was published. */
  publishedAt: Date;
  /** Every published version, oldest first (the cited one among them). */
  versions: PublishedVersion[];
  /** The provider organisation: the author (and, as the contact's organisation, the publisher). */
  provider: { slug: string; name: { ko?: string; en?: string } } | null;
  /** The public base URL of the site, without a trailing slash. */
  baseUrl: string;
  /** The day the reader accessed the dataset (today for live requests; fixed in tests). */
  accessed: Date;
}

/** The stable URL of one version: `<base>/datasets/<slug>?version=<n>` (docs/citations.md). */
export function versionUrl(baseUrl: string, slug: string, version: number): string {
  return `${baseUrl}/datasets/${encodeURIComponent(slug)}?version=${version}`;
}

/** The URL of the dataset across versions (the concept every version is a version of). */
export function conceptUrl(baseUrl: string, slug: string): string {
  return `${baseUrl}/datasets/${encodeURIComponent(slug)}`;
}

/** The citation source of the published version an export shows (null before the first publication). */
export function citationSourceOfExport(ds: ExportDataset, baseUrl: string, accessed = new Date()): CitationSource | null {
  if (ds.version < 1 || !ds.publishedAt) return null;
  const publishedAt = new Date(ds.publishedAt);
  return {
    slug: ds.slug,
    version: ds.version,
    content: ds.content,
    publishedAt,
    // The formats an export carries (BibTeX) need no history.
    versions: [{ version: ds.version, publishedAt }],
    provider: ds.provider ? { slug: ds.provider.slug, name: ds.provider.name } : null,
    baseUrl,
    accessed,
  };
}
