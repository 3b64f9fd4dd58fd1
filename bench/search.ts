/**
 * Search benchmark (issue 5): synthetic bilingual catalogues of 20k and 100k datasets in the embedded
 * database; p50/p95 of keyword, facet-only, keyword+facets and deep-page queries through the HTTP API,
 * each with the raw driver time of the equivalent candidate fetch measured in the same run; indexing
 * throughput for bulk loads and single creates; memory of the server process.
 * Usage: npm run bench -- --only search [--sizes 20000,100000 --iterations 100]
 */
import type { AddressInfo } from 'node:net';
import mongoose, { Types } from 'mongoose';
import { ACCESS_LEVEL_CODES, KR_TECHNOLOGY_CODES, LICENSE_CODES, MODALITY_CODES, TASK_CODES, US_CET_CODES } from '../schemas/taxonomy';
import { createApp } from '../server/app';
import { Dataset } from '../server/datasets/model';
import { loadConfig } from '../server/infra/config';
import { createLogger } from '../server/infra/logger';
import type { Storage } from '../server/infra/s3';
import { Organization } from '../server/organizations/model';
import { CatalogIndex } from '../server/search/catalog-index';
import { catalogIndex, startCatalogIndex, stopCatalogIndex } from '../server/search/registry';
import { BENCH_DB, time, type Timing } from './timing';

// A small bilingual vocabulary: topics (ko/en pairs), places and qualifiers.
const TOPICS: Array<[string, string]> = [
  ['음성 인식', 'speech recognition'], ['의료영상', 'medical imaging'], ['자율주행', 'autonomous driving'], ['객체 검출', 'object detection'],
  ['기계 번역', 'machine translation'], ['감성 분석', 'sentiment analysis'], ['이상 탐지', 'anomaly detection'], ['문자 인식', 'optical character recognition'],
  ['위성영상', 'satellite imagery'], ['화재 감지', 'fire detection'], ['수요 예측', 'demand forecasting'], ['질의응답', 'question answering'],
  ['자세 추정', 'pose estimation'], ['방언', 'dialect'], ['반도체 공정', 'semiconductor process'], ['배터리 열화', 'battery degradation'],
  ['대기질', 'air quality'], ['교통량', 'traffic volume'], ['법률 문서', 'legal documents'], ['특허', 'patents'], ['뉴스 기사', 'news articles'],
  ['농작물 병해충', 'crop pests'], ['선박 추적', 'vessel tracking'], ['드론 항공영상', 'drone aerial imagery'], ['보안 로그', 'security logs'],
  ['금융 사기', 'financial fraud'], ['음식 이미지', 'food images'], ['얼굴 표정', 'facial expression'], ['회의록', 'meeting minutes'], ['스마트공장', 'smart factory'],
];
const PLACES: Array<[string, string]> = [['서울', 'Seoul'], ['부산', 'Busan'], ['제주', 'Jeju'], ['대구', 'Daegu'], ['광주', 'Gwangju'], ['전국', 'nationwide']];
const QUALIFIERS: Array<[string, string]> = [['대규모', 'large-scale'], ['고해상도', 'high-resolution'], ['실시간', 'real-time'], ['다국어', 'multilingual'], ['공공', 'public']];
const FILLER_KO = '데이터를 수집하고 정제하여 라벨을 부여했으며 품질 검수를 거쳐 학습과 평가에 쓸 수 있도록 구성했습니다'.split(' ');
const FILLER_EN = 'data were collected cleaned and labelled then quality checked so that they serve training and evaluation of models'.split(' ');

