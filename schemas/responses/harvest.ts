// Response bodies of the harvesting API (server/harvest/presenter.ts, docs/harvesting.md).
import { HARVEST_KINDS, HARVEST_SCHEDULES } from '../harvest';
import { KR_TECHNOLOGY_CODES, MODALITY_CODES, US_CET_CODES } from '../taxonomy';
import { bilingualBoth, dateTime, hexId, nullableDateTime, nullableString, pageOf } from './common';

export const HARVEST_RUN_STATUSES = ['running', 'succeeded', 'not_modified', 'failed'] as const;
export const HARVEST_TRIGGERS = ['manual', 'schedule'] as const;

const count = { type: 'integer', minimum: 0 } as const;

/** One run without its skipped list: what source pages and run histories show. */
export const harvestRunSummary = {
  type: 'object',
  required: ['id', 'sourceId', 'trigger', 'status', 'startedAt', 'finishedAt', 'counts'],
  properties: {
    id: hexId,
    sourceId: hexId,
    trigger: { type: 'string', enum: HARVEST_TRIGGERS },
    status: { type: 'string', enum: HARVEST_RUN_STATUSES },
    startedAt: dateTime,
    finishedAt: nullableDateTime,
    counts: {
      type: 'object',
      required: ['fetched', 'created', 'updated', 'unchanged', 'withdrawn', 'skipped'],
      properties: { fetched: count, created: count, updated: count, unchanged: count, withdrawn: count, skipped: count },
    },
  },
} as const;

/** A run report: the summary, the records it skipped (first 200) with reasons, and why it failed. */
export const harvestRunSchema = {
  $id: 'harvest.run',
  type: 'object',
  required: [...harvestRunSummary.required, 'skipped', 'skippedTotal', 'error'],
  properties: {
    ...harvestRunSummary.properties,
    skipped: {
      type: 'array',
      maxItems: 200,
      items: {
        type: 'object',
        required: ['originalId', 'code', 'message'],
        properties: { originalId: nullableString, code: { type: 'string' }, message: { type: 'string' } },
      },
    },
    skippedTotal: count,
    error: {
      anyOf: [
        { type: 'object', required: ['code', 'message'], properties: { code: { type: 'string' }, message: { type: 'string' } } },
        { type: 'null' },
      ],
    },
  },
} as const;

/** A registered source with its provider, schedule, last run and how many datasets it holds. */
export const harvestSourceSchema = {
  $id: 'harvest.source',
  type: 'object',
  required: ['id', 'name', 'kind', 'url', 'provider', 'schedule', 'enabled', 'nextRunAt', 'lastRun', 'datasetCount', 'createdAt', 'updatedAt'],
  properties: {
    id: hexId,
    name: bilingualBoth,
    kind: { type: 'string', enum: HARVEST_KINDS },
    url: { type: 'string' },
    provider: {
      type: 'object',
      required: ['id', 'slug', 'name'],
      properties: { id: hexId, slug: { type: 'string' }, name: bilingualBoth },
    },
    schedule: { type: 'string', enum: HARVEST_SCHEDULES },
    enabled: { type: 'boolean' },
    nextRunAt: nullableDateTime,
    lastRun: { anyOf: [harvestRunSummary, { type: 'null' }] },
    datasetCount: count,
    createdAt: dateTime,
    updatedAt: dateTime,
  },
} as const;

export const harvestSourceListSchema = { $id: 'harvest.sourceList', ...pageOf(harvestSourceSchema) } as const;
export const harvestRunListSchema = { $id: 'harvest.runList', ...pageOf(harvestRunSummary) } as const;

const codes = <const C extends readonly string[]>(values: C) => ({ type: 'array', items: { type: 'string', enum: values } }) as const;

/** `origin` of a dataset view: `{ kind: 'local' }`, or where a harvested dataset came from. */
export const datasetOrigin = {
  anyOf: [
    { type: 'object', required: ['kind'], properties: { kind: { const: 'local' } } },
    {
      type: 'object',
      required: ['kind', 'source', 'originalId', 'landingPage', 'harvestedAt', 'sourceModified', 'suggested', 'curated'],
      properties: {
        kind: { const: 'harvested' },
        source: {
          type: 'object',
          required: ['id', 'name', 'kind', 'url'],
          properties: { id: hexId, name: bilingualBoth, kind: { type: 'string', enum: HARVEST_KINDS }, url: { type: 'string' } },
        },
        originalId: { type: 'string' },
        landingPage: nullableString,
        harvestedAt: dateTime,
        sourceModified: nullableString,
        suggested: {
          type: 'object',
          required: ['techAreas', 'modalities'],
          properties: {
            techAreas: {
              type: 'object',
              required: ['kr', 'us'],
              properties: { kr: codes(KR_TECHNOLOGY_CODES), us: codes(US_CET_CODES) },
            },
            modalities: codes(MODALITY_CODES),
          },
        },
        curated: { type: 'boolean' },
      },
    },
  ],
} as const;
