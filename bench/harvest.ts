/**
 * Harvest throughput (docs/harvesting.md "Measured"): a DCAT-US data.json of N records (10,000 by
 * default) served on loopback and harvested through the API (`POST /harvest/sources/{id}/runs`),
 * against the bulk import (`POST /import`, JSON lines) of the same N records in the same run, as
 * records/s and their ratio; then a second harvest where every record is unchanged; renaming the
 * source (its name is copied onto every dataset it harvested); and the peak
 * heap and RSS of this process (which serves the app and runs the harvest) sampled during the
 * first harvest. Called from bench/run.ts (`--only harvest`); alone:
 *   npx tsx bench/harvest.ts [--records 10000]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import mongoose, { type Types } from 'mongoose';
import { createApp } from '../server/app';
import { ApiToken, User, type Role } from '../server/auth/models';
import { API_TOKEN_PREFIX, hashSecret, newSecret } from '../server/auth/secrets';
import { mapRecord, type Mapped } from '../server/harvest/mapper';
import { dcatUsRecord } from '../server/harvest/read-dcat-us';
import { loadConfig } from '../server/infra/config';
import { createLogger } from '../server/infra/logger';
import { connectMongo, syncIndexes } from '../server/infra/mongo';
import { createStorage } from '../server/infra/s3';
import { startServices } from '../server/infra/services';
import { Organization } from '../server/organizations/model';
import { startCatalogIndex, stopCatalogIndex } from '../server/search/registry';
import { BENCH_DB } from './timing';

export interface HarvestBenchOptions {
  records?: number;
}

/** One DCAT-US dataset of the benchmark catalogue. */
function datasetOf(i: number): Record<string, unknown> {
  return {
    '@type': 'dcat:Dataset',
    identifier: `bench-record-${i}`,
    title: `Harvest benchmark dataset ${i}`,
    description: `Synthetic record ${i} of a partner catalogue. It carries the fields a data.gov-style catalogue fills in.`,
    keyword: ['benchmark', i % 2 ? 'speech recognition' : 'traffic', 'synthetic'],
    modified: '2025-10-01',
    publisher: { '@type': 'org:Organization', name: 'Benchmark Partner Agency' },
    contactPoint: { '@type': 'vcard:Contact', fn: 'Data Desk', hasEmail: 'mailto:data@bench.example.gov' },
    accessLevel: i % 5 === 0 ? 'restricted public' : 'public',
    license: 'https://creativecommons.org/licenses/by/4.0/',
    distribution: [{ '@type': 'dcat:Distribution', downloadURL: `https://bench.example.gov/files/${i}.csv`, mediaType: 'text/csv', format: 'CSV' }],
    landingPage: `https://bench.example.gov/dataset/${i}`,
    language: ['en-US'],
  };
}