/** Deterministic pseudo-random numbers, so every run builds the same catalogue. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** `n` synthetic published datasets spread over `orgs` providers. */
export function syntheticDatasets(n: number, orgs: Types.ObjectId[], seed = 7) {
  const r = rng(seed);
  const pick = <T>(list: readonly T[]) => list[Math.floor(r() * list.length)];
  const some = <T>(list: readonly T[], max: number) => [...new Set(Array.from({ length: 1 + Math.floor(r() * max) }, () => pick(list)))];
  const now = Date.now();
  return Array.from({ length: n }, (_, i) => {
    const [t1, t2] = [pick(TOPICS), pick(TOPICS)];
    const place = pick(PLACES);
    const q = pick(QUALIFIERS);
    const filler = (words: string[]) => Array.from({ length: 24 }, () => pick(words)).join(' ');
    const level = r() < 0.8 ? 'public' : r() < 0.5 ? 'internal' : r() < 0.7 ? 'sensitive' : 'confidential';
    const content = {
      slug: `synthetic-${i}`,
      title: { ko: `${place[0]} ${q[0]} ${t1[0]} 데이터 ${i}`, en: `${q[1]} ${t1[1]} data from ${place[1]} ${i}` },
      summary: { ko: `${t1[0]}과 ${t2[0]} 연구를 위한 ${place[0]} 지역 데이터입니다.`, en: `Data from ${place[1]} for ${t1[1]} and ${t2[1]} research.` },
      description: { ko: `${t1[0]} ${filler(FILLER_KO)} ${t2[0]}`, en: `${t1[1]} ${filler(FILLER_EN)} ${t2[1]}` },
      keywords: { ko: [t1[0], t2[0], place[0]], en: [t1[1], t2[1], place[1]] },
      modalities: some(MODALITY_CODES, 2),
      tasks: some(TASK_CODES, 2),
      languages: [pick(['ko', 'ko-KR', 'en', 'ko', 'ja'])],
      techAreas: { kr: some(KR_TECHNOLOGY_CODES, 2), us: some(US_CET_CODES, 2) },
      license: { id: pick(LICENSE_CODES.filter((l) => l !== 'custom')) },
      disclosure: {
        accessLevel: level === 'public' ? pick(ACCESS_LEVEL_CODES) : pick(['approval', 'enclave', 'closed'] as const),
        samplesAccess: 'registered',
        allowedCountries: r() < 0.8 ? ['*'] : ['KR'],
        allowedOrgTypes: ['*'],
        allowedPurposes: r() < 0.5 ? ['research', 'education'] : ['research', 'education', 'public_interest', 'commercial'],
        crossBorder: pick(['allowed', 'conditional', 'prohibited'] as const),
        conditions: { dua: r() < 0.5, irb: r() < 0.2, attribution: true, noRedistribution: r() < 0.5 },
        maxGrantDays: 365,
      },
      classification: { level, personalInfo: 'none', sensitiveCategories: [], exportControl: { controlled: false }, nationalCoreTechnology: false },
    };
    const publishedAt = new Date(now - i * 60_000);
    return {
      ...content,
      providerId: orgs[i % orgs.length],
      createdBy: new Types.ObjectId(),
      status: 'published',
      version: 1,
      rev: 1,
      artifacts: [],
      reviewHistory: [],
      live: { ...content, version: 1, publishedAt, approvedBy: new Types.ObjectId(), artifacts: [] },
      publishedAt,
      withdrawnAt: null,
    };
  });
}

const TOTAL_LEVELS = { $in: ['public'] };
const REGEX_FIELDS = ['title', 'summary', 'keywords'].flatMap((f) => [`live.${f}.ko`, `live.${f}.en`]);

export interface SearchBenchRow {
  name: string;
  api: Timing;
  driver: Timing;
}

