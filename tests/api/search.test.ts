import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Organization } from '../../server/organizations/model';
import { createOrg, createUser, startTestApp, type Client, type TestApp } from '../helpers/app';
import { buildDataset, publishDataset } from '../helpers/factories';

let app: TestApp;
let provider: Client;
let reviewer: Client;
let outsider: Client;
let providerOrgSlug: string;
const ids: Record<string, string> = {};

const restricted = (over: Record<string, unknown> = {}) => ({
  accessLevel: 'approval',
  samplesAccess: 'registered',
  allowedCountries: ['*'],
  allowedOrgTypes: ['*'],
  allowedPurposes: ['research'],
  crossBorder: 'allowed',
  conditions: { dua: true, irb: false, attribution: true, noRedistribution: true },
  maxGrantDays: 365,
  ...over,
});

beforeAll(async () => {
  app = await startTestApp();
  const org = await createOrg({ slug: 'search-provider', name: { ko: '검색 제공기관', en: 'Search Provider' } });
  providerOrgSlug = org.slug;
  const national = await createOrg({ nationalReviewer: true });
  provider = app.as(await createUser({ roles: ['provider'], org }));
  reviewer = app.as(await createUser({ roles: ['reviewer'], org: national }));
  outsider = app.as(await createUser({ roles: ['researcher'], country: 'US', orgType: 'university' }));

  const radiograph = await publishDataset(provider, reviewer, {
    slug: 'radiograph-reading',
    title: { ko: '흉부 의료영상 판독 데이터', en: 'Chest radiograph reading set' },
    summary: { ko: '흉부 엑스선 의료영상과 판독문입니다.', en: 'Chest X-rays with radiologist reports.' },
    description: { ko: '대학병원 흉부 엑스선 영상 3만 장과 판독문입니다.', en: 'Thirty thousand chest X-rays from a university hospital with reports.' },
    keywords: { ko: ['흉부', '엑스선'], en: ['chest', 'x-ray'] },
    modalities: ['image'],
    tasks: ['classification'],
    domain: 'healthcare',
    license: { id: 'CC-BY-NC-4.0' },
  });
  ids.radiograph = radiograph.id;
  const speech = await publishDataset(provider, reviewer, { slug: 'speech-open' });
  ids.speech = speech.id;
  const korOnly = await publishDataset(provider, reviewer, {
    slug: 'kr-only-speech',
    title: { ko: '국내 한정 회의 음성', en: 'Domestic meeting audio' },
    disclosure: restricted({ allowedCountries: ['KR'] }),
  });
  ids.korOnly = korOnly.id;
  const internal = await publishDataset(provider, reviewer, {
    slug: 'internal-traffic',
    title: { ko: '교통 CCTV 영상', en: 'Traffic CCTV video' },
    modalities: ['video'],
    tasks: ['object_detection'],
    classification: { level: 'internal', personalInfo: 'none', sensitiveCategories: [], exportControl: { controlled: false }, nationalCoreTechnology: false },
    disclosure: restricted(),
  });
  ids.internal = internal.id;
  const secret = await publishDataset(provider, reviewer, {
    slug: 'secret-wafer-logs',
    title: { ko: '웨이퍼 식각 비밀 로그', en: 'Wafer etch zephyrine logs' },
    modalities: ['timeseries'],
    tasks: ['anomaly_detection'],
    classification: { level: 'confidential', personalInfo: 'none', sensitiveCategories: [], exportControl: { controlled: true, regime: 'kr_strategic' }, nationalCoreTechnology: true },
    disclosure: restricted({ accessLevel: 'closed', samplesAccess: 'same_as_data', crossBorder: 'prohibited' }),
  });
  ids.secret = secret.id;
}, 120_000);

afterAll(async () => {
  await app?.close();
});

const slugs = (body: { items: Array<{ slug: string }> }) => body.items.map((i) => i.slug);

