// FerretDB 1.24.2 (Apache-2.0, MongoDB wire protocol): finding or building the binary, and starting
// one process of it on a given storage backend. Which backend, and in what order, is decided in
// server/infra/embedded-mongo.ts; supervision is server/infra/supervisor.ts.
import { spawn } from 'node:child_process';
import { chmod, cp, mkdir, mkdtemp, readdir, rename, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import mongoose from 'mongoose';
import type { Logger } from 'pino';
import {
  errorMessage,
  execErrorText,
  execFileAsync,
  exitDescription,
  exitOf,
  isExecutable,
  OutputTail,
  stopInSteps,
  tieToThisProcess,
} from './processes';
import type { SupervisedProcess } from './supervisor';

export const FERRETDB_VERSION = 'v1.24.2';
const FERRETDB_MODULE = 'github.com/FerretDB/FerretDB';

/** Finds a working FerretDB binary (FERRETDB_BIN, PATH, $(go env GOPATH)/bin), building it with Go if needed. */
export async function locateFerretdb(log: Logger): Promise<string> {
  const explicit = process.env.FERRETDB_BIN;
  if (explicit) {
    const problem = await checkFerretdb(explicit);
    if (problem) throw new Error(`FERRETDB_BIN=${explicit} does not run: ${problem}`);
    return explicit;
  }

  const candidates: string[] = [];
  for (const dir of (process.env.PATH ?? '').split(path.delimiter).filter(Boolean)) {
    candidates.push(path.join(dir, 'ferretdb'));
  }
  const go = await findGo();
  const gopathBin = go ? path.join(await goEnv(go, 'GOPATH'), 'bin', 'ferretdb') : path.join(os.homedir(), 'go', 'bin', 'ferretdb');
  candidates.push(gopathBin);

  for (const candidate of [...new Set(candidates)]) {
    if (!(await isExecutable(candidate))) continue;
    const problem = await checkFerretdb(candidate);
    if (!problem) return candidate;
    // A plain `go install …@v1.24.2` binary panics at start-up (see buildFerretdb), so skip it and rebuild.
    log.warn({ candidate, problem }, 'ignoring a FerretDB binary that does not run');
  }

  if (!go) throw new Error('no ferretdb binary found and Go is not installed to build one');
  await buildFerretdb(go, gopathBin, log);
  const problem = await checkFerretdb(gopathBin);
  if (problem) throw new Error(`the FerretDB binary built at ${gopathBin} does not run: ${problem}`);
  return gopathBin;
}

let building: Promise<void> | undefined;

/**
 * Builds FerretDB v1.24.2 from its Go module into `target`, once per process.
 * `go install github.com/FerretDB/FerretDB/cmd/ferretdb@v1.24.2` alone yields a binary that panics at
 * start-up ("Invalid build/version/version.txt"): the module zip lacks the git-generated version.txt
 * that the binary embeds. So we download the module with the Go toolchain, add that file, and build.
 */
export function buildFerretdb(go: string, target: string, log: Logger): Promise<void> {
  building ??= (async () => {
    log.warn(
      { target },
      `FerretDB ${FERRETDB_VERSION} not found: building it once with Go (go install ${FERRETDB_MODULE}/cmd/ferretdb@${FERRETDB_VERSION}, plus its version file); this takes a few minutes`,
    );
    const work = await mkdtemp(path.join(os.tmpdir(), 'ferretdb-build-'));
    try {
      const { stdout } = await execFileAsync(go, ['mod', 'download', '-json', `${FERRETDB_MODULE}@${FERRETDB_VERSION}`], {
        cwd: work,
        maxBuffer: 16 * 1024 * 1024,
        timeout: 15 * 60_000,
        env: { ...process.env, GO111MODULE: 'on' },
      }).catch((err: unknown) => {
        throw new Error(`go mod download failed: ${execErrorText(err)}`);
      });
      const moduleDir = (JSON.parse(stdout) as { Dir?: string }).Dir;
      if (!moduleDir) throw new Error(`go mod download printed no module directory: ${stdout.slice(0, 500)}`);

      const src = path.join(work, 'src');
      await cp(moduleDir, src, { recursive: true });
      await makeTreeWritable(src); // the module cache is read-only
      await writeFile(path.join(src, 'build', 'version', 'version.txt'), `${FERRETDB_VERSION}\n`);

      await mkdir(path.dirname(target), { recursive: true });
      const tmpTarget = `${target}.${process.pid}.tmp`;
      await execFileAsync(go, ['build', '-trimpath', '-buildvcs=false', '-o', tmpTarget, './cmd/ferretdb'], {
        cwd: src,
        maxBuffer: 16 * 1024 * 1024,
        timeout: 30 * 60_000,
        env: { ...process.env, GO111MODULE: 'on', GOFLAGS: '-mod=mod' },
      }).catch((err: unknown) => {
        throw new Error(`go build of FerretDB failed: ${execErrorText(err)}`);
      });
      // Rename is atomic, so a concurrent build elsewhere never leaves a half-written binary behind.
      await rename(tmpTarget, target);
      log.warn({ target }, `built FerretDB ${FERRETDB_VERSION}`);
    } finally {
      await rm(work, { recursive: true, force: true }).catch(() => undefined);
    }
  })().catch((err: unknown) => {
    building = undefined;
    throw err;
  });
  return building;
}

/** Returns undefined when `bin --version` works, else a short description of the failure. */
async function checkFerretdb(bin: string): Promise<string | undefined> {
  try {
    const { stdout } = await execFileAsync(bin, ['--version'], { timeout: 20_000, env: { ...process.env, DO_NOT_TRACK: '1' } });
    return /version:/i.test(stdout) ? undefined : `unexpected --version output: ${stdout.slice(0, 200)}`;
  } catch (err) {
    return execErrorText(err).split('\n').slice(0, 3).join(' ');
  }
}

/** Where a FerretDB process keeps its documents. */
export type FerretdbBackend =
  | {
      kind: 'sqlite';
      /** Directory of the SQLite files (one per database). */
      dir: string;
      /** How long SQLite waits for the write lock before failing a write with SQLITE_BUSY (ms). */
      busyTimeoutMs: number;
    }
  | {
      kind: 'postgresql';
      /** `postgres://user@127.0.0.1:<port>/<database>`, without the password. */
      url: string;
      /** Given to FerretDB's PostgreSQL driver as PGPASSWORD, so that it is not on a command line. */
      password: string;
    };

export class FerretdbLaunchError extends Error {
  constructor(
    message: string,
    readonly addressInUse: boolean,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'FerretdbLaunchError';
  }
}

/**
 * Starts one FerretDB process on `port` and resolves once it answers a ping (which, on PostgreSQL,
 * also proves that FerretDB reaches its database).
 *
 * Flags: loopback only, telemetry off (`--telemetry=disable` and DO_NOT_TRACK=1: these machines
 * never contact anything but loopback), no debug listener, state (its instance id) in `stateDir`.
 *
 * SQLite: `busy_timeout` is how long SQLite waits for the write lock before failing a write with
 * SQLITE_BUSY; FerretDB's default (10 s) is longer than a request's deadline (DB_TIMEOUT_MS, 5 s), so
 * a contended write would come back as a client-side timeout that may still commit later. Below the
 * deadline it comes back as "database is locked", which says the write did not happen, and the data
 * layer retries it (server/infra/db-calls.ts). The pragma must come before FerretDB's own
 * journal_mode(wal) so that the busy handler is set first (FerretDB adds its pragmas after ours).
 *
 * PostgreSQL: `sslmode=disable` because the server is on loopback and has no certificate (the driver
 * would otherwise ask for TLS on every new connection first). FerretDB opens its connection pool on
 * first use and reopens connections by itself after PostgreSQL restarts.
 */
export async function launchFerretdb(l: {
  bin: string;
  backend: FerretdbBackend;
  stateDir: string;
  port: number;
  log: Logger;
}): Promise<SupervisedProcess> {
  const backendArgs =
    l.backend.kind === 'sqlite'
      ? ['--handler=sqlite', `--sqlite-url=file:${l.backend.dir}/?_pragma=busy_timeout(${l.backend.busyTimeoutMs})`]
      : ['--handler=pg', `--postgresql-url=${withSslDisabled(l.backend.url)}`];
  const args = [
    ...backendArgs,
    `--listen-addr=127.0.0.1:${l.port}`,
    `--state-dir=${l.stateDir}`,
    '--telemetry=disable',
    '--debug-addr=-',
    '--log-level=warn',
  ];
  l.log.info({ bin: l.bin, backend: l.backend.kind, stateDir: l.stateDir, port: l.port }, 'starting embedded FerretDB');
  const env: NodeJS.ProcessEnv = { ...process.env, DO_NOT_TRACK: '1' };
  // Only ours: an inherited PGPASSWORD or PGHOST must not redirect FerretDB elsewhere.
  for (const key of Object.keys(env)) if (key.startsWith('PG')) delete env[key];
  if (l.backend.kind === 'postgresql') env.PGPASSWORD = l.backend.password;
  const child = spawn(l.bin, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const output = new OutputTail().follow(child);
  let spawnError: Error | undefined;
  const exited = exitOf(child);
  child.once('error', (err) => {
    spawnError = err;
    output.push(Buffer.from(`spawn error: ${err.message}\n`));
  });
  tieToThisProcess(child, exited, 'SIGKILL');
  const proc: SupervisedProcess = {
    pid: child.pid,
    exited,
    kill: (signal) => child.kill(signal),
    stop: () => stopInSteps(child, exited),
  };

  const uri = `mongodb://127.0.0.1:${l.port}`;
  try {
    await waitForPing(uri, () => spawnError ?? exitDescription(child), 60_000);
  } catch (err) {
    await proc.stop();
    const tail = output.text();
    throw new FerretdbLaunchError(
      `FerretDB did not start on ${uri}: ${errorMessage(err)}\n--- ferretdb output (tail) ---\n${tail}`,
      /address already in use/i.test(tail),
      {
        cause: err,
      },
    );
  }
  return proc;
}

function withSslDisabled(url: string): string {
  const u = new URL(url);
  u.searchParams.set('sslmode', 'disable');
  return u.toString();
}

/** Polls `ping` until the server answers, the process exits, or the timeout passes. */
async function waitForPing(uri: string, deadReason: () => Error | undefined, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    const dead = deadReason();
    if (dead) throw dead;
    const client = new mongoose.mongo.MongoClient(uri, {
      directConnection: true,
      serverSelectionTimeoutMS: 1000,
      connectTimeoutMS: 1000,
    });
    try {
      await client.connect();
      await client.db('admin').command({ ping: 1 });
      // If another server grabbed the port first, ours exits on bind failure: don't mistake theirs for ours.
      await new Promise((r) => setTimeout(r, 100));
      const diedMeanwhile = deadReason();
      if (diedMeanwhile) throw diedMeanwhile;
      return;
    } catch (err) {
      lastError = err;
    } finally {
      await client.close().catch(() => undefined);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`no answer to ping within ${timeoutMs} ms (${errorMessage(lastError)})`);
}

async function findGo(): Promise<string | undefined> {
  for (const candidate of ['go', '/usr/local/go/bin/go']) {
    try {
      await execFileAsync(candidate, ['version'], { timeout: 20_000 });
      return candidate;
    } catch {
      // try the next one
    }
  }
  return undefined;
}

async function goEnv(go: string, name: string): Promise<string> {
  const { stdout } = await execFileAsync(go, ['env', name], { timeout: 20_000 });
  return stdout.trim().split(path.delimiter)[0] || path.join(os.homedir(), 'go');
}

async function makeTreeWritable(dir: string): Promise<void> {
  await chmod(dir, 0o755);
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) await makeTreeWritable(full);
    else if (entry.isFile()) await chmod(full, 0o644);
  }
}
