// The PostgreSQL server under the embedded FerretDB (docs/design.md §2): Debian's `postgresql` (or any
// PostgreSQL whose `initdb` and `postgres` we find), a cluster initialised once under DATA_DIR, one
// `postgres` process on 127.0.0.1 only, supervised like FerretDB and stopped with the app.
// This file starts and supervises it; postgres-install.ts finds the installation and the account to
// run as, postgres-cluster.ts makes the cluster once, postgres-probe.ts is the liveness check.
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
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from 'pino';
import { getFreePort } from './ports';
import { errorMessage, exitDescription, exitOf, OutputTail, sleep, stopInSteps, tieToThisProcess, type StopStep } from './processes';
import { DATABASE, ensureCluster, letAccountReach, ownedDirectory, ROLE } from './postgres-cluster';
import { serverAccount, serverEnv, type PostgresInstall } from './postgres-install';
import { probePostgres } from './postgres-probe';
import { Supervisor, type SupervisedProcess } from './supervisor';

export { locatePostgres, type PostgresInstall } from './postgres-install';

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
