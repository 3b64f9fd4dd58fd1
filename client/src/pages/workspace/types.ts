// Shapes of the API responses the workspace pages read (server/datasets/presenter.ts,
// server/labeling/presenter.ts). Provider-written content is typed from the shared JSON Schema.
import type { DatasetDraft } from '@schemas/dataset';
import type { DatasetStatus, QaDirection, QaMetric } from '@schemas/taxonomy';
import type { BilingualText } from '../../components/Bi';
import type { Artifact } from '../../lib/upload';

/** One entry of a dataset's review history. */
export interface ReviewEvent {
  action: 'submit' | 'approve' | 'request_changes' | 'withdraw';
  by: string;
  byName: string;
  at: string;
  comment: string | null;
  version: number | null;
}

/** What approving a revision changes in the public file set. */
export interface FileChanges {
  added: Artifact[];
  removed: Artifact[];
}

/** A dataset's working copy as members and reviewers see it. */
export type WorkingDataset = DatasetDraft & {
  id: string;
  slug: string;
  status: DatasetStatus;
  version: number;
  provider: { id: string; slug: string; name: BilingualText; country: string; type: string } | null;
  artifacts: Artifact[];
  /** Files this working copy adds to or removes from the published set (null before the first publication). */
  fileChanges?: FileChanges | null;
  review?: { submittedBy: string | null; changeNote?: BilingualText | null; history: ReviewEvent[] };
  published?: { version: number; publishedAt: string } | null;
  createdAt?: string;
  updatedAt?: string;
  etag?: string;
};

/** A QA target of a labeling procedure version. */
export interface QaTarget {
  metric: QaMetric;
  target: number;
  direction: QaDirection;
}

/** A labeling procedure (one version of it) as the registry presents it. */
export interface ProcedureVersion {
  id?: string;
  procedureId: string;
  slug?: string;
  version: number;
  status: 'draft' | 'active' | 'superseded' | 'retired';
  title?: BilingualText;
  taskType?: string;
  activeVersion?: number | null;
  versions?: { version: number; status: string; activatedAt: string | null }[];
  qa?: { inspection?: string; samplingRate?: number; verifiedBy?: string; targets?: QaTarget[] };
  provider?: { id: string; slug: string; name: BilingualText } | null;
}

/** The latest event of `action` in a review history. */
export function lastEvent(ds: Pick<WorkingDataset, 'review'>, action: ReviewEvent['action']): ReviewEvent | undefined {
  const history = ds.review?.history ?? [];
  for (let i = history.length - 1; i >= 0; i--) if (history[i].action === action) return history[i];
  return undefined;
}
