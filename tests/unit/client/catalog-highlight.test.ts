// Search highlights: character ranges from the API become plain and marked slices of the text.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { splitHighlights } from '../../../client/src/pages/catalog/highlight';

const marked = (text: string, ranges: [number, number][]) =>
  splitHighlights(text, ranges)
    .map((s) => (s.mark ? `[${s.text}]` : s.text))
    .join('');

describe('splitHighlights', () => {
  it('marks the given ranges of Korean and English text', () => {
    expect(marked('흉부 CT 폐결절 분할 의료영상', [[13, 17]])).toBe('흉부 CT 폐결절 분할 [의료영상]');
    expect(marked('Korean Spontaneous Speech Corpus 2023', [[19, 25]])).toBe('Korean Spontaneous [Speech] Corpus 2023');
    expect(marked('abc', [[0, 3]])).toBe('[abc]');
  });

  it('sorts, merges overlapping and touching ranges', () => {
    expect(
      marked('speech recognition data', [
        [7, 18],
        [0, 6],
        [3, 5],
      ]),
    ).toBe('[speech] [recognition] data');
    expect(
      marked('abcdef', [
        [1, 3],
        [3, 5],
      ]),
    ).toBe('a[bcde]f');
    expect(
      marked('abcdef', [
        [1, 4],
        [2, 3],
      ]),
    ).toBe('a[bcd]ef');
  });

  it('clamps ranges outside the text and ignores empty or malformed ones', () => {
    expect(
      marked('abc', [
        [-5, 1],
        [2, 99],
      ]),
    ).toBe('[a]b[c]');
    expect(
      marked('abc', [
        [2, 2],
        [3, 1],
        [Number.NaN, 2],
      ]),
    ).toBe('abc');
    expect(marked('abc', [])).toBe('abc');
    expect(splitHighlights('abc', undefined)).toEqual([{ text: 'abc', mark: false }]);
    expect(splitHighlights('', [[0, 1]])).toEqual([]);
  });

  it('never cuts a character outside the BMP in half', () => {
    // "𠀀" (U+20000) is two UTF-16 code units.
    expect(marked('a𠀀b', [[2, 3]])).toBe('a[𠀀]b');
    expect(marked('a𠀀b', [[1, 2]])).toBe('a[𠀀]b');
  });

  it('always gives back the text unchanged, with marked segments never adjacent', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 40 }),
        fc.array(fc.tuple(fc.integer({ min: -5, max: 50 }), fc.integer({ min: -5, max: 50 })), { maxLength: 6 }),
        (text, ranges) => {
          const segments = splitHighlights(text, ranges);
          expect(segments.map((s) => s.text).join('')).toBe(text);
          for (let i = 1; i < segments.length; i++) expect(segments[i].mark && segments[i - 1].mark).toBe(false);
          for (const s of segments) expect(s.text.length).toBeGreaterThan(0);
        },
      ),
    );
  });
});
