// Published datasets are read from the process's catalogue index (server/datasets/read.ts) and the
// public exports are built from it (server/interop/public.ts). These tests hold the fast paths to
// what the database path answers for the same caller, and check that changes show at once.
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import mongoose, { Types } from 'mongoose';
import { loadAuthUser } from '../../server/auth/load-user';
import { catalogFilter, requireView } from '../../server/datasets/access';
import { loadDatasetFromDatabase, loadReadableDataset } from '../../server/datasets/load';
import { Dataset, type DatasetDoc } from '../../server/datasets/model';
import { etagOf, presentDataset } from '../../server/datasets/presenter';
import type { AuthUser } from '../../server/http/context';
import { AppError } from '../../server/http/errors';
import { recordChange } from '../../server/infra/change-feed';
import { translator } from '../../server/i18n';
import { loadConfig } from '../../server/infra/config';
import { dcatCatalogPage } from '../../server/interop/dcat';
import { dcatUsCatalog } from '../../server/interop/dcat-us';
import { dataJsonIsCurrent, keepDataJsonWarm } from '../../server/interop/public';
import { datasetJsonLd } from '../../server/interop/schema-org';
import { ANONYMOUS, exportDataset } from '../../server/interop/source';
import { organizationsById } from '../../server/organizations/lookup';
import { Organization } from '../../server/organizations/model';
import { datasetHeadFor, CLIENT_DIST } from '../../server/web/spa';
import { createOrg, createUser, startTestApp, type Client, type TestApp, type TestUser } from '../helpers/app';
import { buildDataset, publishDataset } from '../helpers/factories';

// The app of startTestApp: its exports name this origin.
const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', PORT: '0' });

let app: TestApp;
let provider: Client;
let reviewer: Client;
type Caller = { name: string; client: Client; user: AuthUser | null };
const callers: Caller[] = [];
const datasets: Record<string, { id: string; slug: string }> = {};

/** What the database path answers: loadReadableDataset on the database and the presenter, as GET /datasets/:id did before the index. */
async function databaseAnswer(key: string, user: AuthUser | null) {
  try {
    const { doc, view } = await loadReadableDataset(key, user, loadDatasetFromDatabase);
    const providers = await organizationsById([doc.providerId]);
    const body = JSON.parse(JSON.stringify(presentDataset(doc, view, providers.get(String(doc.providerId)), 'en')));
    return { status: 200, etag: view === 'working' ? etagOf(doc) : null, body };
  } catch (err) {
    if (err instanceof AppError) return { status: err.status, etag: null, body: { code: err.code } };
    throw err;
  }
}

async function apiAnswer(client: Client, key: string) {
  const res = await client.get(`/api/v1/datasets/${encodeURIComponent(key)}`);
  // The working copy's revision tag; other answers carry Express's body hash, equal for equal bodies.
  const etag = res.headers.get('etag');
  return {
    status: res.status,
    etag: etag && /^"r\d+"$/.test(etag) ? etag : null,
    body: res.status === 200 ? res.body : { code: res.body.code },
  };
}

/** The head tags the database path gives a dataset page (requireView + the organisation + datasetJsonLd). */
async function databaseHead(key: string, user: AuthUser | null, lang: 'ko' | 'en'): Promise<string> {
  const doc = await loadDatasetFromDatabase(key);
  let presented;
  try {
    const { view } = requireView(doc, user);
    const org = await Organization.findById(doc!.providerId).lean();
    presented = presentDataset(doc!, view, org ?? undefined, lang) as Parameters<typeof datasetJsonLd>[0];
  } catch {
    return '';
  }
  return JSON.stringify(datasetJsonLd(presented, config.publicUrl));
}

/** The JSON-LD of head tags (what a crawler reads), or '' when there is none. */
function jsonLdOf(head: string): string {
  const m = /<script type="application\/ld\+json">([\s\S]*?)<\/script>/.exec(head);
  return m ? JSON.stringify(JSON.parse(m[1])) : '';
}

async function asCaller(name: string, user: TestUser | null): Promise<Caller> {
  return { name, client: user ? app.as(user) : app.anon, user: user ? await loadAuthUser(user.id) : null };
}

