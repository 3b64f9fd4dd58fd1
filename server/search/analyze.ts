// Text analysis shared by search, suggestions and partner matching. Korean is agglutinative and
// writes compounds without spaces, so a Korean word is reduced to its stem (particles and common
// endings stripped), split into known parts, and indexed as syllable bigrams as well; English gets a
// light stemmer. Terms are prefixed: `w:` a word stem, `b:` a Hangul syllable bigram.
import { glossary } from '../taxonomies/glossary';
import { DOMAINS, KR_TECHNOLOGIES, MODALITIES, TASKS, US_CET_AREAS } from '../../schemas/taxonomy';

export type Script = 'ko' | 'en' | 'num';

/** One word of a text, with where it sits in the original string. */
export interface Token {
  stem: string;
  surface: string;
  script: Script;
  start: number;
  end: number;
}

const HANGUL = /[\uac00-\ud7a3]/;
// Runs of Hangul syllables, or of Latin letters and digits (so `5G`, `CT`, `ko-KR` parts stay whole).
const WORD = /[\uac00-\ud7a3]+|[\p{L}\p{N}]+/gu;

const EN_STOP = new Set(
  'a an and are as at be by for from has have in into is it its of on or our that the their this to was were which with within without per via than then these those each other use used using can may also such not no nor only over under'.split(
    ' ',
  ),
);
const KO_STOP = new Set(['및', '등', '또는', '그리고', '위한', '위해', '대한', '통한', '있는', '있습니다', '없는', '수', '것', '그', '이', '저', '각', '약', '총', '더', '모든', '함께']);

/**
 * Words that describe nearly every entry of a data catalogue; they still score, but a query does not
 * need them to match (a search for "음성 데이터" must not demand the word "데이터").
 */
const GENERIC = new Set(['w:data', 'w:dataset', 'w:datas', 'w:데이터', 'w:데이터셋', 'w:자료', 'w:세트']);

// Particles and endings, longest first; stripped only when at least two syllables remain.
const KO_SUFFIXES = [
  '하였습니다', '되었습니다', '했습니다', '으로부터', '에서부터', '합니다', '됩니다', '입니다', '하였고', '되었고', '에서는', '에서의', '으로는', '으로의',
  '이라는', '하는데', '적으로', '하기', '하는', '하여', '하고', '하며', '하면', '하게', '해서', '했던', '하던', '되는', '되어', '되고', '되며',
  '적인', '이다', '이며', '으로', '로서', '로써', '로는', '로의', '에서', '에게', '께서', '한테', '까지', '부터', '보다', '처럼', '마다', '만큼',
  '과의', '와의', '에는', '에도', '에의', '이나', '이란', '이라', '이고', '라는', '들을', '들이', '들의', '들은', '들과', '들도',
  '된', '할', '한', '해', '적', '들', '을', '를', '이', '가', '은', '는', '의', '에', '로', '와', '과', '만', '용', '별',
];

/** Suffixes by their last syllable, longest first, so stripping looks at a handful of candidates. */
const SUFFIXES_BY_LAST = new Map<string, string[]>();
for (const suffix of KO_SUFFIXES) {
  const last = suffix[suffix.length - 1];
  SUFFIXES_BY_LAST.set(last, [...(SUFFIXES_BY_LAST.get(last) ?? []), suffix].sort((a, b) => b.length - a.length));
}

/** Reduces a Korean word to its stem by stripping up to two particles/endings. */
export function stemKo(word: string): string {
  let w = word;
  for (let round = 0; round < 2; round++) {
    const suffix = SUFFIXES_BY_LAST.get(w[w.length - 1])?.find((s) => w.endsWith(s) && w.length - s.length >= 2);
    if (!suffix) break;
    w = w.slice(0, -suffix.length);
  }
  return w;
}

/** A light English stemmer: plurals, -ed/-ing, -ion after t/s, final -e, -at; keeps stems readable. */
export function stemEn(word: string): string {
  let w = word;
  if (w.length <= 3) return w;
  if (w.endsWith('ies') && w.length > 4) w = `${w.slice(0, -3)}y`;
  else if (w.endsWith('sses')) w = w.slice(0, -2);
  else if (w.endsWith('s') && !/(ss|us|is)$/.test(w)) w = w.slice(0, -1);
  if (w.endsWith('ing') && w.length >= 7) w = w.slice(0, -3);
  else if (w.endsWith('ed') && w.length >= 6) w = w.slice(0, -2);
  if (/[ts]ion$/.test(w) && w.length >= 7) w = w.slice(0, -3);
  if (w.endsWith('e') && w.length >= 5) w = w.slice(0, -1);
  if (w.endsWith('at') && w.length >= 7) w = w.slice(0, -2);
  return w;
}

/** Lower-cases and folds compatibility forms (full-width Latin, etc.). */
export function normalize(text: string): string {
  return text.normalize('NFKC').toLowerCase();
}

interface WordInfo {
  stem: string;
  script: Script;
}
/** Analysis of each distinct word seen (catalogue text repeats words; bounded by clearing). */
const WORDS = new Map<string, WordInfo | null>();

