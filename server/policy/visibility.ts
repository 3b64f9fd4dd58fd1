/** Classification levels in increasing order of restriction (docs/design.md §4). */
export type ClassificationLevel = 'public' | 'internal' | 'sensitive' | 'confidential';

/** What the visibility rule needs to know about the caller. */
export interface VisibilityViewer {
  authenticated: boolean;
  providerMember: boolean;
  /** A reviewer for this provider (its own reviewer or a national reviewer) or an admin. */
  reviewer: boolean;
}

/** docs/design.md §4 step 1: may this caller see the metadata of a dataset at this classification level? */
export function metadataVisible(level: ClassificationLevel | undefined, viewer: VisibilityViewer): boolean {
  if (viewer.providerMember || viewer.reviewer) return true;
  switch (level ?? 'public') {
    case 'public':
      return true;
    case 'internal':
    case 'sensitive':
      return viewer.authenticated;
    default:
      return false;
  }
}

/** The classification levels an outsider with this authentication state may list. */
export function listableLevels(authenticated: boolean): ClassificationLevel[] {
  return authenticated ? ['public', 'internal', 'sensitive'] : ['public'];
}
