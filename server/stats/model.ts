// Usage counters: the only form in which usage is stored (docs/statistics.md "Storage"). One document
// per (dataset, month, event, requester country, requester organisation type) holding a count; no
// person, address or time finer than the month is ever written.
import mongoose, { Schema, type Types } from 'mongoose';
import type { UsageEvent } from './events';

export interface UsageCounterDoc {
  _id: Types.ObjectId;
  datasetId: Types.ObjectId;
  providerId: Types.ObjectId;
  /** UTC month, `YYYY-MM`. */
  month: string;
  event: UsageEvent;
  /** ISO 3166-1 alpha-2 of the requester's organisation, or `anonymous`. */
  country: string;
  /** Organisation type of the requester, or `anonymous`. */
  orgType: string;
  count: number;
}

const usageCounterSchema = new Schema<UsageCounterDoc>(
  {
    datasetId: { type: Schema.Types.ObjectId, required: true },
    providerId: { type: Schema.Types.ObjectId, required: true },
    month: { type: String, required: true },
    event: { type: String, required: true },
    country: { type: String, required: true },
    orgType: { type: String, required: true },
    count: { type: Number, required: true, default: 0 },
  },
  { versionKey: false },
);

// The recording upsert (one `$inc` per event, keyed on every dimension) and
// GET /stats/providers/{slug}?from&to (providerId equal, month range): unique so that concurrent
// upserts of one cell cannot make two documents.
usageCounterSchema.index({ providerId: 1, month: 1, datasetId: 1, event: 1, country: 1, orgType: 1 }, { unique: true });
// GET /stats/datasets/{id}: one dataset's counters, all months.
usageCounterSchema.index({ datasetId: 1, month: 1 });
// GET /stats/overview?from&to: every provider's counters in a month range.
usageCounterSchema.index({ month: 1 });

export const UsageCounter = mongoose.model<UsageCounterDoc>('UsageCounter', usageCounterSchema, 'usage_counters');
