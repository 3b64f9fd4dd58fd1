// Harvesting end to end per source kind (docs/harvesting.md): create, update, withdraw, re-publish,
// not-modified, searchable and filterable as harvested, read-only, curated values kept.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditEvent } from '../../server/audit/model';
import { createOrg, createUser, startTestApp, type Client, type TestApp } from '../helpers/app';
import { publishDataset } from '../helpers/factories';
import { ckanSearch, harvestFixture, jsonDocument, registerSource, runSource, startFixtureServer, type FixtureServer } from '../helpers/harvest-fixtures';

let app: TestApp;
let fx: FixtureServer;
let admin: Client;
let provider: Client;
let reviewer: Client;
let orgId: string;

beforeAll(async () => {
  app = await startTestApp();
  fx = await startFixtureServer();
  const org = await createOrg({ name: { ko: '파트너 기관', en: 'Partner Agency' } });
  orgId = String(org._id);
  admin = app.as(await createUser({ roles: ['admin'], org }));
  provider = app.as(await createUser({ roles: ['provider'], org }));
  reviewer = app.as(await createUser({ roles: ['reviewer'], org }));
});
afterAll(async () => {
  await fx?.close();
  await app?.close();
});

const find = async (q: string, extra = '') => (await app.anon.get(`/api/v1/datasets?q=${encodeURIComponent(q)}${extra}`)).body;

