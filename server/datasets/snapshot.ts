// A copy of the dataset store on disk (DATA_DIR/store), so that a restart at scale is a file read
// plus the changes recorded since, not a scan of the whole collection (minutes on the embedded
// FerretDB at 20,000 datasets). The format is BSON, as the driver decodes documents, so a restored
// document is what a read would have returned:
//
//   header { format, savedAt, through, database, migrations, datasets, versions }
//   one { d, s } per dataset: the document without the content fields it shares with its published
//     snapshot, whose names are in `s` (they are restored from `live`, so they are held once again)
//   one { v, m } per dataset with a publication history: its id and version metadata
//   trailer { end: true, datasets, versions } — a file without it is incomplete and ignored
//
// The file is written beside its final name and renamed over it, so a reader sees a whole old or a
// whole new snapshot. Whether a snapshot may be used against the connected database is decided by
// the sync (server/search/sync.ts) with the records kept here in `dataset_store_state`.
import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, unlink } from 'node:fs/promises';
import path from 'node:path';
import mongoose, { Schema } from 'mongoose';
import { CONTENT_FIELDS, type DatasetDoc } from './model';
import type { VersionMeta } from './store';

/** Bumped whenever the layout above changes; other formats are not read. */
const FORMAT = 1;
/** Name of the snapshot file in its directory. */
export const SNAPSHOT_FILE = 'datasets.bson';
/** Bytes gathered before each write; documents serialized, and decoded, between yields to the event loop. */
const WRITE_CHUNK_BYTES = 4 << 20;
const WRITE_YIELD_EVERY = 200;
const READ_YIELD_EVERY = 2000;

export interface SnapshotHeader {
  format: number;
  savedAt: Date;
  /** Changes recorded in `catalog_changes` before this time (less the poller's overlap) are in it. */
  through: Date;
  /** Identity of the database it was taken from (`databaseIdentity`). */
  database: string;
  /** Migrations done in that database when it was taken. */
  migrations: string[];
  datasets: number;
  versions: number;
}

export interface Snapshot {
  header: SnapshotHeader;
  docs: DatasetDoc[];
  versions: Map<string, VersionMeta[]>;
}

const BSON = () => mongoose.mongo.BSON;
const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Fields of the working copy that are the published snapshot's own values (shared in the store). */
function sharedFields(doc: DatasetDoc): string[] {
  const live = doc.live as unknown as Record<string, unknown> | null;
  if (!live) return [];
  const own = doc as unknown as Record<string, unknown>;
  const shared: string[] = CONTENT_FIELDS.filter((f) => own[f] !== undefined && own[f] === live[f]);
  if (doc.artifacts === doc.live!.artifacts) shared.push('artifacts');
  return shared;
}

/** Writes a snapshot atomically (temporary file, fsync, rename). Returns its size in bytes. */
export async function writeSnapshot(
  dir: string,
  header: Omit<SnapshotHeader, 'format' | 'datasets' | 'versions'>,
  docs: readonly DatasetDoc[],
  versions: ReadonlyMap<string, VersionMeta[]>,
): Promise<number> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const file = path.join(dir, SNAPSHOT_FILE);
  const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  const fh = await open(tmp, 'w', 0o600);
  let bytes = 0;
  try {
    let chunk: Uint8Array[] = [];
    let chunkBytes = 0;
    const flush = async () => {
      if (!chunkBytes) return;
      await fh.write(Buffer.concat(chunk, chunkBytes));
      bytes += chunkBytes;
      chunk = [];
      chunkBytes = 0;
      await yieldToEventLoop();
    };
    let pushed = 0;
    const push = async (value: Record<string, unknown>) => {
      const b = BSON().serialize(value);
      chunk.push(b);
      chunkBytes += b.length;
      if (chunkBytes >= WRITE_CHUNK_BYTES) await flush();
      // Requests go on while it is written: serializing thousands of documents at once would hold them up.
      else if (++pushed % WRITE_YIELD_EVERY === 0) await yieldToEventLoop();
    };
    await push({ ...header, format: FORMAT, datasets: docs.length, versions: versions.size });
    for (const doc of docs) {
      const s = sharedFields(doc);
      const d: Record<string, unknown> = { ...doc };
      for (const f of s) delete d[f];
      await push({ d, s });
    }
    for (const [v, m] of versions) await push({ v, m });
    await push({ end: true, datasets: docs.length, versions: versions.size });
    await flush();
    await fh.sync();
  } catch (err) {
    await fh.close().catch(() => undefined);
    await unlink(tmp).catch(() => undefined);
    throw err;
  }
  await fh.close();
  await rename(tmp, file);
  return bytes;
}

