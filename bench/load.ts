/**
 * Load benchmark: a catalogue of synthetic published datasets (bench/search.ts's generator, 20
 * providers) in the embedded database, the app as a process of its own (so the load generator does
 * not share its event loop), and autocannon at N connections for D seconds per operation: the
 * health check (baseline), a keyword + facet search, the dataset API for early and late rows, the
 * dataset HTML page, `GET /auth/me` with a bearer token and the catalogue exports. Reports
 * requests/s, p50, p99, errors, timeouts and non-2xx per operation, p99 as a ratio to /healthz's
 * p99 in the same run, the first (cold) request of each operation and the app's memory; writes
 * test-output/bench-load.json. Bench results are not tests.
 * Usage: npm run bench -- --only load [--load-datasets 20000 --connections 10 --duration 30
 *        --timeout 60 --load-ops healthz,search,…]; DB_TIMEOUT_MS is passed on to the app. The
 * publication-history operations (dataset-versions, dataset-versions-by-id) run only when named.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import os, { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import mongoose, { Types } from 'mongoose';
import { MODALITY_CODES } from '../schemas/taxonomy';
import { ApiToken, User } from '../server/auth/models';
import { hashPassword } from '../server/auth/passwords';
import { API_TOKEN_PREFIX, hashSecret, newSecret } from '../server/auth/secrets';
import { Dataset, DatasetVersion } from '../server/datasets/model';
import { createLogger } from '../server/infra/logger';
import { connectMongo, syncIndexes } from '../server/infra/mongo';
import { startServices } from '../server/infra/services';
import { Organization } from '../server/organizations/model';
import { syntheticDatasets } from './search';
import { BENCH_DB } from './timing';

const SELF = fileURLToPath(import.meta.url);
const OUTPUT = path.resolve(path.dirname(SELF), '../test-output/bench-load.json');

export interface LoadOptions {
  datasets: number;
  connections: number;
  /** Seconds per operation. */
  duration: number;
  /** Seconds after which a request counts as a timeout (autocannon's timeout). */
  timeout: number;
  /** Operation names to run (all when empty); `healthz` always runs, as the baseline. */
  ops: string[];
  print: (line: string) => void;
}

export interface LoadRow {
  name: string;
  path: string;
  requestsPerSecond: number;
  /** Requests completed during the run, and sent (the difference was still running at its end). */
  requests: number;
  sent: number;
  /** Latency percentiles of the completed requests (ms); null when none completed. */
  p50: number | null;
  p99: number | null;
  errors: number;
  timeouts: number;
  non2xx: number;
  /** p99 divided by /healthz's p99 in the same run. */
  p99VsHealthz: number | null;
  /** The first request of the operation, before the load (cold caches), ms; null when it failed. */
  firstMs: number | null;
  firstStatus: number | null;
  /** The app process's resident memory after the operation, and its peak so far (MiB). */
  appRssMiB: number | null;
  appPeakRssMiB: number | null;
}

// Words the generator puts in titles and keywords (bench/search.ts TOPICS), for searches that match.
const QUERIES = [
  'speech recognition',
  '의료영상',
  'autonomous driving',
  '객체 검출',
  'satellite imagery',
  '이상 탐지',
  'air quality',
  '교통량',
];

/** Every 5th dataset gets an approved sample file, so the exports carry distributions. */
function addSamples(docs: Array<{ artifacts: unknown[]; live: { artifacts: unknown[] } }>): void {
  docs.forEach((d, i) => {
    if (i % 5) return;
    const sample = {
      id: `a${i.toString(36).padStart(7, '0')}`,
      kind: 'sample',
      key: `bench/${i}/sample.csv`,
      filename: 'sample.csv',
      contentType: 'text/csv',
      bytes: 1024 + i,
      sha256: randomBytes(32).toString('hex'),
      status: 'available',
      uploadedAt: new Date(),
    };
    d.artifacts = [sample];
    d.live.artifacts = [sample];
  });
}

function procStatus(pid: number | undefined): { rss: number | null; peak: number | null } {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN) / 1024;
    return { rss: Math.round(kb('VmRSS')), peak: Math.round(kb('VmHWM')) };
  } catch {
    return { rss: null, peak: null };
  }
}

