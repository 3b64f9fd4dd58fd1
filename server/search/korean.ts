// Korean word analysis: particle and ending stripping that never cuts a known noun, compound
// splitting, syllable bigrams, and jamo for matching what is still being typed (docs/search.md).
import { disassemble } from 'es-hangul';
import { DOMAINS, KR_TECHNOLOGIES, MODALITIES, TASKS, US_CET_AREAS } from '../../schemas/taxonomy';
import { glossary } from '../taxonomies/glossary';
import { KO_NOUNS_ENDING_LIKE_PARTICLES } from './korean-nouns';

export const HANGUL = /[\uac00-\ud7a3]/;
const HANGUL_RUN = /[\uac00-\ud7a3]+/g;

export const KO_STOP = new Set(['및', '등', '또는', '그리고', '위한', '위해', '대한', '통한', '있는', '있습니다', '없는', '수', '것', '그', '이', '저', '각', '약', '총', '더', '모든', '함께']);

// Particles and endings, longest first; stripped only when at least two syllables remain.
const KO_SUFFIXES = [
  '하였습니다', '되었습니다', '했습니다', '으로부터', '에서부터', '합니다', '됩니다', '입니다', '하였고', '되었고', '에서는', '에서의', '으로는', '으로의',
  '이라는', '하는데', '적으로', '하기', '하는', '하여', '하고', '하며', '하면', '하게', '해서', '했던', '하던', '되는', '되어', '되고', '되며',
  '적인', '이다', '이며', '으로', '로서', '로써', '로는', '로의', '에서', '에게', '께서', '한테', '까지', '부터', '보다', '처럼', '마다', '만큼',
  '과의', '와의', '에는', '에도', '에의', '이나', '이란', '이라', '이고', '라는', '들을', '들이', '들의', '들은', '들과', '들도',
  '된', '할', '한', '해', '적', '들', '을', '를', '이', '가', '은', '는', '의', '에', '로', '와', '과', '만', '용', '별',
];
/**
 * One-syllable suffixes that also end many nouns (평가, 결과, 경로, 회의, 활용…): when one is
 * stripped, the form before it is kept as well, so a noun the lexicon does not know still matches.
 */
const AMBIGUOUS = new Set(['가', '과', '로', '이', '의', '용', '별', '적', '한', '할', '해', '만', '와', '들']);

/** Suffixes by their last syllable, longest first, so stripping looks at a handful of candidates. */
const SUFFIXES_BY_LAST = new Map<string, string[]>();
for (const suffix of KO_SUFFIXES) {
  const last = suffix[suffix.length - 1];
  SUFFIXES_BY_LAST.set(last, [...(SUFFIXES_BY_LAST.get(last) ?? []), suffix].sort((a, b) => b.length - a.length));
}

/** Korean words known to the product (glossary, taxonomy labels, common nouns), in dictionary form. */
const LEXICON = new Set<string>();
function addLexicon(text: string): void {
  for (const w of text.normalize('NFKC').match(HANGUL_RUN) ?? []) if (w.length >= 2 && !KO_STOP.has(w)) LEXICON.add(w);
}
for (const e of glossary) for (const ko of e.ko) addLexicon(ko);
for (const list of [MODALITIES, TASKS, DOMAINS, KR_TECHNOLOGIES, US_CET_AREAS]) for (const item of list) addLexicon(item.label.ko);
for (const noun of KO_NOUNS_ENDING_LIKE_PARTICLES) LEXICON.add(noun);

/** Another Korean analyser standing in for the hand-written one (bench/kiwi-eval.ts compares them). */
export interface KoreanAnalyzer {
  /** Forms of one word, longest first, its stem last. */
  forms(word: string): string[];
  /** Parts of a compound (two or more), or null. */
  parts(word: string): string[] | null;
}
let analyzer: KoreanAnalyzer | null = null;
const onChange: Array<() => void> = [];

