// The one AJV instance of the process (and of the browser client): every schema compiled once,
// errors translated into stable FieldErrors that the HTTP layer localises.
import Ajv, { type ErrorObject } from 'ajv';
import addFormats from 'ajv-formats';
import { artifactCreateSchema, type ArtifactCreate } from './artifact';
import {
  loginSchema,
  registerSchema,
  tokenCreateSchema,
  updateMeSchema,
  type Login,
  type Register,
  type TokenCreate,
  type UpdateMe,
} from './auth';
import {
  datasetCreateSchema,
  datasetDraftSchema,
  datasetPublishableSchema,
  datasetReviewSchema,
  datasetUpdateSchema,
  datasetWithdrawSchema,
  type DatasetCreate,
  type DatasetDraft,
  type DatasetPublishable,
  type DatasetReview,
  type DatasetUpdate,
  type DatasetWithdraw,
} from './dataset';
import { FIELD_ERROR_PARAMS, mergeErrors, pointerSegment, type FieldError } from './errors';
import {
  labelingProcedureActivatableSchema,
  labelingProcedureCreateSchema,
  labelingProcedureDraftSchema,
  labelingProcedureUpdateSchema,
  type LabelingProcedureActivatable,
  type LabelingProcedureCreate,
  type LabelingProcedureDraft,
  type LabelingProcedureUpdate,
} from './labeling-procedure';
import {
  organizationCreateSchema,
  organizationUpdateSchema,
  partnerProfileSchema,
  type OrganizationCreate,
  type OrganizationUpdate,
  type PartnerProfile,
} from './organization';
import {
  userAdminUpdateSchema,
  userPublicSchema,
  userRoleUpdateSchema,
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
  labelingProcedureCreateSchema,
  labelingProcedureUpdateSchema,
  labelingProcedureDraftSchema,
  labelingProcedureActivatableSchema,
  artifactCreateSchema,
  loginSchema,
  registerSchema,
  tokenCreateSchema,
  updateMeSchema,
  organizationCreateSchema,
  organizationUpdateSchema,
  partnerProfileSchema,
  userPublicSchema,
  userRoleUpdateSchema,
  userAdminUpdateSchema,
] as const;

export type SchemaId = (typeof SCHEMAS)[number]['$id'];

/** The TypeScript type of the data each schema accepts. */
export interface SchemaTypes {
  'datasets.create': DatasetCreate;
  'datasets.update': DatasetUpdate;
  'datasets.draft': DatasetDraft;
  'datasets.publishable': DatasetPublishable;
  'datasets.review': DatasetReview;
  'datasets.withdraw': DatasetWithdraw;
  'labelingProcedures.create': LabelingProcedureCreate;
  'labelingProcedures.update': LabelingProcedureUpdate;
  'labelingProcedures.draft': LabelingProcedureDraft;
  'labelingProcedures.activatable': LabelingProcedureActivatable;
  'artifacts.create': ArtifactCreate;
  'auth.login': Login;
  'auth.register': Register;
  'auth.tokenCreate': TokenCreate;
  'auth.updateMe': UpdateMe;
  'organizations.create': OrganizationCreate;
  'organizations.update': OrganizationUpdate;
  'organizations.partnerProfile': PartnerProfile;
  'users.public': UserPublic;
  'users.roleUpdate': UserRoleUpdate;
  'users.adminUpdate': UserAdminUpdate;
}

// Compile-time check that SchemaTypes and SCHEMAS name the same ids.
type Exact<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
const schemaTypesCoverSchemas: Exact<keyof SchemaTypes, SchemaId> = true;
void schemaTypesCoverSchemas;

/** The result of `validate`: the typed value, or every field error. */
export type ValidationResult<T> = { ok: true; value: T } | { ok: false; errors: FieldError[] };

/** Annotation keyword: maps an AJV keyword of its schema to a specific FieldError code. */
export const ERROR_CODES_KEYWORD = 'x-error-codes';

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

