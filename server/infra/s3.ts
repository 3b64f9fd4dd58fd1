import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  PutObjectCommand,
  S3Client,
  UploadPartCommand,
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

/** One part handed to CompleteMultipartUpload: its number, the ETag storage gave it, its SHA-256 (hex). */
export interface CompletedPart {
  number: number;
  etag: string;
  sha256: string;
}

/** What one read of a stored object measured: its size, its SHA-256 and the SHA-256 of each part-sized range (hex). */
export interface ObjectDigest {
  bytes: number;
  sha256: string;
  parts: string[];
}

/** Storage refused a multipart request for what it holds (unknown upload, a part missing or too small…). */
export class MultipartRefusedError extends Error {
  constructor(
    readonly s3Code: string,
    options?: ErrorOptions,
  ) {
    super(`storage refused the multipart request: ${s3Code}`, options);
    this.name = 'MultipartRefusedError';
  }
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

/** Longest silence of storage while it assembles a multipart upload (CompleteMultipartUpload). */
const ASSEMBLE_IDLE_TIMEOUT_MS = 15 * 60_000;

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
  /** Starts a multipart upload (parts carry SHA-256 checksums); returns its upload id. */
  createMultipart(key: string, contentType: string): Promise<string>;
  /** A presigned UploadPart URL that storage honours only for `bytes` bytes whose SHA-256 is `sha256` (hex). */
  presignPart(
    key: string,
    uploadId: string,
    part: { number: number; bytes: number; sha256: string },
    ttlSeconds: number,
  ): Promise<PresignedPut>;
  /** Assembles the object from its parts; MultipartRefusedError when storage refuses them. */
  completeMultipart(key: string, uploadId: string, parts: CompletedPart[]): Promise<void>;
  /** Drops an unfinished upload and its parts; a store that cannot (s3rver) or an upload already gone is no error. */
  abortMultipart(key: string, uploadId: string): Promise<void>;
  /** Reads the object once, hashing the whole and each `partSize` range, in bounded memory. */
  digest(key: string, partSize: number): Promise<ObjectDigest>;
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
  // CompleteMultipartUpload may keep the socket silent while storage assembles the parts (s3rver
  // copies every byte before answering; AWS sends keep-alive whitespace): a client of its own with
  // a long idle timeout, created when first needed.
  let assembler: S3Client | null = null;
  const assemblingClient = () =>
    (assembler ??= new S3Client({
      region: settings.region,
      endpoint: settings.endpoint,
      forcePathStyle: settings.forcePathStyle,
      credentials: { accessKeyId: settings.accessKeyId, secretAccessKey: settings.secretAccessKey },
      requestChecksumCalculation: settings.checksumMode,
      responseChecksumValidation: settings.checksumMode,
      requestHandler: { connectionTimeout: timeoutMs, socketTimeout: ASSEMBLE_IDLE_TIMEOUT_MS },
      maxAttempts: 1,
    }));
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

    async createMultipart(key, contentType) {
      const out = await call(
        (abortSignal) =>
          client.send(
            new CreateMultipartUploadCommand({ Bucket: bucket, Key: key, ContentType: contentType, ChecksumAlgorithm: 'SHA256' }),
            { abortSignal },
          ),
        'multipart start',
      );
      if (!out.UploadId) throw new Error(`createMultipart: no upload id for ${key}`);
      return out.UploadId;
    },

    async presignPart(key, uploadId, part, ttlSeconds) {
      const checksum = Buffer.from(part.sha256, 'hex').toString('base64');
      const command = new UploadPartCommand({
        Bucket: bucket,
        Key: key,
        UploadId: uploadId,
        PartNumber: part.number,
        ContentLength: part.bytes,
        ChecksumSHA256: checksum,
      });
      // The checksum is signed and must travel as a header (not hoisted into the query string), so
      // that S3 refuses a part whose bytes hash differently; content-length is signed by the presigner.
      const signed = new Set(['x-amz-checksum-sha256']);
      const url = await getSignedUrl(client, command, { expiresIn: ttlSeconds, signableHeaders: signed, unhoistableHeaders: signed });
      return { url, method: 'PUT', headers: { 'x-amz-checksum-sha256': checksum }, expiresAt: new Date(Date.now() + ttlSeconds * 1000) };
    },

    async completeMultipart(key, uploadId, parts) {
      const MultipartUpload = {
        Parts: [...parts]
          .sort((a, b) => a.number - b.number)
          .map((p) => ({ PartNumber: p.number, ETag: p.etag, ChecksumSHA256: Buffer.from(p.sha256, 'hex').toString('base64') })),
      };
      try {
        // Assembling many large parts can take storage a while: no whole-call deadline, one attempt
        // (a retry of a completion that went through would find the upload gone).
        await call(
          (abortSignal) =>
            assemblingClient().send(new CompleteMultipartUploadCommand({ Bucket: bucket, Key: key, UploadId: uploadId, MultipartUpload }), {
              abortSignal,
            }),
          'multipart complete',
          null,
        );
      } catch (err) {
        if (err instanceof StorageUnavailableError) throw err;
        const name = (err as { name?: string }).name;
        if (name && (err as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode)
          throw new MultipartRefusedError(name, { cause: err });
        throw err;
      }
    },

    async abortMultipart(key, uploadId) {
      try {
        await call(
          (abortSignal) => client.send(new AbortMultipartUploadCommand({ Bucket: bucket, Key: key, UploadId: uploadId }), { abortSignal }),
          'multipart abort',
        );
      } catch (err) {
        // s3rver implements neither AbortMultipartUpload nor ListParts (MethodNotAllowed / NotImplemented);
        // an upload already completed or aborted answers NoSuchUpload. Nothing is left to undo then.
        const name = (err as { name?: string }).name ?? '';
        if (['NotImplemented', 'MethodNotAllowed', 'NoSuchUpload'].includes(name)) return;
        throw err;
      }
    },

    async digest(key, partSize) {
      const whole = createHash('sha256');
      const parts: string[] = [];
      let part = createHash('sha256');
      let inPart = 0;
      let bytes = 0;
      const body = await getObject(key);
      try {
        for await (const raw of body) {
          let chunk = raw as Buffer;
          whole.update(chunk);
          bytes += chunk.length;
          // A chunk may straddle part boundaries: feed each range to its own part hash.
          while (chunk.length > 0) {
            const take = Math.min(chunk.length, partSize - inPart);
            part.update(take === chunk.length ? chunk : chunk.subarray(0, take));
            inPart += take;
            chunk = chunk.subarray(take);
            if (inPart === partSize) {
              parts.push(part.digest('hex'));
              part = createHash('sha256');
              inPart = 0;
            }
          }
        }
      } catch (err) {
        if (isUnreachable(err)) throw new StorageUnavailableError(`storage read of ${key} failed: ${errorText(err)}`, { cause: err });
        throw err;
      }
      if (inPart > 0 || parts.length === 0) parts.push(part.digest('hex'));
      return { bytes, sha256: whole.digest('hex'), parts };
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
