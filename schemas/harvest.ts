// Request bodies of the harvesting API (docs/harvesting.md): registering and editing a source, and a
// curator's confirmation of a harvested dataset's technology areas and modalities.
import type { FromSchema } from 'json-schema-to-ts';
import { objectId, TITLE_MAX } from './defs';
import { KR_TECHNOLOGY_CODES, MODALITY_CODES, US_CET_CODES } from './taxonomy';

/** Formats a source may publish its catalogue in. */
export const HARVEST_KINDS = ['dcat-us', 'dcat-ap', 'ckan'] as const;
export type HarvestKind = (typeof HARVEST_KINDS)[number];
/** How often a source is harvested by itself (`manual`: only when an admin asks). */
export const HARVEST_SCHEDULES = ['manual', 'hourly', 'daily', 'weekly'] as const;
export type HarvestSchedule = (typeof HARVEST_SCHEDULES)[number];

const nonBlank = { type: 'string', minLength: 1, maxLength: TITLE_MAX, pattern: '\\S' } as const;
const sourceName = {
  type: 'object',
  additionalProperties: false,
  minProperties: 1,
  properties: { ko: nonBlank, en: nonBlank },
} as const;
const sourceUrl = {
  type: 'string',
  format: 'uri',
  pattern: '^https?://',
  maxLength: 2000,
  'x-error-codes': { format: 'invalid_url', pattern: 'invalid_url' },
} as const;

/** `POST /harvest/sources`. */
export const harvestSourceCreateSchema = {
  $id: 'harvest.sourceCreate',
  type: 'object',
  additionalProperties: false,
  required: ['name', 'kind', 'url', 'providerId', 'schedule'],
  properties: {
    name: sourceName,
    kind: { type: 'string', enum: HARVEST_KINDS },
    url: sourceUrl,
    providerId: objectId,
    schedule: { type: 'string', enum: HARVEST_SCHEDULES },
    enabled: { type: 'boolean' },
  },
} as const;
export type HarvestSourceCreate = FromSchema<typeof harvestSourceCreateSchema>;

/** `PATCH /harvest/sources/{id}`: any of name, url, schedule, enabled. */
export const harvestSourceUpdateSchema = {
  $id: 'harvest.sourceUpdate',
  type: 'object',
  additionalProperties: false,
  minProperties: 1,
  properties: {
    name: sourceName,
    url: sourceUrl,
    schedule: { type: 'string', enum: HARVEST_SCHEDULES },
    enabled: { type: 'boolean' },
  },
} as const;
export type HarvestSourceUpdate = FromSchema<typeof harvestSourceUpdateSchema>;

const codeList = <const C extends readonly string[]>(codes: C, max: number) =>
  ({ type: 'array', uniqueItems: true, maxItems: max, items: { type: 'string', enum: codes } }) as const;

/** `POST /harvest/datasets/{id}/curation`: the values a curator confirms (kept across later harvests). */
export const harvestCurationSchema = {
  $id: 'harvest.curation',
  type: 'object',
  additionalProperties: false,
  required: ['techAreas', 'modalities'],
  properties: {
    techAreas: {
      type: 'object',
      additionalProperties: false,
      required: ['kr', 'us'],
      properties: { kr: codeList(KR_TECHNOLOGY_CODES, 12), us: codeList(US_CET_CODES, 18) },
    },
    modalities: codeList(MODALITY_CODES, 10),
  },
} as const;
export type HarvestCuration = FromSchema<typeof harvestCurationSchema>;
