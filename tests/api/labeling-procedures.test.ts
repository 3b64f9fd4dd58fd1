import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditEvent } from '../../server/audit/model';
import { ProcedureVersion } from '../../server/labeling/model';
import type { OrganizationDoc } from '../../server/organizations/model';
import { createOrg, createUser, startTestApp, type Client, type TestApp, type TestUser } from '../helpers/app';

const BASE = '/api/v1/labeling-procedures';
let n = 0;

/** A procedure body complete enough to activate; override what a test is about. */
function buildProcedure(overrides: Record<string, unknown> = {}) {
  return {
    slug: `pedestrian-boxes-${Date.now().toString(36)}-${n++}`,
    title: { ko: '보행자 바운딩 박스', en: 'Pedestrian bounding boxes' },
    taskType: 'object_detection',
    modalities: ['image'],
    labelSchema: {
      classes: [
        { code: 'pedestrian', name: { ko: '보행자', en: 'Pedestrian' } },
        { code: 'cyclist', name: { ko: '자전거 이용자', en: 'Cyclist' } },
      ],
    },
    guideline: { summary: { ko: '보행자마다 박스를 그립니다.', en: 'Draw one box per pedestrian.' } },
    workforce: { type: 'vendor', annotatorsPerItem: 2, qualification: { ko: '교육 이수자', en: 'Trained annotators' } },
    tools: ['cvat'],
    steps: [{ name: { ko: '라벨링', en: 'Labeling' }, description: { ko: '박스를 그립니다.', en: 'Draw the boxes.' } }],
    qa: {
      inspection: 'sampling',
      samplingRate: 0.1,
      verifiedBy: 'tta',
      targets: [
        { metric: 'map50', target: 0.8, direction: 'higher_better' },
        { metric: 'iou', target: 0.7, direction: 'higher_better' },
      ],
    },
    ...overrides,
  };
}

