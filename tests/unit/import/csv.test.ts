// The CSV reader of the bulk import (server/import/csv.ts, csv-parse underneath): records with the
// line they start on, BOM, CRLF/LF/CR, blank lines, quoted commas, line breaks and doubled quotes;
// malformed quoting rejected with the line and column; the same result whatever the slice size.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CsvSyntaxError, csvLine, parseCsv } from '../../../server/import/csv';

/** The error parseCsv rejects with, or a failure when it resolves. */
async function syntaxError(text: string, slice?: number): Promise<CsvSyntaxError> {
  const err = await parseCsv(text, slice).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(CsvSyntaxError);
  return err as CsvSyntaxError;
}

describe('parseCsv', () => {
  it('reads quoted commas, line breaks and doubled quotes, keeping the line each record starts on', async () => {
    const text = 'slug,title.en\n"a,b","He said ""hi"""\n"multi\nline\ncell",x\nlast,"y"\n';
    expect(await parseCsv(text)).toEqual([
      { line: 1, cells: ['slug', 'title.en'] },
      { line: 2, cells: ['a,b', 'He said "hi"'] },
      { line: 3, cells: ['multi\nline\ncell', 'x'] },
      { line: 6, cells: ['last', 'y'] },
    ]);
  });

  it('strips a byte-order mark, takes CRLF, LF and CR (mixed too), and skips blank lines', async () => {
    const text = '\ufeffa,b\r\n1,2\r\n\r\n"x\r\ny",3\r\n\n4,5\r6,7\n\n';
    expect(await parseCsv(text)).toEqual([
      { line: 1, cells: ['a', 'b'] },
      { line: 2, cells: ['1', '2'] },
      { line: 4, cells: ['x\r\ny', '3'] },
      { line: 7, cells: ['4', '5'] },
      { line: 8, cells: ['6', '7'] },
    ]);
    expect(await parseCsv('\ufeff')).toEqual([]);
    expect(await parseCsv('\r\n\n')).toEqual([]);
  });

  it('keeps a last record without a line break, rows of different lengths, empty and space-only cells', async () => {
    expect(await parseCsv('a,b,c\n1\n"",  ,\n ,x')).toEqual([
      { line: 1, cells: ['a', 'b', 'c'] },
      { line: 2, cells: ['1'] },
      { line: 3, cells: ['', '  ', ''] },
      { line: 4, cells: [' ', 'x'] },
    ]);
  });

  it('rejects text after a closing quote with the line and column', async () => {
    const err = await syntaxError('a,b\n1,2\n\n"x"y,2\n');
    expect(err).toMatchObject({ kind: 'malformed_quote', line: 4, column: 1 });
    expect(await syntaxError('a,b,c\r\n1,"multi\r\nline"z,3\r\n')).toMatchObject({ kind: 'malformed_quote', line: 2, column: 2 });
  });

  it('rejects a quote inside an unquoted field with the line and column', async () => {
    expect(await syntaxError('a,b\n1,2\n3,x"y\n')).toMatchObject({ kind: 'malformed_quote', line: 3, column: 2 });
    expect(await syntaxError('x"y')).toMatchObject({ kind: 'malformed_quote', line: 1, column: 1 });
  });

  it('rejects a quote never closed, naming the line where its record starts', async () => {
    expect(await syntaxError('a,b\n1,2\n3,"x\n\nfoo')).toMatchObject({ kind: 'unclosed_quote', line: 3, column: 2 });
  });

  it('gives the same records and errors whatever the slice size, across multi-byte characters', async () => {
    const text = '\ufeffslug,title.ko\r\n가나,"한국어 ""따옴표"", 쉼표\r\n줄바꿈 😀"\r\n\r\n다라,𝒳😀,끝\n';
    const whole = await parseCsv(text);
    expect(whole).toEqual([
      { line: 1, cells: ['slug', 'title.ko'] },
      { line: 2, cells: ['가나', '한국어 "따옴표", 쉼표\r\n줄바꿈 😀'] },
      { line: 5, cells: ['다라', '𝒳😀', '끝'] },
    ]);
    for (const slice of [1, 2, 3, 5, 7]) expect(await parseCsv(text, slice)).toEqual(whole);
    for (const slice of [1, 2, 3]) expect(await syntaxError('가,나\n"다"라,2\n', slice)).toMatchObject({ line: 2, column: 1 });
  });

  it('reads back what csvLine writes, line numbers included (property)', async () => {
    const cell = fc.string({ unit: fc.constantFrom('a', '한', ',', '"', '\n', '\r\n', ' ', '😀', '#') });
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(cell, { minLength: 2, maxLength: 4 }), { minLength: 1, maxLength: 6 }), fc.integer({ min: 1, max: 9 }), async (rows, slice) => {
        const text = rows.map(csvLine).join('\r\n') + '\r\n';
        let line = 1;
        const expected = rows.map((cells) => {
          const rec = { line, cells };
          line += csvLine(cells).split(/\r\n|\n|\r/).length;
          return rec;
        });
        expect(await parseCsv(text, slice)).toEqual(expected);
      }),
      { numRuns: 200 },
    );
  });
});
