/**
 * The technology-area observatory at scale (docs/observatory.md "How to measure"): N synthetic
 * published datasets (default 20,000; a quarter harvested, publication spread over three years)
 * and M access requests from US organisations as the usage counters keep them (beside two views of
 * every dataset from elsewhere), then p50/p95 of computing the answer in process
 * after a dataset change (answers recomputed, US demand reused) for an anonymous visitor, a provider
 * member and monthly growth, with nothing cached (the demand aggregation too), of GET /observatory
 * after a change and cached, against the raw driver reading the datasets' areas.
 * Alone: npx tsx bench/observatory.ts [--datasets 20000 --requests 10000 --iterations 20]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';
import mongoose, { Types } from 'mongoose';
import { createApp } from '../server/app';
import { Dataset } from '../server/datasets/model';
import type { AuthUser } from '../server/http/context';
import { loadConfig } from '../server/infra/config';
import { createLogger } from '../server/infra/logger';
import { connectMongo, syncIndexes } from '../server/infra/mongo';
import { createStorage } from '../server/infra/s3';
import { startServices } from '../server/infra/services';
import { forgetObservatoryCache, observatoryFor } from '../server/observatory/compute';
import { Organization } from '../server/organizations/model';
import { monthOf } from '../server/stats/events';
import { UsageCounter } from '../server/stats/model';
import { startCatalogIndex, stopCatalogIndex } from '../server/search/registry';
import { syntheticDataset } from './matching';
import { BENCH_DB, numberArg, time as timeWith, type Timing } from './timing';

/** p50/p95 of `iterations` runs after three untimed ones, `before` untimed before each. */
const time = (iterations: number, fn: () => Promise<unknown>, before?: () => void) => timeWith(iterations, fn, 3, before);

export interface ObservatoryBenchOptions {
  datasets?: number;
  requests?: number;
  iterations?: number;
}

const DAY = 86_400_000;
const US_ORG_TYPES = ['university', 'company', 'ffrdc', 'research_institute'] as const;

interface UsageCounterRow {
  datasetId: Types.ObjectId;
  providerId: Types.ObjectId;
  month: string;
  event: string;
  country: string;
  orgType: string;
  count: number;
}

