// The datasets the observatory counts: the catalogue entries (published, not withdrawn) the caller
// may list, read from the process's catalogue index rather than scanned from the database.
// entryVisible is the in-memory twin of catalogFilter (server/datasets/access.ts), so an anonymous
// visitor counts only `public` datasets and a provider's members also their own confidential ones.
import { datasetStore } from '../datasets/store';
import type { AuthUser } from '../http/context';
import { catalogIndex } from '../search/registry';
import type { CatalogEntry } from '../search/types';
import { entryVisible, viewerOf, type Viewer } from '../search/visibility';
import { areasOf, originOf, type ObservedDataset } from './aggregate';

/** When the dataset first appeared here: version 1's publication, or its harvest for a harvested one. */
function appearedAt(entry: CatalogEntry, origin: ReturnType<typeof originOf>): Date {
  if (origin.kind === 'harvested' && origin.harvestedAt) return origin.harvestedAt;
  const store = datasetStore();
  const doc = store.get(entry.id);
  const first = doc ? store.versionsOf(doc)?.[0] : undefined;
  return first?.version === 1 ? new Date(first.publishedAt) : entry.publishedAt;
}

/** The observatory's view of one catalogue entry. */
export function observedOf(entry: CatalogEntry): ObservedDataset {
  // The harvesting module keeps `origin` on the document; either place is accepted while it settles.
  const doc = datasetStore().get(entry.id) as { origin?: unknown } | undefined;
  const origin = originOf(doc?.origin ?? (entry.live as { origin?: unknown }).origin);
  const { kr, us } = areasOf(entry.live.techAreas);
  return { id: entry.id, kr, us, origin: origin.kind, appearedAt: appearedAt(entry, origin) };
}

/** Every catalogue dataset the viewer may list, as the observatory counts it. */
export async function visibleDatasets(viewer: Viewer): Promise<ObservedDataset[]> {
  const index = catalogIndex();
  await index.ready();
  const out: ObservedDataset[] = [];
  for (const entry of index.entries()) if (entryVisible(entry, viewer)) out.push(observedOf(entry));
  return out;
}

/**
 * The caller's visibility tier, the key of the cached answer: callers in one tier list exactly the
 * same datasets (anonymous, signed in without an organisation, members of one organisation, or
 * those who see every provider).
 */
export function tierOf(user: AuthUser | null): { key: string; viewer: Viewer } {
  const viewer = viewerOf(user);
  if (!viewer.authenticated) return { key: 'anonymous', viewer };
  if (viewer.wide) return { key: 'all', viewer };
  return { key: viewer.organizationId ? `org:${viewer.organizationId}` : 'signed_in', viewer };
}
