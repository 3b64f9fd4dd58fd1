// Publication workflow notifications (docs/design.md §5): a submission tells the provider's reviewers and the
// national reviewers, never the submitter; the outcome tells the provider's members, never the
// actor. And a resubmission shows the reviewer what changed since the last review decision.
import { randomBytes } from 'node:crypto';
import { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FANOUT_LIMIT, activeMembersOf, nationalReviewers } from '../../server/notifications/notify';
import { createOrg, createUser, startTestApp, type Client, type TestApp } from '../helpers/app';
import { buildDataset, uploadSample } from '../helpers/factories';

let app: TestApp;
/** Provider P, provider-and-reviewer PR, reviewer R and researcher M of the agency; N of the national desk; outsiders X (a reviewer elsewhere) and Y. */
let P: Client, PR: Client, R: Client, M: Client, N: Client, X: Client, Y: Client;
let agencyId: string;

interface Note {
  id: string;
  code: string;
  message: string;
  link: string | null;
  target: { type: string; id: string };
}

async function notes(c: Client, lang = 'en'): Promise<Note[]> {
  const res = await c.get(`/api/v1/notifications?pageSize=100&lang=${lang}`);
  expect(res.status).toBe(200);
  return res.body.items;
}
const about = (list: Note[], id: string, code: string) => list.filter((n) => n.target.id === id && n.code === code);

async function createDraft(overrides: Record<string, unknown> = {}) {
  const res = await P.post('/api/v1/datasets', buildDataset(overrides));
  expect(res.status, res.text).toBe(201);
  return res.body as { id: string; slug: string; title: { ko: string; en: string } };
}

async function submit(c: Client, id: string) {
  const res = await c.post(`/api/v1/datasets/${id}/submit`, {});
  expect(res.status, res.text).toBe(200);
}

async function review(c: Client, id: string, action: 'approve' | 'request_changes', comment?: string) {
  const res = await c.post(`/api/v1/datasets/${id}/review`, comment ? { action, comment } : { action });
  expect(res.status, res.text).toBe(200);
}

beforeAll(async () => {
  app = await startTestApp();
  const agency = await createOrg();
  agencyId = String(agency._id);
  const desk = await createOrg({ nationalReviewer: true });
  P = app.as(await createUser({ roles: ['provider'], org: agency }));
  PR = app.as(await createUser({ roles: ['provider', 'reviewer'], org: agency }));
  R = app.as(await createUser({ roles: ['reviewer'], org: agency, locale: 'ko' }));
  M = app.as(await createUser({ roles: ['researcher'], org: agency }));
  N = app.as(await createUser({ roles: ['reviewer'], org: desk }));
  X = app.as(await createUser({ roles: ['reviewer'] }));
  Y = app.as(await createUser({ roles: ['researcher'], country: 'US', orgType: 'university' }));
  // Not an active member, so never told: an applicant to the agency.
  await createUser({ roles: ['reviewer'], org: agency, membership: 'pending' });
});
afterAll(async () => {
  await app?.close();
});

