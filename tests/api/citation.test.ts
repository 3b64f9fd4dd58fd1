// GET /datasets/{id}/citation and /datacite against the real app: every format with its media type,
// version-specific citations, the same 404 as the dataset for outsiders, 409 for a dataset never
// published, 400 for bad parameters, DataCite validated against schemas/datacite.ts.
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataciteSchema } from '../../schemas/datacite';
import { loadConfig } from '../../server/infra/config';
import { createOrg, createUser, startTestApp, type Client, type TestApp } from '../helpers/app';
import { contractOf } from '../helpers/contract';
import { buildDataset, publishDataset } from '../helpers/factories';

let app: TestApp;
let provider: Client;
let reviewer: Client;
let outsider: Client;
let contract: ReturnType<typeof contractOf>;
let speech: { id: string; slug: string };
let secret: { id: string; slug: string };
let draft: { id: string; slug: string };
const year = new Date().getUTCFullYear();
const today = new Date().toISOString().slice(0, 10);

const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true });
addFormats(ajv);
const validDatacite = ajv.compile(dataciteSchema);

/** GET through `client`, checked against the OpenAPI document the app serves. */
async function get(client: Client, url: string) {
  const res = await client.get(url);
  expect(contract.problems('GET', url, res)).toEqual([]);
  return res;
}

/** Edits the working copy of a published dataset and has it approved again (one more version). */
async function republish(id: string, etag: string, patch: Record<string, unknown>): Promise<string> {
  const edited = await provider.patch(`/api/v1/datasets/${id}`, patch, { 'if-match': etag });
  expect(edited.status, edited.text).toBe(200);
  expect((await provider.post(`/api/v1/datasets/${id}/submit`)).status).toBe(200);
  const approved = await reviewer.post(`/api/v1/datasets/${id}/review`, { action: 'approve', comment: 'ok' });
  expect(approved.status, approved.text).toBe(200);
  return approved.body.etag;
}

beforeAll(async () => {
  app = await startTestApp();
  contract = contractOf((await app.anon.get('/api/v1/openapi.json')).body);
  const org = await createOrg({ name: { ko: '한국지능정보원', en: 'National Information Society Agency' } });
  provider = app.as(await createUser({ roles: ['provider'], org }));
  reviewer = app.as(await createUser({ roles: ['reviewer'], org }));
  outsider = app.as(await createUser({ roles: ['researcher'] }));
  const first = await publishDataset(provider, reviewer, { contact: { name: '김민지', email: 'data@nia.example.kr' }, license: { id: 'KOGL-1' } });
  const etag = await republish(first.id, first.etag, { size: { records: 1000 } });
  await republish(first.id, etag, { title: { ko: '한국어 음성 인식 데이터 개정판', en: 'Korean speech recognition data, revised' } });
  speech = { id: first.id, slug: first.slug };
  const confidential = await publishDataset(provider, reviewer, {
    classification: { level: 'confidential', personalInfo: 'none', sensitiveCategories: [], exportControl: { controlled: false }, nationalCoreTechnology: false },
    disclosure: { ...buildDataset().disclosure, accessLevel: 'approval', samplesAccess: 'registered' },
  });
  secret = { id: confidential.id, slug: confidential.slug };
  const created = await provider.post('/api/v1/datasets', buildDataset());
  draft = { id: created.body.id, slug: created.body.slug };
}, 180_000);

afterAll(async () => {
  await app?.close();
});

// The public base URL the app builds absolute URLs from (PUBLIC_URL, else its own address).
const base = () => `${loadConfig({ NODE_ENV: 'test', PORT: '0' }).publicUrl}/datasets`;

