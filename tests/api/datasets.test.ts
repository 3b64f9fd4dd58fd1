import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Dataset } from '../../server/datasets/model';
import { createOrg, createUser, startTestApp, type Client, type TestApp, type TestUser } from '../helpers/app';
import { buildDataset, publishDataset, uploadSample } from '../helpers/factories';

let app: TestApp;
let provider: TestUser;
let reviewer: TestUser;
let P: Client;
let R: Client;
beforeAll(async () => {
  app = await startTestApp({ MAX_JSON_BYTES: '20000' });
  const org = await createOrg({ slug: 'kr-agency' });
  provider = await createUser({ roles: ['provider', 'reviewer'], org });
  reviewer = await createUser({ roles: ['reviewer'], org });
  P = app.as(provider);
  R = app.as(reviewer);
});
afterAll(async () => {
  await app?.close();
});

describe('creating drafts', () => {
  it('creates a minimal draft (slug and one title) with an ETag, readable by slug', async () => {
    const res = await P.post('/api/v1/datasets', { slug: 'minimal-draft', title: { ko: '최소 초안' } });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ slug: 'minimal-draft', status: 'draft', version: 0, title: { ko: '최소 초안' }, provider: { slug: 'kr-agency' } });
    expect(res.body).not.toHaveProperty('_id');
    expect(res.body).not.toHaveProperty('__v');
    expect(res.headers.get('etag')).toBe('"r1"');
    const bySlug = await P.get('/api/v1/datasets/minimal-draft');
    expect(bySlug.status).toBe(200);
    expect(bySlug.body.id).toBe(res.body.id);
  });

  it('rejects invalid input with field paths, localised, and writes nothing', async () => {
    const before = await Dataset.countDocuments();
    const body = { slug: 'Bad Slug!', title: { en: '' }, summary: { en: 'x'.repeat(301) }, unknownField: 1 };
    const en = await P.post('/api/v1/datasets', body);
    expect(en.status).toBe(400);
    expect(en.headers.get('content-type')).toMatch(/application\/problem\+json/);
    const paths = en.body.errors.map((e: { path: string }) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['/slug', '/summary/en', '/unknownField']));
    const ko = await P.post('/api/v1/datasets?lang=ko', body);
    expect(ko.body.title).toBe('입력값 오류');
    for (const e of ko.body.errors) expect(e.message).toMatch(/[가-힣]/);
    expect(await Dataset.countDocuments()).toBe(before);
  });

  it('enforces the registration rules of classification and personal information', async () => {
    const sensitiveOpen = buildDataset();
    sensitiveOpen.classification.level = 'sensitive';
    const res = await P.post('/api/v1/datasets', sensitiveOpen);
    expect(res.status).toBe(400);
    const paths = res.body.errors.map((e: { path: string }) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['/disclosure/accessLevel', '/disclosure/samplesAccess']));
    const identifiable = buildDataset();
    identifiable.classification.personalInfo = 'identifiable';
    const res2 = await P.post('/api/v1/datasets', identifiable);
    expect(res2.status).toBe(400);
    expect(res2.body.errors.map((e: { path: string }) => e.path)).toContain('/disclosure/accessLevel');
  });

  it('answers 409 for a duplicate slug', async () => {
    const body = buildDataset();
    expect((await P.post('/api/v1/datasets', body)).status).toBe(201);
    const dup = await P.post('/api/v1/datasets', body);
    expect(dup.status).toBe(409);
    expect(dup.body.code).toBe('slug_taken');
  });

  it('requires sign-in and the provider role', async () => {
    expect((await app.anon.post('/api/v1/datasets', buildDataset())).status).toBe(401);
    const researcher = await createUser({ roles: ['researcher'] });
    const res = await app.as(researcher).post('/api/v1/datasets', buildDataset());
    expect(res.status).toBe(403);
  });

  it('answers 415 for a non-JSON body and 413 for an oversized one', async () => {
    const r415 = await P.post('/api/v1/datasets', 'slug=x', { 'content-type': 'application/x-www-form-urlencoded' });
    expect(r415.status).toBe(415);
    expect(r415.body.code).toBe('unsupported_media_type');
    const big = buildDataset({ description: { ko: '가'.repeat(30000), en: 'x' } });
    const r413 = await P.post('/api/v1/datasets', big);
    expect(r413.status).toBe(413);
    expect(r413.body.code).toBe('payload_too_large');
    const badJson = await P.post('/api/v1/datasets', '{"slug": ', { 'content-type': 'application/json' });
    expect(badJson.status).toBe(400);
    expect(badJson.body.code).toBe('invalid_json');
  });
});

