// Shapes of the labeling-procedure API (server/labeling/presenter.ts) and small pure helpers the
// registry pages share. Content types come from the shared JSON Schemas, never a second copy.
import type { LabelAttribute, LabelClass, LabelingProcedureUpdate, QaTarget } from '@schemas/labeling-procedure';
import { QA_METRICS, type ProcedureStatus, type QaDirection } from '@schemas/taxonomy';
import type { BilingualText } from '../../components/Bi';

export type { LabelAttribute, LabelClass, QaTarget };
export type { ProcedureStatus };

/** What a provider writes in one version (every field optional in a draft). */
export type ProcedureContent = LabelingProcedureUpdate;

/** One version as `presentVersion` shows it. */
export type ProcedureVersion = ProcedureContent & {
  procedureId: string;
  version: number;
  status: ProcedureStatus;
  rev: number;
  etag: string;
  activatedAt: string | null;
  supersededAt: string | null;
  retiredAt: string | null;
  createdAt: string;
  updatedAt: string;
};

/** A version summary of a procedure's version list. */
export interface VersionSummary {
  version: number;
  status: ProcedureStatus;
  activatedAt: string | null;
}

/** The short provider view embedded in procedure responses. */
export interface ProcedureProvider {
  id: string;
  slug: string;
  name: BilingualText;
}

/** A procedure with the caller's current version (`presentProcedure`). */
export type Procedure = ProcedureVersion & {
  id: string;
  slug: string;
  provider: ProcedureProvider | null;
  latestVersion: number;
  activeVersion: number | null;
  versions?: VersionSummary[];
};

/** `GET …/versions/{v}`: one version with the procedure's id and slug. */
export type VersionDetail = ProcedureVersion & { id: string; slug: string };

/** One entry of `GET …/diff`. */
export interface Change {
  path: string;
  op: 'added' | 'removed' | 'changed';
  from?: unknown;
  to?: unknown;
}

export interface DiffResponse {
  from: number;
  to: number;
  changes: Change[];
}

/** The badge class of a version status: the colour repeats what the text says. */
export function statusBadgeClass(status: string): string {
  switch (status) {
    case 'active':
      return 'badge success';
    case 'draft':
      return 'badge warning';
    case 'retired':
      return 'badge danger';
    default:
      return 'badge';
  }
}

/** The direction a target for `metric` normally takes (higher is better unless an error rate). */
export function defaultDirection(metric: string): QaDirection {
  return QA_METRICS.find((m) => m.code === metric)?.direction ?? 'higher_better';
}

/** Splits a JSON pointer into unescaped segments. */
export function pointerSegments(path: string): string[] {
  if (!path || path === '/') return [];
  return path
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** Reads the value at a JSON pointer, or undefined. */
export function valueAt(doc: unknown, segments: readonly string[]): unknown {
  let cur: unknown = doc;
  for (const s of segments) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[s];
  }
  return cur;
}

/** True for `{ ko?, en? }` objects holding only strings. */
export function isBilingual(v: unknown): v is BilingualText {
  if (!v || typeof v !== 'object' || Array.isArray(v)) return false;
  const keys = Object.keys(v);
  return keys.length > 0 && keys.every((k) => (k === 'ko' || k === 'en') && typeof (v as Record<string, unknown>)[k] === 'string');
}

/** The versions to compare by default: the active one (or the one before) against the latest. */
export function defaultComparison(versions: readonly VersionSummary[]): { from: number; to: number } | null {
  if (versions.length < 2) return null;
  const numbers = versions.map((v) => v.version).sort((a, b) => b - a);
  const to = numbers[0];
  const active = versions.filter((v) => v.status === 'active' && v.version < to).map((v) => v.version);
  const from = active.length ? Math.max(...active) : numbers[1];
  return { from, to };
}
