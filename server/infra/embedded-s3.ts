import http from 'node:http';
import { mkdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { Logger } from 'pino';
import { getFreePort } from './ports';
import type { S3Settings } from './s3';

// s3rver ships no type declarations; this is the small part of its API used here.
interface S3rverInstance {
  configureBuckets(): Promise<unknown>;
  callback(): http.RequestListener;
  logger: { close(): void; exceptions: { unhandle(): void } };
}
type S3rverConstructor = new (options: {
  address: string;
  port: number;
  directory: string;
  silent: boolean;
  resetOnClose: boolean;
  vhostBuckets: boolean;
  configureBuckets: { name: string; configs: string[] }[];
}) => S3rverInstance;

const require = createRequire(import.meta.url);

export interface EmbeddedS3Options {
  /** Directory for buckets and objects (created if missing; kept across restarts). */
  dir: string;
  bucket: string;
  /** Browser origins allowed to use presigned URLs; one `*` wildcard per origin is allowed. */
  allowedOrigins: string[];
  /** Listen on this port (fails if taken); unset → a free port. */
  port?: number;
  log: Logger;
}

export interface EmbeddedS3 {
  settings: S3Settings;
  stop(): Promise<void>;
}

/** s3rver's built-in credentials. */
export const S3RVER_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } as const;

/** Starts s3rver in-process on 127.0.0.1:<free port> with `bucket` created and CORS set for `allowedOrigins`. */
export async function startEmbeddedS3(opts: EmbeddedS3Options): Promise<EmbeddedS3> {
  const { log } = opts;
  await mkdir(opts.dir, { recursive: true });
  const S3rver = require('s3rver') as S3rverConstructor;
  const s3rver = new S3rver({
    address: '127.0.0.1',
    port: 0, // unused: we listen ourselves below
    directory: opts.dir,
    silent: true,
    resetOnClose: false,
    // Requests go to http://127.0.0.1:<port>/<bucket>/<key> (path style); never guess buckets from Host.
    vhostBuckets: false,
    configureBuckets: [{ name: opts.bucket, configs: opts.allowedOrigins.length ? [corsXml(opts.allowedOrigins)] : [] }],
  });
  await s3rver.configureBuckets();

  // We run the HTTP server ourselves: s3rver.run() never settles when listen fails (e.g. port taken).
  const server = http.createServer(s3rver.callback());
  let port: number;
  // The free port can be taken between probing and binding; retry a couple of times if so.
  for (let attempt = 1; ; attempt++) {
    port = opts.port ?? (await getFreePort());
    try {
      await listen(server, port);
      break;
    } catch (err) {
      if (opts.port !== undefined || attempt >= 3 || (err as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw err;
    }
  }
  const endpoint = `http://127.0.0.1:${port}`;
  log.info({ endpoint, dir: opts.dir, bucket: opts.bucket }, 'embedded S3 (s3rver) is ready');

  let stopping: Promise<void> | undefined;
  return {
    settings: {
      endpoint,
      bucket: opts.bucket,
      region: 'us-east-1',
      ...S3RVER_CREDENTIALS,
      forcePathStyle: true,
      checksumMode: 'WHEN_REQUIRED',
    },
    stop() {
      stopping ??= new Promise<void>((resolve) => {
        server.close(() => {
          s3rver.logger.exceptions.unhandle();
          s3rver.logger.close();
          resolve();
        });
        // Keep-alive sockets from SDK clients would otherwise hold close() open for seconds.
        server.closeAllConnections();
      });
      return stopping;
    },
  };
}

function listen(server: http.Server, port: number): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
}

/** Bucket CORS: the given origins may GET/PUT/HEAD with any request header and read ETag. */
function corsXml(origins: string[]): string {
  const rule = [
    ...origins.map((o) => `<AllowedOrigin>${escapeXml(o)}</AllowedOrigin>`),
    '<AllowedMethod>GET</AllowedMethod>',
    '<AllowedMethod>PUT</AllowedMethod>',
    '<AllowedMethod>HEAD</AllowedMethod>',
    '<AllowedHeader>*</AllowedHeader>',
    '<ExposeHeader>ETag</ExposeHeader>',
    '<MaxAgeSeconds>3000</MaxAgeSeconds>',
  ].join('');
  return `<CORSConfiguration><CORSRule>${rule}</CORSRule></CORSConfiguration>`;
}

function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
