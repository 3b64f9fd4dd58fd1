/**
 * The embedded database's backends side by side (issue 11): the same synthetic catalogue
 * (bench/search.ts's generator, 20 organisations) loaded into FerretDB on SQLite and on PostgreSQL,
 * then the reads the pages are built on, timed through the driver (Mongoose models, their indexes
 * built): a dataset by slug (an early and a late row) and by id, a provider's count + sorted first
 * page, the review queue's sorted page, the published list's sorted page, and `_id $in` five ids.
 * Slow operations are sampled until a time budget is spent (at least once), so SQLite's minute-long
 * scans do not take hours; each row says how many samples it has.
 * Usage: npx tsx bench/db-backends.ts [--datasets 20000] [--backends ferretdb-sqlite,ferretdb-pg] [--samples 10] [--budget-s 60]
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import mongoose, { Types } from 'mongoose';
import { Dataset } from '../server/datasets/model';
import { EMBEDDED_MONGO_CHOICES, type EmbeddedMongoChoice } from '../server/infra/config';
import { createLogger } from '../server/infra/logger';
import { connectMongo, syncIndexes } from '../server/infra/mongo';
import { startServices } from '../server/infra/services';
import { syntheticDatasets } from './search';
import { BENCH_DB } from './timing';

const argOf = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
};

interface Row {
  name: string;
  p50: number;
  max: number;
  n: number;
  result: string;
}

/** Runs `fn` at least once and up to `samples` times, stopping early once `budgetMs` is spent. */
async function sample(name: string, samples: number, budgetMs: number, fn: (i: number) => Promise<unknown>): Promise<Row> {
  const times: number[] = [];
  let result: unknown;
  const start = Date.now();
  for (let i = 0; i < samples && (i === 0 || Date.now() - start < budgetMs); i++) {
    const t0 = process.hrtime.bigint();
    result = await fn(i);
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  times.sort((a, b) => a - b);
  return { name, p50: times[Math.floor(times.length / 2)], max: times[times.length - 1], n: times.length, result: describe(result) };
}

function describe(result: unknown): string {
  if (Array.isArray(result)) return `${result.length} docs`;
  const page = result as { count?: number; items?: unknown[] } | null;
  if (page && typeof page.count === 'number' && page.items) return `count ${page.count}, ${page.items.length} docs`;
  if (typeof result === 'number') return `count ${result}`;
  if (result === null) return 'none';
  return '1 doc';
}

async function benchBackend(
  backend: EmbeddedMongoChoice,
  n: number,
  samples: number,
  budgetMs: number,
): Promise<{ description: string; loadS: number; rows: Row[] }> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'kdb-bench-db-'));
  const services = await startServices({
    dataDir: dir,
    persistent: false,
    allowedOrigins: [],
    bucket: 'bench',
    log: createLogger('warn'),
    embeddedMongo: backend,
  });
  try {
    await connectMongo(services.mongoUri, 'bench_db_backends', BENCH_DB);
    await syncIndexes();
    const orgs = Array.from({ length: 20 }, () => new Types.ObjectId());
    const now = Date.now();
    const docs = syntheticDatasets(n, orgs).map((d, i) => ({
      _id: new Types.ObjectId(),
      ...d,
      createdAt: new Date(now),
      updatedAt: new Date(now - i * 1000),
    }));
    const t0 = Date.now();
    // The raw collection: the model's change feed would also feed a search index nobody runs here.
    for (let i = 0; i < docs.length; i += 500) await Dataset.collection.insertMany(docs.slice(i, i + 500));
    // A review queue of 50 datasets spread over the catalogue (by _id: the one filter SQLite pushes down).
    for (let k = 0; k < 50; k++)
      await Dataset.collection.updateOne({ _id: docs[Math.floor((k * n) / 50)]._id }, { $set: { status: 'in_review' } });
    const loadS = (Date.now() - t0) / 1000;

    const lateId = docs[n - 1]._id;
    const fiveIdValues = Array.from({ length: 5 }, (_, k) => docs[Math.floor(((k + 1) * n) / 6)]._id);
    const page = { updatedAt: -1, _id: -1 } as const;
    const run = (name: string, fn: (i: number) => Promise<unknown>) => sample(name, samples, budgetMs, fn);
    const rows: Row[] = [];
    rows.push(await run('findOne({slug}) early row', () => Dataset.findOne({ slug: 'synthetic-1' }).lean()));
    rows.push(await run('findOne({slug}) late row', () => Dataset.findOne({ slug: `synthetic-${n - 1}` }).lean()));
    rows.push(await run('findOne({_id}) late row', () => Dataset.findOne({ _id: lateId }).lean()));
    rows.push(
      await run('{providerId}: count + sorted page of 20', async () => {
        const [count, items] = await Promise.all([
          Dataset.countDocuments({ providerId: orgs[3] }),
          Dataset.find({ providerId: orgs[3] }).sort(page).limit(20).lean(),
        ]);
        return { count, items };
      }),
    );
    rows.push(
      await run('{status: in_review}: sorted page of 20', () =>
        Dataset.find({ status: 'in_review' }).sort({ updatedAt: 1, _id: 1 }).limit(20).lean(),
      ),
    );
    rows.push(await run('{status: published}: sorted page of 20', () => Dataset.find({ status: 'published' }).sort(page).limit(20).lean()));
    rows.push(await run('{_id: {$in: 5 ids}}', () => Dataset.find({ _id: { $in: fiveIdValues } }).lean()));
    await mongoose.connection.dropDatabase().catch(() => undefined);
    return { description: services.mongoDescription, loadS, rows };
  } finally {
    await mongoose.disconnect();
    await services.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const n = Number(argOf('datasets') ?? 20_000);
  const samples = Number(argOf('samples') ?? 10);
  const budgetMs = Number(argOf('budget-s') ?? 60) * 1000;
  const backends = (argOf('backends') ?? 'ferretdb-sqlite,ferretdb-pg').split(',') as EmbeddedMongoChoice[];
  for (const b of backends) if (!EMBEDDED_MONGO_CHOICES.includes(b)) throw new Error(`unknown backend ${b}`);
  if (backends.length > 1)
    console.log(
      `embedded database backends: ${n.toLocaleString('en')} synthetic datasets, node ${process.version}, ${os.cpus().length} cores, load average ${os
        .loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')}`,
    );
  if (backends.length > 1) {
    // One process per backend: the models are bound to the process-wide Mongoose connection.
    for (const backend of backends) {
      execFileSync(
        process.execPath,
        [
          ...process.execArgv,
          process.argv[1],
          ...process.argv.slice(2).filter((a, i, all) => a !== '--backends' && all[i - 1] !== '--backends'),
          '--backends',
          backend,
        ],
        {
          stdio: 'inherit',
        },
      );
    }
    return;
  }
  const r = await benchBackend(backends[0], n, samples, budgetMs);
  console.log(`\n${r.description}: loaded in ${r.loadS.toFixed(0)} s`);
  console.log('operation                                   p50 ms      max ms   samples  result');
  for (const row of r.rows)
    console.log(
      `${row.name.padEnd(42)}${row.p50.toFixed(0).padStart(8)}${row.max.toFixed(0).padStart(12)}${String(row.n).padStart(10)}  ${row.result}`,
    );
  console.log(JSON.stringify({ at: new Date().toISOString(), datasets: n, loadAverage: os.loadavg(), ...r }));
}

void main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
