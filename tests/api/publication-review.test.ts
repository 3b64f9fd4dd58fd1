// Review covers every public change: files added to or removed from a published dataset belong to
// the working copy and go live only when a reviewer approves the next version; the reviewer's note
// stays private while the provider's change summary is public.
import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Dataset } from '../../server/datasets/model';
import { createOrg, createUser, startTestApp, type Client, type TestApp } from '../helpers/app';
import { publishDataset, uploadSample } from '../helpers/factories';

let app: TestApp;
let provider: Client;
let reviewer: Client;
beforeAll(async () => {
  app = await startTestApp();
  const org = await createOrg();
  provider = app.as(await createUser({ roles: ['provider'], org }));
  reviewer = app.as(await createUser({ roles: ['reviewer'], org }));
});
afterAll(async () => {
  await app?.close();
});

const ids = (list: Array<{ id: string }>) => list.map((a) => a.id).sort();

async function publicFiles(id: string): Promise<string[]> {
  const res = await app.anon.get(`/api/v1/datasets/${id}`);
  expect(res.status).toBe(200);
  return ids(res.body.artifacts);
}

async function resubmit(id: string, changeNote?: { ko?: string; en?: string }) {
  const res = await provider.post(`/api/v1/datasets/${id}/submit`, changeNote ? { changeNote } : {});
  expect(res.status).toBe(200);
  return res;
}

describe('files of a published dataset', () => {
  it('a file added after publication is not public until a reviewer approves the next version', async () => {
    const published = await publishDataset(provider, reviewer);
    const before = await publicFiles(published.id);
    const { done } = await uploadSample(provider, published.id, randomBytes(512), { filename: 'extra.csv' });
    const added = done.body.artifact.id as string;

    expect(await publicFiles(published.id)).toEqual(before);
    expect((await app.anon.get(`/api/v1/datasets/${published.id}/artifacts`)).body.items.map((a: { id: string }) => a.id)).not.toContain(added);
    const anonymous = await app.anon.get(`/api/v1/datasets/${published.id}/artifacts/${added}/download?format=json`);
    expect(anonymous.status).toBe(404);
    const data = await app.anon.get(`/data.json`);
    expect(data.text).not.toContain(added);

    const working = await provider.get(`/api/v1/datasets/${published.id}`);
    expect(working.body.status).toBe('draft');
    expect(ids(working.body.fileChanges.added)).toEqual([added]);
    expect(working.body.fileChanges.removed).toEqual([]);
    expect((await provider.get(`/api/v1/datasets/${published.id}/artifacts/${added}/download?format=json`)).status).toBe(200);

    await resubmit(published.id, { en: 'Added a second sample file.', ko: '두 번째 표본 파일을 추가했습니다.' });
    const queued = await reviewer.get(`/api/v1/datasets/${published.id}`);
    expect(ids(queued.body.fileChanges.added)).toEqual([added]);
    expect(queued.body.review.changeNote).toEqual({ en: 'Added a second sample file.', ko: '두 번째 표본 파일을 추가했습니다.' });
    expect((await reviewer.post(`/api/v1/datasets/${published.id}/review`, { action: 'approve', comment: 'Checked the new file.' })).status).toBe(200);

    expect(await publicFiles(published.id)).toEqual([...before, added].sort());
    expect((await app.anon.get(`/api/v1/datasets/${published.id}/artifacts/${added}/download?format=json`)).status).toBe(200);
  });

  it('a removed file stays public and stored until the removal is approved, then it is gone', async () => {
    const published = await publishDataset(provider, reviewer);
    const [fileId] = await publicFiles(published.id);
    const key = (await Dataset.findById(published.id).lean())!.artifacts.find((a) => a.id === fileId)!.key;
    await uploadSample(provider, published.id, randomBytes(256), { filename: 'replacement.csv' });
    expect((await provider.delete(`/api/v1/datasets/${published.id}/artifacts/${fileId}`)).status).toBe(204);

    expect(await publicFiles(published.id)).toContain(fileId);
    expect((await app.anon.get(`/api/v1/datasets/${published.id}/artifacts/${fileId}/download?format=json`)).status).toBe(200);
    expect(await app.storage.head(key)).not.toBeNull();
    const working = await provider.get(`/api/v1/datasets/${published.id}`);
    expect(ids(working.body.fileChanges.removed)).toEqual([fileId]);

    await resubmit(published.id);
    expect((await reviewer.post(`/api/v1/datasets/${published.id}/review`, { action: 'approve' })).status).toBe(200);
    expect(await publicFiles(published.id)).not.toContain(fileId);
    expect((await app.anon.get(`/api/v1/datasets/${published.id}/artifacts/${fileId}/download?format=json`)).status).toBe(404);
    expect(await app.storage.head(key)).toBeNull();
  });

  it('a file removed before it was ever approved is deleted from storage at once', async () => {
    const published = await publishDataset(provider, reviewer);
    const { done } = await uploadSample(provider, published.id, randomBytes(128), { filename: 'mistake.csv' });
    const key = (await Dataset.findById(published.id).lean())!.artifacts.find((a) => a.id === done.body.artifact.id)!.key;
    expect((await provider.delete(`/api/v1/datasets/${published.id}/artifacts/${done.body.artifact.id}`)).status).toBe(204);
    expect(await app.storage.head(key)).toBeNull();
  });
});

