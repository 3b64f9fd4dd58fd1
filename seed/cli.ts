// `npm run seed`: loads the demo catalogue into the configured database (MONGODB_URI, or the embedded
// one under DATA_DIR, started for the run) and its files into S3. Idempotent: what exists is kept.
import mongoose from 'mongoose';
import { ConfigError, loadConfig } from '../server/infra/config';
import { withDbDeadline } from '../server/infra/db-calls';
import { createLogger } from '../server/infra/logger';
import { runMigrations } from '../server/infra/migrations';
import { connectMongo, syncIndexes } from '../server/infra/mongo';
import { createStorage } from '../server/infra/s3';
import { servicesOptionsOf, startServices } from '../server/infra/services';
import { seedDemo } from './run';

/** Seeding writes a few hundred records and uploads sample files: far beyond one request's deadline. */
const SEED_DB_DEADLINE_MS = 10 * 60_000;

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(2);
    }
    throw err;
  }
  const log = createLogger(config.logLevel);
  const services = await startServices(servicesOptionsOf(config, log));
  try {
    await connectMongo(services.mongoUri, config.dbName);
    const report = await withDbDeadline(SEED_DB_DEADLINE_MS, async () => {
      await syncIndexes();
      await runMigrations(log);
      return seedDemo({ config, log, storage: createStorage(services.s3) });
    });
    console.log(`demo catalogue: ${JSON.stringify(report)}`);
  } finally {
    await mongoose.disconnect().catch(() => undefined);
    await services.stop();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
