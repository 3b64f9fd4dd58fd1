// Full-data files (docs/design.md §3 artifacts `data`): multipart upload straight to S3, resumable, every
// part and the whole file checked at completion; downloads need scope `full`.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError } from '../../client/src/lib/api';
import { sendParts as clientSendParts, type MultipartTransport } from '../../client/src/lib/multipart-upload';
import { ArtifactUpload } from '../../server/artifacts/upload-model';
import { AuditEvent } from '../../server/audit/model';
import { Dataset } from '../../server/datasets/model';
import { createOrg, createUser, startTestApp, type Client, type TestApp } from '../helpers/app';
import { buildDataset, uploadSample } from '../helpers/factories';

const MiB = 1024 * 1024;
const PART = 5 * MiB;
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

let app: TestApp;
let P: Client;
let R: Client;
beforeAll(async () => {
  app = await startTestApp();
  const org = await createOrg();
  P = app.as(await createUser({ roles: ['provider'], org }));
  R = app.as(await createUser({ roles: ['reviewer'], org }));
});
afterAll(async () => {
  await app?.close();
});

/** A draft whose full data needs an approved request (samples open, so it can be published). */
async function draft(): Promise<string> {
  const res = await P.post(
    '/api/v1/datasets',
    buildDataset({ disclosure: { ...buildDataset().disclosure, accessLevel: 'approval', samplesAccess: 'open' } }),
  );
  expect(res.status, res.text).toBe(201);
  return res.body.id as string;
}

/** Registers a full-data file of `body` cut in 5 MiB parts. */
async function register(datasetId: string, body: Buffer, over: Record<string, unknown> = {}) {
  const res = await P.post(`/api/v1/datasets/${datasetId}/artifacts`, {
    kind: 'data',
    filename: '전체 데이터.tar.gz',
    contentType: 'application/gzip',
    bytes: body.length,
    sha256: sha(body),
    partSize: PART,
    ...over,
  });
  expect(res.status, res.text).toBe(201);
  return res.body as { artifact: { id: string }; upload: { method: string; partSize: number; partCount: number; expiresAt: string } };
}

const slice = (body: Buffer, n: number) => body.subarray((n - 1) * PART, Math.min(body.length, n * PART));

/**
 * Sends parts `numbers` of `body` the way the browser does: ask for URLs (declaring each part's
 * SHA-256), PUT the bytes with the given headers, acknowledge the ETag. `sent` may replace the
 * bytes actually sent for a part (a corruption on the way).
 */
async function sendParts(
  datasetId: string,
  artifactId: string,
  body: Buffer,
  numbers: number[],
  sent: (n: number, bytes: Buffer) => Buffer = (_n, b) => b,
) {
  const urls = await P.post(`/api/v1/datasets/${datasetId}/artifacts/${artifactId}/parts`, {
    parts: numbers.map((number) => ({ number, sha256: sha(slice(body, number)) })),
  });
  expect(urls.status, urls.text).toBe(200);
  const puts = await Promise.all(
    urls.body.parts.map(async (p: { number: number; url: string; method: string; headers: Record<string, string>; bytes: number }) => {
      expect(p.bytes).toBe(slice(body, p.number).length);
      const put = await fetch(p.url, { method: p.method, headers: p.headers, body: sent(p.number, slice(body, p.number)) });
      expect(put.status, await put.text()).toBe(200);
      return { number: p.number, etag: put.headers.get('etag')! };
    }),
  );
  // Acknowledged at once: each is a read-modify-write of the same upload document.
  const acks = await Promise.all(
    puts.map((p) => P.put(`/api/v1/datasets/${datasetId}/artifacts/${artifactId}/parts/${p.number}`, { etag: p.etag })),
  );
  for (const ack of acks) expect(ack.status, ack.text).toBe(200);
}

