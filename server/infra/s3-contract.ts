// What the app's object storage is: settings, the Storage interface, its results and its two errors (server/infra/s3.ts builds one).
import type { Readable } from 'node:stream';
import type { S3Client } from '@aws-sdk/client-s3';

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
