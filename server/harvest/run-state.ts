// What a run keeps in memory while it works: its counts, the skipped records (the first SKIPPED_KEPT)
// the identifiers it has seen (to find duplicates and, at the end, what disappeared) and the source's
// harvest records (so that a chunk's lookup is not a query: docs/harvesting.md "Writing").
import type { Types } from 'mongoose';
import { SKIPPED_KEPT, type HarvestRecordDoc, type HarvestSourceDoc, type RunCounts, type SkippedRecord } from './model';

export class RunState {
  readonly counts: RunCounts = { fetched: 0, created: 0, updated: 0, unchanged: 0, withdrawn: 0, skipped: 0 };
  readonly skipped: SkippedRecord[] = [];
  readonly seen = new Set<string>();
  /**
   * The source's harvest records by original identifier, read once when the first chunk is written
   * and kept current by the run's own writes (one run per source at a time holds the source's slot).
   */
  known: Map<string, HarvestRecordDoc> | null = null;

  constructor(
    readonly source: HarvestSourceDoc,
    readonly runId: Types.ObjectId,
  ) {}

  /** Records a skipped record (counted always, listed up to SKIPPED_KEPT). */
  skip(s: SkippedRecord): void {
    this.counts.skipped++;
    if (this.skipped.length < SKIPPED_KEPT) this.skipped.push(s);
  }
}
