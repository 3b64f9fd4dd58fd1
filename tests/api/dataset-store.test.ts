// The dataset store (server/datasets/store.ts) answers the working-copy reads — workspace and review
// listings, member reads, publication history, access-request relations, downloads — from memory.
// These tests hold each of those answers to what the database path gives the same caller, check
// that the store equals the database after every kind of write (in this process at once, in a second
// process within the sync interval), and that a restart from the store's snapshot plus the changes
// recorded since equals a full load.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import mongoose, { Types, type QueryFilter } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { loadAuthUser } from '../../server/auth/load-user';
import { changedFields } from '../../server/datasets/content';
import { loadDatasetFromDatabase, loadReadableDataset } from '../../server/datasets/load';
import { Dataset, DatasetVersion, type DatasetDoc } from '../../server/datasets/model';
import { presentDataset } from '../../server/datasets/presenter';
import { readSnapshot, recordPruneHorizon, SNAPSHOT_FILE } from '../../server/datasets/snapshot';
import { datasetStore, DatasetStore, sameValue } from '../../server/datasets/store';
import { organizationsById } from '../../server/organizations/lookup';
import { Organization, type OrganizationDoc } from '../../server/organizations/model';
import { CatalogIndex } from '../../server/search/catalog-index';
import { CatalogSync } from '../../server/search/sync';
import { Client, createOrg, createUser, startTestApp, type TestApp, type TestUser } from '../helpers/app';
import { buildDataset, publishDataset, uploadSample } from '../helpers/factories';

let app: TestApp;
let orgA: OrganizationDoc;
let orgB: OrganizationDoc;
let providerA: TestUser;
let reviewerA: TestUser;
let providerB: TestUser;
let national: TestUser;
let admin: TestUser;
let researcher: TestUser;
let stranger: TestUser;
const STATEMENT = 'We train and evaluate Korean speech models in a joint KR–US research project.';

/** Every stored dataset, compared field by field with the store's copy; returns the ids that differ. */
async function storeDiffers(store: DatasetStore = datasetStore()): Promise<string[]> {
  const docs = await Dataset.find({}).lean<DatasetDoc[]>();
  const differ: string[] = [];
  for (const d of docs) if (!sameValue(store.get(d._id.toHexString()), d)) differ.push(`${d.slug}: differs`);
  const ids = new Set(docs.map((d) => d._id.toHexString()));
  for (const d of store.docs()) if (!ids.has(d._id.toHexString())) differ.push(`${d.slug}: not in the database`);
  return differ;
}

/** What the workspace listing answered before the store: the same filter and sort on the database. */
async function databaseWorkspace(
  user: TestUser | null,
  q: { statuses?: string[]; providers?: Types.ObjectId[] | null; sort?: string; lang?: 'ko' | 'en'; page?: number; pageSize?: number },
) {
  const authUser = user ? await loadAuthUser(user.id) : null;
  const wide =
    !!authUser && (authUser.roles.includes('admin') || (authUser.roles.includes('reviewer') && !!authUser.organization?.nationalReviewer));
  const filter: QueryFilter<DatasetDoc> = {};
  if (q.statuses?.length) filter.status = { $in: q.statuses as DatasetDoc['status'][] };
  if (q.providers) filter.providerId = { $in: q.providers.filter((id) => wide || String(id) === String(authUser?.organizationId)) };
  else if (!wide) filter.providerId = authUser?.organizationId ?? { $in: [] };
  const lang = q.lang ?? 'en';
  const sort: Record<string, 1 | -1> =
    q.sort === 'title' ? { [`title.${lang}`]: 1, _id: 1 } : q.sort === 'newest' ? { createdAt: -1, _id: -1 } : { updatedAt: -1, _id: -1 };
  const page = q.page ?? 1;
  const pageSize = q.pageSize ?? 50;
  const [total, docs] = await Promise.all([
    Dataset.countDocuments(filter),
    Dataset.find(filter)
      .sort(sort)
      .skip((page - 1) * pageSize)
      .limit(pageSize)
      .lean<DatasetDoc[]>(),
  ]);
  const orgs = await organizationsById(docs.map((d) => d.providerId));
  const member = (d: DatasetDoc) => !!authUser?.organizationId && String(authUser.organizationId) === String(d.providerId);
  const items = docs.map((d) => presentDataset(d, member(d) || wide ? 'working' : 'live', orgs.get(String(d.providerId)), lang));
  return JSON.parse(JSON.stringify({ items, total, page, pageSize }));
}

