// Supervision of an embedded MongoDB-protocol server: restart on exit, kill when hung, its PID file beside its data.
import { rm, writeFile } from 'node:fs/promises';
import mongoose from 'mongoose';
import type { EmbeddedMongoOptions } from './embedded-mongo-contract';
import { Supervisor, type SupervisedProcess } from './supervisor';

/** Kill and restart a server alive but silent for this long, unless EMBEDDED_DB_HANG_MS says otherwise. */
export const DEFAULT_HANG_KILL_MS = 30_000;

/** A supervised server: its current PID and how to stop it for good. */
export interface Supervised {
  readonly pid: number | undefined;
  stop(): Promise<void>;
}

/**
 * Puts a started server under a Supervisor (restart on exit, kill when hung; server/infra/supervisor.ts)
 * and records its PID in `pidFile`, beside its data, at each (re)start: for operators and the fault tests.
 */
export function supervise(
  opts: Pick<EmbeddedMongoOptions, 'hangKillMs' | 'log'>,
  s: {
    name: string;
    uri: string;
    pidFile: string;
    first: SupervisedProcess;
    launch: () => Promise<SupervisedProcess>;
    ping: 'ping' | 'hello';
  },
): Supervised {
  // One client for the health pings; it reconnects by itself after a restart on the same port.
  const pinger = new mongoose.mongo.MongoClient(s.uri, { directConnection: true, serverSelectionTimeoutMS: 2000, connectTimeoutMS: 2000 });
  const supervisor = new Supervisor(
    {
      name: s.name,
      launch: s.launch,
      ping: async (signal) => {
        await pinger.db('admin').command({ [s.ping]: 1 }, { signal });
      },
      hangKillMs: opts.hangKillMs ?? DEFAULT_HANG_KILL_MS,
      onRunning: (proc) => writeFile(s.pidFile, `${proc.pid ?? ''}\n`),
      log: opts.log,
    },
    s.first,
  );
  let stopping: Promise<void> | undefined;
  return {
    get pid() {
      return supervisor.pid;
    },
    stop() {
      stopping ??= (async () => {
        await supervisor.stop();
        await pinger.close().catch(() => undefined);
        await rm(s.pidFile, { force: true });
      })();
      return stopping;
    },
  };
}
