// Labeling procedure schemas (docs/design.md §3 "LabelingProcedure"): request bodies and what a version
// needs before activation. Keyed uniqueness (class codes) is checked in server/labeling/rules.ts.
import type { FromSchema } from 'json-schema-to-ts';
import { bilingualText, bilingualTextBoth, bilingualTextSome, code, objectId, slug, text, TITLE_MAX, uniqueList } from './defs';
import {
  INSPECTION_CODES,
  MODALITY_CODES,
  QA_DIRECTION_CODES,
  QA_METRIC_CODES,
  TASK_CODES,
  VERIFIED_BY_CODES,
  WORKFORCE_TYPE_CODES,
} from './taxonomy';
import { mergePatchSchema, type MergePatch } from './merge-patch';

export const ATTRIBUTE_TYPES = ['string', 'number', 'boolean', 'enum'] as const;
export type AttributeType = (typeof ATTRIBUTE_TYPES)[number];

const modalities = uniqueList({ type: 'string', enum: MODALITY_CODES } as const, 10);

const labelClass = {
  type: 'object',
  additionalProperties: false,
  required: ['code', 'name'],
  properties: {
    code,
    name: bilingualTextSome(TITLE_MAX),
    description: bilingualText(2000),
  },
} as const;

const labelAttribute = {
  type: 'object',
  additionalProperties: false,
  required: ['code', 'name', 'type'],
  properties: {
    code,
    name: bilingualTextSome(TITLE_MAX),
    type: { type: 'string', enum: ATTRIBUTE_TYPES },
    values: { ...uniqueList(code, 500), minItems: 1 },
  },
  // An enum attribute lists its values; other types have none.
  if: { properties: { type: { const: 'enum' } }, required: ['type'] },
  then: { required: ['values'] },
  else: { properties: { values: false } },
} as const;

const classes = { type: 'array', items: labelClass, maxItems: 1000 } as const;

const labelSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['classes'],
  properties: {
    classes,
    attributes: { type: 'array', items: labelAttribute, maxItems: 100 },
  },
} as const;

const guideline = {
  type: 'object',
  additionalProperties: false,
  properties: {
    summary: bilingualText(2000),
    // S3 key of the guideline artifact; versioned with the procedure so the link never moves.
    artifactKey: text(1024),
  },
} as const;

const workforce = {
  type: 'object',
  additionalProperties: false,
  properties: {
    type: { type: 'string', enum: WORKFORCE_TYPE_CODES },
    annotatorsPerItem: { type: 'integer', minimum: 1, maximum: 20 },
    qualification: bilingualText(1000),
  },
} as const;

const steps = {
  type: 'array',
  maxItems: 50,
  items: {
    type: 'object',
    additionalProperties: false,
    required: ['name', 'description'],
    properties: {
      name: bilingualTextSome(TITLE_MAX),
      description: bilingualTextSome(4000),
    },
  },
} as const;

const targets = {
  type: 'array',
  maxItems: 20,
  items: {
    type: 'object',
    additionalProperties: false,
    required: ['metric', 'target', 'direction'],
    properties: {
      metric: { type: 'string', enum: QA_METRIC_CODES },
      target: { type: 'number' },
      direction: { type: 'string', enum: QA_DIRECTION_CODES },
    },
  },
} as const;

const qa = {
  type: 'object',
  additionalProperties: false,
  properties: {
    inspection: { type: 'string', enum: INSPECTION_CODES },
    samplingRate: { type: 'number', exclusiveMinimum: 0, maximum: 1 },
    verifiedBy: { type: 'string', enum: VERIFIED_BY_CODES },
    targets,
  },
  // A sampling inspection means nothing without its rate.
  if: { properties: { inspection: { const: 'sampling' } }, required: ['inspection'] },
  then: { required: ['samplingRate'] },
} as const;

