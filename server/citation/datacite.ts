// DataCite metadata of one dataset version, in the JSON shape of the DataCite REST API's
// `data.attributes` (docs/citations.md "DataCite"): what a DOI registration would send, checked
// against schemas/datacite.ts. No DOI is minted, so `doi` is absent and the identifier is our URL. Pure.
import { LICENSES, labelOf, type Locale } from '../../schemas/taxonomy';
import { isoDate, licenseUrl } from '../interop/common';
import { authorOf, REPOSITORY, shownLang, titleOf } from './csl';
import { conceptUrl, versionUrl, type CitationSource } from './model';

/** Scheme names of the technology-area subjects (their codes are `classificationCode`). */
export const SUBJECT_SCHEMES = {
  kr: { scheme: 'Korea 12 National Strategic Technologies', taxonomy: 'krTechnologies' },
  us: { scheme: 'US Critical and Emerging Technologies (NSTC 2024)', taxonomy: 'usCetAreas' },
} as const;

const SPDX = 'https://spdx.org/licenses/';

type Obj = Record<string, unknown>;
const LANGS: Locale[] = ['ko', 'en'];

function rightsOf(license: { id?: string; url?: string } | undefined, lang: Locale): Obj[] {
  if (!license?.id) return [];
  const known = LICENSES.find((l) => l.code === license.id);
  const right: Obj = { rights: labelOf('licenses', license.id, lang), lang };
  const uri = licenseUrl(license);
  if (uri) right.rightsUri = uri;
  if (known?.family === 'cc') Object.assign(right, { rightsIdentifier: license.id, rightsIdentifierScheme: 'SPDX', schemeUri: SPDX });
  // KOGL types are not in the SPDX list: their code identifies them, their page is the URI.
  else if (known?.family === 'kogl') right.rightsIdentifier = license.id;
  return [right];
}

function sizesOf(size: { records?: number; bytes?: number; hours?: number } | undefined): string[] {
  if (!size) return [];
  const out: string[] = [];
  if (typeof size.records === 'number') out.push(`${size.records} records`);
  if (typeof size.bytes === 'number') out.push(`${size.bytes} bytes`);
  if (typeof size.hours === 'number') out.push(`${size.hours} hours`);
  return out;
}

function subjectsOf(src: CitationSource, lang: Locale): Obj[] {
  const c = src.content;
  const keywords = LANGS.flatMap((l) => ((c.keywords?.[l] ?? []) as string[]).map((k) => ({ subject: k, lang: l })));
  const areas = (['kr', 'us'] as const).flatMap((side) =>
    ((c.techAreas?.[side] ?? []) as string[]).map((code) => ({
      subject: labelOf(SUBJECT_SCHEMES[side].taxonomy, code, lang),
      subjectScheme: SUBJECT_SCHEMES[side].scheme,
      classificationCode: code,
      lang,
    })),
  );
  return [...keywords, ...areas];
}

function relatedOf(src: CitationSource): Obj[] {
  const url = (v: number) => ({ relatedIdentifier: versionUrl(src.baseUrl, src.slug, v), relatedIdentifierType: 'URL', resourceTypeGeneral: 'Dataset' });
  const at = src.versions.findIndex((v) => v.version === src.version);
  const out: Obj[] = [{ relatedIdentifier: conceptUrl(src.baseUrl, src.slug), relatedIdentifierType: 'URL', relationType: 'IsVersionOf', resourceTypeGeneral: 'Dataset' }];
  if (at > 0) out.push({ ...url(src.versions[at - 1].version), relationType: 'IsNewVersionOf' });
  if (at >= 0 && at < src.versions.length - 1) out.push({ ...url(src.versions[at + 1].version), relationType: 'IsPreviousVersionOf' });
  return out;
}

/** The DataCite attributes of the cited version; `lang` orders titles and labels (both languages are given). */
export function dataciteAttributes(src: CitationSource, lang: Locale): Obj {
  const c = src.content;
  const other: Locale = lang === 'en' ? 'ko' : 'en';
  const url = versionUrl(src.baseUrl, src.slug, src.version);
  const titles: Obj[] = [{ title: titleOf(src, lang), lang: shownLang(c.title, lang) }];
  if (c.title?.[lang] && c.title?.[other]) titles.push({ title: c.title[other], titleType: 'TranslatedTitle', lang: other });
  const provider = authorOf(src, lang);
  const providerLang = shownLang(src.provider?.name, lang);
  const contributors: Obj[] = [];
  if (c.contact?.name) {
    contributors.push({ name: c.contact.name, nameType: 'Personal', contributorType: 'ContactPerson', affiliation: [{ name: provider }] });
  }
  contributors.push({ name: REPOSITORY, nameType: 'Organizational', contributorType: 'HostingInstitution' });
  const first = src.versions[0]?.publishedAt ?? src.publishedAt;
  const dates: Obj[] = [{ date: isoDate(first), dateType: 'Issued' }];
  if (src.version > 1) dates.push({ date: isoDate(src.publishedAt), dateType: 'Updated' });
  const descriptions = LANGS.map((l) => ({ l, text: (c.description?.[l] as string | undefined) ?? (c.summary?.[l] as string | undefined) }))
    .filter((d) => d.text)
    .map((d) => ({ description: d.text, descriptionType: 'Abstract', lang: d.l }));
  const modalities = ((c.modalities ?? []) as string[]).map((m) => labelOf('modalities', m, 'en'));
  const out: Obj = {
    url,
    identifiers: [{ identifier: url, identifierType: 'URL' }],
    alternateIdentifiers: [{ alternateIdentifier: url, alternateIdentifierType: 'URL' }],
    creators: [{ name: provider, nameType: 'Organizational', lang: providerLang }],
    titles,
    publisher: { name: provider, lang: providerLang },
    publicationYear: String(src.publishedAt.getUTCFullYear()),
    types: { resourceTypeGeneral: 'Dataset', resourceType: modalities.length ? `Dataset: ${modalities.join(', ')}` : 'Dataset' },
    subjects: subjectsOf(src, lang),
    contributors,
    dates,
    relatedIdentifiers: relatedOf(src),
    sizes: sizesOf(c.size),
    formats: (c.formats ?? []) as string[],
    version: String(src.version),
    rightsList: rightsOf(c.license, lang),
    descriptions,
    schemaVersion: 'http://datacite.org/schema/kernel-4',
  };
  const language = (c.languages ?? [])[0] as string | undefined;
  if (language) out.language = language;
  return out;
}
