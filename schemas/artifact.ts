// Artifact upload request (DESIGN §7 "Artifacts"): content types are allow-listed and sizes bounded
// per kind; the browser runs the same rules before asking for an upload URL.
import type { FromSchema } from 'json-schema-to-ts';
import { sha256 } from './defs';
import type { FieldError } from './errors';
import { ARTIFACT_KIND_CODES, type ArtifactKind } from './taxonomy';

const MiB = 1024 * 1024;

const SAMPLE_TYPES = [
  'text/csv',
  'application/json',
  'application/x-ndjson',
  'text/plain',
  'image/png',
  'image/jpeg',
  'audio/wav',
  'audio/x-wav',
  'audio/flac',
  'video/mp4',
  'application/zip',
  'application/gzip',
  'application/x-tar',
  'application/vnd.apache.parquet',
] as const;

const DOCUMENT_TYPES = [
  'application/pdf',
  'text/markdown',
  'text/plain',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
] as const;

const SCHEMA_TYPES = ['application/json', 'application/schema+json', 'text/plain', 'text/csv'] as const;

const OTHER_TYPES = [...new Set([...SAMPLE_TYPES, ...DOCUMENT_TYPES, ...SCHEMA_TYPES])];

/** Allowed content types per artifact kind (bare media types, no parameters). */
export const ARTIFACT_CONTENT_TYPES = {
  sample: SAMPLE_TYPES,
  guideline: DOCUMENT_TYPES,
  datacard: DOCUMENT_TYPES,
  agreement: DOCUMENT_TYPES,
  schema: SCHEMA_TYPES,
  other: OTHER_TYPES,
} as const satisfies Record<ArtifactKind, readonly string[]>;

/** Maximum size in bytes per artifact kind. */
export const ARTIFACT_MAX_BYTES = {
  sample: 200 * MiB,
  guideline: 50 * MiB,
  datacard: 50 * MiB,
  agreement: 50 * MiB,
  schema: 5 * MiB,
  other: 100 * MiB,
} as const satisfies Record<ArtifactKind, number>;

/** Upload rules per kind, in one object for handlers that re-check a stored artifact. */
export const ARTIFACT_RULES = Object.fromEntries(
  ARTIFACT_KIND_CODES.map((kind) => [
    kind,
    { contentTypes: ARTIFACT_CONTENT_TYPES[kind] as readonly string[], maxBytes: ARTIFACT_MAX_BYTES[kind] as number },
  ]),
) as Record<ArtifactKind, { contentTypes: readonly string[]; maxBytes: number }>;

/**
 * `POST /datasets/{id}/artifacts` body: the shape only. The per-kind allow-list and size limit are
 * checked by `artifactRuleErrors` so the API can answer them with 415 and 413 rather than 400.
 */
export const artifactCreateSchema = {
  $id: 'artifacts.create',
  type: 'object',
  additionalProperties: false,
  required: ['kind', 'filename', 'contentType', 'bytes', 'sha256'],
  properties: {
    kind: { type: 'string', enum: ARTIFACT_KIND_CODES },
    // A bare name: no directories, no control characters, not "." or "..".
    filename: {
      type: 'string',
      // The pattern also rejects "", so an empty name yields one error, not two.
      maxLength: 200,
      pattern: '^(?!\\.{1,2}$)[^/\\\\\\u0000-\\u001f\\u007f]+$',
      'x-error-codes': { pattern: 'invalid_filename' },
    },
    contentType: {
      type: 'string',
      maxLength: 100,
      pattern: '^[a-z0-9][a-z0-9!#$&^_.+-]*/[a-z0-9][a-z0-9!#$&^_.+-]*$',
      'x-error-codes': { pattern: 'invalid_content_type' },
    },
    // The upper bound depends on the kind: see artifactRuleErrors.
    bytes: { type: 'integer', minimum: 1 },
    sha256,
  },
} as const;
export type ArtifactCreate = FromSchema<typeof artifactCreateSchema>;

/** Whether `contentType` may be uploaded as an artifact of `kind`. */
export function isAllowedContentType(kind: ArtifactKind, contentType: string): boolean {
  return (ARTIFACT_CONTENT_TYPES[kind] as readonly string[]).includes(contentType);
}

/**
 * Per-kind rule errors of a schema-valid body: `/contentType content_type_not_allowed {allowed}`
 * and `/bytes maximum {limit}`.
 */
export function artifactRuleErrors(body: Pick<ArtifactCreate, 'kind' | 'contentType' | 'bytes'>): FieldError[] {
  const rule = ARTIFACT_RULES[body.kind];
  const errors: FieldError[] = [];
  if (!rule.contentTypes.includes(body.contentType)) {
    errors.push({ path: '/contentType', code: 'content_type_not_allowed', params: { allowed: rule.contentTypes.join(', ') } });
  }
  if (body.bytes > rule.maxBytes) errors.push({ path: '/bytes', code: 'maximum', params: { limit: rule.maxBytes } });
  return errors;
}
