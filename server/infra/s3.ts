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
  ping(): Promise<void>;
}

/** Creates the S3 client and the handful of object operations the app uses. */
export function createStorage(settings: S3Settings): Storage {
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
  });
  const bucket = settings.bucket;

  const getObject = async (key: string): Promise<Readable> => {
    const out = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    if (!(out.Body instanceof Readable)) throw new Error(`getObject: no stream body for ${key}`);
    return out.Body;
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
        const out = await client.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
        return { bytes: out.ContentLength ?? 0, contentType: out.ContentType ?? 'application/octet-stream' };
      } catch (err) {
        if (isNotFound(err)) return null;
        throw err;
      }
    },

    async sha256(key) {
      const hash = createHash('sha256');
      const body = await getObject(key);
      for await (const chunk of body) hash.update(chunk as Buffer);
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
      await client.send(
        new PutObjectCommand({
          Bucket: bucket,
          Key: key,
          Body: body,
          ContentType: options.contentType,
          ContentLength: contentLength,
        }),
      );
    },

    getObject,

    async deleteObject(key) {
      await client.send(new DeleteObjectCommand({ Bucket: bucket, Key: key }));
    },

    async ping() {
      await client.send(new HeadBucketCommand({ Bucket: bucket }));
    },
  };
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
