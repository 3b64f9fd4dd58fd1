// An app process started the way server/main.ts starts one (connect, start-up hooks, serve), against
// the test run's database: for tests that kill a process and watch another one recover. Reads
// MONGO_URI, DB_NAME and S3_SETTINGS (JSON), and optionally RECONCILE_STALE_MS / RECONCILE_EVERY_MS
// to shorten the import reconciler's lease; prints `{"port":N}` once listening; exits on SIGTERM.
import type { AddressInfo } from 'node:net';
import mongoose from 'mongoose';
import { createApp } from '../../server/app';
import { startImportReconciler } from '../../server/import/reconcile';
import { loadConfig } from '../../server/infra/config';
import { createLogger } from '../../server/infra/logger';
import { connectMongo, syncIndexes } from '../../server/infra/mongo';
import { createStorage } from '../../server/infra/s3';

const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', PORT: '0', HARVEST_ALLOWED_HOSTS: '127.0.0.1,localhost' });
const log = createLogger('silent');
const optional = (name: string) => (process.env[name] ? Number(process.env[name]) : undefined);
// As in server/main.ts: every database call gets the request deadline (DB_TIMEOUT_MS).
await connectMongo(process.env.MONGO_URI!, process.env.DB_NAME!, { deadlineMs: config.dbTimeoutMs, log });
await syncIndexes();
const stopReconciler = startImportReconciler({ log, staleAfterMs: optional('RECONCILE_STALE_MS'), everyMs: optional('RECONCILE_EVERY_MS') });
const app = createApp({ config, log, storage: createStorage(JSON.parse(process.env.S3_SETTINGS!)), s3Origin: null });
const server = app.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ port: (server.address() as AddressInfo).port })}\n`);
});
process.once('SIGTERM', () => {
  stopReconciler();
  server.close();
  void mongoose.disconnect().then(() => process.exit(0));
});
