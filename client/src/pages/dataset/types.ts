// The dataset as `GET /datasets/:id` presents it (server/datasets/presenter.ts): content fields
// from the shared schema plus server-managed identity, review state and artifacts.
import type { ClassificationDraft, Contact, DisclosureDraft, Labeling, License } from '@schemas/dataset';
import type { BilingualText } from '../../components/Bi';
import type { ArtifactView, ExternalAccessView } from '@schemas/responses';
import type { DatasetOrigin } from '../harvest/types';

/** The provider organisation embedded in dataset responses. */
export interface ProviderRef {
  id: string;
  slug: string;
  name: BilingualText;
  country: string;
  type: string;
}

/** A file of a dataset; `downloadUrl` is set only for available files (schemas/responses/datasets.ts). */
export type { ArtifactView } from '@schemas/responses';

/** One entry of the publication review history (working copies only). */
export interface ReviewEvent {
  action: string;
  by: string;
  byName?: string;
  at: string;
  comment: string | null;
  version: number | null;
}

/** The provider-written content (schemas/dataset.ts `editableFields`); a draft may lack any of it. */
interface Content {
  title?: BilingualText;
  summary?: BilingualText;
  description?: BilingualText;
  keywords?: { ko?: string[]; en?: string[] };
  modalities?: string[];
  tasks?: string[];
  languages?: string[];
  techAreas?: { kr?: string[]; us?: string[] };
  domain?: string;
  temporalCoverage?: { start?: string; end?: string };
  spatialCoverage?: BilingualText;
  size?: { records?: number; bytes?: number; hours?: number };
  formats?: string[];
  license?: License;
  disclosure?: DisclosureDraft;
  classification?: ClassificationDraft;
  labeling?: Labeling;
  contact?: Contact;
  /** Full-data access held elsewhere: the working copy's, or the published one's when the engine allows the caller scope `full`. */
  externalAccess?: ExternalAccessView[];
}

/** A dataset as presented: the published snapshot (everyone) or the working copy (members, reviewers, admins). */
export interface DatasetView extends Content {
  id: string;
  slug: string;
  status: 'draft' | 'in_review' | 'changes_requested' | 'published' | 'withdrawn';
  version: number;
  provider: ProviderRef | null;
  artifacts: ArtifactView[];
  publishedAt?: string | null;
  withdrawnAt?: string | null;
  /** Working copy only. */
  review?: { submittedBy: string | null; changeNote?: BilingualText | null; history: ReviewEvent[] };
  /** Working copy only: files it adds to or removes from the published set (null before the first publication). */
  fileChanges?: { added: ArtifactView[]; removed: ArtifactView[] } | null;
  /** Working copy only: the version in the catalogue while a revision is edited. */
  published?: { version: number; publishedAt: string } | null;
  updatedAt?: string;
  /** Typed in here (`local`) or harvested from a registered source (docs/harvesting-client.md). */
  origin?: DatasetOrigin;
}

/** One published version in `GET /datasets/:id/versions`. */
export interface DatasetVersionEntry {
  version: number;
  publishedAt: string;
  /** The provider's public summary of what the version changed. */
  changeNote: BilingualText | null;
  changedFields: string[];
  /** The reviewer's note on approval: present only for the provider's members, reviewers and admins. */
  reviewerComment?: string | null;
}
