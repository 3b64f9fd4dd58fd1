import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { constants as fsConstants } from 'node:fs';
import { access, chmod, cp, mkdir, mkdtemp, readdir, rename, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import mongoose from 'mongoose';
import type { Logger } from 'pino';
import { getFreePort } from './ports';

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
  log: Logger;
}

export interface EmbeddedMongo {
  /** `mongodb://127.0.0.1:<port>` — no database name and no trailing slash. */
  uri: string;
  kind: EmbeddedMongoKind;
  /** PID of the server process, when known. */
  pid?: number;
  stop(): Promise<void>;
}

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
  const { MongoMemoryServer } = await import('mongodb-memory-server');
  const dbPath = opts.persistent ? path.join(opts.dir, 'mongod') : await mkdtemp(path.join(opts.dir, 'mongod-scratch-'));
  await mkdir(dbPath, { recursive: true });
  const port = await getFreePort();
  log.info({ binary, dbPath, port }, 'starting embedded mongod (mongodb-memory-server)');
  const server = await MongoMemoryServer.create({
    instance: { ip: '127.0.0.1', port, dbPath, storageEngine: 'wiredTiger' },
  });
  const pid = server.instanceInfo?.instance.mongodProcess?.pid;
  // mongodb-memory-server also runs its own killer process; this covers a normal process.exit().
  const onExit = () => killQuietly(pid);
  process.on('exit', onExit);
  let stopping: Promise<void> | undefined;
  return {
    uri: trimUri(server.getUri()),
    kind: 'mongod',
    pid,
    stop() {
      stopping ??= (async () => {
        process.off('exit', onExit);
        await server.stop({ doCleanup: false, force: false });
        if (!opts.persistent) await rm(dbPath, { recursive: true, force: true });
      })();
      return stopping;
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

  // The free port can be taken between probing and binding; retry a couple of times if so.
  for (let attempt = 1; ; attempt++) {
    const port = await getFreePort();
    const args = [
      '--handler=sqlite',
      `--sqlite-url=file:${dataDir}/`,
      `--listen-addr=127.0.0.1:${port}`,
      `--state-dir=${dataDir}`,
      '--telemetry=disable',
      '--debug-addr=-',
      '--log-level=warn',
    ];
    log.info({ bin, dataDir, port }, 'starting embedded FerretDB');
    const child = spawn(bin, args, {
      env: { ...process.env, DO_NOT_TRACK: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const output = new OutputTail();
    child.stdout?.on('data', (chunk: Buffer) => output.push(chunk));
    child.stderr?.on('data', (chunk: Buffer) => output.push(chunk));
    let spawnError: Error | undefined;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.once('error', (err) => {
      spawnError = err;
      output.push(Buffer.from(`spawn error: ${err.message}\n`));
    });

    const onExit = () => killQuietly(child.pid);
    process.on('exit', onExit);
    const watchdog = startWatchdog(child.pid);
    child.once('exit', () => killQuietly(watchdog?.pid));
    const uri = `mongodb://127.0.0.1:${port}`;

    const stop = async () => {
      process.off('exit', onExit);
      await terminate(child, exited);
      killQuietly(watchdog?.pid);
    };

    try {
      await waitForPing(uri, () => spawnError ?? exitDescription(child), 60_000);
    } catch (err) {
      await stop();
      const tail = output.text();
      if (attempt < 3 && /address already in use/i.test(tail)) continue;
      throw new Error(`FerretDB did not start on ${uri}: ${errorMessage(err)}\n--- ferretdb output (tail) ---\n${tail}`, { cause: err });
    }

    log.info({ uri, pid: child.pid }, 'embedded FerretDB is ready');
    let stopping: Promise<void> | undefined;
    return {
      uri,
      kind: 'ferretdb',
      pid: child.pid,
      stop() {
        stopping ??= (async () => {
          await stop();
          if (!opts.persistent) await rm(dataDir, { recursive: true, force: true });
        })();
        return stopping;
      },
    };
  }
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
async function terminate(child: ChildProcess, exited: Promise<void>, graceMs = 10_000): Promise<void> {
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

function killQuietly(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // already gone
  }
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

function trimUri(uri: string): string {
  return uri.replace(/\/+$/, '');
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
