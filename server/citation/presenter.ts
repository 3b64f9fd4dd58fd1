// The "Cite this dataset" summary: every format of one version at once, for the dataset page.
import type { Locale } from '../../schemas/taxonomy';
import { apaEnglish, apaKorean, bibtex, cslJson, ris } from './formats';
import { versionUrl, type CitationSource } from './model';

/** The summary of `GET /datasets/{id}/citation` (no `format`): BibTeX, RIS and CSL-JSON in `lang`, APA in both. */
export function presentCitation(src: CitationSource, lang: Locale) {
  return {
    version: src.version,
    versions: src.versions.map((v) => ({ version: v.version, publishedAt: v.publishedAt.toISOString() })),
    url: versionUrl(src.baseUrl, src.slug, src.version),
    doi: null,
    formats: { apa: { ko: apaKorean(src), en: apaEnglish(src) }, bibtex: bibtex(src, lang), ris: ris(src, lang), cslJson: cslJson(src, lang) },
  };
}
