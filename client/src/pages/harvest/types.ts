// The harvesting API's shapes as the client reads them: response types from the server's response
// schemas (schemas/responses/harvest.ts), request bodies from the request schemas (schemas/harvest.ts);
// docs/harvesting-client.md.
import type { HarvestCuration, HarvestSourceCreate } from '@schemas/harvest';
import type { ResponseOf } from '@schemas/responses';

export { HARVEST_KINDS as SOURCE_KINDS, HARVEST_SCHEDULES as SCHEDULES } from '@schemas/harvest';
export type { HarvestKind as SourceKind, HarvestSchedule as Schedule } from '@schemas/harvest';

/** A registered catalogue that is harvested. */
export type HarvestSource = ResponseOf<'harvest.source'>;
/** A run's full report: summary, skipped records (the first 200; `skippedTotal` counts all) and its error. */
export type Run = ResponseOf<'harvest.run'>;
/** A run as source listings and the run history show it. */
export type RunSummary = ResponseOf<'harvest.runList'>['items'][number];
export type RunCounts = RunSummary['counts'];
export type RunStatus = RunSummary['status'];

/** Where a dataset comes from: typed in here (`local`), or harvested from a registered source. */
export type DatasetOrigin = NonNullable<ResponseOf<'datasets.view'>['origin']>;
/** The harvested variant of DatasetOrigin. */
export type HarvestedOrigin = Extract<DatasetOrigin, { kind: 'harvested' }>;

/** Body of `POST /harvest/sources`. */
export type SourceCreate = HarvestSourceCreate;
/** Body of `POST /harvest/datasets/{id}/curation`. */
export type CurationBody = HarvestCuration;

/** True while a run has not finished. */
export function isRunning(run: Pick<RunSummary, 'status'> | null | undefined): boolean {
  return run?.status === 'running';
}
