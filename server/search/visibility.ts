// Which catalogue entries a viewer may list: docs/design.md §4 step 1, the in-memory twin of catalogFilter.
import { seesAllProviders, type AuthUser } from '../http/context';
import { metadataVisible } from '../policy/visibility';
import type { CatalogEntry, Viewer } from './types';

export type { Viewer } from './types';


/** The viewer of a request. */
export function viewerOf(user: AuthUser | null): Viewer {
  if (!user) return { authenticated: false };
  return { authenticated: true, organizationId: user.organizationId ? String(user.organizationId) : null, wide: seesAllProviders(user) };
}

/** May this viewer list (and so find, count and suggest) the entry? */
export function entryVisible(entry: CatalogEntry, viewer: Viewer): boolean {
  return metadataVisible(entry.level, {
    authenticated: viewer.authenticated,
    providerMember: !!viewer.organizationId && viewer.organizationId === entry.providerId,
    reviewer: !!viewer.wide,
  });
}