/** Reads the snapshot in `dir`; null when there is none, or it is incomplete or of another format. */
export async function readSnapshot(dir: string): Promise<Snapshot | null> {
  let buf: Buffer;
  try {
    buf = await readFile(path.join(dir, SNAPSHOT_FILE));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
  let offset = 0;
  const next = (): Record<string, unknown> | null => {
    if (offset + 4 > buf.length) return null;
    const size = buf.readInt32LE(offset);
    if (size < 5 || offset + size > buf.length) return null;
    const value = BSON().deserialize(buf.subarray(offset, offset + size));
    offset += size;
    return value;
  };
  const header = next() as SnapshotHeader | null;
  if (!header || header.format !== FORMAT) return null;
  const docs: DatasetDoc[] = [];
  for (let i = 0; i < header.datasets; i++) {
    const entry = next() as { d: Record<string, unknown>; s: string[] } | null;
    if (!entry?.d) return null;
    const live = entry.d.live as Record<string, unknown> | null;
    for (const f of entry.s) entry.d[f] = live?.[f];
    docs.push(entry.d as unknown as DatasetDoc);
    if (i % READ_YIELD_EVERY === READ_YIELD_EVERY - 1) await yieldToEventLoop();
  }
  const versions = new Map<string, VersionMeta[]>();
  for (let i = 0; i < header.versions; i++) {
    const entry = next() as { v: string; m: VersionMeta[] } | null;
    if (!entry?.v) return null;
    versions.set(entry.v, entry.m);
  }
  const end = next() as { end?: boolean; datasets?: number; versions?: number } | null;
  if (!end?.end || end.datasets !== header.datasets || end.versions !== header.versions) return null;
  return { header, docs, versions };
}

interface StoreStateDoc {
  _id: string;
  value?: string;
  at?: Date;
}

/**
 * Small records about the database itself: `identity` (made once, so a snapshot is never applied
 * to another database, or to this one dropped and filled again) and `horizon` (changes recorded
 * before `at` may have been pruned from `catalog_changes`, so an older snapshot cannot be brought
 * up to date from it).
 */
const StoreState = mongoose.model<StoreStateDoc>(
  'DatasetStoreState',
  new Schema<StoreStateDoc>({ _id: String, value: String, at: Date }, { versionKey: false, collection: 'dataset_store_state' }),
);

/** The identity of the connected database, made on first use. */
export async function databaseIdentity(): Promise<string> {
  const found = await StoreState.findById('identity').lean();
  if (found?.value) return found.value;
  try {
    await StoreState.create({ _id: 'identity', value: randomBytes(12).toString('hex') });
  } catch (err) {
    // Another process made it first (unique _id): use theirs.
    if ((err as { code?: number }).code !== 11000) throw err;
  }
  const made = await StoreState.findById('identity').lean();
  if (!made?.value) throw new Error('database identity could not be recorded');
  return made.value;
}

/** Before this time, changes may have been pruned from `catalog_changes` (null: never pruned). */
export async function pruneHorizon(): Promise<Date | null> {
  return (await StoreState.findById('horizon').lean())?.at ?? null;
}

/** Records that changes before `before` are about to be pruned (called before deleting them). */
export async function recordPruneHorizon(before: Date): Promise<void> {
  await StoreState.updateOne({ _id: 'horizon' }, { $max: { at: before } }, { upsert: true });
}

/** Ids of the migrations done in the connected database (server/infra/migrations.ts). */
export async function doneMigrations(): Promise<string[]> {
  const rows = await mongoose.connection
    .collection<{ _id: string; doneAt?: Date | null }>('migrations')
    .find({}, { projection: { doneAt: 1 } })
    .toArray();
  return rows
    .filter((r) => r.doneAt)
    .map((r) => String(r._id))
    .sort();
}
