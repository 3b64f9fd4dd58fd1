// External access entries as stored content (docs/design.md §3 `externalAccess`). Pure: the draft rules
// (readiness.ts) use it; who may see the entries is decided in external-access.ts.
import type { ExternalAccess } from '../../schemas/dataset';
import type { FieldError } from '../../schemas/errors';

/** The external access entries a face holds (none when unset). */
export function externalAccessOf(face: { externalAccess?: unknown } | null | undefined): ExternalAccess[] {
  return Array.isArray(face?.externalAccess) ? (face.externalAccess as ExternalAccess[]) : [];
}

/** Field errors of ids used twice in one list (the schema checks each entry on its own). */
export function duplicateExternalAccessIds(ds: unknown): FieldError[] {
  const list = externalAccessOf(ds as { externalAccess?: unknown } | null);
  const seen = new Set<string>();
  const errors: FieldError[] = [];
  list.forEach((entry, i) => {
    if (typeof entry?.id !== 'string') return;
    if (seen.has(entry.id)) errors.push({ path: `/externalAccess/${i}/id`, code: 'duplicate_code', params: { value: entry.id } });
    seen.add(entry.id);
  });
  return errors;
}
