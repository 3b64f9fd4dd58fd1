// Response bodies of datasets, their files, publication review and versions
// (server/datasets/presenter.ts, server/artifacts/routes.ts, server/datasets/review-changes.ts).
import { datasetDraftSchema, externalAccessItem } from '../dataset';
import { ARTIFACT_KIND_CODES, REVIEW_ACTION_CODES } from '../taxonomy';
import { datasetOrigin } from './harvest';
import { bilingual, dateTime, hexId, nullableDateTime, nullableString, organizationRef, pageOf, stringList } from './common';

export const DATASET_STATUSES = ['draft', 'in_review', 'changes_requested', 'published', 'withdrawn'] as const;
export const ARTIFACT_STATUSES = ['pending', 'available', 'rejected'] as const;

/** The content fields a dataset response carries (those set), as the provider wrote and validated them. */
const content = datasetDraftSchema.properties;

/** What anyone who may see a file learns about it (never its storage key). */
export const artifactFacts = {
  type: 'object',
  required: ['id', 'kind', 'filename', 'contentType', 'bytes', 'sha256'],
  properties: {
    id: { type: 'string' },
    kind: { type: 'string', enum: ARTIFACT_KIND_CODES },
    filename: { type: 'string' },
    contentType: { type: 'string' },
    bytes: { type: 'integer', minimum: 0 },
    sha256: { type: 'string' },
  },
} as const;

/** A file of a dataset with its state; `downloadUrl` is set once it is available. */
export const artifactView = {
  type: 'object',
  required: [...artifactFacts.required, 'status', 'uploadedAt', 'downloadUrl'],
  properties: {
    ...artifactFacts.properties,
    status: { type: 'string', enum: ARTIFACT_STATUSES },
    uploadedAt: nullableDateTime,
    downloadUrl: nullableString,
  },
} as const;

/**
 * A dataset as the caller may see it: the published face (everyone) or the working copy with its
 * review state (the provider's members, national reviewers, admins; those add `review`, `etag`…).
 * Search results add `score`, `partialMatch`, `highlights`, `matchedBy` and sometimes `snippet`.
 */
export const datasetViewSchema = {
  $id: 'datasets.view',
  type: 'object',
  required: ['id', 'slug', 'title', 'status', 'version', 'provider', 'artifacts'],
  properties: {
    id: hexId,
    ...content,
    status: { type: 'string', enum: DATASET_STATUSES },
    version: { type: 'integer', minimum: 0 },
    provider: { anyOf: [organizationRef, { type: 'null' }] },
    artifacts: { type: 'array', items: artifactView },
    externalAccess: { type: 'array', items: externalAccessItem },
    publishedAt: nullableDateTime,
    withdrawnAt: nullableDateTime,
    origin: datasetOrigin,
    fileChanges: {
      anyOf: [
        {
          type: 'object',
          required: ['added', 'removed'],
          properties: { added: { type: 'array', items: artifactView }, removed: { type: 'array', items: artifactView } },
        },
        { type: 'null' },
      ],
    },
    review: {
      type: 'object',
      required: ['submittedBy', 'changeNote', 'history'],
      properties: {
        submittedBy: nullableString,
        changeNote: { anyOf: [bilingual, { type: 'null' }] },
        history: {
          type: 'array',
          items: {
            type: 'object',
            required: ['action', 'by', 'at'],
            properties: {
              action: { type: 'string' },
              by: { type: 'string' },
              byName: { type: 'string' },
              at: dateTime,
              comment: nullableString,
              version: { type: ['integer', 'null'] },
            },
          },
        },
      },
    },
    published: {
      anyOf: [
        { type: 'object', required: ['version', 'publishedAt'], properties: { version: { type: 'integer' }, publishedAt: dateTime } },
        { type: 'null' },
      ],
    },
    createdAt: dateTime,
    updatedAt: dateTime,
    etag: { type: 'string' },
    score: { type: 'number' },
    partialMatch: { type: 'boolean' },
    highlights: { type: 'object', additionalProperties: { type: 'array', items: { type: 'array', items: { type: 'integer' } } } },
    snippet: {
      type: 'object',
      description: 'A stretch of the description around the first match, when the title and summary in the reader’s language show none (docs/search.md).',
      required: ['lang', 'text', 'ranges'],
      properties: {
        lang: { type: 'string', enum: ['ko', 'en'] },
        text: { type: 'string' },
        ranges: { type: 'array', items: { type: 'array', items: { type: 'integer' }, minItems: 2, maxItems: 2 } },
      },
    },
    matchedBy: {
      type: 'array',
      description: 'How each query word matched: itself, a compound part, a glossary concept, syllable n-grams, a typo correction or a synonym’s word.',
      items: {
        type: 'object',
        required: ['word', 'via'],
        properties: {
          word: { type: 'string' },
          via: { type: 'string', enum: ['word', 'part', 'glossary', 'ngram', 'typo', 'related'] },
          term: { type: 'string' },
          field: { type: 'string', enum: ['keywords', 'tags'] },
        },
      },
    },
  },
} as const;

