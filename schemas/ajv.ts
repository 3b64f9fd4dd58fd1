// The one AJV instance of the process (and of the browser client): every schema compiled once,
// errors translated into stable FieldErrors that the HTTP layer localises.
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import {
  accessRequestCreateSchema,
  accessRequestDecisionSchema,
  accessRequestResubmitSchema,
  accessRequestRevokeSchema,
  accessRequestWithdrawSchema,
  type AccessRequestCreate,
  type AccessRequestDecision,
  type AccessRequestResubmit,
  type AccessRequestRevoke,
  type AccessRequestWithdraw,
} from './access';
import { artifactCreateSchema, artifactPartAckSchema, artifactPartsSchema, type ArtifactCreate, type ArtifactPartAck, type ArtifactParts } from './artifact';
import {
  loginSchema,
  membershipRequestSchema,
  registerSchema,
  tokenCreateSchema,
  updateMeSchema,
  verifyEmailSchema,
  type Login,
  type MembershipRequest,
  type Register,
  type TokenCreate,
  type UpdateMe,
  type VerifyEmail,
} from './auth';
import {
  datasetCreateSchema,
  datasetDraftSchema,
  datasetPublishableSchema,
  datasetReviewSchema,
  datasetSubmitSchema,
  datasetUpdateSchema,
  datasetWithdrawSchema,
  type DatasetCreate,
  type DatasetDraft,
  type DatasetPublishable,
  type DatasetReview,
  type DatasetPatch,
  type DatasetSubmit,
  type DatasetWithdraw,
} from './dataset';
import { type FieldError } from './errors';
import { ERROR_CODES_KEYWORD, toFieldErrors } from './field-errors';

export { ERROR_CODES_KEYWORD, toFieldErrors };
import {
  labelingProcedureActivatableSchema,
  labelingProcedureCreateSchema,
  labelingProcedureDraftSchema,
  labelingProcedureUpdateSchema,
  type LabelingProcedureActivatable,
  type LabelingProcedureCreate,
  type LabelingProcedureDraft,
  type LabelingProcedurePatch,
} from './labeling-procedure';
import { policyEvaluateSchema, type PolicyEvaluate } from './policy';
import { harvestCurationSchema, harvestSourceCreateSchema, harvestSourceUpdateSchema, type HarvestCuration, type HarvestSourceCreate, type HarvestSourceUpdate } from './harvest';
import { datasetSearchSchema, type DatasetSearch } from './search';
import { statsRangeQuerySchema, type StatsRangeQuery } from './stats';
import {
  organizationCreateSchema,
  organizationUpdateSchema,
  partnerProfileSchema,
  type OrganizationCreate,
  type OrganizationUpdate,
  type PartnerProfile,
} from './organization';
import {
  memberApproveSchema,
  memberRejectSchema,
  memberUpdateSchema,
  userAdminUpdateSchema,
  userPublicSchema,
  userRoleUpdateSchema,
  type MemberApprove,
  type MemberReject,
  type MemberUpdate,
  type UserAdminUpdate,
  type UserPublic,
  type UserRoleUpdate,
} from './user';

/** Every top-level schema, each with its `$id` (also the input of the OpenAPI document). */
export const SCHEMAS = [
  datasetCreateSchema,
  datasetUpdateSchema,
  datasetDraftSchema,
  datasetPublishableSchema,
  datasetReviewSchema,
  datasetWithdrawSchema,
  datasetSubmitSchema,
  datasetSearchSchema,
  statsRangeQuerySchema,
  labelingProcedureCreateSchema,
  labelingProcedureUpdateSchema,
  labelingProcedureDraftSchema,
  labelingProcedureActivatableSchema,
  artifactCreateSchema,
  artifactPartsSchema,
  artifactPartAckSchema,
  loginSchema,
  registerSchema,
  tokenCreateSchema,
  updateMeSchema,
  verifyEmailSchema,
  membershipRequestSchema,
  organizationCreateSchema,
  organizationUpdateSchema,
  partnerProfileSchema,
  userPublicSchema,
  userRoleUpdateSchema,
  userAdminUpdateSchema,
  memberApproveSchema,
  memberUpdateSchema,
  memberRejectSchema,
  policyEvaluateSchema,
  accessRequestCreateSchema,
  accessRequestDecisionSchema,
  accessRequestResubmitSchema,
  accessRequestRevokeSchema,
  accessRequestWithdrawSchema,
  harvestSourceCreateSchema,
  harvestSourceUpdateSchema,
  harvestCurationSchema,
] as const;

