import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';

/** Where artifacts live: AWS S3, or any S3-compatible endpoint (MinIO, Ceph, the embedded s3rver). */
export type S3Settings = {
  endpoint?: string;
  bucket: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  forcePathStyle: boolean;
  checksumMode: 'WHEN_REQUIRED' | 'WHEN_SUPPORTED';
};

export interface PresignedPut {
  url: string;
  method: 'PUT';
  /** Headers the browser must send with the PUT, exactly as given (they are signed). */
  headers: Record<string, string>;
  expiresAt: Date;
}

export interface PresignedGet {
  url: string;
  expiresAt: Date;
}

export interface ObjectHead {
  bytes: number;
  contentType: string;
}

/** S3 could not be reached or did not answer within the deadline (file operations answer 503). */
export class StorageUnavailableError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'StorageUnavailableError';
  }
}

/** Deadline (ms) of one storage call when the caller sets none (S3_TIMEOUT_MS in the app). */
export const DEFAULT_S3_TIMEOUT_MS = 5000;

/** After a successful answer from S3, presigning routes trust it this long without asking again. */
const HEALTHY_FOR_MS = 3000;
/** After a failed health check, answer "unavailable" at once for this long rather than wait again. */
const UNHEALTHY_FOR_MS = 1000;

export interface StorageOptions {
  /** Deadline (ms) of one call: connecting, waiting for an answer, or any silence mid-transfer. */
  timeoutMs?: number;
}

export interface Storage {
  client: S3Client;
  bucket: string;
  /** Origin the browser talks to for presigned URLs (for CSP connect-src / img-src). */
  origin: string;
  presignPut(key: string, object: { contentType: string; bytes: number }, ttlSeconds: number): Promise<PresignedPut>;
  presignGet(key: string, ttlSeconds: number, options?: { filename?: string; contentType?: string }): Promise<PresignedGet>;
  head(key: string): Promise<ObjectHead | null>;
  sha256(key: string): Promise<string>;
  putObject(key: string, body: Buffer | Readable, options: { contentType: string; bytes?: number }): Promise<void>;
  getObject(key: string): Promise<Readable>;
  deleteObject(key: string): Promise<void>;
  /** HEAD of the bucket within `timeoutMs` (default: the storage deadline); StorageUnavailableError otherwise. */
  ping(timeoutMs?: number): Promise<void>;
  /**
   * Throws StorageUnavailableError unless S3 answered recently (or answers a HEAD of the bucket now).
   * For routes that hand out presigned URLs: presigning never contacts S3, so without this they
   * would hand out URLs that cannot work.
   */
  assertAvailable(): Promise<void>;
}

