import path from 'node:path';
import type { Logger } from 'pino';
import type { Config } from './config';
import { startEmbeddedMongo, type EmbeddedMongoChoice, type EmbeddedMongoKind } from './embedded-mongo';
import { startEmbeddedS3 } from './embedded-s3';
import type { S3Settings } from './s3';

export interface ServicesOptions {
  /** Embedded data goes to `<dataDir>/mongo` and `<dataDir>/s3`. */
  dataDir: string;
  /** Keep embedded database data across restarts (npm start) or not (tests). */
  persistent: boolean;
  /** MONGODB_URI: when set no database is started. */
  mongodbUri?: string;
  /** Configured S3 (S3_*): when set no S3 server is started. */
  s3?: S3Settings;
  /** EMBEDDED_MONGO: force one embedded database (`ferretdb`: on PostgreSQL if available, else SQLite). */
  embeddedMongo?: EmbeddedMongoChoice;
  /** EMBEDDED_DB_HANG_MS: restart the embedded database after this long without an answer to pings. */
  embeddedDbHangMs?: number;
  /** EMBEDDED_DB_BUSY_TIMEOUT_MS: the embedded FerretDB's SQLite wait for the write lock (SQLite backend only). */
  embeddedDbBusyTimeoutMs?: number;
  /** Browser origins allowed by the embedded S3's CORS rules. */
  allowedOrigins: string[];
  /** Bucket for the embedded S3. */
  bucket: string;
  log: Logger;
}

/** The services options of a configured app process (`npm start`, `npm run seed`): persistent embedded data under DATA_DIR. */
export function servicesOptionsOf(config: Config, log: Logger): ServicesOptions {
  return {
    dataDir: config.dataDir,
    persistent: true,
    mongodbUri: config.mongodbUri,
    s3: config.s3,
    embeddedMongo: config.embeddedMongo,
    embeddedDbHangMs: config.embeddedDbHangMs,
    embeddedDbBusyTimeoutMs: config.embeddedDbBusyTimeoutMs,
    allowedOrigins: [config.publicUrl],
    bucket: config.s3Bucket,
    log,
  };
}

export interface Services {
  mongoUri: string;
  /** Which database runs: configured (`external`), or the embedded one and its backend. */
  mongoKind: 'external' | EmbeddedMongoKind;
  /** e.g. "FerretDB v1.24.2 on PostgreSQL 15.18"; for external databases, "MONGODB_URI". */
  mongoDescription: string;
  s3: S3Settings;
  /** Stops whatever was started here, in reverse order; safe to call more than once. */
  stop(): Promise<void>;
}

/** Uses configured MongoDB/S3 or starts embedded ones (docs/design.md §2). */
export async function startServices(opts: ServicesOptions): Promise<Services> {
  const { log } = opts;
  const stops: (() => Promise<void>)[] = [];
  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      for (const fn of stops.reverse()) {
        try {
          await fn();
        } catch (err) {
          log.error({ err }, 'error while stopping an embedded service');
        }
      }
    })();
    return stopping;
  };

  try {
    let mongoUri: string;
    let mongoKind: Services['mongoKind'];
    let mongoDescription: string;
    if (opts.mongodbUri) {
      mongoUri = opts.mongodbUri;
      mongoKind = 'external';
      mongoDescription = 'MONGODB_URI';
    } else {
      const mongo = await startEmbeddedMongo({
        dir: path.join(opts.dataDir, 'mongo'),
        persistent: opts.persistent,
        force: opts.embeddedMongo,
        hangKillMs: opts.embeddedDbHangMs,
        busyTimeoutMs: opts.embeddedDbBusyTimeoutMs,
        log,
      });
      stops.push(() => mongo.stop());
      mongoUri = mongo.uri;
      mongoKind = mongo.kind;
      mongoDescription = mongo.description;
      log.info({ kind: mongo.kind, uri: mongo.uri }, `embedded database: ${mongo.description}`);
    }

    let s3: S3Settings;
    if (opts.s3) {
      s3 = opts.s3;
    } else {
      const embedded = await startEmbeddedS3({
        dir: path.join(opts.dataDir, 's3'),
        bucket: opts.bucket,
        allowedOrigins: opts.allowedOrigins,
        log,
      });
      stops.push(() => embedded.stop());
      s3 = embedded.settings;
    }

    return { mongoUri, mongoKind, mongoDescription, s3, stop };
  } catch (err) {
    // Don't leave a half-started set behind.
    await stop();
    throw err;
  }
}
