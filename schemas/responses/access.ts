// Response bodies of access requests, "your access" and the policy engine
// (server/access/presenter.ts, server/access/my-access.ts, server/policy/routes.ts).
import { externalAccessItem } from '../dataset';
import { ACCESS_REQUEST_STATUS_CODES, ACCESS_SCOPE_CODES, PURPOSE_CODES } from '../taxonomy';
import { bilingual, dateTime, hexId, nullableDateTime, nullableString, pageOf, stringList } from './common';
import { artifactView } from './datasets';

const decision = { type: 'string', enum: ['allow', 'sign_in_required', 'request_required', 'enclave_only', 'deny'] } as const;
const reason = {
  type: 'object',
  required: ['code', 'message'],
  properties: { code: { type: 'string' }, message: { type: 'string' } },
} as const;
const requirement = {
  type: 'object',
  required: ['code', 'message', 'blocking'],
  properties: { code: { type: 'string' }, message: { type: 'string' }, blocking: { type: 'boolean' }, metByGrant: { type: 'boolean' } },
} as const;
const person = {
  anyOf: [{ type: 'object', required: ['id', 'name'], properties: { id: hexId, name: { type: 'string' } } }, { type: 'null' }],
} as const;
const kind = { type: 'string', enum: ['access', 'enclave_session'] } as const;
const scope = { type: 'string', enum: ACCESS_SCOPE_CODES } as const;
const purpose = { type: 'string', enum: PURPOSE_CODES } as const;
const status = { type: 'string', enum: ACCESS_REQUEST_STATUS_CODES } as const;

/** The policy engine's answer with messages in the caller's language (docs/design.md §4). */
export const policyEvaluationSchema = {
  $id: 'policy.evaluation',
  type: 'object',
  required: ['decision', 'reasons', 'requirements'],
  properties: {
    decision,
    reasons: { type: 'array', items: reason },
    requirements: { type: 'array', items: requirement },
    grant: {
      type: 'object',
      required: ['requestId', 'scope', 'purpose', 'expiresAt', 'link'],
      properties: { requestId: { type: 'string' }, scope, purpose, expiresAt: nullableDateTime, link: { type: 'string' } },
    },
  },
} as const;

/** An access request for its requester or a reviewer, with its evaluation, decision, history and SLA. */
export const accessRequestViewSchema = {
  $id: 'accessRequests.view',
  type: 'object',
  required: [
    'id',
    'kind',
    'status',
    'dataset',
    'requester',
    'scope',
    'purpose',
    'evaluation',
    'history',
    'ageDays',
    'slaDays',
    'overdue',
    'submittedAt',
  ],
  properties: {
    id: hexId,
    kind,
    status,
    dataset: { type: 'object', required: ['id', 'slug', 'title'], properties: { id: hexId, slug: nullableString, title: bilingual } },
    requester: {
      type: 'object',
      required: ['id', 'name', 'organization'],
      properties: {
        id: hexId,
        name: { type: 'string' },
        organization: {
          anyOf: [
            {
              type: 'object',
              required: ['slug', 'name', 'country', 'type'],
              properties: { slug: { type: 'string' }, name: bilingual, country: { type: 'string' }, type: { type: 'string' } },
            },
            { type: 'null' },
          ],
        },
      },
    },
    scope,
    purpose,
    statement: nullableString,
    durationDays: { type: ['integer', 'null'] },
    acceptedAgreements: {
      type: 'array',
      items: { type: 'object', required: ['code'], properties: { code: { type: 'string' }, acceptedAt: nullableDateTime } },
    },
    evaluation: {
      type: 'object',
      required: ['decision', 'reasons', 'requirements'],
      properties: {
        ...policyEvaluationSchema.properties,
        datasetVersion: { type: ['integer', 'null'] },
        maxGrantDays: { type: ['integer', 'null'] },
        evaluatedAt: nullableDateTime,
      },
    },
    claimedBy: person,
    decidedBy: person,
    decidedBySystem: { type: ['boolean', 'null'] },
    decidedAt: nullableDateTime,
    decisionReason: nullableString,
    conditions: { anyOf: [stringList, { type: 'null' }] },
    evidence: {},
    expiresAt: nullableDateTime,
    revokedAt: nullableDateTime,
    revokeReason: nullableString,
    history: {
      type: 'array',
      items: {
        type: 'object',
        required: ['at', 'actor', 'bySystem', 'to'],
        properties: {
          at: dateTime,
          actor: person,
          bySystem: { type: 'boolean' },
          from: { type: ['string', 'null'] },
          to: { type: 'string' },
          note: nullableString,
        },
      },
    },
    ageDays: { type: 'integer', minimum: 0 },
    slaDays: { type: 'number' },
    overdue: { type: 'boolean' },
    submittedAt: dateTime,
    createdAt: dateTime,
    updatedAt: dateTime,
  },
} as const;

/** `GET /access-requests`: the caller's requests or the reviewers' queue. */
export const accessRequestListSchema = { $id: 'accessRequests.list', ...pageOf(accessRequestViewSchema) } as const;

const grantBase = {
  requestId: hexId,
  link: { type: 'string' },
  kind,
  scope,
  purpose,
  status,
} as const;
const grantBaseRequired = ['requestId', 'link', 'kind', 'scope', 'purpose', 'status'] as const;

/** One file an active grant opens: the artifact view with the grant's scope and a download URL carrying its purpose. */
export const grantFile = {
  ...artifactView,
  required: [...artifactView.required, 'scope'],
  properties: { ...artifactView.properties, scope: { type: 'string', enum: ['samples', 'full'] } },
} as const;

/** `GET /datasets/{id}/my-access`: the caller's active grants, recently ended grants and open requests on one dataset. */
export const myAccessSchema = {
  $id: 'accessRequests.myAccess',
  type: 'object',
  required: ['dataset', 'active', 'ended', 'open'],
  properties: {
    dataset: { type: 'object', required: ['id', 'slug'], properties: { id: hexId, slug: { type: 'string' } } },
    active: {
      type: 'array',
      items: {
        type: 'object',
        required: [...grantBaseRequired, 'conditions', 'expiresAt', 'daysLeft', 'files', 'externalAccess'],
        properties: {
          ...grantBase,
          conditions: stringList,
          decidedAt: nullableDateTime,
          decidedBySystem: { type: ['boolean', 'null'] },
          expiresAt: dateTime,
          daysLeft: { type: 'integer' },
          files: { type: 'array', items: grantFile },
          externalAccess: { type: 'array', items: externalAccessItem },
        },
      },
    },
    ended: {
      type: 'array',
      items: {
        type: 'object',
        required: [...grantBaseRequired, 'endedAt'],
        properties: { ...grantBase, endedAt: dateTime, expiresAt: nullableDateTime, revokeReason: nullableString },
      },
    },
    open: {
      type: 'array',
      items: {
        type: 'object',
        required: [...grantBaseRequired, 'submittedAt'],
        properties: { ...grantBase, submittedAt: dateTime, durationDays: { type: ['integer', 'null'] } },
      },
    },
  },
} as const;
