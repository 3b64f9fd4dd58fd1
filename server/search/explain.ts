// Why a result matched: highlight ranges in its texts, a description snippet when the match is not in
// the title or summary, and a "matched by" note per query word (glossary term, typo, keyword…).
import type { Lang } from '../i18n';
import { glossaryEntry, tokenize, type QueryUnit } from './analyze';
import { fieldTexts } from './entry';
import { glossarySpans } from './glossary-terms';
import { HANGUL } from './korean';
import type { CatalogEntry, Via } from './types';

/** Terms of the other language for a query's glossary words ("no results? try 의료영상"), from its analysed units. */
export function otherLanguageTerms(q: string, units: QueryUnit[]): Array<{ text: string; lang: Lang }> {
  const hangul = HANGUL.test(q);
  const latin = /[a-z]/i.test(q);
  const out: Array<{ text: string; lang: Lang }> = [];
  for (const e of new Set(units.flatMap((u) => u.entries))) {
    const entry = glossaryEntry(e);
    if (hangul || !latin) out.push({ text: entry.en[0], lang: 'en' });
    if (latin || !hangul) out.push({ text: entry.ko[0], lang: 'ko' });
  }
  return out.filter((t, i) => out.findIndex((o) => o.text === t.text) === i).slice(0, 6);
}

/** The word forms a query's units stand for, and its glossary entries. */
function queryStems(units: QueryUnit[]): { stems: Set<string>; entries: Set<number>; koTerms: string[] } {
  const stems = new Set<string>();
  const entries = new Set<number>();
  for (const u of units) {
    for (const t of u.terms) stems.add(t.slice(2));
    for (const p of u.parts ?? []) stems.add(p.slice(2));
    for (const e of u.entries) entries.add(e);
  }
  // Korean glossary terms are also found inside compounds (`음성인식용`).
  const koTerms = [...entries].flatMap((e) => glossaryEntry(e).ko.map((t) => t.replace(/\s+/g, ''))).filter((w) => HANGUL.test(w) && w.length >= 2);
  return { stems, entries, koTerms };
}

/**
 * Character ranges of a text to highlight for a query: its words and compound parts, Korean words
 * holding them, and the whole of each glossary term of the query found in the text ("drive" for
 * 주행, not every word of that entry's synonyms).
 */
export function highlightRanges(text: string, units: QueryUnit[]): Array<[number, number]> {
  if (!units.length || !text) return [];
  const { stems, entries, koTerms } = queryStems(units);
  const koStems = [...stems].filter((s) => HANGUL.test(s) && s.length >= 2).concat(koTerms);
  const tokens = tokenize(text);
  const marked = new Uint8Array(tokens.length);
  for (const span of glossarySpans(tokens.map((t) => t.forms))) if (entries.has(span.entry)) marked.fill(1, span.start, span.end);
  const ranges: Array<[number, number]> = [];
  tokens.forEach((tok, i) => {
    let hit = marked[i] === 1 || tok.forms.some((f) => stems.has(f));
    if (!hit && tok.script === 'ko') hit = koStems.some((s) => tok.forms[0].includes(s));
    if (hit) ranges.push([tok.start, tok.end]);
  });
  return ranges;
}

type Bi = { ko?: string; en?: string } | undefined;
const SNIPPET_BEFORE = 40;
const SNIPPET_LENGTH = 160;

/** A stretch of the description around its first match, for results whose title and summary show none. */
export function snippetOf(entry: CatalogEntry, units: QueryUnit[], lang: Lang): { lang: Lang; text: string; ranges: Array<[number, number]> } | null {
  const description = entry.live.description as Bi;
  for (const l of [lang, lang === 'ko' ? 'en' : 'ko'] as const) {
    const text = description?.[l];
    if (!text) continue;
    const ranges = highlightRanges(text, units);
    if (!ranges.length) continue;
    let start = Math.max(0, ranges[0][0] - SNIPPET_BEFORE);
    // Start at a word boundary, and never inside a surrogate pair.
    if (start > 0) start = text.lastIndexOf(' ', start) + 1;
    const end = Math.min(text.length, start + SNIPPET_LENGTH);
    const inside = ranges.filter(([a, b]) => a >= start && b <= end).map(([a, b]) => [a - start, b - start] as [number, number]);
    const lead = start > 0 ? '…' : '';
    return { lang: l, text: `${lead}${text.slice(start, end)}${end < text.length ? '…' : ''}`, ranges: inside.map(([a, b]) => [a + lead.length, b + lead.length]) };
  }
  return null;
}

/** How one query word matched a result, as the API reports it. */
export interface MatchNote {
  word: string;
  via: Via;
  /** The glossary term (in the reader's language) or corrected word it matched through. */
  term?: string;
  /** Where the word was found when the result's title, summary and snippet do not show it. */
  field?: 'keywords' | 'tags';
}

const HIGHLIGHTED = [
  ['title', 'ko'],
  ['title', 'en'],
  ['summary', 'ko'],
  ['summary', 'en'],
] as const;

/** Highlight ranges of an entry's title and summary, keyed `title.ko`, `summary.en`, …. */
export function highlightsOf(entry: CatalogEntry, units: QueryUnit[]): Record<string, Array<[number, number]>> {
  const out: Record<string, Array<[number, number]>> = {};
  for (const [field, lang] of HIGHLIGHTED) {
    const text = (entry.live[field] as Bi)?.[lang];
    if (!text) continue;
    const ranges = highlightRanges(text, units);
    if (ranges.length) out[`${field}.${lang}`] = ranges;
  }
  return out;
}

/**
 * Why a result matched: highlights of its title and summary, a description snippet when the reader's
 * language shows none there, and one note per matched query word — through which glossary term or
 * typo correction, or in which field when no shown text holds the word.
 */
export function explainHit(entry: CatalogEntry, units: QueryUnit[], vias: Array<Via | null>, corrections: Array<{ from: string; to: string }>, lang: Lang) {
  const highlights = highlightsOf(entry, units);
  const shownText = [highlights[`title.${lang}`], highlights[`summary.${lang}`]].some(Boolean);
  const snippet = shownText ? null : snippetOf(entry, units, lang);
  const texts = fieldTexts(entry);
  const shown = [...texts.title, ...texts.summary, snippet?.text ?? ''].join(' ');
  const keywords = texts.keywords.join(' · ');
  const matchedBy: MatchNote[] = [];
  units.forEach((u, k) => {
    const via = vias[k];
    if (!via) return;
    const note: MatchNote = { word: u.surface, via };
    if (via === 'glossary' && u.entries.length) {
      const e = glossaryEntry(u.entries[0]);
      note.term = `${e[lang][0]} / ${e[lang === 'ko' ? 'en' : 'ko'][0]}`;
    }
    if (via === 'typo') note.term = corrections.find((c) => c.from === u.surface)?.to;
    if (via === 'word' || via === 'part' || via === 'ngram') {
      if (!highlightRanges(shown, [u]).length) note.field = highlightRanges(keywords, [u]).length ? 'keywords' : 'tags';
    }
    matchedBy.push(note);
  });
  return { highlights, ...(snippet ? { snippet } : {}), matchedBy };
}
