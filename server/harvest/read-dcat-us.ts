// DCAT-US 1.1 (Project Open Data) `data.json`: a catalog object whose `dataset` array is streamed item by
// item (stream-json: parser → pick `dataset` → streamArray), so memory stays bounded however large the
// catalogue is (docs/harvesting.md "Readers").
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parser } from 'stream-json';
import { pick } from 'stream-json/filters/pick.js';
import { streamArray } from 'stream-json/streamers/stream-array.js';
import { HarvestError } from './errors';
import type { Fetched } from './fetcher';
import { asList, emptyRecord, langOf, str, type RecordSink, type SourceAccess, type SourceRecord } from './record';

const ACCESS: Record<string, SourceAccess> = { public: 'public', 'restricted public': 'restricted', 'non-public': 'non-public' };

/** One DCAT-US dataset object as a SourceRecord. */
export function dcatUsRecord(d: Record<string, unknown>): SourceRecord {
  const r = emptyRecord();
  const languages = asList(d.language).map(str).filter((l): l is string => !!l);
  const lang = languages.length ? langOf(languages[0]) : null;
  r.originalId = str(d.identifier);
  const title = str(d.title);
  if (title) r.titles.push({ lang, text: title });
  const description = str(d.description);
  if (description) r.descriptions.push({ lang, text: description });
  for (const k of asList(d.keyword)) {
    const s = str(k);
    if (s) r.keywords.push({ lang, text: s });
  }
  r.themes = asList(d.theme).map(str).filter((t): t is string => !!t);
  r.languages = languages;
  r.modified = str(d.modified);
  r.issued = str(d.issued);
  const publisher = d.publisher as Record<string, unknown> | undefined;
  r.publisherName = publisher && typeof publisher === 'object' ? str(publisher.name) : null;
  const cp = d.contactPoint as Record<string, unknown> | undefined;
  if (cp && typeof cp === 'object') r.contact = { name: str(cp.fn), email: str(cp.hasEmail)?.replace(/^mailto:/i, '') ?? null };
  const level = str(d.accessLevel)?.toLowerCase();
  r.access = level ? (ACCESS[level] ?? null) : null;
  r.license = str(d.license);
  r.rights = str(d.rights);
  r.landingPage = str(d.landingPage);
  r.spatial = str(d.spatial);
  r.temporal = str(d.temporal);
  for (const dist of asList(d.distribution)) {
    if (!dist || typeof dist !== 'object') continue;
    const o = dist as Record<string, unknown>;
    const url = str(o.downloadURL) ?? str(o.accessURL);
    if (url) r.distributions.push({ url, title: str(o.title), format: str(o.format), mediaType: str(o.mediaType) });
  }
  return r;
}

/** Streams the catalogue's `dataset` array into `sink`; a document without one is `invalid_catalog`. */
export async function readDcatUs(fetched: Fetched, sink: RecordSink): Promise<void> {
  let found = false;
  const seen = new Transform({
    objectMode: true,
    transform(token, _enc, cb) {
      found = true;
      cb(null, token);
    },
  });
  try {
    await pipeline(fetched.body, parser.asStream(), pick.asStream({ filter: 'dataset' }), seen, streamArray.asStream(), async (items: AsyncIterable<{ value: unknown }>) => {
      for await (const { value } of items) {
        if (value && typeof value === 'object' && !Array.isArray(value)) await sink(dcatUsRecord(value as Record<string, unknown>));
        else await sink({ invalid: true, originalId: null });
      }
    });
  } catch (err) {
    if (err instanceof HarvestError) throw err;
    const message = err instanceof Error ? err.message : '';
    if (/Parser cannot parse|unexpected|expected/i.test(message)) throw new HarvestError('invalid_json');
    if (/should be an array/i.test(message)) throw new HarvestError('invalid_catalog');
    throw err;
  } finally {
    fetched.done();
  }
  if (!found) throw new HarvestError('invalid_catalog');
}