describe('DCAT-US data.json', () => {
  let catalog: any;
  let source: any;
  let local: any;

  beforeAll(async () => {
    catalog = harvestFixture('dcat-us.json');
    fx.route('/data.json', jsonDocument(() => catalog));
    // A local dataset holding the slug the first record would get: the harvest must go around it.
    local = await publishDataset(provider, reviewer, { slug: 'harbor-autonomous-vessel-lidar-scans' });
    source = await registerSource(admin, { kind: 'dcat-us', url: `${fx.origin}/data.json`, providerId: orgId, name: { en: 'Partner data.json', ko: '파트너 data.json' } });
  });

  it('creates one published dataset per record, mapped from the source, without touching the local one', async () => {
    const run = await runSource(admin, source.id);
    expect(run).toMatchObject({ status: 'succeeded', trigger: 'manual', error: null, skipped: [], skippedTotal: 0 });
    expect(run.counts).toEqual({ fetched: 3, created: 3, updated: 0, unchanged: 0, withdrawn: 0, skipped: 0 });

    const lidar = (await app.anon.get('/api/v1/datasets/harbor-autonomous-vessel-lidar-scans-2')).body;
    expect(lidar).toMatchObject({
      status: 'published',
      title: { en: 'Harbor Autonomous Vessel Lidar Scans' },
      summary: { en: 'Lidar point clouds recorded by an uncrewed surface vessel in three harbors.' },
      keywords: { en: ['autonomous driving', 'lidar', 'marine'] },
      license: { id: 'CC-BY-4.0' },
      disclosure: { accessLevel: 'open' },
      classification: { level: 'public', personalInfo: 'none' },
      temporalCoverage: { start: '2024-03-01', end: '2025-08-31' },
      provider: { id: orgId },
      origin: {
        kind: 'harvested',
        source: { id: source.id, name: { en: 'Partner data.json', ko: '파트너 data.json' }, kind: 'dcat-us', url: `${fx.origin}/data.json` },
        originalId: 'pmrl-usv-lidar-2025',
        landingPage: 'https://data.partner.example.gov/dataset/pmrl-usv-lidar-2025',
        sourceModified: '2025-09-30',
        curated: false,
      },
    });
    expect(lidar.techAreas.kr).toEqual(expect.arrayContaining(['advanced_mobility', 'aerospace_marine']));
    expect(lidar.origin.suggested.techAreas).toEqual(lidar.techAreas);
    // Distributions link out (external access, shown to callers allowed the full data: open here).
    expect(lidar.externalAccess.map((e: any) => e.url)).toEqual(['https://data.partner.example.gov/files/usv-lidar.zip', 'https://data.partner.example.gov/api/usv-lidar']);
    expect(lidar.externalAccess[0]).toMatchObject({ kind: 'url', text: { en: 'Distribution at the source: Point clouds (ZIP)', ko: '원본 배포: Point clouds (ZIP)' } });

    const quantum = (await admin.get('/api/v1/datasets/quantum-device-calibration-logs')).body;
    expect(quantum.disclosure.accessLevel).toBe('approval');
    expect(quantum.license).toEqual({ id: 'custom', url: 'https://data.partner.example.gov/terms' });
    expect(quantum.techAreas.kr).toContain('quantum');
    expect(quantum.techAreas.us).toContain('quantum_information');
    const grid = (await admin.get('/api/v1/datasets/internal-grid-sensor-archive')).body;
    expect(grid.disclosure.accessLevel).toBe('closed');
    expect(grid.license.id).toBe('CC0-1.0');

    const mine = (await provider.get(`/api/v1/datasets/${local.id}`)).body;
    expect(mine).toMatchObject({ slug: 'harbor-autonomous-vessel-lidar-scans', title: local.title, origin: { kind: 'local' }, version: 1 });
  });

  it('makes harvested datasets searchable, filterable and counted by origin', async () => {
    const hits = await find('lidar');
    expect(hits.items.map((d: any) => d.slug)).toContain('harbor-autonomous-vessel-lidar-scans-2');
    const harvested = (await app.anon.get('/api/v1/datasets?origin=harvested')).body;
    expect(harvested.items.map((d: any) => d.origin.kind)).toEqual(harvested.items.map(() => 'harvested'));
    expect(harvested.total).toBeGreaterThanOrEqual(3);
    const all = (await app.anon.get('/api/v1/datasets')).body;
    const facet = Object.fromEntries(all.facets.origin.map((f: any) => [f.value, f.count]));
    expect(facet.harvested).toBe(harvested.total);
    expect(facet.local).toBeGreaterThanOrEqual(1);
    const local = (await app.anon.get('/api/v1/datasets?origin=local&q=lidar')).body;
    expect(local.items.every((d: any) => d.origin.kind === 'local')).toBe(true);
  });

  it('leaves harvested datasets out of this catalogue’s own /data.json and /catalog.jsonld', async () => {
    const dataJson = await app.anon.get('/data.json');
    expect(dataJson.status).toBe(200);
    const identifiers = dataJson.body.dataset.map((d: any) => String(d.identifier));
    expect(identifiers.some((id: string) => id.includes('harbor-autonomous-vessel-lidar-scans-2'))).toBe(false);
    expect(identifiers).toContainEqual(expect.stringMatching(new RegExp(`/datasets/${local.slug}$`)));
    const jsonLd = JSON.stringify((await app.anon.get('/catalog.jsonld?pageSize=100')).body);
    expect(jsonLd).not.toContain('harbor-autonomous-vessel-lidar-scans-2');
    expect(jsonLd).toContain(`/datasets/${local.slug}"`);
  });

  it('refuses edits through the provider workflow (409 harvested_read_only, in the caller’s language)', async () => {
    const id = (await admin.get('/api/v1/datasets/harbor-autonomous-vessel-lidar-scans-2')).body.id;
    const patch = await admin.patch(`/api/v1/datasets/${id}`, { title: { en: 'Renamed' } });
    expect(patch.status).toBe(409);
    expect(patch.body.code).toBe('harvested_read_only');
    expect(patch.body.detail).toContain('Partner data.json');
    const ko = await admin.patch(`/api/v1/datasets/${id}?lang=ko`, { title: { en: 'Renamed' } });
    expect(ko.body.detail).toContain('파트너 data.json');
    for (const [method, path] of [
      ['post', `/api/v1/datasets/${id}/withdraw`],
      ['post', `/api/v1/datasets/${id}/submit`],
      ['delete', `/api/v1/datasets/${id}`],
    ] as const) {
      const res = method === 'delete' ? await admin.delete(path) : await admin.post(path, {});
      expect([path, res.status, res.body.code]).toEqual([path, 409, 'harvested_read_only']);
    }
    const artifact = await admin.post(`/api/v1/datasets/${id}/artifacts`, { kind: 'sample', filename: 'a.csv', contentType: 'text/csv', bytes: 3, sha256: 'a'.repeat(64) });
    expect([artifact.status, artifact.body.code]).toEqual([409, 'harvested_read_only']);
  });

  it('answers not_modified when the source says nothing changed (conditional request)', async () => {
    const run = await runSource(admin, source.id);
    expect(run.status).toBe('not_modified');
    expect(run.counts).toEqual({ fetched: 0, created: 0, updated: 0, unchanged: 0, withdrawn: 0, skipped: 0 });
    expect(fx.requests.at(-1)!.headers['if-none-match']).toMatch(/^"/);
  });

  it('updates changed records only, withdraws records that disappeared and re-publishes one that comes back', async () => {
    const grid = catalog.dataset[2];
    catalog.dataset[0].description = 'Lidar point clouds from an uncrewed surface vessel, now covering four harbors. Re-processed.';
    catalog.dataset.splice(2, 1);
    const run = await runSource(admin, source.id);
    expect(run.counts).toEqual({ fetched: 2, created: 0, updated: 1, unchanged: 1, withdrawn: 1, skipped: 0 });
    expect((await app.anon.get('/api/v1/datasets/harbor-autonomous-vessel-lidar-scans-2')).body.summary.en).toBe(
      'Lidar point clouds from an uncrewed surface vessel, now covering four harbors.',
    );
    expect((await admin.get('/api/v1/datasets/internal-grid-sensor-archive')).body.status).toBe('withdrawn');
    expect((await find('grid sensor archive', '&origin=harvested')).items.map((d: any) => d.slug)).not.toContain('internal-grid-sensor-archive');

    catalog.dataset.push(grid);
    const again = await runSource(admin, source.id);
    expect(again.counts).toMatchObject({ fetched: 3, created: 0, updated: 1, unchanged: 2, withdrawn: 0 });
    const back = (await admin.get('/api/v1/datasets/internal-grid-sensor-archive')).body;
    expect(back).toMatchObject({ status: 'published', withdrawnAt: null });
    const sources = (await admin.get('/api/v1/harvest/sources')).body;
    expect(sources.items.find((s: any) => s.id === source.id)).toMatchObject({ datasetCount: 3, lastRun: { id: again.id, status: 'succeeded' } });
    const runs = (await admin.get(`/api/v1/harvest/sources/${source.id}/runs`)).body;
    expect(runs.items[0].id).toBe(again.id);
    expect(runs.total).toBe(4);
  });

  it('keeps a curator’s confirmed areas across later harvests, while the suggestion follows the source', async () => {
    const quantum = (await admin.get('/api/v1/datasets/quantum-device-calibration-logs')).body;
    const curated = await reviewer.post(`/api/v1/harvest/datasets/${quantum.id}/curation`, { techAreas: { kr: ['advanced_robotics_manufacturing'], us: [] }, modalities: ['tabular'] });
    expect(curated.status).toBe(200);
    expect(curated.body).toMatchObject({ techAreas: { kr: ['advanced_robotics_manufacturing'], us: [] }, modalities: ['tabular'], origin: { curated: true } });
    catalog.dataset[1].keyword = ['quantum computing', 'semiconductor'];
    const run = await runSource(admin, source.id);
    expect(run.counts.updated).toBe(1);
    const after = (await app.anon.get(`/api/v1/datasets/${quantum.id}`)).body;
    expect(after).toMatchObject({ techAreas: { kr: ['advanced_robotics_manufacturing'], us: [] }, modalities: ['tabular'], origin: { curated: true } });
    expect(after.origin.suggested.techAreas.kr).toEqual(expect.arrayContaining(['quantum', 'semiconductors_displays']));
    const local = (await admin.get('/api/v1/datasets/harbor-autonomous-vessel-lidar-scans')).body;
    const refused = await admin.post(`/api/v1/harvest/datasets/${local.id}/curation`, { techAreas: { kr: [], us: [] }, modalities: [] });
    expect([refused.status, refused.body.code]).toEqual([409, 'not_harvested']);
  });

  it('renames a source: its datasets show the new name and address at once, the local one keeps its origin', async () => {
    const url = source.url;
    const renamed = await admin.patch(`/api/v1/harvest/sources/${source.id}`, { name: { ko: '새 이름', en: 'New name' }, url: `${url}?v=2` });
    expect(renamed.status, renamed.text).toBe(200);
    const quantum = (await app.anon.get('/api/v1/datasets/quantum-device-calibration-logs')).body;
    expect(quantum.origin.source).toMatchObject({ id: source.id, name: { ko: '새 이름', en: 'New name' }, url: `${url}?v=2` });
    const listed = (await app.anon.get('/api/v1/datasets?origin=harvested&pageSize=100')).body.items.find((d: any) => d.id === quantum.id);
    expect(listed.origin.source.name.en).toBe('New name');
    expect((await app.anon.get('/api/v1/datasets/harbor-autonomous-vessel-lidar-scans')).body.origin).toEqual({ kind: 'local' });
    expect((await admin.patch(`/api/v1/harvest/sources/${source.id}`, { url })).status).toBe(200);
  });

  it('removes a source: its datasets are withdrawn, its runs gone, and it is audited', async () => {
    const del = await admin.delete(`/api/v1/harvest/sources/${source.id}`);
    expect(del.status).toBe(204);
    expect((await admin.get(`/api/v1/harvest/sources/${source.id}`)).status).toBe(404);
    expect((await app.anon.get('/api/v1/datasets/harbor-autonomous-vessel-lidar-scans-2')).status).toBe(404);
    expect((await app.anon.get('/api/v1/datasets/harbor-autonomous-vessel-lidar-scans')).status).toBe(200);
    const actions = (await AuditEvent.find({ targetId: source.id }).lean()).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['harvest.source_create', 'harvest.run', 'harvest.source_delete']));
  });
});

