// The orders of a working list (updated, newest, title) as MongoDB would sort, and a list kept in edit order.
import type { DatasetDoc } from './model';

/** Orders of a working list (`sort` of GET /datasets?workspace=true). */
export type WorkingSort = 'updated' | 'newest' | 'title';

/** Hex ids of held documents, remembered: sorting compares them often. */
const hexIds = new WeakMap<object, string>();
export function idOf(doc: Pick<DatasetDoc, '_id'>): string {
  let id = hexIds.get(doc);
  if (id === undefined) hexIds.set(doc, (id = doc._id.toHexString()));
  return id;
}

/** A date as MongoDB sorts it: missing or null below every date. */
const timeOf = (d: Date | null | undefined): number => (d instanceof Date ? d.getTime() : -Infinity);

/** Most recently edited first, then `_id` descending: the `{ updatedAt: -1, _id: -1 }` sort. */
export function byUpdatedDesc(a: DatasetDoc, b: DatasetDoc): number {
  return timeOf(b.updatedAt) - timeOf(a.updatedAt) || (idOf(a) < idOf(b) ? 1 : idOf(a) > idOf(b) ? -1 : 0);
}

/** Newest first, then `_id` descending: the `{ createdAt: -1, _id: -1 }` sort. */
export function byCreatedDesc(a: DatasetDoc, b: DatasetDoc): number {
  return timeOf(b.createdAt) - timeOf(a.createdAt) || (idOf(a) < idOf(b) ? 1 : idOf(a) > idOf(b) ? -1 : 0);
}

/** `{ 'title.<lang>': 1, _id: 1 }`: a missing title first (MongoDB sorts null below strings), then by code unit. */
export function byTitle(lang: 'ko' | 'en') {
  const title = (d: DatasetDoc): string | null => {
    const v = (d.title as Record<string, unknown> | undefined)?.[lang];
    return typeof v === 'string' ? v : null;
  };
  return (a: DatasetDoc, b: DatasetDoc): number => {
    const ta = title(a);
    const tb = title(b);
    if (ta !== tb) {
      if (ta === null) return -1;
      if (tb === null) return 1;
      return ta < tb ? -1 : 1;
    }
    return idOf(a) < idOf(b) ? -1 : idOf(a) > idOf(b) ? 1 : 0;
  };
}

/** Documents kept in `byUpdatedDesc` order; insertion and removal by binary search. */
export class OrderedDocs {
  readonly docs: DatasetDoc[] = [];

  private position(doc: DatasetDoc): number {
    let lo = 0;
    let hi = this.docs.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (byUpdatedDesc(this.docs[mid], doc) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  add(doc: DatasetDoc): void {
    this.docs.splice(this.position(doc), 0, doc);
  }

  /** Replaces the content with these documents (sorted once: inserting one by one is quadratic). */
  reset(docs: DatasetDoc[]): void {
    this.docs.length = 0;
    for (const d of docs) this.docs.push(d);
    this.docs.sort(byUpdatedDesc);
  }

  /** Removes the entry of this exact document (found by its order key). */
  remove(doc: DatasetDoc): void {
    const i = this.position(doc);
    if (this.docs[i] === doc) this.docs.splice(i, 1);
    else {
      // Not where its key says (should not happen): fall back to a search by identity.
      const j = this.docs.indexOf(doc);
      if (j >= 0) this.docs.splice(j, 1);
    }
  }
}
