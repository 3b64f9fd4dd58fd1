// Query parameters of `GET /datasets` (docs/design.md §6): the search, its filters, sorting and paging.
// Repeatable parameters arrive as lists (`?modality=image&modality=video` or `?modality=image,video`).
import type { FromSchema } from 'json-schema-to-ts';
import { country, language, slug } from './defs';
import {
  ACCESS_LEVEL_CODES,
  CLASSIFICATION_LEVEL_CODES,
  KR_TECHNOLOGY_CODES,
  LICENSE_CODES,
  MODALITY_CODES,
  PURPOSE_CODES,
  TASK_CODES,
  US_CET_CODES,
} from './taxonomy';

const list = <const T>(items: T) => ({ type: 'array', items, maxItems: 50 }) as const;
const codes = <const C extends readonly string[]>(values: C) => list({ type: 'string', enum: values } as const);

export const datasetSearchSchema = {
  $id: 'datasets.search',
  type: 'object',
  additionalProperties: false,
  properties: {
    q: { type: 'string', maxLength: 500 },
    modality: codes(MODALITY_CODES),
    task: codes(TASK_CODES),
    license: codes(LICENSE_CODES),
    accessLevel: codes(ACCESS_LEVEL_CODES),
    classification: codes(CLASSIFICATION_LEVEL_CODES),
    provider: list(slug),
    krTech: codes(KR_TECHNOLOGY_CODES),
    usCet: codes(US_CET_CODES),
    language: list(language),
    availableTo: list(country),
    purpose: codes(PURPOSE_CODES),
    origin: codes(['local', 'harvested'] as const),
    sort: { type: 'string', enum: ['relevance', 'newest', 'title', 'updated'] },
    page: { type: 'integer', minimum: 1, maximum: 10_000 },
    pageSize: { type: 'integer', minimum: 1, maximum: 100 },
  },
} as const;

export type DatasetSearch = FromSchema<typeof datasetSearchSchema>;
