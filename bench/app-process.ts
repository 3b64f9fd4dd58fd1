// server/main.ts as a process of its own for the benchmarks (as `npm start` runs it, with its own
// DATA_DIR and embedded services), so the load generator does not share its event loop.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export interface AppProcess {
  child: ChildProcess;
  url: string;
  /** The app's JSON log lines, each stamped with `benchAt` (when the benchmark read it). */
  logs: Array<Record<string, unknown>>;
  startedAt: number;
  listeningAt: number;
}

/**
 * Starts server/main.ts on `dataDir` (port chosen by the system, loopback, production mode, no
 * telemetry; an outside MONGODB_URI or S3 is never inherited) with `env` on top; resolves once it
 * listens (its banner names the URL).
 */
export async function startAppProcess(dataDir: string, env: Record<string, string>, nodeArgs: string[] = []): Promise<AppProcess> {
  const startedAt = Date.now();
  const inherited = { ...process.env };
  for (const key of Object.keys(inherited)) if (key === 'MONGODB_URI' || key.startsWith('S3_')) delete inherited[key];
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', path.join(ROOT, 'server/main.ts')], {
    env: { ...inherited, NODE_ENV: 'production', DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', DO_NOT_TRACK: '1', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const logs: Array<Record<string, unknown>> = [];
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('app did not start within 10 minutes')), 600_000);
    child.once('exit', (code) => reject(new Error(`app exited with ${code}`)));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if (line.startsWith('{')) {
        try {
          logs.push({ ...(JSON.parse(line) as Record<string, unknown>), benchAt: Date.now() });
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
  });
  return { child, url, logs, startedAt, listeningAt: Date.now() };
}

/** Stops the app with SIGTERM (it writes its snapshot and stops its services), SIGKILL after a minute. */
export async function stopAppProcess(app: AppProcess): Promise<void> {
  if (app.child.exitCode !== null) return;
  const exited = new Promise((r) => app.child.once('exit', r));
  app.child.kill('SIGTERM');
  const timer = setTimeout(() => app.child.kill('SIGKILL'), 60_000);
  await exited;
  clearTimeout(timer);
}