const facetValue = {
  type: 'object',
  required: ['value', 'count'],
  properties: { value: { type: 'string' }, count: { type: 'integer', minimum: 0 }, label: {} },
} as const;

/** `GET /datasets`: a catalogue search (facets, query) or a workspace page (items only). */
export const datasetListSchema = {
  $id: 'datasets.list',
  ...pageOf(datasetViewSchema),
  properties: {
    ...pageOf(datasetViewSchema).properties,
    facets: { type: 'object', additionalProperties: { type: 'array', items: facetValue } },
    query: {
      type: 'object',
      required: ['q', 'sort'],
      properties: {
        q: { type: 'string' },
        sort: { type: 'string', enum: ['relevance', 'newest', 'title', 'updated'] },
        relaxed: { type: 'boolean' },
        partial: { type: 'integer', minimum: 0, description: 'How many of `total` are partial matches.' },
        corrections: { type: 'array' },
        alternatives: { type: 'array' },
      },
    },
  },
} as const;

/** `GET /datasets/suggest`: completions of what the caller typed (dataset titles and glossary terms). */
export const datasetSuggestSchema = {
  $id: 'datasets.suggest',
  type: 'object',
  required: ['items'],
  properties: {
    items: {
      type: 'array',
      items: {
        type: 'object',
        required: ['text', 'lang', 'kind'],
        properties: {
          text: { type: 'string' },
          lang: { type: 'string', enum: ['ko', 'en'] },
          kind: { type: 'string', enum: ['dataset', 'term'] },
          slug: { type: 'string' },
          translation: { type: 'string' },
        },
      },
    },
  },
} as const;

const versionMeta = {
  type: 'object',
  required: ['version', 'publishedAt', 'changeNote', 'changedFields'],
  properties: {
    version: { type: 'integer', minimum: 1 },
    publishedAt: dateTime,
    changeNote: { anyOf: [bilingual, { type: 'null' }] },
    changedFields: stringList,
    reviewerComment: nullableString,
  },
} as const;

/** `GET /datasets/{id}/versions`: the publication history, newest first. */
export const datasetVersionListSchema = { $id: 'datasets.versionList', ...pageOf(versionMeta) } as const;

/** `GET /datasets/{id}/versions/{version}`: one published version as approved. */
export const datasetVersionSchema = {
  $id: 'datasets.version',
  type: 'object',
  required: ['id', 'version', 'publishedAt', 'changeNote'],
  properties: {
    id: hexId,
    version: { type: 'integer', minimum: 1 },
    publishedAt: dateTime,
    changeNote: { anyOf: [bilingual, { type: 'null' }] },
    reviewerComment: nullableString,
    ...content,
    artifacts: { type: 'array', items: { type: 'object', required: ['id', 'kind', 'filename'], properties: artifactFacts.properties } },
  },
} as const;

