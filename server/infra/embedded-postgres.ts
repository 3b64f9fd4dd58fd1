// The PostgreSQL server under the embedded FerretDB (docs/design.md §2): Debian's `postgresql` (or any
// PostgreSQL whose `initdb` and `postgres` we find), a cluster initialised once under DATA_DIR, one
// `postgres` process on 127.0.0.1 only, supervised like FerretDB and stopped with the app.
//
// Layout of `root` (DATA_DIR/mongo/ferretdb-pg, or a scratch directory for tests):
//   pgdata/             the cluster (owned by the account PostgreSQL runs as)
//   socket/             its Unix socket, so that it never needs /var/run/postgresql
//   postgres-password   the generated password of the `ferretdb` role (0600)
//   postgres.pid        PID of the running postmaster, rewritten at each restart
//
// Running as root. PostgreSQL refuses to run as root ("root execution of the PostgreSQL server is
// not permitted"): a server that runs SQL on behalf of clients must not own the machine. When the
// app is root (CI, containers), initdb and postgres run as the `postgres` account instead (spawned
// with its uid and gid; Debian's package creates it), the cluster directory is owned by it, and the
// directories above it get the search bit for others where they lack it (mkdtemp makes 0700 ones), so
// that it can reach its data without being able to list anything.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmod, chown, mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import type { Logger } from 'pino';
import { getFreePort } from './ports';
import {
  errorMessage,
  execErrorText,
  execFileAsync,
  exitDescription,
  exitOf,
  isExecutable,
  OutputTail,
  sleep,
  stopInSteps,
  tieToThisProcess,
  type StopStep,
} from './processes';
import { Supervisor, type SupervisedProcess } from './supervisor';

/** Role and database FerretDB uses. */
const ROLE = 'ferretdb';
const DATABASE = 'ferretdb';
/** The account PostgreSQL runs as when the app is root. */
const UNPRIVILEGED_ACCOUNT = 'postgres';

