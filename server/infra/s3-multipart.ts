// Multipart uploads of full data (parts carrying SHA-256 checksums) and the one-pass digest that verifies them.
import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  S3Client,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { errorText, isUnreachable, type StorageCall } from './s3-calls';
import { MultipartRefusedError, StorageUnavailableError, type Storage } from './s3-contract';

/** What the multipart operations share with the rest of the storage. */
export interface MultipartContext {
  client: S3Client;
  bucket: string;
  call: StorageCall;
  /** The client for CompleteMultipartUpload (a long idle timeout while storage assembles). */
  assemblingClient: () => S3Client;
  getObject: (key: string) => Promise<Readable>;
}

/** The multipart operations and the digest of one storage. */
export function multipartOperations({
  client,
  bucket,
  call,
  assemblingClient,
  getObject,
}: MultipartContext): Pick<Storage, 'createMultipart' | 'presignPart' | 'completeMultipart' | 'abortMultipart' | 'digest'> {
  return {
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
  };
}
