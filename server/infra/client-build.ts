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

/** Builds the web client with Vite when it is missing or stale (`npm start` "builds if needed"). */
export async function ensureClientBuilt(log: Logger): Promise<void> {
  if (!existsSync(path.join(CLIENT, 'src')) || !clientNeedsBuild()) return;
  log.info('building the web client (vite build)');
  const { build } = await import('vite');
  // React picks its development build from NODE_ENV; the served client is always the production one.
  const previous = process.env.NODE_ENV;
  // Vite warns about the config's TypeScript imports for a future loader; the bundling loader used here handles them.
  process.env.VITE_CONFIG_NATIVE_IGNORE_WARNING ??= 'true';
  process.env.NODE_ENV = 'production';
  try {
    await build({ configFile: path.join(CLIENT, 'vite.config.ts'), mode: 'production', logLevel: 'warn' });
  } finally {
    if (previous === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = previous;
  }
}