beforeAll(async () => {
  app = await startTestApp();
  const org = await createOrg();
  const otherOrg = await createOrg();
  const providerUser = await createUser({ roles: ['provider'], org });
  const reviewerUser = await createUser({ roles: ['reviewer'], org });
  provider = app.as(providerUser);
  reviewer = app.as(reviewerUser);
  callers.push(
    await asCaller('anonymous', null),
    await asCaller('outsider without organisation', await createUser({ membership: 'none' })),
    await asCaller('researcher of another organisation', await createUser({ org: otherOrg })),
    await asCaller('member (researcher) of the provider', await createUser({ org })),
    await asCaller('provider', providerUser),
    await asCaller('national reviewer', await createUser({ roles: ['reviewer'], org: await createOrg({ nationalReviewer: true }) })),
    await asCaller('admin', await createUser({ roles: ['admin'] })),
  );
  const restricted = (level: string) => ({
    classification: {
      level,
      personalInfo: 'none',
      sensitiveCategories: [],
      exportControl: { controlled: false },
      nationalCoreTechnology: false,
    },
    disclosure: { ...buildDataset().disclosure, accessLevel: 'approval', samplesAccess: 'registered' },
  });
  const publish = async (name: string, overrides: Record<string, unknown> = {}) => {
    const body = await publishDataset(provider, reviewer, overrides);
    datasets[name] = { id: body.id, slug: body.slug };
    return body;
  };
  await publish('public');
  await publish('internal', restricted('internal'));
  await publish('sensitive', restricted('sensitive'));
  await publish('confidential', restricted('confidential'));
  // Published, then edited: the working copy (a revision draft) differs from the published face.
  const revised = await publish('revised');
  const edit = await provider.patch(
    `/api/v1/datasets/${revised.id}`,
    { title: { ko: '개정 중인 제목', en: 'Title under revision' } },
    { 'if-match': revised.etag },
  );
  expect(edit.status, edit.text).toBe(200);
  const withdrawn = await publish('withdrawn');
  expect((await provider.post(`/api/v1/datasets/${withdrawn.id}/withdraw`, { comment: 'superseded' })).status).toBe(200);
  const draft = await provider.post('/api/v1/datasets', buildDataset());
  datasets.draft = { id: draft.body.id, slug: draft.body.slug };
}, 180_000);

afterAll(async () => {
  await app?.close();
});

