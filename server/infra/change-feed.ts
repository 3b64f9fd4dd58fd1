// A change feed of datasets and organisations, written by the data layer itself (Mongoose
// middleware), so that every write — API, seed, import, bench — reaches the search index: at once in
// the writing process, and through the `catalog_changes` collection in every other process sharing
// the database (the embedded FerretDB — run with --telemetry=disable and DO_NOT_TRACK=1 — has no
// change streams, so readers poll it; see server/search/sync.ts).
import mongoose, { Schema, Types, type Query } from 'mongoose';

export type ChangeKind = 'dataset' | 'organization';

/** Which records changed; `all` when a write's filter did not name them. */
export interface Change {
  kind: ChangeKind;
  ids: string[] | 'all';
  /** The records as written, when the write returned them (saves, inserts, find-and-update after). */
  docs?: Array<Record<string, unknown>>;
}

export interface ChangeDoc {
  _id: Types.ObjectId;
  kind: ChangeKind;
  /** The process that wrote it (it has applied the change already). */
  origin: string;
  ids: Types.ObjectId[];
  all: boolean;
  at: Date;
}

const changeSchema = new Schema<ChangeDoc>(
  {
    kind: { type: String, required: true },
    origin: { type: String, default: '' },
    ids: { type: [Schema.Types.ObjectId], default: [] },
    all: { type: Boolean, default: false },
    at: { type: Date, required: true },
  },
  { versionKey: false, collection: 'catalog_changes' },
);
// The index poller asks for recent changes; pruning removes old ones.
changeSchema.index({ at: 1 });

export const CatalogChange = mongoose.model<ChangeDoc>('CatalogChange', changeSchema);

/** Identifies this process's rows in `catalog_changes`. */
export const PROCESS_ORIGIN = new Types.ObjectId().toHexString();

type Listener = (change: Change) => Promise<void> | void;
const listeners = new Set<Listener>();

/** Subscribes to changes made by this process (applied before the write's promise resolves). */
export function onCatalogChange(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/**
 * Announces a change to local listeners and records it for other processes. The write itself has
 * already happened, so failures here are not thrown at the writer: a listener that fails catches up
 * from `catalog_changes` on its next poll, and the record is retried once.
 */
export async function recordChange(change: Change): Promise<void> {
  if (Array.isArray(change.ids) && change.ids.length === 0) return;
  const results = await Promise.allSettled([...listeners].map(async (l) => l(change)));
  const failed = results.filter((r) => r.status === 'rejected');
  for (const r of failed) console.warn('catalog change listener failed', (r as PromiseRejectedResult).reason);
  const ids = change.ids === 'all' ? [] : change.ids.map((id) => new Types.ObjectId(id));
  // Without an origin, this process's own poller picks the change up again (a retry of the listener).
  const row = { kind: change.kind, origin: failed.length ? '' : PROCESS_ORIGIN, ids, all: change.ids === 'all', at: new Date() };
  await CatalogChange.create(row).catch(() => CatalogChange.create({ ...row, at: new Date() }))
    .catch((err: unknown) => console.error('catalog change could not be recorded; other processes will miss it', err));
}

/** Ids named by a query filter (`_id` equality or `$in`), or 'all' when it names none. */
function idsOfFilter(filter: Record<string, unknown>): string[] | 'all' {
  const id = filter._id as unknown;
  const valid = (v: unknown) => (v instanceof Types.ObjectId || typeof v === 'string') && Types.ObjectId.isValid(String(v));
  if (valid(id)) return [String(id)];
  if (id && typeof id === 'object' && Array.isArray((id as { $in?: unknown[] }).$in)) {
    const list = (id as { $in: unknown[] }).$in;
    if (list.every(valid)) return list.map(String);
  }
  return 'all';
}

type Plain = Record<string, unknown> & { _id: Types.ObjectId };
const plain = (d: unknown): Plain => (typeof (d as { toObject?: unknown }).toObject === 'function' ? (d as { toObject(): Plain }).toObject() : (d as Plain));

/** Mongoose plugin: every write through the model is announced as a change of `kind`. */
export function changeFeed(kind: ChangeKind) {
  return (schema: Schema): void => {
    schema.post('save', async function (doc: unknown) {
      const d = plain(doc);
      await recordChange({ kind, ids: [String(d._id)], docs: [d] });
    });
    schema.post('insertMany', async function (docs: unknown) {
      const list = (docs as unknown[]).map(plain);
      await recordChange({ kind, ids: list.map((d) => String(d._id)), docs: list });
    });
    // An unordered insert that failed for some documents wrote the others (Mongoose hands them over
    // as `insertedDocs` and runs only error middleware); the error still reaches the caller.
    schema.post('insertMany', { errorHandler: true }, async function (err: unknown) {
      const inserted = (err as { insertedDocs?: unknown[] } | null)?.insertedDocs;
      if (!Array.isArray(inserted) || !inserted.length) return;
      const list = inserted.map(plain);
      await recordChange({ kind, ids: list.map((d) => String(d._id)), docs: list });
    });
    const byFilter = async function (this: Query<unknown, unknown>) {
      await recordChange({ kind, ids: idsOfFilter(this.getFilter()) });
    };
    // A find-and-modify that returned the new document hands it over; otherwise readers re-read.
    const byResult = async function (this: Query<unknown, unknown>, res: unknown) {
      const opts = this.getOptions() as { returnDocument?: string; new?: boolean; includeResultMetadata?: boolean; rawResult?: boolean };
      // With includeResultMetadata the document is `res.value`.
      const found = opts.includeResultMetadata || opts.rawResult ? (res as { value?: unknown } | null)?.value : res;
      const d = found ? plain(found) : null;
      if (d && Types.ObjectId.isValid(String(d._id)) && (opts.returnDocument === 'after' || opts.new === true)) {
        await recordChange({ kind, ids: [String(d._id)], docs: [d] });
      } else {
        await recordChange({ kind, ids: d && Types.ObjectId.isValid(String(d._id)) ? [String(d._id)] : idsOfFilter(this.getFilter()) });
      }
    };
    schema.post('findOneAndUpdate', byResult);
    schema.post('findOneAndReplace', byResult);
    for (const op of ['findOneAndDelete', 'updateOne', 'updateMany', 'replaceOne', 'deleteMany'] as const) schema.post(op, byFilter);
    schema.post('deleteOne', { document: false, query: true }, byFilter);
  };
}
