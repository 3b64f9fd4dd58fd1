// A dataset's files belong to its working copy; the public sees the set approved with the last
// published version (docs/design.md §3 artifacts), so adding or removing a file goes through review.
import type { ArtifactDoc, DatasetDoc } from './model';

/** The files a face of the dataset holds: the approved set for the public, the working copy's for its people. */
export function filesOf(doc: Pick<DatasetDoc, 'artifacts' | 'live'>, view: 'working' | 'live'): ArtifactDoc[] {
  return view === 'live' ? (doc.live?.artifacts ?? []) : doc.artifacts;
}

/**
 * Files of the working copy that differ from the approved set: added (available here, not
 * published) and removed (published, gone from here). Empty before the first publication.
 */
export function fileChanges(doc: Pick<DatasetDoc, 'artifacts' | 'live'>): { added: ArtifactDoc[]; removed: ArtifactDoc[] } {
  if (!doc.live) return { added: [], removed: [] };
  const live = new Set(doc.live.artifacts.map((a) => a.id));
  const working = new Set(doc.artifacts.map((a) => a.id));
  return {
    added: doc.artifacts.filter((a) => a.status === 'available' && !live.has(a.id)),
    removed: doc.live.artifacts.filter((a) => !working.has(a.id)),
  };
}