describe('full-data upload in parts', () => {
  it('uploads 3 parts of 5 MiB, verifies them, and only a caller with a full grant downloads the file byte-identical', async () => {
    const id = await draft();
    await uploadSample(P, id, randomBytes(256));
    const body = randomBytes(2 * PART + 123_457);
    const { artifact, upload } = await register(id, body);
    expect(upload).toMatchObject({ method: 'multipart', partSize: PART, partCount: 3 });
    expect(new Date(upload.expiresAt).getTime()).toBeGreaterThan(Date.now());

    const before = await P.get(`/api/v1/datasets/${id}`);
    await sendParts(id, artifact.id, body, [1, 2, 3]);
    // Parts live in their own collection: the dataset's revision (ETag) did not move.
    expect((await P.get(`/api/v1/datasets/${id}`)).headers.get('etag')).toBe(before.headers.get('etag'));
    const state = await P.get(`/api/v1/datasets/${id}/artifacts/${artifact.id}/upload`);
    expect(state.body.upload).toMatchObject({ partCount: 3, missing: [] });
    expect(state.body.upload.acknowledged.map((p: { number: number }) => p.number)).toEqual([1, 2, 3]);

    const done = await P.post(`/api/v1/datasets/${id}/artifacts/${artifact.id}/complete`);
    expect(done.status, done.text).toBe(200);
    expect(done.body.artifact).toMatchObject({ kind: 'data', status: 'available', bytes: body.length, sha256: sha(body) });
    expect(await ArtifactUpload.exists({ _id: artifact.id })).toBeNull();
    expect(await AuditEvent.countDocuments({ action: 'artifact.available', targetId: id, 'details.artifactId': artifact.id })).toBe(1);

    await P.post(`/api/v1/datasets/${id}/submit`);
    expect((await R.post(`/api/v1/datasets/${id}/review`, { action: 'approve' })).status).toBe(200);
    const researcher = await createUser({ roles: ['researcher'], country: 'KR', orgType: 'university' });
    const X = app.as(researcher);
    const refused = await X.get(`/api/v1/datasets/${id}/artifacts/${artifact.id}/download?format=json`);
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ code: 'download_not_allowed', decision: 'request_required', scope: 'full' });

    const asked = await X.post(
      '/api/v1/access-requests',
      {
        datasetId: id,
        scope: 'full',
        purpose: 'research',
        statement: 'We evaluate Korean speech recognition models for a joint study.',
        durationDays: 30,
        acceptedAgreements: [],
      },
      { 'idempotency-key': randomUUID() },
    );
    expect(asked.status, asked.text).toBe(201);
    const approved = await R.post(`/api/v1/access-requests/${asked.body.id}/decision`, {
      decision: 'approve',
      reason: 'Fits.',
      expiresAt: new Date(Date.now() + 30 * 86_400_000).toISOString(),
    });
    expect(approved.status, approved.text).toBe(200);
    const link = await X.get(`/api/v1/datasets/${id}/artifacts/${artifact.id}/download?format=json`);
    expect(link.status, link.text).toBe(200);
    const file = Buffer.from(await (await fetch(link.body.url)).arrayBuffer());
    expect(file.length).toBe(body.length);
    expect(file.equals(body)).toBe(true);
  });

  it('resumes: acknowledged parts survive, the state names the missing one, and only it is sent again', async () => {
    const id = await draft();
    const body = randomBytes(2 * PART + 1000);
    const { artifact } = await register(id, body);
    await sendParts(id, artifact.id, body, [1, 3]);
    // The connection drops here; the uploader asks where it stands.
    const state = await P.get(`/api/v1/datasets/${id}/artifacts/${artifact.id}/upload`);
    expect(state.status).toBe(200);
    expect(state.body.upload).toMatchObject({ partSize: PART, partCount: 3, missing: [2], completing: false });
    expect(state.body.upload.acknowledged).toEqual([
      { number: 1, sha256: sha(slice(body, 1)) },
      { number: 3, sha256: sha(slice(body, 3)) },
    ]);
    const early = await P.post(`/api/v1/datasets/${id}/artifacts/${artifact.id}/complete`);
    expect(early.status).toBe(409);
    expect(early.body).toMatchObject({
      code: 'artifact_parts_missing',
      missingParts: [2],
      errors: [{ path: '/parts', code: 'parts_missing' }],
    });
    expect(early.body.detail).toContain('2');

    await sendParts(id, artifact.id, body, [2]);
    const done = await P.post(`/api/v1/datasets/${id}/artifacts/${artifact.id}/complete`);
    expect(done.status, done.text).toBe(200);
    const stored = (await Dataset.findById(id).lean())!.artifacts.find((a) => a.id === artifact.id)!;
    expect(stored.status).toBe('available');
    expect(await app.storage.sha256(stored.key)).toBe(sha(body));
  });

  it('refuses a corrupted part with 422 naming it, deletes the object and rejects the file', async () => {
    const id = await draft();
    const body = randomBytes(3 * PART);
    const { artifact } = await register(id, body);
    // Part 2 declared with its true SHA-256 but other bytes of the same size arrive. Real S3 refuses
    // such a PUT already (signed x-amz-checksum-sha256); s3rver stores it, so completion must catch it.
    await sendParts(id, artifact.id, body, [1, 2, 3], (n, b) => (n === 2 ? randomBytes(b.length) : b));
    const res = await P.post(`/api/v1/datasets/${id}/artifacts/${artifact.id}/complete`, undefined, { 'accept-language': 'ko' });
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({
      code: 'artifact_part_checksum_mismatch',
      partNumbers: [2],
      errors: [{ path: '/parts', code: 'artifact_part_checksum_mismatch' }],
    });
    expect(res.body.detail).toContain('2번 조각');
    const stored = (await Dataset.findById(id).lean())!.artifacts.find((a) => a.id === artifact.id)!;
    expect(stored.status).toBe('rejected');
    expect(await app.storage.head(stored.key)).toBeNull();
    expect(await ArtifactUpload.exists({ _id: artifact.id })).toBeNull();
    expect(
      await AuditEvent.countDocuments({ action: 'artifact.rejected', targetId: id, 'details.code': 'artifact_part_checksum_mismatch' }),
    ).toBe(1);
  });

  it('refuses a whole-file checksum that the parts do not add up to', async () => {
    const id = await draft();
    const body = randomBytes(PART + 10);
    const { artifact } = await register(id, body, { sha256: sha(randomBytes(8)) });
    await sendParts(id, artifact.id, body, [1, 2]);
    const res = await P.post(`/api/v1/datasets/${id}/artifacts/${artifact.id}/complete`);
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('artifact_checksum_mismatch');
    expect(await app.storage.head((await Dataset.findById(id).lean())!.artifacts[0].key)).toBeNull();
  });
});

