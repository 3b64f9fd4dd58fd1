// Query parameters of the statistics tables (docs/statistics.md "Reading"): a month range and the format.
import type { FromSchema } from 'json-schema-to-ts';

const month = { type: 'string', pattern: '^\\d{4}-(0[1-9]|1[0-2])$' } as const;

export const statsRangeQuerySchema = {
  $id: 'stats.range',
  type: 'object',
  additionalProperties: false,
  properties: {
    from: {
      ...month,
      description: 'First month, YYYY-MM (default: 11 months before `to`). A range with `from` after `to` holds no month.',
    },
    to: { ...month, description: 'Last month, YYYY-MM (default: this month, UTC).' },
    format: {
      type: 'string',
      enum: ['json', 'csv'],
      description: 'json (default) or csv (UTF-8 with BOM; a suppressed cell has an empty count and suppressed=true).',
    },
  },
} as const;

export type StatsRangeQuery = FromSchema<typeof statsRangeQuerySchema>;
