// Turns an import body (CSV or JSON lines) into numbered rows. Pure (CSV is read asynchronously,
// in slices, so a large file does not hold the event loop).
import { AppError, badRequest } from '../http/errors';
import type { FieldError } from '../../schemas/errors';
import { columnOf, rowObject, type ImportColumn } from './columns';
import { CsvSyntaxError, parseCsv } from './csv';

export const CSV_TYPE = 'text/csv';
export const NDJSON_TYPES = ['application/x-ndjson', 'application/jsonl', 'application/jsonlines'] as const;
export const IMPORT_TYPES = [CSV_TYPE, ...NDJSON_TYPES] as const;

/** Most rows one import may carry (413 beyond). */
export const MAX_IMPORT_ROWS = 20_000;

/** One data row: 1-based row number (data rows only), line in the file, and its value or why it could not be read. */
export interface ImportRow {
  row: number;
  line: number;
  value: Record<string, unknown> | null;
  errors: FieldError[];
}

/** Comment rows (first cell starting with `#`) carry the template's localised column notes. */
function isComment(cells: readonly string[]): boolean {
  return (cells[0] ?? '').trimStart().startsWith('#');
}

function tooMany(count: number): never {
  throw new AppError(413, 'import_too_many_rows', { max: MAX_IMPORT_ROWS, count });
}

/**
 * Reads CSV: a header row of column names, then data rows; `#` comment rows are skipped. Malformed
 * quoting is a 400: `invalid_csv` (with the line) for a quote never closed, `csv_malformed_quote`
 * (with the line and column) for text after a closing quote or a quote inside an unquoted field.
 */
export async function parseCsvRows(text: string): Promise<ImportRow[]> {
  let records;
  try {
    records = await parseCsv(text);
  } catch (err) {
    if (err instanceof CsvSyntaxError) {
      if (err.kind === 'unclosed_quote') throw badRequest('invalid_csv', { line: err.line });
      throw new AppError(400, 'csv_malformed_quote', { line: err.line, column: err.column }, undefined, { line: err.line, column: err.column });
    }
    throw err;
  }
  const content = records.filter((r) => !isComment(r.cells));
  if (!content.length) throw badRequest('import_empty');
  const [header, ...data] = content;
  const columns: ImportColumn[] = [];
  const unknown: FieldError[] = [];
  const seen = new Set<string>();
  header.cells.forEach((name, i) => {
    const col = columnOf(name);
    if (!col || seen.has(col.name)) unknown.push({ path: `/columns/${i}`, code: col ? 'duplicate_column' : 'unknown_column', params: { column: name.trim() } });
    else {
      seen.add(col.name);
      columns.push(col);
    }
  });
  if (unknown.length) throw new AppError(400, 'import_unknown_columns', { count: unknown.length }, unknown);
  if (!data.length) throw badRequest('import_empty');
  if (data.length > MAX_IMPORT_ROWS) tooMany(data.length);
  return data.map((r, i) => {
    const errors: FieldError[] = r.cells.length > columns.length && r.cells.slice(columns.length).some((c) => c.trim() !== '') ? [{ path: '', code: 'too_many_cells', params: { limit: columns.length } }] : [];
    return { row: i + 1, line: r.line, value: errors.length ? null : rowObject(columns, r.cells), errors };
  });
}

/** Reads JSON lines: one dataset object per non-blank line. */
export function parseNdjsonRows(text: string): ImportRow[] {
  const lines = (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text).split(/\r?\n/);
  const rows: ImportRow[] = [];
  lines.forEach((raw, i) => {
    if (raw.trim() === '') return;
    const row = rows.length + 1;
    if (row > MAX_IMPORT_ROWS) tooMany(lines.filter((l) => l.trim() !== '').length);
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch {
      rows.push({ row, line: i + 1, value: null, errors: [{ path: '', code: 'invalid_json_line', params: {} }] });
      return;
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      rows.push({ row, line: i + 1, value: null, errors: [{ path: '', code: 'type', params: { type: 'object' } }] });
      return;
    }
    rows.push({ row, line: i + 1, value: value as Record<string, unknown>, errors: [] });
  });
  if (!rows.length) throw badRequest('import_empty');
  return rows;
}
