// Responses of the citation routes (docs/citations.md).
import { dataciteSchema } from '../datacite';

const cslItem = {
  type: 'object',
  required: ['id', 'type', 'title', 'author', 'issued', 'URL', 'version'],
  properties: {
    id: { type: 'string' },
    type: { const: 'dataset' },
    title: { type: 'string' },
    author: { type: 'array', minItems: 1, items: { type: 'object', required: ['literal'], properties: { literal: { type: 'string' } } } },
    publisher: { type: 'string' },
    archive: { type: 'string' },
    version: { type: 'string' },
    issued: { type: 'object', required: ['date-parts'], properties: { 'date-parts': { type: 'array', items: { type: 'array', items: { type: 'integer' } } } } },
    accessed: { type: 'object', required: ['date-parts'], properties: { 'date-parts': { type: 'array', items: { type: 'array', items: { type: 'integer' } } } } },
    URL: { type: 'string' },
    language: { enum: ['ko', 'en'] },
    DOI: { type: 'string' },
  },
} as const;

/**
 * `GET /datasets/{id}/citation`. Without `format`, the summary the "Cite this dataset" panel reads
 * (an object); with `format=csl-json`, the CSL-JSON array; with apa, bibtex or ris, the citation's
 * text. One schema for the three (the route has one success answer in several media types): the
 * object keywords apply to the summary, `items` to the array, and a string passes both.
 */
export const citationViewSchema = {
  $id: 'citation.view',
  type: ['object', 'array', 'string'],
  required: ['version', 'versions', 'url', 'doi', 'formats'],
  additionalProperties: false,
  properties: {
    version: { type: 'integer', minimum: 1 },
    versions: {
      type: 'array',
      items: { type: 'object', required: ['version', 'publishedAt'], additionalProperties: false, properties: { version: { type: 'integer', minimum: 1 }, publishedAt: { type: 'string', format: 'date-time' } } },
    },
    url: { type: 'string' },
    // No DOI is minted today; the slot is kept so clients need not change when one is.
    doi: { type: ['string', 'null'] },
    formats: {
      type: 'object',
      required: ['apa', 'bibtex', 'ris', 'cslJson'],
      additionalProperties: false,
      properties: {
        apa: { type: 'object', required: ['ko', 'en'], additionalProperties: false, properties: { ko: { type: 'string' }, en: { type: 'string' } } },
        bibtex: { type: 'string' },
        ris: { type: 'string' },
        cslJson: { type: 'array', items: cslItem },
      },
    },
  },
  items: cslItem,
} as const;

/** `GET /datasets/{id}/datacite`: DataCite attributes (schemas/datacite.ts). */
export const citationDataciteSchema = { ...dataciteSchema, $id: 'citation.datacite' } as const;
