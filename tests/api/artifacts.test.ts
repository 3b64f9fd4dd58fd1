import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditEvent } from '../../server/audit/model';
import { Dataset } from '../../server/datasets/model';
import { createOrg, createUser, startTestApp, type Client, type TestApp } from '../helpers/app';
import { buildDataset, publishDataset, uploadSample } from '../helpers/factories';

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

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

describe('artifact uploads', () => {
  it('issues a presigned PUT, verifies size and SHA-256 on complete, and makes the file available', async () => {
    const ds = await P.post('/api/v1/datasets', buildDataset());
    const body = randomBytes(4096);
    const { created, done } = await uploadSample(P, ds.body.id, body, { filename: '샘플 데이터.csv' });
    expect(created.body.upload).toMatchObject({ method: 'PUT' });
    expect(new Date(created.body.upload.expiresAt).getTime()).toBeGreaterThan(Date.now());
    expect(created.body.artifact).toMatchObject({ status: 'pending', bytes: 4096, filename: '샘플 데이터.csv' });
    expect(created.body.artifact).not.toHaveProperty('key');
    expect(done.status).toBe(200);
    expect(done.body.artifact).toMatchObject({ status: 'available', sha256: sha(body) });
    const stored = await Dataset.findById(ds.body.id).lean();
    const key = stored!.artifacts[0].key;
    expect(await app.storage.sha256(key)).toBe(sha(body));
  });

  it('rejects a checksum mismatch with 422 and deletes the object', async () => {
    const ds = await P.post('/api/v1/datasets', buildDataset());
    const declared = randomBytes(2048);
    const actual = randomBytes(2048);
    const created = await P.post(`/api/v1/datasets/${ds.body.id}/artifacts`, { kind: 'sample', filename: 'a.csv', contentType: 'text/csv', bytes: 2048, sha256: sha(declared) });
    await fetch(created.body.upload.url, { method: 'PUT', headers: created.body.upload.headers, body: actual });
    const res = await P.post(`/api/v1/datasets/${ds.body.id}/artifacts/${created.body.artifact.id}/complete`);
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('artifact_checksum_mismatch');
    const stored = await Dataset.findById(ds.body.id).lean();
    expect(stored!.artifacts[0].status).toBe('rejected');
    expect(await app.storage.head(stored!.artifacts[0].key)).toBeNull();
  });

  it('rejects a size mismatch with 422 and a missing upload with 422', async () => {
    const ds = await P.post('/api/v1/datasets', buildDataset());
    const data = randomBytes(100);
    const created = await P.post(`/api/v1/datasets/${ds.body.id}/artifacts`, { kind: 'sample', filename: 'b.csv', contentType: 'text/csv', bytes: 200, sha256: sha(data) });
    const missing = await P.post(`/api/v1/datasets/${ds.body.id}/artifacts/${created.body.artifact.id}/complete`);
    expect(missing.status).toBe(422);
    expect(missing.body.code).toBe('upload_missing');
    await app.storage.putObject((await Dataset.findById(ds.body.id).lean())!.artifacts[0].key, data, { contentType: 'text/csv' });
    const res = await P.post(`/api/v1/datasets/${ds.body.id}/artifacts/${created.body.artifact.id}/complete`);
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('artifact_size_mismatch');
  });

  it('allow-lists content types per kind (415) and bounds sizes (413)', async () => {
    const ds = await P.post('/api/v1/datasets', buildDataset());
    const exe = await P.post(`/api/v1/datasets/${ds.body.id}/artifacts`, { kind: 'sample', filename: 'x.exe', contentType: 'application/x-msdownload', bytes: 10, sha256: sha(Buffer.from('x')) });
    expect(exe.status).toBe(415);
    expect(exe.body.code).toBe('artifact_content_type_not_allowed');
    const huge = await P.post(`/api/v1/datasets/${ds.body.id}/artifacts`, { kind: 'guideline', filename: 'g.pdf', contentType: 'application/pdf', bytes: 10 * 1024 ** 3, sha256: sha(Buffer.from('x')) });
    expect(huge.status).toBe(413);
    expect(huge.body.code).toBe('artifact_too_large');
    const badSha = await P.post(`/api/v1/datasets/${ds.body.id}/artifacts`, { kind: 'sample', filename: 'y.csv', contentType: 'text/csv', bytes: 10, sha256: 'nothex' });
    expect(badSha.status).toBe(400);
    expect(badSha.body.errors[0].path).toBe('/sha256');
    const outsider = await createUser({ roles: ['provider'] });
    expect((await app.as(outsider).post(`/api/v1/datasets/${ds.body.id}/artifacts`, { kind: 'sample', filename: 'z.csv', contentType: 'text/csv', bytes: 1, sha256: sha(Buffer.from('z')) })).status).toBe(404);
  });
});

describe('artifact downloads', () => {
  it('redirects anyone to a short-lived URL for an open public dataset, and audits it', async () => {
    const published = await publishDataset(P, R);
    const artifact = published.artifacts[0];
    const res = await app.anon.get(`/api/v1/datasets/${published.id}/artifacts/${artifact.id}/download`);
    expect(res.status).toBe(302);
    const location = res.headers.get('location')!;
    expect(new URL(location).hostname).toBe('127.0.0.1');
    expect(Number(new URL(location).searchParams.get('X-Amz-Expires'))).toBeLessThanOrEqual(300);
    const file = await fetch(location);
    expect(file.status).toBe(200);
    expect(sha(Buffer.from(await file.arrayBuffer()))).toBe(artifact.sha256);
    const json = await app.anon.get(`/api/v1/datasets/${published.id}/artifacts/${artifact.id}/download?format=json`);
    expect(json.status).toBe(200);
    expect(new Date(json.body.expiresAt).getTime() - Date.now()).toBeLessThanOrEqual(300_000);
    expect(await AuditEvent.countDocuments({ action: 'artifact.download_url_issued', targetId: published.id })).toBe(2);
  });

  it('forbids outsiders on approval-level datasets but lets provider members download', async () => {
    const published = await publishDataset(P, R, {
      disclosure: { ...buildDataset().disclosure, accessLevel: 'approval', samplesAccess: 'registered' },
    });
    const artifact = published.artifacts[0];
    const outsider = await createUser({ roles: ['researcher'] });
    const denied = await app.as(outsider).get(`/api/v1/datasets/${published.id}/artifacts/${artifact.id}/download`);
    expect(denied.status).toBe(403);
    expect(denied.body.code).toBe('download_not_allowed');
    expect((await P.get(`/api/v1/datasets/${published.id}/artifacts/${artifact.id}/download?format=json`)).status).toBe(200);
  });
});
