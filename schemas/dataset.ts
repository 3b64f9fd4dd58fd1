// Dataset schemas (docs/design.md §3–§5): request bodies, the stored working copy and what publication needs.
import type { FromSchema } from 'json-schema-to-ts';
import {
  bilingualKeywords,
  bilingualText,
  bilingualTextBoth,
  bilingualTextSome,
  classification,
  classificationDraft,
  contact,
  DESCRIPTION_MAX,
  disclosure,
  disclosureDraft,
  exportControl,
  labeling,
  language,
  license,
  objectId,
  size,
  slug,
  spatialCoverage,
  SUMMARY_MAX,
  temporalCoverage,
  text,
  TITLE_MAX,
  uniqueList,
  conditions,
  code,
} from './defs';
import { mergePatchSchema, type MergePatch } from './merge-patch';
import { DOMAIN_CODES, KR_TECHNOLOGY_CODES, MODALITY_CODES, REVIEW_ACTION_CODES, TASK_CODES, US_CET_CODES } from './taxonomy';

const modalities = uniqueList({ type: 'string', enum: MODALITY_CODES } as const, 10);

/** Kinds of full-data access held outside the catalogue (docs/design.md §3 `externalAccess`). */
export const EXTERNAL_ACCESS_KINDS = ['url', 'instructions'] as const;
export const EXTERNAL_ACCESS_MAX = 10;
export const EXTERNAL_ACCESS_TEXT_MAX = 2000;

/**
 * One way to the full data held elsewhere (provider SFTP, enclave booking): a `url` entry links
 * to it (https only: the link is handed to grantees), `instructions` explain the steps. Both
 * languages are required, since grantees read either. Revealed only to callers the engine
 * allows for scope `full` (docs/api.md "External access"); ids are unique within the list.
 */
export const externalAccessItem = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'kind', 'text'],
  properties: {
    id: { ...code, maxLength: 40 },
    kind: { type: 'string', enum: EXTERNAL_ACCESS_KINDS },
    url: {
      type: 'string',
      format: 'uri',
      pattern: '^https://',
      maxLength: 2000,
      'x-error-codes': { format: 'invalid_https_url', pattern: 'invalid_https_url' },
    },
    text: bilingualTextBoth(EXTERNAL_ACCESS_TEXT_MAX),
  },
  if: { properties: { kind: { const: 'url' } }, required: ['kind'] },
  then: { required: ['url'] },
} as const;
export type ExternalAccess = FromSchema<typeof externalAccessItem>;

// Everything a provider edits except the slug, which stays fixed after creation because
// published links and grants refer to it.
const editableFields = {
  title: bilingualTextSome(TITLE_MAX),
  summary: bilingualText(SUMMARY_MAX),
  description: bilingualText(DESCRIPTION_MAX),
  keywords: bilingualKeywords,
  modalities,
  tasks: uniqueList({ type: 'string', enum: TASK_CODES } as const, 20),
  languages: uniqueList(language, 20),
  techAreas: {
    type: 'object',
    additionalProperties: false,
    properties: {
      kr: uniqueList({ type: 'string', enum: KR_TECHNOLOGY_CODES } as const, 12),
      us: uniqueList({ type: 'string', enum: US_CET_CODES } as const, 18),
    },
  },
  domain: { type: 'string', enum: DOMAIN_CODES },
  temporalCoverage,
  spatialCoverage,
  size,
  formats: uniqueList(text(40), 20),
  license,
  disclosure: disclosureDraft,
  classification: classificationDraft,
  labeling,
  contact,
  externalAccess: { type: 'array', items: externalAccessItem, maxItems: EXTERNAL_ACCESS_MAX },
} as const;

/** `POST /datasets` body: a draft (slug and a title in one language); admins may set providerId. */
export const datasetCreateSchema = {
  $id: 'datasets.create',
  type: 'object',
  additionalProperties: false,
  required: ['slug', 'title'],
  properties: { slug, ...editableFields, providerId: objectId },
} as const;
export type DatasetCreate = FromSchema<typeof datasetCreateSchema>;

