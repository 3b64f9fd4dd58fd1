import type { Server } from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import { createApp } from './app';
import { ConfigError, loadConfig } from './infra/config';
import { withDbDeadline } from './infra/db-calls';
import { createLogger } from './infra/logger';
import { connectMongo, syncIndexes } from './infra/mongo';
import { runMigrations } from './infra/migrations';
import { createStorage } from './infra/s3';
import { servicesOptionsOf, startServices } from './infra/services';
import mongoose from 'mongoose';
import { seedIfEmpty } from '../seed/run';
import { ensureClientBuilt } from './infra/client-build';
import { keepDataJsonWarm } from './interop/public';
import { startCatalogIndex, stopCatalogIndex } from './search/registry';
import { startImportReconciler } from './import/reconcile';
import { startSweeper } from './infra/sweeper';
import { startHarvestScheduler } from './harvest/scheduler';
import { warmObservatoryDemand } from './observatory/compute';

/** In-flight requests get this long to finish after SIGTERM/SIGINT before their connections are cut. */
const DRAIN_MS = 10_000;
/** Start-up work runs before the server listens and may scan whole collections (minutes at 100k datasets on SQLite). */
const STARTUP_DB_DEADLINE_MS = 10 * 60_000;

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
  const services = await startServices(servicesOptionsOf(config, log));

  let server: Server | undefined;
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down: finishing requests in flight');
    // Whatever still runs once the drain and the services' own grace periods are over is cut off.
    const force = setTimeout(() => process.exit(1), DRAIN_MS + 20_000);
    force.unref();
    if (server) await drain(server, DRAIN_MS, log);
    await stopCatalogIndex();
    await mongoose.disconnect().catch(() => undefined);
    await services.stop();
    log.info('stopped');
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));

  try {
    await connectMongo(services.mongoUri, config.dbName, { deadlineMs: config.dbTimeoutMs, log });
    const storage = createStorage(services.s3, { timeoutMs: config.s3TimeoutMs });
    const s3Origin = services.s3.endpoint ? new URL(services.s3.endpoint).origin : null;
    await withDbDeadline(STARTUP_DB_DEADLINE_MS, async () => {
      await syncIndexes();
      await runMigrations(log);
      if (config.seedDemo) await seedIfEmpty({ config, log, storage });
    });
    startImportReconciler({ log });
    startSweeper({ intervalMs: 10 * 60_000, log });
    startHarvestScheduler(config.harvest, log);
    // Test runs start app processes side by side; building the client in each would race (the
    // browser tests build it themselves).
    if (config.env !== 'test') await ensureClientBuilt(log);
    // Searches wait for the initial load (from the snapshot in DATA_DIR/store when it is usable; it is
    // written again at a graceful stop and every few minutes); the server answers everything else meanwhile.
    startCatalogIndex({ pollMs: config.searchSyncMs, log, snapshotDir: path.join(config.dataDir, 'store') }).catch((err: unknown) =>
      log.error({ err }, 'search index load failed'),
    );
    // Harvesters' /data.json is built when the catalogue changes, not when it is first asked for.
    keepDataJsonWarm({ baseUrl: config.publicUrl, contactEmail: config.catalogContactEmail }, log);
    // The observatory's one slow read (US demand over every request) is done before anyone asks.
    warmObservatoryDemand(log);
    const app = createApp({ config, log, storage, s3Origin });
    server = await new Promise<Server>((resolve, reject) => {
      const s = app.listen(config.port, config.host, () => resolve(s));
      s.once('error', reject);
    });
    // With PORT=0 the system picks the port: show the one it picked.
    const url =
      config.port === 0
        ? `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${(server.address() as AddressInfo).port}`
        : config.publicUrl;
    const banner = [
      '',
      `  K–US Data Bridge (한미 데이터 브릿지) is running at ${url}/`,
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

/**
 * Stops accepting connections and lets requests in flight finish (up to `graceMs`); keep-alive
 * connections are closed as soon as they are idle, so clients reconnect elsewhere. Whatever is
 * still open after the grace period is cut.
 */
async function drain(server: Server, graceMs: number, log: Logger): Promise<void> {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  const sweep = setInterval(() => server.closeIdleConnections(), 100);
  let timer: NodeJS.Timeout | undefined;
  const timedOut = await Promise.race([
    closed.then(() => false),
    new Promise<boolean>((r) => (timer = setTimeout(() => r(true), graceMs))),
  ]);
  clearInterval(sweep);
  clearTimeout(timer);
  if (timedOut) {
    log.warn({ graceMs }, 'requests still running after the grace period; closing their connections');
    server.closeAllConnections();
    await closed;
  }
}

void main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
