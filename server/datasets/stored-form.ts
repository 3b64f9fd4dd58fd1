// A dataset document in the store's form, and the metadata of its published versions (see
// store.ts): fields of a working copy equal to its published snapshot share the snapshot's values,
// and the whole is frozen, because documents are shared by every reader and by the catalogue index.
import type { Types } from 'mongoose';
import { CONTENT_FIELDS, type ChangeNote, type DatasetDoc, type DatasetVersionDoc } from './model';

/** What the publication history shows of one version (GET /datasets/{id}/versions). */
export interface VersionMeta {
  version: number;
  publishedAt: Date;
  changeNote: ChangeNote | null;
  /** The approving reviewer's note (shown to the working copy's readers only). */
  reviewerComment: string | null;
  /** Content fields that differ from the previous version's snapshot. */
  changedFields: string[];
}

/** Structural equality of stored values (plain objects, arrays, dates, ObjectIds, primitives). */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') {
    // null and a missing value are the same to a reader of the document.
    return (a ?? null) === (b ?? null);
  }
  if (a instanceof Date || b instanceof Date) return a instanceof Date && b instanceof Date && a.getTime() === b.getTime();
  const oidA = (a as { _bsontype?: string })._bsontype === 'ObjectId';
  const oidB = (b as { _bsontype?: string })._bsontype === 'ObjectId';
  if (oidA || oidB) return oidA && oidB && (a as Types.ObjectId).equals(b as Types.ObjectId);
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    return a.length === bb.length && a.every((v, i) => sameValue(v, bb[i]));
  }
  const ka = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
  const kb = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
  return ka.length === kb.length && ka.every((k) => sameValue((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

/** Freezes plain objects and arrays all the way down (ObjectIds, dates and buffers are left alone). */
function deepFreeze(value: unknown): void {
  if (value === null || typeof value !== 'object' || Object.isFrozen(value)) return;
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== Array.prototype && proto !== null) return;
  Object.freeze(value);
  for (const v of Object.values(value)) deepFreeze(v);
}

/**
 * Makes a document the store's own: fields of the working copy equal to the published snapshot's
 * become the snapshot's values (held once), and the whole is frozen. `doc` must not be shared
 * with anyone else (a fresh read or a copy).
 */
export function adopt(doc: DatasetDoc): DatasetDoc {
  // Already the store's (a streamed full read adopts as it reads; replaceAll adopts again).
  if (Object.isFrozen(doc)) return doc;
  const live = doc.live as unknown as Record<string, unknown> | null;
  if (live) {
    const own = doc as unknown as Record<string, unknown>;
    for (const f of CONTENT_FIELDS) {
      if (own[f] !== undefined && own[f] !== live[f] && sameValue(own[f], live[f])) own[f] = live[f];
    }
    const liveFiles = doc.live!.artifacts ?? [];
    if (doc.artifacts !== liveFiles && sameValue(doc.artifacts, liveFiles)) doc.artifacts = liveFiles;
    else if (doc.artifacts?.length && liveFiles.length) {
      doc.artifacts = doc.artifacts.map((a) => {
        const same = liveFiles.find((l) => l.id === a.id);
        return same && sameValue(a, same) ? same : a;
      });
    }
  }
  deepFreeze(doc);
  return doc;
}

/** Content fields that differ between two snapshots (the history's "what changed"). */
export function changedContentFields(before: Record<string, unknown> | undefined, after: Record<string, unknown>): string[] {
  if (!before) return [];
  return CONTENT_FIELDS.filter((f) => JSON.stringify(before[f] ?? null) !== JSON.stringify(after[f] ?? null));
}

type VersionRow = Pick<DatasetVersionDoc, 'datasetId' | 'version' | 'publishedAt' | 'changeNote' | 'reviewerComment' | 'snapshot'>;

/** Version metadata of stored versions, by dataset id, each list oldest first. */
export function versionMetasOf(rows: VersionRow[]): Map<string, VersionMeta[]> {
  const sorted = [...rows].sort((a, b) =>
    String(a.datasetId) < String(b.datasetId) ? -1 : String(a.datasetId) > String(b.datasetId) ? 1 : b.version - a.version,
  );
  return collectVersionMetas(sorted);
}

/**
 * The same from rows sorted by dataset and newest version first (`{ datasetId: 1, version: -1 }`,
 * the order of the versions' unique index), read one at a time: only the previous row's snapshot
 * is held, not every version's (tens of megabytes at 20,000 datasets).
 */
export async function versionMetasFrom(rows: AsyncIterable<VersionRow>): Promise<Map<string, VersionMeta[]>> {
  const out = new Map<string, VersionMeta[]>();
  let newer: { row: VersionRow; meta: VersionMeta } | null = null;
  for await (const row of rows) newer = addVersionRow(out, newer, row);
  return finishVersionMetas(out);
}

function collectVersionMetas(rows: Iterable<VersionRow>): Map<string, VersionMeta[]> {
  const out = new Map<string, VersionMeta[]>();
  let newer: { row: VersionRow; meta: VersionMeta } | null = null;
  for (const row of rows) newer = addVersionRow(out, newer, row);
  return finishVersionMetas(out);
}

function addVersionRow(out: Map<string, VersionMeta[]>, newer: { row: VersionRow; meta: VersionMeta } | null, row: VersionRow) {
  const id = String(row.datasetId);
  const meta: VersionMeta = {
    version: row.version,
    publishedAt: row.publishedAt,
    changeNote: row.changeNote ?? null,
    reviewerComment: row.reviewerComment ?? null,
    changedFields: [],
  };
  // The newer version of the same dataset read just before changed these fields against this one.
  if (newer && String(newer.row.datasetId) === id) {
    if (newer.row.version <= row.version) throw new Error('dataset versions out of order');
    newer.meta.changedFields = changedContentFields(row.snapshot as Record<string, unknown>, newer.row.snapshot as Record<string, unknown>);
  }
  const list = out.get(id);
  if (list) list.push(meta);
  else out.set(id, [meta]);
  return { row, meta };
}

function finishVersionMetas(out: Map<string, VersionMeta[]>): Map<string, VersionMeta[]> {
  for (const list of out.values()) list.reverse();
  return out;
}
