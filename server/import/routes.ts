import type { Request } from 'express';
import { AppError, unsupportedMediaType } from '../http/errors';
import { route } from '../http/route';
import { declaredMediaType } from '../http/body';
import { columnsForPath } from './columns';
import { importDatasets, type ImportReport } from './commands';
import { CSV_TYPE, IMPORT_TYPES, NDJSON_TYPES, parseCsvRows, parseNdjsonRows } from './parse';
import { importTemplate } from './template';

/** `?name=true|false` (default false); 400 naming the parameter otherwise. */
function boolQuery(req: Request, name: string): boolean {
  const raw = req.query[name];
  if (raw === undefined || raw === '' || raw === 'false') return false;
  if (raw === 'true') return true;
  throw new AppError(400, 'validation_failed', { count: 1 }, [{ path: `/query/${name}`, code: 'enum', params: { allowedValues: ['true', 'false'] } }]);
}

/**
 * The report with each error's message in the request's language; for CSV, the column(s) the
 * error's path belongs to (`columns`, and `column` when there is exactly one); for a choice among
 * fixed values, those values (`allowedValues`), so the person can fix the cell (issue 13 item 9).
 */
function localised(req: Request, report: ImportReport, csv: boolean) {
  return {
    ...report,
    errors: report.errors.map((e) => {
      const columns = csv ? columnsForPath(e.path) : [];
      const allowed = e.params?.allowedValues;
      return {
        row: e.row,
        line: e.line,
        path: e.path,
        ...(columns.length === 1 ? { column: columns[0] } : {}),
        ...(columns.length ? { columns } : {}),
        code: e.code,
        message: req.ctx.t(`validation:${e.code}`, { ...e.params, defaultValue: req.ctx.t('validation:invalid') }),
        ...(Array.isArray(allowed) ? { allowedValues: allowed.map(String) } : {}),
      };
    }),
  };
}

export const importRoutes = [
  route({
    method: 'post',
    path: '/import',
    permission: ['provider', 'admin'],
    response: 'import.report',
    tag: 'import',
    summary: 'Bulk import of dataset drafts from CSV or JSON lines into the caller’s organisation: per-row report; all rows or none unless partial=true; re-import updates drafts with the same slug',
    rawBody: {
      contentTypes: IMPORT_TYPES,
      description: 'CSV with a header row of column names (docs/interop.md; template at /import/template.csv) or one dataset object per line (the datasets.create body; labeling.procedure may name a procedure by slug).',
    },
    query: {
      dryRun: { type: 'boolean', description: 'Validate and report without writing (default false).' },
      partial: { type: 'boolean', description: 'Write the valid rows even when others fail (default false: nothing is written when any row fails).' },
    },
    async handler(req, res) {
      const dryRun = boolQuery(req, 'dryRun');
      const partial = boolQuery(req, 'partial');
      // requireContentType let through only an importable type; an empty body has no parsed text.
      const type = declaredMediaType(req);
      const text = typeof req.body === 'string' ? req.body : '';
      const csv = type === CSV_TYPE;
      const rows = csv ? await parseCsvRows(text) : (NDJSON_TYPES as readonly string[]).includes(type) ? parseNdjsonRows(text) : null;
      if (!rows) throw unsupportedMediaType(IMPORT_TYPES.join(', '));
      const report = await importDatasets(req.ctx, rows, { dryRun, partial });
      if (report.rejected) {
        throw new AppError(422, 'import_rejected', { count: report.invalid }, undefined, localised(req, report, csv));
      }
      res.json(localised(req, report, csv));
    },
  }),
  route({
    method: 'get',
    path: '/import/template.csv',
    permission: 'public',
    response: { schema: 'text.csv', mediaTypes: ['text/csv'], headers: { 'Content-Disposition': true } },
    tag: 'import',
    summary: 'CSV template for bulk import: column names, a row of column notes in the chosen language (?lang=ko|en) and an example row',
    async handler(req, res) {
      res
        .type('text/csv; charset=utf-8')
        .attachment(`dataset-import-template-${req.ctx.lang}.csv`)
        .send(importTemplate(req.ctx.t));
    },
  }),
];
