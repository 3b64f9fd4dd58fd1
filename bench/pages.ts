/**
 * Pages benchmark (issue 11): what a person waits for at scale, on the embedded database, through
 * the product as `npm start` runs it (server/main.ts with its own DATA_DIR and embedded FerretDB).
 *
 * For each backend: the benchmark fills a persistent DATA_DIR with N synthetic datasets
 * (bench/search.ts's generator, 20 providers, every fifth with a sample file, one publication
 * record each, 50 in review) and a few accounts, starts the app on it and waits until /readyz says
 * its dataset store and search index are loaded (a full read: the first start), then times each
 * operation one request at a time, each paired with `GET /healthz` in the same run: p50, p95 and
 * their ratios to /healthz's. `/data.json` is timed to its first byte and to its end, with the app's
 * peak RSS. Then it stops the app (SIGTERM: the store's snapshot is written), starts it again and
 * times the restart to the first search answered. Last, it measures in this process the heap the
 * store and the index hold (from the snapshot, with --expose-gc).
 *
 * Prints the table and writes test-output/bench-pages.json. Bench results are not tests.
 * Usage: npm run bench -- --only pages [--backend pg|sqlite|all] [--pages-datasets 20000]
 *        [--iterations 40] [--budget 60] (seconds per operation: slow operations stop sampling then).
 * DB_TIMEOUT_MS is passed on to the app.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import mongoose, { Types } from 'mongoose';
import { ApiToken, User, type Role } from '../server/auth/models';
import { hashPassword } from '../server/auth/passwords';
import { API_TOKEN_PREFIX, hashSecret, newSecret } from '../server/auth/secrets';
import { Dataset, DatasetVersion, type DatasetDoc } from '../server/datasets/model';
import { readSnapshot } from '../server/datasets/snapshot';
import { DatasetStore, type ProviderRef } from '../server/datasets/store';
import { ensureClientBuilt } from '../server/infra/client-build';
import { loadConfig } from '../server/infra/config';
import { createLogger } from '../server/infra/logger';
import { runMigrations } from '../server/infra/migrations';
import { connectMongo, syncIndexes } from '../server/infra/mongo';
import { servicesOptionsOf, startServices } from '../server/infra/services';
import { Organization } from '../server/organizations/model';
import { CatalogIndex } from '../server/search/catalog-index';
import { entryOf } from '../server/search/entry';
import { syntheticDatasets } from './search';
import { BENCH_DB } from './timing';
import { startAppProcess, stopAppProcess, type AppProcess } from './app-process';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const OUTPUT = path.join(ROOT, 'test-output/bench-pages.json');
const BACKENDS = { pg: 'ferretdb-pg', sqlite: 'ferretdb-sqlite' } as const;
type Backend = keyof typeof BACKENDS;

export interface PagesOptions {
  datasets: number;
  backends: Backend[];
  /** Timed requests per operation (after two untimed ones). */
  iterations: number;
  /** Seconds after which an operation stops sampling (operations that wait for a database deadline). */
  budgetSeconds: number;
  print: (line: string) => void;
}

export interface PageRow {
  name: string;
  what: string;
  samples: number;
  p50: number;
  p95: number;
  /** Answers by status code. */
  statuses: Record<string, number>;
  /** p50 and p95 over /healthz's p50 and p95 in the same run. */
  p50VsHealthz: number;
  p95VsHealthz: number;
}

export interface BackendResult {
  backend: string;
  datasets: number;
  loadSeconds: number;
  /** From the first start to /readyz 200 (the full read of the store). */
  firstStartSeconds: number;
  healthz: { p50: number; p95: number };
  rows: PageRow[];
  dataJson: {
    bytes: number;
    coldFirstByteMs: number;
    coldTotalMs: number;
    warmFirstByteMs: number;
    warmTotalMs: number;
    appRssBeforeMiB: number | null;
    /** Peak RSS of the process before (its start, the full read, the operations above). */
    appPeakBeforeMiB: number | null;
    /** Peak RSS during the two requests (of the whole process when the peak could not be reset). */
    appPeakRssMiB: number | null;
    peakReset: boolean;
  };
  restart: { toListeningMs: number; toReadyMs: number; toFirstSearchMs: number; log: Array<Record<string, unknown>> };
  heapMiB: { store: number; indexOnTop: number; total: number; indexAlone: number } | null;
  appRssMiB: { after: number | null; peak: number | null };
  loadAverage: number[];
}

