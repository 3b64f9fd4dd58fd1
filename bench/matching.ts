/**
 * Partner matching at scale: rank N synthetic published datasets (default 20,000) for one US
 * partner, through the API and in process, against the raw driver reading the same candidates.
 * Called at the end of bench/run.ts; alone: npx tsx bench/matching.ts [--datasets 20000 --iterations 30]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';
import mongoose, { Types } from 'mongoose';
import { KR_TECHNOLOGY_CODES, MODALITY_CODES, TASK_CODES, US_CET_CODES } from '../schemas/taxonomy';
import { createApp } from '../server/app';
import { ApiToken, User } from '../server/auth/models';
import { API_TOKEN_PREFIX, hashSecret, newSecret } from '../server/auth/secrets';
import { Dataset } from '../server/datasets/model';
import { loadConfig } from '../server/infra/config';
import { createLogger } from '../server/infra/logger';
import { connectMongo, syncIndexes } from '../server/infra/mongo';
import { BENCH_DB, numberArg } from './timing';
import { createStorage } from '../server/infra/s3';
import { startServices } from '../server/infra/services';
import { ProcedureVersion } from '../server/labeling/model';
import { candidatesFor, loadPartner, matchesFor } from '../server/matching/service';
import { qaTargetsFor } from '../server/matching/qa-targets';
import { rankForPartner } from '../server/matching/rank';
import { Organization } from '../server/organizations/model';
import { startCatalogIndex, stopCatalogIndex, catalogIndex } from '../server/search/registry';
import type { AuthUser } from '../server/http/context';

export interface MatchingBenchOptions {
  datasets?: number;
  iterations?: number;
}

export interface Timing {
  p50: number;
  p95: number;
}

export interface MatchingBenchResult {
  datasets: number;
  candidates: number;
  eligible: number;
  api: Timing;
  me: Timing;
  inProcess: Timing;
  cold: Timing;
  rawScan: Timing;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function time(iterations: number, fn: () => Promise<unknown>, warmup = Math.min(5, iterations)): Promise<Timing> {
  for (let i = 0; i < warmup; i++) await fn();
  const samples: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const t0 = process.hrtime.bigint();
    await fn();
    samples.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  samples.sort((a, b) => a - b);
  return { p50: percentile(samples, 50), p95: percentile(samples, 95) };
}

const pick = <T>(list: readonly T[], i: number, k: number): T[] => [...new Set(Array.from({ length: k }, (_, j) => list[(i * (j + 7) + j * 13) % list.length]))];
const WORDS = [
  ['음성인식', 'speech recognition'],
  ['자율주행', 'autonomous driving'],
  ['반도체 공정', 'semiconductor process'],
  ['의료영상', 'medical imaging'],
  ['기계 번역', 'machine translation'],
  ['이상 탐지', 'anomaly detection'],
  ['위성영상', 'satellite imagery'],
  ['스마트공장', 'smart factory'],
] as const;
const LEVELS = ['open', 'registered', 'approval', 'enclave'] as const;

/** A varied synthetic catalogue: technology areas, tasks, access rules, export control and labeling differ by index. */
export function syntheticDataset(i: number, providerId: Types.ObjectId, procedureId: Types.ObjectId, publishedAt: Date) {
  const [ko, en] = WORDS[i % WORDS.length];
  const accessLevel = LEVELS[i % LEVELS.length];
  const level = i % 50 === 0 ? 'confidential' : i % 10 === 0 ? 'internal' : 'public';
  const content = {
    slug: `match-bench-${i}`,
    title: { ko: `${ko} 데이터셋 ${i}`, en: `${en} dataset ${i}` },
    summary: { ko: `${ko} 연구용 합성 데이터`, en: `Synthetic data for ${en} research` },
    keywords: { ko: [ko], en: [en] },
    modalities: pick(MODALITY_CODES, i, 2),
    tasks: pick(TASK_CODES, i, 2),
    techAreas: { kr: pick(KR_TECHNOLOGY_CODES, i, 2), us: pick(US_CET_CODES, i, 2) },
    license: { id: i % 3 === 0 ? 'CC-BY-NC-4.0' : 'CC-BY-4.0' },
    classification: { level, personalInfo: i % 7 === 0 ? 'pseudonymized' : 'none', sensitiveCategories: [], exportControl: { controlled: i % 11 === 0 }, nationalCoreTechnology: i % 23 === 0 },
    disclosure: {
      accessLevel: level === 'public' ? accessLevel : 'approval',
      samplesAccess: level === 'public' ? 'open' : 'registered',
      allowedCountries: i % 9 === 0 ? ['KR'] : ['*'],
      allowedOrgTypes: ['*'],
      allowedPurposes: i % 5 === 0 ? ['research'] : ['research', 'education', 'commercial'],
      crossBorder: (['allowed', 'conditional', 'prohibited'] as const)[i % 3],
      conditions: { dua: i % 2 === 0, irb: i % 13 === 0, attribution: true, noRedistribution: false },
      maxGrantDays: 365,
    },
    ...(i % 3 === 0 ? { labeling: { procedureId: String(procedureId), procedureVersion: 1, results: [{ metric: 'f1', value: 0.8 + (i % 10) / 100 }] } } : {}),
  };
  return { ...content, providerId, createdBy: new Types.ObjectId(), status: 'published', version: 1, rev: 1, artifacts: [], reviewHistory: [], live: { ...content, version: 1, publishedAt, approvedBy: new Types.ObjectId(), artifacts: [] }, publishedAt, withdrawnAt: null };
}

