// Autocomplete: titles of visible datasets and glossary terms starting with what was typed, compared
// jamo by jamo with compound vowels and final clusters split, so a half-typed syllable still matches.
import type { Lang } from '../i18n';
import { glossary } from '../taxonomies/glossary';
import { toJamo } from './korean';
import type { CatalogEntry } from './types';
import { entryVisible, type Viewer } from './visibility';

export interface Suggestion {
  text: string;
  lang: Lang;
  kind: 'dataset' | 'term';
  slug?: string;
  translation?: string;
}

const JAMO = new WeakMap<CatalogEntry, { ko: string; en: string }>();
function jamoOf(e: CatalogEntry): { ko: string; en: string } {
  let j = JAMO.get(e);
  if (!j) {
    j = { ko: toJamo(String(e.live.title?.ko ?? '')), en: toJamo(String(e.live.title?.en ?? '')) };
    JAMO.set(e, j);
  }
  return j;
}

let GLOSSARY_TERMS: Array<{ text: string; jamo: string; squashed: string; lang: Lang; translation: string; order: number }> | null = null;
function glossaryTerms() {
  GLOSSARY_TERMS ??= glossary
    .flatMap((entry) => [
      ...entry.ko.map((ko) => ({ text: ko, lang: 'ko' as const, translation: entry.en[0] })),
      ...entry.en.map((en) => ({ text: en, lang: 'en' as const, translation: entry.ko[0] })),
    ])
    .map((t, order) => ({ ...t, jamo: toJamo(t.text), squashed: t.text.replace(/\s+/g, ''), order }));
  return GLOSSARY_TERMS;
}

/** Suggestions for `q` among `entries` the viewer may see, dataset titles first, then glossary terms. */
export function suggestFor(entries: Iterable<CatalogEntry>, q: string, viewer: Viewer, limit = 8): Suggestion[] {
  const typed = toJamo(q.trim());
  if (!typed) return [];
  const out: Array<Suggestion & { rank: number }> = [];
  const wordStarts = (jamo: string) => jamo.startsWith(typed) || jamo.includes(` ${typed}`);
  for (const e of entries) {
    if (!entryVisible(e, viewer)) continue;
    const j = jamoOf(e);
    for (const lang of ['ko', 'en'] as const) {
      if (!wordStarts(j[lang])) continue;
      out.push({ text: String(e.live.title[lang]), lang, kind: 'dataset', slug: e.slug, rank: j[lang].startsWith(typed) ? 0 : 1 });
    }
    if (out.length > 200) break;
  }
  out.sort((a, b) => a.rank - b.rank || a.text.length - b.text.length || (a.text < b.text ? -1 : 1));
  // Shorter terms first; between spellings of one term (`음성 인식`/`음성인식`) the glossary's first.
  const squashedTyped = typed.replace(/ /g, '');
  const terms = glossaryTerms().filter((t) => t.jamo.startsWith(typed) || t.jamo.replace(/ /g, '').startsWith(squashedTyped) || t.jamo.includes(` ${typed}`));
  terms.sort((a, b) => Number(!a.jamo.startsWith(typed)) - Number(!b.jamo.startsWith(typed)) || a.squashed.length - b.squashed.length || a.order - b.order);
  const picked: Suggestion[] = out.slice(0, limit - Math.min(3, terms.length)).map(({ rank: _rank, ...s }) => s);
  const squash = (text: string) => text.replace(/\s+/g, '').toLowerCase();
  for (const t of terms) {
    if (picked.length >= limit) break;
    // `음성인식` and `음성 인식` are one suggestion.
    if (picked.some((p) => squash(p.text) === squash(t.text))) continue;
    picked.push({ text: t.text, lang: t.lang, kind: 'term', translation: t.translation });
  }
  return picked;
}
