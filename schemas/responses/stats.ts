// Usage statistics answers (docs/statistics.md): public dataset totals, a provider's table and the
// admins' overview. Breakdown cells are either a count or suppressed (count null).
import { bilingual, hexId } from './common';

const month = { type: 'string', pattern: '^\\d{4}-(0[1-9]|1[0-2])$' } as const;
const count = { type: 'integer', minimum: 0 } as const;
const usageEvent = {
  type: 'string',
  enum: ['view', 'sample_download', 'full_download', 'request_submitted', 'request_approved', 'request_rejected'],
} as const;

/** Counts per event, every event present. */
const eventTotals = {
  type: 'object',
  required: ['view', 'sample_download', 'full_download', 'request_submitted', 'request_approved', 'request_rejected'],
  properties: {
    view: count,
    sample_download: count,
    full_download: count,
    request_submitted: count,
    request_approved: count,
    request_rejected: count,
  },
} as const;

/** A breakdown by requester country or organisation type; `withheld` when no cell could be shown safely. */
const breakdown = {
  type: 'object',
  required: ['cells', 'withheld'],
  properties: {
    withheld: { type: 'boolean' },
    cells: {
      type: 'array',
      items: {
        type: 'object',
        required: ['value', 'count', 'suppressed'],
        properties: {
          value: { type: 'string', description: 'ISO 3166-1 alpha-2 country, organisation type, or anonymous.' },
          count: { type: ['integer', 'null'], minimum: 0 },
          suppressed: { type: 'boolean' },
        },
      },
    },
  },
} as const;

const rowFields = {
  month,
  event: usageEvent,
  total: count,
  byCountry: breakdown,
  byOrgType: breakdown,
} as const;

const publicTotals = {
  type: 'object',
  required: ['views', 'downloads', 'requests', 'approved'],
  properties: { views: count, downloads: count, requests: count, approved: count },
} as const;

/** `GET /stats/datasets/{id}`: public totals, all time and the last 12 months. */
export const datasetStatsSchema = {
  $id: 'stats.dataset',
  type: 'object',
  required: ['datasetId', 'slug', 'allTime', 'last12Months', 'since'],
  properties: {
    datasetId: hexId,
    slug: { type: 'string' },
    allTime: publicTotals,
    last12Months: publicTotals,
    since: { type: ['string', 'null'], description: 'First month with a count (YYYY-MM), null when none.' },
  },
} as const;

const providerRef = {
  type: 'object',
  required: ['id', 'slug', 'name'],
  properties: { id: hexId, slug: { type: 'string' }, name: bilingual },
} as const;

/** `GET /stats/providers/{slug}`: per dataset × month × event, by requester country and organisation type. */
export const providerStatsSchema = {
  $id: 'stats.provider',
  type: 'object',
  required: ['provider', 'from', 'to', 'threshold', 'datasets', 'rows'],
  properties: {
    provider: providerRef,
    from: month,
    to: month,
    threshold: { type: 'integer', minimum: 1 },
    datasets: {
      type: 'array',
      items: {
        type: 'object',
        required: ['id', 'slug', 'title', 'totals'],
        properties: { id: hexId, slug: { type: 'string' }, title: bilingual, totals: eventTotals },
      },
    },
    rows: {
      type: 'array',
      items: {
        type: 'object',
        required: ['datasetId', 'month', 'event', 'total', 'byCountry', 'byOrgType'],
        properties: { datasetId: hexId, ...rowFields },
      },
    },
  },
} as const;

/** `GET /stats/overview`: every provider × month × event, for admins. */
export const overviewStatsSchema = {
  $id: 'stats.overview',
  type: 'object',
  required: ['from', 'to', 'threshold', 'providers', 'rows'],
  properties: {
    from: month,
    to: month,
    threshold: { type: 'integer', minimum: 1 },
    providers: {
      type: 'array',
      items: { type: 'object', required: ['id', 'slug', 'name', 'totals'], properties: { ...providerRef.properties, totals: eventTotals } },
    },
    rows: {
      type: 'array',
      items: {
        type: 'object',
        required: ['providerId', 'month', 'event', 'total', 'byCountry', 'byOrgType'],
        properties: { providerId: hexId, ...rowFields },
      },
    },
  },
} as const;
