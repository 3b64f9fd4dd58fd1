// Two rules every database call made through Mongoose obeys: it has a deadline, and a call the
// database refused without doing it (busy, or its storage not reachable yet) is sent again when that
// is safe.
//
// Deadlines. The driver bundled with Mongoose 9 ignores `timeoutMS` (client-side operation timeout:
// deprecated, "has no effect"), `maxTimeMS` is enforced by the server (a frozen server enforces
// nothing), `socketTimeoutMS` is per client (it would also cut the long scans of start-up and the
// search index) and server selection only bounds the wait for a reachable server. What does bound a
// call against a frozen server is an AbortSignal: the driver aborts server selection, the wait for a
// pooled connection and the socket read, and closes that connection. So every call Mongoose makes
// gets one, firing after the caller's deadline (`withDbDeadline`) or the process default
// (DB_TIMEOUT_MS); the API maps the resulting errors to 503 (server/http/problem.ts).
//
// Retries: see `refusal` for what is retried and METHODS for when resending is safe and why.
import { AsyncLocalStorage } from 'node:async_hooks';
import mongoose from 'mongoose';
import type { Logger } from 'pino';

/** Deadline (ms) of one database call when neither the process nor the caller sets one. */
export const DEFAULT_DB_DEADLINE_MS = 5000;

const deadlineScope = new AsyncLocalStorage<number>();

/**
 * Runs `fn` with every database call it makes (directly or through anything it awaits) bounded by
 * `ms` instead of the request deadline. For work outside requests that legitimately takes long; each
 * caller says why.
 */
export function withDbDeadline<T>(ms: number, fn: () => PromiseLike<T>): Promise<T> {
  // `then` is called inside the scope: a Mongoose query only starts executing then.
  return deadlineScope.run(ms, () => new Promise<T>((resolve, reject) => void fn().then(resolve, reject)));
}

/** A database call that did not finish within its deadline (the server is frozen, gone or overloaded). */
export class DatabaseDeadlineError extends Error {
  constructor(
    readonly deadlineMs: number,
    readonly operation: string,
    options?: ErrorOptions,
  ) {
    super(`database call ${operation} did not finish within ${deadlineMs} ms`, options);
    this.name = 'DatabaseDeadlineError';
  }
}

/** True when `err` means the database cannot be reached or did not answer in time (HTTP 503, not 500). */
export function isDatabaseUnavailable(err: unknown): boolean {
  for (let e = err, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    if (e instanceof DatabaseDeadlineError) return true;
    const m = mongoose.mongo;
    if (
      e instanceof m.MongoServerSelectionError || // no reachable server within serverSelectionTimeoutMS
      e instanceof m.MongoNetworkError || // refused, reset, socket timeouts, pool cleared after a network error
      e instanceof m.MongoOperationTimeoutError || // the deadline fired during a socket read or write
      e instanceof m.MongoTopologyClosedError ||
      e instanceof m.MongoNotConnectedError
    ) {
      return true;
    }
    const name = (e as { name?: unknown }).name;
    // Not exported by the driver: the deadline fired while waiting for a pooled connection.
    if (name === 'MongoWaitQueueTimeoutError' || name === 'MongooseServerSelectionError') return true;
    if (isUnwrappedWriteError(e)) return true;
    if (e instanceof m.MongoServerError && (SERVER_UNAVAILABLE_CODES.has(Number(e.code)) || refusal(e) || lostBackend(e))) return true;
  }
  return false;
}

/**
 * The driver passes the error of a failed socket write through unwrapped (not as a
 * MongoNetworkError) when the server has just gone: "This socket has been ended by the other party"
 * (code EPIPE) or `write EPIPE` / `write ECONNRESET`. Seen when the embedded FerretDB was killed
 * while a request was being sent on a pooled connection.
 */
function isUnwrappedWriteError(err: unknown): boolean {
  if (!(err instanceof Error) || err instanceof mongoose.mongo.MongoError) return false;
  const { code, syscall } = err as NodeJS.ErrnoException;
  return (
    (code === 'EPIPE' || code === 'ECONNRESET') && (syscall === 'write' || /socket has been ended by the other party/.test(err.message))
  );
}