describe('publication notifications', () => {
  it('a submission tells the agency’s reviewers and the national reviewers, in both languages, and not the submitter or anyone else', async () => {
    const ds = await createDraft();
    await uploadSample(P, ds.id);
    await submit(PR, ds.id);
    for (const c of [R, N]) {
      const [n, ...more] = about(await notes(c), ds.id, 'dataset_submitted');
      expect(more).toEqual([]);
      expect(n).toMatchObject({ target: { type: 'dataset', id: ds.id }, link: `/review?open=${ds.id}` });
      expect(n.message).toContain(ds.title.en);
      expect(n.message).toContain('version 1');
      const [ko] = about(await notes(c, 'ko'), ds.id, 'dataset_submitted');
      expect(ko.message).toContain(ds.title.ko);
      expect(ko.message).toContain('공개 심사를 요청했습니다');
    }
    for (const c of [PR, P, M, X, Y]) expect(about(await notes(c), ds.id, 'dataset_submitted')).toEqual([]);
  });

  it('changes requested, a resubmission, publication and withdrawal each reach the right people with the right link', async () => {
    const ds = await createDraft();
    await uploadSample(P, ds.id);
    await submit(P, ds.id);

    await review(R, ds.id, 'request_changes', 'Please describe the consent process.');
    // Every active member of the provider but the reviewer who acted; editors are sent to the editor.
    const [toProvider] = about(await notes(P), ds.id, 'dataset_changes_requested');
    expect(toProvider.link).toBe(`/workspace/datasets/${ds.id}`);
    expect(toProvider.message).toContain(ds.title.en);
    const [toMember] = about(await notes(M, 'ko'), ds.id, 'dataset_changes_requested');
    expect(toMember.link).toBe(`/datasets/${ds.slug}`);
    expect(toMember.message).toContain(ds.title.ko);
    expect(toMember.message).toContain('수정을 요청했습니다');
    expect(about(await notes(PR), ds.id, 'dataset_changes_requested')).toHaveLength(1);
    for (const c of [R, N, X, Y]) expect(about(await notes(c), ds.id, 'dataset_changes_requested')).toEqual([]);

    await submit(P, ds.id);
    for (const c of [R, N, PR]) {
      const [n] = about(await notes(c), ds.id, 'dataset_resubmitted');
      expect(n.link).toBe(`/review?open=${ds.id}`);
      expect(n.message).toContain('resubmitted');
    }
    expect(about(await notes(P), ds.id, 'dataset_resubmitted')).toEqual([]);

    await review(N, ds.id, 'approve', 'Fine now.');
    for (const c of [P, PR, R, M]) {
      const [n] = about(await notes(c), ds.id, 'dataset_published');
      expect(n.link).toBe(`/datasets/${ds.slug}`);
      expect(n.message).toContain('version 1');
    }
    const [publishedKo] = about(await notes(P, 'ko'), ds.id, 'dataset_published');
    expect(publishedKo.message).toContain('공개되었습니다');
    for (const c of [N, X, Y]) expect(about(await notes(c), ds.id, 'dataset_published')).toEqual([]);

    expect((await P.post(`/api/v1/datasets/${ds.id}/withdraw`, {})).status).toBe(200);
    for (const c of [PR, R, M]) {
      const [n] = about(await notes(c), ds.id, 'dataset_withdrawn');
      expect(n.link).toBe(`/datasets/${ds.slug}`);
      expect(n.message).toContain(ds.title.en);
    }
    for (const c of [P, N, X, Y]) expect(about(await notes(c), ds.id, 'dataset_withdrawn')).toEqual([]);
  });

  it('a refused step notifies nobody', async () => {
    const ds = await createDraft({ summary: undefined });
    expect((await P.post(`/api/v1/datasets/${ds.id}/submit`, {})).status).toBe(422);
    expect(about(await notes(R), ds.id, 'dataset_submitted')).toEqual([]);
  });

  it('fan-out is bounded: beyond the limit recipients are left out and reported as truncated', async () => {
    const desk = await createOrg({ nationalReviewer: true });
    await createUser({ roles: ['reviewer'], org: desk });
    const all = await nationalReviewers();
    expect(all.ids.length).toBeGreaterThanOrEqual(2);
    expect(all.truncated).toBe(false);
    const capped = await nationalReviewers(1);
    expect(capped).toMatchObject({ truncated: true });
    expect(capped.ids).toHaveLength(1);
    const members = await activeMembersOf(new Types.ObjectId(agencyId), { limit: 2 });
    expect(members.ids).toHaveLength(2);
    expect(members.truncated).toBe(true);
    expect(FANOUT_LIMIT).toBeGreaterThanOrEqual(50);
  });
});