/** Serves the catalogue as a stream (never held whole in memory here either). */
function catalogueServer(n: number): Promise<http.Server> {
  const server = http.createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.write('{"conformsTo":"https://project-open-data.cio.gov/v1.1/schema","dataset":[');
    let i = 0;
    const pump = () => {
      while (i < n) {
        const ok = res.write((i ? ',' : '') + JSON.stringify(datasetOf(i)));
        i++;
        if (!ok) return void res.once('drain', pump);
      }
      res.end(']}');
    };
    pump();
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

/** The fields of the API's answers this benchmark reads. */
interface Answer {
  id: string;
  status: string;
  created?: number;
  counts: { created: number } & Record<string, number>;
  error?: unknown;
}

const MiB = (b: number) => Math.round(b / 1024 / 1024);

/** Runs the harvest benchmark on its own embedded services; returns the measured figures. */
export async function benchHarvest(opts: HarvestBenchOptions = {}): Promise<Record<string, unknown>> {
  const n = opts.records ?? 10_000;
  const dir = mkdtempSync(path.join(tmpdir(), 'kdb-bench-harvest-'));
  const log = createLogger('warn');
  const services = await startServices({ dataDir: dir, persistent: false, allowedOrigins: [], bucket: 'bench', log, mongodbUri: process.env.MONGODB_URI, embeddedMongo: process.env.EMBEDDED_MONGO as 'ferretdb' | undefined });
  const closers: Array<() => unknown> = [];
  try {
    await connectMongo(services.mongoUri, `bench_harvest_${Date.now().toString(36)}`, BENCH_DB);
    await syncIndexes();
    // As in the app: the dataset store and catalogue index run, and follow every write of both paths.
    await startCatalogIndex({ log });
    const importOrg = await Organization.create({ slug: 'bench-import-org', name: { ko: '가져오기', en: 'Import' }, country: 'KR', type: 'public_agency', verified: true });
    const harvestOrg = await Organization.create({ slug: 'bench-harvest-org', name: { ko: '수집', en: 'Harvest' }, country: 'US', type: 'public_agency', verified: true });
    const token = async (email: string, roles: Role[], org: { _id: Types.ObjectId }) => {
      const user = await User.create({ email, name: email, organizationId: org._id, membership: 'active', roles, locale: 'en', passwordHash: 'x' });
      const t = API_TOKEN_PREFIX + newSecret();
      await ApiToken.create({ userId: user._id, name: 'bench', tokenHash: hashSecret(t), prefix: t.slice(0, 10), expiresAt: new Date(Date.now() + 3600_000), createdAt: new Date() });
      return t;
    };
    const providerToken = await token('provider@bench.example', ['provider'], importOrg);
    const adminToken = await token('admin@bench.example', ['admin'], harvestOrg);
    const config = loadConfig({ NODE_ENV: 'production', LOG_LEVEL: 'silent', MAX_IMPORT_BYTES: '500000000', HARVEST_ALLOWED_HOSTS: '127.0.0.1', HARVEST_SCHEDULER_MS: '0', HARVEST_TIMEOUT_MS: '3600000' });
    const app = createApp({ config, log: createLogger('silent'), storage: createStorage(services.s3), s3Origin: null });
    const listening = app.listen(0, '127.0.0.1');
    closers.push(() => listening.close());
    await new Promise((r) => listening.once('listening', r));
    const base = `http://127.0.0.1:${(listening.address() as AddressInfo).port}/api/v1`;
    const catalogue = await catalogueServer(n);
    closers.push(() => catalogue.close());
    const catalogueUrl = `http://127.0.0.1:${(catalogue.address() as AddressInfo).port}/data.json`;
    const call = async (method: string, p: string, tok: string, body?: string, type = 'application/json') => {
      const res = await fetch(`${base}${p}`, { method, headers: { authorization: `Bearer ${tok}`, ...(body ? { 'content-type': type } : {}) }, body });
      const json = (await res.json()) as Answer;
      if (res.status >= 300) throw new Error(`${method} ${p}: ${res.status} ${JSON.stringify(json).slice(0, 400)}`);
      return json;
    };

    // The bulk import of the same records: each mapped as the harvest maps it, sent as JSON lines.
    const lines: string[] = [];
    for (let i = 0; i < n; i++) {
      const m = mapRecord(dcatUsRecord(datasetOf(i))) as Mapped;
      lines.push(JSON.stringify({ slug: `import-${m.slugBase}`, ...m.content }));
    }
    const t0 = process.hrtime.bigint();
    const report = await call('POST', '/import', providerToken, lines.join('\n'), 'application/x-ndjson');
    const importSeconds = Number(process.hrtime.bigint() - t0) / 1e9;
    if (report.created !== n) throw new Error(`import created ${report.created} of ${n}`);
    lines.length = 0;

    const source = await call('POST', '/harvest/sources', adminToken, JSON.stringify({ name: { en: 'Bench' }, kind: 'dcat-us', url: catalogueUrl, providerId: String(harvestOrg._id), schedule: 'manual' }));
    global.gc?.();
    const baseline = process.memoryUsage();
    const peak = { heap: baseline.heapUsed, rss: baseline.rss };
    const sampler = setInterval(() => {
      const m = process.memoryUsage();
      peak.heap = Math.max(peak.heap, m.heapUsed);
      peak.rss = Math.max(peak.rss, m.rss);
    }, 20);
    const harvest = async () => {
      const h0 = process.hrtime.bigint();
      const run = await call('POST', `/harvest/sources/${source.id}/runs`, adminToken);
      let done = run;
      while (done.status === 'running') {
        await new Promise((r) => setTimeout(r, 100));
        done = await call('GET', `/harvest/runs/${run.id}`, adminToken);
      }
      const seconds = Number(process.hrtime.bigint() - h0) / 1e9;
      if (done.status !== 'succeeded') throw new Error(`harvest ${done.status}: ${JSON.stringify(done.error)}`);
      return { seconds, counts: done.counts };
    };
    const first = await harvest();
    clearInterval(sampler);
    if (first.counts.created !== n) throw new Error(`harvest created ${first.counts.created} of ${n}`);
    const second = await harvest();

    // Renaming the source copies the new name onto every dataset it harvested (server/harvest/sources.ts).
    const r0 = process.hrtime.bigint();
    let renameOutcome = 'ok';
    await call('PATCH', `/harvest/sources/${source.id}`, adminToken, JSON.stringify({ name: { en: 'Bench renamed' } })).catch((err: unknown) => {
      renameOutcome = String(err).slice(0, 200);
    });
    const renameSeconds = Number(process.hrtime.bigint() - r0) / 1e9;

    return {
      records: n,
      database: services.mongoKind,
      importSeconds: Number(importSeconds.toFixed(2)),
      importRecordsPerSecond: Math.round(n / importSeconds),
      harvestSeconds: Number(first.seconds.toFixed(2)),
      harvestRecordsPerSecond: Math.round(n / first.seconds),
      harvestToImportThroughputRatio: Number((importSeconds / first.seconds).toFixed(2)),
      unchangedHarvestSeconds: Number(second.seconds.toFixed(2)),
      unchangedHarvestRecordsPerSecond: Math.round(n / second.seconds),
      unchangedCounts: second.counts,
      renameSourceSeconds: Number(renameSeconds.toFixed(2)),
      renameSourceOutcome: renameOutcome,
      heapBeforeMiB: MiB(baseline.heapUsed),
      peakHeapDuringHarvestMiB: MiB(peak.heap),
      rssBeforeMiB: MiB(baseline.rss),
      peakRssDuringHarvestMiB: MiB(peak.rss),
    };
  } finally {
    for (const close of closers) close();
    await mongoose.connection.dropDatabase().catch(() => undefined);
    await stopCatalogIndex();
    await mongoose.disconnect();
    await services.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const i = process.argv.indexOf('--records');
  const records = i > 0 ? Number(process.argv[i + 1]) : undefined;
  benchHarvest({ records })
    .then((r) => {
      console.log(JSON.stringify(r, null, 2));
      process.exit(0);
    })
    .catch((err: unknown) => {
      console.error(err);
      process.exit(1);
    });
}
