// Public documents outside /api/v1: the DCAT-US and DCAT catalogues harvesters expect at the site
// root, and the browsable API reference (Swagger UI served from node_modules, no CDN). Both
// catalogues come from the process's catalogue index (source.ts), not from database scans.
import type { Express, Request, Response } from 'express';
import type { TFunction } from 'i18next';
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import path from 'node:path';
import { depsOf } from '../http/deps';
import { intQuery } from '../http/route';
import { translator } from '../i18n';
import { datasetStore } from '../datasets/store';
import { catalogIndex } from '../search/registry';
import type { CatalogEntry } from '../search/types';
import type { Logger } from 'pino';
import { dcatCatalogPage, DCAT_DEFAULT_PAGE_SIZE } from './dcat';
import { dcatUsCatalog, dcatUsDataset, type DcatUsOptions } from './dcat-us';
import { ANONYMOUS, exportEntry, publicCatalogPage, publicEntries } from './source';

// Only the files the page loads; the rest of the package stays unpublished.
const DOCS_ASSETS = new Set(['swagger-ui.css', 'swagger-ui-bundle.js']);
const SWAGGER_DIR = path.dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));

// The reference page: no inline script (the app's CSP forbids it), so the initializer is a file.
const DOCS_HTML = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>K–US Data Bridge API</title>
    <link rel="stylesheet" href="/api/docs/assets/swagger-ui.css" />
  </head>
  <body>
    <div id="swagger-ui"></div>
    <script src="/api/docs/assets/swagger-ui-bundle.js"></script>
    <script src="/api/docs/init.js"></script>
  </body>
</html>
`;

const DOCS_INIT = `window.addEventListener('load', function () {
  window.ui = SwaggerUIBundle({
    url: '/api/v1/openapi.json',
    dom_id: '#swagger-ui',
    deepLinking: true,
    validatorUrl: null,
    presets: [SwaggerUIBundle.presets.apis],
    layout: 'BaseLayout'
  });
});
`;

/** A serialized /data.json for one catalogue generation and configuration. */
interface DataJsonBody {
  key: string;
  body: Buffer;
  etag: string;
}

let dataJsonCache: DataJsonBody | null = null;
const dataJsonKey = (generation: number, opts: Pick<DcatUsOptions, 'baseUrl' | 'contactEmail'>) => `${generation} ${opts.baseUrl} ${opts.contactEmail}`;
let dataJsonBuild: { key: string; promise: Promise<DataJsonBody> } | null = null;
let dataJsonNext: Promise<DataJsonBody> | null = null;

/**
 * A translator that remembers its answers. i18next's `t()` dominates building the exports (tens of
 * microseconds a call, a dozen calls per dataset for the rights statement and labels) while the
 * datasets of a catalogue share few distinct phrases; remembered for one build or page only.
 */
function rememberingT(t: TFunction): TFunction {
  const said = new Map<string, string>();
  const remembering = (key: string, options?: Record<string, unknown>): string => {
    const k = options === undefined ? key : `${key}\u0000${JSON.stringify(options)}`;
    let text = said.get(k);
    if (text === undefined) {
      text = String(t(key, options as never));
      said.set(k, text);
    }
    return text;
  };
  return remembering as unknown as TFunction;
}

/** Entries serialized between two yields to the event loop, so a build never stalls other requests for long. */
const ENTRIES_PER_SLICE = 250;

/**
 * The DCAT-US document of the public catalogue, serialized: exactly `JSON.stringify(dcatUsCatalog(…))`
 * of every public entry, built one dataset at a time (no tree of the whole document in memory) and
 * yielding to the event loop between slices.
 */
async function buildDataJson(entries: readonly CatalogEntry[], opts: DcatUsOptions): Promise<Buffer> {
  const envelope = JSON.stringify(dcatUsCatalog([], opts));
  // `dataset` is the envelope's last member; its list is spliced in where `[]` is.
  if (!envelope.endsWith('"dataset":[]}')) throw new Error('dcatUsCatalog no longer ends with its dataset list');
  // Each dataset goes to bytes at once (off the JS heap), so the document never exists as one string.
  const chunks = [Buffer.from(envelope.slice(0, -2))];
  for (let i = 0; i < entries.length; i++) {
    chunks.push(Buffer.from((i ? ',' : '') + JSON.stringify(dcatUsDataset(exportEntry(entries[i], ANONYMOUS, opts.baseUrl), opts))));
    if (i % ENTRIES_PER_SLICE === ENTRIES_PER_SLICE - 1) await new Promise((r) => setImmediate(r));
  }
  chunks.push(Buffer.from(']}'));
  return Buffer.concat(chunks);
}

/**
 * /data.json for the catalogue as it is now. One body is kept, for the index generation it was built
 * from; requests of the same generation share it, or share the build under way. At most one build
 * runs at a time: requests that find a build of an older generation running wait for it and then
 * for one more build (shared by all of them) taken from the catalogue as it is when it starts, so
 * every answer holds at least every change made before its request arrived.
 */
async function currentDataJson(opts: DcatUsOptions): Promise<DataJsonBody> {
  const { generation, entries } = await publicEntries();
  const key = dataJsonKey(generation, opts);
  if (dataJsonCache?.key === key) return dataJsonCache;
  if (dataJsonBuild?.key === key) return dataJsonBuild.promise;
  if (dataJsonBuild) {
    dataJsonNext ??= dataJsonBuild.promise
      .catch(() => undefined)
      .then(() => {
        dataJsonNext = null;
        return currentDataJson(opts);
      });
    return dataJsonNext;
  }
  const promise = buildDataJson(entries, opts)
    .then((body) => {
      const built = { key, body, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 32)}"` };
      dataJsonCache = built;
      return built;
    })
    .finally(() => {
      if (dataJsonBuild?.promise === promise) dataJsonBuild = null;
    });
  dataJsonBuild = { key, promise };
  return promise;
}

