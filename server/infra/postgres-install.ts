// Where PostgreSQL is installed (PG_BIN, PATH, Debian's /usr/lib/postgresql) and which account runs it (not root).
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { errorMessage, execErrorText, execFileAsync, isExecutable } from './processes';

/** The account PostgreSQL runs as when the app is root. */
export const UNPRIVILEGED_ACCOUNT = 'postgres';

/** A PostgreSQL installation that can run a server. */
export interface PostgresInstall {
  binDir: string;
  postgres: string;
  initdb: string;
  /** e.g. 15 */
  major: number;
  /** e.g. "15.18" */
  version: string;
}

/**
 * Finds a PostgreSQL server installation: PG_BIN (a directory) only when set; otherwise directories on
 * PATH holding both `initdb` and `postgres`, and /usr/lib/postgresql/<version>/bin (Debian keeps them
 * off PATH). Prefers the major version that made the cluster in `clusterDir` (a server opens only its
 * own major version's files), then the newest. Throws with the reason when there is none.
 */
export async function locatePostgres(clusterDir?: string): Promise<PostgresInstall> {
  const pgBin = process.env.PG_BIN;
  if (pgBin) {
    const found = await inspectBinDir(pgBin);
    if (typeof found === 'string') throw new Error(`PG_BIN=${pgBin}: ${found}`);
    return found;
  }
  const dirs = (process.env.PATH ?? '').split(path.delimiter).filter(Boolean);
  const debian = await readdir('/usr/lib/postgresql').catch(() => [] as string[]);
  dirs.push(...debian.map((v) => path.join('/usr/lib/postgresql', v, 'bin')));
  const installs: PostgresInstall[] = [];
  for (const dir of [...new Set(dirs.map((d) => path.resolve(d)))]) {
    if (!(await isExecutable(path.join(dir, 'postgres'))) || !(await isExecutable(path.join(dir, 'initdb')))) continue;
    const found = await inspectBinDir(dir);
    if (typeof found !== 'string' && !installs.some((i) => i.version === found.version)) installs.push(found);
  }
  if (!installs.length)
    throw new Error('no PostgreSQL server found (initdb and postgres on PATH, in PG_BIN or in /usr/lib/postgresql/*/bin)');
  const clusterMajor = clusterDir ? Number((await readFile(path.join(clusterDir, 'PG_VERSION'), 'utf8').catch(() => '')).trim()) : NaN;
  // Stable sort: among equals, PATH order wins.
  installs.sort((a, b) => Number(b.major === clusterMajor) - Number(a.major === clusterMajor) || b.major - a.major);
  return installs[0];
}

async function inspectBinDir(dir: string): Promise<PostgresInstall | string> {
  const postgres = path.join(dir, 'postgres');
  const initdb = path.join(dir, 'initdb');
  for (const bin of [postgres, initdb]) if (!(await isExecutable(bin))) return `no executable ${bin}`;
  try {
    // --version is answered before the server's refusal to run as root.
    const { stdout } = await execFileAsync(postgres, ['--version'], { timeout: 20_000 });
    const m = /\(PostgreSQL\)\s+((\d+)(?:\.\d+)*)/.exec(stdout);
    if (!m) return `unexpected \`postgres --version\` output: ${stdout.slice(0, 200)}`;
    return { binDir: dir, postgres, initdb, major: Number(m[2]), version: m[1] };
  } catch (err) {
    return `\`postgres --version\` failed: ${execErrorText(err).split('\n')[0]}`;
  }
}

/** The account to run PostgreSQL as: undefined = as ourselves; throws when we are root and there is none. */
export async function serverAccount(): Promise<{ uid: number; gid: number } | undefined> {
  if (process.getuid?.() !== 0) return undefined;
  try {
    const id = async (flag: string) => Number((await execFileAsync('id', [flag, UNPRIVILEGED_ACCOUNT], { timeout: 10_000 })).stdout.trim());
    const account = { uid: await id('-u'), gid: await id('-g') };
    if (!Number.isInteger(account.uid) || account.uid === 0) throw new Error(`"${UNPRIVILEGED_ACCOUNT}" is not an unprivileged account`);
    return account;
  } catch (err) {
    throw new Error(
      `the app runs as root, which PostgreSQL refuses, and there is no usable "${UNPRIVILEGED_ACCOUNT}" account to run it as (${errorMessage(err).split('\n')[0]}); install Debian's postgresql package (it creates one) or run the app as an ordinary user`,
      { cause: err },
    );
  }
}

/** The environment PostgreSQL's programs get: nothing of ours but PATH, and the C locale. */
export function serverEnv(): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH ?? '/usr/bin:/bin', LC_ALL: 'C', LANG: 'C', ...(process.env.TZ ? { TZ: process.env.TZ } : {}) };
}
