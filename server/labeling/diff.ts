// Structured diff between two procedure versions. Pure: data in, changes out.
import { pointerSegment } from '../../schemas/errors';
import { PROCEDURE_CONTENT_FIELDS, type ProcedureContent } from './model';

export type ChangeOp = 'added' | 'removed' | 'changed';

/** One difference, located by a JSON pointer into the newer version (the older one for removals). */
export interface Change {
  path: string;
  op: ChangeOp;
  from?: unknown;
  to?: unknown;
}

// Keys that identify an element of an array of objects across versions, tried in this order:
// label classes and attributes carry a `code`, QA targets a `metric`.
const IDENTITY_KEYS = ['code', 'metric'] as const;

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && Object.getPrototypeOf(v) === Object.prototype;
}

// null and undefined both mean "not set": a field cleared by a merge patch reads as removed.
function isAbsent(v: unknown): boolean {
  return v === undefined || v === null;
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  if (isPlainObject(a) && isPlainObject(b)) {
    const ka = Object.keys(a).filter((k) => !isAbsent(a[k]));
    const kb = Object.keys(b).filter((k) => !isAbsent(b[k]));
    return ka.length === kb.length && ka.every((k) => deepEqual(a[k], b[k]));
  }
  return false;
}

/** The key matching elements of both arrays, when every element has a distinct string value for it. */
function identityKey(a: unknown[], b: unknown[]): string | null {
  if (a.length + b.length === 0) return null;
  for (const key of IDENTITY_KEYS) {
    const ok = [a, b].every((list) => {
      const seen = new Set<string>();
      for (const el of list) {
        if (!isPlainObject(el) || typeof el[key] !== 'string' || seen.has(el[key] as string)) return false;
        seen.add(el[key] as string);
      }
      return true;
    });
    if (ok) return key;
  }
  return null;
}

function diffArrays(a: unknown[], b: unknown[], path: string, out: Change[]): void {
  const key = identityKey(a, b);
  if (!key) {
    const n = Math.max(a.length, b.length);
    for (let i = 0; i < n; i++) diffValues(a[i], b[i], `${path}/${i}`, out);
    return;
  }
  // Matching by identity: inserting a class reads as one addition, not as every later class changing.
  const idOf = (el: unknown) => (el as Record<string, string>)[key];
  const before = new Map(a.map((el) => [idOf(el), el]));
  const after = new Set(b.map(idOf));
  b.forEach((el, i) => diffValues(before.get(idOf(el)), el, `${path}/${i}`, out));
  a.forEach((el, i) => {
    if (!after.has(idOf(el))) out.push({ path: `${path}/${i}`, op: 'removed', from: el });
  });
}

function diffValues(a: unknown, b: unknown, path: string, out: Change[]): void {
  if (isAbsent(a) && isAbsent(b)) return;
  if (isAbsent(a)) {
    out.push({ path, op: 'added', to: b });
    return;
  }
  if (isAbsent(b)) {
    out.push({ path, op: 'removed', from: a });
    return;
  }
  if (isPlainObject(a) && isPlainObject(b)) {
    // Sorted keys: stored documents do not promise a key order, the diff must not depend on it.
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
    for (const k of keys) diffValues(a[k], b[k], `${path}/${pointerSegment(k)}`, out);
    return;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    diffArrays(a, b, path, out);
    return;
  }
  if (!deepEqual(a, b)) out.push({ path, op: 'changed', from: a, to: b });
}

/**
 * Differences between the content of two versions, field by field in the registry's order.
 * Arrays of objects keyed by `code` or `metric` are matched by that key, other arrays by index.
 */
export function diffDocuments(a: ProcedureContent, b: ProcedureContent): Change[] {
  const out: Change[] = [];
  for (const field of PROCEDURE_CONTENT_FIELDS) diffValues(a[field], b[field], `/${field}`, out);
  return out;
}
