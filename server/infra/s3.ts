// The app's object storage on S3 or an S3-compatible endpoint: this file builds it (client, presigned URLs, object calls);
// s3-contract.ts says what it is, s3-calls.ts bounds each call by its deadline, s3-multipart.ts handles full-data uploads.
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
import { assertAnsweredRecently, errorText, isNotFound, isUnreachable, storageCaller, type StorageHealth } from './s3-calls';
import { DEFAULT_S3_TIMEOUT_MS, StorageUnavailableError, type S3Settings, type Storage, type StorageOptions } from './s3-contract';
import { multipartOperations } from './s3-multipart';

export {
  DEFAULT_S3_TIMEOUT_MS,
  MultipartRefusedError,
  StorageUnavailableError,
  type CompletedPart,
  type ObjectDigest,
  type ObjectHead,
  type PresignedGet,
  type PresignedPut,
  type S3Settings,
  type Storage,
  type StorageOptions,
} from './s3-contract';

/** Longest silence of storage while it assembles a multipart upload (CompleteMultipartUpload). */
const ASSEMBLE_IDLE_TIMEOUT_MS = 15 * 60_000;

/** Creates the S3 client and the handful of object operations the app uses, each bounded by the deadline. */
export function createStorage(settings: S3Settings, options: StorageOptions = {}): Storage {
  const timeoutMs = options.timeoutMs ?? DEFAULT_S3_TIMEOUT_MS;
  // Without these the SDK waits for an unreachable endpoint as long as the OS lets it (minutes for
  // a dropped SYN) and retries three times. connectionTimeout bounds connecting, socketTimeout any
  // silence on the socket, including in the middle of a streamed body; one retry at most.
  const client = clientOf(settings, { connectionTimeout: timeoutMs, socketTimeout: timeoutMs }, 2);
  // CompleteMultipartUpload may keep the socket silent while storage assembles the parts (s3rver
  // copies every byte before answering; AWS sends keep-alive whitespace): a client of its own with
  // a long idle timeout, created when first needed.
  let assembler: S3Client | null = null;
  const assemblingClient = () =>
    (assembler ??= clientOf(settings, { connectionTimeout: timeoutMs, socketTimeout: ASSEMBLE_IDLE_TIMEOUT_MS }, 1));
  const bucket = settings.bucket;
  const health: StorageHealth = { lastAnswerAt: 0, lastFailureAt: 0, checking: null };
  const call = storageCaller(timeoutMs, health);

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

    ...multipartOperations({ client, bucket, call, assemblingClient, getObject }),

    async deleteObject(key) {
      await call((abortSignal) => client.send(new DeleteObjectCommand({ Bucket: bucket, Key: key }), { abortSignal }), 'delete');
    },

    ping,

    assertAvailable: () => assertAnsweredRecently(health, ping),
  };
}

/** An S3 client for `settings` with these connect and silence timeouts (ms) and `maxAttempts` tries per call. */
function clientOf(
  settings: S3Settings,
  requestHandler: { connectionTimeout: number; socketTimeout: number },
  maxAttempts: number,
): S3Client {
  return new S3Client({
    region: settings.region,
    endpoint: settings.endpoint,
    forcePathStyle: settings.forcePathStyle,
    credentials: { accessKeyId: settings.accessKeyId, secretAccessKey: settings.secretAccessKey },
    // With the SDK default (WHEN_SUPPORTED) streamed uploads use aws-chunked framing with a CRC trailer,
    // which s3rver (and other S3 look-alikes) store verbatim inside the object; presigned PUTs would
    // also carry a checksum of an empty body. WHEN_REQUIRED avoids both.
    requestChecksumCalculation: settings.checksumMode,
    responseChecksumValidation: settings.checksumMode,
    requestHandler,
    maxAttempts,
  });
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
