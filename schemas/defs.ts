// Building blocks shared by the top-level schemas. They are composed by object inclusion rather
// than `$ref`, so every top-level schema is self-contained and `FromSchema` needs no references.
//
// `x-error-codes` maps an AJV keyword of the schema it sits in to a specific FieldError code
// (schemas/ajv.ts applies it): a bad slug reads "invalid_slug", not "must match pattern …".
import {
  ACCESS_LEVEL_CODES,
  CLASSIFICATION_LEVEL_CODES,
  CROSS_BORDER_CODES,
  EXPORT_CONTROL_REGIME_CODES,
  LICENSE_CODES,
  ORGANIZATION_TYPE_CODES,
  PERSONAL_INFO_CODES,
  PURPOSE_CODES,
  QA_METRIC_CODES,
  SAMPLES_ACCESS_CODES,
  SENSITIVE_CATEGORY_CODES,
} from './taxonomy';

export const SLUG_PATTERN = '^[a-z0-9][a-z0-9-]{2,79}$';
export const OBJECT_ID_PATTERN = '^[0-9a-f]{24}$';
export const SHA256_PATTERN = '^[0-9a-f]{64}$';
export const COUNTRY_PATTERN = '^[A-Z]{2}$';
// language[-Script][-REGION]: ko, en-US, zh-Hans-CN, es-419. Enough for catalog facets.
export const LANGUAGE_PATTERN = '^[a-z]{2,3}(-[A-Z][a-z]{3})?(-([A-Z]{2}|[0-9]{3}))?$';
// Codes inside labeling procedures (class codes, attribute values): NER tags like B-PER included.
// No '.' or '$' so a code can safely become a MongoDB key.
export const CODE_PATTERN = '^[A-Za-z0-9][A-Za-z0-9_:-]{0,63}$';
// Text must contain something other than whitespace; clients drop empty fields instead of sending "".
export const NON_BLANK_PATTERN = '\\S';

/** The default max length of a short title-like text. */
export const TITLE_MAX = 200;
/** docs/design.md §3: summaries are at most 300 characters per language. */
export const SUMMARY_MAX = 300;
export const DESCRIPTION_MAX = 20000;

export const slug = {
  type: 'string',
  pattern: SLUG_PATTERN,
  'x-error-codes': { pattern: 'invalid_slug' },
} as const;

export const objectId = {
  type: 'string',
  pattern: OBJECT_ID_PATTERN,
  'x-error-codes': { pattern: 'invalid_object_id' },
} as const;

export const sha256 = {
  type: 'string',
  pattern: SHA256_PATTERN,
  'x-error-codes': { pattern: 'invalid_sha256' },
} as const;

export const country = {
  type: 'string',
  pattern: COUNTRY_PATTERN,
  'x-error-codes': { pattern: 'invalid_country' },
} as const;

export const language = {
  type: 'string',
  pattern: LANGUAGE_PATTERN,
  'x-error-codes': { pattern: 'invalid_language' },
} as const;

export const code = {
  type: 'string',
  pattern: CODE_PATTERN,
  'x-error-codes': { pattern: 'invalid_code' },
} as const;

export const email = {
  type: 'string',
  format: 'email',
  maxLength: 254,
  'x-error-codes': { format: 'invalid_email' },
} as const;

/** A lower-case DNS domain such as `kdata.go.kr` (the part of an e-mail address after `@`). */
export const emailDomain = {
  type: 'string',
  maxLength: 253,
  pattern: '^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}$',
  'x-error-codes': { pattern: 'invalid_email_domain' },
} as const;

export const url = {
  type: 'string',
  format: 'uri',
  pattern: '^https?://',
  maxLength: 2000,
  'x-error-codes': { format: 'invalid_url', pattern: 'invalid_url' },
} as const;

export const date = {
  type: 'string',
  format: 'date',
  'x-error-codes': { format: 'invalid_date' },
} as const;

/** A non-blank string of at most `maxLength` characters. */
export function text<const M extends number>(maxLength: M) {
  return {
    type: 'string',
    pattern: NON_BLANK_PATTERN,
    maxLength,
    'x-error-codes': { pattern: 'blank' },
  } as const;
}

/** `{ ko?, en? }`, each non-blank and at most `maxLength` characters. */
export function bilingualText<const M extends number>(maxLength: M) {
  return {
    type: 'object',
    additionalProperties: false,
    properties: { ko: text(maxLength), en: text(maxLength) },
  } as const;
}

/** `{ ko?, en? }` with at least one language (what a draft needs). */
export function bilingualTextSome<const M extends number>(maxLength: M) {
  return {
    ...bilingualText(maxLength),
    minProperties: 1,
    'x-error-codes': { minProperties: 'one_language_required' },
  } as const;
}

/** `{ ko, en }` with both languages (what publication needs). */
export function bilingualTextBoth<const M extends number>(maxLength: M) {
  return { ...bilingualText(maxLength), required: ['ko', 'en'] } as const;
}

/** A list of unique values of `item`, at most `maxItems` long. */
export function uniqueList<const S extends object, const N extends number>(item: S, maxItems: N) {
  return { type: 'array', items: item, uniqueItems: true, maxItems } as const;
}

export const keywordList = uniqueList(text(60), 30);

export const bilingualKeywords = {
  type: 'object',
  additionalProperties: false,
  properties: { ko: keywordList, en: keywordList },
} as const;

