// FerretDB as the embedded database: on SQLite files, or on a PostgreSQL it starts first, supervised on a free port.
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import path from 'node:path';
import type { EmbeddedMongo, EmbeddedMongoOptions } from './embedded-mongo-contract';
import { startEmbeddedPostgres, type EmbeddedPostgres, type PostgresInstall } from './embedded-postgres';
import { DEFAULT_HANG_KILL_MS, supervise, type Supervised } from './embedded-supervise';
import { FERRETDB_VERSION, FerretdbLaunchError, launchFerretdb, type FerretdbBackend } from './ferretdb';
import { getFreePort } from './ports';
import type { SupervisedProcess } from './supervisor';

/** How long SQLite waits for the write lock before answering "database is locked", unless set. */
const DEFAULT_BUSY_TIMEOUT_MS = 2000;

/** FerretDB on SQLite files in `<dir>/ferretdb` (or a scratch directory). */
export async function startFerretdbOnSqlite(opts: EmbeddedMongoOptions, bin: string): Promise<EmbeddedMongo> {
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
export async function startFerretdbOnPostgres(opts: EmbeddedMongoOptions, bin: string, install: PostgresInstall): Promise<EmbeddedMongo> {
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
