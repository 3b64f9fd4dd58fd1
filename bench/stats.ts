/**
 * Cost of usage statistics on the dataset view (docs/statistics.md "Measured"): the same
 * `GET /api/v1/datasets/{slug}` against two apps over one database, one recording (the default) and
 * one with STATS_ENABLED=false, in alternating rounds so that drift hits both alike. Every request
 * comes from a different anonymous browser (its own User-Agent), so each one on the recording app
 * passes the bot filter and the repeat rule and writes a counter: the worst case.
 * Called from bench/run.ts with `--only stats`; alone: npx tsx bench/stats.ts [--datasets 200 --iterations 400]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import mongoose, { Types } from 'mongoose';
import { createApp } from '../server/app';
import { Dataset } from '../server/datasets/model';
import { loadConfig } from '../server/infra/config';
import { createLogger } from '../server/infra/logger';
import { connectMongo, syncIndexes } from '../server/infra/mongo';
import { createStorage } from '../server/infra/s3';
import { startServices } from '../server/infra/services';
import { Organization } from '../server/organizations/model';
import { startCatalogIndex, stopCatalogIndex } from '../server/search/registry';
import { countersSettled } from '../server/stats/counters';
import { UsageCounter } from '../server/stats/model';
import { BENCH_DB, type Timing } from './timing';

export interface StatsBenchOptions {
  datasets?: number;
  iterations?: number;
  print?: (line: string) => void;
}

export interface StatsBenchResult {
  off: Timing;
  on: Timing;
  onIsolated: Timing;
  p95DifferenceMs: number;
  ratioP50: number;
  ratioP95: number;
  countersWritten: number;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

const summary = (samples: number[]): Timing => {
  const s = [...samples].sort((a, b) => a - b);
  return { p50: percentile(s, 50), p95: percentile(s, 95), n: s.length };
};

/** Measures the dataset view with counting on and off; returns p50/p95 of each, the p95 difference and the ratios. */
export async function benchStats(opts: StatsBenchOptions = {}): Promise<StatsBenchResult> {
  const n = opts.datasets ?? 200;
  const iterations = opts.iterations ?? 400;
  const print = opts.print ?? ((line: string) => console.log(line));
  const dir = mkdtempSync(path.join(tmpdir(), 'kdb-bench-stats-'));
  const log = createLogger('warn');
  const services = await startServices({
    dataDir: dir,
    persistent: false,
    allowedOrigins: [],
    bucket: 'bench',
    log,
    mongodbUri: process.env.MONGODB_URI,
    embeddedMongo: process.env.EMBEDDED_MONGO as 'ferretdb' | undefined,
  });
  const servers: Array<import('node:http').Server> = [];
  try {
    await connectMongo(services.mongoUri, 'bench_stats', BENCH_DB);
    await syncIndexes();
    const org = await Organization.create({
      slug: 'bench-stats-org',
      name: { ko: '벤치', en: 'Bench' },
      country: 'KR',
      type: 'public_agency',
      verified: true,
    });
    const publishedAt = new Date();
    await Dataset.insertMany(
      Array.from({ length: n }, (_, i) => {
        const content = {
          slug: `bench-stats-${i}`,
          title: { ko: `통계 벤치마크 ${i}`, en: `Statistics benchmark ${i}` },
          summary: { ko: '합성 데이터', en: 'Synthetic data' },
          modalities: ['text'],
          classification: {
            level: 'public',
            personalInfo: 'none',
            sensitiveCategories: [],
            exportControl: { controlled: false },
            nationalCoreTechnology: false,
          },
          disclosure: {
            accessLevel: 'open',
            samplesAccess: 'open',
            allowedCountries: ['*'],
            allowedOrgTypes: ['*'],
            allowedPurposes: ['research'],
            crossBorder: 'allowed',
            conditions: { dua: false, irb: false, attribution: true, noRedistribution: false },
            maxGrantDays: 365,
          },
        };
        return {
          ...content,
          providerId: org._id,
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
      }),
    );
    await startCatalogIndex({ log });
    const storage = createStorage(services.s3);
    const listen = async (env: Record<string, string>) => {
      const app = createApp({
        config: loadConfig({ NODE_ENV: 'production', LOG_LEVEL: 'silent', ...env }),
        log: createLogger('silent'),
        storage,
        s3Origin: null,
      });
      const server = app.listen(0, '127.0.0.1');
      servers.push(server);
      await new Promise((r) => server.once('listening', r));
      return `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1`;
    };
    const onBase = await listen({});
    const offBase = await listen({ STATS_ENABLED: 'false' });
    let seq = 0;
    const view = async (base: string) => {
      const i = seq++;
      const t0 = process.hrtime.bigint();
      const res = await fetch(`${base}/datasets/bench-stats-${(i * 7) % n}`, {
        headers: { 'user-agent': `Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0 bench/${i}` },
      });
      await res.arrayBuffer();
      if (res.status !== 200) throw new Error(`GET answered ${res.status}`);
      return Number(process.hrtime.bigint() - t0) / 1e6;
    };
    for (let i = 0; i < 20; i++) for (const base of [onBase, offBase]) await view(base); // warm-up both
    await countersSettled();
    await UsageCounter.deleteMany({});
    const on: number[] = [];
    const off: number[] = [];
    // Rounds of 20 requests each, alternating which app goes first.
    for (let round = 0; on.length < iterations; round++) {
      const order = round % 2 ? [offBase, onBase] : [onBase, offBase];
      for (const base of order) {
        for (let k = 0; k < 20; k++) (base === onBase ? on : off).push(await view(base));
        // The recording app's last writes finish before the other app's turn (they are its cost, not the other's).
        await countersSettled();
      }
    }
    await countersSettled();
    // The same with each counter write finished before the next request: what the request itself
    // pays (bot filter, repeat rule, hook), without the background write competing for the process.
    const isolated: number[] = [];
    for (let k = 0; k < iterations; k++) {
      isolated.push(await view(onBase));
      await countersSettled();
    }
    const written = (await UsageCounter.aggregate<{ n: number }>([{ $group: { _id: null, n: { $sum: '$count' } } }]))[0]?.n ?? 0;
    const a = summary(off);
    const b = summary(on);
    const c = summary(isolated);
    const result = {
      off: a,
      on: b,
      onIsolated: c,
      p95DifferenceMs: b.p95 - a.p95,
      ratioP50: b.p50 / a.p50,
      ratioP95: b.p95 / a.p95,
      countersWritten: written,
    };
    print(`\nusage statistics: GET /datasets/{slug}, ${n} datasets, ${on.length} requests each, ${services.mongoKind}`);
    print(`${''.padEnd(34)} p50 ms   p95 ms`);
    print(`counting off (STATS_ENABLED=false) ${a.p50.toFixed(2).padStart(6)} ${a.p95.toFixed(2).padStart(8)}`);
    print(`counting on                        ${b.p50.toFixed(2).padStart(6)} ${b.p95.toFixed(2).padStart(8)}`);
    print(`counting on, writes settled apart ${c.p50.toFixed(2).padStart(6)} ${c.p95.toFixed(2).padStart(8)}`);
    print(
      `p95 difference ${result.p95DifferenceMs.toFixed(2)} ms (limit 5 ms); ratio on/off p50 ${result.ratioP50.toFixed(2)}, p95 ${result.ratioP95.toFixed(2)}; views counted ${written} of ${on.length + isolated.length}`,
    );
    return result;
  } finally {
    for (const s of servers) s.close();
    await stopCatalogIndex();
    await mongoose.connection.dropDatabase().catch(() => undefined);
    await mongoose.disconnect();
    await services.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const arg = (name: string, def: number) => {
    const i = process.argv.indexOf(`--${name}`);
    return i > 0 ? Number(process.argv[i + 1]) : def;
  };
  benchStats({ datasets: arg('datasets', 200), iterations: arg('iterations', 400) }).then(
    () => process.exit(0),
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
}
