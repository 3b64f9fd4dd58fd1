// Fetching a source document (docs/harvesting.md "Fetching"): plain node:http(s) so that every limit is
// ours — the host check before any lookup or connection, a connection deadline, a deadline for the
// whole response, a byte limit counted as the body streams in, redirects followed by hand (at most
// MAX_REDIRECTS, never to another host), conditional requests and a content-type check.
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import { Transform, type Readable } from 'node:stream';
import type { HarvestConfig } from '../infra/config';
import { HarvestError } from './errors';
import { hostAllowed, isPrivateAddress, publicOnlyLookup, sameHost } from './hosts';

export const MAX_REDIRECTS = 3;
/** Media types a JSON catalogue may come as. */
const JSON_TYPES = /^(application\/(json|ld\+json|[a-z0-9.+-]+\+json)|text\/json)$/;

/** Validators from the last complete response, sent back to ask "changed since?". */
export interface Validators {
  etag: string | null;
  lastModified: string | null;
}

/** A response being read: its body stream (limits enforced while it flows) and its validators. */
export interface Fetched {
  body: Readable;
  validators: Validators;
  /** Stops the deadline timer once the body has been consumed. */
  done(): void;
}

export type FetchOutcome = { notModified: true } | ({ notModified: false } & Fetched);

/** Checks a URL against the allow-list (or, without one, refuses literal non-public addresses). */
export function checkUrl(url: URL, allowed: readonly string[] | null): void {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new HarvestError('host_not_allowed', { host: url.host });
  if (!hostAllowed(url, allowed)) throw new HarvestError('host_not_allowed', { host: url.host });
  const literal = url.hostname.replace(/^\[|\]$/g, '');
  if (!allowed && net.isIP(literal) && isPrivateAddress(literal)) throw new HarvestError('host_not_allowed', { host: url.host });
}

/** Counts bytes as they pass and fails the stream past the limit. */
function byteLimit(max: number): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _enc, cb) {
      seen += chunk.length;
      if (seen > max) cb(new HarvestError('response_too_large', { limit: max }));
      else cb(null, chunk);
    },
  });
}

/** One request; resolves with the response once its headers are in (the connection deadline applies until then). */
function request(url: URL, headers: Record<string, string>, cfg: HarvestConfig, signal: AbortSignal): Promise<http.IncomingMessage> {
  return new Promise((resolve, reject) => {
    const mod = url.protocol === 'https:' ? https : http;
    const req = mod.request(url, {
      method: 'GET',
      headers,
      signal,
      ...(cfg.allowedHosts ? {} : { lookup: publicOnlyLookup as never }),
    });
    const connectTimer = setTimeout(() => req.destroy(new HarvestError('fetch_timeout', { phase: 'connect' })), cfg.connectTimeoutMs);
    req.once('socket', (socket) => {
      if (!socket.connecting) clearTimeout(connectTimer);
      else socket.once(url.protocol === 'https:' ? 'secureConnect' : 'connect', () => clearTimeout(connectTimer));
    });
    req.once('response', (res) => {
      clearTimeout(connectTimer);
      resolve(res);
    });
    req.once('error', (err) => {
      clearTimeout(connectTimer);
      reject(signal.aborted ? new HarvestError('fetch_timeout') : err);
    });
    req.end();
  });
}

/**
 * GETs `target` within the configured limits. A 304 to a conditional request is `notModified`;
 * any other non-2xx status, a refused host or redirect, or a content type that is not JSON fails
 * with a HarvestError. The deadline covers the body too: reading it after the deadline fails.
 */
export async function fetchDocument(target: string, cfg: HarvestConfig, validators: Validators | null): Promise<FetchOutcome> {
  let url = new URL(target);
  checkUrl(url, cfg.allowedHosts);
  const controller = new AbortController();
  const deadline = setTimeout(() => controller.abort(), cfg.timeoutMs);
  const fail = (err: unknown): never => {
    clearTimeout(deadline);
    throw err;
  };
  const headers: Record<string, string> = { accept: 'application/json, application/ld+json;q=0.9, */*;q=0.1', 'user-agent': 'kus-data-bridge-harvester' };
  if (validators?.etag) headers['if-none-match'] = validators.etag;
  if (validators?.lastModified) headers['if-modified-since'] = validators.lastModified;
  let res: http.IncomingMessage | undefined;
  for (let hop = 0; ; hop++) {
    res = await request(url, headers, cfg, controller.signal).catch(fail);
    const status = res.statusCode ?? 0;
    if (status < 300 || status >= 400 || status === 304) break;
    res.resume();
    const location = res.headers.location;
    if (!location) fail(new HarvestError('http_status', { status }));
    if (hop >= MAX_REDIRECTS) fail(new HarvestError('too_many_redirects', { max: MAX_REDIRECTS }));
    const next = new URL(location!, url);
    if (!sameHost(url, next)) fail(new HarvestError('redirect_other_host', { host: next.host }));
    try {
      checkUrl(next, cfg.allowedHosts);
    } catch (err) {
      fail(err);
    }
    url = next;
  }
  const status = res.statusCode ?? 0;
  if (status === 304 && validators) {
    res.resume();
    clearTimeout(deadline);
    return { notModified: true };
  }
  if (status < 200 || status >= 300) {
    res.resume();
    fail(new HarvestError('http_status', { status }));
  }
  const type = (res.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  if (type && !JSON_TYPES.test(type)) {
    res.resume();
    fail(new HarvestError('unsupported_content_type', { contentType: type }));
  }
  const declared = Number(res.headers['content-length']);
  if (Number.isFinite(declared) && declared > cfg.maxBytes) {
    res.destroy();
    fail(new HarvestError('response_too_large', { limit: cfg.maxBytes }));
  }
  const limited = byteLimit(cfg.maxBytes);
  // The deadline ends the body too: the abort destroys the response, which fails the limited stream.
  controller.signal.addEventListener('abort', () => limited.destroy(new HarvestError('fetch_timeout')), { once: true });
  res.once('error', (err) => limited.destroy(controller.signal.aborted ? new HarvestError('fetch_timeout') : err));
  res.pipe(limited);
  const header = (name: string) => {
    const v = res.headers[name];
    return typeof v === 'string' ? v : null;
  };
  return {
    notModified: false,
    body: limited,
    validators: { etag: header('etag'), lastModified: header('last-modified') },
    done: () => clearTimeout(deadline),
  };
}

/** Reads a whole (limited) body as one JSON value; invalid JSON is `invalid_json`. */
export async function readJson(fetched: Fetched): Promise<unknown> {
  const chunks: Buffer[] = [];
  try {
    for await (const chunk of fetched.body) chunks.push(chunk as Buffer);
  } finally {
    fetched.done();
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new HarvestError('invalid_json');
  }
}
