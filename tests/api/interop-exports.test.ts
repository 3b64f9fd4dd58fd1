import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogFilter } from '../../server/datasets/access';
import { Dataset } from '../../server/datasets/model';
import { loadConfig } from '../../server/infra/config';
import { createLogger } from '../../server/infra/logger';
import { datasetJsonLd } from '../../server/interop/schema-org';
import { CONFIDENTIAL_DATASET_SLUG, DRAFT_DATASET_SLUG, IN_REVIEW_DATASET_SLUG, US_CONDITIONAL_APPROVAL_DATASET_SLUG, WITHDRAWN_DATASET_SLUG } from '../../seed/data/datasets';
import { seedDemo } from '../../seed/run';
import { startTestApp, type TestApp } from '../helpers/app';
import { expandedTypes, expandLocally, schemaViolations } from '../helpers/interop';

const DCAT = 'http://www.w3.org/ns/dcat#';
const DCT = 'http://purl.org/dc/terms/';

let app: TestApp;
let publicSlugs: string[];
beforeAll(async () => {
  app = await startTestApp();
  await seedDemo({ config: loadConfig({ NODE_ENV: 'test' }), log: createLogger('silent'), storage: app.storage });
  publicSlugs = (await Dataset.find(catalogFilter(null), { slug: 1 }).lean()).map((d) => d.slug).sort();
}, 180_000);
afterAll(async () => {
  await app?.close();
});

const slugOf = (url: string) => decodeURIComponent(url.split('/datasets/')[1]);

describe('GET /data.json (DCAT-US 1.1)', () => {
  it('validates against the DCAT-US 1.1 schema and lists exactly the anonymous catalogue', async () => {
    const res = await app.anon.get('/data.json');
    expect(res.status).toBe(200);
    expect(schemaViolations('dcat-us-1.1.schema.json', res.body)).toEqual([]);
    const slugs = res.body.dataset.map((d: { identifier: string }) => slugOf(d.identifier)).sort();
    expect(slugs.length).toBeGreaterThanOrEqual(20);
    expect(slugs).toEqual(publicSlugs);
    for (const hidden of [CONFIDENTIAL_DATASET_SLUG, DRAFT_DATASET_SLUG, IN_REVIEW_DATASET_SLUG, WITHDRAWN_DATASET_SLUG]) expect(slugs).not.toContain(hidden);
  });

  it('maps access levels, and states rights for every restricted dataset', async () => {
    const res = await app.anon.get('/data.json');
    const docs = await Dataset.find(catalogFilter(null)).lean();
    const expected: Record<string, string> = { open: 'public', registered: 'public', approval: 'restricted public', enclave: 'restricted public', closed: 'non-public' };
    const seen = new Set<string>();
    for (const entry of res.body.dataset) {
      const doc = docs.find((d) => d.slug === slugOf(entry.identifier))!;
      const level = doc.live!.disclosure.accessLevel as string;
      seen.add(level);
      expect(entry.accessLevel, doc.slug).toBe(expected[level]);
      if (entry.accessLevel !== 'public') expect(entry.rights.length).toBeGreaterThan(10);
      expect(entry.rights.length).toBeLessThanOrEqual(255);
      expect(entry.contactPoint.hasEmail).toMatch(/^mailto:/);
    }
    // The demo's closed datasets are not public-classified, so anonymous harvesters never see them;
    // the closed → non-public mapping is covered by tests/unit/interop.
    expect([...seen]).toEqual(expect.arrayContaining(['approval', 'enclave', 'open', 'registered']));
    const speech = res.body.dataset.find((d: { identifier: string }) => slugOf(d.identifier) === US_CONDITIONAL_APPROVAL_DATASET_SLUG);
    expect(speech.rights).toMatch(/Approval required/);
    expect(speech.rights).toMatch(/Conditional/);
  });

  it('gives download URLs only for files anonymous visitors may download; the rest point at the dataset page', async () => {
    const res = await app.anon.get('/data.json');
    const downloads = res.body.dataset.flatMap((d: { distribution: Array<{ downloadURL?: string }> }) => d.distribution.filter((x) => x.downloadURL));
    expect(downloads.length).toBeGreaterThan(0);
    for (const d of downloads.slice(0, 3)) {
      const got = await app.anon.get(new URL(d.downloadURL).pathname + new URL(d.downloadURL).search);
      expect(got.status, d.downloadURL).toBe(302);
    }
    // Samples of the approval-level speech corpus need sign-in: listed as files in the API, but no downloadURL here.
    const speech = res.body.dataset.find((d: { identifier: string }) => slugOf(d.identifier) === US_CONDITIONAL_APPROVAL_DATASET_SLUG);
    expect(speech.distribution.some((x: { downloadURL?: string }) => x.downloadURL)).toBe(false);
    expect(speech.distribution.some((x: { accessURL?: string }) => x.accessURL === speech.landingPage)).toBe(true);
    const artifacts = await app.anon.get(`/api/v1/datasets/${US_CONDITIONAL_APPROVAL_DATASET_SLUG}/artifacts`);
    expect(artifacts.body.items.length).toBeGreaterThan(0);
    const refused = await app.anon.get(artifacts.body.items[0].downloadUrl);
    expect(refused.status).toBe(403);
  });
});

