// The embedded PostgreSQL cluster, made once: directories the server's account owns and reaches, initdb, the `ferretdb` role and database.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmod, chown, mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from 'pino';
import { serverEnv, UNPRIVILEGED_ACCOUNT, type PostgresInstall } from './postgres-install';
import { execErrorText, execFileAsync } from './processes';

/** Role and database FerretDB uses. */
export const ROLE = 'ferretdb';
export const DATABASE = 'ferretdb';

/**
 * Makes every directory from `dir` up to / searchable by `account` (adds the search bit for others
 * where the account has none); never adds read or write permission.
 */
export async function letAccountReach(dir: string, account: { uid: number; gid: number }, log: Logger): Promise<void> {
  const opened: string[] = [];
  for (let d = path.resolve(dir); ; d = path.dirname(d)) {
    const st = await stat(d);
    const bit = st.uid === account.uid ? 0o100 : st.gid === account.gid ? 0o010 : 0o001;
    if (!(st.mode & bit)) {
      await chmod(d, (st.mode & 0o7777) | 0o001);
      opened.push(d);
    }
    if (d === path.dirname(d)) break;
  }
  if (opened.length)
    log.info(
      { directories: opened },
      `made directories searchable (not readable) by others so that PostgreSQL, running as "${UNPRIVILEGED_ACCOUNT}", reaches its data`,
    );
}

/** mkdir -p, then owned by `account` (when given) with mode 0700. */
export async function ownedDirectory(dir: string, account: { uid: number; gid: number } | undefined): Promise<void> {
  await mkdir(dir, { recursive: true });
  if (account) await chown(dir, account.uid, account.gid);
  await chmod(dir, 0o700);
}

/**
 * Returns the role's password, initialising the cluster first when `<root>/pgdata` does not exist:
 * initdb (UTF8, locale C — FerretDB accepts only those — and password authentication for every
 * connection, TCP or socket), then the `ferretdb` database created in single-user mode (no server,
 * no port), all in a side directory renamed into place at the end, so that an interrupted attempt
 * leaves nothing half made.
 */
export async function ensureCluster(
  root: string,
  install: PostgresInstall,
  account: { uid: number; gid: number } | undefined,
  log: Logger,
): Promise<string> {
  const dataDir = path.join(root, 'pgdata');
  const passwordFile = path.join(root, 'postgres-password');
  if (await stat(path.join(dataDir, 'PG_VERSION')).catch(() => undefined)) {
    const password = (await readFile(passwordFile, 'utf8').catch(() => '')).trim();
    if (!password)
      throw new Error(`${passwordFile} is missing: the cluster in ${dataDir} cannot be used without it (remove ${root} to start afresh)`);
    return password;
  }

  const initDir = path.join(root, 'pgdata.init');
  const initPasswordFile = path.join(root, 'pgdata.init.password');
  await rm(initDir, { recursive: true, force: true });
  await ownedDirectory(initDir, account);
  const password = randomBytes(24).toString('base64url');
  await writeFile(initPasswordFile, `${password}\n`, { mode: 0o600 });
  if (account) await chown(initPasswordFile, account.uid, account.gid);
  log.info(
    { dataDir, version: install.version, runAs: account ? UNPRIVILEGED_ACCOUNT : undefined },
    'initialising the embedded PostgreSQL cluster (once)',
  );
  const run = { cwd: root, env: serverEnv(), uid: account?.uid, gid: account?.gid, timeout: 180_000, maxBuffer: 4 * 1024 * 1024 };
  try {
    await execFileAsync(
      install.initdb,
      ['-D', initDir, '-U', ROLE, `--pwfile=${initPasswordFile}`, '--auth=scram-sha-256', '--encoding=UTF8', '--locale=C'],
      run,
    ).catch((err: unknown) => {
      throw new Error(`initdb failed: ${execErrorText(err)}`);
    });
  } finally {
    await rm(initPasswordFile, { force: true });
  }
  const created = await runSingleUser(install, initDir, `CREATE DATABASE ${DATABASE};\n`, run);
  if (/\b(ERROR|FATAL|PANIC):/.test(created))
    throw new Error(`creating the ${DATABASE} database failed: ${created.trim().split('\n').slice(-5).join('\n')}`);
  await writeFile(passwordFile, `${password}\n`, { mode: 0o600 });
  await rename(initDir, dataDir);
  return password;
}

/** Runs SQL through `postgres --single` (stdin) and returns everything it printed. */
function runSingleUser(
  install: PostgresInstall,
  dataDir: string,
  sql: string,
  run: { cwd: string; env: NodeJS.ProcessEnv; uid?: number; gid?: number; timeout: number },
): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(install.postgres, ['--single', '-D', dataDir, '-c', 'listen_addresses=', 'postgres'], {
      cwd: run.cwd,
      env: run.env,
      uid: run.uid,
      gid: run.gid,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), run.timeout);
    child.once('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve(output);
      else
        reject(new Error(`postgres --single exited (code ${code}, signal ${signal}): ${output.trim().split('\n').slice(-5).join('\n')}`));
    });
    child.stdin.end(sql);
  });
}
