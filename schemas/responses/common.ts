// Building blocks of the response schemas: what every answer shares (dates, ids, bilingual text,
// pages, problem details). Responses are described as the server sends them: objects stay open
// (a field added later is not a breaking change), the fields named here are the contract.
import { ORGANIZATION_TYPE_CODES } from '../taxonomy';

export const dateTime = { type: 'string', format: 'date-time' } as const;
export const nullableDateTime = { type: ['string', 'null'], format: 'date-time' } as const;
export const nullableString = { type: ['string', 'null'] } as const;
export const hexId = { type: 'string', pattern: '^[0-9a-f]{24}$' } as const;
export const stringList = { type: 'array', items: { type: 'string' } } as const;

/** `{ ko?, en? }` as stored: a provider may have filled one language only. */
export const bilingual = {
  type: 'object',
  properties: { ko: { type: 'string' }, en: { type: 'string' } },
} as const;
/** `{ ko, en }`: texts the server writes itself (labels, explanations), always in both languages. */
export const bilingualBoth = {
  type: 'object',
  required: ['ko', 'en'],
  properties: { ko: { type: 'string' }, en: { type: 'string' } },
} as const;

/** The short organisation view embedded in users, datasets, requests and profiles. */
export const organizationRef = {
  type: 'object',
  required: ['id', 'slug', 'name', 'country', 'type'],
  properties: {
    id: hexId,
    slug: { type: 'string' },
    name: bilingual,
    country: { type: 'string' },
    type: { type: 'string', enum: ORGANIZATION_TYPE_CODES },
  },
} as const;

/** A page of a list: `{ items, total, page, pageSize }` (docs/api.md "Lists"). */
export const pageOf = <const T>(items: T) =>
  ({
    type: 'object',
    required: ['items', 'total', 'page', 'pageSize'],
    properties: {
      items: { type: 'array', items },
      total: { type: 'integer', minimum: 0 },
      page: { type: 'integer', minimum: 1 },
      pageSize: { type: 'integer', minimum: 0 },
    },
  }) as const;

/** One field error of a problem: JSON pointer into the body (or `/query/<name>`), stable code, localised message. */
export const problemFieldError = {
  type: 'object',
  required: ['path', 'code', 'message'],
  properties: {
    path: { type: 'string', description: 'JSON pointer into the body, or /query/<name>.' },
    code: { type: 'string' },
    message: { type: 'string' },
  },
} as const;

/** RFC 9457 problem details, the body of every error (server/http/problem.ts). */
export const problemSchema = {
  $id: 'Problem',
  type: 'object',
  description:
    'RFC 9457 problem details; title, detail and messages are localised (?lang= or Accept-Language). Some codes add members (e.g. download_not_allowed: decision, reasons, requirements; access_request_exists: existing).',
  required: ['type', 'title', 'status', 'code'],
  properties: {
    type: { type: 'string', format: 'uri' },
    title: { type: 'string' },
    status: { type: 'integer', minimum: 400, maximum: 599 },
    detail: { type: 'string' },
    code: { type: 'string', pattern: '^[a-z0-9_]+$', description: 'Stable snake_case identifier of the error.' },
    errorId: { type: 'string', description: 'Present on 500 errors; also in the server log.' },
    errors: { type: 'array', items: problemFieldError },
  },
} as const;