describe('DCAT-AP JSON-LD', () => {
  it('reads language maps and @value literals into both languages, maps access rights and licences, withdraws what is gone', async () => {
    let doc = harvestFixture('dcat-ap.jsonld');
    fx.route('/catalog.jsonld', jsonDocument(() => doc, 'application/ld+json'));
    const source = await registerSource(admin, { kind: 'dcat-ap', url: `${fx.origin}/catalog.jsonld`, providerId: orgId });
    const run = await runSource(admin, source.id);
    expect(run.counts).toMatchObject({ fetched: 2, created: 2, skipped: 0 });
    const speech = (await app.anon.get('/api/v1/datasets/bilingual-speech-recognition-corpus')).body;
    expect(speech).toMatchObject({
      title: { en: 'Bilingual Speech Recognition Corpus', ko: '이중언어 음성 인식 말뭉치' },
      summary: { en: 'Read and spontaneous speech in Korean and English with transcripts.', ko: '한국어와 영어 낭독·자유 발화 음성과 전사 텍스트입니다.' },
      keywords: { en: ['speech recognition', 'corpus'], ko: ['음성인식', '말뭉치'] },
      license: { id: 'CC-BY-4.0' },
      disclosure: { accessLevel: 'open' },
      modalities: ['speech'],
      origin: { originalId: 'speech-corpus-2025', landingPage: 'https://catalogue.partner.example.eu/page/speech-corpus', sourceModified: '2025-10-01' },
    });
    expect(speech.externalAccess[0].url).toBe('https://catalogue.partner.example.eu/files/speech-corpus.tar');
    // Searchable in the other language through the glossary.
    expect((await find('음성 인식', '&origin=harvested')).items.map((d: any) => d.slug)).toContain('bilingual-speech-recognition-corpus');
    const tiles = (await admin.get('/api/v1/datasets/coastal-satellite-image-tiles')).body;
    expect(tiles).toMatchObject({ disclosure: { accessLevel: 'approval' }, license: { id: 'custom', url: 'https://catalogue.partner.example.eu/licence/restricted' } });

    doc = harvestFixture('dcat-ap.jsonld');
    doc['@graph'] = doc['@graph'].filter((n: any) => n['@id'] !== 'https://catalogue.partner.example.eu/dataset/satellite-tiles');
    doc['@graph'][0]['dcat:dataset'] = [{ '@id': 'https://catalogue.partner.example.eu/dataset/speech-corpus' }];
    const second = await runSource(admin, source.id);
    expect(second.counts).toMatchObject({ fetched: 1, unchanged: 1, withdrawn: 1 });
    expect((await admin.get('/api/v1/datasets/coastal-satellite-image-tiles')).body.status).toBe('withdrawn');
  });
});