/** Loads the synthetic catalogue and requests into fresh embedded services and prints the timings. */
export async function benchObservatory(opts: ObservatoryBenchOptions = {}): Promise<void> {
  const n = opts.datasets ?? 20_000;
  const m = opts.requests ?? 10_000;
  const iterations = opts.iterations ?? 20;
  const dir = mkdtempSync(path.join(tmpdir(), 'kdb-bench-obs-'));
  const log = createLogger('warn');
  const services = await startServices({ dataDir: dir, persistent: false, allowedOrigins: [], bucket: 'bench', log, mongodbUri: process.env.MONGODB_URI, embeddedMongo: process.env.EMBEDDED_MONGO as 'ferretdb' | undefined });
  try {
    await connectMongo(services.mongoUri, `bench_obs_${Date.now().toString(36)}`, BENCH_DB);
    await syncIndexes();
    const provider = await Organization.create({ slug: 'bench-provider', name: { ko: '벤치 제공기관', en: 'Bench provider' }, country: 'KR', type: 'public_agency', verified: true });
    const start = Date.now() - 3 * 365 * DAY;
    const ids: Types.ObjectId[] = [];
    for (let from = 0; from < n; from += 2000) {
      const batch = Array.from({ length: Math.min(2000, n - from) }, (_, k) => {
        const i = from + k;
        const at = new Date(start + ((i * 7919) % (3 * 365)) * DAY);
        const doc = { _id: new Types.ObjectId(), ...syntheticDataset(i, provider._id, new Types.ObjectId(), at) };
        ids.push(doc._id);
        return i % 4 === 0 ? { ...doc, origin: { kind: 'harvested', harvestedAt: at } } : doc;
      });
      await Dataset.collection.insertMany(batch, { ordered: false });
    }
    // Demand is read from the usage counters (docs/observatory.md "Demand"): the M synthetic US
    // requests (a third approved) as the statistics would have counted them, beside views from
    // Korean and anonymous visitors of every dataset, which the demand read has to pass over.
    const cells = new Map<string, UsageCounterRow>();
    const bump = (datasetIndex: number, at: Date, event: string, country: string, orgType: string) => {
      const row = { datasetId: ids[datasetIndex]!, providerId: provider._id, month: monthOf(at), event, country, orgType, count: 0 };
      const key = `${datasetIndex}|${row.month}|${event}|${country}|${orgType}`;
      (cells.get(key) ?? cells.set(key, row).get(key)!).count++;
    };
    for (let i = 0; i < m; i++) {
      const at = new Date(start + (i % (3 * 365)) * DAY);
      const orgType = US_ORG_TYPES[i % US_ORG_TYPES.length]!;
      bump((i * 31) % ids.length, at, 'request_submitted', 'US', orgType);
      if (i % 3 === 0) bump((i * 31) % ids.length, at, 'request_approved', 'US', orgType);
    }
    for (let i = 0; i < ids.length; i++) {
      bump(i, new Date(start + ((i * 7919) % (3 * 365)) * DAY), 'view', 'KR', 'university');
      bump(i, new Date(start + ((i * 104_729) % (3 * 365)) * DAY), 'view', 'anonymous', 'anonymous');
    }
    const counterRows = [...cells.values()];
    for (let from = 0; from < counterRows.length; from += 5000) {
      await UsageCounter.collection.insertMany(counterRows.slice(from, from + 5000), { ordered: false });
    }
    await startCatalogIndex({ log });

    const member = { id: new Types.ObjectId(), roles: ['provider'], organizationId: provider._id, organization: { id: provider._id } } as unknown as AuthUser;
    const filter = { origin: null, from: null, interval: 'quarter' as const };
    const config = loadConfig({ NODE_ENV: 'production', LOG_LEVEL: 'silent' });
    const app = createApp({ config, log: createLogger('silent'), storage: createStorage(services.s3), s3Origin: null });
    const server = app.listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1/observatory`;
    try {
      const get = async (query = '') => {
        const res = await fetch(url + query);
        if (res.status !== 200) throw new Error(`observatory: ${res.status} ${await res.text()}`);
        return res.json();
      };
      const sample = (await get()) as { matrix: { cells: unknown[] }; growth: unknown[]; demand: unknown[] };
      // After a dataset change: the answers are recomputed, the US demand (TTL, not ended by dataset changes) is reused.
      const afterChange = () => forgetObservatoryCache({ keepDemand: true });
      const anonChange = await time(iterations, () => observatoryFor(null, filter), afterChange);
      const memberChange = await time(iterations, () => observatoryFor(member, filter), afterChange);
      const monthly = await time(iterations, () => observatoryFor(null, { ...filter, interval: 'month' }), afterChange);
      // Nothing cached: the demand read too (the first request after start, or a new `from`).
      const coldRuns = Math.min(iterations, 2);
      const anonCold = await time(coldRuns, () => observatoryFor(null, filter), () => forgetObservatoryCache());
      const apiChange = await time(iterations, () => get(), afterChange);
      const apiCached = await time(iterations * 5, () => get());
      const coll = mongoose.connection.db!.collection('datasets');
      const rawFilter = { live: { $ne: null }, withdrawnAt: null, 'live.classification.level': 'public' };
      // The equivalent database work: reading every listed dataset's areas (slow on FerretDB, so three reads).
      const rawScan = await time(2, () => coll.find(rawFilter, { projection: { 'live.techAreas': 1, publishedAt: 1, origin: 1 } }).toArray());
      console.log(`\nobservatory: ${n} datasets (${Math.round(n / 4)} harvested), ${m} US access requests in ${counterRows.length} usage counters, ${sample.matrix.cells.length} matrix cells, ${sample.growth.length} growth rows, ${sample.demand.length} demand rows (${services.mongoKind})`);
      console.log('benchmark                                     p50 ms    p95 ms    p95 / raw scan');
      const row = (name: string, t: Timing) => console.log(`${name.padEnd(46)}${t.p50.toFixed(1).padStart(6)}  ${t.p95.toFixed(1).padStart(8)}  ${(t.p95 / rawScan.p95).toFixed(3).padStart(10)}`);
      row('compute, anonymous, after a dataset change', anonChange);
      row('compute, provider member, after a change', memberChange);
      row('compute, monthly growth, after a change', monthly);
      row('compute, anonymous, nothing cached', anonCold);
      row('GET /observatory after a dataset change', apiChange);
      row('GET /observatory, cached (same tier, TTL)', apiCached);
      row('raw driver projection scan of public areas', rawScan);
    } finally {
      server.close();
    }
  } finally {
    await stopCatalogIndex();
    await mongoose.disconnect();
    await services.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}


if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  benchObservatory({ datasets: numberArg('datasets', 20_000), requests: numberArg('requests', 10_000), iterations: numberArg('iterations', 20) }).catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
