// One write at a time per document, within this process.
//
// The data layer keeps its invariants with single-document conditional updates (docs/design.md §2: a
// `findOneAndUpdate` whose filter holds the expected status or revision) and counts with `$inc`.
// MongoDB applies each of those atomically. The embedded FerretDB 1.24 on SQLite does not: it reads
// the matching document, applies the update in its own code and writes the result back, so
// concurrent writers interleave (measured: 40 parallel `$inc` of one counter left it at 1; of 10
// parallel `findOneAndUpdate({ _id, rev: 0 }, { $set: { rev: 1 } })` up to 4 succeeded). Unique
// indexes, on the other hand, are enforced by SQLite itself and hold.
//
// So every write that names documents by a filter goes through a per-document queue: writes whose
// filter names one `_id` wait for earlier writes of that document; any other filtered write waits
// for every earlier write of its collection (and later ones wait for it). That makes conditional
// updates and counters exact for all requests of this process — the embedded database serves one
// app process (`npm start`); several processes sharing one database need a real MongoDB, whose
// updates are atomic anyway (README "Production").
import mongoose from 'mongoose';

/** Collection methods that change documents chosen by a filter (the filter is their first argument). */
const FILTERED_WRITES = ['updateOne', 'updateMany', 'replaceOne', 'deleteOne', 'deleteMany', 'findOneAndUpdate', 'findOneAndReplace', 'findOneAndDelete'] as const;

type Release = () => void;

/** Queues per collection: one tail per document id, and one for writes that may touch any document. */
class WriteQueues {
  private readonly docs = new Map<string, Map<string, Promise<void>>>();
  private readonly wide = new Map<string, Promise<void>>();

  /** Waits for the writes this one must follow; the returned function lets the next ones go. */
  async enter(collection: string, id: string | null): Promise<Release> {
    let open!: () => void;
    const mine = new Promise<void>((resolve) => (open = resolve));
    const docs = this.docs.get(collection) ?? new Map<string, Promise<void>>();
    this.docs.set(collection, docs);
    const before: Array<Promise<void> | undefined> = [this.wide.get(collection)];
    if (id === null) {
      before.push(...docs.values());
      this.wide.set(collection, mine);
    } else {
      before.push(docs.get(id));
      docs.set(id, mine);
    }
    await Promise.all(before);
    return () => {
      open();
      if (id === null) {
        if (this.wide.get(collection) === mine) this.wide.delete(collection);
      } else if (docs.get(id) === mine) {
        docs.delete(id);
      }
    };
  }
}

const queues = new WriteQueues();

/** The document a filter names by `_id` equality, or null when it may match others. */
function singleId(filter: unknown): string | null {
  const id = (filter as { _id?: unknown } | null)?._id;
  if (id instanceof mongoose.Types.ObjectId || typeof id === 'string' || typeof id === 'number') return String(id);
  return null;
}

let installed = false;

/** Installs the per-document write order on every Mongoose collection of this process (once). */
export function orderWrites(): void {
  if (installed) return;
  installed = true;
  const proto = mongoose.Collection.prototype as unknown as Record<string, (this: { name?: string }, ...args: unknown[]) => unknown>;
  for (const name of FILTERED_WRITES) {
    const original = proto[name];
    if (typeof original !== 'function') continue;
    proto[name] = async function ordered(this: { name?: string }, ...args: unknown[]) {
      const release = await queues.enter(this.name ?? '?', singleId(args[0]));
      try {
        return await original.apply(this, args);
      } finally {
        release();
      }
    };
  }
}

orderWrites();
