import type { BilingualText } from '../../components/Bi';

/** A person named on a request (claimer, decider, history actor). */
export interface Person {
  id: string;
  name: string;
}

/** An access request as the API presents it (server/access/presenter.ts). */
export interface AccessRequest {
  id: string;
  kind: string;
  status: string;
  dataset: { id: string; slug: string | null; title: BilingualText };
  requester: { id: string; name: string; organization: { slug: string; name: BilingualText; country: string; type: string } | null };
  scope: string;
  purpose: string;
  statement: string;
  durationDays: number;
  acceptedAgreements: { code: string; acceptedAt: string }[];
  evaluation: {
    decision: string;
    reasons: { code: string; message: string }[];
    requirements: { code: string; message: string; blocking: boolean }[];
    datasetVersion?: number;
    maxGrantDays: number | null;
    evaluatedAt: string;
  };
  claimedBy: Person | null;
  decidedBy: Person | null;
  decidedBySystem: boolean;
  decidedAt: string | null;
  decisionReason: string | null;
  conditions: string[];
  evidence: string | null;
  expiresAt: string | null;
  revokedAt: string | null;
  revokeReason: string | null;
  history: { at: string; actor: Person | null; bySystem: boolean; from: string | null; to: string; note: string | null }[];
  ageDays: number;
  slaDays: number;
  overdue: boolean;
  submittedAt: string;
  createdAt: string;
  updatedAt: string;
}