/**
 * `PATCH /datasets/{id}` body, a JSON merge patch (RFC 7396) of the create body: objects (e.g.
 * `disclosure`) merge recursively, arrays and scalars replace, `null` removes a field; the merged
 * result is validated as a whole (`datasets.draft` and the registration rules). `slug` and
 * `providerId` cannot change.
 */
export const datasetUpdateSchema = mergePatchSchema(datasetCreateSchema, 'datasets.update', { omit: ['slug', 'providerId'] });
/** The fields a provider edits (each optional; nested objects as in the create body). */
export type DatasetEditable = Partial<Omit<DatasetCreate, 'slug' | 'providerId'>>;
/** The `datasets.update` body: a merge patch of the editable fields (`null` removes one). */
export type DatasetPatch = MergePatch<DatasetEditable>;

/**
 * The stored working copy: slug and a title in one language; whatever else it holds must be valid.
 * Top-level properties it does not describe (id, status, version, providerId, artifacts,
 * timestamps) are server-managed and tolerated; nested objects stay strict. Validate the JSON form
 * (ids as hex strings, coverage dates as `YYYY-MM-DD`).
 */
export const datasetDraftSchema = {
  $id: 'datasets.draft',
  type: 'object',
  required: ['slug', 'title'],
  properties: { slug, ...editableFields },
} as const;
export type DatasetDraft = FromSchema<typeof datasetDraftSchema>;

/**
 * What publication needs (docs/design.md §5): title, summary and description in both languages, licence,
 * complete disclosure and classification, at least one modality. Samples and the registration
 * rules are checked by server/datasets/readiness.ts. Same tolerance as `datasets.draft`.
 */
export const datasetPublishableSchema = {
  $id: 'datasets.publishable',
  type: 'object',
  required: ['slug', 'title', 'summary', 'description', 'modalities', 'license', 'disclosure', 'classification'],
  properties: {
    slug,
    ...editableFields,
    title: bilingualTextBoth(TITLE_MAX),
    summary: bilingualTextBoth(SUMMARY_MAX),
    description: bilingualTextBoth(DESCRIPTION_MAX),
    modalities: { ...modalities, minItems: 1 },
    disclosure,
    classification,
  },
} as const;
export type DatasetPublishable = FromSchema<typeof datasetPublishableSchema>;

/** `POST /datasets/{id}/review` body: a comment is required when requesting changes. */
export const datasetReviewSchema = {
  $id: 'datasets.review',
  type: 'object',
  additionalProperties: false,
  required: ['action'],
  properties: {
    action: { type: 'string', enum: REVIEW_ACTION_CODES },
    comment: text(2000),
  },
  if: { properties: { action: { const: 'request_changes' } }, required: ['action'] },
  then: { required: ['comment'] },
} as const;
export type DatasetReview = FromSchema<typeof datasetReviewSchema>;

/** `POST /datasets/{id}/withdraw` body: an optional note shown in the publication history. */
export const datasetWithdrawSchema = {
  $id: 'datasets.withdraw',
  type: 'object',
  additionalProperties: false,
  properties: { comment: text(2000) },
} as const;
export type DatasetWithdraw = FromSchema<typeof datasetWithdrawSchema>;

/** `POST /datasets/{id}/submit` body: the provider's public summary of what this version changes. */
export const datasetSubmitSchema = {
  $id: 'datasets.submit',
  type: 'object',
  additionalProperties: false,
  properties: { changeNote: bilingualText(500) },
} as const;
export type DatasetSubmit = FromSchema<typeof datasetSubmitSchema>;

export type License = FromSchema<typeof license>;
export type Disclosure = FromSchema<typeof disclosure>;
export type DisclosureDraft = FromSchema<typeof disclosureDraft>;
export type DisclosureConditions = FromSchema<typeof conditions>;
export type Classification = FromSchema<typeof classification>;
export type ClassificationDraft = FromSchema<typeof classificationDraft>;
export type ExportControl = FromSchema<typeof exportControl>;
export type Labeling = FromSchema<typeof labeling>;
export type Contact = FromSchema<typeof contact>;
