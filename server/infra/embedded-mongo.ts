import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { constants as fsConstants } from 'node:fs';
import { access, chmod, cp, mkdir, mkdtemp, readdir, rename, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import mongoose from 'mongoose';
import type { Logger } from 'pino';
import { getFreePort } from './ports';
import { Supervisor, type SupervisedProcess } from './supervisor';

const execFileAsync = promisify(execFile);

export const FERRETDB_VERSION = 'v1.24.2';
const FERRETDB_MODULE = 'github.com/FerretDB/FerretDB';

export type EmbeddedMongoKind = 'mongod' | 'ferretdb';

export interface EmbeddedMongoOptions {
  /** Directory for the database files (created if missing). */
  dir: string;
  /** Keep data in `dir` across restarts; otherwise a scratch subdirectory is used and removed on stop(). */
  persistent: boolean;
  /** Use only this kind (EMBEDDED_MONGO); otherwise mongod first, then FerretDB. */
  force?: EmbeddedMongoKind;
  /** Kill and restart the server when it is alive but has not answered pings for this long (default 30 s). */
  hangKillMs?: number;
  /** FerretDB only: how long SQLite waits for the write lock before answering "database is locked" (default 2 s). */
  busyTimeoutMs?: number;
  log: Logger;
}

export interface EmbeddedMongo {
  /** `mongodb://127.0.0.1:<port>` — no database name and no trailing slash. */
  uri: string;
  kind: EmbeddedMongoKind;
  /**
   * PID of the server process, when known. It changes when the supervisor restarts the server, and
   * is also written to `<data directory>/<kind>.pid` (e.g. `DATA_DIR/mongo/ferretdb/ferretdb.pid`).
   */
  readonly pid?: number;
  /** Stops the server for good (no restart). */
  stop(): Promise<void>;
}

const DEFAULT_HANG_KILL_MS = 30_000;
const DEFAULT_BUSY_TIMEOUT_MS = 2000;

/** Starts an embedded MongoDB-protocol server: a cached mongod via mongodb-memory-server, else FerretDB. */
export async function startEmbeddedMongo(opts: EmbeddedMongoOptions): Promise<EmbeddedMongo> {
  const { log, force } = opts;
  await mkdir(opts.dir, { recursive: true });
  const problems: string[] = [];

  if (force !== 'ferretdb') {
    const binary = await locateMongodBinary(log).catch((err: unknown) => {
      problems.push(`mongod: ${errorMessage(err)}`);
      return undefined;
    });
    if (binary) return startMongod(opts, binary);
    if (!problems.length) problems.push('mongod: no binary in the mongodb-memory-server cache and MONGOMS_SYSTEM_BINARY is not set');
    if (force === 'mongod') throw noDatabaseError(problems);
  }

  let ferretdb: string | undefined;
  try {
    ferretdb = await locateFerretdb(log);
  } catch (err) {
    problems.push(`ferretdb: ${errorMessage(err)}`);
  }
  if (!ferretdb) throw noDatabaseError(problems);
  return startFerretdb(opts, ferretdb);
}

// ---------------------------------------------------------------------------------------------
// mongod via mongodb-memory-server

/** Returns the path of a mongod that mongodb-memory-server can use without downloading, or undefined. */
export async function locateMongodBinary(log: Logger): Promise<string | undefined> {
  // Hard rule: never download. The package reads this at call time and defaults it to "true".
  process.env.MONGOMS_RUNTIME_DOWNLOAD = 'false';
  const { DryMongoBinary } = await import('mongodb-memory-server');
  const options = await DryMongoBinary.generateOptions();
  const found = await DryMongoBinary.locateBinary(options);
  log.debug({ found, version: options.version }, 'mongodb-memory-server binary lookup');
  return found;
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
  return supervise(opts, {
    kind: 'mongod',
    uri: `mongodb://127.0.0.1:${port}`,
    pidFile: path.join(dbPath, 'mongod.pid'),
    first,
    launch,
    cleanup: () => (opts.persistent ? undefined : rm(dbPath, { recursive: true, force: true })),
  });
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

async function startFerretdb(opts: EmbeddedMongoOptions, bin: string): Promise<EmbeddedMongo> {
  const { log } = opts;
  const dataDir = opts.persistent ? path.join(opts.dir, 'ferretdb') : await mkdtemp(path.join(opts.dir, 'ferretdb-scratch-'));
  await mkdir(dataDir, { recursive: true });
  const busyTimeoutMs = opts.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS;

  // The free port can be taken between probing and binding; retry a couple of times if so. Restarts
  // keep the port: the connection string must stay valid.
  let port = 0;
  let first: SupervisedProcess | undefined;
  for (let attempt = 1; !first; attempt++) {
    port = await getFreePort();
    try {
      first = await launchFerretdb({ bin, dataDir, port, busyTimeoutMs, log });
    } catch (err) {
      if (attempt < 3 && err instanceof FerretdbLaunchError && err.addressInUse) continue;
      throw err;
    }
  }
  const uri = `mongodb://127.0.0.1:${port}`;
  log.info({ uri, pid: first.pid }, 'embedded FerretDB is ready');
  return supervise(opts, {
    kind: 'ferretdb',
    uri,
    pidFile: path.join(dataDir, 'ferretdb.pid'),
    first,
    launch: () => launchFerretdb({ bin, dataDir, port, busyTimeoutMs, log }),
    cleanup: () => (opts.persistent ? undefined : rm(dataDir, { recursive: true, force: true })),
  });
}

class FerretdbLaunchError extends Error {
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
 * Starts one FerretDB process on `port` and resolves once it answers a ping.
 * Flags: SQLite under `dataDir`, loopback only, telemetry off (`--telemetry=disable` and
 * DO_NOT_TRACK=1: these machines never contact anything but loopback), no debug listener.
 * `busy_timeout` is how long SQLite waits for the write lock before failing a write with
 * SQLITE_BUSY; FerretDB's default (10 s) is longer than a request's deadline (DB_TIMEOUT_MS, 5 s),
 * so a contended write would come back as a client-side timeout that may still commit later. Below
 * the deadline it comes back as "database is locked", which says the write did not happen, and the
 * data layer retries it (server/infra/db-calls.ts). The pragma must come before FerretDB's own
 * journal_mode(wal) so that the busy handler is set first (FerretDB adds its pragmas after ours).
 */
async function launchFerretdb(l: {
  bin: string;
  dataDir: string;
  port: number;
  busyTimeoutMs: number;
  log: Logger;
}): Promise<SupervisedProcess> {
  const args = [
    '--handler=sqlite',
    `--sqlite-url=file:${l.dataDir}/?_pragma=busy_timeout(${l.busyTimeoutMs})`,
    `--listen-addr=127.0.0.1:${l.port}`,
    `--state-dir=${l.dataDir}`,
    '--telemetry=disable',
    '--debug-addr=-',
    '--log-level=warn',
  ];
  l.log.info({ bin: l.bin, dataDir: l.dataDir, port: l.port }, 'starting embedded FerretDB');
  const child = spawn(l.bin, args, {
    env: { ...process.env, DO_NOT_TRACK: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output = new OutputTail();
  child.stdout?.on('data', (chunk: Buffer) => output.push(chunk));
  child.stderr?.on('data', (chunk: Buffer) => output.push(chunk));
  let spawnError: Error | undefined;
  const exited = exitOf(child);
  child.once('error', (err) => {
    spawnError = err;
    output.push(Buffer.from(`spawn error: ${err.message}\n`));
  });

  const onExit = () => killQuietly(child.pid);
  process.on('exit', onExit);
  const watchdog = startWatchdog(child.pid);
  void exited.then(() => {
    process.off('exit', onExit);
    killQuietly(watchdog?.pid);
  });
  const proc: SupervisedProcess = {
    pid: child.pid,
    exited,
    kill: (signal) => killQuietly(child.pid, signal),
    stop: () => terminate(child, exited),
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

/**
 * Puts a started server under a Supervisor (restart on exit, kill when hung; server/infra/supervisor.ts)
 * and records its PID in `pidFile`, beside its data, at each (re)start: for operators and the fault tests.
 */
async function supervise(
  opts: EmbeddedMongoOptions,
  s: {
    kind: EmbeddedMongoKind;
    uri: string;
    pidFile: string;
    first: SupervisedProcess;
    launch: () => Promise<SupervisedProcess>;
    cleanup: () => Promise<void> | undefined;
  },
): Promise<EmbeddedMongo> {
  // One client for the health pings; it reconnects by itself after a restart on the same port.
  const pinger = new mongoose.mongo.MongoClient(s.uri, { directConnection: true, serverSelectionTimeoutMS: 2000, connectTimeoutMS: 2000 });
  const name = s.kind === 'ferretdb' ? 'embedded FerretDB' : 'embedded mongod';
  const supervisor = new Supervisor(
    {
      name,
      launch: s.launch,
      ping: async (signal) => {
        await pinger.db('admin').command({ ping: 1 }, { signal });
      },
      hangKillMs: opts.hangKillMs ?? DEFAULT_HANG_KILL_MS,
      onRunning: (proc) => writeFile(s.pidFile, `${proc.pid ?? ''}\n`),
      log: opts.log,
    },
    s.first,
  );
  let stopping: Promise<void> | undefined;
  return {
    uri: s.uri,
    kind: s.kind,
    get pid() {
      return supervisor.pid;
    },
    stop() {
      stopping ??= (async () => {
        await supervisor.stop();
        await pinger.close().catch(() => undefined);
        await rm(s.pidFile, { force: true });
        await s.cleanup();
      })();
      return stopping;
    },
  };
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

function exitDescription(child: ChildProcess): Error | undefined {
  if (child.exitCode === null && child.signalCode === null) return undefined;
  return new Error(`process exited (code ${child.exitCode ?? 'none'}, signal ${child.signalCode ?? 'none'})`);
}

/** SIGTERM, then SIGKILL if the process has not exited after `graceMs`. */
async function terminate(child: ChildProcess, exited: Promise<unknown>, graceMs = 10_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  child.kill('SIGTERM');
  let timer: NodeJS.Timeout | undefined;
  const timedOut = await Promise.race([
    exited.then(() => false),
    new Promise<boolean>((r) => (timer = setTimeout(() => r(true), graceMs))),
  ]);
  clearTimeout(timer);
  if (timedOut) {
    child.kill('SIGKILL');
    await exited;
  }
}

/**
 * A tiny detached node process that holds a pipe from us: when this process dies for any reason
 * (even SIGKILL, when no 'exit' handler runs) the pipe closes and it kills the server.
 */
function startWatchdog(pid: number | undefined): ChildProcess | undefined {
  if (pid === undefined) return undefined;
  const code = `
    const pid = Number(process.argv[1]);
    let done = false;
    const kill = () => {
      if (done) return; done = true;
      try { process.kill(pid, 'SIGTERM'); } catch {}
      setTimeout(() => { try { process.kill(pid, 'SIGKILL'); } catch {} process.exit(0); }, 3000);
    };
    process.stdin.on('data', () => {});
    process.stdin.on('end', kill);
    process.stdin.on('error', kill);
  `;
  const watchdog = spawn(process.execPath, ['-e', code, String(pid)], {
    stdio: ['pipe', 'ignore', 'ignore'],
    detached: true,
    env: { PATH: process.env.PATH ?? '' },
  });
  watchdog.on('error', () => undefined);
  // Neither the process nor its pipe may keep our event loop alive.
  watchdog.unref();
  (watchdog.stdin as unknown as { unref?: () => void } | null)?.unref?.();
  return watchdog;
}

function killQuietly(pid: number | undefined, signal: NodeJS.Signals = 'SIGKILL'): void {
  if (pid === undefined) return;
  try {
    process.kill(pid, signal);
  } catch {
    // already gone
  }
}

/** Settles with the exit code and signal once `child` has exited (at once if it already has). */
function exitOf(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
}

/** Keeps the last few KiB of a process's output for error messages. */
class OutputTail {
  private chunks: Buffer[] = [];
  private size = 0;
  constructor(private readonly limit = 8 * 1024) {}
  push(chunk: Buffer): void {
    this.chunks.push(chunk);
    this.size += chunk.length;
    while (this.size > this.limit && this.chunks.length > 1) this.size -= this.chunks.shift()!.length;
  }
  text(): string {
    const all = Buffer.concat(this.chunks).toString('utf8');
    return (all.length > this.limit ? all.slice(-this.limit) : all).trimEnd() || '(no output)';
  }
}

// ---------------------------------------------------------------------------------------------
// helpers

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

async function isExecutable(file: string): Promise<boolean> {
  try {
    await access(file, fsConstants.X_OK);
    return true;
  } catch {
    return false;
  }
}

async function makeTreeWritable(dir: string): Promise<void> {
  await chmod(dir, 0o755);
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) await makeTreeWritable(full);
    else if (entry.isFile()) await chmod(full, 0o644);
  }
}

function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

function execErrorText(err: unknown): string {
  const e = err as { stderr?: string | Buffer; message?: string };
  const stderr = e?.stderr ? String(e.stderr).trim() : '';
  return stderr ? stderr.split('\n').slice(-20).join('\n') : errorMessage(err);
}

function noDatabaseError(problems: string[]): Error {
  return new Error(
    [
      'No MongoDB-protocol database is available. Provide one of:',
      '  1. MONGODB_URI=mongodb://… pointing at a running MongoDB (replica set or Atlas in production);',
      '  2. a mongod binary for mongodb-memory-server: set MONGOMS_SYSTEM_BINARY=/path/to/mongod, or put one in its',
      '     cache (~/.cache/mongodb-binaries or node_modules/.cache/mongodb-memory-server) — it is never downloaded here;',
      `  3. FerretDB ${FERRETDB_VERSION}: set FERRETDB_BIN=/path/to/ferretdb, put \`ferretdb\` on PATH or in $(go env GOPATH)/bin,`,
      '     or install Go so that it can be built automatically.',
      'What was tried:',
      ...problems.map((p) => `  - ${p}`),
    ].join('\n'),
  );
}
