// What an embedded MongoDB-protocol server is: the options it starts with and what it hands back (server/infra/embedded-mongo.ts starts one).
import type { Logger } from 'pino';
import type { EmbeddedMongoChoice } from './config';

/** What runs: the `backend` of services.mongoKind and of the start-up banner. */
export type EmbeddedMongoKind = 'mongod' | 'ferretdb-pg' | 'ferretdb-sqlite';

/** How to start an embedded database. */
export interface EmbeddedMongoOptions {
  /** Directory for the database files (created if missing). */
  dir: string;
  /** Keep data in `dir` across restarts; otherwise a scratch subdirectory is used and removed on stop(). */
  persistent: boolean;
  /** EMBEDDED_MONGO: use only this; otherwise the order in the file header. */
  force?: EmbeddedMongoChoice;
  /** Kill and restart a server when it is alive but has not answered pings for this long (default 30 s). */
  hangKillMs?: number;
  /** FerretDB on SQLite only: how long SQLite waits for the write lock before answering "database is locked" (default 2 s). */
  busyTimeoutMs?: number;
  log: Logger;
}

/** A running embedded database. */
export interface EmbeddedMongo {
  /** `mongodb://127.0.0.1:<port>` — no database name and no trailing slash. */
  uri: string;
  kind: EmbeddedMongoKind;
  /** e.g. "FerretDB v1.24.2 on PostgreSQL 15.18", for the start-up banner. */
  description: string;
  /**
   * PID of the MongoDB-protocol server (mongod or FerretDB), when known. It changes when the
   * supervisor restarts it, and is also written to `<data directory>/<mongod|ferretdb>.pid` (e.g.
   * `DATA_DIR/mongo/ferretdb-pg/ferretdb.pid`).
   */
  readonly pid?: number;
  /** FerretDB on PostgreSQL: PID of the postmaster (also in `DATA_DIR/mongo/ferretdb-pg/postgres.pid`). */
  readonly postgresPid?: number;
  /** Stops the server(s) for good (no restart). */
  stop(): Promise<void>;
}