const KEYWORD_CODES: Record<string, string> = {
  required: 'required',
  type: 'type',
  enum: 'enum',
  const: 'const',
  pattern: 'pattern',
  format: 'format',
  minLength: 'min_length',
  maxLength: 'max_length',
  minimum: 'minimum',
  maximum: 'maximum',
  exclusiveMinimum: 'exclusive_minimum',
  exclusiveMaximum: 'exclusive_maximum',
  multipleOf: 'multiple_of',
  minItems: 'min_items',
  maxItems: 'max_items',
  uniqueItems: 'unique_items',
  minProperties: 'min_properties',
  maxProperties: 'max_properties',
  additionalProperties: 'additional_property',
  'false schema': 'not_allowed',
  not: 'not_allowed',
  anyOf: 'any_of',
  oneOf: 'one_of',
};

function paramsFor(error: ErrorObject): Record<string, unknown> {
  const p = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'type':
      return { type: Array.isArray(p.type) ? p.type.join(', ') : p.type };
    case 'enum':
      return { allowedValues: p.allowedValues };
    case 'const':
      return { allowedValue: p.allowedValue };
    case 'pattern':
      return { pattern: p.pattern };
    case 'format':
      return { format: p.format };
    case 'uniqueItems':
      return { duplicateOf: Math.min(Number(p.i), Number(p.j)) };
    case 'minLength':
    case 'maxLength':
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
    case 'multipleOf':
    case 'minItems':
    case 'maxItems':
    case 'minProperties':
    case 'maxProperties':
      return { limit: p.limit };
    default:
      return {};
  }
}

// Keeps only the params FIELD_ERROR_PARAMS declares, so messages and params stay one contract.
function declaredParams(code: string, params: Record<string, unknown>): Record<string, unknown> {
  const names: readonly string[] | undefined = (FIELD_ERROR_PARAMS as Record<string, readonly string[]>)[code];
  if (!names) return params;
  return Object.fromEntries(Object.entries(params).filter(([name]) => names.includes(name)));
}

function pathFor(error: ErrorObject): string {
  const p = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
    case 'dependencies':
      return `${error.instancePath}/${pointerSegment(String(p.missingProperty))}`;
    case 'additionalProperties':
      return `${error.instancePath}/${pointerSegment(String(p.additionalProperty))}`;
    case 'uniqueItems':
      // Point at the later duplicate, the one the user should remove.
      return `${error.instancePath}/${Math.max(Number(p.i), Number(p.j))}`;
    default:
      return error.instancePath;
  }
}

function codeFor(error: ErrorObject): string {
  const parent = error.parentSchema as Record<string, unknown> | undefined;
  const named = parent?.[ERROR_CODES_KEYWORD] as Record<string, string> | undefined;
  if (named?.[error.keyword]) return named[error.keyword];
  if (error.keyword === 'dependencies') return 'required';
  return KEYWORD_CODES[error.keyword] ?? 'invalid';
}

/** Translates AJV errors into deduplicated FieldErrors (JSON-pointer paths, stable codes). */
export function toFieldErrors(errors: readonly ErrorObject[] | null | undefined): FieldError[] {
  if (!errors) return [];
  // `if` only repeats that a then/else branch failed; the branch errors say what is wrong.
  let relevant = errors.filter((e) => e.keyword !== 'if');
  // A failed anyOf/oneOf reports every branch's errors: keep one error for the whole.
  const alternatives = relevant.filter((e) => e.keyword === 'anyOf' || e.keyword === 'oneOf');
  for (const alt of alternatives) {
    const prefix = alt.schemaPath + '/';
    relevant = relevant.filter((e) => !e.schemaPath.startsWith(prefix));
  }
  return mergeErrors(
    relevant.map((e) => {
      const code = codeFor(e);
      return { path: pathFor(e), code, params: declaredParams(code, paramsFor(e)) };
    }),
  );
}

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
