// English word analysis: British spellings folded into American ones, then the Porter stemmer, so
// labelling/labeled/label, behaviour/behavior and utilisation/utilization meet (docs/search.md).
import { createRequire } from 'node:module';
import { stemmer } from 'stemmer';

const require = createRequire(import.meta.url);
/** British → American spellings of whole words (about 1,700 entries, a maintained word list). */
const BRITISH: Record<string, string> = require('american-british-english-translator/data/british_spellings.json');
// Entries that are also ordinary words on the other side of the Atlantic (the plural noun
// `analyses` is not the verb `analyzes`).
for (const w of ['analyses', 'programme', 'programmes']) delete BRITISH[w];

/**
 * Technical words the list does not hold (pseudonymised, diarisation, tokenising): -is- becomes -iz-
 * after the consonants the -ize verbs use, except in words that are spelled -ise everywhere.
 */
const ISE = /^(.{3,}[lmnrtd])is(e|es|ed|ing|ation|ations|er|ers)$/;
const ISE_EVERYWHERE_ENDINGS = ['promis', 'premis', 'compromis', 'surpris', 'enterpris', 'compris', 'sunris', 'expertis', 'advertis', 'chastis', 'treatis', 'merchandis', 'paradis', 'despis', 'disguis', 'franchis', 'concis', 'precis', 'exercis', 'improvis', 'supervis', 'televis', 'otherwis', 'likewis', 'clockwis'];
const ISE_EVERYWHERE_WORDS = new Set(['aris', 'demis', 'chemis', 'advis', 'revis', 'devis', 'nois', 'rais', 'prais', 'pois']);

/** Plurals the stemmer cannot see through. */
const IRREGULAR: Record<string, string> = { corpora: 'corpus', analyses: 'analysis', criteria: 'criterion', phenomena: 'phenomenon', indices: 'index', matrices: 'matrix', vertices: 'vertex' };

/** Words the stemmer would merge with another word (news → new) or cut badly (embed → emb). */
const KEEP = new Set(['news', 'data', 'series', 'species', 'lidar', 'radar', 'sonar', 'embed']);

/** The American spelling of an English word (lower case in, lower case out). */
export function americanSpelling(word: string): string {
  const listed = BRITISH[word] ?? (word.endsWith('s') && BRITISH[word.slice(0, -1)] ? `${BRITISH[word.slice(0, -1)]}s` : undefined);
  if (listed) return listed;
  const m = ISE.exec(word);
  if (!m) return word;
  const stem = `${m[1]}is`;
  if (ISE_EVERYWHERE_WORDS.has(stem) || ISE_EVERYWHERE_ENDINGS.some((e) => stem.endsWith(e))) return word;
  return `${m[1]}iz${m[2]}`;
}

/** The stem of an English word: American spelling, then Porter. */
export function stemEn(word: string): string {
  if (word.length <= 3 || KEEP.has(word)) return word;
  const w = IRREGULAR[word] ?? americanSpelling(word);
  return KEEP.has(w) ? w : stemmer(w);
}