describe('GET /datasets?q=', () => {
  it('finds Korean text by an inflected or compound query and marks the matches', async () => {
    for (const q of ['의료영상을', '의료 영상', '흉부의']) {
      const res = await app.anon.get(`/api/v1/datasets?q=${encodeURIComponent(q)}`);
      expect(res.status).toBe(200);
      expect(slugs(res.body)[0]).toBe('radiograph-reading');
    }
    const res = await app.anon.get(`/api/v1/datasets?q=${encodeURIComponent('의료영상')}`);
    const item = res.body.items[0];
    const ranges: Array<[number, number]> = item.highlights['title.ko'];
    expect(ranges.map(([s, e]) => item.title.ko.slice(s, e))).toEqual(['의료영상']);
    expect(res.body.query.alternatives).toContainEqual({ text: 'medical imaging', lang: 'en' });
  });

  it('finds a dataset through the glossary when its English text lacks the words', async () => {
    const res = await app.anon.get('/api/v1/datasets?q=medical%20imaging');
    expect(slugs(res.body)).toEqual(['radiograph-reading']);
    // The Korean title carries the match, and it is highlighted.
    expect(res.body.items[0].highlights['title.ko']).toBeDefined();
  });

  it('tolerates an English typo', async () => {
    const res = await app.anon.get('/api/v1/datasets?q=radiogrph');
    expect(slugs(res.body)).toEqual(['radiograph-reading']);
    expect(res.body.query.corrections).toContainEqual({ from: 'radiogrph', to: 'radiograph' });
  });

  it('says why a result matched: a description snippet, a glossary note, a word inside a compound', async () => {
    const deep = await app.anon.get(`/api/v1/datasets?q=${encodeURIComponent('대학병원')}`);
    const item = deep.body.items[0];
    expect(item.slug).toBe('radiograph-reading');
    expect(item.snippet.lang).toBe('ko');
    expect(item.snippet.ranges.map(([s, e]: [number, number]) => item.snippet.text.slice(s, e))).toEqual(['대학병원']);
    expect(item.matchedBy).toEqual([{ word: '대학병원', via: 'word' }]);

    const gloss = await app.anon.get('/api/v1/datasets?q=medical%20imaging', { 'accept-language': 'en' });
    expect(gloss.body.items[0].matchedBy.map((n: { via: string }) => n.via)).toContain('glossary');

    // 판독 is a word of the title and sits inside 판독문입니다 in the summary.
    const inside = await app.anon.get(`/api/v1/datasets?q=${encodeURIComponent('판독')}`);
    const first = inside.body.items[0];
    expect(first.slug).toBe('radiograph-reading');
    expect(first.highlights['title.ko'].map(([s, e]: [number, number]) => first.title.ko.slice(s, e))).toEqual(['판독']);
    expect(first.highlights['summary.ko'].map(([s, e]: [number, number]) => first.summary.ko.slice(s, e))).toEqual(['판독문입니다']);
  });

  it('answers an empty result with the other language’s terms', async () => {
    const res = await app.anon.get(`/api/v1/datasets?q=${encodeURIComponent('자율주행차량')}`);
    expect(res.body.total).toBe(0);
    expect(res.body.query.alternatives.map((a: { text: string }) => a.text)).toContain('autonomous vehicle');
  });
});

