// After a complete, successful run: the source's datasets whose records it no longer lists are
// withdrawn (docs/harvesting.md "Writing"). Never after a failed or partial fetch — the caller decides.
import type { Types } from 'mongoose';
import { Dataset } from '../datasets/model';
import { HarvestRecord, type HarvestRecordDoc } from './model';

/** Withdraws the datasets of `sourceId` not in `seen`; returns how many. */
export async function withdrawMissing(sourceId: Types.ObjectId, seen: ReadonlySet<string>): Promise<number> {
  let withdrawn = 0;
  const cursor = HarvestRecord.find({ sourceId, withdrawn: false }, { originalId: 1, datasetId: 1 }).lean<HarvestRecordDoc[]>().cursor();
  for await (const rec of cursor as AsyncIterable<HarvestRecordDoc>) {
    if (seen.has(rec.originalId)) continue;
    await withdrawDataset(sourceId, rec.datasetId);
    await HarvestRecord.updateOne({ _id: rec._id }, { $set: { withdrawn: true } });
    withdrawn++;
  }
  return withdrawn;
}

/** Withdraws one harvested dataset of the source (kept, as the catalogue keeps withdrawn datasets). */
export async function withdrawDataset(sourceId: Types.ObjectId, datasetId: Types.ObjectId): Promise<void> {
  const now = new Date();
  await Dataset.updateOne({ _id: datasetId, 'origin.sourceId': sourceId, withdrawnAt: null }, { $set: { status: 'withdrawn', withdrawnAt: now }, $inc: { rev: 1 } });
}
