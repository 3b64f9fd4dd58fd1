// GET /datasets/{id}/citation and /datacite (docs/citations.md): read like GET /datasets/{id}
// (same 404), then format one published version.
import type { Request, Response } from 'express';
import { depsOf } from '../http/deps';
import { validationFailed } from '../http/errors';
import { intQuery, route } from '../http/route';
import { dataciteAttributes } from './datacite';
import { apa, bibtex, CITATION_FORMAT_NAMES, CITATION_FORMATS, cslJson, ris, type CitationFormat } from './formats';
import { presentCitation } from './presenter';
import { loadCitationSource } from './load';
import type { CitationSource } from './model';

const DOWNLOAD_VALUES = ['1', 'true', '0', 'false'] as const;

/** One enumerated query parameter: undefined when absent, 400 naming it when outside `allowed`. */
function enumQuery<T extends string>(req: Request, name: string, allowed: readonly T[]): T | undefined {
  const raw = req.query[name];
  if (raw === undefined || raw === '') return undefined;
  if (typeof raw === 'string' && (allowed as readonly string[]).includes(raw)) return raw as T;
  throw validationFailed([{ path: `/query/${name}`, code: 'enum', params: { allowedValues: [...allowed] } }]);
}

async function sourceOf(req: Request): Promise<CitationSource> {
  const version = req.query.version === undefined || req.query.version === '' ? undefined : intQuery(req, 'version', 1, 1, 1_000_000);
  return loadCitationSource(String(req.params.id), req.ctx.user, { version, baseUrl: depsOf(req).config.publicUrl });
}

function body(src: CitationSource, format: CitationFormat, req: Request): string {
  const lang = req.ctx.lang;
  if (format === 'apa') return `${apa(src, lang)}\n`;
  if (format === 'bibtex') return bibtex(src, lang);
  if (format === 'ris') return ris(src, lang);
  return `${JSON.stringify(cslJson(src, lang), null, 2)}\n`;
}

async function citation(req: Request, res: Response): Promise<void> {
  const format = enumQuery(req, 'format', CITATION_FORMAT_NAMES);
  const download = enumQuery(req, 'download', DOWNLOAD_VALUES);
  const src = await sourceOf(req);
  if (!format) {
    res.json(presentCitation(src, req.ctx.lang));
    return;
  }
  const { mediaType, ext } = CITATION_FORMATS[format];
  if (download === '1' || download === 'true') res.set('Content-Disposition', `attachment; filename=${src.slug}-v${src.version}.${ext}`);
  res.set('Content-Type', mediaType).send(body(src, format, req));
}

const versionDoc = { description: 'A published version (default: the current one); 404 version_not_found when never published.', type: 'integer', minimum: 1, maximum: 1_000_000, allowEmpty: true } as const;

export const citationRoutes = [
  route({
    method: 'get',
    path: '/datasets/:id/citation',
    permission: 'public',
    tag: 'citation',
    summary:
      'How to cite one published version: without format, every format at once (APA in ko and en, BibTeX, RIS, CSL-JSON) with the version list; with format, that citation as a file. Same 404 as GET /datasets/{id}; 409 not_published for a dataset never published',
    response: {
      schema: 'citation.view',
      mediaTypes: ['application/json', 'text/plain', 'application/x-bibtex', 'application/x-research-info-systems', 'application/vnd.citationstyles.csl+json'],
      headers: { 'Content-Disposition': false },
    },
    query: {
      format: { description: 'apa (text, in the language of lang), bibtex, ris or csl-json; absent: the JSON summary.', enum: CITATION_FORMAT_NAMES, allowEmpty: true },
      version: versionDoc,
      download: { description: '1 or true: sent as an attachment named <slug>-v<n>.<ext>.', enum: DOWNLOAD_VALUES, allowEmpty: true },
    },
    handler: citation,
  }),
  route({
    method: 'get',
    path: '/datasets/:id/datacite',
    permission: 'public',
    tag: 'citation',
    summary: 'DataCite Metadata Schema 4.6 attributes of one published version (no DOI minted: the identifier is the version URL); same 404 and 409 as the citation',
    response: 'citation.datacite',
    query: { version: versionDoc },
    async handler(req, res) {
      res.json(dataciteAttributes(await sourceOf(req), req.ctx.lang));
    },
  }),
];