describe('filters and facets', () => {
  it('combines filters (OR within a facet, AND across) and counts each facet without its own selection', async () => {
    const all = await outsider.get('/api/v1/datasets');
    expect(all.body.total).toBe(4);
    const images = await outsider.get('/api/v1/datasets?modality=image&modality=video');
    expect(slugs(images.body).sort()).toEqual(['internal-traffic', 'radiograph-reading']);
    const facet = (body: any, name: string) => Object.fromEntries(body.facets[name].map((c: { value: string; count: number }) => [c.value, c.count]));
    expect(facet(images.body, 'modality')).toEqual(facet(all.body, 'modality'));
    const both = await outsider.get('/api/v1/datasets?modality=image&modality=video&accessLevel=approval');
    expect(slugs(both.body)).toEqual(['internal-traffic']);
    // modality counts now only see approval-level datasets; accessLevel counts only image/video ones.
    expect(facet(both.body, 'modality')).toEqual({ speech: 1, video: 1, image: 0 });
    expect(facet(both.body, 'accessLevel')).toEqual({ open: 1, approval: 1 });
    const provider = both.body.facets.provider[0];
    expect(provider).toMatchObject({ value: providerOrgSlug, label: { en: 'Search Provider' } });
  });

  it('keeps datasets a US organisation could obtain with availableTo=US, through the policy engine', async () => {
    const res = await outsider.get('/api/v1/datasets?availableTo=US');
    expect(slugs(res.body)).not.toContain('kr-only-speech');
    expect(slugs(res.body)).toEqual(expect.arrayContaining(['speech-open', 'radiograph-reading', 'internal-traffic']));
    const kr = await outsider.get('/api/v1/datasets?availableTo=KR');
    expect(slugs(kr.body)).toContain('kr-only-speech');
  });

  it('keeps datasets the caller could obtain for a purpose', async () => {
    const commercial = await outsider.get('/api/v1/datasets?purpose=commercial');
    // Non-commercial licence and research-only rules exclude these for commercial use.
    expect(slugs(commercial.body)).toEqual(['speech-open']);
    const research = await outsider.get('/api/v1/datasets?purpose=research');
    expect(slugs(research.body)).toEqual(expect.arrayContaining(['speech-open', 'radiograph-reading', 'internal-traffic']));
    expect(slugs(research.body)).not.toContain('kr-only-speech');
  });

  it('refuses unknown values, naming the parameter, in the caller’s language', async () => {
    const bad = await app.anon.get('/api/v1/datasets?modality=smell&lang=ko');
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toContain('application/problem+json');
    expect(bad.body.errors[0].path).toBe('/query/modality');
    expect(bad.body.errors[0].message).toMatch(/[가-힣]/);
    const size = await app.anon.get('/api/v1/datasets?pageSize=1000');
    expect(size.body.errors[0].path).toBe('/query/pageSize');
    const sort = await app.anon.get('/api/v1/datasets?sort=random');
    expect(sort.body.errors[0].path).toBe('/query/sort');
    const country = await app.anon.get('/api/v1/datasets?availableTo=usa');
    expect(country.body.errors[0].path).toBe('/query/availableTo');
    const long = await app.anon.get(`/api/v1/datasets?q=${'가'.repeat(501)}`);
    expect(long.body.errors[0].path).toBe('/query/q');
  });
});

describe('visibility', () => {
  it('never shows a confidential dataset to outsiders, in results, counts or suggestions', async () => {
    for (const client of [app.anon, outsider]) {
      const res = await client.get('/api/v1/datasets?q=zephyrine');
      expect(res.body.total).toBe(0);
      const all = await client.get('/api/v1/datasets?classification=confidential');
      expect(all.body.total).toBe(0);
      const facets = await client.get('/api/v1/datasets');
      expect(facets.body.facets.classification.map((c: { value: string }) => c.value)).not.toContain('confidential');
      expect(facets.body.facets.modality.map((c: { value: string }) => c.value)).not.toContain('timeseries');
      const suggest = await client.get(`/api/v1/datasets/suggest?q=${encodeURIComponent('웨이퍼 식')}`);
      expect(suggest.body.items.filter((i: { kind: string }) => i.kind === 'dataset')).toEqual([]);
    }
    const member = await provider.get('/api/v1/datasets?q=zephyrine');
    expect(slugs(member.body)).toEqual(['secret-wafer-logs']);
    const national = await reviewer.get('/api/v1/datasets?classification=confidential');
    expect(slugs(national.body)).toEqual(['secret-wafer-logs']);
  });

  it('shows internal datasets to signed-in users only', async () => {
    expect(slugs((await app.anon.get('/api/v1/datasets?q=cctv')).body)).toEqual([]);
    expect(slugs((await outsider.get('/api/v1/datasets?q=cctv')).body)).toEqual(['internal-traffic']);
  });
});

