// Runs the product the way `npm start` does — `node --import tsx server/main.ts`, with its own
// DATA_DIR and its own supervised embedded FerretDB — as a separate OS process, so that a test can
// freeze, kill or take away what it depends on, or SIGTERM it, and watch what the API answers.
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
  /** PID of its embedded database, from `<DATA_DIR>/mongo/ferretdb/ferretdb.pid` (rewritten at each restart). */
  dbPid(): Promise<number | undefined>;
  /** Connection string of its embedded database (from its log; the port survives restarts). */
  dbUri(): string;
  /** Kills whatever is left (the app, a stopped database) and removes DATA_DIR. */
  cleanup(): Promise<void>;
}

/** Starts server/main.ts on a free loopback port with a fresh DATA_DIR; `env` adds to or overrides its environment. */
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
      EMBEDDED_MONGO: 'ferretdb',
      DO_NOT_TRACK: '1',
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
  const dbPid = async () => {
    const text = await readFile(path.join(dataDir, 'mongo', 'ferretdb', 'ferretdb.pid'), 'utf8').catch(() => '');
    return Number(text.trim()) || undefined;
  };
  const cleanup = async () => {
    const pid = await dbPid();
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL');
      await exited;
    }
    // A database left frozen by a failed test: wake it so that it can die (its watchdog kills it).
    if (pid) signalQuietly(pid, 'SIGCONT');
    if (pid) signalQuietly(pid, 'SIGKILL');
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
  const dbUri = () => {
    const ready = logs.find((l) => l.msg === 'embedded FerretDB is ready');
    if (typeof ready?.uri !== 'string') throw new Error('the app did not log its embedded database (LOG_LEVEL must be info or lower)');
    return ready.uri;
  };
  return { url, dataDir, process: child, logs, exited, dbPid, dbUri, cleanup };
}

/** Sends a signal to a process that may already be gone. */
export function signalQuietly(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(pid, signal);
  } catch {
    // gone already
  }
}

/** True while a process with this PID exists (and is not a zombie). */
export async function isAlive(pid: number): Promise<boolean> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
  // The third field is the state; Z is a zombie (dead, not yet reaped).
  return stat !== '' && stat.split(') ')[1]?.[0] !== 'Z';
}
