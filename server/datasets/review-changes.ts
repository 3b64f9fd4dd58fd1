// "Changes since the last review" (docs/design.md §5): the working copy against what the last reviewer
// decided on — the content and files kept when they asked for changes, or the published version
// when they approved. Read by GET /datasets/{id}/review-changes (docs/api.md).
import type { Types } from 'mongoose';
import { contentOf } from './content';
import type { DatasetDoc, ReviewEvent } from './model';
import { contentChanges, factsOf, fileDifferences, type ArtifactFacts, type FieldChange } from './review-diff';
import { DatasetReviewRecord, type DatasetReviewRecordDoc } from './review-record';

export interface ReviewChanges {
  id: string;
  status: DatasetDoc['status'];
  /** The decision compared against; null when nobody has decided on this dataset yet. */
  since: {
    action: 'approve' | 'request_changes';
    at: Date;
    by: { id: string; name: string };
    comment: string | null;
    /** The version published by that approval, or the published version at the time of the request. */
    version: number;
  } | null;
  /** False when the decision is older than the records kept (nothing to compare with). */
  comparable: boolean;
  fields: FieldChange[];
  files: { added: ArtifactFacts[]; removed: ArtifactFacts[] };
}

/** The last approve or request_changes of a review history. */
function lastDecision(history: readonly ReviewEvent[]): ReviewEvent | null {
  for (let i = history.length - 1; i >= 0; i--) if (history[i].action === 'approve' || history[i].action === 'request_changes') return history[i];
  return null;
}

async function recordOf(datasetId: Types.ObjectId, at: Date): Promise<DatasetReviewRecordDoc | null> {
  return DatasetReviewRecord.findOne({ datasetId, at: new Date(at) }).lean<DatasetReviewRecordDoc>();
}

/** What changed in the working copy since the last review decision (the caller checks who may see it). */
export async function reviewChangesOf(doc: DatasetDoc): Promise<ReviewChanges> {
  const decision = lastDecision(doc.reviewHistory ?? []);
  const working = doc.artifacts.filter((a) => a.status === 'available').map(factsOf);
  const out: ReviewChanges = { id: String(doc._id), status: doc.status, since: null, comparable: true, fields: [], files: { added: [], removed: [] } };
  if (!decision) return out;
  out.since = {
    action: decision.action as 'approve' | 'request_changes',
    at: decision.at,
    by: { id: String(decision.by), name: decision.byName },
    comment: decision.comment ?? null,
    version: decision.version ?? doc.live?.version ?? 0,
  };
  // An approval is the latest decision, so the published snapshot is exactly what was approved.
  const baseline =
    decision.action === 'approve'
      ? doc.live && { content: contentOf(doc.live), files: doc.live.artifacts.map(factsOf) }
      : await recordOf(doc._id, decision.at);
  if (!baseline) {
    out.comparable = false;
    return out;
  }
  out.fields = contentChanges(baseline.content, contentOf(doc));
  out.files = fileDifferences(baseline.files, working);
  return out;
}