function percentile(sorted: number[], p: number): number {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : NaN;
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

type App = AppProcess;

/** Starts server/main.ts on `dataDir`; resolves once it listens (its banner names the URL). */
async function startApp(dataDir: string, mongoKind: string): Promise<App> {
  return startAppProcess(dataDir, { SEED_DEMO: 'false', EMBEDDED_MONGO: mongoKind }, ['--expose-gc']);
}

const stopApp = stopAppProcess;

async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const start = Date.now();
  while (!(await check().catch(() => false))) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

interface Op {
  name: string;
  what: string;
  request: (i: number) => { method?: string; path: string; token?: string; body?: unknown; headers?: Record<string, string> };
}

/** Fills the DATA_DIR's database: organisations, accounts with tokens, datasets, their versions. */
async function fill(n: number, print: (line: string) => void) {
  const orgs = await Organization.insertMany([
    ...Array.from({ length: 20 }, (_, i) => ({
      slug: `bench-provider-${i}`,
      name: { ko: `벤치 제공기관 ${i}`, en: `Bench Provider ${i}` },
      country: 'KR',
      type: 'public_agency',
      verified: true,
    })),
    {
      slug: 'bench-national-review',
      name: { ko: '벤치 국가 심사', en: 'Bench national review' },
      country: 'KR',
      type: 'public_agency',
      verified: true,
      nationalReviewer: true,
    },
    { slug: 'bench-university', name: { ko: '벤치 대학교', en: 'Bench University' }, country: 'KR', type: 'university', verified: true },
  ]);
  const providers = orgs.slice(0, 20).map((o) => o._id);
  const passwordHash = await hashPassword(randomBytes(12).toString('hex'));
  const account = async (name: string, org: Types.ObjectId, roles: Role[]) => {
    const user = await User.create({
      email: `${name}@bench.example`,
      name: `Bench ${name}`,
      organizationId: org,
      membership: 'active',
      emailVerifiedAt: new Date(),
      roles,
      locale: 'en',
      passwordHash,
    });
    const token = API_TOKEN_PREFIX + newSecret();
    await ApiToken.create({
      userId: user._id,
      name: 'bench',
      tokenHash: hashSecret(token),
      prefix: token.slice(0, 10),
      expiresAt: new Date(Date.now() + 86400_000),
      createdAt: new Date(),
    });
    return { id: user._id, token };
  };
  const users = {
    provider: await account('provider', providers[0], ['provider']),
    orgReviewer: await account('org-reviewer', providers[0], ['reviewer']),
    nationalReviewer: await account('national-reviewer', orgs[20]._id, ['reviewer']),
    researcher: await account('researcher', orgs[21]._id, ['researcher']),
  };

  const docs = syntheticDatasets(n, providers);
  const ids = docs.map(() => new Types.ObjectId());
  const inReview = new Set<number>();
  for (let k = 0; k < 50; k++) inReview.add(Math.floor(((k + 0.5) * n) / 50));
  docs.forEach((d, i) => {
    const rec = d as unknown as Record<string, unknown> & { artifacts: unknown[]; live: { artifacts: unknown[] } };
    if (i % 5 === 0) {
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
      rec.artifacts = [sample];
      rec.live.artifacts = [sample];
    }
    // A revision under review: the catalogue keeps the published face, reviewers see the working copy.
    if (inReview.has(i))
      Object.assign(rec, {
        status: 'in_review',
        submittedBy: users.provider.id,
        reviewHistory: [{ action: 'submit', by: users.provider.id, byName: 'Bench provider', at: new Date() }],
      });
  });
  let t0 = Date.now();
  for (let i = 0; i < docs.length; i += 2000) {
    await Dataset.insertMany(
      docs.slice(i, i + 2000).map((d, j) => ({ ...d, _id: ids[i + j] })),
      { ordered: false },
    );
  }
  const datasetSeconds = (Date.now() - t0) / 1000;
  t0 = Date.now();
  for (let i = 0; i < docs.length; i += 2000) {
    await DatasetVersion.insertMany(
      docs.slice(i, i + 2000).map((d, j) => {
        const { version, publishedAt, approvedBy, artifacts, ...snapshot } = d.live as typeof d.live & { artifacts: unknown[] };
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
  print(
    `loaded ${n.toLocaleString('en')} datasets in ${datasetSeconds.toFixed(1)} s and their versions in ${((Date.now() - t0) / 1000).toFixed(1)} s`,
  );
  return { docs, ids, users, providers, loadSeconds: datasetSeconds };
}

/** Runs every operation against a running app; returns the rows and /healthz's percentiles. */
async function measure(app: App, data: Awaited<ReturnType<typeof fill>>, opts: PagesOptions) {
  const { docs, ids, users, providers } = data;
  const publicIdx = docs.flatMap((d, i) => (d.classification.level === 'public' ? [i] : []));
  const early = publicIdx.slice(0, 1000);
  const late = publicIdx.slice(-1000);
  const ownIdx = docs.flatMap((d, i) => (String(d.providerId) === String(providers[0]) ? [i] : []));
  const withSample = publicIdx.filter((i) => i % 5 === 0);
  // Datasets a Korean university researcher may ask for: public, approval needed, research allowed.
  const askable = publicIdx.filter(
    (i) => docs[i].disclosure.accessLevel === 'approval' && String(docs[i].providerId) === String(providers[0]),
  );
  const pick = (list: number[], i: number) => list[(i * 7919) % list.length];
  const ops: Op[] = [
    {
      name: 'dataset-api-early',
      what: 'GET /api/v1/datasets/{slug}, first 1,000 public rows (anonymous)',
      request: (i) => ({ path: `/api/v1/datasets/${docs[pick(early, i)].slug}` }),
    },
    {
      name: 'dataset-api-late',
      what: 'GET /api/v1/datasets/{slug}, last 1,000 public rows (anonymous)',
      request: (i) => ({ path: `/api/v1/datasets/${docs[pick(late, i)].slug}` }),
    },
    {
      name: 'dataset-html-early',
      what: 'GET /datasets/{slug} (HTML with JSON-LD), early rows',
      request: (i) => ({ path: `/datasets/${docs[pick(early, i)].slug}` }),
    },
    {
      name: 'dataset-html-late',
      what: 'GET /datasets/{slug} (HTML with JSON-LD), late rows',
      request: (i) => ({ path: `/datasets/${docs[pick(late, i)].slug}` }),
    },
    {
      name: 'dataset-by-id',
      what: 'GET /api/v1/datasets/{id} (anonymous)',
      request: (i) => ({ path: `/api/v1/datasets/${ids[pick(publicIdx, i)]}` }),
    },
    {
      name: 'dataset-member',
      what: "GET /api/v1/datasets/{id}, the provider's member (working copy)",
      request: (i) => ({ path: `/api/v1/datasets/${ids[pick(ownIdx, i)]}`, token: users.provider.token }),
    },
    {
      name: 'dataset-member-slug',
      what: "GET /api/v1/datasets/{slug}, the provider's member (working copy)",
      request: (i) => ({ path: `/api/v1/datasets/${docs[pick(ownIdx, i)].slug}`, token: users.provider.token }),
    },
    {
      name: 'dataset-versions',
      what: 'GET /api/v1/datasets/{slug}/versions (anonymous)',
      request: (i) => ({ path: `/api/v1/datasets/${docs[pick(late, i)].slug}/versions` }),
    },
    {
      name: 'workspace',
      what: 'GET /api/v1/datasets?workspace=true (provider, 1,000 of theirs)',
      request: () => ({ path: '/api/v1/datasets?workspace=true', token: users.provider.token }),
    },
    {
      name: 'workspace-status',
      what: 'GET /api/v1/datasets?workspace=true&status=published&pageSize=100 (provider)',
      request: () => ({ path: '/api/v1/datasets?workspace=true&status=published&pageSize=100', token: users.provider.token }),
    },
    {
      name: 'review-queue',
      what: 'GET /api/v1/datasets?status=in_review (national reviewer)',
      request: () => ({ path: '/api/v1/datasets?status=in_review', token: users.nationalReviewer.token }),
    },
    {
      name: 'access-create',
      what: 'POST /api/v1/access-requests (researcher, Idempotency-Key)',
      request: (i) => ({
        method: 'POST',
        path: '/api/v1/access-requests',
        token: users.researcher.token,
        headers: { 'idempotency-key': randomUUID() },
        body: {
          datasetId: String(ids[pick(askable, i)]),
          scope: 'samples',
          purpose: 'research',
          statement: 'Benchmark request: evaluating Korean speech models for research.',
          durationDays: 30,
          acceptedAgreements: ['dua'],
        },
      }),
    },
    {
      name: 'access-queue',
      what: "GET /api/v1/access-requests?queue=true (the provider's reviewer)",
      request: () => ({ path: '/api/v1/access-requests?queue=true', token: users.orgReviewer.token }),
    },
    {
      name: 'download',
      what: 'GET …/artifacts/{aid}/download?format=json (researcher, presigned URL)',
      request: (i) => {
        const k = pick(withSample, i);
        return {
          path: `/api/v1/datasets/${ids[k]}/artifacts/a${k.toString(36).padStart(7, '0')}/download?format=json`,
          token: users.researcher.token,
        };
      },
    },
    {
      name: 'catalog-jsonld',
      what: 'GET /catalog.jsonld?page=… (a random page)',
      request: (i) => ({ path: `/catalog.jsonld?page=${1 + ((i * 37) % Math.ceil(publicIdx.length / 50))}` }),
    },
    {
      name: 'search',
      what: 'GET /api/v1/datasets?q=…&modality=… (keyword + facet search)',
      request: (i) => ({
        path: `/api/v1/datasets?q=${encodeURIComponent(['speech recognition', '의료영상', 'air quality', '교통량'][i % 4])}&modality=${['image', 'speech', 'text', 'video'][i % 4]}&pageSize=20`,
      }),
    },
  ];

  const send = async (r: ReturnType<Op['request']>): Promise<{ ms: number; status: number }> => {
    const headers: Record<string, string> = { ...(r.headers ?? {}) };
    if (r.token) headers.authorization = `Bearer ${r.token}`;
    if (r.body !== undefined) headers['content-type'] = 'application/json';
    const t0 = process.hrtime.bigint();
    const res = await fetch(app.url + r.path, {
      method: r.method ?? 'GET',
      headers,
      body: r.body === undefined ? undefined : JSON.stringify(r.body),
      redirect: 'manual',
      signal: AbortSignal.timeout(120_000),
    });
    await res.arrayBuffer();
    return { ms: Number(process.hrtime.bigint() - t0) / 1e6, status: res.status };
  };
  const healthz: number[] = [];
  const rows: PageRow[] = [];
  for (const op of ops) {
    for (let w = 0; w < 2; w++) await send(op.request(10_000 + w));
    const samples: number[] = [];
    const statuses: Record<string, number> = {};
    const started = Date.now();
    for (let i = 0; i < opts.iterations && (Date.now() - started) / 1000 < opts.budgetSeconds; i++) {
      healthz.push((await send({ path: '/healthz' })).ms);
      const { ms, status } = await send(op.request(i));
      samples.push(ms);
      statuses[status] = (statuses[status] ?? 0) + 1;
    }
    samples.sort((a, b) => a - b);
    rows.push({
      name: op.name,
      what: op.what,
      samples: samples.length,
      p50: percentile(samples, 50),
      p95: percentile(samples, 95),
      statuses,
      p50VsHealthz: NaN,
      p95VsHealthz: NaN,
    });
    opts.print(
      `  ${op.name.padEnd(20)} p50 ${percentile(samples, 50).toFixed(1).padStart(8)} ms  p95 ${percentile(samples, 95).toFixed(1).padStart(8)} ms  ${JSON.stringify(statuses)}`,
    );
  }
  healthz.sort((a, b) => a - b);
  const h = { p50: percentile(healthz, 50), p95: percentile(healthz, 95) };
  for (const r of rows) {
    r.p50VsHealthz = r.p50 / h.p50;
    r.p95VsHealthz = r.p95 / h.p95;
  }
  return { rows, healthz: h };
}

/** /data.json: the first request after start (built) and a later one (kept), to the first byte and to the end. */
async function measureDataJson(app: App) {
  const { rss: rssBefore, peak: peakSoFar } = procStatus(app.child.pid);
  // Linux: writing 5 to clear_refs resets the peak (VmHWM), so the peak below is the one during /data.json.
  let peakReset = true;
  try {
    writeFileSync(`/proc/${app.child.pid}/clear_refs`, '5');
  } catch {
    peakReset = false;
  }
  const once = async () => {
    const t0 = process.hrtime.bigint();
    const res = await fetch(`${app.url}/data.json`, { signal: AbortSignal.timeout(600_000) });
    const firstByte = Number(process.hrtime.bigint() - t0) / 1e6;
    const reader = res.body!.getReader();
    let bytes = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      bytes += value.length;
    }
    return { firstByte, total: Number(process.hrtime.bigint() - t0) / 1e6, bytes };
  };
  const cold = await once();
  const warm = await once();
  return {
    bytes: cold.bytes,
    coldFirstByteMs: cold.firstByte,
    coldTotalMs: cold.total,
    warmFirstByteMs: warm.firstByte,
    warmTotalMs: warm.total,
    appRssBeforeMiB: rssBefore,
    appPeakBeforeMiB: peakSoFar,
    appPeakRssMiB: procStatus(app.child.pid).peak,
    peakReset,
  };
}

/**
 * Heap held by the store and by the index built from it, measured in this process from the
 * snapshot; and, for comparison, an index alone whose entries own their documents (as before the store).
 */
async function measureHeap(dataDir: string, providers: ProviderRef[]): Promise<BackendResult['heapMiB']> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) return null;
  const dir = path.join(dataDir, 'store');
  const byId = new Map(providers.map((p) => [String(p._id), p]));
  const settle = () => {
    gc();
    gc();
    return process.memoryUsage().heapUsed;
  };
  const entriesOf = (docs: Iterable<DatasetDoc>) =>
    [...docs].flatMap((d) => (d.live && !d.withdrawnAt ? [entryOf(d, byId.get(String(d.providerId)))!] : []));
  const mib = (b: number) => Math.round(b / 1024 / 1024);

  // Each snapshot is read inside a function, so nothing but the store or the index keeps its documents.
  const h0 = settle();
  const store = new DatasetStore();
  const loadStore = async () => {
    const snap = await readSnapshot(dir);
    if (snap) store.replaceAll(snap.docs, snap.versions);
  };
  await loadStore();
  if (!store.size) return null;
  const h1 = settle();
  const index = new CatalogIndex();
  index.replaceAll(entriesOf(store.docs()));
  const h2 = settle();
  store.clear();
  index.replaceAll([]);
  const h3 = settle();
  const alone = new CatalogIndex();
  const loadAlone = async () => alone.replaceAll(entriesOf((await readSnapshot(dir))?.docs ?? []));
  await loadAlone();
  const h4 = settle();
  // Keep the last index alive until measured.
  if (alone.size < 0) console.log('');
  return { store: mib(h1 - h0), indexOnTop: mib(h2 - h1), total: mib(h2 - h0), indexAlone: mib(h4 - h3) };
}

async function benchBackend(backend: Backend, opts: PagesOptions): Promise<BackendResult> {
  const { print } = opts;
  const mongoKind = BACKENDS[backend];
  const dir = mkdtempSync(path.join(tmpdir(), 'kdb-bench-pages-'));
  const log = createLogger('warn');
  let app: App | undefined;
  try {
    // The DATA_DIR as `npm start` would make it, filled while the app is not running.
    const config = loadConfig({ DATA_DIR: dir, EMBEDDED_MONGO: mongoKind, LOG_LEVEL: 'warn', SEED_DEMO: 'false' });
    const services = await startServices(servicesOptionsOf(config, log));
    print(`\n== pages on ${services.mongoKind}: ${opts.datasets.toLocaleString('en')} datasets (DATA_DIR ${dir})`);
    let data;
    let providers: ProviderRef[];
    try {
      await connectMongo(services.mongoUri, config.dbName, BENCH_DB);
      await syncIndexes();
      await runMigrations(log);
      data = await fill(opts.datasets, print);
      providers = await Organization.find({}, { slug: 1, name: 1, country: 1, type: 1 }).lean<ProviderRef[]>();
    } finally {
      await mongoose.disconnect();
      await services.stop();
    }

    app = await startApp(dir, mongoKind);
    const started = app;
    await waitFor(
      'the dataset store and search index (/readyz 200)',
      async () => (await fetch(`${started.url}/readyz`)).status === 200,
      30 * 60_000,
    );
    // A search waits for the index (also where /readyz does not look at it).
    await waitFor(
      'a search',
      async () =>
        (await fetch(`${started.url}/api/v1/datasets?q=data&pageSize=1`, { signal: AbortSignal.timeout(30 * 60_000) })).status === 200,
      30 * 60_000,
    );
    const firstStartSeconds = (Date.now() - app.startedAt) / 1000;
    // After a full read the app writes its snapshot at once (a few seconds of background work):
    // measure from the steady state that follows.
    await waitFor('the first snapshot', async () => started.logs.some((l) => l.msg === 'dataset store snapshot written'), 120_000).catch(
      () => print('no snapshot written after the first start'),
    );
    const written = started.logs.find((l) => l.msg === 'dataset store snapshot written');
    if (written) print(`snapshot written after the first start: ${((written.bytes as number) / 1e6).toFixed(1)} MB in ${written.ms} ms`);
    // The app's memory (MiB) as it logged it after the full read and after the snapshot.
    for (const msg of ['dataset store loaded from the database', 'dataset store snapshot written']) {
      const line = started.logs.find((l) => l.msg === msg);
      if (line?.memoryMiB) print(`  memory after "${msg}": ${JSON.stringify(line.memoryMiB)}`);
    }
    print(
      `first start (full read): ready after ${firstStartSeconds.toFixed(1)} s; machine load average ${os
        .loadavg()
        .map((l) => l.toFixed(2))
        .join(', ')}`,
    );

    const { rows, healthz } = await measure(app, data, opts);
    const dataJson = await measureDataJson(app);
    print(
      `  data.json: ${(dataJson.bytes / 1e6).toFixed(1)} MB; first byte ${dataJson.coldFirstByteMs.toFixed(0)} ms (built) / ${dataJson.warmFirstByteMs.toFixed(0)} ms (kept), total ${dataJson.coldTotalMs.toFixed(0)} / ${dataJson.warmTotalMs.toFixed(0)} ms; app RSS ${dataJson.appRssBeforeMiB} MiB before (peak so far ${dataJson.appPeakBeforeMiB} MiB), peak ${dataJson.appPeakRssMiB} MiB during${dataJson.peakReset ? '' : ' (peak of the whole process)'}`,
    );
    const mem = procStatus(app.child.pid);

    // Restart: SIGTERM writes the snapshot; the next start reads it and the changes since.
    await stopApp(app);
    app = await startApp(dir, mongoKind);
    const restarted = app;
    const searchPath = `/api/v1/datasets?q=${encodeURIComponent('speech recognition')}&pageSize=5`;
    await waitFor(
      'the first search',
      async () => (await fetch(restarted.url + searchPath, { signal: AbortSignal.timeout(600_000) })).status === 200,
      30 * 60_000,
    );
    const toFirstSearchMs = Date.now() - app.startedAt;
    await waitFor('/readyz 200', async () => (await fetch(`${restarted.url}/readyz`)).status === 200, 30 * 60_000);
    const restart = {
      toListeningMs: app.listeningAt - app.startedAt,
      toReadyMs: Date.now() - app.startedAt,
      toFirstSearchMs,
      log: app.logs
        .filter((l) => typeof l.msg === 'string' && /dataset store|snapshot/.test(l.msg))
        .map((l) => ({
          msg: l.msg,
          ms: l.ms,
          datasets: l.datasets,
          changesApplied: l.changesApplied,
          reason: l.reason,
          atMs: (l.benchAt as number) - restarted.startedAt,
        })),
    };
    print(
      `restart: listening after ${(restart.toListeningMs / 1000).toFixed(1)} s, first search answered after ${(toFirstSearchMs / 1000).toFixed(1)} s`,
    );
    for (const l of restart.log) print(`  log: ${JSON.stringify(l)}`);
    await stopApp(app);
    app = undefined;
    const heapMiB = await measureHeap(dir, providers);
    if (heapMiB)
      print(
        `heap (in this process, from the snapshot, after gc): store ${heapMiB.store} MiB, index on top ${heapMiB.indexOnTop} MiB, together ${heapMiB.total} MiB; an index alone owning its documents ${heapMiB.indexAlone} MiB`,
      );
    return {
      backend: services.mongoKind,
      datasets: opts.datasets,
      loadSeconds: data.loadSeconds,
      firstStartSeconds,
      healthz,
      rows,
      dataJson,
      restart,
      heapMiB,
      appRssMiB: { after: mem.rss, peak: mem.peak },
      loadAverage: os.loadavg(),
    };
  } finally {
    if (app) await stopApp(app);
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Runs the pages benchmark on each backend; prints the table and writes test-output/bench-pages.json. */
export async function benchPages(opts: PagesOptions): Promise<BackendResult[]> {
  // The app serves the built client (dataset HTML pages): build it once here, not inside the timed start.
  await ensureClientBuilt(createLogger('info'));
  const results: BackendResult[] = [];
  for (const backend of opts.backends) results.push(await benchBackend(backend, opts));
  const { print } = opts;
  print(
    `\npages at ${opts.datasets.toLocaleString('en')} datasets, one request at a time, each after a GET /healthz; ${os.cpus().length} cores, load average now ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(', ')}`,
  );
  for (const r of results) {
    print(
      `\n${r.backend}: /healthz p50 ${r.healthz.p50.toFixed(1)} ms, p95 ${r.healthz.p95.toFixed(1)} ms; first start ready after ${r.firstStartSeconds.toFixed(0)} s; restart to first search ${(r.restart.toFirstSearchMs / 1000).toFixed(1)} s`,
    );
    print('operation              samples     p50 ms     p95 ms   p50/hz   p95/hz  answers');
    for (const row of r.rows) {
      print(
        `${row.name.padEnd(22)}${String(row.samples).padStart(8)}${row.p50.toFixed(1).padStart(11)}${row.p95.toFixed(1).padStart(11)}${row.p50VsHealthz.toFixed(1).padStart(9)}${row.p95VsHealthz.toFixed(1).padStart(9)}  ${Object.entries(
          row.statuses,
        )
          .map(([s, c]) => `${c}×${s}`)
          .join(' ')}`,
      );
    }
    const d = r.dataJson;
    print(
      `${'data.json'.padEnd(22)}  first byte ${d.coldFirstByteMs.toFixed(0)} ms built / ${d.warmFirstByteMs.toFixed(0)} ms kept; total ${d.coldTotalMs.toFixed(0)} / ${d.warmTotalMs.toFixed(0)} ms; ${(d.bytes / 1e6).toFixed(1)} MB; app RSS ${d.appRssBeforeMiB} MiB before, peak ${d.appPeakRssMiB} MiB during`,
    );
  }
  mkdirSync(path.dirname(OUTPUT), { recursive: true });
  writeFileSync(
    OUTPUT,
    `${JSON.stringify({ at: new Date().toISOString(), node: process.version, cores: os.cpus().length, iterations: opts.iterations, budgetSeconds: opts.budgetSeconds, results }, null, 2)}\n`,
  );
  print(`written to ${path.relative(process.cwd(), OUTPUT)}`);
  return results;
}