// Everything editable in a draft version except the slug (fixed: versions and datasets refer to it).
const editableFields = {
  title: bilingualTextSome(TITLE_MAX),
  taskType: { type: 'string', enum: TASK_CODES },
  modalities,
  labelSchema,
  guideline,
  workforce,
  tools: uniqueList(text(100), 30),
  steps,
  qa,
} as const;

/** `POST /labeling-procedures` body: version 1 as a draft; admins may set providerId. */
export const labelingProcedureCreateSchema = {
  $id: 'labelingProcedures.create',
  type: 'object',
  additionalProperties: false,
  required: ['slug', 'title'],
  properties: { slug, ...editableFields, providerId: objectId },
} as const;
export type LabelingProcedureCreate = FromSchema<typeof labelingProcedureCreateSchema>;

/**
 * `PATCH /labeling-procedures/{id}` body, a JSON merge patch (RFC 7396) of the create body: objects
 * merge, arrays replace, `null` removes a field; the merged version is validated as a whole
 * (`labelingProcedures.draft` and server/labeling/rules.ts). `slug` and `providerId` cannot change.
 */
export const labelingProcedureUpdateSchema = mergePatchSchema(labelingProcedureCreateSchema, 'labelingProcedures.update', {
  omit: ['slug', 'providerId'],
});
/** What a provider writes in one version (each field optional; nested objects as in the create body). */
export type LabelingProcedureContent = Partial<Omit<LabelingProcedureCreate, 'slug' | 'providerId'>>;
/** The `labelingProcedures.update` body: a merge patch of the content (`null` removes a field). */
export type LabelingProcedurePatch = MergePatch<LabelingProcedureContent>;
/**
 * Former name of `LabelingProcedureContent` (the content shape, without nulls), still used by
 * client/src/pages/procedures/model.ts. The PATCH body type is `LabelingProcedurePatch`.
 */
export type LabelingProcedureUpdate = LabelingProcedureContent;

/**
 * A stored version's content: a title, and whatever else it holds valid. Server-managed top-level
 * properties (id, procedureId, providerId, version, status, timestamps) are tolerated; nested
 * objects stay strict. Validate the JSON form (ids as hex strings).
 */
export const labelingProcedureDraftSchema = {
  $id: 'labelingProcedures.draft',
  type: 'object',
  required: ['title'],
  properties: { slug, ...editableFields },
} as const;
export type LabelingProcedureDraft = FromSchema<typeof labelingProcedureDraftSchema>;

/**
 * What a version needs before activation: title and guideline summary in both languages, task,
 * modality, at least one class, one step and one QA target. Server-managed top-level properties
 * (id, providerId, version, status, timestamps) are tolerated; nested objects stay strict.
 */
export const labelingProcedureActivatableSchema = {
  $id: 'labelingProcedures.activatable',
  type: 'object',
  // No slug: it lives on the procedure, not on each version.
  required: ['title', 'taskType', 'modalities', 'labelSchema', 'guideline', 'workforce', 'steps', 'qa'],
  properties: {
    slug,
    ...editableFields,
    title: bilingualTextBoth(TITLE_MAX),
    modalities: { ...modalities, minItems: 1 },
    labelSchema: {
      ...labelSchema,
      properties: { ...labelSchema.properties, classes: { ...classes, minItems: 1 } },
    },
    guideline: {
      ...guideline,
      required: ['summary'],
      properties: { ...guideline.properties, summary: bilingualTextBoth(2000) },
    },
    workforce: { ...workforce, required: ['type', 'annotatorsPerItem'] },
    steps: { ...steps, minItems: 1 },
    qa: {
      ...qa,
      required: ['inspection', 'verifiedBy', 'targets'],
      properties: { ...qa.properties, targets: { ...targets, minItems: 1 } },
    },
  },
} as const;
export type LabelingProcedureActivatable = FromSchema<typeof labelingProcedureActivatableSchema>;

export type LabelClass = FromSchema<typeof labelClass>;
export type LabelAttribute = FromSchema<typeof labelAttribute>;
export type QaTarget = FromSchema<typeof targets.items>;