// Server answers that mean "not now" rather than "wrong": shutting down, stepping down, not primary.
const SERVER_UNAVAILABLE_CODES = new Set([6, 7, 89, 91, 189, 9001, 10107, 11600, 11602, 13435, 13436]);

/**
 * Why FerretDB refused a call without doing any of it, so that sending it again is safe, or undefined.
 * - `busy`: its SQLite backend could not lock the database for a write:
 *   `{ code: 1, codeName: 'InternalError', errmsg: '… database is locked (5) (SQLITE_BUSY)' }`, after
 *   waiting its busy timeout (measured; the timeout is set in server/infra/ferretdb.ts).
 * - `unreachable`: its PostgreSQL backend could not open a connection (PostgreSQL restarting: "failed
 *   to connect to `user=… database=…`: … connection refused" or "… the database system is starting
 *   up (SQLSTATE 57P03)"; measured by killing it under load), so the statement never reached it.
 * PostgreSQL itself never reports a write conflict here: FerretDB runs each document's write as a
 * one-statement transaction at READ COMMITTED, where concurrent writers wait for the row lock.
 */
function refusal(err: unknown): 'busy' | 'unreachable' | undefined {
  if (!(err instanceof mongoose.mongo.MongoServerError)) return undefined;
  if (/SQLITE_BUSY|database is locked/i.test(err.message)) return 'busy';
  if (/failed to connect to `/.test(err.message)) return 'unreachable';
  return undefined;
}

/**
 * FerretDB lost its PostgreSQL connection during the call (PostgreSQL shut down, crashed or was
 * killed: SQLSTATE 57P01/57P02/57P03, class 08, or the connection just ended). The database is
 * unavailable, but whether a write took effect is unknown, so such calls are not sent again.
 */
function lostBackend(err: unknown): boolean {
  return (
    err instanceof mongoose.mongo.MongoServerError &&
    Number(err.code) === 1 &&
    /\(SQLSTATE (57P0[123]|08\w{3})\)|unexpected EOF|conn closed|connection reset by peer|broken pipe/i.test(err.message)
  );
}

// ---------------------------------------------------------------------------------------------
// The guard around each collection method Mongoose calls (NativeCollection: every query, save,
// insertMany, bulkWrite and index build goes through one of these).

type Retry = 'yes' | 'no' | 'one-document';

/**
 * Where each method takes its options, and whether a call FerretDB refused (see `refusal`) may be
 * sent again. Retrying is safe exactly when the failed call changed nothing: FerretDB runs a single-
 * document write as one transaction, and SQLITE_BUSY means that transaction never got the write lock,
 * so it was rolled back having written nothing, as a PostgreSQL connection that could not be opened
 * never ran it (reads change nothing anyway). A multi-document write runs as several transactions
 * (insert batches, one update per document), so one that failed midway — after an earlier document
 * was written — may have done part of its work: those are not retried.
 */
const METHODS: Record<string, { options: number; retry: Retry }> = {
  find: { options: 1, retry: 'no' }, // returns a cursor: the signal bounds its whole life
  aggregate: { options: 1, retry: 'no' },
  listIndexes: { options: 0, retry: 'no' },
  findOne: { options: 1, retry: 'yes' },
  countDocuments: { options: 1, retry: 'yes' },
  estimatedDocumentCount: { options: 0, retry: 'yes' },
  distinct: { options: 2, retry: 'yes' },
  insertOne: { options: 1, retry: 'yes' },
  updateOne: { options: 2, retry: 'yes' },
  replaceOne: { options: 2, retry: 'yes' },
  deleteOne: { options: 1, retry: 'yes' },
  findOneAndUpdate: { options: 2, retry: 'yes' },
  findOneAndReplace: { options: 2, retry: 'yes' },
  findOneAndDelete: { options: 1, retry: 'yes' },
  insertMany: { options: 1, retry: 'one-document' },
  updateMany: { options: 2, retry: 'no' },
  deleteMany: { options: 1, retry: 'no' },
  bulkWrite: { options: 1, retry: 'no' },
  createIndex: { options: 1, retry: 'yes' },
  createIndexes: { options: 1, retry: 'yes' },
  dropIndex: { options: 1, retry: 'yes' },
  indexes: { options: 0, retry: 'yes' },
  indexInformation: { options: 0, retry: 'yes' },
};

const MAX_ATTEMPTS = 8;

const guards: { installed: boolean; defaultMs: number; log?: Pick<Logger, 'debug' | 'warn'> } = {
  installed: false,
  defaultMs: DEFAULT_DB_DEADLINE_MS,
};

type Method = (this: { name?: string }, ...args: unknown[]) => unknown;

/**
 * Gives every later call through Mongoose's collections (all connections of this process) a
 * deadline of `deadlineMs` unless a `withDbDeadline` scope says otherwise, and retries busy errors.
 * Wraps the collection methods once per process; later calls only change the settings.
 */
export function guardDatabaseCalls(settings: { deadlineMs: number; log?: Pick<Logger, 'debug' | 'warn'> }): void {
  guards.defaultMs = settings.deadlineMs;
  guards.log = settings.log;
  if (guards.installed) return;
  guards.installed = true;
  const proto = mongoose.Collection.prototype as unknown as Record<string, Method>;
  for (const [name, spec] of Object.entries(METHODS)) {
    const original = proto[name];
    if (typeof original !== 'function') continue;
    proto[name] = function guarded(this: { name?: string }, ...args: unknown[]) {
      const given = args[spec.options] as { signal?: AbortSignal } | undefined;
      if (given?.signal) return original.apply(this, args); // the caller bounds it
      const ms = deadlineScope.getStore() ?? guards.defaultMs;
      const operation = `${this.name ?? '?'}.${name}`;
      const controller = new AbortController();
      const timer = setTimeout(() => controller.abort(new DatabaseDeadlineError(ms, operation)), ms);
      timer.unref();
      const withSignal = [...args];
      withSignal[spec.options] = { ...given, signal: controller.signal };
      const first = original.apply(this, withSignal);
      if (!isPromise(first)) return first;
      const retry = spec.retry === 'yes' || (spec.retry === 'one-document' && Array.isArray(args[0]) && args[0].length === 1);
      return settle(first, () => original.apply(this, withSignal) as Promise<unknown>, { retry, controller, ms, operation }).finally(() =>
        clearTimeout(timer),
      );
    };
  }
}

/** Awaits a call; retries busy errors with jittered backoff while the deadline allows; names a missed deadline. */
async function settle(
  first: Promise<unknown>,
  again: () => Promise<unknown>,
  { retry, controller, ms, operation }: { retry: boolean; controller: AbortController; ms: number; operation: string },
): Promise<unknown> {
  let call = first;
  for (let attempt = 1; ; attempt++) {
    try {
      return await call;
    } catch (err) {
      if (controller.signal.aborted) throw new DatabaseDeadlineError(ms, operation, { cause: err });
      const why = retry ? refusal(err) : undefined;
      if (!why) throw err;
      if (attempt >= MAX_ATTEMPTS) {
        guards.log?.warn(
          { operation, attempts: attempt },
          why === 'busy' ? 'database still busy; giving up' : 'database still unreachable; giving up',
        );
        throw err;
      }
      guards.log?.debug({ operation, attempt }, why === 'busy' ? 'database busy; retrying' : 'database unreachable; retrying');
      // Full jitter, so that writers that collided do not collide again in step.
      await sleep(Math.random() * Math.min(250, 20 * 2 ** attempt), controller.signal);
      if (controller.signal.aborted) throw new DatabaseDeadlineError(ms, operation, { cause: err });
      call = again();
    }
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}

function isPromise(value: unknown): value is Promise<unknown> {
  return typeof (value as { then?: unknown } | null)?.then === 'function';
}