describe('CKAN package_search', () => {
  it('pages through the results, skips private packages, and runs idempotently', async () => {
    const packages = harvestFixture<any[]>('ckan-packages.json');
    const many = [...packages, ...Array.from({ length: 205 }, (_, i) => ({ id: `bulk-${i}`, name: `bulk-${i}`, title: `Bulk sensor table ${i}`, notes: 'Generated.', tags: [{ name: 'sensor' }], resources: [] }))];
    fx.route('/api/3/action/package_search', ckanSearch(() => many));
    const source = await registerSource(admin, { kind: 'ckan', url: `${fx.origin}/api/3/action/package_search`, providerId: orgId });
    const before = fx.requests.length;
    const run = await runSource(admin, source.id);
    expect(run.counts).toEqual({ fetched: 208, created: 207, updated: 0, unchanged: 0, withdrawn: 0, skipped: 1 });
    expect(run.skipped).toEqual([{ originalId: '9f0e1d2c-3b4a-4c5d-8e7f-a0b1c2d3e4f5', code: 'private_record', message: 'The record is private at the source and is not harvested.' }]);
    expect(fx.requests.slice(before).map((r) => new URL(r.url, fx.origin).searchParams.get('start'))).toEqual(['0', '100', '200']);
    const video = (await app.anon.get('/api/v1/datasets/city-traffic-camera-video')).body;
    expect(video).toMatchObject({
      license: { id: 'CC-BY-4.0' },
      keywords: { en: ['video', 'traffic', 'object detection'] },
      contact: { name: 'Open Data Team', email: 'opendata@partner-city.example.org' },
      origin: { originalId: '0b6d2c8e-1f4a-4b1e-9a50-2d7f0c1a9e01', landingPage: 'https://open.partner-city.example.org/traffic-video' },
    });
    expect(video.modalities).toContain('video');
    expect((await app.anon.get('/api/v1/datasets/battery-cycling-measurements')).body.license).toEqual({ id: 'custom', url: 'https://opendatacommons.org/licenses/odbl/1-0/' });
    expect((await app.anon.get('/api/v1/datasets/staff-only-field-notes')).status).toBe(404);

    const again = await runSource(admin, source.id);
    expect(again.counts).toEqual({ fetched: 208, created: 0, updated: 0, unchanged: 207, withdrawn: 0, skipped: 1 });
    expect((await admin.get(`/api/v1/datasets?origin=harvested&q=${encodeURIComponent('Bulk sensor table 7')}`)).body.items.filter((d: any) => d.slug === 'bulk-sensor-table-7')).toHaveLength(1);
  });
});