/** Uses another analyser for Korean words (null: the hand-written one); caches built on the old one are dropped. */
export function setKoreanAnalyzer(next: KoreanAnalyzer | null): void {
  analyzer = next;
  for (const drop of onChange) drop();
}

/** Registers a cache to drop when the Korean analyser changes. */
export function onKoreanAnalyzerChange(drop: () => void): void {
  onChange.push(drop);
}

/** Is `word` a Korean word the product knows? */
export function isLexiconWord(word: string): boolean {
  return LEXICON.has(word);
}

/** Does stripping `suffix` from `word` cut into a known noun at its end (품질평가 ends in 평가)? */
function cutsNoun(word: string, suffix: string): boolean {
  for (let k = suffix.length + 1; k <= Math.min(word.length, 8); k++) if (LEXICON.has(word.slice(-k))) return true;
  return false;
}

/**
 * The forms a Korean word is indexed and searched under, longest first, the stem last: up to two
 * particles or endings are stripped, never from a lexicon word nor through a noun the lexicon knows,
 * and where an ambiguous one-syllable suffix was stripped the form before it is kept too.
 * `데이터를` → [데이터]; `품질평가를` → [품질평가]; `판매단가` (단가 unknown) → [판매단가, 판매단].
 */
export function koreanForms(word: string): string[] {
  if (analyzer) return analyzer.forms(word);
  const forms: string[] = [];
  let w = word;
  for (let round = 0; round < 2; round++) {
    if (LEXICON.has(w)) break;
    const suffix = SUFFIXES_BY_LAST.get(w[w.length - 1])?.find((s) => w.endsWith(s) && w.length - s.length >= 2 && !cutsNoun(w, s));
    if (!suffix) break;
    if (AMBIGUOUS.has(suffix)) forms.push(w);
    w = w.slice(0, -suffix.length);
  }
  forms.push(w);
  return forms;
}

/** The stem of a Korean word: its shortest form. */
export function stemKo(word: string): string {
  const forms = koreanForms(word);
  return forms[forms.length - 1];
}

/** Hangul syllable bigrams of a word (a two-syllable word is its own bigram). */
export function bigrams(word: string): string[] {
  const out: string[] = [];
  for (let i = 0; i + 2 <= word.length; i++) out.push(word.slice(i, i + 2));
  return out;
}

/**
 * Splits a Korean compound into known words (`자율주행차량` → `자율주행`, `차량`), preferring fewer,
 * longer parts; null when it cannot be covered by at least two known words.
 */
export function splitCompound(stem: string, known?: (w: string) => boolean): string[] | null {
  if (analyzer && !known) return analyzer.parts(stem);
  known ??= isLexiconWord;
  const n = stem.length;
  if (n < 4) return null;
  // best[i] = fewest parts covering stem[0..i), with the split that achieves it.
  const best: Array<{ parts: number; prev: number } | null> = new Array(n + 1).fill(null);
  best[0] = { parts: 0, prev: -1 };
  for (let i = 0; i < n; i++) {
    const from = best[i];
    if (!from) continue;
    for (let j = Math.min(n, i + 8); j >= i + 2; j--) {
      if (i === 0 && j === n) continue;
      if (!known(stem.slice(i, j))) continue;
      const cand = { parts: from.parts + 1, prev: i };
      const cur = best[j];
      if (!cur || cand.parts < cur.parts) best[j] = cand;
    }
  }
  if (!best[n]) return null;
  const parts: string[] = [];
  for (let j = n; j > 0; j = best[j]!.prev) parts.unshift(stem.slice(best[j]!.prev, j));
  return parts.length >= 2 ? parts : null;
}

/**
 * Spells text out as jamo with every compound vowel and final cluster split (`의료` → `ㅇㅡㅣㄹㅛ`,
 * `닭` → `ㄷㅏㄹㄱ`), so whatever part of a syllable has been typed is a prefix of the word.
 */
export function toJamo(text: string): string {
  // NFC, not NFKC: NFKC would turn typed compatibility jamo (ㅅ) into conjoining ones.
  return disassemble(text.normalize('NFC').toLowerCase());
}