describe('changes appear at once', () => {
  it('publishing, revising, withdrawing and renaming are reflected by the next search', async () => {
    const draft = await provider.post('/api/v1/datasets', buildDataset({ slug: 'quokka-audio', title: { ko: '쿼카 울음 소리', en: 'Quokka calls' } }));
    expect(draft.status).toBe(201);
    expect((await app.anon.get('/api/v1/datasets?q=quokka')).body.total).toBe(0);
    const published = await publishDataset(provider, reviewer, { slug: 'quokka-calls', title: { ko: '쿼카 울음 소리', en: 'Quokka calls' } });
    expect(slugs((await app.anon.get('/api/v1/datasets?q=quokka')).body)).toEqual(['quokka-calls']);

    // A revision in progress does not change what the catalogue finds until it is approved.
    const current = await provider.get(`/api/v1/datasets/${published.id}`);
    const edit = await provider.patch(`/api/v1/datasets/${published.id}`, { title: { ko: '왈라비 울음 소리', en: 'Wallaby calls' } }, { 'if-match': current.headers.get('etag')! });
    expect(edit.status).toBe(200);
    expect((await app.anon.get('/api/v1/datasets?q=wallaby')).body.total).toBe(0);
    expect((await provider.post(`/api/v1/datasets/${published.id}/submit`)).status).toBe(200);
    expect((await reviewer.post(`/api/v1/datasets/${published.id}/review`, { action: 'approve' })).status).toBe(200);
    expect(slugs((await app.anon.get('/api/v1/datasets?q=wallaby')).body)).toEqual(['quokka-calls']);
    expect((await app.anon.get('/api/v1/datasets?q=quokka')).body.total).toBe(0);

    // Renaming the provider changes its facet label.
    await Organization.updateOne({ slug: providerOrgSlug }, { $set: { name: { ko: '새 이름', en: 'Renamed Provider' } } });
    const renamed = await app.anon.get('/api/v1/datasets?q=wallaby');
    expect(renamed.body.items[0].provider.name.en).toBe('Renamed Provider');
    expect(renamed.body.facets.provider[0].label.en).toBe('Renamed Provider');

    const publicCount = async () => (await app.anon.get('/api/v1/datasets')).body.facets.classification.find((c: { value: string }) => c.value === 'public').count as number;
    const before = await publicCount();
    expect((await provider.post(`/api/v1/datasets/${published.id}/withdraw`, { comment: 'superseded' })).status).toBe(200);
    expect((await app.anon.get('/api/v1/datasets?q=wallaby')).body.total).toBe(0);
    // Nor is it counted any more.
    expect(await publicCount()).toBe(before - 1);
    expect((await app.anon.get('/api/v1/datasets?modality=speech')).body.items.map((i: { slug: string }) => i.slug)).not.toContain('quokka-calls');
  });
});

describe('sorting, paging and suggestions', () => {
  it('sorts by relevance (default with q), newest (default without) and title in the request language', async () => {
    const newest = await outsider.get('/api/v1/datasets');
    const dates = newest.body.items.map((i: { publishedAt: string }) => Date.parse(i.publishedAt));
    expect(dates).toEqual([...dates].sort((a, b) => b - a));
    expect(newest.body.query.sort).toBe('newest');
    const ko = slugs((await outsider.get('/api/v1/datasets?sort=title&lang=ko')).body);
    const en = slugs((await outsider.get('/api/v1/datasets?sort=title&lang=en')).body);
    expect(ko[0]).toBe('internal-traffic'); // 교통 …
    expect(en[0]).toBe('radiograph-reading'); // Chest …
    const page2 = await outsider.get('/api/v1/datasets?pageSize=1&page=2');
    expect(page2.body).toMatchObject({ page: 2, pageSize: 1, total: newest.body.total });
    expect(slugs(page2.body)).toEqual([slugs(newest.body)[1]]);
  });

  it('suggests titles and glossary terms as the user types, even mid-syllable', async () => {
    const res = await app.anon.get(`/api/v1/datasets/suggest?q=${encodeURIComponent('흉부 의ㄹ')}`);
    expect(res.status).toBe(200);
    expect(res.body.items).toContainEqual(expect.objectContaining({ kind: 'dataset', slug: 'radiograph-reading', lang: 'ko' }));
    const terms = await app.anon.get('/api/v1/datasets/suggest?q=medical%20ima');
    expect(terms.body.items).toContainEqual(expect.objectContaining({ kind: 'term', text: 'medical imaging', translation: '의료영상' }));
    expect((await app.anon.get('/api/v1/datasets/suggest')).body.items).toEqual([]);
  });
});