describe('GET /api/v1/datasets/{id|slug} from the catalogue index', () => {
  it('answers every caller exactly as the database path does, by slug and by id, 404s included', async () => {
    let fromIndex = 0;
    for (const [name, ds] of Object.entries(datasets)) {
      for (const key of [ds.slug, ds.id, ds.id.toUpperCase()]) {
        for (const caller of key === ds.id.toUpperCase() ? callers.slice(0, 2) : callers) {
          const [got, want] = await Promise.all([apiAnswer(caller.client, key), databaseAnswer(key, caller.user)]);
          expect(got, `${name} by ${key} as ${caller.name}`).toEqual(want);
          if (want.status === 200 && !want.etag) fromIndex++;
        }
      }
    }
    // The published face was served to outsiders of several kinds (anonymous, signed in, another organisation).
    expect(fromIndex).toBeGreaterThanOrEqual(14);
    // Spot checks of the rule itself, so the comparison above is not between two wrong answers.
    const anon = callers[0].client;
    expect((await anon.get(`/api/v1/datasets/${datasets.public.slug}`)).status).toBe(200);
    for (const hidden of ['internal', 'sensitive', 'confidential', 'withdrawn', 'draft']) {
      const res = await anon.get(`/api/v1/datasets/${datasets[hidden].slug}`);
      expect(res.status, hidden).toBe(404);
      expect(res.body.code).toBe('dataset_not_found');
    }
    const outsider = callers[1].client;
    expect((await outsider.get(`/api/v1/datasets/${datasets.sensitive.slug}`)).status).toBe(200);
    expect((await outsider.get(`/api/v1/datasets/${datasets.confidential.slug}`)).status).toBe(404);
    const revisedOutside = await outsider.get(`/api/v1/datasets/${datasets.revised.slug}`);
    expect(revisedOutside.body.title.en).toBe('Korean speech recognition training data');
    const revisedInside = await provider.get(`/api/v1/datasets/${datasets.revised.slug}`);
    expect(revisedInside.body.title.en).toBe('Title under revision');
    expect(revisedInside.headers.get('etag')).toMatch(/^"r\d+"$/);
  });

  it('serves outsiders the published face and the provider the working copy from memory, both following the change feed', async () => {
    // A write that bypasses Mongoose (and so the change feed) is seen by no reader until it is
    // announced: the index serves the published face, the dataset store the working copy.
    const body = await publishDataset(provider, reviewer);
    const raw = mongoose.connection.db!.collection('datasets');
    const _id = new Types.ObjectId(body.id);
    await raw.updateOne({ _id }, { $set: { 'live.title.en': 'Changed behind the index', 'title.en': 'Changed behind the index' } });
    try {
      const anon = await app.anon.get(`/api/v1/datasets/${body.slug}`);
      expect(anon.body.title.en).toBe('Korean speech recognition training data');
      const own = await provider.get(`/api/v1/datasets/${body.slug}`);
      expect(own.body.title.en).toBe('Korean speech recognition training data');
      expect(own.body.review).toBeDefined();
      await recordChange({ kind: 'dataset', ids: [body.id] });
      expect((await app.anon.get(`/api/v1/datasets/${body.slug}`)).body.title.en).toBe('Changed behind the index');
      const announced = await provider.get(`/api/v1/datasets/${body.slug}`);
      expect(announced.body.title.en).toBe('Changed behind the index');
      expect(announced.body.review).toBeDefined();
    } finally {
      await raw.updateOne({ _id }, { $set: { 'live.title.en': body.title.en, 'title.en': body.title.en } });
      await recordChange({ kind: 'dataset', ids: [body.id] });
    }
  });

  it('follows a new published version, a rename and a withdrawal at once; grantees still read a withdrawn dataset', async () => {
    const body = await publishDataset(provider, reviewer);
    // The API keeps slugs fixed; a new title goes public with the next approved version.
    expect((await provider.patch(`/api/v1/datasets/${body.id}`, { slug: `${body.slug}-x` }, { 'if-match': body.etag })).status).toBe(400);
    const edited = await provider.patch(
      `/api/v1/datasets/${body.id}`,
      { title: { ko: '새 제목', en: 'A new title' } },
      { 'if-match': body.etag },
    );
    expect(edited.status, edited.text).toBe(200);
    expect((await app.anon.get(`/api/v1/datasets/${body.slug}`)).body.title.en).toBe('Korean speech recognition training data');
    expect((await provider.post(`/api/v1/datasets/${body.id}/submit`)).status).toBe(200);
    expect((await reviewer.post(`/api/v1/datasets/${body.id}/review`, { action: 'approve', comment: 'v2' })).status).toBe(200);
    const v2 = await app.anon.get(`/api/v1/datasets/${body.slug}`);
    expect(v2.body.version).toBe(2);
    expect(v2.body.title.en).toBe('A new title');

    // A slug changed in the database through the models (an operator's fix) reaches the index with the write.
    const renamed = `${body.slug}-renamed`;
    await Dataset.updateOne({ _id: new Types.ObjectId(body.id) }, { $set: { slug: renamed } });
    for (const caller of callers) {
      for (const key of [renamed, body.slug, body.id]) {
        expect(await apiAnswer(caller.client, key), `${key} as ${caller.name}`).toEqual(await databaseAnswer(key, caller.user));
      }
    }
    const anon = await app.anon.get(`/api/v1/datasets/${renamed}`);
    expect(anon.status).toBe(200);
    expect(anon.body.slug).toBe(renamed);
    expect((await app.anon.get(`/api/v1/datasets/${body.slug}`)).status).toBe(404);

    // A grant (open dataset: approved at once), then the withdrawal.
    const grantee = callers[2];
    const asked = await grantee.client.post(
      '/api/v1/access-requests',
      {
        datasetId: body.id,
        scope: 'full',
        purpose: 'research',
        statement: 'Evaluating Korean speech recognition models for research.',
        durationDays: 30,
        acceptedAgreements: [],
      },
      { 'idempotency-key': randomUUID() },
    );
    expect(asked.status, asked.text).toBe(201);
    expect(asked.body.status).toBe('approved');
    expect((await provider.post(`/api/v1/datasets/${body.id}/withdraw`, { comment: 'withdrawn' })).status).toBe(200);
    expect((await app.anon.get(`/api/v1/datasets/${renamed}`)).status).toBe(404);
    expect((await callers[1].client.get(`/api/v1/datasets/${body.id}`)).status).toBe(404);
    const granted = await grantee.client.get(`/api/v1/datasets/${renamed}`);
    expect(granted.status).toBe(200);
    expect(granted.body.status).toBe('withdrawn');
    expect(await apiAnswer(grantee.client, renamed)).toEqual(await databaseAnswer(renamed, grantee.user));
  });

  it('gives the publication history of a published dataset to outsiders and hides the others', async () => {
    const res = await app.anon.get(`/api/v1/datasets/${datasets.public.slug}/versions`);
    expect(res.status).toBe(200);
    expect(res.body.items.map((v: { version: number }) => v.version)).toEqual([1]);
    expect(res.body.items[0]).not.toHaveProperty('reviewerComment');
    expect((await provider.get(`/api/v1/datasets/${datasets.public.slug}/versions`)).body.items[0].reviewerComment).toBe('ok');
    expect((await app.anon.get(`/api/v1/datasets/${datasets.confidential.slug}/versions`)).status).toBe(404);
    expect((await callers[1].client.get(`/api/v1/datasets/${datasets.confidential.id}/versions`)).status).toBe(404);
  });
});