describe('GET /datasets/{id}/citation', () => {
  it('summarises every format of the current version, with the versions to choose from', async () => {
    const res = await get(app.anon, `/api/v1/datasets/${speech.slug}/citation?lang=en`);
    expect(res.status).toBe(200);
    const url = `${base()}/${speech.slug}?version=3`;
    expect(res.body).toMatchObject({ version: 3, url, doi: null });
    expect(res.body.versions.map((v: { version: number }) => v.version)).toEqual([1, 2, 3]);
    expect(res.body.formats.apa).toEqual({
      en: `National Information Society Agency. (${year}). Korean speech recognition data, revised (Version 3) [Data set]. K–US Data Bridge. ${url}`,
      ko: `한국지능정보원. (${year}). 한국어 음성 인식 데이터 개정판 (버전 3) [데이터셋]. K–US Data Bridge. ${url}`,
    });
    expect(res.body.formats.bibtex).toContain(`@misc{${speech.slug}-v3,\n  author = {{National Information Society Agency}},`);
    expect(res.body.formats.ris).toMatch(/^TY {2}- DATA\n[\s\S]*\nER {2}- \n$/);
    expect(res.body.formats.cslJson[0]).toMatchObject({ id: `${speech.slug}-v3`, type: 'dataset', URL: url, version: '3' });
  });

  it('answers each format with its media type, in the language asked', async () => {
    const url = `${base()}/${speech.slug}?version=3`;
    const apaKo = await get(app.anon, `/api/v1/datasets/${speech.id}/citation?format=apa&lang=ko`);
    expect(apaKo.status).toBe(200);
    expect(apaKo.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(apaKo.text).toBe(`한국지능정보원. (${year}). 한국어 음성 인식 데이터 개정판 (버전 3) [데이터셋]. K–US Data Bridge. ${url}\n`);
    expect(apaKo.headers.get('content-disposition')).toBeNull();

    const bib = await get(app.anon, `/api/v1/datasets/${speech.slug}/citation?format=bibtex&lang=ko`);
    expect(bib.headers.get('content-type')).toBe('application/x-bibtex; charset=utf-8');
    expect(bib.text).toBe(`@misc{${speech.slug}-v3,
  author = {{한국지능정보원}},
  title = {{한국어 음성 인식 데이터 개정판}},
  year = {${year}},
  version = {3},
  publisher = {한국지능정보원},
  howpublished = {K–US Data Bridge},
  url = {${url}},
  urldate = {${today}},
}
`);
    const ris = await get(app.anon, `/api/v1/datasets/${speech.slug}/citation?format=ris&lang=en`);
    expect(ris.headers.get('content-type')).toBe('application/x-research-info-systems; charset=utf-8');
    expect(ris.text).toContain('\nTI  - Korean speech recognition data, revised\n');
    expect(ris.text).toContain(`\nUR  - ${url}\n`);

    const csl = await get(app.anon, `/api/v1/datasets/${speech.slug}/citation?format=csl-json&lang=en`);
    expect(csl.headers.get('content-type')).toBe('application/vnd.citationstyles.csl+json; charset=utf-8');
    expect(JSON.parse(csl.text)).toEqual([
      {
        id: `${speech.slug}-v3`,
        type: 'dataset',
        title: 'Korean speech recognition data, revised',
        author: [{ literal: 'National Information Society Agency' }],
        publisher: 'National Information Society Agency',
        archive: 'K–US Data Bridge',
        version: '3',
        issued: { 'date-parts': [[year]] },
        accessed: { 'date-parts': [today.split('-').map(Number)] },
        URL: url,
        language: 'en',
      },
    ]);
  });

  it('cites an earlier version as it was, and names the download after the version', async () => {
    const res = await get(app.anon, `/api/v1/datasets/${speech.slug}/citation?format=apa&lang=en&version=1&download=1`);
    expect(res.status).toBe(200);
    expect(res.text).toBe(`National Information Society Agency. (${year}). Korean speech recognition training data (Version 1) [Data set]. K–US Data Bridge. ${base()}/${speech.slug}?version=1\n`);
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename=${speech.slug}-v1.txt`);
    const ris = await get(app.anon, `/api/v1/datasets/${speech.slug}/citation?format=ris&version=2&download=true`);
    expect(ris.headers.get('content-disposition')).toBe(`attachment; filename=${speech.slug}-v2.ris`);
    expect(ris.text).toContain('\nET  - 2\n');
    const summary = await get(app.anon, `/api/v1/datasets/${speech.slug}/citation?version=2`);
    expect(summary.body.version).toBe(2);
    expect(summary.body.versions).toHaveLength(3);
  });

  it('is 404 for a confidential dataset to an outsider, exactly as the dataset itself; its members cite it', async () => {
    for (const client of [app.anon, outsider]) {
      const dataset = await client.get(`/api/v1/datasets/${secret.slug}`);
      const res = await get(client, `/api/v1/datasets/${secret.slug}/citation?format=bibtex`);
      expect(dataset.status).toBe(404);
      expect(res.status).toBe(404);
      expect(res.body).toEqual(dataset.body);
      expect((await get(client, `/api/v1/datasets/${secret.id}/datacite`)).status).toBe(404);
    }
    expect((await get(provider, `/api/v1/datasets/${secret.slug}/citation?format=apa`)).status).toBe(200);
  });

  it('is 409 not_published for a draft (to its provider; 404 to others), 404 for a version never published', async () => {
    const res = await get(provider, `/api/v1/datasets/${draft.id}/citation?lang=ko`);
    expect(res.status).toBe(409);
    expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(res.body.code).toBe('not_published');
    expect(res.body.title).toBe('게시되지 않음');
    expect((await get(provider, `/api/v1/datasets/${draft.id}/datacite`)).body.code).toBe('not_published');
    expect((await get(app.anon, `/api/v1/datasets/${draft.id}/citation`)).status).toBe(404);
    const missing = await get(app.anon, `/api/v1/datasets/${speech.slug}/citation?version=4`);
    expect(missing.status).toBe(404);
    expect(missing.body.code).toBe('version_not_found');
  });

  it('is 400 naming the parameter for a bad format, version or download', async () => {
    for (const [query, path] of [
      ['format=mla', '/query/format'],
      ['format=', null],
      ['version=0', '/query/version'],
      ['version=two', '/query/version'],
      ['version=1.5', '/query/version'],
      ['format=ris&download=yes', '/query/download'],
    ] as const) {
      const res = await get(app.anon, `/api/v1/datasets/${speech.slug}/citation?${query}`);
      if (path === null) {
        expect(res.status, query).toBe(200);
        continue;
      }
      expect(res.status, query).toBe(400);
      expect(res.body.errors.map((e: { path: string }) => e.path), query).toEqual([path]);
    }
    expect((await get(app.anon, `/api/v1/datasets/${speech.slug}/datacite?version=x`)).status).toBe(400);
  });
});

describe('GET /datasets/{id}/datacite', () => {
  it('answers DataCite attributes that the schema accepts, for every version, linked by URL', async () => {
    for (const version of [1, 2, 3]) {
      const res = await get(app.anon, `/api/v1/datasets/${speech.slug}/datacite?version=${version}&lang=en`);
      expect(res.status).toBe(200);
      expect(validDatacite(res.body), ajv.errorsText(validDatacite.errors)).toBe(true);
      expect(res.body.version).toBe(String(version));
      expect(res.body.identifiers).toEqual([{ identifier: `${base()}/${speech.slug}?version=${version}`, identifierType: 'URL' }]);
      const relations = res.body.relatedIdentifiers.map((r: { relationType: string; relatedIdentifier: string }) => `${r.relationType} ${r.relatedIdentifier}`);
      expect(relations).toContain(`IsVersionOf ${base()}/${speech.slug}`);
      if (version > 1) expect(relations).toContain(`IsNewVersionOf ${base()}/${speech.slug}?version=${version - 1}`);
      if (version < 3) expect(relations).toContain(`IsPreviousVersionOf ${base()}/${speech.slug}?version=${version + 1}`);
    }
    const current = await get(app.anon, `/api/v1/datasets/${speech.id}/datacite?lang=ko`);
    expect(current.body).toMatchObject({
      version: '3',
      publicationYear: String(year),
      types: { resourceTypeGeneral: 'Dataset' },
      creators: [{ name: '한국지능정보원', nameType: 'Organizational', lang: 'ko' }],
      titles: [
        { title: '한국어 음성 인식 데이터 개정판', lang: 'ko' },
        { title: 'Korean speech recognition data, revised', titleType: 'TranslatedTitle', lang: 'en' },
      ],
      rightsList: [{ rights: '공공누리 제1유형 (출처표시)', rightsIdentifier: 'KOGL-1', rightsUri: 'https://www.kogl.or.kr/info/licenseType1.do', lang: 'ko' }],
    });
    expect(current.body.contributors).toContainEqual({ name: '김민지', nameType: 'Personal', contributorType: 'ContactPerson', affiliation: [{ name: '한국지능정보원' }] });
    expect(current.body.sizes).toEqual(['1000 records']);
    expect(current.body).not.toHaveProperty('doi');
  });
});

describe('Croissant citeAs', () => {
  it('carries the BibTeX citation of the version shown', async () => {
    const res = await app.anon.get(`/api/v1/datasets/${speech.slug}/croissant?lang=en`);
    expect(res.status).toBe(200);
    expect(res.body.citeAs).toMatch(new RegExp(`^@misc\\{${speech.slug}-v3,\\n  author = \\{\\{National Information Society Agency\\}\\},`));
    expect(res.body.citeAs).toContain(`url = {${base()}/${speech.slug}?version=3}`);
  });
});
