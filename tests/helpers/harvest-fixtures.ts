// A loopback HTTP server that plays a partner catalogue for harvest tests (docs/harvesting.md "Tests"):
// each path answers with a handler the test sets — a JSON document with an ETag (304 to a matching
// If-None-Match), a redirect, a stall, an endless stream, a wrong content type… Every request is
// recorded. It binds 127.0.0.1 only; other tests may reuse it.
import { readFileSync } from 'node:fs';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { createHash } from 'node:crypto';
import type { Client } from './app';

export type FixtureHandler = (req: IncomingMessage, res: ServerResponse, url: URL) => void;

export interface FixtureServer {
  /** `http://127.0.0.1:<port>` */
  origin: string;
  port: number;
  /** Sets (or replaces) the handler of a path. */
  route(pathname: string, handler: FixtureHandler): void;
  /** Requests received so far: path with query, and headers. */
  requests: Array<{ url: string; headers: IncomingMessage['headers'] }>;
  close(): Promise<void>;
}

/** Starts a fixture server on 127.0.0.1 and a free port. */
export async function startFixtureServer(): Promise<FixtureServer> {
  const routes = new Map<string, FixtureHandler>();
  const requests: FixtureServer['requests'] = [];
  const sockets = new Set<import('node:net').Socket>();
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    requests.push({ url: url.pathname + url.search, headers: req.headers });
    const handler = routes.get(url.pathname);
    if (!handler) {
      res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"not found"}');
      return;
    }
    handler(req, res, url);
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.address() as AddressInfo).port;
  return {
    origin: `http://127.0.0.1:${port}`,
    port,
    route: (p, h) => void routes.set(p, h),
    requests,
    async close() {
      // Stalled responses would keep close() waiting: cut them.
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Answers a JSON document with a strong ETag and Last-Modified; 304 when the request's If-None-Match names it. */
export function jsonDocument(get: () => unknown, contentType = 'application/json'): FixtureHandler {
  return (req, res) => {
    const body = JSON.stringify(get());
    const etag = `"${createHash('sha256').update(body).digest('hex').slice(0, 16)}"`;
    if (req.headers['if-none-match'] === etag) {
      res.writeHead(304, { etag }).end();
      return;
    }
    res.writeHead(200, { 'content-type': contentType, etag, 'last-modified': 'Mon, 01 Dec 2025 00:00:00 GMT' }).end(body);
  };
}

/** Reads a fixture file of tests/fixtures/harvest as JSON (a fresh copy each time). */
export function harvestFixture<T = any>(name: string): T {
  return JSON.parse(readFileSync(path.resolve('tests/fixtures/harvest', name), 'utf8')) as T;
}

/** A CKAN package_search over `packages`, paged by the request's `rows` and `start`. */
export function ckanSearch(get: () => unknown[]): FixtureHandler {
  return (_req, res, url) => {
    const all = get();
    const rows = Number(url.searchParams.get('rows') ?? 10);
    const start = Number(url.searchParams.get('start') ?? 0);
    const body = { help: 'package_search', success: true, result: { count: all.length, sort: 'score desc, metadata_modified desc', facets: {}, results: all.slice(start, start + rows), search_facets: {} } };
    res.writeHead(200, { 'content-type': 'application/json;charset=utf-8' }).end(JSON.stringify(body));
  };
}



/** Registers a source as `admin`; fails the test helper loudly on anything but 201. */
export async function registerSource(admin: Client, body: Record<string, unknown>): Promise<any> {
  const res = await admin.post('/api/v1/harvest/sources', { schedule: 'manual', name: { en: 'Partner catalogue' }, ...body });
  if (res.status !== 201) throw new Error(`source create failed: ${res.status} ${res.text}`);
  return res.body;
}

/** Starts a run (202) and polls its report until it is no longer running. */
export async function runSource(admin: Client, sourceId: string): Promise<any> {
  const started = await admin.post(`/api/v1/harvest/sources/${sourceId}/runs`);
  if (started.status !== 202) throw new Error(`run failed to start: ${started.status} ${started.text}`);
  return waitForRun(admin, started.body.id);
}

/** Polls a run until it has finished (the run itself is bounded by the harvest timeouts). */
export async function waitForRun(admin: Client, runId: string): Promise<any> {
  for (;;) {
    const res = await admin.get(`/api/v1/harvest/runs/${runId}`);
    if (res.status !== 200) throw new Error(`run read failed: ${res.status} ${res.text}`);
    if (res.body.status !== 'running') return res.body;
    await new Promise((r) => setTimeout(r, 50));
  }
}