async function startSecondProcess(dbName: string): Promise<{ child: ChildProcess; url: string }> {
  const services = inject('services');
  const child = spawn(process.execPath, ['--import', 'tsx', path.resolve('tests/helpers/app-process.ts')], {
    env: { ...process.env, MONGO_URI: services.mongoUri, DB_NAME: dbName, S3_SETTINGS: JSON.stringify(services.s3), DO_NOT_TRACK: '1' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('second app process did not start')), 60_000);
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const m = /^\{"port":(\d+)\}$/.exec(line.trim());
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    });
    child.once('exit', (code) => reject(new Error(`second app process exited with ${code}`)));
  });
  return { child, url: `http://127.0.0.1:${port}` };
}

/** Milliseconds until `check` passes, polling every 25 ms; fails after 5 s. */
async function timeUntil(check: () => Promise<boolean>): Promise<number> {
  const start = Date.now();
  while (Date.now() - start < 5000) {
    if (await check()) return Date.now() - start;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error('did not converge within 5 s');
}

/** A second store and index in this process, loaded the way server/main.ts loads them. */
async function loadSeparately(opts: { snapshotDir?: string } = {}) {
  const store = new DatasetStore();
  const index = new CatalogIndex();
  const messages: string[] = [];
  const log = {
    warn: (_o: unknown, m?: string) => void messages.push(`warn: ${m}`),
    info: (_o: unknown, m?: string) => void messages.push(m ?? ''),
  };
  const sync = new CatalogSync(store, index, { pollMs: 60_000, log, ...opts });
  await sync.start();
  return { store, index, sync, messages };
}

/** The index's entries as a comparable list (id, slug, presented item). */
function entriesOf(index: CatalogIndex) {
  return [...index.entries()].map((e) => JSON.stringify({ id: e.id, slug: e.slug, item: e.item })).sort();
}

beforeAll(async () => {
  app = await startTestApp();
  orgA = await createOrg();
  orgB = await createOrg();
  providerA = await createUser({ roles: ['provider'], org: orgA });
  reviewerA = await createUser({ roles: ['reviewer'], org: orgA });
  providerB = await createUser({ roles: ['provider'], org: orgB });
  national = await createUser({ roles: ['reviewer'], org: await createOrg({ nationalReviewer: true }) });
  admin = await createUser({ roles: ['admin'] });
  researcher = await createUser({ roles: ['researcher'], orgType: 'university' });
  stranger = await createUser({ roles: ['researcher'], membership: 'none' });
  const A = app.as(providerA);
  const B = app.as(providerB);
  const RA = app.as(reviewerA);
  // Provider A: published (one revised twice), a draft with only a Korean title, one in review,
  // one with changes requested, a withdrawn one; provider B: published and a draft.
  const twice = await publishDataset(A, RA, { title: { ko: '가나다 음성', en: 'Alpha speech' } });
  const edited = await A.patch(
    `/api/v1/datasets/${twice.id}`,
    { title: { ko: '가나다 음성 2판', en: 'Alpha speech, second edition' } },
    { 'if-match': twice.etag },
  );
  await A.post(`/api/v1/datasets/${twice.id}/submit`, { changeNote: { en: 'Second edition' } });
  expect((await RA.post(`/api/v1/datasets/${twice.id}/review`, { action: 'approve', comment: 'fine' })).status).toBe(200);
  expect(edited.status).toBe(200);
  await publishDataset(A, RA, { title: { ko: '하하 영상', en: 'Zulu video' } });
  expect((await A.post('/api/v1/datasets', { slug: `only-ko-${randomUUID().slice(0, 8)}`, title: { ko: '한국어 제목만' } })).status).toBe(
    201,
  );
  const inReview = await A.post('/api/v1/datasets', buildDataset({ title: { ko: '심사 중', en: 'Mike in review' } }));
  await uploadSample(A, inReview.body.id);
  expect((await A.post(`/api/v1/datasets/${inReview.body.id}/submit`)).status).toBe(200);
  const changes = await A.post('/api/v1/datasets', buildDataset({ title: { ko: '수정 요청', en: 'Charlie changes' } }));
  await uploadSample(A, changes.body.id);
  await A.post(`/api/v1/datasets/${changes.body.id}/submit`);
  expect((await RA.post(`/api/v1/datasets/${changes.body.id}/review`, { action: 'request_changes', comment: 'more' })).status).toBe(200);
  const gone = await publishDataset(A, RA, { title: { ko: '철회', en: 'Bravo withdrawn' } });
  expect((await A.post(`/api/v1/datasets/${gone.id}/withdraw`, {})).status).toBe(200);
  await publishDataset(B, app.as(national), { title: { ko: '나 기관', en: 'Beta public' } });
  await B.post('/api/v1/datasets', buildDataset({ title: { ko: '나 초안', en: 'Beta draft' } }));
}, 120_000);

afterAll(async () => {
  await app?.close();
});

describe('working-copy reads from the dataset store', () => {
  it('the workspace and review listings answer every caller as the database does (filters, sorts, pages)', async () => {
    const queries: Array<{ qs: string; q: Parameters<typeof databaseWorkspace>[1] }> = [
      { qs: 'workspace=true', q: {} },
      { qs: 'status=in_review', q: { statuses: ['in_review'] } },
      { qs: 'status=draft,published&sort=title&lang=ko', q: { statuses: ['draft', 'published'], sort: 'title', lang: 'ko' } },
      { qs: 'workspace=true&sort=title', q: { sort: 'title' } },
      { qs: 'workspace=true&sort=newest&page=2&pageSize=2', q: { sort: 'newest', page: 2, pageSize: 2 } },
      { qs: 'workspace=true&pageSize=3', q: { pageSize: 3 } },
      { qs: `workspace=true&provider=${orgB.slug}`, q: { providers: [orgB._id] } },
      {
        qs: `status=withdrawn,changes_requested&provider=${orgA.slug},${orgB.slug}`,
        q: { statuses: ['withdrawn', 'changes_requested'], providers: [orgA._id, orgB._id] },
      },
    ];
    let compared = 0;
    for (const user of [providerA, reviewerA, providerB, national, admin, researcher, stranger]) {
      for (const { qs, q } of queries) {
        const res = await app.as(user).get(`/api/v1/datasets?${qs}`);
        expect(res.status, qs).toBe(200);
        expect(res.body, `${qs} as ${user.email}`).toEqual(await databaseWorkspace(user, q));
        compared += res.body.items.length;
      }
    }
    // The listings are not empty: the comparison covers real answers.
    expect(compared).toBeGreaterThan(40);
    expect((await app.anon.get('/api/v1/datasets?workspace=true')).status).toBe(404);
  });

  it('reads of one dataset (working copy, published face, 404) and its history answer as the database does', async () => {
    const docs = await Dataset.find({}).lean<DatasetDoc[]>();
    expect(docs.length).toBeGreaterThanOrEqual(8);
    for (const user of [null, providerA, reviewerA, providerB, national, admin, researcher, stranger]) {
      const client = user ? app.as(user) : app.anon;
      const authUser = user ? await loadAuthUser(user.id) : null;
      for (const d of docs) {
        for (const key of [d.slug, d._id.toHexString()]) {
          const res = await client.get(`/api/v1/datasets/${key}`);
          let expected: { status: number; body?: unknown };
          try {
            const { doc, view } = await loadReadableDataset(key, authUser, loadDatasetFromDatabase);
            const orgs = await organizationsById([doc.providerId]);
            expected = { status: 200, body: JSON.parse(JSON.stringify(presentDataset(doc, view, orgs.get(String(doc.providerId)), 'en'))) };
          } catch {
            expected = { status: 404 };
          }
          expect(res.status, `${key} as ${user?.email ?? 'anonymous'}`).toBe(expected.status);
          if (expected.status === 200) expect(res.body).toEqual(expected.body);
          if (expected.status !== 200) continue;
          // The history: every version with what changed, the reviewer's note for the working copy's readers.
          const history = await client.get(`/api/v1/datasets/${key}/versions`);
          const versions = await DatasetVersion.find({ datasetId: d._id }).sort({ version: 1 }).lean();
          const working = res.body.review !== undefined;
          expect(history.body.items).toEqual(
            JSON.parse(
              JSON.stringify(
                versions
                  .map((v, i) => ({
                    version: v.version,
                    publishedAt: v.publishedAt,
                    changeNote: v.changeNote ?? null,
                    changedFields: changedFields(versions[i - 1]?.snapshot, v.snapshot),
                    ...(working ? { reviewerComment: v.reviewerComment ?? null } : {}),
                  }))
                  .reverse(),
              ),
            ),
          );
        }
      }
    }
    const twice = docs.find((d) => d.version === 2)!;
    const history = await app.as(providerA).get(`/api/v1/datasets/${twice._id}/versions`);
    expect(history.body.items.map((v: { version: number; changedFields: string[] }) => [v.version, v.changedFields])).toEqual([
      [2, ['title']],
      [1, []],
    ]);
  });

  it('access requests name their datasets from the store (queue and own lists, filters by slug or id), and downloads are presigned', async () => {
    const A = app.as(providerA);
    const gated = await publishDataset(A, app.as(reviewerA), {
      title: { ko: '승인 필요', en: 'Approval needed' },
      disclosure: { ...buildDataset().disclosure, accessLevel: 'approval' },
    });
    const asked = await app
      .as(researcher)
      .post(
        '/api/v1/access-requests',
        { datasetId: gated.id, scope: 'full', purpose: 'research', statement: STATEMENT, durationDays: 30, acceptedAgreements: ['dua'] },
        { 'idempotency-key': randomUUID() },
      );
    expect(asked.status).toBe(201);
    expect(asked.body.dataset).toEqual({ id: gated.id, slug: gated.slug, title: gated.title });
    for (const filter of [gated.slug, gated.id]) {
      const queue = await app.as(reviewerA).get(`/api/v1/access-requests?queue=true&dataset=${filter}`);
      expect(queue.body.total).toBe(1);
      expect(queue.body.items[0].dataset).toEqual({ id: gated.id, slug: gated.slug, title: gated.title });
    }
    expect((await app.as(reviewerA).get('/api/v1/access-requests?queue=true&dataset=no-such-dataset')).body.total).toBe(0);
    const mine = await app.as(researcher).get('/api/v1/access-requests?mine=true');
    expect(mine.body.items.map((r: { dataset: { slug: string } }) => r.dataset.slug)).toContain(gated.slug);
    // A sample of the gated dataset: samples are open, so the researcher gets a URL.
    const sample = gated.artifacts[0];
    const url = await app.as(researcher).get(`/api/v1/datasets/${gated.slug}/artifacts/${sample.id}/download?format=json`);
    expect(url.status).toBe(200);
    expect(url.body.url).toContain(encodeURIComponent(sample.filename).slice(0, 6));
  });
});

describe('the store follows every write', () => {
  it('equals the database after creates, edits, files, review, withdrawal, deletion and a partly failed bulk insert', async () => {
    const A = app.as(providerA);
    const draft = await A.post('/api/v1/datasets', buildDataset());
    await uploadSample(A, draft.body.id);
    const patched = await A.get(`/api/v1/datasets/${draft.body.id}`);
    expect(
      (await A.patch(`/api/v1/datasets/${draft.body.id}`, { keywords: null }, { 'if-match': patched.headers.get('etag')! })).status,
    ).toBe(200);
    const doomed = await A.post('/api/v1/datasets', buildDataset());
    expect((await A.delete(`/api/v1/datasets/${doomed.body.id}`)).status).toBe(204);
    // Visible at once in this process: the workspace lists the new draft, not the deleted one.
    const listed = await A.get('/api/v1/datasets?workspace=true&pageSize=100');
    expect(listed.body.items.map((i: { id: string }) => i.id)).toContain(draft.body.id);
    expect(listed.body.items.map((i: { id: string }) => i.id)).not.toContain(doomed.body.id);
    // An unordered insert where one document fails still announces the one it wrote.
    const ok: Record<string, unknown> = {
      ...buildDataset(),
      providerId: orgA._id,
      createdBy: providerA.id,
      status: 'draft',
      version: 0,
      rev: 1,
    };
    const clash = {
      ...buildDataset({ slug: ok.slug }),
      providerId: orgA._id,
      createdBy: providerA.id,
      status: 'draft',
      version: 0,
      rev: 1,
    };
    await expect(Dataset.insertMany([ok, clash], { ordered: false })).rejects.toThrow();
    const inserted = await Dataset.findOne({ slug: String(ok.slug) }).lean<DatasetDoc>();
    expect((await A.get(`/api/v1/datasets/${ok.slug}`)).body.id).toBe(String(inserted!._id));
    expect(await storeDiffers()).toEqual([]);
  });

  it('a write through a second process reaches this one within the sync interval, and the other way round', async () => {
    const { child, url: other } = await startSecondProcess(app.dbName);
    try {
      const here = app.as(providerA);
      const there = new Client(other, providerA.token);
      const listed = (base: string, id: string) => async () => {
        const res = await new Client(base, providerA.token).get('/api/v1/datasets?workspace=true&pageSize=100');
        return res.body.items.some((i: { id: string }) => i.id === id);
      };
      const made = await there.post('/api/v1/datasets', buildDataset({ title: { ko: '다른 프로세스', en: 'From the other process' } }));
      expect(made.status).toBe(201);
      expect(await listed(other, made.body.id)()).toBe(true);
      const toHere = await timeUntil(listed(app.url, made.body.id));
      expect(toHere).toBeLessThanOrEqual(2000);
      // An edit made here shows there; a deletion there disappears here.
      const current = await here.get(`/api/v1/datasets/${made.body.id}`);
      expect(
        (
          await here.patch(
            `/api/v1/datasets/${made.body.id}`,
            { title: { ko: '고침', en: 'Edited here' } },
            { 'if-match': current.headers.get('etag')! },
          )
        ).status,
      ).toBe(200);
      const edited = await timeUntil(async () => (await there.get(`/api/v1/datasets/${made.body.id}`)).body.title?.en === 'Edited here');
      expect(edited).toBeLessThanOrEqual(2000);
      const stale = await there.get(`/api/v1/datasets/${made.body.id}`);
      expect((await there.delete(`/api/v1/datasets/${made.body.id}`, { 'if-match': stale.headers.get('etag')! })).status).toBe(204);
      const gone = await timeUntil(async () => !(await listed(app.url, made.body.id)()));
      expect(gone).toBeLessThanOrEqual(2000);
      console.info(`dataset store convergence across processes: create ${toHere} ms, edit ${edited} ms, delete ${gone} ms`);
      expect(await storeDiffers()).toEqual([]);
    } finally {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    }
  }, 60_000);
});

describe('restart from the snapshot', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'kus-store-snapshot-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('the snapshot plus the changes recorded since equals a full load (store and index), and the check after it finds nothing to fix', async () => {
    const first = await loadSeparately({ snapshotDir: dir });
    expect(first.messages).not.toContain('dataset store loaded from its snapshot');
    await first.sync.stop();
    expect(first.messages).toContain('dataset store snapshot written');

    // Changes while "stopped": new, edited, published, withdrawn and deleted datasets, a renamed provider.
    const A = app.as(providerA);
    const RA = app.as(reviewerA);
    const fresh = await publishDataset(A, RA, { title: { ko: '재시작 뒤', en: 'After the restart' } });
    const draft = await A.post('/api/v1/datasets', buildDataset({ title: { ko: '새 초안', en: 'New draft' } }));
    const listed = await A.get('/api/v1/datasets?workspace=true&status=published&pageSize=100');
    const toWithdraw = listed.body.items.find((i: { id: string }) => i.id !== fresh.id);
    expect((await A.post(`/api/v1/datasets/${toWithdraw.id}/withdraw`, {})).status).toBe(200);
    expect((await A.delete(`/api/v1/datasets/${draft.body.id}`)).status).toBe(204);
    await Organization.updateOne({ _id: orgA._id }, { $set: { name: { ko: '새 이름', en: 'Renamed provider' } } });

    const restored = await loadSeparately({ snapshotDir: dir });
    expect(restored.messages).toContain('dataset store loaded from its snapshot');
    const full = await loadSeparately();
    expect(await storeDiffers(restored.store)).toEqual([]);
    expect([...restored.store.docs()].length).toBe([...full.store.docs()].length);
    expect(entriesOf(restored.index)).toEqual(entriesOf(full.index));
    expect(entriesOf(restored.index).join('')).toContain('Renamed provider');
    for (const d of full.store.docs()) expect(restored.store.versionsOf(d)).toEqual(full.store.versionsOf(d));
    await restored.sync.verified();
    expect(restored.messages).toContain('dataset store checked against the database');
    expect(restored.messages.some((m) => m.includes('differed'))).toBe(false);
    await Promise.all([restored.sync.stop(), full.sync.stop()]);
  }, 60_000);

  it('a change behind the change feed’s back is found by the check after a restart', async () => {
    // The catch-up re-reads datasets named by changes from shortly before the snapshot (the poller's
    // overlap): let the last ones age past it, so that only the check can find the edit.
    await new Promise((r) => setTimeout(r, 3500));
    const seed = await loadSeparately({ snapshotDir: dir });
    await seed.sync.stop();
    const target = await Dataset.findOne({ providerId: orgB._id }).lean<DatasetDoc>();
    await mongoose.connection
      .db!.collection('datasets')
      .updateOne({ _id: target!._id }, { $set: { 'title.en': 'Edited in the shell' }, $inc: { rev: 1 } });
    const restored = await loadSeparately({ snapshotDir: dir });
    expect(restored.messages).toContain('dataset store loaded from its snapshot');
    await restored.sync.verified();
    expect(restored.store.get(target!._id.toHexString())!.title.en).toBe('Edited in the shell');
    expect(restored.messages.some((m) => m.includes('differed'))).toBe(true);
    await restored.sync.stop();
  }, 60_000);

  it('is not used when it is incomplete, from another database, or older than the changes kept', async () => {
    const seed = await loadSeparately({ snapshotDir: dir });
    await seed.sync.stop();
    const file = path.join(dir, SNAPSHOT_FILE);
    const whole = await readFile(file);
    expect((await readSnapshot(dir))?.docs.length).toBe(datasetStore().size);

    await writeFile(file, whole.subarray(0, whole.length - 20));
    expect(await readSnapshot(dir)).toBeNull();
    const truncated = await loadSeparately({ snapshotDir: dir });
    expect(truncated.messages).not.toContain('dataset store loaded from its snapshot');
    expect(await storeDiffers(truncated.store)).toEqual([]);
    await truncated.sync.stop();

    // Another database (or this one dropped and filled again): its identity differs.
    const state = mongoose.connection.db!.collection<{ _id: string; value?: string }>('dataset_store_state');
    const identity = (await state.findOne({ _id: 'identity' }))!.value;
    expect((await readSnapshot(dir))!.header.database).toBe(identity);
    await state.updateOne({ _id: 'identity' }, { $set: { value: 'another-database' } });
    try {
      const other = await loadSeparately({ snapshotDir: dir });
      expect(other.messages.join('\n')).toContain('dataset store snapshot not used');
      expect(await storeDiffers(other.store)).toEqual([]);
      await other.sync.stop();
    } finally {
      await state.updateOne({ _id: 'identity' }, { $set: { value: identity } });
    }

    // Changes after the snapshot were pruned: the catch-up cannot be complete.
    await recordPruneHorizon(new Date(Date.now() + 1000));
    const pruned = await loadSeparately({ snapshotDir: dir });
    expect(pruned.messages.join('\n')).toContain('dataset store snapshot not used');
    expect(await storeDiffers(pruned.store)).toEqual([]);
    await pruned.sync.stop();
  }, 60_000);
});
