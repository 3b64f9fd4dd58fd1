import type { Server } from 'node:http';
import { createApp } from './app';
import { ConfigError, loadConfig } from './infra/config';
import { createLogger } from './infra/logger';
import { connectMongo, syncIndexes } from './infra/mongo';
import { runMigrations } from './infra/migrations';
import { createStorage } from './infra/s3';
import { startServices } from './infra/services';
import mongoose from 'mongoose';
import { seedIfEmpty } from '../seed/run';
import { ensureClientBuilt } from './infra/client-build';
import { startCatalogIndex, stopCatalogIndex } from './search/registry';
import { startImportReconciler } from './import/reconcile';

/** Starts the whole product: embedded services when unconfigured, seed on first run, the HTTP server. */
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
  const services = await startServices({
    dataDir: config.dataDir,
    persistent: true,
    mongodbUri: config.mongodbUri,
    s3: config.s3,
    embeddedMongo: config.embeddedMongo,
    allowedOrigins: [config.publicUrl],
    bucket: config.s3Bucket,
    log,
  });

  let server: Server | undefined;
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 15_000);
    force.unref();
    if (server) await new Promise<void>((r) => server!.close(() => r()));
    await stopCatalogIndex();
    await mongoose.disconnect().catch(() => undefined);
    await services.stop();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));

  try {
    await connectMongo(services.mongoUri, config.dbName);
    await syncIndexes();
    await runMigrations(log);
    const storage = createStorage(services.s3);
    const s3Origin = services.s3.endpoint ? new URL(services.s3.endpoint).origin : null;
    if (config.seedDemo) await seedIfEmpty({ config, log, storage });
    startImportReconciler({ log });
    await ensureClientBuilt(log);
    // Searches wait for the initial load; the server answers everything else meanwhile.
    startCatalogIndex({ pollMs: config.searchSyncMs, log }).catch((err: unknown) => log.error({ err }, 'search index load failed'));
    const app = createApp({ config, log, storage, s3Origin });
    server = await new Promise<Server>((resolve, reject) => {
      const s = app.listen(config.port, config.host, () => resolve(s));
      s.once('error', reject);
    });
    const banner = [
      '',
      `  K–US Data Bridge (한미 데이터 브릿지) is running at ${config.publicUrl}/`,
      `  database: ${services.mongoKind}${services.mongoKind === 'external' ? '' : ` (embedded, data in ${config.dataDir})`}; storage: ${config.s3 ? 'S3 ' + (config.s3.endpoint ?? 'AWS') : 'embedded S3'}`,
      ...(config.seedDemo
        ? ['  demo accounts (password: DEMO_PASSWORD, default "databridge-demo"):', '    admin@demo.kr · provider@demo.kr · reviewer@demo.kr · researcher@demo.kr · partner@demo.org']
        : []),
      '  stop with Ctrl+C',
      '',
    ];
    console.log(banner.join('\n'));
  } catch (err) {
    log.error({ err }, 'startup failed');
    await services.stop();
    process.exit(1);
  }
}

void main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