/**
 * Starts its own embedded services (or uses MONGODB_URI), loads the synthetic catalogue and
 * prints p50/p95 of ranking for one partner: API (page of 20), in process, and a raw driver
 * `find` of the same candidate datasets.
 */
export async function benchMatching(opts: MatchingBenchOptions = {}): Promise<MatchingBenchResult> {
  const n = opts.datasets ?? 20_000;
  const iterations = opts.iterations ?? 30;
  const dir = mkdtempSync(path.join(tmpdir(), 'kdb-bench-match-'));
  const log = createLogger('warn');
  const services = await startServices({ dataDir: dir, persistent: false, allowedOrigins: [], bucket: 'bench', log, mongodbUri: process.env.MONGODB_URI, embeddedMongo: process.env.EMBEDDED_MONGO as 'ferretdb' | undefined });
  try {
    await connectMongo(services.mongoUri, `bench_match_${Date.now().toString(36)}`, BENCH_DB);
    await syncIndexes();
    const provider = await Organization.create({ slug: 'bench-provider', name: { ko: '벤치 제공기관', en: 'Bench provider' }, country: 'KR', type: 'public_agency', verified: true });
    const partnerOrg = await Organization.create({
      slug: 'bench-partner',
      name: { ko: '벤치 파트너', en: 'Bench partner' },
      country: 'US',
      type: 'university',
      verified: true,
      partnerProfile: {
        interests: {
          usCet: ['artificial_intelligence', 'autonomous_uncrewed_systems_robotics', 'semiconductors_microelectronics'],
          krTech: ['artificial_intelligence', 'advanced_mobility'],
          modalities: ['speech', 'image', 'video', 'sensor'],
          tasks: ['asr', 'object_detection', 'anomaly_detection', 'translation'],
          keywords: { ko: ['음성인식', '자율주행', '반도체 공정'], en: ['speech recognition', 'autonomous driving', 'lidar'] },
        },
        purposes: ['research', 'education'],
        capabilities: { canSignDua: true, hasIrb: true, canUseEnclave: false, canObtainExportLicense: false },
      },
    });
    const procedure = await ProcedureVersion.create({
      procedureId: new Types.ObjectId(),
      providerId: provider._id,
      version: 1,
      status: 'active',
      createdBy: new Types.ObjectId(),
      qa: { inspection: 'full', verifiedBy: 'self', targets: [{ metric: 'f1', target: 0.85, direction: 'higher_better' }] },
    });
    const publishedAt = new Date();
    for (let from = 0; from < n; from += 2000) {
      const batch = Array.from({ length: Math.min(2000, n - from) }, (_, k) => syntheticDataset(from + k, provider._id, procedure.procedureId, publishedAt));
      await Dataset.collection.insertMany(batch, { ordered: false });
    }
    await startCatalogIndex({ log });

    const user = await User.create({ email: 'liaison@bench.example', name: 'Bench liaison', organizationId: partnerOrg._id, roles: ['researcher'], locale: 'en', passwordHash: 'x' });
    const token = API_TOKEN_PREFIX + newSecret();
    await ApiToken.create({ userId: user._id, name: 'bench', tokenHash: hashSecret(token), prefix: token.slice(0, 10), expiresAt: new Date(Date.now() + 3600_000), createdAt: new Date() });
    const authUser = {
      id: user._id,
      email: user.email,
      name: user.name,
      roles: ['researcher'],
      locale: 'en',
      organizationId: partnerOrg._id,
      organization: { id: partnerOrg._id, slug: partnerOrg.slug, name: partnerOrg.name, country: 'US', type: 'university', nationalReviewer: false },
    } as AuthUser;

    const config = loadConfig({ NODE_ENV: 'production', LOG_LEVEL: 'silent' });
    const app = createApp({ config, log: createLogger('silent'), storage: createStorage(services.s3), s3Origin: null });
    const server = app.listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1/partners/bench-partner/matches?pageSize=20`;
    try {
      const partner = await loadPartner('bench-partner');
      const sample = await matchesFor(partner, authUser, config.matchingWeights);
      const candidates = sample.matches.length + sample.excluded.length;
      // The raw scan: the driver reading the very datasets the partner's members may list.
      const coll = mongoose.connection.db!.collection('datasets');
      const rawFilter = { live: { $ne: null }, withdrawnAt: null, 'live.classification.level': { $in: ['public', 'internal', 'sensitive'] } };
      const rawCount = await coll.countDocuments(rawFilter);
      if (rawCount !== candidates) throw new Error(`raw scan sees ${rawCount} datasets, matching ranked ${candidates}`);

      // Baseline: the cheapest signed-in request (token lookup, user, organisation) on the same server.
      const me = await time(iterations, async () => {
        const res = await fetch(url.replace(/\/partners\/.*$/, '/auth/me'), { headers: { authorization: `Bearer ${token}` } });
        await res.json();
      });
      const api = await time(iterations, async () => {
        const res = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
        if (res.status !== 200) throw new Error(`matches: ${res.status} ${await res.text()}`);
        await res.json();
      });
      // Ranking again for the same profile (the per-entry memos warm, the ranking itself recomputed,
      // as after any catalogue change); then cold: a new partner identity each time, nothing memoised.
      const rank = async (p: typeof partner) => {
        const candidates = await candidatesFor(p, authUser);
        return rankForPartner(p, candidates, { keywordScores: (t) => catalogIndex().keywordScores(t), qaTargets: await qaTargetsFor(candidates), weights: config.matchingWeights });
      };
      const inProcess = await time(iterations, () => rank(partner));
      let round = 0;
      const cold = await time(iterations, () => rank({ ...partner, id: `${partner.id}#${round++}` }));
      // The raw scan is slow on FerretDB (many seconds for 20k documents): one warm-up, three timed reads.
      const rawScan = await time(3, () => coll.find(rawFilter).toArray(), 1);
      const result = { datasets: n, candidates, eligible: sample.matches.length, api, me, inProcess, cold, rawScan };
      console.log(`\npartner matching: ${n} datasets in the catalogue (${catalogIndex().size} indexed), ${candidates} candidates, ${sample.matches.length} eligible (${services.mongoKind})`);
      console.log('benchmark                               p50 ms    p95 ms    p95 / raw scan');
      const row = (name: string, t: Timing) => console.log(`${name.padEnd(40)}${t.p50.toFixed(1).padStart(6)}  ${t.p95.toFixed(1).padStart(8)}  ${(t.p95 / rawScan.p95).toFixed(3).padStart(10)}`);
      row('GET /partners/{slug}/matches (page 20)', api);
      row('baseline: GET /auth/me, same token', me);
      row('rank again in process (entries memoised)', inProcess);
      row('rank in process, cold (nothing memoised)', cold);
      row('raw driver find of the same candidates', rawScan);
      return result;
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
  benchMatching({ datasets: numberArg('datasets', 20_000), iterations: numberArg('iterations', 30) }).catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