describe('dataset page head (schema.org JSON-LD)', () => {
  it('carries what the database path gives each caller, in both languages, and nothing for hidden datasets', async () => {
    for (const [name, ds] of Object.entries(datasets)) {
      for (const caller of callers) {
        for (const lang of ['ko', 'en'] as const) {
          const head = await datasetHeadFor(ds.slug, caller.user, lang, config.publicUrl);
          expect(jsonLdOf(head), `${name} as ${caller.name} in ${lang}`).toBe(await databaseHead(ds.slug, caller.user, lang));
        }
      }
    }
    expect(await datasetHeadFor(datasets.confidential.slug, null, 'en', config.publicUrl)).toBe('');
    expect(await datasetHeadFor(datasets.public.slug, null, 'ko', config.publicUrl)).toContain(
      '<meta property="og:title" content="한국어 음성 인식 학습 데이터" />',
    );
  });

  it.skipIf(!existsSync(path.join(CLIENT_DIST, 'index.html')))('is in the served HTML page', async () => {
    const res = await app.anon.get(`/datasets/${datasets.public.slug}`, { accept: 'text/html' });
    expect(res.status).toBe(200);
    expect(jsonLdOf(res.text)).toBe(await databaseHead(datasets.public.slug, null, 'en'));
    const hidden = await app.anon.get(`/datasets/${datasets.confidential.slug}`, { accept: 'text/html' });
    expect(jsonLdOf(hidden.text)).toBe('');
  });
});

/** /data.json as the database path built it: catalogue filter, oldest publication first, anonymous exports. */
async function databaseDataJson(): Promise<string> {
  const docs = await Dataset.find(catalogFilter(null)).sort({ publishedAt: 1, _id: 1 }).lean<DatasetDoc[]>();
  const providers = await organizationsById(docs.map((d) => d.providerId));
  const exports = docs.map((d) => exportDataset(d, 'live', providers.get(String(d.providerId)), ANONYMOUS, config.publicUrl));
  return JSON.stringify(
    dcatUsCatalog(exports, { baseUrl: config.publicUrl, contactEmail: config.catalogContactEmail, t: translator('en') }),
  );
}

