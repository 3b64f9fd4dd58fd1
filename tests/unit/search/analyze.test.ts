import { describe, expect, it } from 'vitest';
import { analyzeField, analyzeQuery, editDistance, glossaryMatches, splitCompound, stemEn, stemKo, toJamo, tokenize } from '../../../server/search/analyze';

describe('Korean analysis', () => {
  it.each([
    ['데이터를', '데이터'],
    ['데이터의', '데이터'],
    ['음성의', '음성'],
    ['인식하는', '인식'],
    ['판결문에서', '판결문'],
    ['위성영상으로', '위성영상'],
    ['화자별', '화자'],
    ['학습용', '학습'],
    ['데이터들을', '데이터'],
  ])('stems %s to %s', (word, stem) => {
    expect(stemKo(word)).toBe(stem);
  });

  it('keeps two-syllable words whole rather than cutting them to one syllable', () => {
    expect(stemKo('회의')).toBe('회의');
    expect(stemKo('도로')).toBe('도로');
    expect(stemKo('평가')).toBe('평가');
  });

  it('splits compounds into known words and refuses what it cannot cover', () => {
    expect(splitCompound('자율주행차량')).toEqual(['자율주행', '차량']);
    expect(splitCompound('의료영상')).toEqual(['의료', '영상']);
    expect(splitCompound('음성인식')).toEqual(['음성', '인식']);
    expect(splitCompound('가나다라마')).toBeNull();
    expect(splitCompound('음성')).toBeNull();
  });

  it('indexes a compound under its parts and its syllable bigrams', () => {
    const { direct } = analyzeField(['자율주행차량 주행 데이터']);
    expect([...direct.keys()]).toEqual(expect.arrayContaining(['w:자율주행차량', 'w:자율주행', 'w:차량', 'b:자율', 'b:차량', 'w:주행']));
  });

  it('drops stop words and keeps offsets into the text', () => {
    const text = '한국어 음성 및 텍스트';
    const tokens = tokenize(text);
    expect(tokens.map((t) => t.stem)).toEqual(['한국어', '음성', '텍스트']);
    for (const t of tokens) expect(text.slice(t.start, t.end)).toBe(t.surface);
  });
});

describe('English analysis', () => {
  it('reduces inflections to one stem', () => {
    expect(stemEn('images')).toBe(stemEn('imaging'));
    expect(stemEn('annotation')).toBe(stemEn('annotated'));
    expect(stemEn('segmentation')).toBe('segment');
    expect(stemEn('translation')).toBe(stemEn('translate'));
    expect(stemEn('detection')).toBe('detect');
    expect(stemEn('speeches')).toBe('speech');
    expect(stemEn('format')).toBe('format');
  });

  it('measures edit distance with transpositions and gives up beyond the limit', () => {
    expect(editDistance('recogntion', 'recognition', 2)).toBe(1);
    expect(editDistance('sattelite', 'satellite', 2)).toBe(2);
    expect(editDistance('teh', 'the', 1)).toBe(1);
    expect(editDistance('speech', 'vessel', 2)).toBe(3);
  });
});

describe('glossary', () => {
  it('adds the other language’s words for glossary terms found in a text', () => {
    // The concept (g:) and, as weaker evidence, every word of its synonyms (x:).
    expect([...analyzeField(['음성인식 말뭉치']).gloss]).toEqual(expect.arrayContaining(['x:speech', 'x:recognit', 'x:corpu']));
    expect([...analyzeField(['음성인식 말뭉치']).gloss].filter((t) => t.startsWith('g:')).length).toBeGreaterThanOrEqual(1);
    expect([...analyzeField(['medical imaging of the chest']).gloss]).toEqual(expect.arrayContaining(['x:의료영상', 'x:의료', 'x:영상']));
  });

  it('lets the longest term win, so "fraud detection" is not also "object detection"', () => {
    const stems = tokenize('fraud detection').map((t) => t.stem);
    const words = [...glossaryMatches(stems)].length;
    expect(words).toBe(1);
    expect([...analyzeField(['fraud detection']).gloss]).not.toContain('x:객체');
  });
});

describe('queries', () => {
  it('makes generic catalogue words optional', () => {
    const units = analyzeQuery('음성 데이터를');
    expect(units.map((u) => [u.term, u.optional])).toEqual([
      ['w:음성', false],
      ['w:데이터', true],
    ]);
  });

  it('gives Korean compounds their parts and bigrams', () => {
    const [u] = analyzeQuery('자율주행차량');
    expect(u.parts).toEqual(['w:자율주행', 'w:차량']);
    expect(u.bigrams).toContain('b:행차');
  });

  it('spells Hangul as jamo so that an unfinished syllable is a prefix', () => {
    expect(toJamo('음성').startsWith(toJamo('음서'))).toBe(true);
    expect(toJamo('음성').startsWith(toJamo('음ㅅ'))).toBe(true);
    expect(toJamo('Speech')).toBe('speech');
  });
});