/** Starts the app process on the benchmark's database; resolves with its URL once its index is loaded. */
async function startApp(env: Record<string, string>, print: (line: string) => void): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', SELF], {
    env: { ...process.env, ...env, LOAD_BENCH_APP: '1' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let url = '';
    let buffered = '';
    child.once('exit', (code) => reject(new Error(`app process exited with ${code}`)));
    child.stdout!.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      let nl: number;
      while ((nl = buffered.indexOf('\n')) >= 0) {
        const line = buffered.slice(0, nl);
        buffered = buffered.slice(nl + 1);
        const msg = JSON.parse(line) as { port?: number; indexLoadMs?: number; indexSize?: number };
        if (msg.port) url = `http://127.0.0.1:${msg.port}`;
        if (msg.indexLoadMs !== undefined) {
          print(
            `app process ${child.pid} at ${url}: search index loaded ${msg.indexSize} datasets in ${(msg.indexLoadMs / 1000).toFixed(1)} s`,
          );
          resolve({ child, url });
        }
      }
    });
  });
}

async function stopApp(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
  await exited;
  clearTimeout(timer);
}

/** Runs the load benchmark; returns the rows it printed and wrote. */
export async function benchLoad(opts: LoadOptions): Promise<LoadRow[]> {
  const { print } = opts;
  const dir = mkdtempSync(path.join(tmpdir(), 'kdb-bench-load-'));
  const services = await startServices({
    dataDir: dir,
    persistent: false,
    allowedOrigins: [],
    bucket: 'bench',
    log: createLogger('warn'),
    mongodbUri: process.env.MONGODB_URI,
    embeddedMongo: process.env.EMBEDDED_MONGO as 'ferretdb' | undefined,
  });
  const dbName = 'bench_load';
  let child: ChildProcess | undefined;
  try {
    await connectMongo(services.mongoUri, dbName, BENCH_DB);
    await syncIndexes();
    const orgs = await Organization.insertMany(
      Array.from({ length: 20 }, (_, i) => ({
        slug: `bench-provider-${i}`,
        name: { ko: `벤치 제공기관 ${i}`, en: `Bench Provider ${i}` },
        country: 'KR',
        type: 'public_agency',
        verified: true,
      })),
    );
    const docs = syntheticDatasets(
      opts.datasets,
      orgs.map((o) => o._id),
    );
    addSamples(docs);
    // What an anonymous caller may read; rows are stored (and scanned by FerretDB) in this order.
    const publicSlugs = docs.filter((d) => d.classification.level === 'public').map((d) => d.slug);
    const ids = docs.map(() => new Types.ObjectId());
    let t0 = Date.now();
    for (let i = 0; i < docs.length; i += 2000) {
      await Dataset.insertMany(
        docs.slice(i, i + 2000).map((d, j) => ({ ...d, _id: ids[i + j] })),
        { ordered: false },
      );
    }
    print(
      `\n== load: ${opts.datasets.toLocaleString('en')} synthetic datasets (${publicSlugs.length.toLocaleString('en')} public) loaded in ${((Date.now() - t0) / 1000).toFixed(1)} s (${services.mongoKind})`,
    );

    // The publication history (one version per dataset, as after a first approval), only when measured:
    // it doubles the load time.
    const versionOps = opts.ops.filter((o) => o.startsWith('dataset-versions'));
    if (versionOps.length) {
      t0 = Date.now();
      for (let i = 0; i < docs.length; i += 2000) {
        await DatasetVersion.insertMany(
          docs.slice(i, i + 2000).map((d, j) => {
            const { version, publishedAt, approvedBy, artifacts, ...snapshot } = d.live;
            return {
              datasetId: ids[i + j],
              providerId: d.providerId,
              version,
              snapshot,
              publishedAt,
              approvedBy,
              submittedBy: d.createdBy,
              artifacts,
            };
          }),
          { ordered: false },
        );
      }
      print(`publication history: ${docs.length.toLocaleString('en')} versions loaded in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    }
    const lateIds = docs.flatMap((d, i) => (d.classification.level === 'public' ? [ids[i].toHexString()] : [])).slice(-1000);

    // A signed-in researcher of the first provider, for GET /auth/me with a bearer token.
    const user = await User.create({
      email: 'load@bench.example',
      name: 'Load bench',
      organizationId: orgs[0]._id,
      membership: 'active',
      emailVerifiedAt: new Date(),
      roles: ['researcher'],
      locale: 'en',
      passwordHash: await hashPassword(randomBytes(12).toString('hex')),
    });
    const token = API_TOKEN_PREFIX + newSecret();
    await ApiToken.create({
      userId: user._id,
      name: 'load',
      tokenHash: hashSecret(token),
      prefix: token.slice(0, 10),
      expiresAt: new Date(Date.now() + 86400_000),
      createdAt: new Date(),
    });
    await mongoose.disconnect();

    t0 = Date.now();
    const app = await startApp(
      {
        MONGO_URI: services.mongoUri,
        DB_NAME: dbName,
        S3_SETTINGS: JSON.stringify(services.s3),
        ...(process.env.DB_TIMEOUT_MS ? { DB_TIMEOUT_MS: process.env.DB_TIMEOUT_MS } : {}),
      },
      print,
    );
    child = app.child;

    const early = publicSlugs.slice(0, 1000);
    const late = publicSlugs.slice(-1000);
    let k = 0;
    const anyOf = (list: string[]) => list[Math.floor(Math.random() * list.length)];
    const currentTag = async () => ({
      'if-none-match': (await fetch(`${app.url}/data.json`, { method: 'HEAD' })).headers.get('etag') ?? '',
    });
    // optIn: run only when named in --load-ops; prepare: headers worked out just before the run.
    const ops: Array<{
      name: string;
      path: () => string;
      headers?: Record<string, string>;
      prepare?: () => Promise<Record<string, string>>;
      optIn?: boolean;
    }> = [
      { name: 'healthz', path: () => '/healthz' },
      {
        name: 'search',
        path: () => {
          k++;
          return `/api/v1/datasets?q=${encodeURIComponent(QUERIES[k % QUERIES.length])}&modality=${MODALITY_CODES[k % MODALITY_CODES.length]}&pageSize=20`;
        },
      },
      { name: 'dataset-api-early', path: () => `/api/v1/datasets/${anyOf(early)}` },
      { name: 'dataset-api-late', path: () => `/api/v1/datasets/${anyOf(late)}` },
      { name: 'dataset-html', path: () => `/datasets/${anyOf(publicSlugs)}` },
      { name: 'auth-me', path: () => '/api/v1/auth/me', headers: { authorization: `Bearer ${token}` } },
      { name: 'data-json', path: () => '/data.json' },
      // A harvester that has the current catalogue revalidates it: 304 (counted as non-2xx by autocannon).
      { name: 'data-json-304', path: () => '/data.json', prepare: currentTag },
      { name: 'catalog-jsonld', path: () => `/catalog.jsonld?page=${1 + Math.floor(Math.random() * Math.ceil(publicSlugs.length / 50))}` },
      { name: 'dataset-versions', path: () => `/api/v1/datasets/${anyOf(late)}/versions`, optIn: true },
      { name: 'dataset-versions-by-id', path: () => `/api/v1/datasets/${anyOf(lateIds)}/versions`, optIn: true },
    ];
    const selected = ops.filter((o) => o.name === 'healthz' || opts.ops.includes(o.name) || (!opts.ops.length && !o.optIn));
    if (!existsSync(path.resolve(path.dirname(SELF), '../client/dist/index.html')))
      print('note: no client build (client/dist), so dataset-html serves no page; run npm run build first');

    const rows: LoadRow[] = [];
    for (const op of selected) {
      if (op.prepare) op.headers = await op.prepare();
      const first = op.path();
      const started = process.hrtime.bigint();
      const firstRes = await fetch(app.url + first, { headers: op.headers, signal: AbortSignal.timeout(opts.timeout * 1000) })
        .then(async (r) => (await r.arrayBuffer(), r.status))
        .catch(() => null);
      const firstMs = firstRes === null ? null : Number(process.hrtime.bigint() - started) / 1e6;
      // --duration 0: only the cold request (when each request takes longer than a run would).
      const result =
        opts.duration > 0
          ? await autocannon({
              url: app.url,
              connections: opts.connections,
              duration: opts.duration,
              timeout: opts.timeout,
              requests: [{ method: 'GET', headers: op.headers, setupRequest: (req) => ({ ...req, path: op.path() }) }],
            })
          : null;
      const mem = procStatus(child.pid);
      const done = result?.requests.total ?? 0;
      rows.push({
        name: op.name,
        path: first,
        requestsPerSecond: result?.requests.average ?? 0,
        requests: done,
        sent: result?.requests.sent ?? 0,
        p50: done ? result!.latency.p50 : null,
        p99: done ? result!.latency.p99 : null,
        errors: result?.errors ?? 0,
        timeouts: result?.timeouts ?? 0,
        non2xx: result?.non2xx ?? 0,
        p99VsHealthz: null,
        firstMs,
        firstStatus: firstRes,
        appRssMiB: mem.rss,
        appPeakRssMiB: mem.peak,
      });
    }
    const base = rows.find((r) => r.name === 'healthz')?.p99;
    for (const r of rows) r.p99VsHealthz = base && r.p99 !== null ? r.p99 / base : null;

    const load = os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(', ');
    print(
      `${opts.duration > 0 ? `autocannon: ${opts.connections} connections × ${opts.duration} s per operation` : 'cold requests only (--duration 0)'}, timeout ${opts.timeout} s; machine load average ${load} (${os.cpus().length} cores)`,
    );
    print(
      'operation                   req/s     done/sent     p50 ms     p99 ms  p99/healthz  errors timeouts non-2xx   first ms (status)  app RSS / peak MiB',
    );
    const ms = (v: number | null) => (v === null ? '—' : v.toFixed(1));
    for (const r of rows) {
      const ratio = r.p99VsHealthz === null ? '—' : r.p99VsHealthz.toFixed(1);
      const firstText = r.firstMs === null ? 'failed' : `${r.firstMs.toFixed(0)} (${r.firstStatus})`;
      print(
        `${r.name.padEnd(24)}${r.requestsPerSecond.toFixed(1).padStart(9)}${`${r.requests}/${r.sent}`.padStart(14)}${ms(r.p50).padStart(11)}${ms(r.p99).padStart(11)}${ratio.padStart(13)}${String(r.errors).padStart(8)}${String(r.timeouts).padStart(9)}${String(r.non2xx).padStart(8)}${firstText.padStart(20)}  ${r.appRssMiB ?? '?'} / ${r.appPeakRssMiB ?? '?'}`,
      );
    }
    mkdirSync(path.dirname(OUTPUT), { recursive: true });
    writeFileSync(
      OUTPUT,
      `${JSON.stringify({ at: new Date().toISOString(), node: process.version, cores: os.cpus().length, loadAverage: os.loadavg(), database: services.mongoKind, datasets: opts.datasets, publicDatasets: publicSlugs.length, connections: opts.connections, durationSeconds: opts.duration, timeoutSeconds: opts.timeout, rows }, null, 2)}\n`,
    );
    print(`written to ${path.relative(process.cwd(), OUTPUT)}`);
    return rows;
  } finally {
    if (child) await stopApp(child);
    await mongoose.disconnect().catch(() => undefined);
    await services.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The app process of the benchmark: the production app (createApp, search index and its change
 * feed) on the benchmark's database and storage, without seeding or building the client. Prints
 * `{"port":N}` when listening and `{"indexLoadMs":…}` once the search index is loaded.
 */
async function serveApp(): Promise<void> {
  const [{ createApp }, { loadConfig }, { createStorage }, { startCatalogIndex, stopCatalogIndex, catalogIndex }] = await Promise.all([
    import('../server/app'),
    import('../server/infra/config'),
    import('../server/infra/s3'),
    import('../server/search/registry'),
  ]);
  const config = loadConfig({
    NODE_ENV: 'production',
    LOG_LEVEL: 'silent',
    PORT: '0',
    ...(process.env.DB_TIMEOUT_MS ? { DB_TIMEOUT_MS: process.env.DB_TIMEOUT_MS } : {}),
  });
  const log = createLogger('silent');
  await connectMongo(process.env.MONGO_URI!, process.env.DB_NAME!, { deadlineMs: config.dbTimeoutMs });
  const storage = createStorage(JSON.parse(process.env.S3_SETTINGS!));
  const app = createApp({ config, log, storage, s3Origin: null });
  const server = app.listen(0, '127.0.0.1', () =>
    process.stdout.write(`${JSON.stringify({ port: (server.address() as AddressInfo).port })}\n`),
  );
  const t0 = Date.now();
  await startCatalogIndex({ pollMs: config.searchSyncMs, log });
  process.stdout.write(`${JSON.stringify({ indexLoadMs: Date.now() - t0, indexSize: catalogIndex().size })}\n`);
  process.once('SIGTERM', () => {
    server.closeAllConnections();
    server.close();
    void stopCatalogIndex()
      .then(() => mongoose.disconnect())
      .then(() => process.exit(0));
  });
}

if (process.env.LOAD_BENCH_APP && process.argv[1] === SELF) {
  void serveApp().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
