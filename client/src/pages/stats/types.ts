// The statistics answers as the client reads them: the server's response schemas (schemas/responses/stats.ts).
import type { ResponseOf } from '@schemas/responses';

export type ProviderStats = ResponseOf<'stats.provider'>;
export type OverviewStats = ResponseOf<'stats.overview'>;
export type DatasetStats = ResponseOf<'stats.dataset'>;
export type StatsRow = ProviderStats['rows'][number];
export type Breakdown = StatsRow['byCountry'];
export type UsageEvent = StatsRow['event'];

export const USAGE_EVENTS: readonly UsageEvent[] = [
  'view',
  'sample_download',
  'full_download',
  'request_submitted',
  'request_approved',
  'request_rejected',
];
