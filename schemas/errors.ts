// Field errors shared by schema validation (ajv.ts) and the pure rule functions on the server.
// Codes are stable API; each has an en and a ko message in server/i18n/locales/*/validation.json
// whose `{{variables}}` are taken from `params`.

/** One problem with one field of a request body or stored document. */
export interface FieldError {
  /** JSON pointer to the offending field, e.g. `/title/en` (the missing or extra property itself). */
  path: string;
  /** Stable snake_case code, one of FIELD_ERROR_CODES. */
  code: string;
  /** Values a message may interpolate; see FIELD_ERROR_PARAMS. */
  params: Record<string, unknown>;
}

/** Every FieldError code with the params it carries (the variables its messages may use). */
export const FIELD_ERROR_PARAMS = {
  // Mapped from AJV keywords.
  required: [],
  type: ['type'],
  enum: ['allowedValues'],
  const: ['allowedValue'],
  pattern: ['pattern'],
  format: ['format'],
  min_length: ['limit'],
  max_length: ['limit'],
  minimum: ['limit'],
  maximum: ['limit'],
  exclusive_minimum: ['limit'],
  exclusive_maximum: ['limit'],
  multiple_of: ['limit'],
  min_items: ['limit'],
  max_items: ['limit'],
  unique_items: ['duplicateOf'],
  min_properties: ['limit'],
  max_properties: ['limit'],
  additional_property: [],
  not_allowed: [],
  any_of: [],
  one_of: [],
  invalid: [],
  // Named by the schemas themselves (`x-error-codes`), so users read something specific.
  blank: [],
  one_language_required: [],
  invalid_slug: [],
  invalid_object_id: [],
  invalid_sha256: [],
  invalid_country: [],
  invalid_language: [],
  invalid_filename: [],
  invalid_code: [],
  invalid_email: [],
  invalid_url: [],
  invalid_https_url: [],
  invalid_date: [],
  invalid_content_type: [],
  invalid_email_domain: [],
  invalid_token_format: [],
  wildcard_exclusive: [],
  // Produced by rule functions (server/policy/registration.ts, server/datasets/readiness.ts,
  // server/labeling/rules.ts).
  classification_requires_restricted_access: ['level'],
  classification_requires_restricted_samples: ['level'],
  identifiable_requires_restricted_access: [],
  end_before_start: [],
  sample_required: [],
  duplicate_code: ['value'],
  // Produced by server modules that check against stored data (listed so their messages exist).
  unknown_organization: [],
  // A harvest source URL whose host HARVEST_ALLOWED_HOSTS does not list (docs/harvesting.md).
  harvest_host_not_allowed: [],
  procedure_version_not_referenceable: [],
  content_type_not_allowed: ['allowed'],
  upload_missing: [],
  artifact_size_mismatch: ['expected', 'actual'],
  artifact_checksum_mismatch: ['expected', 'actual'],
  artifact_content_type_mismatch: ['expected', 'actual'],
  // Produced by full-data (multipart) uploads (server/artifacts/multipart.ts).
  parts_missing: ['parts'],
  parts_rejected: ['reason'],
  artifact_part_checksum_mismatch: ['count', 'parts'],
  invalid_etag: [],
  out_of_range: ['min', 'max'],
  // Produced by access-request commands (server/access/commands.ts).
  agreement_required: [],
  evidence_required: [],
  exceeds_max_grant_days: ['max'],
  expiry_not_in_future: [],
  expiry_beyond_max_grant_days: ['max'],
  // Produced by bulk import (server/import).
  unknown_column: ['column'],
  duplicate_column: ['column'],
  too_many_cells: ['limit'],
  invalid_json_line: [],
  unknown_procedure: [],
  duplicate_slug_in_file: ['row'],
  slug_owned_by_other_organization: [],
  published_dataset_not_overwritten: ['status'],
  dataset_in_review_not_overwritten: [],
  slug_taken: [],
  write_failed: [],
  concurrent_modification: [],
} as const satisfies Record<string, readonly string[]>;

export type FieldErrorCode = keyof typeof FIELD_ERROR_PARAMS;

/** All FieldError codes. */
export const FIELD_ERROR_CODES = Object.keys(FIELD_ERROR_PARAMS) as FieldErrorCode[];

/** Escapes one JSON pointer segment (RFC 6901). */
export function pointerSegment(key: string | number): string {
  return String(key).replace(/~/g, '~0').replace(/\//g, '~1');
}

/** Joins segments into a JSON pointer, e.g. `pointer('labelSchema', 'classes', 3, 'code')`. */
export function pointer(...segments: (string | number)[]): string {
  return segments.map((s) => '/' + pointerSegment(s)).join('');
}

/** Concatenates error lists keeping the first error per (path, code). */
export function mergeErrors(...lists: readonly FieldError[][]): FieldError[] {
  const seen = new Set<string>();
  const out: FieldError[] = [];
  for (const list of lists) {
    for (const error of list) {
      const key = `${error.path}\u0000${error.code}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(error);
    }
  }
  return out;
}
