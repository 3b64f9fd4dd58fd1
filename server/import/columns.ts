// The CSV column mapping of bulk import (docs/interop.md): a column is a dotted path into the
// `datasets.create` body plus how its cell is read. Pure; also drives the downloadable template.

/** How a cell becomes a value. */
export type CellKind = 'text' | 'list' | 'integer' | 'number' | 'boolean' | 'results';

export interface ImportColumn {
  /** Machine-stable header, a dotted path into the dataset body (`title.en`). */
  name: string;
  kind: CellKind;
}

/** List cells separate their items with this character. */
export const LIST_SEPARATOR = ';';

/** Every accepted column, in template order. */
export const IMPORT_COLUMNS: readonly ImportColumn[] = [
  { name: 'slug', kind: 'text' },
  { name: 'title.ko', kind: 'text' },
  { name: 'title.en', kind: 'text' },
  { name: 'summary.ko', kind: 'text' },
  { name: 'summary.en', kind: 'text' },
  { name: 'description.ko', kind: 'text' },
  { name: 'description.en', kind: 'text' },
  { name: 'keywords.ko', kind: 'list' },
  { name: 'keywords.en', kind: 'list' },
  { name: 'modalities', kind: 'list' },
  { name: 'tasks', kind: 'list' },
  { name: 'languages', kind: 'list' },
  { name: 'techAreas.kr', kind: 'list' },
  { name: 'techAreas.us', kind: 'list' },
  { name: 'domain', kind: 'text' },
  { name: 'temporalCoverage.start', kind: 'text' },
  { name: 'temporalCoverage.end', kind: 'text' },
  { name: 'spatialCoverage.ko', kind: 'text' },
  { name: 'spatialCoverage.en', kind: 'text' },
  { name: 'size.records', kind: 'integer' },
  { name: 'size.bytes', kind: 'integer' },
  { name: 'size.hours', kind: 'number' },
  { name: 'formats', kind: 'list' },
  { name: 'license.id', kind: 'text' },
  { name: 'license.url', kind: 'text' },
  { name: 'license.commercialUse', kind: 'boolean' },
  { name: 'disclosure.accessLevel', kind: 'text' },
  { name: 'disclosure.samplesAccess', kind: 'text' },
  { name: 'disclosure.allowedCountries', kind: 'list' },
  { name: 'disclosure.allowedOrgTypes', kind: 'list' },
  { name: 'disclosure.allowedPurposes', kind: 'list' },
  { name: 'disclosure.crossBorder', kind: 'text' },
  { name: 'disclosure.conditions.dua', kind: 'boolean' },
  { name: 'disclosure.conditions.irb', kind: 'boolean' },
  { name: 'disclosure.conditions.attribution', kind: 'boolean' },
  { name: 'disclosure.conditions.noRedistribution', kind: 'boolean' },
  { name: 'disclosure.conditions.deleteAfterDays', kind: 'integer' },
  { name: 'disclosure.maxGrantDays', kind: 'integer' },
  { name: 'classification.level', kind: 'text' },
  { name: 'classification.personalInfo', kind: 'text' },
  { name: 'classification.sensitiveCategories', kind: 'list' },
  { name: 'classification.exportControl.controlled', kind: 'boolean' },
  { name: 'classification.exportControl.regime', kind: 'text' },
  { name: 'classification.exportControl.reference', kind: 'text' },
  { name: 'classification.nationalCoreTechnology', kind: 'boolean' },
  { name: 'labeling.procedure', kind: 'text' },
  { name: 'labeling.procedureVersion', kind: 'integer' },
  { name: 'labeling.results', kind: 'results' },
  { name: 'contact.name', kind: 'text' },
  { name: 'contact.email', kind: 'text' },
];

const BY_NAME = new Map(IMPORT_COLUMNS.map((c) => [c.name, c]));

/** The column of a header cell, or undefined for an unknown header. */
export function columnOf(header: string): ImportColumn | undefined {
  return BY_NAME.get(header.trim());
}

const TRUE = new Set(['true', 'yes', 'y', '1', '예', '참']);
const FALSE = new Set(['false', 'no', 'n', '0', '아니오', '거짓']);

/**
 * Reads one cell. A value that does not parse as the column's kind is kept as the raw string, so
 * schema validation reports it at the field's path with the usual message.
 */
export function readCell(kind: CellKind, raw: string): unknown {
  const cell = raw.trim();
  switch (kind) {
    case 'text':
      return cell;
    case 'list':
      return cell
        .split(LIST_SEPARATOR)
        .map((s) => s.trim())
        .filter(Boolean);
    case 'integer':
      return /^[+-]?\d+$/.test(cell.replace(/_/g, '')) ? Number(cell.replace(/_/g, '')) : cell;
    case 'number':
      return cell !== '' && Number.isFinite(Number(cell)) ? Number(cell) : cell;
    case 'boolean': {
      const lower = cell.toLowerCase();
      return TRUE.has(lower) ? true : FALSE.has(lower) ? false : cell;
    }
    case 'results':
      // `cer=0.043;wer=0.108`
      return cell
        .split(LIST_SEPARATOR)
        .map((s) => s.trim())
        .filter(Boolean)
        .map((pair) => {
          const [metric, value] = pair.split('=').map((x) => x.trim());
          const n = Number(value);
          return { metric, value: value !== undefined && value !== '' && Number.isFinite(n) ? n : (value ?? '') };
        });
  }
}

/** Sets `value` at a dotted path, creating objects on the way. */
export function setPath(target: Record<string, unknown>, dotted: string, value: unknown): void {
  const keys = dotted.split('.');
  let node = target;
  for (const key of keys.slice(0, -1)) {
    if (typeof node[key] !== 'object' || node[key] === null) node[key] = {};
    node = node[key] as Record<string, unknown>;
  }
  node[keys[keys.length - 1]] = value;
}

/** Builds a row object from header columns and cells; empty cells leave their field out. */
export function rowObject(columns: readonly ImportColumn[], cells: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  columns.forEach((col, i) => {
    const raw = cells[i] ?? '';
    if (raw.trim() === '') return;
    setPath(out, col.name, readCell(col.kind, raw));
  });
  return out;
}

// Body fields a column stands for under another name (the CSV names a procedure, the body holds its id).
const COLUMN_ALIASES: Record<string, string> = { 'labeling.procedureId': 'labeling.procedure' };

/**
 * The CSV column(s) an error's JSON pointer belongs to, so a report names what the person typed in
 * (`/license/id` → `license.id`, `/disclosure/allowedCountries/1` → `disclosure.allowedCountries`,
 * `/title` → `title.ko`, `title.en`). Empty when no column holds the field (`/providerId`, a row error).
 */
export function columnsForPath(pointer: string): string[] {
  const keys = pointer
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .filter((s) => !/^\d+$/.test(s));
  for (let n = keys.length; n > 0; n--) {
    const dotted = keys.slice(0, n).join('.');
    const name = COLUMN_ALIASES[dotted] ?? dotted;
    if (BY_NAME.has(name)) return [name];
  }
  if (!keys.length) return [];
  const prefix = `${keys.join('.')}.`;
  return IMPORT_COLUMNS.filter((c) => c.name.startsWith(prefix)).map((c) => c.name);
}
