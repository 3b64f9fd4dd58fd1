import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import type { TestProject } from 'vitest/node';
import { EMBEDDED_MONGO_CHOICES, type EmbeddedMongoChoice } from '../../server/infra/config';
import { startServices, type Services } from '../../server/infra/services';

let services: Services | undefined;
let dataDir: string | undefined;

/** Starts MongoDB-protocol and S3 servers once for the whole run and provides them to the tests. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  // Warn level keeps test output quiet but still shows a FerretDB build, which takes minutes.
  // The default order applies (server/infra/embedded-mongo.ts): FerretDB on PostgreSQL when it is
  // installed; EMBEDDED_MONGO=ferretdb-sqlite runs the suite on SQLite.
  const log = pino({ level: process.env.LOG_LEVEL ?? 'warn' });
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'kus-test-'));
  services = await startServices({
    dataDir,
    persistent: false,
    mongodbUri: process.env.MONGODB_URI || undefined,
    embeddedMongo: parseEmbeddedMongo(process.env.EMBEDDED_MONGO),
    // The bare origin is what the storage tests send; the port wildcard covers browser tests on any port.
    allowedOrigins: ['http://127.0.0.1', 'http://127.0.0.1:*', 'http://localhost:*'],
    bucket: 'test-bucket',
    log,
  }).catch(async (err: unknown) => {
    await rm(dataDir!, { recursive: true, force: true });
    throw err;
  });
  log.info({ mongoUri: services.mongoUri, mongoKind: services.mongoKind, s3: services.s3.endpoint }, 'test services ready');
  // One line in the run's output saying which database the suite ran on (the default order picks it).
  console.info(`test database: ${services.mongoKind} (${services.mongoDescription})`);
  project.provide('services', { mongoUri: services.mongoUri, s3: services.s3 });

  return async () => {
    await services?.stop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  };
}

/** EMBEDDED_MONGO as the app reads it; anything else is a mistake worth stopping the run for. */
function parseEmbeddedMongo(value: string | undefined): EmbeddedMongoChoice | undefined {
  if (!value) return undefined;
  if (!(EMBEDDED_MONGO_CHOICES as readonly string[]).includes(value))
    throw new Error(`EMBEDDED_MONGO must be one of ${EMBEDDED_MONGO_CHOICES.join(', ')} (got "${value}")`);
  return value as EmbeddedMongoChoice;
}