/** `["*"]` (everyone) or a list of values matching `item`; the wildcard cannot be mixed with values. */
function wildcardList<const S extends object>(item: S) {
  return {
    type: 'array',
    items: item,
    uniqueItems: true,
    maxItems: 250,
    if: { contains: { const: '*' } },
    then: { maxItems: 1, 'x-error-codes': { maxItems: 'wildcard_exclusive' } },
  } as const;
}

export const allowedCountries = wildcardList({
  type: 'string',
  pattern: '^(\\*|[A-Z]{2})$',
  'x-error-codes': { pattern: 'invalid_country' },
} as const);
export const allowedOrgTypes = wildcardList({
  type: 'string',
  enum: ['*', ...ORGANIZATION_TYPE_CODES],
} as const);

export const purposes = uniqueList({ type: 'string', enum: PURPOSE_CODES } as const, 4);

/** Wraps optional properties into a strict object schema. */
function object<const P extends object>(properties: P) {
  return { type: 'object', additionalProperties: false, properties } as const;
}

const conditionsProperties = {
  dua: { type: 'boolean' },
  irb: { type: 'boolean' },
  attribution: { type: 'boolean' },
  noRedistribution: { type: 'boolean' },
  deleteAfterDays: { type: 'integer', minimum: 1, maximum: 3650 },
} as const;

/** Disclosure conditions while drafting: every field optional. */
export const conditionsDraft = object(conditionsProperties);
/** Disclosure conditions as publication needs them. */
export const conditions = {
  ...conditionsDraft,
  required: ['dua', 'irb', 'attribution', 'noRedistribution'],
} as const;

const disclosureProperties = {
  accessLevel: { type: 'string', enum: ACCESS_LEVEL_CODES },
  samplesAccess: { type: 'string', enum: SAMPLES_ACCESS_CODES },
  allowedCountries,
  allowedOrgTypes,
  allowedPurposes: purposes,
  crossBorder: { type: 'string', enum: CROSS_BORDER_CODES },
  conditions: conditionsDraft,
  maxGrantDays: { type: 'integer', minimum: 1, maximum: 1095 },
} as const;

/** Disclosure rules while drafting (docs/design.md §4): every field optional, lists may be empty. */
export const disclosureDraft = object(disclosureProperties);

/** Disclosure rules as publication needs them: every field, non-empty lists. */
export const disclosure = {
  ...object({
    ...disclosureProperties,
    allowedCountries: { ...allowedCountries, minItems: 1 },
    allowedOrgTypes: { ...allowedOrgTypes, minItems: 1 },
    allowedPurposes: { ...purposes, minItems: 1 },
    conditions,
  }),
  required: [
    'accessLevel',
    'samplesAccess',
    'allowedCountries',
    'allowedOrgTypes',
    'allowedPurposes',
    'crossBorder',
    'conditions',
    'maxGrantDays',
  ],
} as const;

export const exportControl = {
  ...object({
    controlled: { type: 'boolean' },
    regime: { type: 'string', enum: EXPORT_CONTROL_REGIME_CODES },
    reference: text(200),
  }),
  required: ['controlled'],
  // A controlled dataset must say under which regime, or reviewers cannot check the permit.
  if: { properties: { controlled: { const: true } }, required: ['controlled'] },
  then: { required: ['regime'] },
} as const;

const classificationProperties = {
  level: { type: 'string', enum: CLASSIFICATION_LEVEL_CODES },
  personalInfo: { type: 'string', enum: PERSONAL_INFO_CODES },
  sensitiveCategories: uniqueList({ type: 'string', enum: SENSITIVE_CATEGORY_CODES } as const, 7),
  exportControl,
  nationalCoreTechnology: { type: 'boolean' },
} as const;

/** Security classification while drafting: every field optional. */
export const classificationDraft = object(classificationProperties);

/** Security classification as publication needs it. */
export const classification = {
  ...classificationDraft,
  required: ['level', 'personalInfo', 'sensitiveCategories', 'exportControl', 'nationalCoreTechnology'],
} as const;

export const license = {
  ...object({
    id: { type: 'string', enum: LICENSE_CODES },
    url,
    commercialUse: { type: 'boolean' },
  }),
  required: ['id'],
  // commercialUse only qualifies custom terms; the standard licences already fix it.
  if: { properties: { id: { const: 'custom' } }, required: ['id'] },
  else: { properties: { commercialUse: false } },
} as const;

export const labeling = {
  ...object({
    procedureId: objectId,
    procedureVersion: { type: 'integer', minimum: 1 },
    results: {
      type: 'array',
      maxItems: 20,
      items: {
        ...object({
          metric: { type: 'string', enum: QA_METRIC_CODES },
          value: { type: 'number' },
        }),
        required: ['metric', 'value'],
      },
    },
  }),
  required: ['procedureId', 'procedureVersion'],
} as const;

export const size = object({
  records: { type: 'integer', minimum: 0 },
  bytes: { type: 'integer', minimum: 0 },
  hours: { type: 'number', minimum: 0 },
});

export const temporalCoverage = object({ start: date, end: date });

export const spatialCoverage = bilingualText(TITLE_MAX);

export const contact = {
  ...object({ name: text(100), email }),
  required: ['name', 'email'],
} as const;
