// Artifact upload request (docs/design.md §7 "Artifacts"): content types are allow-listed and sizes bounded
// per kind; the browser runs the same rules before asking for an upload URL.
import type { FromSchema } from 'json-schema-to-ts';
import { sha256 } from './defs';
import type { FieldError } from './errors';
import { ARTIFACT_KIND_CODES, type ArtifactKind } from './taxonomy';

const MiB = 1024 * 1024;
const TiB = 1024 * 1024 * MiB;

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

// Full data (docs/design.md §3 `data`): whatever a dataset is distributed as — archives, columnar and
// line-oriented tables, media containers — and opaque binaries.
const DATA_TYPES = [
  ...new Set([
    ...SAMPLE_TYPES,
    'application/x-7z-compressed',
    'application/x-bzip2',
    'application/x-xz',
    'application/zstd',
    'application/x-hdf5',
    'application/x-tfrecord',
    'application/x-arrow',
    'text/tab-separated-values',
    'application/jsonl',
    'audio/mpeg',
    'audio/ogg',
    'video/webm',
    'video/x-matroska',
    'video/quicktime',
    'image/tiff',
    'image/webp',
    'application/dicom',
    'application/octet-stream',
  ]),
];

/** S3's bounds on a multipart upload: part numbers 1…10,000, parts of 5 MiB…5 GiB (the last may be smaller). */
export const MULTIPART_MAX_PARTS = 10_000;
export const MULTIPART_MIN_PART_BYTES = 5 * MiB;
export const MULTIPART_MAX_PART_BYTES = 5 * 1024 * MiB;
/** The part size the server picks when the caller gives none (larger when the file needs it). */
export const MULTIPART_DEFAULT_PART_BYTES = 8 * MiB;
/** Part URLs one request may ask for. */
export const MULTIPART_MAX_PARTS_PER_REQUEST = 100;

/** Kinds uploaded in parts (any size); the others use one presigned PUT. */
export const MULTIPART_KINDS: ReadonlySet<ArtifactKind> = new Set<ArtifactKind>(['data']);

/** Allowed content types per artifact kind (bare media types, no parameters). */
export const ARTIFACT_CONTENT_TYPES = {
  data: DATA_TYPES,
  sample: SAMPLE_TYPES,
  guideline: DOCUMENT_TYPES,
  datacard: DOCUMENT_TYPES,
  agreement: DOCUMENT_TYPES,
  schema: SCHEMA_TYPES,
  other: OTHER_TYPES,
} as const satisfies Record<ArtifactKind, readonly string[]>;

/** Maximum size in bytes per artifact kind. */
export const ARTIFACT_MAX_BYTES = {
  // S3's largest object.
  data: 5 * TiB,
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
    // Kind `data` only (multipart): the smallest part size the caller wants; the server may choose
    // larger parts so that the file fits in MULTIPART_MAX_PARTS. S3 needs ≥ 5 MiB but for the last.
    partSize: { type: 'integer', minimum: MULTIPART_MIN_PART_BYTES, maximum: MULTIPART_MAX_PART_BYTES },
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

/**
 * The part size of a multipart upload of `bytes`: the caller's wish (default 8 MiB), raised to the
 * next MiB that keeps the file within MULTIPART_MAX_PARTS parts.
 */
export function multipartPartSize(bytes: number, wish: number = MULTIPART_DEFAULT_PART_BYTES): number {
  const needed = Math.ceil(Math.ceil(bytes / MULTIPART_MAX_PARTS) / MiB) * MiB;
  return Math.min(MULTIPART_MAX_PART_BYTES, Math.max(wish, needed, MULTIPART_MIN_PART_BYTES));
}

/** Number of parts of a `bytes`-long file cut in `partSize` pieces (the last one shorter). */
export function multipartPartCount(bytes: number, partSize: number): number {
  return Math.max(1, Math.ceil(bytes / partSize));
}

/** Byte range [start, end) of part `number` (1-based). */
export function multipartPartRange(bytes: number, partSize: number, number: number): { start: number; end: number } {
  const start = (number - 1) * partSize;
  return { start, end: Math.min(bytes, start + partSize) };
}

/** `POST /datasets/{id}/artifacts/{aid}/parts`: presigned URLs for these parts, each with the SHA-256 its bytes must have. */
export const artifactPartsSchema = {
  $id: 'artifacts.parts',
  type: 'object',
  additionalProperties: false,
  required: ['parts'],
  properties: {
    parts: {
      type: 'array',
      minItems: 1,
      maxItems: MULTIPART_MAX_PARTS_PER_REQUEST,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['number', 'sha256'],
        properties: {
          number: { type: 'integer', minimum: 1, maximum: MULTIPART_MAX_PARTS },
          sha256,
        },
      },
    },
  },
} as const;
export type ArtifactParts = FromSchema<typeof artifactPartsSchema>;

/** `PUT /datasets/{id}/artifacts/{aid}/parts/{number}`: the ETag storage answered the part's PUT with. */
export const artifactPartAckSchema = {
  $id: 'artifacts.partAck',
  type: 'object',
  additionalProperties: false,
  required: ['etag'],
  properties: {
    // Quoted or bare; S3 ETags are short hex strings (with a -N suffix for composite ones).
    etag: { type: 'string', minLength: 1, maxLength: 200, pattern: '^"?[A-Za-z0-9+/=_-]+"?$', 'x-error-codes': { pattern: 'invalid_etag' } },
  },
} as const;
export type ArtifactPartAck = FromSchema<typeof artifactPartAckSchema>;