/** Creates the S3 client and the handful of object operations the app uses, each bounded by the deadline. */
export function createStorage(settings: S3Settings, options: StorageOptions = {}): Storage {
  const timeoutMs = options.timeoutMs ?? DEFAULT_S3_TIMEOUT_MS;
  const client = new S3Client({
    region: settings.region,
    endpoint: settings.endpoint,
    forcePathStyle: settings.forcePathStyle,
    credentials: { accessKeyId: settings.accessKeyId, secretAccessKey: settings.secretAccessKey },
    // With the SDK default (WHEN_SUPPORTED) streamed uploads use aws-chunked framing with a CRC trailer,
    // which s3rver (and other S3 look-alikes) store verbatim inside the object; presigned PUTs would
    // also carry a checksum of an empty body. WHEN_REQUIRED avoids both.
    requestChecksumCalculation: settings.checksumMode,
    responseChecksumValidation: settings.checksumMode,
    // Without these the SDK waits for an unreachable endpoint as long as the OS lets it (minutes for
    // a dropped SYN) and retries three times. connectionTimeout bounds connecting, socketTimeout any
    // silence on the socket, including in the middle of a streamed body; one retry at most.
    requestHandler: { connectionTimeout: timeoutMs, socketTimeout: timeoutMs },
    maxAttempts: 2,
  });
  const bucket = settings.bucket;
  const health = { lastAnswerAt: 0, lastFailureAt: 0, checking: null as Promise<void> | null };

  /**
   * Runs one call with `deadlineMs` over both attempts: aborted unless S3 has answered by then. A
   * streamed upload passes null and is left to the socket timeouts (its transfer may legitimately
   * take longer); a streamed download's body is never cut by the deadline, only the wait for headers.
   */
  const call = async <T>(fn: (abortSignal: AbortSignal) => Promise<T>, what: string, deadlineMs: number | null = timeoutMs): Promise<T> => {
    const controller = new AbortController();
    const timer = deadlineMs === null ? undefined : setTimeout(() => controller.abort(), deadlineMs);
    try {
      const out = await fn(controller.signal);
      health.lastAnswerAt = Date.now();
      return out;
    } catch (err) {
      if (controller.signal.aborted || isUnreachable(err)) {
        health.lastFailureAt = Date.now();
        throw new StorageUnavailableError(`storage ${what} failed: ${errorText(err)}`, { cause: err });
      }
      // S3 answered (404, 403…): it is reachable.
      health.lastAnswerAt = Date.now();
      throw err;
    } finally {
      clearTimeout(timer);
    }
  };

  const getObject = async (key: string): Promise<Readable> => {
    const out = await call((abortSignal) => client.send(new GetObjectCommand({ Bucket: bucket, Key: key }), { abortSignal }), 'get');
    if (!(out.Body instanceof Readable)) throw new Error(`getObject: no stream body for ${key}`);
    return out.Body;
  };

  const ping = async (ms = timeoutMs): Promise<void> => {
    try {
      await call((abortSignal) => client.send(new HeadBucketCommand({ Bucket: bucket }), { abortSignal }), 'bucket check', ms);
    } catch (err) {
      // A missing bucket or refused credentials make every file operation fail just the same.
      health.lastAnswerAt = 0;
      health.lastFailureAt = Date.now();
      if (err instanceof StorageUnavailableError) throw err;
      throw new StorageUnavailableError(`storage bucket check failed: ${errorText(err)}`, { cause: err });
    }
  };

  return {
    client,
    bucket,
    origin: storageOrigin(settings),

    async presignPut(key, object, ttlSeconds) {
      const command = new PutObjectCommand({
        Bucket: bucket,
        Key: key,
        ContentType: object.contentType,
        ContentLength: object.bytes,
      });
      // Sign Content-Type and Content-Length so that S3 rejects a body of another type or size
      // (the presigner signs content-length by itself but would leave content-type out).
      const url = await getSignedUrl(client, command, { expiresIn: ttlSeconds, signableHeaders: new Set(['content-type']) });
      return {
        url,
        method: 'PUT',
        headers: { 'Content-Type': object.contentType },
        expiresAt: new Date(Date.now() + ttlSeconds * 1000),
      };
    },

    async presignGet(key, ttlSeconds, options = {}) {
      const command = new GetObjectCommand({
        Bucket: bucket,
        Key: key,
        ResponseContentDisposition: options.filename ? contentDisposition(options.filename) : undefined,
        ResponseContentType: options.contentType,
      });
      const url = await getSignedUrl(client, command, { expiresIn: ttlSeconds });
      return { url, expiresAt: new Date(Date.now() + ttlSeconds * 1000) };
    },

    async head(key) {
      try {
        const out = await call((abortSignal) => client.send(new HeadObjectCommand({ Bucket: bucket, Key: key }), { abortSignal }), 'head');
        return { bytes: out.ContentLength ?? 0, contentType: out.ContentType ?? 'application/octet-stream' };
      } catch (err) {
        if (isNotFound(err)) return null;
        throw err;
      }
    },

    async sha256(key) {
      const hash = createHash('sha256');
      const body = await getObject(key);
      try {
        for await (const chunk of body) hash.update(chunk as Buffer);
      } catch (err) {
        // The socket fell silent or was reset mid-body.
        if (isUnreachable(err)) throw new StorageUnavailableError(`storage read of ${key} failed: ${errorText(err)}`, { cause: err });
        throw err;
      }
      return hash.digest('hex');
    },

    async putObject(key, body, options) {
      let contentLength = options.bytes;
      if (Buffer.isBuffer(body)) {
        contentLength ??= body.length;
      } else if (contentLength === undefined) {
        // A stream of unknown length would need a multipart upload; callers always know the size here.
        throw new Error('putObject: bytes is required when the body is a stream');
      }
      await call(
        (abortSignal) =>
          client.send(
            new PutObjectCommand({
              Bucket: bucket,
              Key: key,
              Body: body,
              ContentType: options.contentType,
              ContentLength: contentLength,
            }),
            { abortSignal },
          ),
        'put',
        Buffer.isBuffer(body) ? timeoutMs : null,
      );
    },

    getObject,

    async deleteObject(key) {
      await call((abortSignal) => client.send(new DeleteObjectCommand({ Bucket: bucket, Key: key }), { abortSignal }), 'delete');
    },

    ping,

    async assertAvailable() {
      const now = Date.now();
      if (now - health.lastAnswerAt < HEALTHY_FOR_MS) return;
      if (now - health.lastFailureAt < UNHEALTHY_FOR_MS) throw new StorageUnavailableError('storage did not answer a moment ago');
      // Concurrent requests share one check.
      health.checking ??= ping().finally(() => (health.checking = null));
      await health.checking;
    },
  };
}

// Connection-level failures: nothing (or nothing in time) came back from S3.
const NETWORK_ERROR_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/** True when S3 could not be reached or answered with a server-side failure (5xx), as opposed to a refusal of the request. */
function isUnreachable(err: unknown): boolean {
  const e = err as { name?: string; code?: string; $metadata?: { httpStatusCode?: number } } | null;
  if (!e) return false;
  if (e.name === 'TimeoutError' || e.name === 'AbortError') return true;
  if (e.code && NETWORK_ERROR_CODES.has(e.code)) return true;
  const status = e.$metadata?.httpStatusCode;
  return status !== undefined && status >= 500;
}

function errorText(err: unknown): string {
  const e = err as { name?: string; code?: string; message?: string } | null;
  return [e?.name, e?.code, e?.message].filter(Boolean).join(' ') || String(err);
}

/** `attachment` Content-Disposition with an ASCII fallback and an RFC 5987 UTF-8 filename. */
export function contentDisposition(filename: string): string {
  const fallback = filename.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_') || 'download';
  const encoded = encodeURIComponent(filename).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

function storageOrigin(settings: S3Settings): string {
  if (settings.endpoint) return new URL(settings.endpoint).origin;
  return settings.forcePathStyle
    ? `https://s3.${settings.region}.amazonaws.com`
    : `https://${settings.bucket}.s3.${settings.region}.amazonaws.com`;
}

function isNotFound(err: unknown): boolean {
  const e = err as { name?: string; $metadata?: { httpStatusCode?: number } };
  return e?.name === 'NotFound' || e?.name === 'NoSuchKey' || e?.$metadata?.httpStatusCode === 404;
}