describe('editing with ETags', () => {
  it('applies a PATCH with the current ETag, 412 on a stale one, and leaves the document unchanged on failure', async () => {
    const created = await P.post('/api/v1/datasets', buildDataset());
    const id = created.body.id;
    const etag = created.headers.get('etag')!;
    const ok = await P.patch(`/api/v1/datasets/${id}`, { title: { en: 'Renamed' } }, { 'if-match': etag });
    expect(ok.status).toBe(200);
    expect(ok.body.title).toEqual({ ko: created.body.title.ko, en: 'Renamed' });
    expect(ok.headers.get('etag')).not.toBe(etag);

    const stale = await P.patch(`/api/v1/datasets/${id}`, { title: { en: 'Lost update' } }, { 'if-match': etag });
    expect(stale.status).toBe(412);
    expect(stale.body.code).toBe('precondition_failed');

    const before = await Dataset.findById(id).lean();
    const invalid = await P.patch(`/api/v1/datasets/${id}`, { disclosure: { ...created.body.disclosure, accessLevel: 'everyone' } });
    expect(invalid.status).toBe(400);
    const ruleBreak = await P.patch(`/api/v1/datasets/${id}`, { classification: { ...created.body.classification, level: 'confidential' } });
    expect(ruleBreak.status).toBe(400);
    const after = await Dataset.findById(id).lean();
    expect(after).toEqual(before);
  });

  it('removes fields with null (JSON merge patch), but not the title a draft needs', async () => {
    const created = await P.post('/api/v1/datasets', buildDataset({ license: { id: 'custom', commercialUse: false } }));
    expect(created.status).toBe(201);
    const id = created.body.id;

    // commercialUse only qualifies custom terms: switching licence must remove it.
    const kept = await P.patch(`/api/v1/datasets/${id}`, { license: { id: 'CC-BY-4.0' } });
    expect(kept.status).toBe(400);
    expect(kept.body.errors).toEqual([expect.objectContaining({ path: '/license/commercialUse', code: 'not_allowed' })]);
    const relicensed = await P.patch(`/api/v1/datasets/${id}`, { license: { id: 'CC-BY-4.0', commercialUse: null } });
    expect(relicensed.status).toBe(200);
    expect(relicensed.body.license).toEqual({ id: 'CC-BY-4.0' });
    expect((await Dataset.findById(id).lean())!.license).toEqual({ id: 'CC-BY-4.0' });

    const cleared = await P.patch(`/api/v1/datasets/${id}`, { summary: null, disclosure: { maxGrantDays: null } });
    expect(cleared.status).toBe(200);
    expect(cleared.body).not.toHaveProperty('summary');
    expect(cleared.body.disclosure).not.toHaveProperty('maxGrantDays');
    expect(cleared.body.disclosure.accessLevel).toBe('open');
    const stored = await Dataset.findById(id).lean();
    expect(stored).not.toHaveProperty('summary');
    expect(stored!.disclosure).not.toHaveProperty('maxGrantDays');
    expect(stored!.description).toEqual(created.body.description);

    // Removing something that is not there changes nothing else.
    expect((await P.patch(`/api/v1/datasets/${id}`, { summary: null })).status).toBe(200);

    const before = await Dataset.findById(id).lean();
    const untitled = await P.patch(`/api/v1/datasets/${id}`, { title: null });
    expect(untitled.status).toBe(400);
    expect(untitled.body.errors).toEqual([expect.objectContaining({ path: '/title', code: 'required' })]);
    const noLanguage = await P.patch(`/api/v1/datasets/${id}`, { title: { ko: null, en: null } });
    expect(noLanguage.status).toBe(400);
    expect(noLanguage.body.errors).toEqual([expect.objectContaining({ path: '/title', code: 'one_language_required' })]);
    // Lists replace wholesale, so their items never take null.
    const nullItem = await P.patch(`/api/v1/datasets/${id}`, { modalities: [null] });
    expect(nullItem.status).toBe(400);
    expect(nullItem.body.errors).toContainEqual(expect.objectContaining({ path: '/modalities/0', code: 'type' }));
    expect(await Dataset.findById(id).lean()).toEqual(before);
  });

  it('hides another organisation’s drafts (404) and forbids editing its published datasets (403)', async () => {
    const other = await createUser({ roles: ['provider'] });
    const draft = await P.post('/api/v1/datasets', buildDataset());
    expect((await app.as(other).get(`/api/v1/datasets/${draft.body.id}`)).status).toBe(404);
    expect((await app.as(other).patch(`/api/v1/datasets/${draft.body.id}`, { title: { en: 'x' } })).status).toBe(404);
    const published = await publishDataset(P, R);
    const res = await app.as(other).patch(`/api/v1/datasets/${published.id}`, { title: { en: 'hijack' } });
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('not_provider_member');
  });
});

