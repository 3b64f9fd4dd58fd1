import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Logger } from 'pino';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const CLIENT = path.join(ROOT, 'client');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

/** True when client/dist is missing or older than any client source or shared schema. */
export function clientNeedsBuild(): boolean {
  const index = path.join(CLIENT, 'dist', 'index.html');
  if (!existsSync(index)) return true;
  const built = statSync(index).mtimeMs;
  const sources = Math.max(newestMtime(path.join(CLIENT, 'src')), newestMtime(path.join(ROOT, 'schemas')), statSync(path.join(CLIENT, 'index.html')).mtimeMs);
  return sources > built;
}

/**
 * Builds the web client with Vite when it is missing or stale (`npm start` "builds if needed").
 * The build runs in a child process: the bundler's memory (hundreds of MiB, much of it native)
 * would otherwise stay in the server's resident size for as long as it runs (docs/performance.md).
 */
export async function ensureClientBuilt(log: Logger): Promise<void> {
  if (!existsSync(path.join(CLIENT, 'src')) || !clientNeedsBuild()) return;
  log.info('building the web client (vite build)');
  const vite = path.join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js');
  await new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, [vite, 'build', '--config', path.join(CLIENT, 'vite.config.ts'), '--mode', 'production', '--logLevel', 'warn'], {
      cwd: ROOT,
      // React picks its development build from NODE_ENV; the served client is always the production one.
      // Vite warns about the config's TypeScript imports for a future loader; its bundling loader handles them.
      env: { ...process.env, NODE_ENV: 'production', VITE_CONFIG_NATIVE_IGNORE_WARNING: process.env.VITE_CONFIG_NATIVE_IGNORE_WARNING ?? 'true' },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    child.once('error', reject);
    child.once('exit', (code, signal) => (code === 0 ? resolve() : reject(new Error(`vite build failed (${signal ?? `exit code ${code}`})`))));
  });
}