describe('changes since the last review', () => {
  it('after request_changes, an edit and a resubmission: the changed fields per language and the files added and removed, nothing unchanged', async () => {
    const ds = await createDraft();
    const first = await uploadSample(P, ds.id, randomBytes(300), { filename: 'first.csv' });
    const firstId = first.done.body.artifact.id as string;
    await submit(P, ds.id);

    const never = await R.get(`/api/v1/datasets/${ds.id}/review-changes`);
    expect(never.status).toBe(200);
    expect(never.body).toMatchObject({ id: ds.id, since: null, fields: [], files: { added: [], removed: [] } });

    await review(R, ds.id, 'request_changes', 'Name the recording devices; access should need sign-in.');
    const right = await R.get(`/api/v1/datasets/${ds.id}/review-changes`);
    expect(right.body.since).toMatchObject({ action: 'request_changes', comment: 'Name the recording devices; access should need sign-in.', version: 0 });
    expect(right.body.fields).toEqual([]);

    const patched = await P.patch(`/api/v1/datasets/${ds.id}`, {
      title: { en: 'Korean speech recognition data (studio devices)' },
      summary: { ko: '스튜디오 장비로 녹음한 자유 발화 음성과 전사 텍스트입니다.' },
      keywords: { en: ['speech recognition', 'transcription', 'studio'] },
      disclosure: { accessLevel: 'registered' },
    });
    expect(patched.status, patched.text).toBe(200);
    const second = await uploadSample(P, ds.id, randomBytes(200), { filename: 'second.csv' });
    expect((await P.delete(`/api/v1/datasets/${ds.id}/artifacts/${firstId}`)).status).toBe(204);
    await submit(P, ds.id);

    const res = await R.get(`/api/v1/datasets/${ds.id}/review-changes`);
    expect(res.status).toBe(200);
    expect(res.body.comparable).toBe(true);
    expect(res.body.since).toMatchObject({ action: 'request_changes', by: { name: expect.any(String) } });
    const byPath = Object.fromEntries(res.body.fields.map((f: { path: string }) => [f.path, f]));
    expect(Object.keys(byPath).sort()).toEqual(['/disclosure/accessLevel', '/keywords/en', '/summary/ko', '/title/en']);
    expect(byPath['/title/en']).toEqual({ field: 'title', path: '/title/en', lang: 'en', before: ds.title.en, after: 'Korean speech recognition data (studio devices)' });
    expect(byPath['/summary/ko']).toMatchObject({ field: 'summary', lang: 'ko', after: '스튜디오 장비로 녹음한 자유 발화 음성과 전사 텍스트입니다.' });
    expect(byPath['/keywords/en']).toMatchObject({ before: ['speech recognition', 'transcription'], after: ['speech recognition', 'transcription', 'studio'] });
    expect(byPath['/disclosure/accessLevel']).toMatchObject({ field: 'disclosure', before: 'open', after: 'registered' });
    expect(byPath['/disclosure/accessLevel']).not.toHaveProperty('lang');
    expect(res.body.files.added.map((a: { id: string }) => a.id)).toEqual([second.done.body.artifact.id]);
    expect(res.body.files.removed.map((a: { filename: string }) => a.filename)).toEqual(['first.csv']);
    expect(JSON.stringify(res.body)).not.toMatch(/"key"/);

    // The provider's members and the national reviewers see it too; outsiders and anonymous callers get 404.
    for (const c of [P, M, N]) expect((await c.get(`/api/v1/datasets/${ds.id}/review-changes`)).status).toBe(200);
    for (const c of [X, Y, app.anon]) {
      const denied = await c.get(`/api/v1/datasets/${ds.id}/review-changes`);
      expect(denied.status).toBe(404);
      expect(denied.body.code).toBe('dataset_not_found');
    }
    expect((await R.get(`/api/v1/datasets/${ds.slug}/review-changes`)).body.fields).toHaveLength(4);
  });

  it('a revision of a published dataset is compared with the approved version; its published face stays hidden from outsiders', async () => {
    const ds = await createDraft();
    await uploadSample(P, ds.id);
    await submit(P, ds.id);
    await review(R, ds.id, 'approve', 'Good.');
    expect((await P.patch(`/api/v1/datasets/${ds.id}`, { description: { en: 'Recorded in 2024 by 520 speakers.' } })).status).toBe(200);
    await submit(P, ds.id);
    const res = await N.get(`/api/v1/datasets/${ds.id}/review-changes`);
    expect(res.body.since).toMatchObject({ action: 'approve', comment: 'Good.', version: 1 });
    expect(res.body.fields.map((f: { path: string }) => f.path)).toEqual(['/description/en']);
    expect(res.body.files).toEqual({ added: [], removed: [] });
    // Published, yet the working copy's changes are not the public's business.
    expect((await app.anon.get(`/api/v1/datasets/${ds.id}`)).status).toBe(200);
    expect((await app.anon.get(`/api/v1/datasets/${ds.id}/review-changes`)).status).toBe(404);
    expect((await Y.get(`/api/v1/datasets/${ds.id}/review-changes`)).status).toBe(404);
  });

  it('two reviewers asking for changes at once: one decision, one record, the other 409', async () => {
    const ds = await createDraft();
    await uploadSample(P, ds.id);
    await submit(P, ds.id);
    const [a, b] = await Promise.all([
      R.post(`/api/v1/datasets/${ds.id}/review`, { action: 'request_changes', comment: 'First.' }),
      N.post(`/api/v1/datasets/${ds.id}/review`, { action: 'request_changes', comment: 'Second.' }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const winner = a.status === 200 ? 'First.' : 'Second.';
    const res = await P.get(`/api/v1/datasets/${ds.id}/review-changes`);
    expect(res.body.since.comment).toBe(winner);
    const working = await P.get(`/api/v1/datasets/${ds.id}`);
    expect(working.body.review.history.filter((e: { action: string }) => e.action === 'request_changes')).toHaveLength(1);
  });
});
