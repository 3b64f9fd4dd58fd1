// Spawns tests/helpers/main-process.ts as a separate OS process sharing this test file's database,
// so a test can SIGKILL it mid-request and start another one.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { inject } from 'vitest';

export interface ChildApp {
  url: string;
  process: ChildProcess;
  /** Sends the signal and resolves once the process has exited. */
  stop(signal: NodeJS.Signals): Promise<void>;
}

/** Starts an app process on database `dbName` (extra environment in `env`); resolves once it listens. */
export async function startChildApp(dbName: string, env: Record<string, string> = {}): Promise<ChildApp> {
  const services = inject('services');
  const child = spawn(process.execPath, ['--import', 'tsx', path.resolve('tests/helpers/main-process.ts')], {
    env: { ...process.env, ...env, MONGO_URI: services.mongoUri, DB_NAME: dbName, S3_SETTINGS: JSON.stringify(services.s3), DO_NOT_TRACK: '1' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('child app process did not start')), 60_000);
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const m = /^\{"port":(\d+)\}$/.exec(line.trim());
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    });
    void exited.then(() => reject(new Error(`child app process exited with ${child.exitCode ?? child.signalCode}`)));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    process: child,
    async stop(signal) {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
}

/** Polls `check` every 20 ms until it holds; fails naming `what` after `timeoutMs`. */
export async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const start = Date.now();
  while (!(await check())) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
