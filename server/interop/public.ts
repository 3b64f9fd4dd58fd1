// Public documents outside /api/v1: the DCAT-US and DCAT catalogues harvesters expect at the site
// root, and the browsable API reference (Swagger UI served from node_modules, no CDN).
import type { Express, Request, Response } from 'express';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Dataset, type DatasetDoc } from '../datasets/model';
import { catalogFilter } from '../datasets/access';
import { depsOf } from '../http/deps';
import { intQuery } from '../http/route';
import { organizationsById } from '../organizations/lookup';
import { translator } from '../i18n';
import { dcatCatalogPage, DCAT_DEFAULT_PAGE_SIZE } from './dcat';
import { dcatUsCatalog } from './dcat-us';
import { ANONYMOUS, exportDataset, publicCatalogPage } from './source';

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

async function dataJson(req: Request, res: Response): Promise<void> {
  const { config } = depsOf(req);
  // data.gov harvests one document; the anonymous catalogue is the whole of it.
  const docs = await Dataset.find(catalogFilter(null)).sort({ publishedAt: 1, _id: 1 }).lean<DatasetDoc[]>();
  const providers = await organizationsById(docs.map((d) => d.providerId));
  const datasets = docs.map((d) => exportDataset(d, 'live', providers.get(String(d.providerId)), ANONYMOUS, config.publicUrl));
  res
    .set('Cache-Control', 'public, max-age=300')
    .json(dcatUsCatalog(datasets, { baseUrl: config.publicUrl, contactEmail: config.catalogContactEmail, t: translator('en') }));
}

async function catalogJsonLd(req: Request, res: Response): Promise<void> {
  const { config } = depsOf(req);
  const page = intQuery(req, 'page', 1, 1, 100_000);
  const pageSize = intQuery(req, 'pageSize', DCAT_DEFAULT_PAGE_SIZE, 1, 100);
  const { items, total } = await publicCatalogPage(config.publicUrl, page, pageSize);
  res
    .type('application/ld+json')
    .set('Cache-Control', 'public, max-age=300')
    .json(dcatCatalogPage(items, { page, pageSize, total }, { baseUrl: config.publicUrl, contactEmail: config.catalogContactEmail, t: { ko: translator('ko'), en: translator('en') } }));
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
