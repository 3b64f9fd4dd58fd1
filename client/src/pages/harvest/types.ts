// The harvesting API's shapes as the client reads them (docs/harvesting-client.md, the contract of issue 16).
// Declared here from the contract until the server's response schemas (schemas/responses) exist.
import type { BilingualText } from '../../components/Bi';

export const SOURCE_KINDS = ['dcat-us', 'dcat-ap', 'ckan'] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];

export const SCHEDULES = ['manual', 'hourly', 'daily', 'weekly'] as const;
export type Schedule = (typeof SCHEDULES)[number];

export type RunStatus = 'running' | 'succeeded' | 'not_modified' | 'failed';

/** What one run did, record by record. */
export interface RunCounts {
  fetched: number;
  created: number;
  updated: number;
  unchanged: number;
  withdrawn: number;
  skipped: number;
}

/** A run as source listings and the run history show it. */
export interface RunSummary {
  id: string;
  sourceId: string;
  trigger: 'manual' | 'schedule';
  status: RunStatus;
  startedAt: string;
  finishedAt: string | null;
  counts: RunCounts;
}

/** A record the run left out, with why (message in the request's language). */
export interface SkippedRecord {
  originalId: string | null;
  code: string;
  message: string;
}

/** A run's full report. */
export interface Run extends RunSummary {
  skipped: SkippedRecord[];
  skippedTotal?: number;
  error: { code: string; message: string } | null;
}

/** A registered catalogue that is harvested. */
export interface HarvestSource {
  id: string;
  name: BilingualText;
  kind: SourceKind;
  url: string;
  provider: { id: string; slug: string; name: BilingualText };
  schedule: Schedule;
  enabled: boolean;
  nextRunAt: string | null;
  lastRun: RunSummary | null;
  datasetCount: number;
  createdAt: string;
  updatedAt: string;
}

/** Where a dataset comes from: typed in here, or harvested from a registered source. */
export type DatasetOrigin =
  | { kind: 'local' }
  | {
      kind: 'harvested';
      source: { id: string; name: BilingualText; kind: SourceKind; url: string };
      originalId: string;
      landingPage: string | null;
      harvestedAt: string;
      sourceModified: string | null;
      suggested: { techAreas: { kr: string[]; us: string[] }; modalities: string[] };
      curated: boolean;
    };

/** The harvested variant of DatasetOrigin. */
export type HarvestedOrigin = Extract<DatasetOrigin, { kind: 'harvested' }>;

/** Body of `POST /harvest/sources`. */
export interface SourceCreate {
  name: BilingualText;
  kind: SourceKind;
  url: string;
  providerId: string;
  schedule: Schedule;
  enabled?: boolean;
}

/** Body of `POST /harvest/datasets/{id}/curation`. */
export interface CurationBody {
  techAreas: { kr: string[]; us: string[] };
  modalities: string[];
}

/** True while a run has not finished. */
export function isRunning(run: Pick<RunSummary, 'status'> | null | undefined): boolean {
  return run?.status === 'running';
}
