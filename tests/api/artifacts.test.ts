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
      disclosure: { ...buildDataset().disclosure, accessLevel: 'approval', samplesAccess: 'same_as_data' },
    });
    const artifact = published.artifacts[0];
    const outsider = await createUser({ roles: ['researcher'] });
    const audited = await AuditEvent.countDocuments({ action: 'artifact.download_url_issued', targetId: published.id });
    const denied = await app.as(outsider).get(`/api/v1/datasets/${published.id}/artifacts/${artifact.id}/download`);
    expect(denied.status).toBe(403);
    expect(denied.body).toMatchObject({ code: 'download_not_allowed', decision: 'request_required', reasons: [], requirements: [], scope: 'samples', purpose: 'research' });
    // Anonymous callers get the engine's answer too, never a bare 401.
    const anonymous = await app.anon.get(`/api/v1/datasets/${published.id}/artifacts/${artifact.id}/download`);
    expect(anonymous.status).toBe(403);
    expect(anonymous.body.decision).toBe('request_required');
    expect(await AuditEvent.countDocuments({ action: 'artifact.download_url_issued', targetId: published.id })).toBe(audited);
    expect((await P.get(`/api/v1/datasets/${published.id}/artifacts/${artifact.id}/download?format=json`)).status).toBe(200);
    expect((await R.get(`/api/v1/datasets/${published.id}/artifacts/${artifact.id}/download?format=json`)).status).toBe(200);
  });

  it('gives samples by samplesAccess and other files by accessLevel (registered: sign in first)', async () => {
    const draft = await P.post('/api/v1/datasets', buildDataset({ disclosure: { ...buildDataset().disclosure, accessLevel: 'registered', samplesAccess: 'open' } }));
    await uploadSample(P, draft.body.id, randomBytes(64));
    await uploadSample(P, draft.body.id, randomBytes(64), { kind: 'other', filename: 'full.csv' });
    await P.post(`/api/v1/datasets/${draft.body.id}/submit`);
    const published = (await R.post(`/api/v1/datasets/${draft.body.id}/review`, { action: 'approve' })).body;
    const artifacts = (await P.get(`/api/v1/datasets/${published.id}/artifacts`)).body.items as Array<{ id: string; kind: string }>;
    const sample = artifacts.find((a) => a.kind === 'sample')!;
    const other = artifacts.find((a) => a.kind === 'other')!;
    expect((await app.anon.get(`/api/v1/datasets/${published.id}/artifacts/${sample.id}/download`)).status).toBe(302);
    const anonymous = await app.anon.get(`/api/v1/datasets/${published.id}/artifacts/${other.id}/download`);
    expect(anonymous.status).toBe(403);
    expect(anonymous.body).toMatchObject({ code: 'download_not_allowed', decision: 'sign_in_required', scope: 'full' });
    const researcher = app.as(await createUser({ roles: ['researcher'], country: 'US', orgType: 'university' }));
    expect((await researcher.get(`/api/v1/datasets/${published.id}/artifacts/${other.id}/download`)).status).toBe(302);
  });

  it('lets signed-in outsiders download registered samples of an approval-level dataset', async () => {
    const published = await publishDataset(P, R, {
      disclosure: { ...buildDataset().disclosure, accessLevel: 'approval', samplesAccess: 'registered' },
    });
    const artifact = published.artifacts[0];
    expect((await app.anon.get(`/api/v1/datasets/${published.id}/artifacts/${artifact.id}/download`)).body.decision).toBe('sign_in_required');
    const outsider = app.as(await createUser({ roles: ['researcher'] }));
    expect((await outsider.get(`/api/v1/datasets/${published.id}/artifacts/${artifact.id}/download`)).status).toBe(302);
  });

  it("explains a refusal in the caller's language: reasons for the purpose, requirements across the border", async () => {
    const published = await publishDataset(P, R, {
      license: { id: 'CC-BY-NC-4.0' },
      disclosure: { ...buildDataset().disclosure, crossBorder: 'conditional' },
    });
    const artifact = published.artifacts[0];
    const url = `/api/v1/datasets/${published.id}/artifacts/${artifact.id}/download`;
    const korean = app.as(await createUser({ roles: ['researcher'] }));
    expect((await korean.get(url)).status).toBe(302);
    const commercial = await korean.get(`${url}?purpose=commercial&lang=ko`);
    expect(commercial.status).toBe(403);
    expect(commercial.body).toMatchObject({
      decision: 'deny',
      reasons: [{ code: 'license_noncommercial', message: '이용허락 조건상 상업적 이용이 금지되어 있습니다.' }],
      requirements: [],
      purpose: 'commercial',
    });
    expect(commercial.body.title).toBe('다운로드 불가');
    const american = app.as(await createUser({ roles: ['researcher'], country: 'US', orgType: 'university' }));
    const abroad = await american.get(url);
    expect(abroad.status).toBe(403);
    expect(abroad.body).toMatchObject({
      decision: 'request_required',
      reasons: [],
      requirements: [{ code: 'cross_border_agreement', message: 'A cross-border transfer agreement with the provider is required.', blocking: true }],
    });
    const bad = await korean.get(`${url}?purpose=fun`);
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([expect.objectContaining({ path: '/query/purpose', code: 'enum' })]);
  });
});