/** Runs the search benchmark at one catalogue size; the database must be connected and empty. */
export async function benchSearch(opts: { n: number; iterations: number; storage: Storage; print: (line: string) => void }): Promise<void> {
  const { n, iterations, print } = opts;
  const orgs = await Organization.insertMany(
    Array.from({ length: 20 }, (_, i) => ({ slug: `bench-provider-${i}`, name: { ko: `벤치 제공기관 ${i}`, en: `Bench Provider ${i}` }, country: 'KR', type: 'public_agency', verified: true })),
  );
  const docs = syntheticDatasets(n, orgs.map((o) => o._id));

  // Bulk load into the database (Mongoose, so the change feed records it), then the index's initial load.
  let t0 = Date.now();
  for (let i = 0; i < docs.length; i += 2000) await Dataset.insertMany(docs.slice(i, i + 2000), { ordered: false });
  const dbLoad = (Date.now() - t0) / 1000;
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  t0 = Date.now();
  await startCatalogIndex({ pollMs: 500 });
  const indexLoad = (Date.now() - t0) / 1000;
  gc?.();
  const heapIndex = process.memoryUsage().heapUsed - heapBefore;
  // Pure in-memory indexing speed (no database read): the same entries into a fresh index.
  const entries = [...catalogIndex().entries()];
  t0 = Date.now();
  new CatalogIndex().replaceAll(entries);
  const indexOnly = (Date.now() - t0) / 1000;

  const app = createApp({ config: loadConfig({ NODE_ENV: 'production', LOG_LEVEL: 'silent' }), log: createLogger('silent'), storage: opts.storage, s3Origin: null });
  const server = app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1`;
  const coll = mongoose.connection.db!.collection('datasets');
  const visible = { live: { $ne: null }, withdrawnAt: null, 'live.classification.level': TOTAL_LEVELS };
  const get = (path: string): Promise<unknown> => fetch(base + path).then(async (r) => {
    if (r.status !== 200) throw new Error(`${path}: ${r.status} ${await r.text()}`);
    return r.json();
  });
  const words = (i: number) => {
    const [ko, en] = TOPICS[(i * 7) % TOPICS.length];
    return i % 2 ? ko : en;
  };
  const regex = (w: string) => ({ $or: REGEX_FIELDS.map((f) => ({ [f]: new RegExp(w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'i') })) });
  const facetFilter = (i: number) => ({ mod: MODALITY_CODES[i % MODALITY_CODES.length], acc: ACCESS_LEVEL_CODES[i % 3] });
  // The driver's equivalent candidate fetch: the same filters, a page of 20 and the total count.
  const driverPage = (filter: Record<string, unknown>, skip = 0) =>
    Promise.all([coll.countDocuments(filter), coll.find(filter).sort({ publishedAt: -1, _id: -1 }).skip(skip).limit(20).toArray()]);
  // FerretDB scans the collection for every driver query; keep each row to about 30 s (the first,
  // untimed-warm-up-free probe counts as a sample, so a very slow query is measured once).
  const driverTime = async (fn: (i: number) => Promise<unknown>): Promise<Timing> => {
    const t = process.hrtime.bigint();
    await fn(0);
    const probe = Number(process.hrtime.bigint() - t) / 1e6;
    const more = Math.min(iterations - 1, Math.floor(30_000 / Math.max(1, probe)) - 1);
    if (more <= 0) return { p50: probe, p95: probe, n: 1 };
    const rest = await time(more, (i) => fn(i + 1), 0);
    return { p50: rest.p50, p95: rest.p95, n: rest.n + 1 };
  };

  const rows: SearchBenchRow[] = [];
  rows.push({
    name: 'keyword (q, relevance)',
    api: await time(iterations, (i) => get(`/datasets?q=${encodeURIComponent(words(i))}&pageSize=20`)),
    driver: await driverTime((i) => driverPage({ ...visible, ...regex(words(i)) })),
  });
  rows.push({
    name: 'facet-only (modality+accessLevel)',
    api: await time(iterations, (i) => get(`/datasets?modality=${facetFilter(i).mod}&accessLevel=${facetFilter(i).acc}&pageSize=20`)),
    driver: await driverTime((i) => driverPage({ ...visible, 'live.modalities': facetFilter(i).mod, 'live.disclosure.accessLevel': facetFilter(i).acc })),
  });
  rows.push({
    name: 'keyword + facets',
    api: await time(iterations, (i) => get(`/datasets?q=${encodeURIComponent(words(i))}&modality=${facetFilter(i).mod}&accessLevel=${facetFilter(i).acc}&pageSize=20`)),
    driver: await driverTime((i) => driverPage({ ...visible, ...regex(words(i)), 'live.modalities': facetFilter(i).mod, 'live.disclosure.accessLevel': facetFilter(i).acc })),
  });
  const deep = Math.max(1, Math.floor((n * 0.4) / 20));
  rows.push({
    name: `deep page (newest, page ${deep})`,
    api: await time(iterations, (i) => get(`/datasets?page=${deep - (i % 5)}&pageSize=20`)),
    driver: await driverTime((i) => driverPage(visible, (deep - 1 - (i % 5)) * 20)),
  });

  // Single creates: a published dataset written through Mongoose (change feed → index) vs a raw insertOne.
  const extra = syntheticDatasets(Math.min(200, iterations * 2), orgs.map((o) => o._id), 99).map((d, i) => {
    const title = { ko: `단건 생성 ${i}`, en: `singleton ${i}` };
    return { ...d, slug: `single-${i}`, title, live: { ...d.live, slug: `single-${i}`, title } };
  });
  const singles = await time(extra.length / 2, (i) => Dataset.create(extra[i] as never), 0);
  const raw = extra.slice(extra.length / 2).map((d) => ({ ...d, _id: new Types.ObjectId() }));
  const rawTimes = await time(raw.length, (i) => coll.insertOne(raw[i]), 0);
  const found = (await get(`/datasets?q=singleton&pageSize=1`)) as { total: number };
  server.close();
  await stopCatalogIndex();

  const mem = process.memoryUsage();
  print(`\n== search: ${n.toLocaleString('en')} synthetic bilingual datasets (${catalogIndex().size.toLocaleString('en')} in the index)`);
  print(`bulk load into the database: ${(n / dbLoad).toFixed(0)} datasets/s; index initial load from the database: ${(n / indexLoad).toFixed(0)} datasets/s (${indexLoad.toFixed(1)} s); in-memory indexing alone: ${(n / indexOnly).toFixed(0)} datasets/s`);
  print(`single published create through the change feed: p50 ${singles.p50.toFixed(1)} ms / p95 ${singles.p95.toFixed(1)} ms vs raw insertOne ${rawTimes.p50.toFixed(1)} / ${rawTimes.p95.toFixed(1)} ms (ratio ${(singles.p50 / rawTimes.p50).toFixed(2)}); searchable at once: ${found.total > 0}`);
  print('query                                   api p50/p95 ms      driver p50/p95 ms      ratio p50/p95');
  for (const r of rows) {
    print(`${r.name.padEnd(40)}${r.api.p50.toFixed(1).padStart(7)} / ${r.api.p95.toFixed(1).padEnd(9)}${r.driver.p50.toFixed(0).padStart(8)} / ${r.driver.p95.toFixed(0).padEnd(9)}${(r.api.p50 / r.driver.p50).toFixed(3).padStart(8)} / ${(r.api.p95 / r.driver.p95).toFixed(3)}   (driver n=${r.driver.n})`);
  }
  print(`memory: index ≈ ${gc ? `${(heapIndex / 1024 / 1024).toFixed(0)} MiB of heap` : 'unknown (run with --expose-gc)'}; process RSS ${(mem.rss / 1024 / 1024).toFixed(0)} MiB, heap used ${(mem.heapUsed / 1024 / 1024).toFixed(0)} MiB`);
}

/** Standalone: npx tsx bench/search.ts [--sizes 20000,100000 --iterations 100] */
async function standalone(): Promise<void> {
  const { mkdtempSync, rmSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const path = await import('node:path');
  const { startServices } = await import('../server/infra/services');
  const { connectMongo, syncIndexes } = await import('../server/infra/mongo');
  const { createStorage } = await import('../server/infra/s3');
  const argOf = (name: string) => {
    const i = process.argv.indexOf(`--${name}`);
    return i > 0 ? process.argv[i + 1] : undefined;
  };
  const sizes = (argOf('sizes') ?? '20000,100000').split(',').map(Number);
  const iterations = Number(argOf('iterations') ?? 100);
  for (const n of sizes) {
    const dir = mkdtempSync(path.join(tmpdir(), 'kdb-bench-search-'));
    const log = createLogger('warn');
    const services = await startServices({ dataDir: dir, persistent: false, allowedOrigins: [], bucket: 'bench', log, mongodbUri: process.env.MONGODB_URI, embeddedMongo: process.env.EMBEDDED_MONGO as 'ferretdb' | undefined });
    try {
      await connectMongo(services.mongoUri, `bench_search_${n}`, BENCH_DB);
      await syncIndexes();
      await benchSearch({ n, iterations, storage: createStorage(services.s3), print: (l) => console.log(l) });
    } finally {
      await mongoose.connection.dropDatabase().catch(() => undefined);
      await mongoose.disconnect();
      await services.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  void standalone().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
