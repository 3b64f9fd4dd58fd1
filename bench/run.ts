/**
 * Benchmarks of the catalogue API against the embedded database, each reported as a ratio to the
 * raw driver doing the equivalent work in the same run (so the numbers travel between machines).
 * Usage: npm run bench [-- --datasets 1000 --iterations 50 --match-datasets 20000 --match-iterations 20]
 * Sections: --only catalogue,search,matching,import (the default), harvest (a 10,000-record data.json
 * harvested on loopback against the bulk import of the same records, bench/harvest.ts), stats (usage counting on vs off
 * on the dataset view, bench/stats.ts), relevance (search quality on the
 * demo catalogue against a $regex baseline, no database), load (run on its own: it
 * drives the app process with autocannon for minutes; flags in bench/load.ts) and pages (run on its
 * own: every page a person waits for, one request at a time, and restart to first search, through
 * server/main.ts on each embedded backend; flags in bench/pages.ts) and upload (run on its own: a
 * 5 GiB full-data file through the multipart API, --upload-gib to change; flags in bench/upload.ts).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import mongoose, { Types } from 'mongoose';
import { createApp } from '../server/app';
import { loadConfig } from '../server/infra/config';
import { createLogger } from '../server/infra/logger';
import { connectMongo, syncIndexes } from '../server/infra/mongo';
import { createStorage } from '../server/infra/s3';
import { startServices } from '../server/infra/services';
import { Dataset } from '../server/datasets/model';
import { Organization } from '../server/organizations/model';
import { catalogFilter } from '../server/datasets/access';
import os from 'node:os';
import { benchImport } from './import';
import { benchHarvest } from './harvest';
import { benchLoad } from './load';
import { benchMatching } from './matching';
import { benchObservatory } from './observatory';
import { benchPages } from './pages';
import { benchRelevance } from './relevance';
import { benchSearch } from './search';
import { benchStats } from './stats';
import { benchUpload } from './upload';
import { BENCH_DB, numberArg } from './timing';


function argList(name: string, def: string): string[] {
  const i = process.argv.indexOf(`--${name}`);
  return (i > 0 ? process.argv[i + 1] : def).split(',').filter(Boolean);
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function time(iterations: number, fn: (i: number) => Promise<unknown>): Promise<{ p50: number; p95: number }> {
  for (let i = 0; i < Math.min(10, iterations); i++) await fn(i); // warm-up
  const samples: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const t0 = process.hrtime.bigint();
    await fn(i);
    samples.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  samples.sort((a, b) => a - b);
  return { p50: percentile(samples, 50), p95: percentile(samples, 95) };
}

async function benchCatalogue(): Promise<void> {
  const n = numberArg('datasets', 1000);
  const iterations = numberArg('iterations', 50);
  const dir = mkdtempSync(path.join(tmpdir(), 'kdb-bench-'));
  const log = createLogger('warn');
  const services = await startServices({ dataDir: dir, persistent: false, allowedOrigins: [], bucket: 'bench', log, mongodbUri: process.env.MONGODB_URI, embeddedMongo: process.env.EMBEDDED_MONGO as 'ferretdb' | undefined });
  try {
    await connectMongo(services.mongoUri, 'bench', BENCH_DB);
    await syncIndexes();
    const org = await Organization.create({ slug: 'bench-org', name: { ko: '벤치', en: 'Bench' }, country: 'KR', type: 'public_agency', verified: true });
    const now = Date.now();
    const docs = Array.from({ length: n }, (_, i) => {
      const content = {
        slug: `bench-${i}`,
        title: { ko: `벤치마크 데이터셋 ${i}`, en: `Benchmark dataset ${i}` },
        summary: { ko: '합성 데이터', en: 'Synthetic data' },
        modalities: ['text'],
        classification: { level: i % 10 === 0 ? 'internal' : 'public', personalInfo: 'none', sensitiveCategories: [], exportControl: { controlled: false }, nationalCoreTechnology: false },
        disclosure: { accessLevel: 'open', samplesAccess: 'open', allowedCountries: ['*'], allowedOrgTypes: ['*'], allowedPurposes: ['research'], crossBorder: 'allowed', conditions: { dua: false, irb: false, attribution: true, noRedistribution: false }, maxGrantDays: 365 },
      };
      const publishedAt = new Date(now - i * 60_000);
      return { ...content, providerId: org._id, createdBy: new Types.ObjectId(), status: 'published', version: 1, rev: 1, artifacts: [], reviewHistory: [], live: { ...content, version: 1, publishedAt, approvedBy: new Types.ObjectId(), artifacts: [] }, publishedAt, withdrawnAt: null };
    });
    const t0 = Date.now();
    await Dataset.insertMany(docs, { ordered: false });
    const loadSeconds = (Date.now() - t0) / 1000;

    const app = createApp({ config: loadConfig({ NODE_ENV: 'production', LOG_LEVEL: 'silent' }), log: createLogger('silent'), storage: createStorage(services.s3), s3Origin: null });
    const server = app.listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1`;
    const coll = mongoose.connection.db!.collection('datasets');
    const filter = catalogFilter(null) as Record<string, unknown>;
    const pages = Math.max(1, Math.floor(n / 20) - 1);

    const rows: Array<[string, { p50: number; p95: number }, { p50: number; p95: number }]> = [];
    rows.push([
      'catalogue page (20 items, newest)',
      await time(iterations, (i) => fetch(`${base}/datasets?pageSize=20&page=${(i % pages) + 1}`).then((r) => r.json())),
      await time(iterations, (i) => Promise.all([coll.countDocuments(filter), coll.find(filter).sort({ publishedAt: -1, _id: -1 }).skip((i % pages) * 20).limit(20).toArray()])),
    ]);
    rows.push([
      'dataset by slug',
      await time(iterations, (i) => fetch(`${base}/datasets/bench-${(i * 7) % n}`).then((r) => r.json())),
      await time(iterations, (i) => coll.findOne({ slug: `bench-${(i * 7) % n}` })),
    ]);
    server.close();

    console.log(`datasets: ${n}; bulk load ${(n / loadSeconds).toFixed(0)} datasets/s (${services.mongoKind})`);
    console.log('benchmark                               api p50/p95 ms    driver p50/p95 ms   ratio p50/p95');
    for (const [name, a, b] of rows) {
      console.log(`${name.padEnd(40)}${a.p50.toFixed(1).padStart(6)} / ${a.p95.toFixed(1).padEnd(8)}${b.p50.toFixed(1).padStart(8)} / ${b.p95.toFixed(1).padEnd(9)}${(a.p50 / b.p50).toFixed(2).padStart(7)} / ${(a.p95 / b.p95).toFixed(2)}`);
    }
    console.log(`server process RSS: ${(process.memoryUsage().rss / 1024 / 1024).toFixed(0)} MiB`);
  } finally {
    await mongoose.disconnect();
    await services.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function benchSearchSizes(): Promise<void> {
  const iterations = numberArg('iterations', 100);
  for (const n of argList('sizes', '20000,100000').map(Number)) {
    const dir = mkdtempSync(path.join(tmpdir(), 'kdb-bench-search-'));
    const services = await startServices({ dataDir: dir, persistent: false, allowedOrigins: [], bucket: 'bench', log: createLogger('warn'), mongodbUri: process.env.MONGODB_URI, embeddedMongo: process.env.EMBEDDED_MONGO as 'ferretdb' | undefined });
    try {
      await connectMongo(services.mongoUri, `bench_search_${n}`, BENCH_DB);
      await syncIndexes();
      await benchSearch({ n, iterations, storage: createStorage(services.s3), print: (line) => console.log(line) });
    } finally {
      await mongoose.connection.dropDatabase().catch(() => undefined);
      await mongoose.disconnect();
      await services.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  }
}

async function main(): Promise<void> {
  const only = argList('only', 'catalogue,search,matching,import');
  console.log(`K–US Data Bridge benchmarks (${only.join(', ')}), node ${process.version}, ${os.cpus().length} cores`);
  if (only.includes('relevance')) benchRelevance({ verbose: process.argv.includes('--verbose'), print: (line) => console.log(line) });
  if (only.includes('catalogue')) await benchCatalogue();
  if (only.includes('search')) await benchSearchSizes();
  if (only.includes('matching')) await benchMatching({ datasets: numberArg('match-datasets', 20_000), iterations: numberArg('match-iterations', 20) });
  if (only.includes('stats')) await benchStats({ datasets: numberArg('stats-datasets', 200), iterations: numberArg('iterations', 400) });
  if (only.includes('import')) console.log('\nbulk import', JSON.stringify(await benchImport({}), null, 2));
  if (only.includes('observatory')) await benchObservatory({ datasets: numberArg('obs-datasets', 20_000), requests: numberArg('obs-requests', 10_000), iterations: numberArg('iterations', 20) });
  if (only.includes('harvest')) console.log('\nharvest', JSON.stringify(await benchHarvest({ records: numberArg('harvest-records', 10_000) }), null, 2));
  if (only.includes('pages')) {
    const backend = argList('backend', 'pg')[0];
    await benchPages({
      datasets: numberArg('pages-datasets', 20_000),
      backends: backend === 'all' ? ['pg', 'sqlite'] : [backend === 'sqlite' ? 'sqlite' : 'pg'],
      iterations: numberArg('iterations', 40),
      budgetSeconds: numberArg('budget', 60),
      print: (line) => console.log(line),
    });
  }
  if (only.includes('upload')) {
    await benchUpload({ gib: numberArg('upload-gib', 5), partMiB: numberArg('part-mib', 0) || undefined, concurrency: numberArg('concurrency', 4), print: (line) => console.log(line) });
  }
  if (only.includes('load')) {
    await benchLoad({
      datasets: numberArg('load-datasets', 20_000),
      connections: numberArg('connections', 10),
      duration: numberArg('duration', 30),
      timeout: numberArg('timeout', 60),
      ops: argList('load-ops', ''),
      print: (line) => console.log(line),
    });
  }
}

void main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
