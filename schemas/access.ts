// Access-request bodies (docs/design.md §5 "Access requests"): create, decide, resubmit, revoke, withdraw.
import type { FromSchema } from 'json-schema-to-ts';
import { objectId, text, uniqueList } from './defs';
import { codesOf, PURPOSE_CODES, type TaxonomyItem } from './taxonomy';

/**
 * Agreements a requester can accept on the request form. `dua` is the click-through data use
 * agreement (`accept_dua`); the others are commitments a reviewer checks against the requirements.
 */
export const ACCESS_AGREEMENTS = [
  { code: 'dua', label: { ko: '데이터 이용 계약(DUA)', en: 'Data use agreement (DUA)' } },
  { code: 'pseudonymized_data_terms', label: { ko: '가명정보 처리 조건', en: 'Pseudonymised data terms' } },
  { code: 'cross_border_agreement', label: { ko: '국외 반출 계약', en: 'Cross-border transfer agreement' } },
  { code: 'attribution', label: { ko: '출처 표시', en: 'Attribution' } },
  { code: 'no_redistribution', label: { ko: '재배포 금지', en: 'No redistribution' } },
] as const satisfies readonly TaxonomyItem[];
export const ACCESS_AGREEMENT_CODES = codesOf(ACCESS_AGREEMENTS);
export type AccessAgreement = (typeof ACCESS_AGREEMENT_CODES)[number];

/** Scopes one can ask for; metadata needs no request. */
export const REQUESTABLE_SCOPES = ['samples', 'full'] as const;
export const ACCESS_DECISIONS = ['approve', 'reject', 'request_changes'] as const;

export const STATEMENT_MIN = 30;
export const STATEMENT_MAX = 4000;

const statement = { ...text(STATEMENT_MAX), minLength: STATEMENT_MIN } as const;
const agreements = uniqueList({ type: 'string', enum: ACCESS_AGREEMENT_CODES } as const, ACCESS_AGREEMENT_CODES.length);
const reason = text(2000);

/** `POST /access-requests` body (with a required `Idempotency-Key` header). */
export const accessRequestCreateSchema = {
  $id: 'accessRequests.create',
  type: 'object',
  additionalProperties: false,
  required: ['datasetId', 'scope', 'purpose', 'statement', 'durationDays'],
  properties: {
    datasetId: objectId,
    scope: { type: 'string', enum: REQUESTABLE_SCOPES },
    purpose: { type: 'string', enum: PURPOSE_CODES },
    statement,
    // Also bounded by the dataset's maxGrantDays, checked against the stored dataset.
    durationDays: { type: 'integer', minimum: 1, maximum: 1095 },
    acceptedAgreements: agreements,
  },
} as const;
export type AccessRequestCreate = FromSchema<typeof accessRequestCreateSchema>;

/**
 * `POST /access-requests/{id}/decision` body. An approval without `expiresAt` runs for the
 * requested duration from the decision (capped by the dataset's maxGrantDays).
 */
export const accessRequestDecisionSchema = {
  $id: 'accessRequests.decision',
  type: 'object',
  additionalProperties: false,
  required: ['decision', 'reason'],
  properties: {
    decision: { type: 'string', enum: ACCESS_DECISIONS },
    reason,
    conditions: { type: 'array', items: text(500), maxItems: 20 },
    expiresAt: { type: 'string', format: 'date-time' },
    // Permit or approval number when export_license or government_approval applies.
    evidence: text(200),
  },
} as const;
export type AccessRequestDecision = FromSchema<typeof accessRequestDecisionSchema>;

/** `POST /access-requests/{id}/resubmit` body: the requester may revise the statement and agreements. */
export const accessRequestResubmitSchema = {
  $id: 'accessRequests.resubmit',
  type: 'object',
  additionalProperties: false,
  properties: {
    statement,
    acceptedAgreements: agreements,
    note: reason,
  },
} as const;
export type AccessRequestResubmit = FromSchema<typeof accessRequestResubmitSchema>;

/** `POST /access-requests/{id}/revoke` body: a reason the grantee reads. */
export const accessRequestRevokeSchema = {
  $id: 'accessRequests.revoke',
  type: 'object',
  additionalProperties: false,
  required: ['reason'],
  properties: { reason },
} as const;
export type AccessRequestRevoke = FromSchema<typeof accessRequestRevokeSchema>;

/** `POST /access-requests/{id}/withdraw` body: an optional note. */
export const accessRequestWithdrawSchema = {
  $id: 'accessRequests.withdraw',
  type: 'object',
  additionalProperties: false,
  properties: { note: reason },
} as const;
export type AccessRequestWithdraw = FromSchema<typeof accessRequestWithdrawSchema>;
