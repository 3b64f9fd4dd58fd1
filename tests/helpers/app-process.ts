// A second app process for tests that need two processes sharing one database (search index
// convergence). Reads MONGO_URI, DB_NAME and S3_SETTINGS (JSON) from the environment, listens on a
// free loopback port and prints `{"port":N}` once ready; exits on SIGTERM.
import type { AddressInfo } from 'node:net';
import mongoose from 'mongoose';
import { createApp } from '../../server/app';
import { loadConfig } from '../../server/infra/config';
import { createLogger } from '../../server/infra/logger';
import { createStorage } from '../../server/infra/s3';
import { startCatalogIndex, stopCatalogIndex } from '../../server/search/registry';

const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', PORT: '0', HARVEST_ALLOWED_HOSTS: '127.0.0.1,localhost' });
const log = createLogger('silent');
await mongoose.connect(process.env.MONGO_URI!, { dbName: process.env.DB_NAME });
await startCatalogIndex({ pollMs: config.searchSyncMs, log });
const storage = createStorage(JSON.parse(process.env.S3_SETTINGS!));
const app = createApp({ config, log, storage, s3Origin: null });
const server = app.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ port: (server.address() as AddressInfo).port })}\n`);
});
process.once('SIGTERM', () => {
  server.close();
  void stopCatalogIndex().then(() => mongoose.disconnect()).then(() => process.exit(0));
});
