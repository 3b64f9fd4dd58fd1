// Response bodies of notifications, the audit log, taxonomies, partner matching, bulk import and
// the interoperability exports (server/notifications, server/audit, server/taxonomies,
// server/matching/presenter.ts, server/import/routes.ts, server/interop).
import { partnerProfileSchema } from '../organization';
import { bilingual, bilingualBoth, dateTime, hexId, nullableDateTime, nullableString, pageOf, stringList } from './common';
import { policyEvaluationSchema } from './access';

/** One in-app notification, its message in the caller's language. */
export const notificationSchema = {
  $id: 'notifications.view',
  type: 'object',
  required: ['id', 'code', 'message', 'params', 'target', 'link', 'read', 'createdAt'],
  properties: {
    id: hexId,
    code: { type: 'string' },
    message: { type: 'string' },
    params: { type: 'object', additionalProperties: { type: ['string', 'number'] } },
    target: { type: 'object', required: ['type', 'id'], properties: { type: { type: 'string' }, id: { type: 'string' } } },
    link: nullableString,
    read: { type: 'boolean' },
    readAt: nullableDateTime,
    createdAt: dateTime,
  },
} as const;

/** `GET /notifications`: unread first, with the unread count. */
export const notificationListSchema = {
  $id: 'notifications.list',
  ...pageOf(notificationSchema),
  required: [...pageOf(notificationSchema).required, 'unread'],
  properties: { ...pageOf(notificationSchema).properties, unread: { type: 'integer', minimum: 0 } },
} as const;

/** `GET /audit`: audit events, newest first. */
export const auditListSchema = {
  $id: 'audit.list',
  ...pageOf({
    type: 'object',
    required: ['id', 'at', 'actor', 'action', 'targetType'],
    properties: {
      id: hexId,
      at: dateTime,
      actor: { anyOf: [{ type: 'object', required: ['id'], properties: { id: hexId, email: nullableString } }, { type: 'null' }] },
      action: { type: 'string' },
      targetType: { type: 'string' },
      targetId: { type: ['string', 'null'] },
      organizationId: { type: ['string', 'null'] },
      details: {},
      ip: nullableString,
    },
  } as const),
} as const;

const taxonomyItem = {
  type: 'object',
  required: ['code', 'label'],
  properties: { code: { type: 'string' }, label: bilingualBoth },
} as const;

/** `GET /taxonomies`: every enumeration `{ code, label: { ko, en } }` by name, the KR↔US crosswalk and the glossary. */
export const taxonomiesSchema = {
  $id: 'taxonomies.all',
  type: 'object',
  required: ['crosswalk', 'glossary'],
  properties: {
    crosswalk: { type: 'array', items: { type: 'object' } },
    glossary: { type: 'array', items: { type: 'object' } },
  },
  additionalProperties: { type: 'array', items: taxonomyItem },
} as const;

const weights = { type: 'object', additionalProperties: { type: 'number' } } as const;
const candidate = {
  type: 'object',
  required: ['id', 'slug', 'title', 'provider', 'classification', 'accessLevel'],
  properties: {
    id: hexId,
    slug: { type: 'string' },
    title: bilingual,
    provider: { type: 'object', required: ['slug'], properties: { slug: { type: 'string' }, name: {} } },
    classification: { type: 'string' },
    accessLevel: { type: 'string' },
  },
} as const;
const { $id: _profileId, ...partnerProfile } = partnerProfileSchema;
const partner = {
  type: 'object',
  required: ['id', 'slug', 'name', 'country', 'type', 'profile'],
  properties: {
    id: hexId,
    slug: { type: 'string' },
    name: bilingual,
    country: { type: 'string' },
    type: { type: 'string' },
    profile: partnerProfile,
  },
} as const;
const matchBody = {
  rank: { type: 'integer', minimum: 1 },
  score: { type: 'number' },
  components: {
    type: 'array',
    items: {
      type: 'object',
      required: ['name', 'score', 'weight', 'explanation'],
      properties: { name: { type: 'string' }, score: { type: 'number' }, weight: { type: 'number' }, explanation: bilingualBoth },
    },
  },
  access: {
    type: 'object',
    required: ['purpose', 'decision', 'granted', 'requirements', 'steps'],
    properties: {
      purpose: { type: 'string' },
      decision: policyEvaluationSchema.properties.decision,
      granted: { type: 'boolean' },
      requirements: {
        type: 'array',
        items: {
          type: 'object',
          required: ['code', 'blocking', 'label'],
          properties: { code: { type: 'string' }, blocking: { type: 'boolean' }, label: bilingualBoth },
        },
      },
      steps: {
        type: 'array',
        items: { type: 'object', required: ['code', 'text'], properties: { code: { type: 'string' }, text: bilingualBoth } },
      },
    },
  },
} as const;
const exclusionReason = {
  type: 'object',
  required: ['kind', 'code', 'message'],
  properties: {
    kind: { type: 'string', enum: ['policy', 'capability'] },
    code: { type: 'string' },
    capability: { type: 'string' },
    purposes: stringList,
    message: bilingualBoth,
  },
} as const;

