// Text analysis shared by search, suggestions and partner matching (docs/search.md): a document
// field becomes weighted terms, a query becomes units with the ways a document may match each.
// Terms are prefixed: `w:` a word form, `b:` a Hangul syllable bigram, `g:` a glossary concept,
// `x:` a word of a glossary synonym (weak evidence: "detection" of "object detection").
import { conceptTerm, glossaryMatches, glossarySpans, glossaryWords } from './glossary-terms';
import { bigrams, onKoreanAnalyzerChange, splitCompound } from './korean';
import { tokenize, type Script, type Token } from './tokens';

export { glossaryEntry, glossaryMatches, glossaryWords } from './glossary-terms';
export { bigrams, splitCompound, stemKo, toJamo } from './korean';
export { stemEn } from './english';
export { normalize, tokenize, type Script, type Token } from './tokens';

/**
 * Words that describe nearly every entry of a data catalogue; they still score, but a query does not
 * need them to match (a search for "음성 데이터" must not demand the word "데이터").
 */
const GENERIC = new Set(['w:data', 'w:dataset', 'w:데이터', 'w:데이터셋', 'w:자료', 'w:세트']);

// ---- document analysis -----------------------------------------------------------------------

/** Term frequencies of one text field, and the glossary terms (concepts, synonym words) it adds. */
export interface FieldTerms {
  direct: Map<string, number>;
  gloss: Set<string>;
}

const KO_TERMS = new Map<string, { terms: string[]; glossary: number[] }>();
onKoreanAnalyzerChange(() => KO_TERMS.clear());

/**
 * Index terms of a Korean word (each form, the syllable bigrams of its longest form — so `평가` is
 * found inside `품질평가` — and its known parts) and the glossary terms inside it.
 */
function koreanTerms(tok: Token): { terms: string[]; glossary: number[] } {
  const key = tok.forms.join('|');
  let info = KO_TERMS.get(key);
  if (info) return info;
  const terms = tok.forms.map((f) => `w:${f}`);
  const longest = tok.forms[0];
  if (longest.length >= 2) for (const b of bigrams(longest)) terms.push(`b:${b}`);
  const parts = splitCompound(longest) ?? (tok.stem !== longest ? splitCompound(tok.stem) : null);
  if (parts) for (const p of parts) terms.push(`w:${p}`);
  info = { terms: [...new Set(terms)], glossary: parts && longest.length >= 3 ? [...glossaryMatches(parts)] : [] };
  if (KO_TERMS.size > 500_000) KO_TERMS.clear();
  KO_TERMS.set(key, info);
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
      const ko = koreanTerms(tok);
      for (const t of ko.terms) bump(t);
      // Korean compounds that contain a glossary term (`음성인식용` holds `음성인식`).
      for (const e of ko.glossary) glossEntries.add(e);
    }
    for (const e of glossaryMatches(tokens.map((t) => t.forms))) glossEntries.add(e);
  }
  const gloss = new Set<string>();
  for (const e of glossEntries) {
    gloss.add(conceptTerm(e));
    for (const w of glossaryWords(e)) gloss.add(`x:${w}`);
  }
  return { direct, gloss };
}

// ---- query analysis --------------------------------------------------------------------------

/** One word of a query with the ways a document may match it. */
export interface QueryUnit {
  surface: string;
  script: Script;
  /** The word's own term (its longest form). */
  term: string;
  /** Every form of the word (`w:`), the longest first: a document holding any of them matches. */
  terms: string[];
  /** Known parts of a Korean compound, all of which a document may hold instead. */
  parts: string[] | null;
  /** Hangul bigrams of the word (Korean words of two or more syllables). */
  bigrams: string[];
  /** Glossary concepts (`g:`) of the query's glossary terms this word belongs to. */
  concepts: string[];
  /** Glossary entries behind `concepts` (to say which term matched). */
  entries: number[];
  /** Generic catalogue words: they score but are not required. */
  optional: boolean;
}

/** Analyses a user's query into units. */
export function analyzeQuery(q: string): QueryUnit[] {
  const tokens = tokenize(q.slice(0, 500));
  const spans = glossarySpans(tokens.map((t) => t.forms));
  const units: QueryUnit[] = [];
  const seen = new Set<string>();
  tokens.forEach((tok, i) => {
    const term = `w:${tok.forms[0]}`;
    if (seen.has(term) || units.length >= 12) return;
    seen.add(term);
    const ko = tok.script === 'ko';
    const entries = new Set(spans.filter((s) => s.start <= i && i < s.end).map((s) => s.entry));
    // A compound naming a glossary term by itself (`음성인식`) means that concept too.
    const parts = ko ? splitCompound(tok.forms[0]) : null;
    if (parts) for (const e of glossaryMatches(parts)) entries.add(e);
    units.push({
      surface: tok.surface,
      script: tok.script,
      term,
      terms: tok.forms.map((f) => `w:${f}`),
      parts: parts?.map((p) => `w:${p}`) ?? null,
      bigrams: ko && tok.stem.length >= 2 ? bigrams(tok.stem).map((b) => `b:${b}`) : [],
      concepts: [...entries].map(conceptTerm),
      entries: [...entries],
      optional: GENERIC.has(term),
    });
  });
  return units;
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
