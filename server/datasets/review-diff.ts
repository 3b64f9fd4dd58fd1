// What changed in a dataset since a reviewer last decided on it: content leaf by leaf (bilingual
// texts per language) and files added or removed. Pure: data in, changes out (docs/design.md §5).
import { pointerSegment } from '../../schemas/errors';
import { CONTENT_FIELDS, type ArtifactDoc, type ContentField, type DatasetContent } from './model';

/** One changed value: `path` is a JSON pointer into the content, `lang` set for one language of a bilingual text. */
export interface FieldChange {
  field: ContentField;
  path: string;
  lang?: 'ko' | 'en';
  before: unknown;
  after: unknown;
}

/** What a reviewer learns about a file (never its storage key). */
export type ArtifactFacts = Pick<ArtifactDoc, 'id' | 'kind' | 'filename' | 'contentType' | 'bytes' | 'sha256'>;

/** The facts of a file kept with a review record. */
export function factsOf(a: ArtifactFacts): ArtifactFacts {
  return { id: a.id, kind: a.kind, filename: a.filename, contentType: a.contentType, bytes: a.bytes, sha256: a.sha256 };
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Date);
}

// null and undefined both mean "not set" (a merge patch removes a key with null).
const isAbsent = (v: unknown) => v === undefined || v === null;

function sameValue(a: unknown, b: unknown): boolean {
  if (isAbsent(a) && isAbsent(b)) return true;
  if (a instanceof Date || b instanceof Date) return String(a instanceof Date ? a.toISOString() : a) === String(b instanceof Date ? b.toISOString() : b);
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => sameValue(x, b[i]));
  if (isPlainObject(a) && isPlainObject(b)) {
    // Key order is not promised by stored documents; only set keys count.
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    return [...keys].every((k) => sameValue(a[k], b[k]));
  }
  return a === b;
}

// Arrays are compared as wholes (a keyword list, the allowed purposes): the reviewer reads the list
// before and after, which says more than "element 2 changed".
function walk(field: ContentField, path: string, a: unknown, b: unknown, out: FieldChange[]): void {
  if (sameValue(a, b)) return;
  // An object on one side and nothing on the other is walked too: a summary written for the first
  // time reads as its Korean and English texts, each from "not set".
  if ((isPlainObject(a) || isAbsent(a)) && (isPlainObject(b) || isAbsent(b))) {
    const x = (a ?? {}) as Record<string, unknown>;
    const y = (b ?? {}) as Record<string, unknown>;
    const keys = [...new Set([...Object.keys(x), ...Object.keys(y)])].sort();
    for (const k of keys) walk(field, `${path}/${pointerSegment(k)}`, x[k], y[k], out);
    return;
  }
  const last = path.slice(path.lastIndexOf('/') + 1);
  const lang = path.split('/').length === 3 && (last === 'ko' || last === 'en') ? last : undefined;
  out.push({ field, path, ...(lang ? { lang } : {}), before: a ?? null, after: b ?? null });
}

/** Content leaves that differ between `before` and `after`, in the order of the content fields. */
export function contentChanges(before: DatasetContent, after: DatasetContent): FieldChange[] {
  const out: FieldChange[] = [];
  for (const field of CONTENT_FIELDS) walk(field, `/${field}`, before[field], after[field], out);
  return out;
}

/** Files present after and not before (added), before and not after (removed), matched by id. */
export function fileDifferences(before: readonly ArtifactFacts[], after: readonly ArtifactFacts[]): { added: ArtifactFacts[]; removed: ArtifactFacts[] } {
  const had = new Set(before.map((a) => a.id));
  const has = new Set(after.map((a) => a.id));
  return { added: after.filter((a) => !had.has(a.id)).map(factsOf), removed: before.filter((a) => !has.has(a.id)).map(factsOf) };
}
