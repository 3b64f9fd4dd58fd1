// Response bodies of labeling procedures (server/labeling/presenter.ts, server/labeling/diff.ts).
import { labelingProcedureDraftSchema } from '../labeling-procedure';
import { bilingual, dateTime, hexId, nullableDateTime, pageOf } from './common';

export const PROCEDURE_STATUSES = ['draft', 'active', 'superseded', 'retired'] as const;

/** What a provider wrote in a version (the fields set), as validated when it was written. */
const { slug: _slug, ...content } = labelingProcedureDraftSchema.properties;

const versionState = {
  procedureId: hexId,
  version: { type: 'integer', minimum: 1 },
  status: { type: 'string', enum: PROCEDURE_STATUSES },
  rev: { type: 'integer', minimum: 0 },
  etag: { type: 'string' },
  ...content,
  activatedAt: nullableDateTime,
  supersededAt: nullableDateTime,
  retiredAt: nullableDateTime,
  createdAt: dateTime,
  updatedAt: dateTime,
} as const;
const versionRequired = ['procedureId', 'version', 'status', 'rev', 'etag', 'title'] as const;

/** One version of a procedure: its state, ETag and content. */
export const procedureVersionView = { type: 'object', required: versionRequired, properties: versionState } as const;

/** A procedure with the caller's current version (members: the latest; others: the active one). */
export const procedureViewSchema = {
  $id: 'labelingProcedures.view',
  type: 'object',
  required: ['id', 'slug', 'provider', 'latestVersion', 'activeVersion', ...versionRequired],
  properties: {
    id: hexId,
    slug: { type: 'string' },
    provider: {
      anyOf: [
        { type: 'object', required: ['id', 'slug', 'name'], properties: { id: hexId, slug: { type: 'string' }, name: bilingual } },
        { type: 'null' },
      ],
    },
    latestVersion: { type: 'integer', minimum: 1 },
    activeVersion: { type: ['integer', 'null'] },
    ...versionState,
    versions: {
      type: 'array',
      items: {
        type: 'object',
        required: ['version', 'status', 'activatedAt'],
        properties: { version: { type: 'integer' }, status: { type: 'string', enum: PROCEDURE_STATUSES }, activatedAt: nullableDateTime },
      },
    },
  },
} as const;

/** `GET /labeling-procedures`. */
export const procedureListSchema = { $id: 'labelingProcedures.list', ...pageOf(procedureViewSchema) } as const;

/** `GET /labeling-procedures/{id}/versions`, newest first. */
export const procedureVersionListSchema = { $id: 'labelingProcedures.versionList', ...pageOf(procedureVersionView) } as const;

/** `GET /labeling-procedures/{id}/versions/{version}`: one version with the procedure's id and slug. */
export const procedureVersionSchema = {
  $id: 'labelingProcedures.version',
  type: 'object',
  required: ['id', 'slug', ...versionRequired],
  properties: { id: hexId, slug: { type: 'string' }, ...versionState },
} as const;

/** `GET /labeling-procedures/{id}/diff?from=&to=`: changed JSON-pointer paths between two versions. */
export const procedureDiffSchema = {
  $id: 'labelingProcedures.diff',
  type: 'object',
  required: ['from', 'to', 'changes'],
  properties: {
    from: { type: 'integer', minimum: 1 },
    to: { type: 'integer', minimum: 1 },
    changes: {
      type: 'array',
      items: {
        type: 'object',
        required: ['path', 'op'],
        properties: { path: { type: 'string' }, op: { type: 'string', enum: ['added', 'removed', 'changed'] }, from: {}, to: {} },
      },
    },
  },
} as const;