async function databaseCatalogPage(page: number, pageSize: number): Promise<string> {
  const filter = catalogFilter(null);
  const total = await Dataset.countDocuments(filter);
  const docs = await Dataset.find(filter)
    .sort({ publishedAt: 1, _id: 1 })
    .skip((page - 1) * pageSize)
    .limit(pageSize)
    .lean<DatasetDoc[]>();
  const providers = await organizationsById(docs.map((d) => d.providerId));
  const items = docs.map((d) => exportDataset(d, 'live', providers.get(String(d.providerId)), ANONYMOUS, config.publicUrl));
  return JSON.stringify(
    dcatCatalogPage(
      items,
      { page, pageSize, total },
      { baseUrl: config.publicUrl, contactEmail: config.catalogContactEmail, t: { ko: translator('ko'), en: translator('en') } },
    ),
  );
}

describe('public exports from the catalogue index', () => {
  it('/data.json is byte for byte what the database path builds, cached with an ETag until the catalogue changes', async () => {
    const first = await app.anon.get('/data.json');
    expect(first.status).toBe(200);
    expect(first.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(first.text).toBe(await databaseDataJson());
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^"[^"]+"$/);

    // Unchanged catalogue: the same body and tag to everyone at once, 304 to a harvester that has it.
    const again = await Promise.all(Array.from({ length: 5 }, () => app.anon.get('/data.json')));
    for (const r of again) {
      expect(r.headers.get('etag')).toBe(etag);
      expect(r.text).toBe(first.text);
    }
    const cached = await app.anon.get('/data.json', { 'if-none-match': etag });
    expect(cached.status).toBe(304);
    expect(cached.text).toBe('');
    expect((await app.anon.get('/data.json', { 'if-none-match': `W/${etag}, "other"` })).status).toBe(304);
    expect((await app.anon.get('/data.json', { 'if-none-match': '"something-else"' })).status).toBe(200);

    // A publication is in the next answer, under a new tag.
    const published = await publishDataset(provider, reviewer);
    const after = await app.anon.get('/data.json', { 'if-none-match': etag });
    expect(after.status).toBe(200);
    expect(after.headers.get('etag')).not.toBe(etag);
    expect(after.text).toContain(`/datasets/${published.slug}"`);
    expect(after.text).toBe(await databaseDataJson());
    // A withdrawal too.
    expect((await provider.post(`/api/v1/datasets/${published.id}/withdraw`, {})).status).toBe(200);
    const withdrawn = await app.anon.get('/data.json');
    expect(withdrawn.text).not.toContain(`/datasets/${published.slug}"`);
    expect(withdrawn.text).toBe(await databaseDataJson());
  });

  it('/data.json is built ahead of requests once the catalogue has stopped changing', async () => {
    const opts = { baseUrl: config.publicUrl, contactEmail: config.catalogContactEmail };
    const stop = keepDataJsonWarm(opts);
    try {
      const published = await publishDataset(provider, reviewer);
      // Nobody asks: the body for the new catalogue is built within a few seconds all the same.
      const deadline = Date.now() + 10_000;
      while (!dataJsonIsCurrent(opts) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      expect(dataJsonIsCurrent(opts)).toBe(true);
      const res = await app.anon.get('/data.json');
      expect(res.text).toContain(`/datasets/${published.slug}"`);
      expect(res.text).toBe(await databaseDataJson());
    } finally {
      stop();
    }
  });

  it('/catalog.jsonld pages are what the database path builds', async () => {
    const total = await Dataset.countDocuments(catalogFilter(null));
    expect(total).toBeGreaterThanOrEqual(3);
    for (const [page, pageSize] of [
      [1, 2],
      [2, 2],
      [Math.ceil(total / 2), 2],
      [1, 50],
      [99, 10],
    ]) {
      const res = await app.anon.get(`/catalog.jsonld?page=${page}&pageSize=${pageSize}`);
      expect(res.status).toBe(200);
      expect(res.text, `page ${page} of ${pageSize}`).toBe(await databaseCatalogPage(page, pageSize));
    }
  });
});