describe('the browser’s uploader (client/src/lib/multipart-upload.ts) against the real server and storage', () => {
  /** The browser transport's contract over Node's fetch; the first PUT of `dropPart` fails as a dropped connection would. */
  function transport(client: Client, dropPart: number) {
    const puts: number[] = [];
    let dropped = false;
    const t: MultipartTransport = {
      async json<T>(method: string, path: string, body?: unknown) {
        const res = await client.request(method, `/api/v1${path}`, body);
        if (res.status >= 400) throw new ApiError(res.body);
        return res.body as T;
      },
      async put(part, body, onProgress) {
        puts.push(part.number);
        if (part.number === dropPart && !dropped) {
          dropped = true;
          throw new ApiError({ title: '', status: 0, code: 'upload_failed' });
        }
        const res = await fetch(part.url, { method: part.method, headers: part.headers, body: Buffer.from(await body.arrayBuffer()) });
        if (!res.ok) throw new ApiError({ title: '', status: res.status, code: 'upload_failed' });
        onProgress(body.size);
        return res.headers.get('etag')!;
      },
    };
    return { t, puts };
  }

  it('sends only the missing parts, tries a dropped part again, and the server accepts the result', async () => {
    const id = await draft();
    const body = randomBytes(3 * PART + 99);
    const { artifact } = await register(id, body);
    await sendParts(id, artifact.id, body, [2]);
    const state = (await P.get(`/api/v1/datasets/${id}/artifacts/${artifact.id}/upload`)).body.upload;
    expect(state.missing).toEqual([1, 3, 4]);
    const { t, puts } = transport(P, 3);
    const progress: number[] = [];
    await clientSendParts({
      datasetId: id,
      artifactId: artifact.id,
      file: new Blob([body]),
      state,
      transport: t,
      baseDelayMs: 1,
      onProgress: (sent) => progress.push(sent),
    });
    expect(puts.sort()).toEqual([1, 3, 3, 4]);
    expect(progress[0]).toBe(PART);
    expect(progress.at(-1)).toBe(body.length);
    const done = await P.post(`/api/v1/datasets/${id}/artifacts/${artifact.id}/complete`);
    expect(done.status, done.text).toBe(200);
    expect(done.body.artifact).toMatchObject({ status: 'available', sha256: sha(body) });
  });
});