function analyzeWord(surface: string): WordInfo | null {
  let info = WORDS.get(surface);
  if (info !== undefined) return info;
  if (HANGUL.test(surface)) {
    const stem = KO_STOP.has(surface) ? '' : stemKo(surface);
    info = !stem || KO_STOP.has(stem) ? null : { stem, script: 'ko' };
  } else if (/^\p{N}+$/u.test(surface)) {
    info = { stem: surface, script: 'num' };
  } else {
    info = EN_STOP.has(surface) ? null : { stem: stemEn(surface), script: 'en' };
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
    if (info) out.push({ stem: info.stem, surface: m[0], script: info.script, start: m.index, end: m.index + m[0].length });
  }
  return out;
}

/** Hangul syllable bigrams of a stem (a two-syllable stem is its own bigram). */
export function bigrams(stem: string): string[] {
  const out: string[] = [];
  for (let i = 0; i + 2 <= stem.length; i++) out.push(stem.slice(i, i + 2));
  return out;
}

// ---- lexicon and glossary --------------------------------------------------------------------

/** Korean words known to the product (glossary and taxonomy labels), used to split compounds. */
const LEXICON = new Set<string>();
function addLexicon(text: string): void {
  for (const t of tokenize(text)) if (t.script === 'ko' && t.stem.length >= 2) LEXICON.add(t.stem);
}
for (const e of glossary) for (const ko of e.ko) addLexicon(ko);
for (const list of [MODALITIES, TASKS, DOMAINS, KR_TECHNOLOGIES, US_CET_AREAS]) for (const item of list) addLexicon(item.label.ko.replace(/[·()]/g, ' '));

/**
 * Splits a Korean compound stem into known words (`자율주행차량` → `자율주행`, `차량`), preferring
 * fewer, longer parts; null when it cannot be covered by at least two known words.
 */