describe('publication history', () => {
  it("shows the provider's change summary to everyone and the reviewer's note only to the provider's people and reviewers", async () => {
    const published = await publishDataset(provider, reviewer);
    await provider.patch(`/api/v1/datasets/${published.id}`, { summary: { en: 'Now with speaker metadata.', ko: '화자 메타데이터를 추가했습니다.' } });
    await resubmit(published.id, { en: 'Speaker metadata added.' });
    await reviewer.post(`/api/v1/datasets/${published.id}/review`, { action: 'approve', comment: 'INTERNAL: consent forms for speakers 17-20 still missing' });

    const anon = await app.anon.get(`/api/v1/datasets/${published.id}/versions`);
    expect(anon.status).toBe(200);
    expect(anon.text).not.toContain('INTERNAL');
    expect(anon.body.items[0]).toMatchObject({ version: 2, changeNote: { en: 'Speaker metadata added.' }, changedFields: ['summary'] });
    expect(anon.body.items[0]).not.toHaveProperty('reviewerComment');
    const one = await app.anon.get(`/api/v1/datasets/${published.id}/versions/2`);
    expect(one.text).not.toContain('INTERNAL');

    const own = await provider.get(`/api/v1/datasets/${published.id}/versions`);
    expect(own.body.items[0].reviewerComment).toContain('INTERNAL');
  });
});

describe('upload content type', () => {
  it('rejects at completion an object stored with another content type than the one signed', async () => {
    const published = await publishDataset(provider, reviewer);
    const body = Buffer.from('not,really\n1,2\n');
    const sha256 = createHash('sha256').update(body).digest('hex');
    const created = await provider.post(`/api/v1/datasets/${published.id}/artifacts`, { kind: 'sample', filename: 's.csv', contentType: 'text/csv', bytes: body.length, sha256 });
    expect(created.status).toBe(201);
    await fetch(created.body.upload.url, { method: 'PUT', headers: { 'Content-Type': 'text/html' }, body });
    const done = await provider.post(`/api/v1/datasets/${published.id}/artifacts/${created.body.artifact.id}/complete`);
    expect(done.status).toBe(422);
    expect(done.body.code).toBe('artifact_content_type_mismatch');
    const stored = (await Dataset.findById(published.id).lean())!.artifacts.find((a) => a.id === created.body.artifact.id)!;
    expect(stored.status).toBe('rejected');
    expect(await app.storage.head(stored.key)).toBeNull();
  });
});
