// Policy engine request bodies (docs/design.md §4): `POST /api/v1/policy/evaluate`.
import type { FromSchema } from 'json-schema-to-ts';
import { classification, country, disclosure, license, objectId } from './defs';
import { ACCESS_SCOPE_CODES, ORGANIZATION_TYPE_CODES, PURPOSE_CODES } from './taxonomy';

/** Inline disclosure rules to evaluate without a stored dataset: the parts publication would require. */
const inlineDataset = {
  type: 'object',
  additionalProperties: false,
  required: ['disclosure', 'classification', 'license'],
  properties: { disclosure, classification, license },
} as const;

/** A what-if profile: the organisation's country and type. */
const whatIfRequester = {
  type: 'object',
  additionalProperties: false,
  required: ['country', 'orgType'],
  properties: {
    country,
    orgType: { type: 'string', enum: ORGANIZATION_TYPE_CODES },
  },
} as const;

/**
 * `POST /policy/evaluate`: a stored dataset (`datasetId`) or inline rules (`dataset`), exactly one;
 * an optional what-if `requester` (without it the caller is evaluated as they are).
 */
export const policyEvaluateSchema = {
  $id: 'policy.evaluate',
  type: 'object',
  additionalProperties: false,
  required: ['purpose', 'scope'],
  properties: {
    datasetId: objectId,
    dataset: inlineDataset,
    requester: whatIfRequester,
    purpose: { type: 'string', enum: PURPOSE_CODES },
    scope: { type: 'string', enum: ACCESS_SCOPE_CODES },
  },
  // Exactly one of datasetId and dataset, each reported at its own path: `/dataset` not_allowed
  // next to a datasetId, `/dataset` required when neither is given.
  if: { required: ['datasetId'] },
  then: { properties: { dataset: false } },
  else: { required: ['dataset'] },
} as const;
export type PolicyEvaluate = FromSchema<typeof policyEvaluateSchema>;
