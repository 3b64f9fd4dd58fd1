import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { contentDisposition, createStorage } from '../../../server/infra/s3';

const services = inject('services');
const storage = createStorage(services.s3);
const prefix = `storage-test/${randomUUID()}`;

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** Yields `data` in uneven chunks, like a network upload, so the SDK cannot treat it as one buffer. */
function chunkedStream(data: Buffer): Readable {
  return Readable.from(
    (function* () {
      for (let offset = 0, size = 1000; offset < data.length; offset += size, size = ((size * 7) % 9000) + 500) {
        yield data.subarray(offset, offset + size);
      }
    })(),
  );
}

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

afterAll(() => {
  storage.client.destroy();
});

describe('storage (S3)', () => {
  it('stores a streamed upload byte for byte (no aws-chunked framing)', async () => {
    const data = randomBytes(100_000);
    const key = `${prefix}/streamed.bin`;
    await storage.putObject(key, chunkedStream(data), { contentType: 'application/octet-stream', bytes: data.length });

    expect(await storage.head(key)).toEqual({ bytes: 100_000, contentType: 'application/octet-stream' });
    expect(await storage.sha256(key)).toBe(sha256(data));
    const back = await readAll(await storage.getObject(key));
    expect(back.length).toBe(100_000);
    expect(back.equals(data)).toBe(true);
  });

  it('refuses a stream without a declared length', async () => {
    await expect(
      storage.putObject(`${prefix}/nolength.bin`, chunkedStream(randomBytes(10)), { contentType: 'text/plain' }),
    ).rejects.toThrow(/bytes is required/);
  });

  it('accepts a presigned PUT from a client and the object matches', async () => {
    const data = randomBytes(4096);
    const key = `${prefix}/presigned-put.csv`;
    const put = await storage.presignPut(key, { contentType: 'text/csv', bytes: data.length }, 300);
    expect(put.method).toBe('PUT');
    expect(put.headers).toEqual({ 'Content-Type': 'text/csv' });
    expect(put.expiresAt.getTime()).toBeGreaterThan(Date.now() + 290_000);

    const res = await fetch(put.url, { method: put.method, headers: put.headers, body: data });
    expect(res.status).toBe(200);
    expect(await storage.head(key)).toEqual({ bytes: data.length, contentType: 'text/csv' });
    expect(await storage.sha256(key)).toBe(sha256(data));
  });

  it('signs Content-Type and Content-Length into a presigned PUT', async () => {
    const put = await storage.presignPut(`${prefix}/signed.csv`, { contentType: 'text/csv', bytes: 3 }, 300);
    // s3rver does not verify V4 signatures, so a mismatching upload cannot be shown to fail here;
    // real S3 rejects it because these headers are part of the signature.
    const signed = new URL(put.url).searchParams.get('X-Amz-SignedHeaders')?.split(';');
    expect(signed).toEqual(expect.arrayContaining(['content-type', 'content-length', 'host']));
    // WHEN_REQUIRED: no checksum of an empty body baked into the URL.
    expect(put.url).not.toMatch(/x-amz-checksum|x-amz-sdk-checksum/i);
  });

  it('serves a presigned GET with the same bytes and a UTF-8 attachment filename', async () => {
    const data = randomBytes(20_000);
    const key = `${prefix}/presigned-get.bin`;
    await storage.putObject(key, data, { contentType: 'application/octet-stream' });
    const filename = '표본 데이터 (v1).bin';
    const get = await storage.presignGet(key, 300, { filename, contentType: 'application/x-sample' });

    const res = await fetch(get.url);
    expect(res.status).toBe(200);
    expect(Buffer.from(await res.arrayBuffer()).equals(data)).toBe(true);
    expect(res.headers.get('content-type')).toBe('application/x-sample');
    const disposition = res.headers.get('content-disposition') ?? '';
    expect(disposition).toBe(contentDisposition(filename));
    expect(decodeURIComponent(/filename\*=UTF-8''(.+)$/.exec(disposition)![1])).toBe(filename);
  });

  it('answers a CORS preflight for a presigned PUT from an allowed origin', async () => {
    const key = `${prefix}/cors.txt`;
    const put = await storage.presignPut(key, { contentType: 'text/plain', bytes: 2 }, 300);
    const res = await fetch(put.url, {
      method: 'OPTIONS',
      headers: {
        Origin: 'http://127.0.0.1',
        'Access-Control-Request-Method': 'PUT',
        'Access-Control-Request-Headers': 'content-type',
      },
    });
    expect(res.status).toBe(200);
    // s3rver answers preflights with "*"; real S3 echoes the origin. Either lets the browser proceed.
    expect(['*', 'http://127.0.0.1']).toContain(res.headers.get('access-control-allow-origin'));
    expect(res.headers.get('access-control-allow-methods')).toContain('PUT');

    const denied = await fetch(put.url, {
      method: 'OPTIONS',
      headers: { Origin: 'http://evil.example', 'Access-Control-Request-Method': 'PUT' },
    });
    expect(denied.status).toBe(403);
    expect(denied.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('deletes objects; head of a missing key is null', async () => {
    const key = `${prefix}/to-delete.txt`;
    await storage.putObject(key, Buffer.from('bye'), { contentType: 'text/plain' });
    expect(await storage.head(key)).not.toBeNull();
    await storage.deleteObject(key);
    expect(await storage.head(key)).toBeNull();
  });

  it('pings the bucket', async () => {
    await expect(storage.ping()).resolves.toBeUndefined();
    const missing = createStorage({ ...services.s3, bucket: 'no-such-bucket' });
    await expect(missing.ping()).rejects.toThrow();
    missing.client.destroy();
  });
});
