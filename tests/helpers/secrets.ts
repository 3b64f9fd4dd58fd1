// Secret words for confidentiality property tests: random, never real words, so that finding one in
// a response means it came from the document that holds it. Leaks are looked for by prefix (a
// typo correction or a suggestion may carry a stem or the start of a word, not the whole word).
import fc from 'fast-check';

// Consonant-heavy Latin words stay unstemmed and never meet a glossary word.
const LATIN = 'bcdfghjkmnpqrstvwxz';
// Rare Hangul syllables: no Korean word or particle of the catalogue is made of them.
const HANGUL = ['뷁', '쀍', '꿻', '뙑', '쮋', '뽧', '퉯', '쒧', '흌', '뀷', '쭯', '뜳', '횱', '쌻', '뭶', '챯'];

export interface SecretWords {
  /** e.g. `zqkdfhtrwm`. */
  en: string;
  /** e.g. `뷁쮋흌`. */
  ko: string;
}

/** An arbitrary pair of secret words (one Latin, one Hangul). */
export const secretWordsArb: fc.Arbitrary<SecretWords> = fc.record({
  en: fc.array(fc.constantFrom(...LATIN), { minLength: 8, maxLength: 10 }).map((cs) => `zq${cs.join('')}`),
  ko: fc.array(fc.constantFrom(...HANGUL), { minLength: 3, maxLength: 4 }).map((cs) => cs.join('')),
});

/** What betrays a secret word in a response: its first six Latin letters or first two syllables. */
export function tellTales(words: SecretWords): string[] {
  return [words.en.slice(0, 6), words.ko.slice(0, 2)];
}

/** Would a tell-tale of `a` show up inside the words of `b` (so that seeing it proves nothing)? */
export function sharesTellTale(a: SecretWords, b: SecretWords): boolean {
  return tellTales(a).some((t) => b.en.includes(t) || b.ko.includes(t) || misspell(b.en).includes(t));
}

/** The word with one letter changed (a typo a searcher might make). */
export function misspell(word: string): string {
  const i = word.length - 2;
  const replacement = word[i] === 'b' ? 'c' : 'b';
  return word.slice(0, i) + replacement + word.slice(i + 1);
}

/**
 * The tell-tales of `hidden` secrets found in `text` once the caller's own input (`echoes`: the
 * queries and paths it sent, which responses may repeat) is taken out.
 */
export function leaks(text: string, hidden: SecretWords[], echoes: string[]): string[] {
  let rest = text;
  for (const e of [...echoes].sort((a, b) => b.length - a.length)) {
    if (!e) continue;
    rest = rest.split(e).join('');
    rest = rest.split(encodeURIComponent(e)).join('');
  }
  return hidden.flatMap(tellTales).filter((t) => rest.includes(t));
}