describe('full-data upload rules', () => {
  it('chooses parts of at least 8 MiB and at most 10,000 of them, up to S3’s 5 TiB object', async () => {
    const id = await draft();
    const small = await P.post(`/api/v1/datasets/${id}/artifacts`, {
      kind: 'data',
      filename: 'a.parquet',
      contentType: 'application/vnd.apache.parquet',
      bytes: 20 * MiB,
      sha256: 'a'.repeat(64),
    });
    expect(small.body.upload).toEqual({ method: 'multipart', partSize: 8 * MiB, partCount: 3, expiresAt: expect.any(String) });
    const huge = await P.post(`/api/v1/datasets/${id}/artifacts`, {
      kind: 'data',
      filename: 'b.tar',
      contentType: 'application/x-tar',
      bytes: 5 * 1024 ** 4,
      sha256: 'b'.repeat(64),
    });
    expect(huge.status, huge.text).toBe(201);
    expect(huge.body.upload.partCount).toBeLessThanOrEqual(10_000);
    expect(huge.body.upload.partSize * huge.body.upload.partCount).toBeGreaterThanOrEqual(5 * 1024 ** 4);
    const tooBig = await P.post(`/api/v1/datasets/${id}/artifacts`, {
      kind: 'data',
      filename: 'c.tar',
      contentType: 'application/x-tar',
      bytes: 5 * 1024 ** 4 + 1,
      sha256: 'c'.repeat(64),
    });
    expect(tooBig.status).toBe(413);
    expect(tooBig.body.errors).toEqual([expect.objectContaining({ path: '/bytes', code: 'maximum' })]);
  });

  it('names the field of every bad request', async () => {
    const id = await draft();
    const base = { kind: 'data', filename: 'd.bin', contentType: 'application/octet-stream', bytes: 11 * MiB, sha256: 'a'.repeat(64) };
    const smallPart = await P.post(`/api/v1/datasets/${id}/artifacts`, { ...base, partSize: MiB }, { 'accept-language': 'ko' });
    expect(smallPart.status).toBe(400);
    expect(smallPart.body.errors).toEqual([expect.objectContaining({ path: '/partSize', code: 'minimum' })]);
    expect(smallPart.body.errors[0].message).toMatch(/[가-힣]/);
    const sampleParts = await P.post(`/api/v1/datasets/${id}/artifacts`, {
      ...base,
      kind: 'sample',
      contentType: 'text/csv',
      bytes: 10,
      partSize: PART,
    });
    expect(sampleParts.status).toBe(400);
    expect(sampleParts.body.errors).toEqual([expect.objectContaining({ path: '/partSize', code: 'not_allowed' })]);
    const exe = await P.post(`/api/v1/datasets/${id}/artifacts`, { ...base, contentType: 'application/x-msdownload' });
    expect(exe.status).toBe(415);
    expect(exe.body.errors).toEqual([expect.objectContaining({ path: '/contentType' })]);

    const { artifact } = await register(id, randomBytes(2 * PART + 1));
    const parts = `/api/v1/datasets/${id}/artifacts/${artifact.id}/parts`;
    const beyond = await P.post(parts, { parts: [{ number: 4, sha256: 'a'.repeat(64) }] });
    expect(beyond.status).toBe(400);
    expect(beyond.body.errors).toEqual([expect.objectContaining({ path: '/parts/0/number', code: 'maximum' })]);
    const twice = await P.post(parts, {
      parts: [
        { number: 1, sha256: 'a'.repeat(64) },
        { number: 1, sha256: 'b'.repeat(64) },
      ],
    });
    expect(twice.body.errors).toEqual([expect.objectContaining({ path: '/parts/1/number', code: 'duplicate_code' })]);
    const badSha = await P.post(parts, { parts: [{ number: 1, sha256: 'xyz' }] });
    expect(badSha.body.errors).toEqual([expect.objectContaining({ path: '/parts/0/sha256', code: 'invalid_sha256' })]);
    const tooMany = await P.post(parts, { parts: Array.from({ length: 101 }, (_, i) => ({ number: i + 1, sha256: 'a'.repeat(64) })) });
    expect(tooMany.body.errors).toEqual([expect.objectContaining({ path: '/parts', code: 'max_items' })]);
    const badEtag = await P.put(`${parts}/1`, { etag: '<script>' });
    expect(badEtag.body.errors).toEqual([expect.objectContaining({ path: '/etag', code: 'invalid_etag' })]);
    const notIssued = await P.put(`${parts}/2`, { etag: '"abc"' });
    expect(notIssued.status).toBe(409);
    expect(notIssued.body.code).toBe('artifact_part_not_issued');
    const badNumber = await P.put(`${parts}/0`, { etag: '"abc"' });
    expect(badNumber.body.errors).toEqual([expect.objectContaining({ path: '/path/number', code: 'out_of_range' })]);

    // A single-PUT file has no parts.
    const sample = await uploadSample(P, id, randomBytes(64));
    const notMultipart = await P.post(`/api/v1/datasets/${id}/artifacts/${sample.created.body.artifact.id}/parts`, {
      parts: [{ number: 1, sha256: 'a'.repeat(64) }],
    });
    expect(notMultipart.status).toBe(409);
    expect(notMultipart.body.code).toBe('artifact_not_multipart');
  });

  it('bounds unfinished uploads per dataset; deleting one aborts it and frees a place', async () => {
    const id = await draft();
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push((await register(id, randomBytes(16))).artifact.id);
    const fourth = await P.post(`/api/v1/datasets/${id}/artifacts`, {
      kind: 'data',
      filename: 'e.bin',
      contentType: 'application/octet-stream',
      bytes: 16,
      sha256: 'a'.repeat(64),
    });
    expect(fourth.status).toBe(409);
    expect(fourth.body.code).toBe('too_many_pending_uploads');
    const removed = await P.delete(`/api/v1/datasets/${id}/artifacts/${ids[0]}`);
    expect(removed.status).toBe(204);
    expect(await ArtifactUpload.exists({ _id: ids[0] })).toBeNull();
    expect((await P.get(`/api/v1/datasets/${id}/artifacts/${ids[0]}/upload`)).status).toBe(404);
    expect(
      (
        await P.post(`/api/v1/datasets/${id}/artifacts`, {
          kind: 'data',
          filename: 'e.bin',
          contentType: 'application/octet-stream',
          bytes: 16,
          sha256: 'a'.repeat(64),
        })
      ).status,
    ).toBe(201);
  });

  it('deleting a draft forgets its unfinished uploads', async () => {
    const id = await draft();
    const { artifact } = await register(id, randomBytes(16));
    expect(await ArtifactUpload.exists({ _id: artifact.id })).not.toBeNull();
    const current = await P.get(`/api/v1/datasets/${id}`);
    const removed = await P.delete(`/api/v1/datasets/${id}`, { 'if-match': current.headers.get('etag')! });
    expect(removed.status, removed.text).toBe(204);
    expect(await ArtifactUpload.exists({ datasetId: id })).toBeNull();
  });

  it('lets only the provider’s people send parts: anonymous 401, other roles 403, outsiders 404', async () => {
    const id = await draft();
    const body = randomBytes(PART + 1);
    const { artifact } = await register(id, body);
    const parts = `/api/v1/datasets/${id}/artifacts/${artifact.id}/parts`;
    const ask = { parts: [{ number: 1, sha256: sha(slice(body, 1)) }] };
    expect((await app.anon.post(parts, ask)).status).toBe(401);
    expect((await app.anon.get(`/api/v1/datasets/${id}/artifacts/${artifact.id}/upload`)).status).toBe(401);
    expect((await R.post(parts, ask)).status).toBe(403);
    const outsider = app.as(await createUser({ roles: ['provider'] }));
    expect((await outsider.post(parts, ask)).status).toBe(404);
    expect((await outsider.put(`${parts}/1`, { etag: '"abc"' })).status).toBe(404);
    expect((await outsider.post(`/api/v1/datasets/${id}/artifacts/${artifact.id}/complete`)).status).toBe(404);
    expect((await outsider.get(`/api/v1/datasets/${id}/artifacts/${artifact.id}/upload`)).status).toBe(404);
    expect(await AuditEvent.countDocuments({ action: 'artifact.part_urls_issued', targetId: id })).toBe(0);
  });
});

