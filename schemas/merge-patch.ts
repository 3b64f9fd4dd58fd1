// JSON merge patch (RFC 7396) request bodies derived from a create schema, and the merge itself.
// Pure and dependency-free: the server and the browser client share it.
//
// A PATCH body says what changes: objects merge recursively, arrays and scalars replace, `null`
// removes. The merged document is then validated as a whole (the draft schema and its rules), so
// the body schema only checks what it can check locally:
// - objects lose `required`, nested ones their property counts (`minProperties`, …), and every
//   cross-field rule (`if/then/else`, `allOf`, `anyOf`, `oneOf`, `not`, `dependent*`): a patch
//   holds only the changed part, the merged document is what those rules are about;
// - every property becomes `anyOf: [<its patch>, { type: 'null' }]`, so `null` deletes it;
// - arrays and scalars stay as they are (arrays replace wholesale, so their items stay fully
//   validated, cross-field rules included); `additionalProperties: false` and `x-error-codes` stay.
// schemas/ajv.ts reports a failed nullable `anyOf` with the errors of its non-null branch, so an
// invalid value reads the same in a PATCH as in a POST.

type SchemaObject = Readonly<Record<string, unknown>>;

/** Keywords that relate several properties of an object, checked on the merged document instead. */
const CROSS_FIELD_KEYWORDS = new Set([
  'required',
  'dependentRequired',
  'dependentSchemas',
  'dependencies',
  'if',
  'then',
  'else',
  'allOf',
  'anyOf',
  'oneOf',
  'not',
]);

/** Property counts: a patch's own count says nothing about the merged object's. */
const COUNT_KEYWORDS = new Set(['minProperties', 'maxProperties']);

/** The schema accepting only `null`: the second branch of every patch property. */
export const NULL_SCHEMA = { type: 'null' } as const;

function isSchemaObject(schema: unknown): schema is SchemaObject {
  return typeof schema === 'object' && schema !== null && !Array.isArray(schema);
}

function isObjectSchema(schema: unknown): schema is SchemaObject {
  return isSchemaObject(schema) && schema.type === 'object';
}

/** Is `schema` exactly `{ type: 'null' }`? */
export function isNullSchema(schema: unknown): boolean {
  return isSchemaObject(schema) && Object.keys(schema).length === 1 && schema.type === 'null';
}

/** The patch of one property: its patch schema, or null to delete it. */
function nullablePatch(schema: unknown): SchemaObject {
  return { anyOf: [patchOf(schema), NULL_SCHEMA] };
}

function mapValues(properties: unknown, fn: (schema: unknown) => unknown): Record<string, unknown> {
  return Object.fromEntries(Object.entries(properties as Record<string, unknown>).map(([k, v]) => [k, fn(v)]));
}

function patchObject(schema: SchemaObject, keepCounts: boolean): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [keyword, value] of Object.entries(schema)) {
    if (CROSS_FIELD_KEYWORDS.has(keyword) || (!keepCounts && COUNT_KEYWORDS.has(keyword))) continue;
    if (keyword === 'properties' || keyword === 'patternProperties') out[keyword] = mapValues(value, nullablePatch);
    else if (keyword === 'additionalProperties' && isSchemaObject(value)) out[keyword] = nullablePatch(value);
    else out[keyword] = value;
  }
  return out;
}

/** The merge-patch form of a schema: objects as described above, anything else unchanged. */
function patchOf(schema: unknown): unknown {
  return isObjectSchema(schema) ? patchObject(schema, false) : schema;
}

/** A closed object schema with its properties: what `mergePatchSchema` derives from. */
export interface ClosedObjectSchema {
  readonly type: 'object';
  readonly additionalProperties: false;
  readonly properties: SchemaObject;
}

/** The derived body schema (its exact shape is built at run time; the `$id` stays a literal). */
export interface MergePatchSchema<I extends string> {
  readonly $id: I;
  readonly type: 'object';
  readonly additionalProperties: false;
  readonly properties: Readonly<Record<string, SchemaObject>>;
  readonly minProperties?: number;
}

/**
 * The JSON merge patch body schema of `schema` (typically a create schema), under `$id`. Top-level
 * `minProperties`/`maxProperties` are kept; `omit` removes properties a patch may not touch.
 */
export function mergePatchSchema<const I extends string>(
  schema: ClosedObjectSchema,
  $id: I,
  options: { omit?: readonly string[] } = {},
): MergePatchSchema<I> {
  const { $id: _sourceId, ...rest } = schema as ClosedObjectSchema & { $id?: string };
  const patch = patchObject(rest, true);
  const properties = { ...(patch.properties as Record<string, SchemaObject>) };
  for (const name of options.omit ?? []) delete properties[name];
  return { $id, ...patch, properties } as unknown as MergePatchSchema<I>;
}

/**
 * The TypeScript type of a merge patch of `T`: every object property optional and nullable,
 * recursively; arrays and scalars as they are.
 */
export type MergePatch<T> = T extends readonly unknown[]
  ? T
  : T extends object
    ? { [K in keyof T]?: MergePatch<T[K]> | null }
    : T;

/** A JSON object (or a lean document's nested object), not an array, date, id or other instance. */
function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/**
 * Applies a JSON merge patch (RFC 7396) to `target`: objects merge recursively, arrays and scalars
 * replace, `null` removes the key. Neither input is modified.
 */
export function applyMergePatch<T>(target: T, patch: Readonly<Record<string, unknown>>): T {
  const out: Record<string, unknown> = isPlainObject(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    // Never a field name (bodies are closed), but must not reach the prototype either.
    if (key === '__proto__') continue;
    if (value === null) delete out[key];
    else if (isPlainObject(value)) out[key] = applyMergePatch(out[key], value);
    else out[key] = value;
  }
  return out as T;
}
