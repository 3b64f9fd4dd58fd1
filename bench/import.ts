/**
 * Bulk-import throughput: N valid rows through `POST /api/v1/import` (JSON lines and CSV), against
 * a raw driver `insertMany` of the same documents into the same collection in the same run, so the
 * ratio travels between machines. Called from bench/run.ts; alone:
 *   npx tsx bench/import.ts [--rows 10000]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import mongoose from 'mongoose';
import { createApp } from '../server/app';
import { ApiToken, User } from '../server/auth/models';
import { API_TOKEN_PREFIX, hashSecret, newSecret } from '../server/auth/secrets';
import { IMPORT_COLUMNS } from '../server/import/columns';
import { csvLine } from '../server/import/csv';
import { loadConfig } from '../server/infra/config';
import { createLogger } from '../server/infra/logger';
import { connectMongo, syncIndexes } from '../server/infra/mongo';
import { BENCH_DB } from './timing';
import { createStorage } from '../server/infra/s3';
import { startServices } from '../server/infra/services';
import { Organization } from '../server/organizations/model';

export interface ImportBenchOptions {
  rows?: number;
}

function row(prefix: string, i: number): Record<string, string> {
  return {
    slug: `${prefix}-${i}`,
    'title.ko': `가져오기 벤치마크 데이터셋 ${i}`,
    'title.en': `Import benchmark dataset ${i}`,
    'summary.ko': '대량 가져오기 처리량 측정용 합성 데이터셋입니다.',
    'summary.en': 'Synthetic dataset for measuring bulk import throughput.',
    'description.en': 'Rows like this one are what providers upload from their spreadsheets: bilingual text, lists, rules.',
    'keywords.ko': '벤치마크;합성',
    'keywords.en': 'benchmark;synthetic',
    modalities: 'text;tabular',
    tasks: 'classification',
    languages: 'ko-KR;en',
    'techAreas.kr': 'artificial_intelligence',
    'techAreas.us': 'artificial_intelligence',
    'size.records': String(1000 + i),
    'license.id': 'CC-BY-4.0',
    'disclosure.accessLevel': i % 3 === 0 ? 'approval' : 'open',
    'disclosure.samplesAccess': 'registered',
    'disclosure.allowedCountries': '*',
    'disclosure.allowedOrgTypes': '*',
    'disclosure.allowedPurposes': 'research;education',
    'disclosure.crossBorder': 'conditional',
    'disclosure.conditions.dua': 'true',
    'disclosure.conditions.irb': 'false',
    'disclosure.conditions.attribution': 'true',
    'disclosure.conditions.noRedistribution': 'true',
    'disclosure.maxGrantDays': '365',
    'classification.level': 'public',
    'classification.personalInfo': 'anonymized',
    'classification.exportControl.controlled': 'false',
    'classification.nationalCoreTechnology': 'false',
  };
}

function csvBody(prefix: string, n: number): string {
  const names = IMPORT_COLUMNS.map((c) => c.name);
  const lines = [csvLine(names)];
  for (let i = 0; i < n; i++) {
    const r = row(prefix, i);
    lines.push(csvLine(names.map((c) => r[c] ?? '')));
  }
  return lines.join('\n') + '\n';
}

/** Runs the import benchmark on its own embedded services; returns the measured figures. */
export async function benchImport(opts: ImportBenchOptions = {}): Promise<Record<string, unknown>> {
  const n = opts.rows ?? 10_000;
  const dir = mkdtempSync(path.join(tmpdir(), 'kdb-bench-import-'));
  const log = createLogger('warn');
  const services = await startServices({ dataDir: dir, persistent: false, allowedOrigins: [], bucket: 'bench', log, mongodbUri: process.env.MONGODB_URI, embeddedMongo: process.env.EMBEDDED_MONGO as 'ferretdb' | undefined });
  const server = { close: () => undefined as unknown } as { close: () => unknown };
  try {
    await connectMongo(services.mongoUri, `bench_import_${Date.now().toString(36)}`, BENCH_DB);
    await syncIndexes();
    const org = await Organization.create({ slug: 'bench-import-org', name: { ko: '벤치', en: 'Bench' }, country: 'KR', type: 'public_agency', verified: true });
    const user = await User.create({ email: 'provider@bench.example', name: 'Bench provider', organizationId: org._id, membership: 'active', roles: ['provider'], locale: 'en', passwordHash: 'x' });
    const token = API_TOKEN_PREFIX + newSecret();
    await ApiToken.create({ userId: user._id, name: 'bench', tokenHash: hashSecret(token), prefix: token.slice(0, 10), expiresAt: new Date(Date.now() + 3600_000), createdAt: new Date() });
    const app = createApp({ config: loadConfig({ NODE_ENV: 'production', LOG_LEVEL: 'silent', MAX_IMPORT_BYTES: '200000000' }), log: createLogger('silent'), storage: createStorage(services.s3), s3Origin: null });
    const listening = app.listen(0, '127.0.0.1');
    server.close = () => listening.close();
    await new Promise((r) => listening.once('listening', r));
    const base = `http://127.0.0.1:${(listening.address() as AddressInfo).port}/api/v1`;
    const post = async (query: string, body: string, type: string) => {
      const t0 = process.hrtime.bigint();
      const res = await fetch(`${base}/import${query}`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': type }, body });
      const report = (await res.json()) as { created?: number; valid?: number; invalid?: number };
      const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
      if (res.status !== 200 || report.invalid) throw new Error(`import failed: ${res.status} ${JSON.stringify(report).slice(0, 500)}`);
      return { seconds, report };
    };

    // Each run starts from an empty collection, so every figure sees the same database state.
    const coll = mongoose.connection.db!.collection('datasets');
    const csv = csvBody('bench', n);
    const dry = await post('?dryRun=true', csv, 'text/csv');
    const csvRun = await post('', csv, 'text/csv');

    // Raw driver insertMany of the very documents the CSV import wrote.
    const docs = await coll.find({ providerId: org._id }).toArray();
    await coll.deleteMany({ providerId: org._id });
    const t0 = process.hrtime.bigint();
    await coll.insertMany(docs, { ordered: false });
    const rawSeconds = Number(process.hrtime.bigint() - t0) / 1e9;

    // The same rows as JSON lines (the stored content, as a provider's export would hold it).
    const ndjson = docs
      .map((d) => {
        const { _id, providerId, createdBy, status, version, rev, createdAt, updatedAt, artifacts, reviewHistory, submittedBy, changeNote, live, publishedAt, withdrawnAt, importBatchId, ...content } =
          d as unknown as Record<string, unknown>;
        void [_id, providerId, createdBy, status, version, rev, createdAt, updatedAt, artifacts, reviewHistory, submittedBy, changeNote, live, publishedAt, withdrawnAt, importBatchId];
        return JSON.stringify(content);
      })
      .join('\n');
    await coll.deleteMany({ providerId: org._id });
    const jsonlRun = await post('', ndjson, 'application/x-ndjson');

    const result = {
      rows: n,
      database: services.mongoKind,
      csvBytes: Buffer.byteLength(csv),
      dryRunRowsPerSecond: Math.round(n / dry.seconds),
      csvImportRowsPerSecond: Math.round(n / csvRun.seconds),
      jsonlImportRowsPerSecond: Math.round(n / jsonlRun.seconds),
      rawInsertManyRowsPerSecond: Math.round(n / rawSeconds),
      csvImportSeconds: Number(csvRun.seconds.toFixed(2)),
      rawInsertManySeconds: Number(rawSeconds.toFixed(2)),
      csvImportToRawRatio: Number((csvRun.seconds / rawSeconds).toFixed(2)),
      jsonlImportToRawRatio: Number((jsonlRun.seconds / rawSeconds).toFixed(2)),
    };
    return result;
  } finally {
    server.close();
    await mongoose.disconnect();
    await services.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const i = process.argv.indexOf('--rows');
  benchImport({ rows: i > 0 ? Number(process.argv[i + 1]) : undefined })
    .then((r) => {
      console.log('bulk import', JSON.stringify(r, null, 2));
      process.exit(0);
    })
    .catch((err: unknown) => {
      console.error(err);
      process.exit(1);
    });
}