describe('downloads of full data reached in a browser', () => {
  it('needs scope full, and a refused navigation is sent to the file page (API clients still get the problem)', async () => {
    const created = await P.post(
      '/api/v1/datasets',
      buildDataset({ disclosure: { ...buildDataset().disclosure, accessLevel: 'registered', samplesAccess: 'open' } }),
    );
    const id = created.body.id as string;
    await uploadSample(P, id, randomBytes(64));
    const body = randomBytes(1000);
    const { artifact } = await register(id, body);
    await sendParts(id, artifact.id, body, [1]);
    expect((await P.post(`/api/v1/datasets/${id}/artifacts/${artifact.id}/complete`)).status).toBe(200);
    await P.post(`/api/v1/datasets/${id}/submit`);
    await R.post(`/api/v1/datasets/${id}/review`, { action: 'approve' });

    const path = `/api/v1/datasets/${id}/artifacts/${artifact.id}/download`;
    const api = await app.anon.get(path);
    expect(api.status).toBe(403);
    expect(api.body).toMatchObject({ code: 'download_not_allowed', decision: 'sign_in_required', scope: 'full' });
    const browser = await app.anon.get(`${path}?purpose=education`, {
      accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8',
    });
    expect(browser.status).toBe(303);
    expect(browser.headers.get('location')).toBe(`/datasets/${id}/files/${artifact.id}?purpose=education`);
    const english = await app.anon.get(`${path}?lang=en`, { accept: 'text/html' });
    expect(english.headers.get('location')).toBe(`/datasets/${id}/files/${artifact.id}?lang=en`);
    const unknown = await app.anon.get(`/api/v1/datasets/${id}/artifacts/nope/download`, { accept: 'text/html' });
    expect(unknown.status).toBe(303);
    // Signed in, the same navigation goes straight to storage.
    const researcher = app.as(await createUser({ roles: ['researcher'] }));
    const allowed = await researcher.get(path, { accept: 'text/html' });
    expect(allowed.status).toBe(302);
    expect(Buffer.from(await (await fetch(allowed.headers.get('location')!)).arrayBuffer()).equals(body)).toBe(true);
  });
});