describe('publication review', () => {
  it('refuses to submit an incomplete draft with what is missing', async () => {
    const created = await P.post('/api/v1/datasets', { slug: 'incomplete-one', title: { ko: '미완성' } });
    const res = await P.post(`/api/v1/datasets/${created.body.id}/submit`);
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('not_ready_for_publication');
    const paths = res.body.errors.map((e: { path: string }) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['/title/en', '/summary', '/license', '/disclosure', '/classification', '/artifacts']));
  });

  it('runs submit → request changes → resubmit → approve, never letting the submitter approve', async () => {
    const created = await P.post('/api/v1/datasets', buildDataset());
    const id = created.body.id;
    await uploadSample(P, id);
    const submitted = await P.post(`/api/v1/datasets/${id}/submit`);
    expect(submitted.status).toBe(200);
    expect(submitted.body.status).toBe('in_review');

    expect((await P.patch(`/api/v1/datasets/${id}`, { title: { en: 'during review' } })).status).toBe(409);
    const self = await P.post(`/api/v1/datasets/${id}/review`, { action: 'approve', comment: 'self' });
    expect(self.status).toBe(403);
    expect(self.body.code).toBe('cannot_review_own_submission');

    const outsider = await createUser({ roles: ['reviewer'] });
    expect((await app.as(outsider).post(`/api/v1/datasets/${id}/review`, { action: 'approve' })).status).toBe(404);

    const noComment = await R.post(`/api/v1/datasets/${id}/review`, { action: 'request_changes' });
    expect(noComment.status).toBe(400);
    const changes = await R.post(`/api/v1/datasets/${id}/review`, { action: 'request_changes', comment: 'Add the recording period.' });
    expect(changes.status).toBe(200);
    expect(changes.body.status).toBe('changes_requested');
    expect(changes.body.review.history.at(-1)).toMatchObject({ action: 'request_changes', comment: 'Add the recording period.' });

    await P.patch(`/api/v1/datasets/${id}`, { temporalCoverage: { start: '2024-01-01', end: '2024-12-31' } });
    expect((await P.post(`/api/v1/datasets/${id}/submit`)).status).toBe(200);
    const approved = await R.post(`/api/v1/datasets/${id}/review`, { action: 'approve', comment: 'Good.' });
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ status: 'published', version: 1 });
    const again = await R.post(`/api/v1/datasets/${id}/review`, { action: 'approve' });
    expect(again.status).toBe(409);

    const list = await app.anon.get('/api/v1/datasets?pageSize=100');
    expect(list.body.items.map((d: { id: string }) => d.id)).toContain(id);
  });

  it('keeps the published version live while a revision is edited, and records version history', async () => {
    const published = await publishDataset(P, R);
    const id = published.id;
    const edit = await P.patch(`/api/v1/datasets/${id}`, { title: { ko: published.title.ko, en: 'Revised title' } });
    expect(edit.body.status).toBe('draft');
    const publicView = await app.anon.get(`/api/v1/datasets/${id}`);
    expect(publicView.body).toMatchObject({ status: 'published', version: 1, title: { en: published.title.en } });
    expect(publicView.body).not.toHaveProperty('review');

    expect((await P.post(`/api/v1/datasets/${id}/submit`)).status).toBe(200);
    expect((await R.post(`/api/v1/datasets/${id}/review`, { action: 'approve' })).body.version).toBe(2);
    const versions = await app.anon.get(`/api/v1/datasets/${id}/versions`);
    expect(versions.body.items.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    expect(versions.body.items[0].changedFields).toEqual(['title']);
    const v1 = await app.anon.get(`/api/v1/datasets/${id}/versions/1`);
    expect(v1.body.title.en).toBe(published.title.en);
    expect((await app.anon.get(`/api/v1/datasets/${id}`)).body.title.en).toBe('Revised title');
  });

  it('lets a national reviewer of another organisation decide, but not a plain reviewer elsewhere', async () => {
    const national = await createUser({ roles: ['reviewer'], org: await createOrg({ nationalReviewer: true }) });
    const created = await P.post('/api/v1/datasets', buildDataset());
    await uploadSample(P, created.body.id);
    await P.post(`/api/v1/datasets/${created.body.id}/submit`);
    const queue = await app.as(national).get('/api/v1/datasets?status=in_review&pageSize=100');
    expect(queue.body.items.map((d: { id: string }) => d.id)).toContain(created.body.id);
    const res = await app.as(national).post(`/api/v1/datasets/${created.body.id}/review`, { action: 'approve' });
    expect(res.status).toBe(200);
  });

  it('withdraws a dataset from the catalogue', async () => {
    const published = await publishDataset(P, R);
    const res = await P.post(`/api/v1/datasets/${published.id}/withdraw`, { comment: 'superseded by a new release' });
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('withdrawn');
    expect((await app.anon.get(`/api/v1/datasets/${published.id}`)).status).toBe(404);
    const list = await app.anon.get('/api/v1/datasets?pageSize=100');
    expect(list.body.items.map((d: { id: string }) => d.id)).not.toContain(published.id);
  });

  it('deletes never-published drafts only', async () => {
    const draft = await P.post('/api/v1/datasets', buildDataset());
    expect((await P.delete(`/api/v1/datasets/${draft.body.id}`)).status).toBe(204);
    expect((await P.get(`/api/v1/datasets/${draft.body.id}`)).status).toBe(404);
    const published = await publishDataset(P, R);
    const res = await P.delete(`/api/v1/datasets/${published.id}`);
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('dataset_not_deletable');
  });
});

