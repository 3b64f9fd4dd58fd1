import type { BilingualText } from '../../components/Bi';

export type Decision = 'allow' | 'sign_in_required' | 'request_required' | 'enclave_only' | 'deny';

export interface Explained {
  decision: Decision;
  reasons: { code: string; message: string }[];
  /** `metByGrant`: the caller's approved request already met it (POST /policy/evaluate for the caller). */
  requirements: { code: string; message: string; blocking: boolean; metByGrant?: boolean }[];
  /** The caller's active grant that makes the answer `allow`, when one does. */
  grant?: { requestId: string; scope: 'samples' | 'full'; purpose: string; expiresAt: string; link: string };
}

export interface HistoryEntry {
  at: string;
  actor: { id: string; name: string } | null;
  bySystem: boolean;
  from: string | null;
  to: string;
  note?: string | null;
}

export interface AccessRequestView {
  id: string;
  kind: string;
  status: string;
  dataset: { id: string; slug: string | null; title: BilingualText };
  scope: string;
  purpose: string;
  statement: string;
  durationDays: number;
  acceptedAgreements: { code: string; acceptedAt: string }[];
  evaluation: Explained & { maxGrantDays?: number };
  decidedBy: { id: string; name: string } | null;
  decidedBySystem?: boolean;
  decidedAt: string | null;
  decisionReason: string | null;
  conditions: string[] | null;
  expiresAt: string | null;
  revokedAt?: string | null;
  revokeReason?: string | null;
  history: HistoryEntry[];
  ageDays: number;
  slaDays: number;
  overdue: boolean;
  submittedAt: string;
}

/** Statuses in which the requester may still withdraw. */
export const WITHDRAWABLE = ['submitted', 'under_review', 'changes_requested'];

/** The agreement code on the request form that answers a requirement code, if it needs acceptance. */
export function agreementFor(requirement: string): string | null {
  if (requirement === 'accept_dua') return 'dua';
  if (requirement === 'pseudonymized_data_terms' || requirement === 'cross_border_agreement') return requirement;
  return null;
}

export const STATUS_CLASS: Record<string, string> = {
  approved: 'success',
  rejected: 'danger',
  revoked: 'danger',
  changes_requested: 'warning',
  expired: 'warning',
  submitted: 'primary',
  under_review: 'primary',
};
