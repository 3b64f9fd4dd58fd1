// The citation formats of one dataset version (docs/citations.md). APA in English and RIS are
// rendered by citation-js from the CSL-JSON item, with the corrections noted at each; the Korean
// APA-like form and BibTeX are written here, for the reasons given at each. Pure.
import { Cite, plugins } from '@citation-js/core';
import '@citation-js/plugin-csl';
import '@citation-js/plugin-ris';
import type { Locale } from '../../schemas/taxonomy';
import { authorOf, citationKey, cslItem, REPOSITORY, titleOf, type CslItem } from './csl';
import { versionUrl, type CitationSource } from './model';

/** Format names of `?format=`, with the media type and file extension of each. */
export const CITATION_FORMATS = {
  apa: { mediaType: 'text/plain; charset=utf-8', ext: 'txt' },
  bibtex: { mediaType: 'application/x-bibtex; charset=utf-8', ext: 'bib' },
  ris: { mediaType: 'application/x-research-info-systems; charset=utf-8', ext: 'ris' },
  'csl-json': { mediaType: 'application/vnd.citationstyles.csl+json; charset=utf-8', ext: 'json' },
} as const;
export type CitationFormat = keyof typeof CITATION_FORMATS;
export const CITATION_FORMAT_NAMES = Object.keys(CITATION_FORMATS) as CitationFormat[];

// plugin-csl registers the APA template and the en-US locale at import; nothing else is loaded.
void plugins;

/**
 * APA 7 reference in English, rendered by citation-js's APA CSL style. Two corrections to its input:
 * its style labels datasets "[Dataset]" while the APA manual writes "[Data set]" (a `genre` overrides
 * the label); and it prints both `publisher` and `archive`, repeating the author when the provider
 * publishes its own data, where APA omits a publisher that is the author and names the repository.
 */
export function apaEnglish(src: CitationSource): string {
  const { archive, ...item } = cslItem(src, 'en');
  const apaItem = { ...item, publisher: archive, genre: 'Data set' };
  return new Cite([apaItem]).format('bibliography', { format: 'text', template: 'apa', lang: 'en-US' }).trim();
}

/**
 * The Korean APA-like reference, written by hand: citation-js has no maintained Korean APA style.
 * `저자. (연도). 제목 (버전 n) [데이터셋]. K–US Data Bridge. URL` — the English form's order and
 * punctuation with Korean labels (docs/citations.md).
 */
export function apaKorean(src: CitationSource): string {
  const year = src.publishedAt.getUTCFullYear();
  const author = authorOf(src, 'ko');
  // An author ending in a full stop ("Acme Inc.") is not given a second one, as APA does.
  return `${author.endsWith('.') ? author : `${author}.`} (${year}). ${titleOf(src, 'ko')} (버전 ${src.version}) [데이터셋]. ${REPOSITORY}. ${versionUrl(src.baseUrl, src.slug, src.version)}`;
}

/** The APA-like reference in `lang`. */
export function apa(src: CitationSource, lang: Locale): string {
  return lang === 'ko' ? apaKorean(src) : apaEnglish(src);
}

/** Escapes the characters TeX reads as commands in a BibTeX field value. */
export function texEscape(s: string): string {
  return s.replace(/[\\{}&%$#_^~]/g, (c) => (c === '\\' ? '\\textbackslash{}' : c === '^' ? '\\^{}' : c === '~' ? '\\~{}' : `\\${c}`));
}

/**
 * BibTeX, written by hand. citation-js 0.8's BibTeX output drops every Hangul character by default
 * (`asciiOnly`: a Korean title became `{   }` and the key `undefined2025undefined`), and with that
 * option off it leaves `&`, `%` and `_` unescaped, so a title could comment out the rest of its
 * line. Classic BibTeX has no dataset type: `@misc`, the version in `version` (biblatex reads it),
 * the repository in `howpublished` (which plain BibTeX styles print), UTF-8 kept.
 */
export function bibtex(src: CitationSource, lang: Locale): string {
  const item = cslItem(src, lang);
  const fields: Array<[string, string]> = [
    ['author', `{${texEscape(item.author[0].literal)}}`],
    ['title', `{${texEscape(item.title)}}`],
    ['year', String(item.issued['date-parts'][0][0])],
    ['version', item.version],
    ['publisher', texEscape(item.publisher)],
    ['howpublished', texEscape(REPOSITORY)],
    ['url', item.URL],
    ['urldate', isoDay(src.accessed)],
  ];
  return `@misc{${citationKey(src)},\n${fields.map(([k, v]) => `  ${k} = {${v}},`).join('\n')}\n}\n`;
}

function isoDay(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/**
 * RIS (type DATA), rendered by citation-js from the CSL item, with three corrections: RIS dates are
 * `YYYY/MM/DD/` with two-digit month and day, which citation-js leaves unpadded (`2026/12/1/`); it
 * drops CSL `archive`, which RIS carries as DP (database provider); and it mangles some ids in ID
 * (`acme-robot-grasping-v1` came out as `acme-robot-grasping-`), so ID is written from the key.
 */
export function ris(src: CitationSource, lang: Locale): string {
  const text = new Cite([cslItem(src, lang)]).format('ris').replace(/\r?\n/g, '\n');
  const padded = text.replace(/^(DA|Y2|PY) {2}- (\d{4})\/(\d{1,2})\/(\d{1,2})\//gm, (_m, tag: string, y: string, m: string, d: string) => `${tag}  - ${y}/${m.padStart(2, '0')}/${d.padStart(2, '0')}/`);
  return padded
    .replace(/^ID {2}-.*$/m, `ID  - ${citationKey(src)}`)
    .replace(/^ER {2}-.*$/m, `DP  - ${REPOSITORY}\nER  - `)
    .replace(/\n*$/, '\n');
}

/** CSL-JSON: an array holding the one item (the shape citation processors read). */
export function cslJson(src: CitationSource, lang: Locale): CslItem[] {
  return [cslItem(src, lang)];
}
