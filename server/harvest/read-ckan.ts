// CKAN's action API `package_search` (docs/harvesting.md "Readers"): pages of PAGE_ROWS records asked
// with `rows`/`start` until `result.count` is reached, at most `maxPages` pages (a source that keeps
// paging fails the run with `too_many_pages`, and nothing is withdrawn).
import type { HarvestConfig } from '../infra/config';
import { HarvestError } from './errors';
import { fetchDocument, readJson } from './fetcher';
import { asList, emptyRecord, langOf, str, type RecordSink, type SourceAccess, type SourceRecord } from './record';

/** Records asked per page. */
export const PAGE_ROWS = 100;

type Obj = Record<string, unknown>;

/** One CKAN package as a SourceRecord. */
export function ckanRecord(p: Obj): SourceRecord {
  const r = emptyRecord();
  const extras = new Map<string, string>();
  for (const e of asList(p.extras)) {
    if (e && typeof e === 'object') {
      const k = str((e as Obj).key);
      const v = str((e as Obj).value);
      if (k && v) extras.set(k.toLowerCase(), v);
    }
  }
  const language = extras.get('language') ?? str(p.language);
  const lang = language ? langOf(language) : null;
  r.originalId = str(p.id) ?? str(p.name);
  const title = str(p.title) ?? str(p.name);
  if (title) r.titles.push({ lang, text: title });
  const notes = str(p.notes);
  if (notes) r.descriptions.push({ lang, text: notes });
  for (const t of asList(p.tags)) {
    const name = t && typeof t === 'object' ? str((t as Obj).display_name) ?? str((t as Obj).name) : str(t);
    if (name) r.keywords.push({ lang, text: name });
  }
  r.themes = asList(p.groups).map((g) => (g && typeof g === 'object' ? str((g as Obj).title) ?? str((g as Obj).name) : null)).filter((g): g is string => !!g);
  if (language) r.languages = [language];
  r.modified = str(p.metadata_modified);
  r.issued = str(p.metadata_created);
  const org = p.organization as Obj | null | undefined;
  r.publisherName = org && typeof org === 'object' ? str(org.title) ?? str(org.name) : null;
  const author = str(p.maintainer) ?? str(p.author);
  const email = str(p.maintainer_email) ?? str(p.author_email);
  if (author || email) r.contact = { name: author, email };
  r.private = p.private === true;
  const level = (extras.get('accesslevel') ?? extras.get('access_level'))?.toLowerCase();
  const levels: Record<string, SourceAccess> = { public: 'public', 'restricted public': 'restricted', 'non-public': 'non-public' };
  r.access = level ? (levels[level] ?? null) : 'public';
  r.license = str(p.license_url) ?? str(p.license_id);
  r.landingPage = str(p.url);
  r.spatial = extras.get('spatial_text') ?? null;
  for (const res of asList(p.resources)) {
    if (!res || typeof res !== 'object') continue;
    const o = res as Obj;
    const url = str(o.url);
    if (url) r.distributions.push({ url, title: str(o.name), format: str(o.format), mediaType: str(o.mimetype) });
  }
  return r;
}

/** The URL of one page: the source URL with `rows` and `start` set. */
export function pageUrl(base: string, start: number): string {
  const url = new URL(base);
  url.searchParams.set('rows', String(PAGE_ROWS));
  url.searchParams.set('start', String(start));
  return url.toString();
}

/** Reads every page of a CKAN package_search into `sink`. */
export async function readCkan(sourceUrl: string, cfg: HarvestConfig, sink: RecordSink): Promise<void> {
  let start = 0;
  for (let page = 0; ; page++) {
    if (page >= cfg.maxPages) throw new HarvestError('too_many_pages', { max: cfg.maxPages });
    const outcome = await fetchDocument(pageUrl(sourceUrl, start), cfg, null);
    if (outcome.notModified) throw new HarvestError('http_status', { status: 304 });
    const body = (await readJson(outcome)) as Obj | null;
    const result = body && typeof body === 'object' ? (body.result as Obj | undefined) : undefined;
    if (!result || typeof result !== 'object' || !Array.isArray(result.results) || body?.success === false) throw new HarvestError('invalid_catalog');
    const results = result.results as unknown[];
    for (const p of results) {
      if (p && typeof p === 'object' && !Array.isArray(p)) await sink(ckanRecord(p as Obj));
      else await sink({ invalid: true, originalId: null });
    }
    start += results.length;
    const count = typeof result.count === 'number' ? result.count : 0;
    if (results.length === 0 || start >= count) return;
  }
}