export type SchemaId = (typeof SCHEMAS)[number]['$id'];

/** The TypeScript type of the data each schema accepts. */
export interface SchemaTypes {
  'datasets.create': DatasetCreate;
  'datasets.update': DatasetPatch;
  'datasets.draft': DatasetDraft;
  'datasets.publishable': DatasetPublishable;
  'datasets.review': DatasetReview;
  'datasets.withdraw': DatasetWithdraw;
  'datasets.submit': DatasetSubmit;
  'datasets.search': DatasetSearch;
  'stats.range': StatsRangeQuery;
  'labelingProcedures.create': LabelingProcedureCreate;
  'labelingProcedures.update': LabelingProcedurePatch;
  'labelingProcedures.draft': LabelingProcedureDraft;
  'labelingProcedures.activatable': LabelingProcedureActivatable;
  'artifacts.create': ArtifactCreate;
  'artifacts.parts': ArtifactParts;
  'artifacts.partAck': ArtifactPartAck;
  'auth.login': Login;
  'auth.register': Register;
  'auth.tokenCreate': TokenCreate;
  'auth.updateMe': UpdateMe;
  'auth.verifyEmail': VerifyEmail;
  'auth.membershipRequest': MembershipRequest;
  'organizations.create': OrganizationCreate;
  'organizations.update': OrganizationUpdate;
  'organizations.partnerProfile': PartnerProfile;
  'users.public': UserPublic;
  'users.roleUpdate': UserRoleUpdate;
  'users.adminUpdate': UserAdminUpdate;
  'organizations.memberApprove': MemberApprove;
  'organizations.memberUpdate': MemberUpdate;
  'organizations.memberReject': MemberReject;
  'policy.evaluate': PolicyEvaluate;
  'accessRequests.create': AccessRequestCreate;
  'accessRequests.decision': AccessRequestDecision;
  'accessRequests.resubmit': AccessRequestResubmit;
  'accessRequests.revoke': AccessRequestRevoke;
  'accessRequests.withdraw': AccessRequestWithdraw;
  'harvest.sourceCreate': HarvestSourceCreate;
  'harvest.sourceUpdate': HarvestSourceUpdate;
  'harvest.curation': HarvestCuration;
}

// Compile-time check that SchemaTypes and SCHEMAS name the same ids.
type Exact<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
const schemaTypesCoverSchemas: Exact<keyof SchemaTypes, SchemaId> = true;
void schemaTypesCoverSchemas;

/** The result of `validate`: the typed value, or every field error. */
export type ValidationResult<T> = { ok: true; value: T } | { ok: false; errors: FieldError[] };

/** Annotation keyword: maps an AJV keyword of its schema to a specific FieldError code. */

/** The shared AJV instance; add no schemas to it outside this module. */
export const ajv = new Ajv({
  allErrors: true,
  strict: true,
  // then-branches require properties their parent declares (`then: { required: ['regime'] }`),
  // which strictRequired cannot see; every other strict check stays on.
  strictRequired: false,
  useDefaults: false,
  coerceTypes: false,
  // parentSchema on errors lets x-error-codes name the error.
  verbose: true,
});
addFormats(ajv);
ajv.addKeyword({ keyword: ERROR_CODES_KEYWORD, schemaType: 'object' });
// Added now, compiled on first use (AJV caches): compiling all costs ~0.4 s, which the browser
// client should not pay up front. tests/unit/schemas compile every schema in strict mode.
for (const schema of SCHEMAS) ajv.addSchema(schema);

/** Validates `data` against the schema `schemaId`; never throws for invalid data. */
export function validate<K extends SchemaId>(schemaId: K, data: unknown): ValidationResult<SchemaTypes[K]> {
  const check = ajv.getSchema(schemaId);
  if (!check) throw new Error(`Unknown schema ${schemaId}`);
  if (check(data)) return { ok: true, value: data as SchemaTypes[K] };
  return { ok: false, errors: toFieldErrors(check.errors) };
}

/** The FieldErrors of `data` against `schemaId` (empty when valid). */
export function schemaErrors(schemaId: SchemaId, data: unknown): FieldError[] {
  const result = validate(schemaId, data);
  return result.ok ? [] : result.errors;
}