/** Whether the kept /data.json body is the one for the catalogue index's current generation. */
export function dataJsonIsCurrent(opts: { baseUrl: string; contactEmail: string }): boolean {
  return dataJsonCache?.key === dataJsonKey(catalogIndex().generation, opts);
}

/** Milliseconds a catalogue must stay unchanged before /data.json is built ahead of requests. */
const WARM_QUIET_MS = 1000;

/**
 * Builds /data.json ahead of requests (docs/performance.md): once the catalogue index is loaded and
 * after each change, as soon as the catalogue has stayed unchanged for a second, so a harvester's
 * request finds the body ready instead of waiting for a build (seconds at 20,000 datasets on a
 * busy machine). One build at a time, shared with requests; a change during a build is picked up
 * by the next round. Started by the server process (server/main.ts); returns its stop function.
 */
export function keepDataJsonWarm(opts: { baseUrl: string; contactEmail: string }, log?: Logger): () => void {
  let seen = -1;
  let seenAt = 0;
  let running = false;
  const timer = setInterval(() => {
    const index = catalogIndex();
    if (running || !datasetStore().loaded) return;
    const now = Date.now();
    if (index.generation !== seen) {
      seen = index.generation;
      seenAt = now;
      return;
    }
    if (now - seenAt < WARM_QUIET_MS || dataJsonCache?.key === dataJsonKey(seen, opts)) return;
    running = true;
    currentDataJson({ ...opts, t: rememberingT(translator('en')) })
      .catch((err: unknown) => log?.warn({ err }, '/data.json build ahead of requests failed'))
      .finally(() => (running = false));
  }, WARM_QUIET_MS / 2);
  timer.unref();
  return () => clearInterval(timer);
}

/**
 * Does If-None-Match name this entity tag (weak comparison, RFC 9110 §13.1.2)? A harvester holding
 * the current catalogue then gets 304. Not Express's `req.fresh`, which answers no whenever the
 * request carries `Cache-Control: no-cache` — as fetch() adds to every conditional request.
 */
function noneMatch(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, '');
  return header.split(',').some((tag) => opaque(tag) === opaque(etag));
}

async function dataJson(req: Request, res: Response): Promise<void> {
  const { config } = depsOf(req);
  // data.gov harvests one document; the anonymous catalogue is the whole of it.
  const { body, etag } = await currentDataJson({ baseUrl: config.publicUrl, contactEmail: config.catalogContactEmail, t: rememberingT(translator('en')) });
  res.set('Cache-Control', 'public, max-age=300').set('ETag', etag);
  if (noneMatch(req.get('if-none-match'), etag)) {
    res.status(304).end();
    return;
  }
  res.type('application/json; charset=utf-8').send(body);
}

async function catalogJsonLd(req: Request, res: Response): Promise<void> {
  const { config } = depsOf(req);
  const page = intQuery(req, 'page', 1, 1, 100_000);
  const pageSize = intQuery(req, 'pageSize', DCAT_DEFAULT_PAGE_SIZE, 1, 100);
  const { items, total } = await publicCatalogPage(config.publicUrl, page, pageSize);
  res
    .type('application/ld+json')
    .set('Cache-Control', 'public, max-age=300')
    .json(dcatCatalogPage(items, { page, pageSize, total }, { baseUrl: config.publicUrl, contactEmail: config.catalogContactEmail, t: { ko: rememberingT(translator('ko')), en: rememberingT(translator('en')) } }));
}

/** Mounts /data.json, /catalog.jsonld and /api/docs (call before the web client's catch-all). */
export function mountInterop(app: Express): void {
  app.get('/data.json', dataJson);
  app.get('/catalog.jsonld', catalogJsonLd);
  app.get(['/api/docs', '/api/docs/'], (_req, res) => {
    res.set('Cache-Control', 'no-cache').type('html').send(DOCS_HTML);
  });
  app.get('/api/docs/init.js', (_req, res) => {
    res.set('Cache-Control', 'no-cache').type('application/javascript').send(DOCS_INIT);
  });
  app.get('/api/docs/assets/:file', (req, res, next) => {
    const file = String(req.params.file);
    if (!DOCS_ASSETS.has(file)) return next();
    res.sendFile(path.join(SWAGGER_DIR, file), { maxAge: '1d' });
  });
}