describe('GET /catalog.jsonld (DCAT 3)', () => {
  it('validates, pages with Hydra links through the whole public catalogue, and expands as JSON-LD', async () => {
    const first = await app.anon.get('/catalog.jsonld?pageSize=10');
    expect(first.status).toBe(200);
    expect(first.headers.get('content-type')).toMatch(/application\/ld\+json/);
    expect(schemaViolations('dcat-3-catalog.schema.json', first.body)).toEqual([]);
    expect(first.body['hydra:totalItems']).toBe(publicSlugs.length);
    const seen: string[] = [];
    let page = first.body;
    let pages = 0;
    for (;;) {
      pages++;
      expect(schemaViolations('dcat-3-catalog.schema.json', page)).toEqual([]);
      seen.push(...page['dcat:dataset'].map((d: { 'dcterms:identifier': string }) => d['dcterms:identifier']));
      const next = page['hydra:view']['hydra:next']?.['@id'];
      if (!next) break;
      const res = await app.anon.get(new URL(next).pathname + new URL(next).search);
      expect(res.status).toBe(200);
      expect(res.body['hydra:view']['hydra:previous']['@id']).toBe(page['hydra:view']['@id']);
      page = res.body;
    }
    expect(pages).toBe(Math.ceil(publicSlugs.length / 10));
    expect(seen.sort()).toEqual(publicSlugs);

    const expanded = await expandLocally(first.body);
    const types = expandedTypes(expanded);
    expect(types).toContain(`${DCAT}Catalog`);
    expect(types).toContain(`${DCAT}Dataset`);
    expect(types).toContain(`${DCAT}Distribution`);
    const catalog = expanded.find((n) => (n['@type'] as string[]).includes(`${DCAT}Catalog`))!;
    const datasets = catalog[`${DCAT}dataset`] as Array<Record<string, unknown>>;
    expect(datasets).toHaveLength(10);
    const titles = datasets[0][`${DCT}title`] as Array<{ '@language': string }>;
    expect(titles.map((t) => t['@language']).sort()).toEqual(['en', 'ko']);
  });

  it('carries bilingual keywords, technology themes, a licence and a vCard contact', async () => {
    const res = await app.anon.get('/catalog.jsonld?pageSize=100');
    const speech = res.body['dcat:dataset'].find((d: { 'dcterms:identifier': string }) => d['dcterms:identifier'] === US_CONDITIONAL_APPROVAL_DATASET_SLUG);
    expect(speech['dcat:keyword']).toEqual(expect.arrayContaining([{ '@value': '음성인식', '@language': 'ko' }, { '@value': 'speech recognition', '@language': 'en' }]));
    expect(speech['dcat:theme'].map((t: { 'skos:notation': string }) => t['skos:notation'])).toContain('artificial_intelligence');
    expect(speech['dcterms:license']['@id']).toMatch(/^https:\/\/www\.kogl\.or\.kr\//);
    expect(speech['dcat:contactPoint']['vcard:hasEmail']['@id']).toBe('mailto:speech-data@kdata-agency.example');
    expect(speech['dcterms:accessRights']['rdfs:label'].find((l: { '@language': string }) => l['@language'] === 'ko')['@value']).toMatch(/승인 후 이용/);
  });

  it('rejects a page number out of range with a problem naming the parameter', async () => {
    const res = await app.anon.get('/catalog.jsonld?page=0');
    expect(res.status).toBe(400);
    expect(res.body.errors[0].path).toBe('/query/page');
  });
});

describe('GET /api/v1/datasets/{id}/croissant (Croissant 1.0 + RAI)', () => {
  it('validates, maps the labeling procedure and QA results to RAI fields, and expands with the Croissant context', async () => {
    const res = await app.anon.get(`/api/v1/datasets/${US_CONDITIONAL_APPROVAL_DATASET_SLUG}/croissant`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/application\/ld\+json/);
    expect(schemaViolations('croissant-1.0-rai.schema.json', res.body)).toEqual([]);
    const doc = res.body;
    expect(doc['rai:dataAnnotationProtocol']).toMatch(/version 3/);
    expect(doc['rai:dataAnnotationAnalysis']).toMatch(/Character error rate: target ≤ [\d.]+, achieved 0\.043 \(met\)/);
    expect(doc['rai:annotationsPerItem']).toMatch(/^\d+$/);
    expect(doc['rai:personalSensitiveInformation']).toMatch(/Anonymised/);
    expect(doc.distribution.length).toBeGreaterThan(0);
    for (const file of doc.distribution) expect(file.sha256).toMatch(/^[0-9a-f]{64}$/);

    const expanded = await expandLocally(doc);
    expect(expandedTypes(expanded)).toEqual(new Set(['https://schema.org/Dataset', 'http://mlcommons.org/croissant/FileObject', 'https://schema.org/Organization']));
    const node = expanded[0];
    expect(node['http://purl.org/dc/terms/conformsTo']).toEqual(
      expect.arrayContaining([{ '@value': 'http://mlcommons.org/croissant/1.0', '@language': 'en' }, { '@value': 'http://mlcommons.org/croissant/RAI/1.0', '@language': 'en' }]),
    );
    expect(node).toHaveProperty(['http://mlcommons.org/croissant/RAI/dataAnnotationProtocol']);
    expect(node).toHaveProperty(['https://schema.org/distribution']);
  });

  it('answers in Korean with ?lang=ko', async () => {
    const res = await app.anon.get(`/api/v1/datasets/${US_CONDITIONAL_APPROVAL_DATASET_SLUG}/croissant?lang=ko`);
    expect(res.body['@context']['@language']).toBe('ko');
    expect(res.body.name).toMatch(/[가-힣]/);
    expect(res.body['rai:dataAnnotationAnalysis']).toMatch(/충족/);
    expect(schemaViolations('croissant-1.0-rai.schema.json', res.body)).toEqual([]);
  });

  it('has the visibility of the dataset: 404 for anonymous callers on a confidential dataset, 200 for its provider', async () => {
    expect((await app.anon.get(`/api/v1/datasets/${CONFIDENTIAL_DATASET_SLUG}/croissant`)).status).toBe(404);
    expect((await app.anon.get(`/api/v1/datasets/${DRAFT_DATASET_SLUG}/croissant`)).status).toBe(404);
    const admin = await app.login('admin@demo.kr', 'databridge-demo');
    const res = await admin.get(`/api/v1/datasets/${CONFIDENTIAL_DATASET_SLUG}/croissant`);
    expect(res.status).toBe(200);
    expect(schemaViolations('croissant-1.0-rai.schema.json', res.body)).toEqual([]);
    expect(res.body['rai:personalSensitiveInformation']).toMatch(/Confidential/);
  });
});

describe('schema.org Dataset JSON-LD (dataset pages)', () => {
  it('validates for every public demo dataset and expands to schema:Dataset', async () => {
    const config = loadConfig({ NODE_ENV: 'test' });
    for (const slug of publicSlugs) {
      const presented = (await app.anon.get(`/api/v1/datasets/${slug}`)).body;
      const doc = datasetJsonLd(presented, config.publicUrl);
      expect(schemaViolations('schema-org-dataset.schema.json', doc), slug).toEqual([]);
    }
    const presented = (await app.anon.get(`/api/v1/datasets/${publicSlugs[0]}`)).body;
    const expanded = await expandLocally(datasetJsonLd(presented, config.publicUrl));
    expect(expandedTypes(expanded)).toContain('https://schema.org/Dataset');
  });
});
