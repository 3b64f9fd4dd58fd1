// Turns AJV errors into the API's FieldErrors (JSON-pointer path, stable code, declared params).
// Kept free of the AJV runtime so the browser's precompiled validators can share it.
import type { ErrorObject } from 'ajv';
import { FIELD_ERROR_PARAMS, mergeErrors, pointerSegment, type FieldError } from './errors';
import { isNullSchema } from './merge-patch';

/** Schema annotation naming the FieldError code of a keyword (`{ pattern: 'invalid_slug' }`). */
export const ERROR_CODES_KEYWORD = 'x-error-codes';

const KEYWORD_CODES: Record<string, string> = {
  required: 'required',
  type: 'type',
  enum: 'enum',
  const: 'const',
  pattern: 'pattern',
  format: 'format',
  minLength: 'min_length',
  maxLength: 'max_length',
  minimum: 'minimum',
  maximum: 'maximum',
  exclusiveMinimum: 'exclusive_minimum',
  exclusiveMaximum: 'exclusive_maximum',
  multipleOf: 'multiple_of',
  minItems: 'min_items',
  maxItems: 'max_items',
  uniqueItems: 'unique_items',
  minProperties: 'min_properties',
  maxProperties: 'max_properties',
  additionalProperties: 'additional_property',
  'false schema': 'not_allowed',
  not: 'not_allowed',
  anyOf: 'any_of',
  oneOf: 'one_of',
};

function paramsFor(error: ErrorObject): Record<string, unknown> {
  const p = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'type':
      return { type: Array.isArray(p.type) ? p.type.join(', ') : p.type };
    case 'enum':
      return { allowedValues: p.allowedValues };
    case 'const':
      return { allowedValue: p.allowedValue };
    case 'pattern':
      return { pattern: p.pattern };
    case 'format':
      return { format: p.format };
    case 'uniqueItems':
      return { duplicateOf: Math.min(Number(p.i), Number(p.j)) };
    case 'minLength':
    case 'maxLength':
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
    case 'multipleOf':
    case 'minItems':
    case 'maxItems':
    case 'minProperties':
    case 'maxProperties':
      return { limit: p.limit };
    default:
      return {};
  }
}

// Keeps only the params FIELD_ERROR_PARAMS declares, so messages and params stay one contract.
function declaredParams(code: string, params: Record<string, unknown>): Record<string, unknown> {
  const names: readonly string[] | undefined = (FIELD_ERROR_PARAMS as Record<string, readonly string[]>)[code];
  if (!names) return params;
  return Object.fromEntries(Object.entries(params).filter(([name]) => names.includes(name)));
}

function pathFor(error: ErrorObject): string {
  const p = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
    case 'dependencies':
      return `${error.instancePath}/${pointerSegment(String(p.missingProperty))}`;
    case 'additionalProperties':
      return `${error.instancePath}/${pointerSegment(String(p.additionalProperty))}`;
    case 'uniqueItems':
      // Point at the later duplicate, the one the user should remove.
      return `${error.instancePath}/${Math.max(Number(p.i), Number(p.j))}`;
    default:
      return error.instancePath;
  }
}

function codeFor(error: ErrorObject): string {
  const parent = error.parentSchema as Record<string, unknown> | undefined;
  const named = parent?.[ERROR_CODES_KEYWORD] as Record<string, string> | undefined;
  if (named?.[error.keyword]) return named[error.keyword];
  if (error.keyword === 'dependencies') return 'required';
  return KEYWORD_CODES[error.keyword] ?? 'invalid';
}

// The index of the `{ type: 'null' }` branch of a two-branch anyOf (needs AJV's `verbose`), or -1.
function nullBranchOf(branches: unknown): number {
  if (!Array.isArray(branches) || branches.length !== 2) return -1;
  const index = branches.findIndex(isNullSchema);
  return index >= 0 && !isNullSchema(branches[1 - index]) ? index : -1;
}

/** Translates AJV errors into deduplicated FieldErrors (JSON-pointer paths, stable codes). */
export function toFieldErrors(errors: readonly ErrorObject[] | null | undefined): FieldError[] {
  if (!errors) return [];
  // `if` only repeats that a then/else branch failed; the branch errors say what is wrong.
  let relevant = errors.filter((e) => e.keyword !== 'if');
  // A failed anyOf/oneOf reports every branch's errors: keep one error for the whole. A nullable
  // anyOf (`[<schema>, { type: 'null' }]`, each property of a merge-patch body) fails only for a
  // non-null value: its other branch's errors say what is wrong, as they would without the null.
  const alternatives = relevant.filter((e) => e.keyword === 'anyOf' || e.keyword === 'oneOf');
  for (const alt of alternatives) {
    const nullBranch = alt.keyword === 'anyOf' ? nullBranchOf(alt.schema) : -1;
    if (nullBranch >= 0) {
      const nullPrefix = `${alt.schemaPath}/${nullBranch}/`;
      relevant = relevant.filter((e) => e !== alt && !e.schemaPath.startsWith(nullPrefix));
    } else {
      const prefix = alt.schemaPath + '/';
      relevant = relevant.filter((e) => !e.schemaPath.startsWith(prefix));
    }
  }
  return mergeErrors(
    relevant.map((e) => {
      const code = codeFor(e);
      return { path: pathFor(e), code, params: declaredParams(code, paramsFor(e)) };
    }),
  );
}

