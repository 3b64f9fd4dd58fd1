// The caller's access to one dataset as `GET /datasets/{id}/my-access` answers it
// (server/access/my-access.ts; docs/api.md "Your access").
import type { BilingualText } from '../../components/Bi';
import type { ArtifactView } from '../dataset/types';

/** One way to the full data held elsewhere (docs/design.md §3 `externalAccess`). */
export interface ExternalAccessView {
  id: string;
  kind: 'url' | 'instructions';
  url?: string;
  text: BilingualText;
}

interface RequestRef {
  requestId: string;
  /** The client page of the request. */
  link: string;
  kind: string;
  scope: 'samples' | 'full';
  purpose: string;
  status: string;
}

export interface ActiveGrant extends RequestRef {
  conditions: string[];
  decidedAt: string | null;
  decidedBySystem: boolean;
  expiresAt: string;
  daysLeft: number;
  files: Array<ArtifactView & { scope: 'samples' | 'full' }>;
  externalAccess: ExternalAccessView[];
}

export interface EndedGrant extends RequestRef {
  endedAt: string;
  expiresAt: string | null;
  revokeReason: string | null;
}

export interface OpenRequest extends RequestRef {
  submittedAt: string;
  durationDays: number;
}

export interface MyAccess {
  dataset: { id: string; slug: string };
  active: ActiveGrant[];
  ended: EndedGrant[];
  open: OpenRequest[];
}

/** The open request or active grant that already covers a new request for (scope, purpose), if any (a `full` one covers `samples`). */
export function coveringRequest(access: MyAccess | null, scope: 'samples' | 'full', purpose: string): RequestRef | null {
  if (!access) return null;
  const covers = (r: RequestRef) => r.purpose === purpose && (r.scope === scope || r.scope === 'full');
  return access.active.find(covers) ?? access.open.find(covers) ?? null;
}
