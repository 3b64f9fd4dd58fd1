// Response body of the technology-area observatory (server/observatory, docs/observatory.md).
import { KR_TECHNOLOGY_CODES, US_CET_CODES } from '../taxonomy';
import { dateTime } from './common';

const kr = { type: 'string', enum: KR_TECHNOLOGY_CODES } as const;
const us = { type: 'string', enum: US_CET_CODES } as const;
const count = { type: 'integer', minimum: 0 } as const;
// null: suppressed (a count of 1 … 4, server/stats/suppression.ts).
const shownCount = { type: ['integer', 'null'], minimum: 0 } as const;

/** `GET /observatory`: datasets per KR12 × US CET pairing, growth, US demand and origin share. */
export const observatorySchema = {
  $id: 'observatory.view',
  type: 'object',
  additionalProperties: false,
  required: ['matrix', 'growth', 'demand', 'origins', 'filter', 'generatedAt'],
  properties: {
    matrix: {
      type: 'object',
      additionalProperties: false,
      required: ['kr', 'us', 'cells', 'krOnly', 'usOnly', 'unmapped'],
      properties: {
        kr: { type: 'array', items: kr },
        us: { type: 'array', items: us },
        cells: {
          type: 'array',
          items: { type: 'object', additionalProperties: false, required: ['kr', 'us', 'count'], properties: { kr, us, count } },
        },
        krOnly: { type: 'array', items: { type: 'object', additionalProperties: false, required: ['kr', 'count'], properties: { kr, count } } },
        usOnly: { type: 'array', items: { type: 'object', additionalProperties: false, required: ['us', 'count'], properties: { us, count } } },
        unmapped: count,
      },
    },
    growth: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['period', 'kr', 'count', 'cumulative'],
        properties: {
          period: { type: 'string', pattern: '^[0-9]{4}-(Q[1-4]|0[1-9]|1[0-2])$' },
          kr: { anyOf: [kr, { type: 'null' }] },
          count,
          cumulative: count,
        },
      },
    },
    demand: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['requests', 'approved', 'suppressed'],
        properties: { kr, us, requests: shownCount, approved: shownCount, suppressed: { type: 'boolean' } },
      },
    },
    origins: { type: 'object', additionalProperties: false, required: ['local', 'harvested'], properties: { local: count, harvested: count } },
    filter: {
      type: 'object',
      additionalProperties: false,
      required: ['origin', 'from', 'interval'],
      properties: {
        origin: { type: ['string', 'null'], enum: ['local', 'harvested', null] },
        from: { type: ['string', 'null'] },
        interval: { type: 'string', enum: ['quarter', 'month'] },
      },
    },
    generatedAt: dateTime,
  },
} as const;