/** `GET /datasets/{id}/review-changes`: what changed since the last review decision. */
export const datasetReviewChangesSchema = {
  $id: 'datasets.reviewChanges',
  type: 'object',
  required: ['id', 'status', 'since', 'comparable', 'fields', 'files'],
  properties: {
    id: hexId,
    status: { type: 'string', enum: DATASET_STATUSES },
    since: {
      anyOf: [
        {
          type: 'object',
          required: ['action', 'at', 'by', 'comment', 'version'],
          properties: {
            action: { type: 'string', enum: REVIEW_ACTION_CODES },
            at: dateTime,
            by: { type: 'object', required: ['id', 'name'], properties: { id: { type: 'string' }, name: { type: 'string' } } },
            comment: nullableString,
            version: { type: 'integer', minimum: 0 },
          },
        },
        { type: 'null' },
      ],
    },
    comparable: { type: 'boolean' },
    fields: {
      type: 'array',
      items: {
        type: 'object',
        required: ['field', 'path'],
        properties: { field: { type: 'string' }, path: { type: 'string' }, lang: { type: 'string' }, before: {}, after: {} },
      },
    },
    files: {
      type: 'object',
      required: ['added', 'removed'],
      properties: { added: { type: 'array', items: artifactFacts }, removed: { type: 'array', items: artifactFacts } },
    },
  },
} as const;

/** `GET /datasets/{id}/artifacts`: every file the caller may see. */
export const artifactListSchema = { $id: 'artifacts.list', ...pageOf(artifactView) } as const;

/** A presigned request to storage: send it exactly as given. */
const presigned = {
  type: 'object',
  required: ['url', 'method', 'headers', 'expiresAt'],
  properties: {
    url: { type: 'string', format: 'uri' },
    method: { const: 'PUT' },
    headers: { type: 'object', additionalProperties: { type: 'string' } },
    expiresAt: dateTime,
  },
} as const;

/** `POST /datasets/{id}/artifacts`: the file and how to upload it (one presigned PUT, or parts for full data). */
export const artifactCreatedSchema = {
  $id: 'artifacts.created',
  type: 'object',
  required: ['artifact', 'upload'],
  properties: {
    artifact: artifactView,
    upload: {
      anyOf: [
        presigned,
        {
          type: 'object',
          required: ['method', 'partSize', 'partCount', 'expiresAt'],
          properties: {
            method: { const: 'multipart' },
            partSize: { type: 'integer' },
            partCount: { type: 'integer' },
            expiresAt: dateTime,
          },
        },
      ],
    },
  },
} as const;

/** `POST …/complete`: the verified (available) file. */
export const artifactOneSchema = {
  $id: 'artifacts.one',
  type: 'object',
  required: ['artifact'],
  properties: { artifact: artifactView },
} as const;

/** `GET …/upload`: where an unfinished full-data upload stands. */
export const artifactUploadStateSchema = {
  $id: 'artifacts.uploadState',
  type: 'object',
  required: ['artifact', 'upload'],
  properties: {
    artifact: artifactView,
    upload: {
      type: 'object',
      required: ['method', 'partSize', 'partCount', 'expiresAt', 'completing', 'acknowledged', 'missing'],
      properties: {
        method: { const: 'multipart' },
        bytes: { type: 'integer' },
        partSize: { type: 'integer' },
        partCount: { type: 'integer' },
        expiresAt: dateTime,
        completing: { type: 'boolean' },
        acknowledged: {
          type: 'array',
          items: {
            type: 'object',
            required: ['number', 'sha256'],
            properties: { number: { type: 'integer' }, sha256: { type: 'string' } },
          },
        },
        missing: { type: 'array', items: { type: 'integer' } },
      },
    },
  },
} as const;

/** `POST …/parts`: presigned part URLs, each bound to its length and SHA-256. */
export const artifactPartUrlsSchema = {
  $id: 'artifacts.partUrls',
  type: 'object',
  required: ['parts'],
  properties: {
    parts: {
      type: 'array',
      items: {
        ...presigned,
        required: ['number', 'bytes', ...presigned.required],
        properties: { number: { type: 'integer' }, bytes: { type: 'integer' }, ...presigned.properties },
      },
    },
  },
} as const;

/** `PUT …/parts/{number}`: the acknowledgement and how many parts are acknowledged. */
export const artifactPartAckedSchema = {
  $id: 'artifacts.partAcked',
  type: 'object',
  required: ['number', 'acknowledged', 'partCount'],
  properties: { number: { type: 'integer' }, acknowledged: { type: 'integer' }, partCount: { type: 'integer' } },
} as const;

/** `GET …/download?format=json`: a presigned download URL valid for 5 minutes. */
export const artifactDownloadSchema = {
  $id: 'artifacts.download',
  type: 'object',
  required: ['url', 'expiresAt'],
  properties: { url: { type: 'string', format: 'uri' }, expiresAt: dateTime },
} as const;
