// Runs the product the way `npm start` does — `node --import tsx server/main.ts`, with its own
// DATA_DIR and its own supervised embedded FerretDB (on PostgreSQL or SQLite, as the test run's
// EMBEDDED_MONGO or the default order says, unless the test forces one) — as a separate OS process,
// so that a test can freeze, kill or take away what it depends on, or SIGTERM it, and watch what the
// API answers.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';

export interface MainApp {
  /** `http://127.0.0.1:<port>` as printed by the app. */
  url: string;
  dataDir: string;
  process: ChildProcess;
  /** Its log (pino JSON lines) so far. */
  logs: Array<Record<string, unknown>>;
  /** Settles with the exit code (or signal) once the process has exited. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /**
   * PID of its embedded FerretDB, from `<DATA_DIR>/mongo/ferretdb-pg/ferretdb.pid` or
   * `<DATA_DIR>/mongo/ferretdb/ferretdb.pid` (rewritten at each restart).
   */
  dbPid(): Promise<number | undefined>;
  /** FerretDB on PostgreSQL: PID of the postmaster, from `<DATA_DIR>/mongo/ferretdb-pg/postgres.pid`. */
  postgresPid(): Promise<number | undefined>;
  /** `ferretdb-pg` or `ferretdb-sqlite`, from its log. */
  dbKind(): string;
  /** Connection string of its embedded database (from its log; the port survives restarts). */
  dbUri(): string;
  /** Kills whatever is left (the app, a stopped database) and removes DATA_DIR. */
  cleanup(): Promise<void>;
}

/**
 * Starts server/main.ts on a free loopback port with a fresh DATA_DIR; `env` adds to or overrides its
 * environment. Its database is FerretDB: the kind the test run was asked for (EMBEDDED_MONGO), else
 * PostgreSQL when installed, else SQLite — a mongod could not be frozen and killed the same way.
 */
export async function startMainApp(env: Record<string, string> = {}): Promise<MainApp> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'kus-main-app-'));
  const inherited = { ...process.env };
  // The app must start its own embedded services, whatever the test run itself uses.
  for (const key of Object.keys(inherited)) if (key === 'MONGODB_URI' || key.startsWith('S3_')) delete inherited[key];
  const child = spawn(process.execPath, ['--import', 'tsx', path.resolve('server/main.ts')], {
    env: {
      ...inherited,
      NODE_ENV: 'test',
      DATA_DIR: dataDir,
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      SEED_DEMO: 'false',
      EMBEDDED_MONGO: process.env.EMBEDDED_MONGO?.startsWith('ferretdb') ? process.env.EMBEDDED_MONGO : 'ferretdb',
      DO_NOT_TRACK: '1',
      HARVEST_ALLOWED_HOSTS: '127.0.0.1,localhost',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const logs: Array<Record<string, unknown>> = [];
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-8000)));
  const readPid = async (...file: string[]) => {
    const text = await readFile(path.join(dataDir, 'mongo', ...file), 'utf8').catch(() => '');
    return Number(text.trim()) || undefined;
  };
  const dbPid = async () => (await readPid('ferretdb-pg', 'ferretdb.pid')) ?? (await readPid('ferretdb', 'ferretdb.pid'));
  const postgresPid = () => readPid('ferretdb-pg', 'postgres.pid');
  const cleanup = async () => {
    const pids = [await dbPid(), await postgresPid()];
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL');
      await exited;
    }
    // A database left frozen by a failed test: wake it so that it can stop (its watchdog stops it);
    // PostgreSQL gets an immediate shutdown, which also ends its backends.
    for (const pid of pids) if (pid) signalQuietly(pid, 'SIGCONT');
    if (pids[0]) signalQuietly(pids[0], 'SIGKILL');
    if (pids[1]) {
      signalQuietly(pids[1], 'SIGQUIT');
      await waitUntilGone(pids[1], 5000);
    }
    await rm(dataDir, { recursive: true, force: true });
  };

  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`app did not start within 90 s\n${stderr}`)), 90_000);
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if (line.startsWith('{')) {
        try {
          logs.push(JSON.parse(line) as Record<string, unknown>);
        } catch {
          // not a log line
        }
        return;
      }
      const m = /is running at (http:\/\/127\.0\.0\.1:\d+)\//.exec(line);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    void exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`app exited during start-up (code ${code}, signal ${signal})\n${stderr}`));
    });
  }).catch(async (err: unknown) => {
    await cleanup();
    throw err;
  });
  const ready = () => {
    const line = logs.find((l) => l.msg === 'embedded FerretDB is ready');
    if (typeof line?.uri !== 'string') throw new Error('the app did not log its embedded database (LOG_LEVEL must be info or lower)');
    return { uri: line.uri, backend: line.backend };
  };
  const dbUri = () => ready().uri;
  const dbKind = () => (ready().backend === 'postgresql' ? 'ferretdb-pg' : 'ferretdb-sqlite');
  return { url, dataDir, process: child, logs, exited, dbPid, postgresPid, dbKind, dbUri, cleanup };
}

/** Sends a signal to a process that may already be gone. */
export function signalQuietly(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(pid, signal);
  } catch {
    // gone already
  }
}

/** Waits until `pid` has exited, at most `timeoutMs`. */
async function waitUntilGone(pid: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while ((await isAlive(pid)) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
}

/** True while a process with this PID exists (and is not a zombie). */
export async function isAlive(pid: number): Promise<boolean> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
  // The third field is the state; Z is a zombie (dead, not yet reaped).
  return stat !== '' && stat.split(') ')[1]?.[0] !== 'Z';
}
