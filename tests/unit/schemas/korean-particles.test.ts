import { createInstance } from 'i18next';
import { describe, expect, it } from 'vitest';
import { addParticleFormatters, koreanEnding, pickParticle, withParticle } from '../../../schemas/korean-particles';

describe('Korean particles by final consonant', () => {
  it('reads Hangul syllables: 받침, ㄹ and none', () => {
    expect(withParticle('계약', '를')).toBe('계약을');
    expect(withParticle('데이터', '을')).toBe('데이터를');
    expect(withParticle('기관', '가')).toBe('기관이');
    expect(withParticle('절차', '이')).toBe('절차가');
    expect(withParticle('버전', '는')).toBe('버전은');
    expect(withParticle('파일', '와')).toBe('파일과');
    expect(withParticle('샘플', '으로')).toBe('샘플로'); // ㄹ takes 로
    expect(withParticle('서울', '으로')).toBe('서울로');
    expect(withParticle('한국', '로')).toBe('한국으로');
    expect(withParticle('영어', '으로')).toBe('영어로');
    expect(withParticle('데이터 이용 계약', '을/를')).toBe('데이터 이용 계약을');
  });

  it('reads digits in Sino-Korean', () => {
    const cases: Array<[string | number, string]> = [
      [1, '로'], // 일
      [2, '로'], // 이
      [3, '으로'], // 삼
      [4, '로'], // 사
      [5, '로'], // 오
      [6, '으로'], // 육
      [7, '로'], // 칠
      [8, '로'], // 팔
      [9, '로'], // 구
      [0, '으로'], // 영
      [10, '으로'], // 십
      [100, '으로'], // 백
      [1000, '으로'], // 천
      ['10,000', '으로'], // 만
      [1_000_000_000_000, '로'], // 조
      [21, '로'], // 이십일
      [13, '으로'], // 십삼
    ];
    for (const [n, p] of cases) expect(`${n}:${pickParticle(n, '으로')}`).toBe(`${n}:${p}`);
    expect(withParticle(3, '로')).toBe('3으로');
    expect(withParticle(2, '을')).toBe('2를');
    expect(withParticle(1, '이')).toBe('1이');
    expect(withParticle(6, '가')).toBe('6이');
    expect(withParticle(10, '와')).toBe('10과');
    expect(withParticle('3.5', '은')).toBe('3.5는');
  });

  it('skips closing punctuation and reads Latin words by their usual reading', () => {
    expect(withParticle('버전 3(초안)', '을')).toBe('버전 3(초안)을');
    expect(pickParticle('“계약”', '를')).toBe('을');
    expect(pickParticle('file', '을')).toBe('을');
    expect(pickParticle('model', '으로')).toBe('로');
    expect(pickParticle('data', '을')).toBe('를');
    expect(pickParticle('JSON', '을')).toBe('을');
    expect(pickParticle('dataset', '이')).toBe('이');
    expect(pickParticle('CSV', '을')).toBe('를');
    expect(pickParticle('URL', '으로')).toBe('로');
    expect(pickParticle('XML', '이')).toBe('이');
    expect(koreanEnding('labeling')).toBe('consonant');
  });

  it('falls back to the both-ways spelling when the ending cannot be told', () => {
    expect(pickParticle('—', '을')).toBe('을(를)');
    expect(pickParticle('', '이')).toBe('이(가)');
    expect(pickParticle('*', '로')).toBe('(으)로');
    expect(pickParticle('데이터', '의')).toBe('의'); // not a pair: unchanged
  });

  it('works as an i18next formatter in a Korean message', () => {
    const i18n = createInstance();
    void i18n.init({
      lng: 'ko',
      initAsync: false,
      interpolation: { escapeValue: false },
      resources: { ko: { translation: { moved: '버전 {{version, 로}} 바꿨습니다.', made: '{{name, 을}} 만들었습니다.' } } },
    });
    addParticleFormatters(i18n);
    expect(i18n.t('moved', { version: 3 })).toBe('버전 3으로 바꿨습니다.');
    expect(i18n.t('moved', { version: 2 })).toBe('버전 2로 바꿨습니다.');
    expect(i18n.t('made', { name: '계약' })).toBe('계약을 만들었습니다.');
    expect(i18n.t('made', { name: '데이터' })).toBe('데이터를 만들었습니다.');
  });
});
