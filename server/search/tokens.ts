// Splitting text into analysed words: Korean forms and stems, English stems, numbers (docs/search.md).
import { stemEn } from './english';
import { HANGUL, KO_STOP, koreanForms, onKoreanAnalyzerChange } from './korean';

export type Script = 'ko' | 'en' | 'num';

/** One word of a text, with where it sits in the original string. */
export interface Token {
  /** Forms the word is indexed under, longest first (Korean may keep the form before an ambiguous suffix). */
  forms: readonly string[];
  /** The shortest form. */
  stem: string;
  surface: string;
  script: Script;
  start: number;
  end: number;
}

// Runs of Hangul syllables, or of Latin letters and digits (so `5G`, `CT`, `ko-KR` parts stay whole).
const WORD = /[\uac00-\ud7a3]+|[\p{L}\p{N}]+/gu;

const EN_STOP = new Set(
  'a an and are as at be by for from has have in into is it its of on or our that the their this to was were which with within without per via than then these those each other use used using can may also such not no nor only over under'.split(
    ' ',
  ),
);

/** Lower-cases and folds compatibility forms (full-width Latin, etc.). */
export function normalize(text: string): string {
  return text.normalize('NFKC').toLowerCase();
}

interface WordInfo {
  forms: string[];
  script: Script;
}
/** Analysis of each distinct word seen (catalogue text repeats words; bounded by clearing). */
const WORDS = new Map<string, WordInfo | null>();
onKoreanAnalyzerChange(() => WORDS.clear());

function analyzeWord(surface: string): WordInfo | null {
  let info = WORDS.get(surface);
  if (info !== undefined) return info;
  if (HANGUL.test(surface)) {
    const forms = KO_STOP.has(surface) ? [] : koreanForms(surface);
    const stem = forms[forms.length - 1];
    info = !stem || KO_STOP.has(stem) ? null : { forms, script: 'ko' };
  } else if (/^\p{N}+$/u.test(surface)) {
    info = { forms: [surface], script: 'num' };
  } else {
    info = EN_STOP.has(surface) ? null : { forms: [stemEn(surface)], script: 'en' };
  }
  if (WORDS.size > 500_000) WORDS.clear();
  WORDS.set(surface, info);
  return info;
}

/** Splits a text into analysed words (stop words dropped), keeping their offsets. */
export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  const norm = normalize(text);
  // NFKC can change lengths only for rare compatibility characters; offsets then refer to `norm`.
  for (const m of norm.matchAll(WORD)) {
    const info = analyzeWord(m[0]);
    if (info) out.push({ forms: info.forms, stem: info.forms[info.forms.length - 1], surface: m[0], script: info.script, start: m.index, end: m.index + m[0].length });
  }
  return out;
}