describe('labeling procedures API', () => {
  let app: TestApp;
  let org: OrganizationDoc;
  let provider: TestUser;
  let providerClient: Client;
  let otherProvider: TestUser;
  let researcher: TestUser;
  let nationalReviewer: TestUser;
  let admin: TestUser;

  // The main flow: one procedure taken from draft v1 through v3.
  let id: string;
  let slug: string;

  beforeAll(async () => {
    app = await startTestApp();
    org = await createOrg();
    provider = await createUser({ roles: ['provider'], org });
    providerClient = app.as(provider);
    otherProvider = await createUser({ roles: ['provider'] });
    researcher = await createUser({ roles: ['researcher'] });
    nationalReviewer = await createUser({ roles: ['reviewer'], org: await createOrg({ nationalReviewer: true }) });
    admin = await createUser({ roles: ['admin'] });
  });

  afterAll(async () => {
    await app?.close();
  });

  it('creates a procedure with version 1 as a draft', async () => {
    const body = buildProcedure();
    const res = await providerClient.post(BASE, body);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      slug: body.slug,
      version: 1,
      status: 'draft',
      rev: 1,
      etag: '"p1-r1"',
      latestVersion: 1,
      activeVersion: null,
      title: body.title,
      labelSchema: body.labelSchema,
      provider: { id: String(org._id), slug: org.slug },
      versions: [{ version: 1, status: 'draft', activatedAt: null }],
    });
    expect(typeof res.body.id).toBe('string');
    expect(res.body).not.toHaveProperty('_id');
    expect(res.body).not.toHaveProperty('__v');
    expect(res.headers.get('etag')).toBe('"p1-r1"');
    expect(res.headers.get('location')).toBe(`${BASE}/${res.body.id}`);
    id = res.body.id;
    slug = body.slug;
  });

  it('refuses a duplicate slug with 409 slug_taken', async () => {
    const res = await providerClient.post(BASE, buildProcedure({ slug }));
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('slug_taken');
  });

  it('refuses content that breaks the rules with field errors', async () => {
    const res = await providerClient.post(
      BASE,
      buildProcedure({
        labelSchema: {
          classes: [
            { code: 'car', name: { en: 'Car' } },
            { code: 'car', name: { en: 'Auto' } },
          ],
        },
      }),
    );
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('validation_failed');
    expect(res.body.errors).toEqual([expect.objectContaining({ path: '/labelSchema/classes/1/code', code: 'duplicate_code' })]);
  });

  it('requires sign-in and the provider role to write', async () => {
    expect((await app.anon.post(BASE, buildProcedure())).status).toBe(401);
    expect((await app.anon.patch(`${BASE}/${id}`, { tools: ['x'] })).status).toBe(401);
    const asResearcher = await app.as(researcher).post(BASE, buildProcedure());
    expect(asResearcher.status).toBe(403);
    expect((await app.as(researcher).post(`${BASE}/${id}/versions`)).status).toBe(403);
  });

  it('hides a draft-only procedure from outsiders', async () => {
    expect((await app.anon.get(`${BASE}/${id}`)).status).toBe(404);
    expect((await app.anon.get(`${BASE}/${slug}`)).status).toBe(404);
    expect((await app.as(otherProvider).get(`${BASE}/${id}/versions/1`)).status).toBe(404);
    // Writing to a procedure one cannot see looks like writing to nothing.
    expect((await app.as(otherProvider).patch(`${BASE}/${id}`, { tools: ['x'] })).status).toBe(404);
    const list = await app.anon.get(`${BASE}?pageSize=100`);
    expect(list.body.items.map((p: { id: string }) => p.id)).not.toContain(id);
    // Members, national reviewers and admins see it.
    expect((await providerClient.get(`${BASE}/${slug}`)).body).toMatchObject({ id, status: 'draft' });
    expect((await app.as(nationalReviewer).get(`${BASE}/${id}`)).status).toBe(200);
    expect((await app.as(admin).get(`${BASE}/${id}/versions/1`)).status).toBe(200);
  });

  it('edits the draft with merge-patch semantics', async () => {
    const res = await providerClient.patch(`${BASE}/${id}`, { title: { en: 'Pedestrian boxes' } }, { 'if-match': '"p1-r1"' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ version: 1, status: 'draft', rev: 2, etag: '"p1-r2"' });
    // Objects merge: the Korean title stays.
    expect(res.body.title).toEqual({ ko: '보행자 바운딩 박스', en: 'Pedestrian boxes' });
    expect(res.headers.get('etag')).toBe('"p1-r2"');
  });

  it('removes fields with null (JSON merge patch), but not what the rules need', async () => {
    // A procedure of its own organisation, so the main flow's listings stay as they are.
    const client = app.as(await createUser({ roles: ['provider'] }));
    const created = await client.post(
      BASE,
      buildProcedure({ guideline: { summary: { ko: '박스를 그립니다.', en: 'Draw boxes.' }, artifactKey: 'guidelines/boxes-v1.pdf' } }),
    );
    expect(created.status).toBe(201);
    const url = `${BASE}/${created.body.id}`;

    const res = await client.patch(url, { guideline: { artifactKey: null }, tools: null }, { 'if-match': created.body.etag });
    expect(res.status).toBe(200);
    expect(res.body.guideline).toEqual({ summary: { ko: '박스를 그립니다.', en: 'Draw boxes.' } });
    expect(res.body).not.toHaveProperty('tools');
    const stored = await ProcedureVersion.findOne({ procedureId: created.body.id, version: 1 }).lean();
    expect(stored!.guideline).not.toHaveProperty('artifactKey');
    expect(stored).not.toHaveProperty('tools');

    const before = (await client.get(`${url}/versions/1`)).body;
    const untitled = await client.patch(url, { title: null });
    expect(untitled.status).toBe(400);
    expect(untitled.body.errors).toEqual([expect.objectContaining({ path: '/title', code: 'required' })]);
    // A sampling inspection keeps its rate: the rule is checked on the merged version.
    const noRate = await client.patch(url, { qa: { samplingRate: null } });
    expect(noRate.status).toBe(400);
    expect(noRate.body.errors).toEqual([expect.objectContaining({ path: '/qa/samplingRate', code: 'required' })]);
    expect((await client.get(`${url}/versions/1`)).body).toEqual(before);
  });

  it('reports an invalid patch with the field path and a localised message, and changes nothing', async () => {
    const before = await providerClient.get(`${BASE}/${id}/versions/1`);
    const en = await providerClient.patch(`${BASE}/${id}?lang=en`, { workforce: { annotatorsPerItem: 0 } });
    const ko = await providerClient.patch(`${BASE}/${id}?lang=ko`, { workforce: { annotatorsPerItem: 0 } });
    for (const res of [en, ko]) {
      expect(res.status).toBe(400);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect(res.body.code).toBe('validation_failed');
      expect(res.body.errors).toEqual([expect.objectContaining({ path: '/workforce/annotatorsPerItem', code: 'minimum' })]);
    }
    expect(en.body.errors[0].message).toMatch(/[A-Za-z]/);
    expect(ko.body.errors[0].message).toMatch(/[가-힣]/);
    expect(ko.body.title).toMatch(/[가-힣]/);
    expect(ko.body.errors[0].message).not.toBe(en.body.errors[0].message);
    expect((await providerClient.get(`${BASE}/${id}/versions/1`)).body).toEqual(before.body);
  });

  it('activates version 1', async () => {
    const res = await providerClient.post(`${BASE}/${id}/versions/1/activate`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ version: 1, status: 'active', activeVersion: 1, latestVersion: 1 });
    expect(res.body.activatedAt).toBeTruthy();
  });

  it('refuses writes from a provider of another organisation with 403', async () => {
    const other = await app.as(otherProvider).patch(`${BASE}/${id}`, { tools: ['x'] });
    expect(other.status).toBe(403);
    expect(other.body.code).toBe('not_provider_member');
    expect((await app.as(otherProvider).post(`${BASE}/${id}/versions`)).status).toBe(403);
    expect((await app.as(otherProvider).post(`${BASE}/${id}/versions/1/retire`)).status).toBe(403);
  });

  it('shows the active version to everybody', async () => {
    const res = await app.anon.get(`${BASE}/${slug}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id, version: 1, status: 'active', activeVersion: 1 });
    const list = await app.anon.get(`${BASE}?taskType=object_detection&modality=image&provider=${org.slug}`);
    expect(list.status).toBe(200);
    expect(list.body).toMatchObject({ total: 1, page: 1, pageSize: 20 });
    expect(list.body.items[0]).toMatchObject({ id, version: 1, status: 'active' });
    expect((await app.anon.get(`${BASE}?taskType=asr&provider=${org.slug}`)).body.total).toBe(0);
  });

  it('refuses to edit an active version: create a new version first', async () => {
    const res = await providerClient.patch(`${BASE}/${id}`, { tools: ['labelme'] });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('procedure_version_immutable');
    expect((await providerClient.post(`${BASE}/${id}/versions/1/activate`)).body.code).toBe('invalid_status_transition');
  });

  it('copies the latest version into a new draft, once', async () => {
    const v1 = (await app.anon.get(`${BASE}/${id}/versions/1`)).body;
    const res = await providerClient.post(`${BASE}/${id}/versions`);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ version: 2, status: 'draft', rev: 1, latestVersion: 2, activeVersion: 1 });
    expect(res.headers.get('location')).toBe(`${BASE}/${id}/versions/2`);
    for (const field of ['title', 'taskType', 'modalities', 'labelSchema', 'guideline', 'workforce', 'tools', 'steps', 'qa']) {
      expect(res.body[field]).toEqual(v1[field]);
    }
    const again = await providerClient.post(`${BASE}/${id}/versions`);
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('draft_exists');
  });

  it('refuses a stale If-Match with 412 and leaves the draft unchanged', async () => {
    const before = await providerClient.get(`${BASE}/${id}/versions/2`);
    expect(before.body.etag).toBe('"p2-r1"');
    const ok = await providerClient.patch(`${BASE}/${id}`, { tools: ['cvat', 'labelme'] }, { 'if-match': '"p2-r1"' });
    expect(ok.status).toBe(200);
    const afterOk = await providerClient.get(`${BASE}/${id}/versions/2`);
    // r1 is now stale; so is any tag of version 1.
    for (const tag of ['"p2-r1"', '"p1-r2"']) {
      const stale = await providerClient.patch(`${BASE}/${id}`, { tools: ['other'] }, { 'if-match': tag });
      expect(stale.status).toBe(412);
      expect(stale.body.code).toBe('precondition_failed');
    }
    expect((await providerClient.get(`${BASE}/${id}/versions/2`)).body).toEqual(afterOk.body);
  });

  it('activates version 2 and supersedes version 1', async () => {
    const current = (await providerClient.get(`${BASE}/${id}/versions/2`)).body;
    const patch = await providerClient.patch(
      `${BASE}/${id}`,
      {
        labelSchema: {
          classes: [
            { code: 'pedestrian', name: { ko: '보행자', en: 'Pedestrian' } },
            { code: 'wheelchair', name: { ko: '휠체어 이용자', en: 'Wheelchair user' } },
            { code: 'cyclist', name: { ko: '자전거 이용자', en: 'Cyclist' } },
          ],
        },
        qa: { targets: [current.qa.targets[0], { ...current.qa.targets[1], target: 0.75 }] },
      },
      { 'if-match': current.etag },
    );
    expect(patch.status).toBe(200);
    // Merge patch: qa's other members are kept.
    expect(patch.body.qa).toMatchObject({ inspection: 'sampling', samplingRate: 0.1, verifiedBy: 'tta' });

    const res = await providerClient.post(`${BASE}/${id}/versions/2/activate`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ version: 2, status: 'active', activeVersion: 2 });
    const v1 = await app.anon.get(`${BASE}/${id}/versions/1`);
    expect(v1.body).toMatchObject({ version: 1, status: 'superseded' });
    expect(v1.body.supersededAt).toBeTruthy();
    const versions = await app.anon.get(`${BASE}/${id}/versions`);
    expect(versions.body.items.map((v: { version: number; status: string }) => [v.version, v.status])).toEqual([
      [2, 'active'],
      [1, 'superseded'],
    ]);
    expect((await app.anon.get(`${BASE}/${id}`)).body).toMatchObject({ version: 2, status: 'active' });
  });

  it('diffs two versions by path: one added class and one raised target', async () => {
    const res = await app.anon.get(`${BASE}/${id}/diff?from=1&to=2`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      from: 1,
      to: 2,
      changes: [
        { path: '/labelSchema/classes/1', op: 'added', to: { code: 'wheelchair', name: { ko: '휠체어 이용자', en: 'Wheelchair user' } } },
        { path: '/tools/1', op: 'added', to: 'labelme' },
        { path: '/qa/targets/1/target', op: 'changed', from: 0.7, to: 0.75 },
      ],
    });
  });

  it('validates the diff query and answers 404 for unknown versions', async () => {
    const missing = await app.anon.get(`${BASE}/${id}/diff?from=1`);
    expect(missing.status).toBe(400);
    expect(missing.body.errors).toEqual([expect.objectContaining({ path: '/query/to', code: 'required' })]);
    const bad = await app.anon.get(`${BASE}/${id}/diff?from=one&to=2.5`);
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { path: string }) => e.path)).toEqual(['/query/from', '/query/to']);
    const unknown = await app.anon.get(`${BASE}/${id}/diff?from=1&to=9`);
    expect(unknown.status).toBe(404);
    expect(unknown.body.code).toBe('procedure_version_not_found');
  });

  it('keeps a new draft (v3) from outsiders while v1 and v2 stay visible', async () => {
    expect((await providerClient.post(`${BASE}/${id}/versions`)).status).toBe(201);
    for (const client of [app.anon, app.as(otherProvider), app.as(researcher)]) {
      expect((await client.get(`${BASE}/${id}/versions/3`)).status).toBe(404);
      expect((await client.get(`${BASE}/${id}/versions/1`)).status).toBe(200);
      expect((await client.get(`${BASE}/${id}/versions/2`)).status).toBe(200);
      expect((await client.get(`${BASE}/${id}/diff?from=2&to=3`)).status).toBe(404);
      const detail = await client.get(`${BASE}/${id}`);
      expect(detail.body).toMatchObject({ version: 2, status: 'active', latestVersion: 2, activeVersion: 2 });
      expect(detail.body.versions.map((v: { version: number }) => v.version)).toEqual([2, 1]);
      expect((await client.get(`${BASE}/${id}/versions`)).body.total).toBe(2);
    }
    const own = await providerClient.get(`${BASE}/${id}`);
    expect(own.body).toMatchObject({ version: 3, status: 'draft', latestVersion: 3, activeVersion: 2 });
    expect((await app.as(nationalReviewer).get(`${BASE}/${id}/versions/3`)).status).toBe(200);

    const publicList = await app.anon.get(`${BASE}?provider=${org.slug}`);
    expect(publicList.body.items.map((p: { version: number }) => p.version)).toEqual([2]);
    const drafts = await providerClient.get(`${BASE}?status=draft&provider=${org.slug}`);
    expect(drafts.body.items).toEqual([expect.objectContaining({ id, version: 3, status: 'draft' })]);
    expect((await app.anon.get(`${BASE}?status=draft&provider=${org.slug}`)).body.total).toBe(0);
    expect((await app.anon.get(`${BASE}?status=bogus`)).status).toBe(400);
    expect((await app.anon.get(`${BASE}?pageSize=101`)).status).toBe(400);
  });

  it('refuses to activate an incomplete draft with 422 and the missing fields', async () => {
    const res = await providerClient.post(BASE, { slug: `incomplete-${Date.now().toString(36)}`, title: { ko: '미완성 절차' } });
    expect(res.status).toBe(201);
    const activate = await providerClient.post(`${BASE}/${res.body.id}/versions/1/activate?lang=ko`);
    expect(activate.status).toBe(422);
    expect(activate.body.code).toBe('not_ready_for_activation');
    const paths = activate.body.errors.map((e: { path: string }) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['/title/en', '/taskType', '/labelSchema', '/qa']));
    expect(activate.body.title).toMatch(/[가-힣]/);
    expect((await providerClient.get(`${BASE}/${res.body.id}`)).body.status).toBe('draft');
  });

  it('lets exactly one of two concurrent "new version" calls succeed', async () => {
    const created = await providerClient.post(BASE, buildProcedure());
    expect((await providerClient.post(`${BASE}/${created.body.id}/versions/1/activate`)).status).toBe(200);
    const results = await Promise.all([
      providerClient.post(`${BASE}/${created.body.id}/versions`),
      providerClient.post(`${BASE}/${created.body.id}/versions`),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
    expect(results.find((r) => r.status === 409)!.body.code).toBe('draft_exists');
    const versions = await providerClient.get(`${BASE}/${created.body.id}/versions`);
    expect(versions.body.items.map((v: { version: number; status: string }) => [v.version, v.status])).toEqual([
      [2, 'draft'],
      [1, 'active'],
    ]);
  });

  it('retires an active version; the retired version stays readable', async () => {
    const created = await providerClient.post(BASE, buildProcedure());
    const pid = created.body.id;
    expect((await providerClient.post(`${BASE}/${pid}/versions/1/retire`)).body.code).toBe('invalid_status_transition');
    await providerClient.post(`${BASE}/${pid}/versions/1/activate`);
    const res = await providerClient.post(`${BASE}/${pid}/versions/1/retire`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ version: 1, status: 'retired', activeVersion: null });
    const seen = await app.anon.get(`${BASE}/${pid}`);
    expect(seen.body).toMatchObject({ version: 1, status: 'retired', activeVersion: null });
    // Not in the registry list any more: only active versions are listed.
    const list = await app.anon.get(`${BASE}?provider=${org.slug}&pageSize=100`);
    expect(list.body.items.map((p: { id: string }) => p.id)).not.toContain(pid);
  });

  it('lets an admin create a procedure for another organisation', async () => {
    const res = await app.as(admin).post(BASE, buildProcedure({ providerId: String(org._id) }));
    expect(res.status).toBe(201);
    expect(res.body.provider.slug).toBe(org.slug);
    const unknown = await app.as(admin).post(BASE, buildProcedure({ providerId: '0123456789abcdef01234567' }));
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors[0]).toMatchObject({ path: '/providerId', code: 'unknown_organization' });
    // A provider cannot name another organisation.
    const other = await app.as(otherProvider).post(BASE, buildProcedure({ providerId: String(org._id) }));
    expect(other.status).toBe(403);
  });

  it('audits every write', async () => {
    const events = await AuditEvent.find({ targetId: id }).lean();
    const actions = events.map((e) => (e as { action: string }).action);
    for (const action of ['labeling.create', 'labeling.update', 'labeling.version_created', 'labeling.activate']) {
      expect(actions).toContain(action);
    }
    expect(await AuditEvent.countDocuments({ action: 'labeling.retire' })).toBe(1);
  });
});