describe('visibility by classification', () => {
  it('never reveals a confidential dataset to outsiders', async () => {
    const confidential = await publishDataset(P, R, {
      disclosure: { ...buildDataset().disclosure, accessLevel: 'approval', samplesAccess: 'registered' },
      classification: { ...buildDataset().classification, level: 'confidential' },
    });
    const outsider = await createUser({ roles: ['researcher', 'reviewer'] });
    expect((await app.anon.get(`/api/v1/datasets/${confidential.id}`)).status).toBe(404);
    const asOutsider = await app.as(outsider).get(`/api/v1/datasets/${confidential.slug}`);
    expect(asOutsider.status).toBe(404);
    expect(asOutsider.body.code).toBe('dataset_not_found');
    expect((await app.as(outsider).get(`/api/v1/datasets/${confidential.id}/versions`)).status).toBe(404);
    expect((await app.as(outsider).get(`/api/v1/datasets/${confidential.id}/artifacts`)).status).toBe(404);
    const list = await app.as(outsider).get('/api/v1/datasets?pageSize=100');
    expect(list.text).not.toContain(confidential.id);
    const anonList = await app.anon.get('/api/v1/datasets?pageSize=100');
    expect(anonList.text).not.toContain(confidential.id);
    // Members and national reviewers do see it.
    expect((await P.get(`/api/v1/datasets/${confidential.id}`)).status).toBe(200);
    const national = await createUser({ roles: ['reviewer'], org: await createOrg({ nationalReviewer: true }) });
    expect((await app.as(national).get(`/api/v1/datasets/${confidential.id}`)).status).toBe(200);
  });

  it('shows internal datasets to signed-in users only', async () => {
    const internal = await publishDataset(P, R, { classification: { ...buildDataset().classification, level: 'internal' } });
    expect((await app.anon.get(`/api/v1/datasets/${internal.id}`)).status).toBe(404);
    const someone = await createUser({ country: 'US', orgType: 'university' });
    expect((await app.as(someone).get(`/api/v1/datasets/${internal.id}`)).status).toBe(200);
  });

  it('pages the catalogue with total, page and pageSize; rejects bad paging', async () => {
    const res = await app.anon.get('/api/v1/datasets?page=1&pageSize=2');
    expect(res.status).toBe(200);
    expect(res.body.page).toBe(1);
    expect(res.body.pageSize).toBe(2);
    expect(res.body.items.length).toBeLessThanOrEqual(2);
    expect(res.body.total).toBeGreaterThanOrEqual(res.body.items.length);
    const bad = await app.anon.get('/api/v1/datasets?pageSize=1000');
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].path).toBe('/query/pageSize');
  });

  it('lists the organisation workspace by status for members only', async () => {
    const draft = await P.post('/api/v1/datasets', buildDataset());
    const ws = await P.get('/api/v1/datasets?status=draft&pageSize=100');
    expect(ws.body.items.map((d: { id: string }) => d.id)).toContain(draft.body.id);
    const other = await createUser({ roles: ['provider'] });
    const otherWs = await app.as(other).get('/api/v1/datasets?status=draft&pageSize=100');
    expect(otherWs.body.items.map((d: { id: string }) => d.id)).not.toContain(draft.body.id);
  });
});
