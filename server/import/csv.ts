// CSV reading through the maintained `csv-parse` (RFC 4180: quoted fields with doubled quotes,
// embedded commas and line breaks; CRLF, LF or CR; a leading byte-order mark), streamed in slices
// so a large file does not hold the event loop; plus the small CSV writer used by the templates.
import { setImmediate as nextTurn } from 'node:timers/promises';
import { pipeline } from 'node:stream/promises';
import { CsvError, parse, type Options } from 'csv-parse';

/** One CSV record with the 1-based line of the file where it starts. */
export interface CsvRecord {
  line: number;
  cells: string[];
}

/** How much of the text (UTF-16 units) the parser takes before it lets other work run. */
export const CSV_SLICE_SIZE = 256 * 1024;

/**
 * Malformed CSV: a quote that is never closed (`unclosed_quote`), text after a closing quote
 * (`"x"y`) or a quote inside an unquoted field (`x"y`) (`malformed_quote`). `line` is the line
 * where the record holding it starts; `column` the 1-based position of the field in the record.
 */
export class CsvSyntaxError extends Error {
  constructor(
    readonly kind: 'unclosed_quote' | 'malformed_quote',
    readonly line: number,
    readonly column: number,
  ) {
    super(kind === 'unclosed_quote' ? `Unterminated quoted field starting on line ${line}` : `Malformed quoting on line ${line}, column ${column}`);
    this.name = 'CsvSyntaxError';
  }
}

const LF = 0x0a;
const CR = 0x0d;

const OPTIONS: Options = {
  bom: true,
  delimiter: ',',
  quote: '"',
  escape: '"',
  record_delimiter: ['\r\n', '\n', '\r'],
  skip_empty_lines: true,
  relax_column_count: true,
  relax_quotes: false,
};

/** The text in slices of about `size` UTF-16 units, each encoded as UTF-8, never splitting a surrogate pair. */
function* utf8Slices(text: string, size: number): Generator<Buffer> {
  for (let at = 0; at < text.length; ) {
    let to = Math.min(at + size, text.length);
    const last = text.charCodeAt(to - 1);
    if (to < text.length && last >= 0xd800 && last <= 0xdbff) to++;
    yield Buffer.from(text.slice(at, to), 'utf8');
    at = to;
  }
}

/**
 * Splits CSV text into records; a blank line is no record. Rejects malformed quoting with a
 * CsvSyntaxError. Feeds the parser about `sliceSize` characters at a time and lets other work run
 * between slices.
 */
export async function parseCsv(text: string, sliceSize = CSV_SLICE_SIZE): Promise<CsvRecord[]> {
  const records: CsvRecord[] = [];
  // csv-parse tells where each record ends (a byte offset past its line break) but counts a CRLF
  // inside quotes as two lines, so the line a record starts on is counted here, over the slices
  // fed so far: CR, LF and CRLF each end one line.
  const fed: Buffer[] = [];
  let piece = 0; // index in `fed` of the slice holding `cursor`
  let pieceStart = 0; // byte offset of that slice
  let fedBytes = 0;
  let cursor = 0;
  let line = 1;
  let prev = 0;
  const byteAt = (offset: number) => {
    while (offset - pieceStart >= fed[piece].length) {
      pieceStart += fed[piece].length;
      fed[piece++] = Buffer.alloc(0); // counted past: let it go
    }
    return fed[piece][offset - pieceStart];
  };
  const advance = (to: number) => {
    for (; cursor < to; cursor++) {
      const b = byteAt(cursor);
      if (b === CR || (b === LF && prev !== CR)) line++;
      prev = b;
    }
  };
  /** The line the next record starts on: past the end of the last one and any blank lines. */
  const nextStart = () => {
    for (let b; cursor < fedBytes && ((b = byteAt(cursor)) === LF || b === CR); ) advance(cursor + 1);
    return line;
  };
  try {
    await pipeline(
      async function* slices() {
        for (const slice of utf8Slices(text, sliceSize)) {
          if (fedBytes) await nextTurn();
          fed.push(slice);
          fedBytes += slice.length;
          yield slice;
        }
      },
      parse({
        ...OPTIONS,
        on_record: (cells: string[], info) => {
          records.push({ line: nextStart(), cells });
          advance(info.bytes);
          return null; // kept here; the stream emits nothing
        },
      }),
      async function drain(source: AsyncIterable<unknown>) {
        for await (const _ of source);
      },
    );
  } catch (err) {
    if (err instanceof CsvError) {
      const column = typeof err.column === 'number' ? err.column + 1 : 1;
      if (err.code === 'CSV_QUOTE_NOT_CLOSED') throw new CsvSyntaxError('unclosed_quote', nextStart(), column);
      if (err.code === 'INVALID_OPENING_QUOTE' || err.code === 'CSV_INVALID_CLOSING_QUOTE') throw new CsvSyntaxError('malformed_quote', nextStart(), column);
    }
    throw err;
  }
  return records;
}

/** Quotes a cell when it needs it (comma, quote, line break, leading/trailing space). */
export function csvCell(value: string): string {
  return /[",\r\n]|^\s|\s$/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** One CSV line (without the line break). */
export function csvLine(cells: readonly string[]): string {
  return cells.map(csvCell).join(',');
}
