import cookieParser from 'cookie-parser';
import express, { type Express } from 'express';
import { authenticate } from '../http/authenticate';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { presentDataset } from '../datasets/presenter';
import { readDataset } from '../datasets/read';
import type { AuthUser } from '../http/context';
import { Organization } from '../organizations/model';
import { depsOf } from '../http/deps';
import { notFound } from '../http/errors';
import type { Lang } from '../i18n';
import { datasetJsonLd, type DatasetForJsonLd } from '../interop/schema-org';

export const CLIENT_DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../client/dist');

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** JSON for a <script> element: `<` escaped so the data can never close the tag. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c');
}

/**
 * Head tags for a dataset page: title, description and schema.org JSON-LD of the face the caller
 * may read (read.ts answers outsiders from the catalogue index), or nothing when it is hidden.
 */
export async function datasetHeadFor(idOrSlug: string, user: AuthUser | null, lang: Lang, publicUrl: string): Promise<string> {
  try {
    const found = await readDataset(idOrSlug, user, { grantees: false });
    // The index holds the published face as presentDataset gives it; other faces are presented here.
    const item: Record<string, unknown> = found.entry
      ? found.entry.item
      : presentDataset(found.doc, found.view, (await Organization.findById(found.doc.providerId).lean()) ?? undefined, lang);
    const presented = item as unknown as DatasetForJsonLd;
    const title = presented.title?.[lang] ?? presented.title?.en ?? presented.title?.ko ?? idOrSlug;
    const summary = presented.summary?.[lang] ?? presented.summary?.en ?? '';
    return [
      `<meta property="og:title" content="${escapeHtml(title)}" />`,
      `<meta name="description" content="${escapeHtml(summary)}" />`,
      `<script type="application/ld+json">${scriptJson(datasetJsonLd(presented, publicUrl))}</script>`,
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
    const head = match ? await datasetHeadFor(decodeURIComponent(match[1]), req.ctx.user, req.ctx.lang, depsOf(req).config.publicUrl) : '';
    res
      .set('Cache-Control', 'no-cache')
      .type('html')
      .send(template.replace('<!--app-head-->', head).replace('<html lang="ko">', `<html lang="${req.ctx.lang}">`));
  });
}
