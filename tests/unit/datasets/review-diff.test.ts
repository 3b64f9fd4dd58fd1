// The "changes since the last review" diff (server/datasets/review-diff.ts): pure, leaf by leaf.
import { describe, expect, it } from 'vitest';
import { contentChanges, fileDifferences, type ArtifactFacts } from '../../../server/datasets/review-diff';

const base = {
  slug: 'speech-ko',
  title: { ko: '음성 데이터', en: 'Speech data' },
  keywords: { ko: ['음성'], en: ['speech'] },
  disclosure: { accessLevel: 'open', allowedPurposes: ['research', 'education'], conditions: { dua: false, irb: false } },
  size: { records: 10 },
};

describe('contentChanges', () => {
  it('lists each changed language of a bilingual text on its own, and nothing unchanged', () => {
    const changes = contentChanges(base, { ...base, title: { ko: '음성 데이터', en: 'Speech corpus' } });
    expect(changes).toEqual([{ field: 'title', path: '/title/en', lang: 'en', before: 'Speech data', after: 'Speech corpus' }]);
  });

  it('compares lists as wholes and nested objects key by key, in the order of the content fields', () => {
    const after = {
      ...base,
      keywords: { ko: ['음성'], en: ['speech', 'asr'] },
      disclosure: { ...base.disclosure, allowedPurposes: ['research'], conditions: { dua: true, irb: false } },
      slug: 'speech-ko-2',
    };
    expect(contentChanges(base, after)).toEqual([
      { field: 'slug', path: '/slug', before: 'speech-ko', after: 'speech-ko-2' },
      { field: 'keywords', path: '/keywords/en', lang: 'en', before: ['speech'], after: ['speech', 'asr'] },
      { field: 'disclosure', path: '/disclosure/allowedPurposes', before: ['research', 'education'], after: ['research'] },
      { field: 'disclosure', path: '/disclosure/conditions/dua', before: false, after: true },
    ]);
  });

  it('walks into an object that appears or disappears, and treats null as not set', () => {
    const after = { ...base, summary: { ko: '요약', en: 'Summary' }, size: null, disclosure: { ...base.disclosure, conditions: { dua: false, irb: false, deleteAfterDays: undefined } } };
    expect(contentChanges(base, after)).toEqual([
      { field: 'summary', path: '/summary/en', lang: 'en', before: null, after: 'Summary' },
      { field: 'summary', path: '/summary/ko', lang: 'ko', before: null, after: '요약' },
      { field: 'size', path: '/size/records', before: 10, after: null },
    ]);
  });

  it('does not depend on the key order of stored documents', () => {
    const reordered = { size: { records: 10 }, disclosure: { conditions: { irb: false, dua: false }, allowedPurposes: ['research', 'education'], accessLevel: 'open' }, keywords: { en: ['speech'], ko: ['음성'] }, title: { en: 'Speech data', ko: '음성 데이터' }, slug: 'speech-ko' };
    expect(contentChanges(base, reordered)).toEqual([]);
  });
});

describe('fileDifferences', () => {
  const file = (id: string): ArtifactFacts => ({ id, kind: 'sample', filename: `${id}.csv`, contentType: 'text/csv', bytes: 1, sha256: 'x' });
  it('matches files by id: new ones added, missing ones removed', () => {
    expect(fileDifferences([file('a'), file('b')], [file('b'), file('c')])).toEqual({ added: [file('c')], removed: [file('a')] });
    expect(fileDifferences([file('a')], [file('a')])).toEqual({ added: [], removed: [] });
  });
});