/** A dataset left out of a partner's matches, with why. */
const excludedCandidate = {
  type: 'object',
  required: ['dataset', 'reasons'],
  properties: { dataset: candidate, reasons: { type: 'array', items: exclusionReason } },
} as const;

/** `GET /partners/{slug}/matches`: datasets ranked for a partner's profile (docs/matching.md). */
export const partnerMatchesSchema = {
  $id: 'matching.partnerMatches',
  type: 'object',
  required: ['partner', 'weights', 'items', 'total', 'page', 'pageSize', 'excludedTotal'],
  properties: {
    partner,
    weights,
    items: {
      type: 'array',
      items: {
        type: 'object',
        required: ['rank', 'dataset', 'score', 'components', 'access'],
        properties: { dataset: candidate, ...matchBody },
      },
    },
    total: { type: 'integer', minimum: 0 },
    page: { type: 'integer', minimum: 1 },
    pageSize: { type: 'integer', minimum: 1 },
    excludedTotal: { type: 'integer', minimum: 0 },
    ineligible: {
      type: 'array',
      items: excludedCandidate,
    },
  },
} as const;

/** `GET /partners/{slug}/matches/export?format=json`: the liaison's report (the CSV form has the same rows). */
export const partnerMatchesExportSchema = {
  $id: 'matching.export',
  type: 'object',
  required: ['partner', 'generatedAt', 'weights', 'matches', 'excluded'],
  properties: {
    partner,
    generatedAt: dateTime,
    weights,
    matches: {
      type: 'array',
      items: { type: 'object', required: ['rank', 'dataset', 'score'], properties: { dataset: candidate, ...matchBody } },
    },
    excluded: {
      type: 'array',
      items: excludedCandidate,
    },
  },
} as const;

/** `GET /datasets/{id}/partner-matches`: partner organisations ranked for one dataset. */
export const datasetPartnerMatchesSchema = {
  $id: 'matching.datasetPartners',
  type: 'object',
  required: ['dataset', 'weights', 'items', 'total'],
  properties: {
    dataset: candidate,
    weights,
    items: {
      type: 'array',
      items: {
        type: 'object',
        required: ['partner', 'eligible'],
        properties: { partner, eligible: { type: 'boolean' }, reasons: { type: 'array', items: exclusionReason }, ...matchBody },
      },
    },
    total: { type: 'integer', minimum: 0 },
  },
} as const;

/** One problem of one imported row, localised; for CSV the column(s) it belongs to. */
export const importRowError = {
  type: 'object',
  required: ['row', 'line', 'path', 'code', 'message'],
  properties: {
    row: { type: 'integer' },
    line: { type: 'integer' },
    path: { type: 'string' },
    column: { type: 'string' },
    columns: stringList,
    code: { type: 'string' },
    message: { type: 'string' },
    allowedValues: stringList,
  },
} as const;

/** `POST /import`: the per-row report (also the `import_rejected` problem's extra members). */
export const importReportSchema = {
  $id: 'import.report',
  type: 'object',
  required: ['total', 'valid', 'invalid', 'created', 'updated', 'toCreate', 'toUpdate', 'dryRun', 'partial', 'rejected', 'errors'],
  properties: {
    total: { type: 'integer', minimum: 0 },
    valid: { type: 'integer', minimum: 0 },
    invalid: { type: 'integer', minimum: 0 },
    created: { type: 'integer', minimum: 0 },
    updated: { type: 'integer', minimum: 0 },
    toCreate: { type: 'integer', minimum: 0 },
    toUpdate: { type: 'integer', minimum: 0 },
    dryRun: { type: 'boolean' },
    partial: { type: 'boolean' },
    rejected: { type: 'boolean' },
    errors: { type: 'array', items: importRowError },
  },
} as const;

/** `GET /datasets/{id}/croissant`: MLCommons Croissant 1.0 JSON-LD (docs/interop.md). */
export const croissantSchema = {
  $id: 'interop.croissant',
  type: 'object',
  required: ['@context', '@type', 'name', 'conformsTo', 'distribution'],
  properties: {
    '@context': { type: 'object' },
    '@type': { const: 'sc:Dataset' },
    '@id': { type: 'string' },
    name: { type: 'string' },
    description: { type: 'string' },
    conformsTo: {},
    url: { type: 'string' },
    distribution: { type: 'array', items: { type: 'object', required: ['@type'], properties: { '@type': { type: 'string' } } } },
  },
} as const;

/** `GET /openapi.json`: this document (OpenAPI 3.1). */
export const openApiDocumentSchema = {
  $id: 'interop.openapi',
  type: 'object',
  required: ['openapi', 'info', 'paths', 'components'],
  properties: { openapi: { const: '3.1.0' }, info: { type: 'object' }, paths: { type: 'object' }, components: { type: 'object' } },
} as const;

/** A text body (CSV): its shape is described by the media type and the route's documentation. */
export const csvTextSchema = { $id: 'text.csv', type: 'string' } as const;