export function splitCompound(stem: string, known: (w: string) => boolean = (w) => LEXICON.has(w)): string[] | null {
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

interface GlossTerm {
  stems: string[];
  entry: number;
}
/** Glossary terms indexed by their first stem, for matching word sequences. */
const GLOSS_BY_FIRST = new Map<string, GlossTerm[]>();
/** Every stem of every term of an entry: what a match of the entry adds to a document. */
const GLOSS_WORDS: string[][] = [];
glossary.forEach((entry, i) => {
  const words = new Set<string>();
  for (const term of [...entry.ko, ...entry.en]) {
    const stems = tokenize(term).map((t) => t.stem);
    if (!stems.length) continue;
    stems.forEach((s) => words.add(s));
    if (stems.length === 1 && HANGUL.test(stems[0]) && stems[0].length >= 4) {
      const parts = splitCompound(stems[0]);
      if (parts) parts.forEach((p) => words.add(p));
    }
    const list = GLOSS_BY_FIRST.get(stems[0]) ?? [];
    list.push({ stems, entry: i });
    GLOSS_BY_FIRST.set(stems[0], list);
  }
  GLOSS_WORDS.push([...words]);
});

/** Glossary entries whose terms occur (as whole word sequences) in the stems. */
export function glossaryMatches(stems: string[]): Set<number> {
  const spans: Array<{ start: number; end: number; entry: number }> = [];
  for (let i = 0; i < stems.length; i++) {
    const cands = GLOSS_BY_FIRST.get(stems[i]);
    if (!cands) continue;
    for (const c of cands) {
      if (c.stems.every((s, k) => stems[i + k] === s)) spans.push({ start: i, end: i + c.stems.length, entry: c.entry });
    }
  }
  // The longest term wins: in "fraud detection" the word "detection" must not also count as
  // "object detection"'s synonym.
  const hits = new Set<number>();
  for (const s of spans) {
    const inside = spans.some((o) => o.entry !== s.entry && o.start <= s.start && o.end >= s.end && o.end - o.start > s.end - s.start);
    if (!inside) hits.add(s.entry);
  }
  return hits;
}

/** The words a glossary entry contributes (both languages, all synonyms). */
export function glossaryWords(entry: number): readonly string[] {
  return GLOSS_WORDS[entry];
}

/** The glossary entry itself (for "did you mean" in the other language). */
export function glossaryEntry(entry: number): { ko: string[]; en: string[] } {
  return glossary[entry];
}

// ---- document analysis -----------------------------------------------------------------------

/** Term weights of one text field: word stems, compound parts and bigrams, plus glossary words. */
export interface FieldTerms {
  direct: Map<string, number>;
  gloss: Set<string>;
}

const KO_TERMS = new Map<string, { terms: string[]; glossary: number[] }>();

/** Index terms of a Korean stem (itself, its bigrams, its known parts) and glossary terms inside it. */
function koreanTerms(stem: string): { terms: string[]; glossary: number[] } {
  let info = KO_TERMS.get(stem);
  if (info) return info;
  const terms = [`w:${stem}`];
  if (stem.length >= 2) for (const b of bigrams(stem)) terms.push(`b:${b}`);
  const parts = splitCompound(stem);
  if (parts) for (const p of parts) terms.push(`w:${p}`);
  info = { terms, glossary: parts && stem.length >= 3 ? [...glossaryMatches(parts)] : [] };
  if (KO_TERMS.size > 500_000) KO_TERMS.clear();
  KO_TERMS.set(stem, info);
  return info;
}

/** Analyses one field's text (any language) into term frequencies and glossary expansions. */
export function analyzeField(texts: Array<string | undefined>): FieldTerms {
  const direct = new Map<string, number>();
  const bump = (t: string) => direct.set(t, (direct.get(t) ?? 0) + 1);
  const glossEntries = new Set<number>();
  for (const text of texts) {
    if (!text) continue;
    const tokens = tokenize(text);
    for (const tok of tokens) {
      if (tok.script !== 'ko') {
        bump(`w:${tok.stem}`);
        continue;
      }
      const ko = koreanTerms(tok.stem);
      for (const t of ko.terms) bump(t);
      // Korean compounds that contain a glossary term (`음성인식용` holds `음성인식`).
      for (const e of ko.glossary) glossEntries.add(e);
    }
    for (const e of glossaryMatches(tokens.map((t) => t.stem))) glossEntries.add(e);
  }
  const gloss = new Set<string>();
  for (const e of glossEntries) for (const w of GLOSS_WORDS[e]) gloss.add(`w:${w}`);
  return { direct, gloss };
}

// ---- query analysis --------------------------------------------------------------------------

/** One word of a query with the ways a document may match it. */
export interface QueryUnit {
  surface: string;
  script: Script;
  /** The word's own term. */
  term: string;
  /** Known parts of a Korean compound, all of which a document may hold instead. */
  parts: string[] | null;
  /** Hangul bigrams of the stem (Korean words of two or more syllables). */
  bigrams: string[];
  /** Generic catalogue words: they score but are not required. */
  optional: boolean;
}

/** Analyses a user's query into units. */
export function analyzeQuery(q: string): QueryUnit[] {
  const units: QueryUnit[] = [];
  const seen = new Set<string>();
  for (const tok of tokenize(q.slice(0, 500))) {
    const term = `w:${tok.stem}`;
    if (seen.has(term)) continue;
    seen.add(term);
    units.push({
      surface: tok.surface,
      script: tok.script,
      term,
      parts: tok.script === 'ko' ? splitCompound(tok.stem)?.map((p) => `w:${p}`) ?? null : null,
      bigrams: tok.script === 'ko' && tok.stem.length >= 2 ? bigrams(tok.stem).map((b) => `b:${b}`) : [],
      optional: GENERIC.has(term),
    });
    if (units.length >= 12) break;
  }
  return units;
}

/** Glossary entries a query mentions (used to offer the other language's term). */
export function queryGlossaryEntries(q: string): number[] {
  const tokens = tokenize(q.slice(0, 500));
  const hits = glossaryMatches(tokens.map((t) => t.stem));
  for (const tok of tokens) {
    if (tok.script !== 'ko') continue;
    const parts = splitCompound(tok.stem);
    if (parts) for (const e of glossaryMatches(parts)) hits.add(e);
  }
  return [...hits];
}

/** Damerau–Levenshtein distance, giving up (returning max+1) once it exceeds `max`. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const prev2 = new Array<number>(b.length + 1).fill(0);
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prev2[j - 2] + 1);
      cur.push(v);
      rowMin = Math.min(rowMin, v);
    }
    if (rowMin > max) return max + 1;
    for (let j = 0; j <= b.length; j++) prev2[j] = prev[j];
    prev = cur;
  }
  return prev[b.length];
}

// ---- Hangul jamo, for suggestions while a syllable is still being typed -----------------------

const CHO = 'ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ';
const JUNG = 'ㅏㅐㅑㅒㅓㅔㅕㅖㅗㅘㅙㅚㅛㅜㅝㅞㅟㅠㅡㅢㅣ';
const JONG = ['', 'ㄱ', 'ㄲ', 'ㄳ', 'ㄴ', 'ㄵ', 'ㄶ', 'ㄷ', 'ㄹ', 'ㄺ', 'ㄻ', 'ㄼ', 'ㄽ', 'ㄾ', 'ㄿ', 'ㅀ', 'ㅁ', 'ㅂ', 'ㅄ', 'ㅅ', 'ㅆ', 'ㅇ', 'ㅈ', 'ㅊ', 'ㅋ', 'ㅌ', 'ㅍ', 'ㅎ'];

/** Spells Hangul syllables out as jamo (`음성` → `ㅇㅡㅁㅅㅓㅇ`), so `음서` is a prefix of `음성`. */
export function toJamo(text: string): string {
  let out = '';
  // NFC, not NFKC: NFKC would turn typed compatibility jamo (ㅅ) into conjoining ones.
  for (const ch of text.normalize('NFC').toLowerCase()) {
    const code = ch.charCodeAt(0) - 0xac00;
    if (code < 0 || code > 11171) {
      out += ch;
      continue;
    }
    out += CHO[Math.floor(code / 588)] + JUNG[Math.floor((code % 588) / 28)] + JONG[code % 28];
  }
  return out;
}
