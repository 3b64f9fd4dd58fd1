import cookieParser from 'cookie-parser';
import express, { type Express, type Request } from 'express';
import { authenticate } from '../http/authenticate';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { requireView } from '../datasets/access';
import { loadDataset } from '../datasets/commands';
import { presentDataset } from '../datasets/presenter';
import { Organization } from '../organizations/model';
import { depsOf } from '../http/deps';
import { notFound } from '../http/errors';
import { datasetJsonLd } from '../interop/schema-org';

export const CLIENT_DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../client/dist');

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** JSON for a <script> element: `<` escaped so the data can never close the tag. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c');
}

/** Head tags for a dataset page: title, description and schema.org JSON-LD, when the caller may see it. */
async function datasetHead(req: Request, slug: string): Promise<string> {
  try {
    const { doc, view } = requireView(await loadDataset(slug), req.ctx.user);
    const provider = await Organization.findById(doc.providerId).lean();
    const presented = presentDataset(doc, view, provider ?? undefined, req.ctx.lang) as Parameters<typeof datasetJsonLd>[0];
    const lang = req.ctx.lang;
    const title = presented.title?.[lang] ?? presented.title?.en ?? presented.title?.ko ?? slug;
    const summary = presented.summary?.[lang] ?? presented.summary?.en ?? '';
    return [
      `<meta property="og:title" content="${escapeHtml(title)}" />`,
      `<meta name="description" content="${escapeHtml(summary)}" />`,
      `<script type="application/ld+json">${scriptJson(datasetJsonLd(presented, depsOf(req).config.publicUrl))}</script>`,
    ].join('\n    ');
  } catch {
    return '';
  }
}

/** Serves the built web client, with per-page head tags, for every non-API GET. */
export function mountClient(app: Express): void {
  const indexFile = path.join(CLIENT_DIST, 'index.html');
  if (!existsSync(indexFile)) return;
  const template = readFileSync(indexFile, 'utf8');
  app.use('/assets', express.static(path.join(CLIENT_DIST, 'assets'), { immutable: true, maxAge: '365d' }));
  app.use('/assets', () => {
    throw notFound('not_found');
  });
  app.get('/{*splat}', cookieParser(), authenticate, async (req, res, next) => {
    if (req.path.startsWith('/api/')) return next();
    const match = /^\/datasets\/([^/]+)\/?$/.exec(req.path);
    const head = match ? await datasetHead(req, decodeURIComponent(match[1])) : '';
    res
      .set('Cache-Control', 'no-cache')
      .type('html')
      .send(template.replace('<!--app-head-->', head).replace('<html lang="ko">', `<html lang="${req.ctx.lang}">`));
  });
}
