// The embedded MongoDB-protocol database (docs/design.md §2), used when MONGODB_URI is unset, in this order:
//   1. mongod through mongodb-memory-server when a binary is cached; downloaded only when the user
//      opts in with EMBEDDED_MONGO=mongod (these machines have no network);
//   2. FerretDB on PostgreSQL when a PostgreSQL server is installed (server/infra/embedded-postgres.ts):
//      it pushes equality filters on top-level fields down to SQL;
//   3. FerretDB on SQLite, which pushes down nothing but a single `_id`;
//   4. otherwise one error naming every way to get a database.
// EMBEDDED_MONGO=mongod|ferretdb|ferretdb-pg|ferretdb-sqlite forces one (`ferretdb`: PostgreSQL if
// available, else SQLite). Each server is supervised (server/infra/supervisor.ts) and its PID kept in a
// file beside its data.
import { mkdir, mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import mongoose from 'mongoose';
import type { Logger } from 'pino';
import type { EmbeddedMongoChoice } from './config';
import { FERRETDB_VERSION, FerretdbLaunchError, launchFerretdb, locateFerretdb, type FerretdbBackend } from './ferretdb';
import { locatePostgres, startEmbeddedPostgres, type EmbeddedPostgres, type PostgresInstall } from './embedded-postgres';
import { getFreePort } from './ports';
import { errorMessage, exitOf, killQuietly } from './processes';
import { Supervisor, type SupervisedProcess } from './supervisor';

export { FERRETDB_VERSION } from './ferretdb';
export type { EmbeddedMongoChoice } from './config';

/** What runs: the `backend` of services.mongoKind and of the start-up banner. */
export type EmbeddedMongoKind = 'mongod' | 'ferretdb-pg' | 'ferretdb-sqlite';

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

const DEFAULT_HANG_KILL_MS = 30_000;
const DEFAULT_BUSY_TIMEOUT_MS = 2000;

/** Starts an embedded MongoDB-protocol server in the order of the file header. */
export async function startEmbeddedMongo(opts: EmbeddedMongoOptions): Promise<EmbeddedMongo> {
  const { log, force } = opts;
  await mkdir(opts.dir, { recursive: true });
  const problems: string[] = [];

  if (!force || force === 'mongod') {
    let binary: string | undefined;
    try {
      binary = await findMongod(log, { download: force === 'mongod' });
    } catch (err) {
      problems.push(`mongod: ${errorMessage(err)}`);
    }
    if (binary) return startMongod(opts, binary);
    if (!problems.length) problems.push('mongod: no binary in the mongodb-memory-server cache and MONGOMS_SYSTEM_BINARY is not set');
    if (force === 'mongod') throw noDatabaseError(problems);
  }

  let ferretdb: string;
  try {
    ferretdb = await locateFerretdb(log);
  } catch (err) {
    problems.push(`ferretdb: ${errorMessage(err)}`);
    throw noDatabaseError(problems);
  }

  if (force !== 'ferretdb-sqlite') {
    const pgRoot = path.join(opts.dir, 'ferretdb-pg');
    if (
      !force &&
      opts.persistent &&
      (await hasSqliteData(path.join(opts.dir, 'ferretdb'))) &&
      !(await exists(path.join(pgRoot, 'pgdata')))
    ) {
      // Switching would show an empty catalogue: the data is in SQLite until the user moves it.
      log.warn(
        { sqlite: path.join(opts.dir, 'ferretdb') },
        'keeping the embedded FerretDB on SQLite, where this DATA_DIR already has data; EMBEDDED_MONGO=ferretdb-pg starts PostgreSQL instead (move the data with mongodump/mongorestore)',
      );
    } else {
      try {
        const install = await locatePostgres(path.join(pgRoot, 'pgdata'));
        return await startFerretdbOnPostgres(opts, ferretdb, install);
      } catch (err) {
        problems.push(`ferretdb-pg: ${errorMessage(err)}`);
        if (force === 'ferretdb-pg') throw noDatabaseError(problems);
        log.warn({ problem: errorMessage(err) }, 'embedded FerretDB on PostgreSQL unavailable; using SQLite');
      }
    }
  }
  return startFerretdbOnSqlite(opts, ferretdb);
}

// ---------------------------------------------------------------------------------------------
// mongod via mongodb-memory-server

/**
 * Returns the path of a mongod that mongodb-memory-server can use, or undefined. Downloads one only
 * when `download` is set (the user opted in with EMBEDDED_MONGO=mongod); never otherwise.
 */
export async function findMongod(log: Logger, { download }: { download: boolean }): Promise<string | undefined> {
  // The package reads this at call time and defaults it to "true": keep it off except for the opt-in.
  process.env.MONGOMS_RUNTIME_DOWNLOAD = 'false';
  const { DryMongoBinary, MongoBinary } = await import('mongodb-memory-server');
  const options = await DryMongoBinary.generateOptions();
  const found = await DryMongoBinary.locateBinary(options);
  log.debug({ found, version: options.version }, 'mongodb-memory-server binary lookup');
  if (found || !download) return found;
  log.warn(
    { version: options.version, downloadDir: options.downloadDir },
    'EMBEDDED_MONGO=mongod: downloading mongod with mongodb-memory-server (once; it is cached for later runs)',
  );
  process.env.MONGOMS_RUNTIME_DOWNLOAD = 'true';
  try {
    return await MongoBinary.getPath();
  } catch (err) {
    throw new Error(`downloading mongod failed (this needs network access): ${errorMessage(err)}`, { cause: err });
  } finally {
    process.env.MONGOMS_RUNTIME_DOWNLOAD = 'false';
  }
}

async function startMongod(opts: EmbeddedMongoOptions, binary: string): Promise<EmbeddedMongo> {
  const { log } = opts;
  const dbPath = opts.persistent ? path.join(opts.dir, 'mongod') : await mkdtemp(path.join(opts.dir, 'mongod-scratch-'));
  await mkdir(dbPath, { recursive: true });
  const port = await getFreePort();
  log.info({ binary, dbPath, port }, 'starting embedded mongod (mongodb-memory-server)');
  // A restart makes a new server on the same port and data (portGeneration off: never another port).
  const launch = () => launchMongod(port, dbPath);
  const first = await launch();
  const uri = `mongodb://127.0.0.1:${port}`;
  const server = supervise(opts, { name: 'embedded mongod', uri, pidFile: path.join(dbPath, 'mongod.pid'), first, launch, ping: 'ping' });
  return {
    uri,
    kind: 'mongod',
    description: `mongod (${path.basename(binary)})`,
    get pid() {
      return server.pid;
    },
    stop: async () => {
      await server.stop();
      if (!opts.persistent) await rm(dbPath, { recursive: true, force: true });
    },
  };
}

async function launchMongod(port: number, dbPath: string): Promise<SupervisedProcess> {
  const { MongoMemoryServer } = await import('mongodb-memory-server');
  const server = await MongoMemoryServer.create({
    instance: { ip: '127.0.0.1', port, portGeneration: false, dbPath, storageEngine: 'wiredTiger' },
  });
  const child = server.instanceInfo?.instance.mongodProcess;
  const pid = child?.pid;
  const exited = child ? exitOf(child) : Promise.resolve({ code: null, signal: null });
  // mongodb-memory-server also runs its own killer process; this covers a normal process.exit().
  const onExit = () => killQuietly(pid);
  process.on('exit', onExit);
  void exited.then(() => process.off('exit', onExit));
  return {
    pid,
    exited,
    kill: (signal) => killQuietly(pid, signal),
    async stop() {
      await server.stop({ doCleanup: false, force: false });
      await exited;
    },
  };
}

// ---------------------------------------------------------------------------------------------
// FerretDB

/** FerretDB on SQLite files in `<dir>/ferretdb` (or a scratch directory). */
async function startFerretdbOnSqlite(opts: EmbeddedMongoOptions, bin: string): Promise<EmbeddedMongo> {
  const dataDir = opts.persistent ? path.join(opts.dir, 'ferretdb') : await mkdtemp(path.join(opts.dir, 'ferretdb-scratch-'));
  await mkdir(dataDir, { recursive: true });
  const backend: FerretdbBackend = { kind: 'sqlite', dir: dataDir, busyTimeoutMs: opts.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS };
  try {
    const ferret = await startSupervisedFerretdb(opts, bin, backend, dataDir, 'ping');
    return {
      uri: ferret.uri,
      kind: 'ferretdb-sqlite',
      description: `FerretDB ${FERRETDB_VERSION} on SQLite`,
      get pid() {
        return ferret.pid;
      },
      stop: async () => {
        await ferret.stop();
        if (!opts.persistent) await rm(dataDir, { recursive: true, force: true });
      },
    };
  } catch (err) {
    if (!opts.persistent) await rm(dataDir, { recursive: true, force: true });
    throw err;
  }
}

/** PostgreSQL (supervised on its own) under `<dir>/ferretdb-pg` (or a scratch directory), then FerretDB on it. */
async function startFerretdbOnPostgres(opts: EmbeddedMongoOptions, bin: string, install: PostgresInstall): Promise<EmbeddedMongo> {
  const root = opts.persistent ? path.join(opts.dir, 'ferretdb-pg') : await mkdtemp(path.join(opts.dir, 'ferretdb-pg-scratch-'));
  let pg: EmbeddedPostgres | undefined;
  try {
    pg = await startEmbeddedPostgres({
      root,
      install,
      scratch: !opts.persistent,
      hangKillMs: opts.hangKillMs ?? DEFAULT_HANG_KILL_MS,
      log: opts.log,
    });
    const stateDir = path.join(root, 'ferretdb');
    await mkdir(stateDir, { recursive: true });
    // Liveness by `hello`, which FerretDB answers itself: `ping` asks PostgreSQL too, which has its own supervisor.
    const ferret = await startSupervisedFerretdb(
      opts,
      bin,
      { kind: 'postgresql', url: pg.url, password: pg.password },
      stateDir,
      'hello',
      root,
    );
    const postgres = pg;
    return {
      uri: ferret.uri,
      kind: 'ferretdb-pg',
      description: `FerretDB ${FERRETDB_VERSION} on PostgreSQL ${install.version}`,
      get pid() {
        return ferret.pid;
      },
      get postgresPid() {
        return postgres.pid;
      },
      stop: async () => {
        // FerretDB first: it is PostgreSQL's only client, and a fast shutdown would cut it off mid-call.
        await ferret.stop();
        await postgres.stop();
        if (!opts.persistent) await rm(root, { recursive: true, force: true });
      },
    };
  } catch (err) {
    await pg?.stop();
    if (!opts.persistent) await rm(root, { recursive: true, force: true });
    throw err;
  }
}

/**
 * Starts FerretDB on `backend` on a free port (retrying if the port is taken between probing and
 * binding; restarts keep the port so that the connection string stays valid) under a Supervisor.
 */
async function startSupervisedFerretdb(
  opts: EmbeddedMongoOptions,
  bin: string,
  backend: FerretdbBackend,
  stateDir: string,
  ping: 'ping' | 'hello',
  pidDir = stateDir,
): Promise<Supervised & { uri: string }> {
  const { log } = opts;
  let port = 0;
  let first: SupervisedProcess | undefined;
  for (let attempt = 1; !first; attempt++) {
    port = await getFreePort();
    try {
      first = await launchFerretdb({ bin, backend, stateDir, port, log });
    } catch (err) {
      if (attempt < 3 && err instanceof FerretdbLaunchError && err.addressInUse) continue;
      throw err;
    }
  }
  const uri = `mongodb://127.0.0.1:${port}`;
  log.info({ uri, pid: first.pid, backend: backend.kind }, 'embedded FerretDB is ready');
  const server = supervise(opts, {
    name: 'embedded FerretDB',
    uri,
    pidFile: path.join(pidDir, 'ferretdb.pid'),
    first,
    launch: () => launchFerretdb({ bin, backend, stateDir, port, log }),
    ping,
  });
  return Object.assign(server, { uri });
}

interface Supervised {
  readonly pid: number | undefined;
  stop(): Promise<void>;
}

/**
 * Puts a started server under a Supervisor (restart on exit, kill when hung; server/infra/supervisor.ts)
 * and records its PID in `pidFile`, beside its data, at each (re)start: for operators and the fault tests.
 */
function supervise(
  opts: EmbeddedMongoOptions,
  s: {
    name: string;
    uri: string;
    pidFile: string;
    first: SupervisedProcess;
    launch: () => Promise<SupervisedProcess>;
    ping: 'ping' | 'hello';
  },
): Supervised {
  // One client for the health pings; it reconnects by itself after a restart on the same port.
  const pinger = new mongoose.mongo.MongoClient(s.uri, { directConnection: true, serverSelectionTimeoutMS: 2000, connectTimeoutMS: 2000 });
  const supervisor = new Supervisor(
    {
      name: s.name,
      launch: s.launch,
      ping: async (signal) => {
        await pinger.db('admin').command({ [s.ping]: 1 }, { signal });
      },
      hangKillMs: opts.hangKillMs ?? DEFAULT_HANG_KILL_MS,
      onRunning: (proc) => writeFile(s.pidFile, `${proc.pid ?? ''}\n`),
      log: opts.log,
    },
    s.first,
  );
  let stopping: Promise<void> | undefined;
  return {
    get pid() {
      return supervisor.pid;
    },
    stop() {
      stopping ??= (async () => {
        await supervisor.stop();
        await pinger.close().catch(() => undefined);
        await rm(s.pidFile, { force: true });
      })();
      return stopping;
    },
  };
}

// ---------------------------------------------------------------------------------------------
// helpers

async function exists(file: string): Promise<boolean> {
  return (await stat(file).catch(() => undefined)) !== undefined;
}

/** True when FerretDB's SQLite directory holds a database file. */
async function hasSqliteData(dir: string): Promise<boolean> {
  const files = await readdir(dir).catch(() => [] as string[]);
  return files.some((f) => f.endsWith('.sqlite'));
}

function noDatabaseError(problems: string[]): Error {
  return new Error(
    [
      'No MongoDB-protocol database is available. Provide one of:',
      '  1. MONGODB_URI=mongodb://… pointing at a running MongoDB (replica set or Atlas in production);',
      '  2. a mongod for mongodb-memory-server: on a connected machine EMBEDDED_MONGO=mongod downloads one once;',
      '     or set MONGOMS_SYSTEM_BINARY=/path/to/mongod, or put one in its cache (~/.cache/mongodb-binaries);',
      `  3. FerretDB ${FERRETDB_VERSION} (set FERRETDB_BIN=/path/to/ferretdb, put \`ferretdb\` on PATH or in $(go env GOPATH)/bin,`,
      '     or install Go so that it is built automatically), on PostgreSQL when a server is installed',
      '     (Debian: apt-get install postgresql; or PG_BIN=/path/to/bin with initdb and postgres), else on SQLite.',
      'What was tried:',
      ...problems.map((p) => `  - ${p}`),
    ].join('\n'),
  );
}