/** Fast shutdown (disconnect clients, checkpoint), then immediate shutdown, then SIGKILL. */
const STOP_STEPS: StopStep[] = [
  { signal: 'SIGINT', waitMs: 10_000 },
  { signal: 'SIGQUIT', waitMs: 5000 },
  { signal: 'SIGKILL', waitMs: 5000 },
];
/** When this process dies without stopping it: the same, quicker (the watchdog has no one to wait for). */
const WATCHDOG_STEPS: StopStep[] = [
  { signal: 'SIGINT', waitMs: 3000 },
  { signal: 'SIGQUIT', waitMs: 2000 },
  { signal: 'SIGKILL', waitMs: 0 },
];

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
async function serverAccount(): Promise<{ uid: number; gid: number } | undefined> {
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

export interface EmbeddedPostgresOptions {
  /** Directory for the cluster, its socket, password and PID file (see the file header). */
  root: string;
  install: PostgresInstall;
  /** Scratch data (tests): durability settings are relaxed, since the data is thrown away anyway. */
  scratch: boolean;
  /** Kill and restart the server when it has not answered for this long. */
  hangKillMs: number;
  log: Logger;
}

export interface EmbeddedPostgres {
  /** `postgres://ferretdb@127.0.0.1:<port>/ferretdb` (no password). */
  url: string;
  password: string;
  port: number;
  /** PID of the postmaster (changes when it is restarted); also in `<root>/postgres.pid`. */
  readonly pid?: number;
  /** Stops the server for good (no restart). */
  stop(): Promise<void>;
}

/** Initialises the cluster if needed, starts `postgres` under a Supervisor and resolves once it accepts connections. */
export async function startEmbeddedPostgres(opts: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  const { root, install, log } = opts;
  const account = await serverAccount();
  await mkdir(root, { recursive: true });
  if (account) await letAccountReach(root, account, log);
  const password = await ensureCluster(root, install, account, log);
  const socketDir = path.join(root, 'socket');
  await ownedDirectory(socketDir, account);

  // Loopback TCP only; the Unix socket lives in our own directory. The scratch settings trade crash
  // safety of the machine (not of the process: a killed postgres still recovers) for test speed.
  const settings = ['listen_addresses=127.0.0.1', 'unix_socket_permissions=0700', 'log_min_messages=warning', 'log_checkpoints=off'];
  if (opts.scratch) settings.push('fsync=off', 'synchronous_commit=off', 'full_page_writes=off');
  const launchOn = (port: number) =>
    launchPostgres({
      install,
      dataDir: path.join(root, 'pgdata'),
      cwd: root,
      socketDir,
      port,
      settings: settings.flatMap((s) => ['-c', s]),
      account,
      log,
    });

  let port = 0;
  let first: SupervisedProcess | undefined;
  for (let attempt = 1; !first; attempt++) {
    port = await getFreePort();
    try {
      first = await launchOn(port);
    } catch (err) {
      if (attempt < 3 && err instanceof PostgresLaunchError && err.addressInUse) continue;
      throw err;
    }
  }
  const pidFile = path.join(root, 'postgres.pid');
  const supervisor = new Supervisor(
    {
      name: 'embedded PostgreSQL',
      // Restarts keep the port: FerretDB's connection string must stay valid.
      launch: () => launchOn(port),
      ping: (signal) => probePostgres(port, signal),
      hangKillMs: opts.hangKillMs,
      onRunning: (proc) => writeFile(pidFile, `${proc.pid ?? ''}\n`),
      log,
    },
    first,
  );
  log.info({ port, pid: first.pid, version: install.version, root }, 'embedded PostgreSQL is ready');
  let stopping: Promise<void> | undefined;
  return {
    url: `postgres://${ROLE}@127.0.0.1:${port}/${DATABASE}`,
    password,
    port,
    get pid() {
      return supervisor.pid;
    },
    stop() {
      stopping ??= (async () => {
        await supervisor.stop();
        await rm(pidFile, { force: true });
      })();
      return stopping;
    },
  };
}

/**
 * Makes every directory from `dir` up to / searchable by `account` (adds the search bit for others
 * where the account has none); never adds read or write permission.
 */
async function letAccountReach(dir: string, account: { uid: number; gid: number }, log: Logger): Promise<void> {
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
async function ownedDirectory(dir: string, account: { uid: number; gid: number } | undefined): Promise<void> {
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
async function ensureCluster(
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

/** The environment PostgreSQL's programs get: nothing of ours but PATH, and the C locale. */
function serverEnv(): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH ?? '/usr/bin:/bin', LC_ALL: 'C', LANG: 'C', ...(process.env.TZ ? { TZ: process.env.TZ } : {}) };
}

class PostgresLaunchError extends Error {
  constructor(
    message: string,
    readonly addressInUse: boolean,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'PostgresLaunchError';
  }
}

/** Longest Unix socket path (sun_path is 108 bytes on Linux, with its terminating NUL). */
const MAX_SOCKET_PATH = 107;

/** Starts one postmaster on `port` and resolves once it accepts connections (crash recovery included). */
async function launchPostgres(l: {
  install: PostgresInstall;
  dataDir: string;
  cwd: string;
  socketDir: string;
  port: number;
  settings: string[];
  account?: { uid: number; gid: number };
  log: Logger;
}): Promise<SupervisedProcess> {
  // A deep DATA_DIR can make the socket path too long for the kernel; TCP alone then serves.
  const socketDir = path.join(l.socketDir, `.s.PGSQL.${l.port}`).length <= MAX_SOCKET_PATH ? l.socketDir : '';
  const args = ['-D', l.dataDir, '-p', String(l.port), '-k', socketDir, ...l.settings];
  l.log.info({ bin: l.install.postgres, dataDir: l.dataDir, port: l.port }, 'starting embedded PostgreSQL');
  const child: ChildProcess = spawn(l.install.postgres, args, {
    cwd: l.cwd,
    env: serverEnv(),
    uid: l.account?.uid,
    gid: l.account?.gid,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output = new OutputTail().follow(child);
  let spawnError: Error | undefined;
  const exited = exitOf(child);
  child.once('error', (err) => {
    spawnError = err;
    output.push(Buffer.from(`spawn error: ${err.message}\n`));
  });
  // On a plain process.exit() there is no time to wait: immediate shutdown takes the backends down too.
  tieToThisProcess(child, exited, 'SIGQUIT', WATCHDOG_STEPS);
  const proc: SupervisedProcess = {
    pid: child.pid,
    exited,
    kill: (signal) => child.kill(signal),
    stop: () => stopInSteps(child, exited, STOP_STEPS),
  };

  const deadline = Date.now() + 60_000;
  let lastError: unknown;
  for (;;) {
    const dead = spawnError ?? exitDescription(child);
    if (dead) lastError = dead;
    else {
      try {
        await probePostgres(l.port, AbortSignal.timeout(2000));
        // If another server answered on that port, ours exits on its bind failure: don't take theirs for ours.
        await sleep(100);
        const diedMeanwhile = spawnError ?? exitDescription(child);
        if (!diedMeanwhile) return proc;
        lastError = diedMeanwhile;
      } catch (err) {
        lastError = err;
      }
    }
    if (dead || Date.now() > deadline) break;
    await sleep(200);
  }
  await proc.stop();
  const tail = output.text();
  throw new PostgresLaunchError(
    `PostgreSQL did not start on 127.0.0.1:${l.port}: ${errorMessage(lastError)}\n--- postgres output (tail) ---\n${tail}`,
    /Address already in use/i.test(tail),
    {
      cause: lastError,
    },
  );
}

/**
 * Resolves when PostgreSQL on 127.0.0.1:`port` accepts connections: sends a startup message and
 * expects the server's authentication request, then hangs up (as pg_isready does; the server does not
 * log a client that leaves during authentication). Rejects with the server's error (e.g. SQLSTATE
 * 57P03 "the database system is starting up"), a network error, or when `signal` aborts.
 */
export function probePostgres(port: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    let received = Buffer.alloc(0);
    let settled = false;
    const finish = (err?: Error) => {
      if (settled) return;
      settled = true;
      signal.removeEventListener('abort', onAbort);
      socket.destroy();
      if (err) reject(err);
      else resolve();
    };
    const onAbort = () => finish(new Error(`PostgreSQL on port ${port} did not answer in time`));
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    socket.once('connect', () => socket.write(startupMessage({ user: ROLE, database: DATABASE, application_name: 'kus-probe' })));
    socket.on('data', (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      if (received.length < 5) return;
      const type = String.fromCharCode(received[0]);
      if (type === 'R') return finish(); // an authentication request: it accepts connections
      if (type !== 'E') return finish(new Error(`unexpected answer from PostgreSQL (message type ${JSON.stringify(type)})`));
      const length = received.readInt32BE(1);
      if (received.length < 1 + length) return;
      finish(new Error(`PostgreSQL: ${errorFields(received.subarray(5, 1 + length))}`));
    });
    socket.once('error', (err) => finish(err));
    socket.once('close', () => finish(new Error('PostgreSQL closed the connection')));
  });
}

/** Protocol 3.0 startup message: length, version, then name/value pairs, each NUL-terminated. */
function startupMessage(params: Record<string, string>): Buffer {
  const body = Buffer.from(
    `${Object.entries(params)
      .flatMap(([k, v]) => [k, v])
      .join('\0')}\0\0`,
  );
  const head = Buffer.alloc(8);
  head.writeInt32BE(8 + body.length, 0);
  head.writeInt32BE(196_608, 4);
  return Buffer.concat([head, body]);
}

/** "FATAL 57P03: the database system is starting up" from an ErrorResponse body. */
function errorFields(body: Buffer): string {
  const fields: Record<string, string> = {};
  for (const part of body.toString('utf8').split('\0')) if (part) fields[part[0]] = part.slice(1);
  return `${fields.V ?? fields.S ?? 'ERROR'} ${fields.C ?? ''}: ${fields.M ?? '(no message)'}`;
}
