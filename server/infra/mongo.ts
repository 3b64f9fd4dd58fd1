import mongoose from 'mongoose';
import type { Logger } from 'pino';
import '../models';
import { DEFAULT_DB_DEADLINE_MS, guardDatabaseCalls, withDbDeadline } from './db-calls';

/** Index builds run once at start-up and may scan whole collections (seconds at 20k documents on SQLite). */
const INDEX_BUILD_DEADLINE_MS = 10 * 60_000;

export interface ConnectOptions {
  /** Deadline (ms) of each database call (config.dbTimeoutMs in the app); server/infra/db-calls.ts. */
  deadlineMs?: number;
  /** Where retries of busy writes are reported (debug) and given up (warn). */
  log?: Pick<Logger, 'debug' | 'warn'>;
}

/** Connects the process-wide Mongoose connection to `uri`/`dbName`, every call bounded by a deadline. */
export async function connectMongo(uri: string, dbName: string, opts: ConnectOptions = {}): Promise<void> {
  guardDatabaseCalls({ deadlineMs: opts.deadlineMs ?? DEFAULT_DB_DEADLINE_MS, log: opts.log });
  await mongoose.connect(uri, {
    dbName,
    // While the driver reconnects, Mongoose would otherwise queue calls for bufferTimeoutMS (10 s)
    // and then fail them with an error of its own; the driver's own wait is bounded by the deadline.
    bufferCommands: false,
    serverSelectionTimeoutMS: 10_000,
  });
}

/** Creates every declared index (each model's `init`), so unique rules hold before the first request. */
export async function syncIndexes(): Promise<void> {
  await withDbDeadline(INDEX_BUILD_DEADLINE_MS, async () => {
    for (const model of Object.values(mongoose.models)) await model.init();
  });
}

/** Answers true when the database replies to `ping` within `ms`. */
export async function pingDatabase(ms: number): Promise<boolean> {
  const db = mongoose.connection.db;
  if (!db) return false;
  // Db#command honours the signal (Admin#command does not).
  return db.command({ ping: 1 }, { signal: AbortSignal.timeout(ms) }).then(
    () => true,
    () => false,
  );
}
