// The bilingual glossary as search uses it: finding its terms in analysed words, and what a match
// adds to a document (a concept term, and the words of every synonym as weaker evidence).
import { glossary } from '../taxonomies/glossary';
import { HANGUL, onKoreanAnalyzerChange, splitCompound } from './korean';
import { tokenize } from './tokens';

interface GlossTerm {
  stems: string[];
  entry: number;
}
/** Glossary terms indexed by their first word's stem, for matching word sequences. */
let GLOSS_BY_FIRST = new Map<string, GlossTerm[]>();
/** Every stem of every term of an entry: what a match of the entry adds to a document. */
let GLOSS_WORDS: string[][] = [];

/** Analyses the glossary's terms (again when the Korean analyser changes). */
function build(): void {
  GLOSS_BY_FIRST = new Map();
  GLOSS_WORDS = [];
  glossary.forEach((entry, i) => {
    const words = new Set<string>();
    for (const term of [...entry.ko, ...entry.en]) {
      const stems = tokenize(term).map((t) => t.forms[0]);
      if (!stems.length) continue;
      stems.forEach((s) => words.add(s));
      if (stems.length === 1 && HANGUL.test(stems[0]) && stems[0].length >= 4) splitCompound(stems[0])?.forEach((p) => words.add(p));
      const list = GLOSS_BY_FIRST.get(stems[0]) ?? [];
      list.push({ stems, entry: i });
      GLOSS_BY_FIRST.set(stems[0], list);
    }
    GLOSS_WORDS.push([...words]);
  });
}
build();
onKoreanAnalyzerChange(build);

/** A glossary term found in a sequence of words: words [start, end) are entry `entry`. */
export interface GlossSpan {
  start: number;
  end: number;
  entry: number;
}

/**
 * Glossary terms occurring as whole word sequences; each word is given by its forms (any may match).
 * The longest term wins: in "fraud detection" the word "detection" must not also count as "object
 * detection"'s synonym.
 */
export function glossarySpans(words: ReadonlyArray<readonly string[]>): GlossSpan[] {
  const spans: GlossSpan[] = [];
  for (let i = 0; i < words.length; i++) {
    for (const form of new Set(words[i])) {
      for (const c of GLOSS_BY_FIRST.get(form) ?? []) {
        if (c.stems.every((s, k) => k === 0 || words[i + k]?.includes(s))) spans.push({ start: i, end: i + c.stems.length, entry: c.entry });
      }
    }
  }
  return spans.filter((s) => !spans.some((o) => o.entry !== s.entry && o.start <= s.start && o.end >= s.end && o.end - o.start > s.end - s.start));
}

/** Glossary entries whose terms occur in the words (each word a single stem or its forms). */
export function glossaryMatches(words: ReadonlyArray<string | readonly string[]>): Set<number> {
  return new Set(glossarySpans(words.map((w) => (typeof w === 'string' ? [w] : w))).map((s) => s.entry));
}

/** The words a glossary entry contributes (both languages, all synonyms). */
export function glossaryWords(entry: number): readonly string[] {
  return GLOSS_WORDS[entry];
}

/** The glossary entry itself (for "did you mean" in the other language, and "matched by"). */
export function glossaryEntry(entry: number): { ko: string[]; en: string[] } {
  return glossary[entry];
}

/** The index term standing for a glossary entry's concept (any of its terms, either language). */
export function conceptTerm(entry: number): string {
  return `g:${entry}`;
}
