import mongoose, { Schema, type Types } from 'mongoose';
import type { Decision, Purpose, ReasonCode, RequirementCode } from '../policy/types';

/** Stored states. `expired` is also computed at read time from `expiresAt` (see status.ts). */
export const ACCESS_REQUEST_STATES = [
  'submitted',
  'under_review',
  'approved',
  'rejected',
  'changes_requested',
  'withdrawn',
  'expired',
  'revoked',
] as const;
export type AccessRequestState = (typeof ACCESS_REQUEST_STATES)[number];

/** States a reviewer still has to act on. */
export const PENDING_STATES: readonly AccessRequestState[] = ['submitted', 'under_review'];

/** States of a request still in someone's hands (the requester's or a reviewer's): not yet settled. */
export const OPEN_STATES = ['submitted', 'under_review', 'changes_requested'] as const satisfies readonly AccessRequestState[];

/** One step of the request's life, shown to the requester with its timestamp. */
export interface HistoryEntry {
  at: Date;
  /** null when the system acted (automatic approval, expiry). */
  actor: Types.ObjectId | null;
  actorName: string | null;
  from: AccessRequestState | null;
  to: AccessRequestState;
  note: string | null;
}

/** The policy engine's answer when the request was (re)submitted, kept as evidence for reviewers. */
export interface EvaluationSnapshot {
  decision: Decision;
  reasons: ReasonCode[];
  requirements: Array<{ code: RequirementCode; blocking: boolean }>;
  datasetVersion: number;
  /** The dataset's maxGrantDays at that moment (the request's duration was checked against it). */
  maxGrantDays: number;
  evaluatedAt: Date;
}

export interface AcceptedAgreement {
  code: string;
  acceptedAt: Date;
}

export interface AccessRequestDoc {
  _id: Types.ObjectId;
  kind: 'access' | 'enclave_session';
  datasetId: Types.ObjectId;
  /** The dataset's provider organisation: whose reviewers decide. */
  providerId: Types.ObjectId;
  requesterId: Types.ObjectId;
  /** The requester's organisation when the request was made (null for an account without a granted membership). */
  requesterOrgId: Types.ObjectId | null;
  idempotencyKey: string;
  /** SHA-256 of the canonical create body: the same key with another body is a client bug (409). */
  bodyHash: string;
  scope: 'samples' | 'full';
  purpose: Purpose;
  statement: string;
  durationDays: number;
  acceptedAgreements: AcceptedAgreement[];
  evaluation: EvaluationSnapshot;
  status: AccessRequestState;
  /** Optimistic-concurrency revision: every transition matches it and increments it. */
  rev: number;
  /** When the request last entered the reviewers' queue (creation or resubmission): the SLA clock. */
  submittedAt: Date;
  claimedBy: Types.ObjectId | null;
  claimedByName: string | null;
  decidedBy: Types.ObjectId | null;
  decidedByName: string | null;
  decidedBySystem: boolean;
  decidedAt: Date | null;
  decisionReason: string | null;
  conditions: string[];
  evidence: string | null;
  expiresAt: Date | null;
  revokedAt: Date | null;
  revokedBy: Types.ObjectId | null;
  revokeReason: string | null;
  history: HistoryEntry[];
  createdAt: Date;
  updatedAt: Date;
}

const M = Schema.Types.Mixed;
const accessRequestSchema = new Schema<AccessRequestDoc>(
  {
    kind: { type: String, required: true, default: 'access' },
    datasetId: { type: Schema.Types.ObjectId, required: true },
    providerId: { type: Schema.Types.ObjectId, required: true },
    requesterId: { type: Schema.Types.ObjectId, required: true },
    requesterOrgId: { type: Schema.Types.ObjectId, default: null },
    idempotencyKey: { type: String, required: true },
    bodyHash: { type: String, required: true },
    scope: { type: String, required: true },
    purpose: { type: String, required: true },
    statement: { type: String, required: true },
    durationDays: { type: Number, required: true },
    acceptedAgreements: { type: [M] as never, default: [] },
    evaluation: { type: M, required: true },
    status: { type: String, required: true },
    rev: { type: Number, default: 1 },
    submittedAt: { type: Date, required: true },
    claimedBy: { type: Schema.Types.ObjectId, default: null },
    claimedByName: { type: String, default: null },
    decidedBy: { type: Schema.Types.ObjectId, default: null },
    decidedByName: { type: String, default: null },
    decidedBySystem: { type: Boolean, default: false },
    decidedAt: { type: Date, default: null },
    decisionReason: { type: String, default: null },
    conditions: { type: [String], default: [] },
    evidence: { type: String, default: null },
    expiresAt: { type: Date, default: null },
    revokedAt: { type: Date, default: null },
    revokedBy: { type: Schema.Types.ObjectId, default: null },
    revokeReason: { type: String, default: null },
    history: { type: [M] as never, default: [] },
  },
  { timestamps: true, minimize: false, versionKey: false, collection: 'access_requests' },
);
// Idempotent create: a retried POST with the same Idempotency-Key finds (and cannot duplicate) the request.
accessRequestSchema.index({ requesterId: 1, idempotencyKey: 1 }, { unique: true });
// GET /access-requests?mine=true: the requester's own requests, newest first.
accessRequestSchema.index({ requesterId: 1, createdAt: -1 });
// activeGrantsFor(): approved, unexpired requests of one user on one dataset.
accessRequestSchema.index({ requesterId: 1, datasetId: 1, status: 1, expiresAt: 1 });
// Reviewer queue of one provider organisation: by status, oldest submission first.
accessRequestSchema.index({ providerId: 1, status: 1, submittedAt: 1 });
// Queue of national reviewers and admins (every provider): by status, oldest submission first.
accessRequestSchema.index({ status: 1, submittedAt: 1 });

export const AccessRequest = mongoose.model<AccessRequestDoc>('AccessRequest', accessRequestSchema);

/**
 * One row per transition, keyed by the revision it starts from. Inserting it is how a transition
 * claims that revision: the unique index lets exactly one of several concurrent actors move a
 * request on from revision N. (A conditional findOneAndUpdate alone is atomic on MongoDB but not
 * on FerretDB's SQLite backend (run locally with telemetry disabled), which reads and writes in separate steps; unique indexes hold on both.)
 */
export interface AccessRequestTransitionDoc {
  _id: Types.ObjectId;
  requestId: Types.ObjectId;
  fromRev: number;
  from: AccessRequestState;
  to: AccessRequestState;
  actor: Types.ObjectId | null;
  at: Date;
}

const transitionSchema = new Schema<AccessRequestTransitionDoc>(
  {
    requestId: { type: Schema.Types.ObjectId, required: true },
    fromRev: { type: Number, required: true },
    from: { type: String, required: true },
    to: { type: String, required: true },
    actor: { type: Schema.Types.ObjectId, default: null },
    at: { type: Date, required: true },
  },
  { versionKey: false, collection: 'access_request_transitions' },
);
// Decides races: one transition per (request, starting revision); the loser reads the winner's target here.
transitionSchema.index({ requestId: 1, fromRev: 1 }, { unique: true });

export const AccessRequestTransition = mongoose.model<AccessRequestTransitionDoc>('AccessRequestTransition', transitionSchema);
