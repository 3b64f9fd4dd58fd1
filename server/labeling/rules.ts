// Labeling procedure rules beyond JSON Schema: keyed uniqueness and QA consistency. Pure.
import { schemaErrors } from '../../schemas/ajv';
import { mergeErrors, pointer, type FieldError } from '../../schemas/errors';

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

// Flags every repeat of `key` after its first occurrence, at `<base>/<index>/<key>`.
function duplicates(items: unknown[], key: string, base: string[]): FieldError[] {
  const seen = new Set<unknown>();
  const errors: FieldError[] = [];
  items.forEach((item, index) => {
    const value = record(item)[key];
    if (typeof value !== 'string') return;
    if (seen.has(value)) errors.push({ path: pointer(...base, index, key), code: 'duplicate_code', params: { value } });
    seen.add(value);
  });
  return errors;
}

/** Rule errors only: duplicate class/attribute codes or target metrics, sampling without a rate. */
export function procedureRuleErrors(p: unknown): FieldError[] {
  const procedure = record(p);
  const labelSchema = record(procedure.labelSchema);
  const qa = record(procedure.qa);
  const errors = [
    ...duplicates(list(labelSchema.classes), 'code', ['labelSchema', 'classes']),
    ...duplicates(list(labelSchema.attributes), 'code', ['labelSchema', 'attributes']),
    // Matching compares a dataset's results with the target of each metric: one target per metric.
    ...duplicates(list(qa.targets), 'metric', ['qa', 'targets']),
  ];
  if (qa.inspection === 'sampling' && qa.samplingRate === undefined) {
    errors.push({ path: '/qa/samplingRate', code: 'required', params: {} });
  }
  return errors;
}

/** Errors of a procedure version's content: `labelingProcedures.draft` plus the rules above. */
export function procedureErrors(p: unknown): FieldError[] {
  return mergeErrors(schemaErrors('labelingProcedures.draft', p), procedureRuleErrors(p));
}

/** Errors that block activating a version: `labelingProcedures.activatable` plus the rules above. */
export function activationErrors(p: unknown): FieldError[] {
  return mergeErrors(schemaErrors('labelingProcedures.activatable', p), procedureRuleErrors(p));
}
