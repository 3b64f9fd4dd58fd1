// mongod through mongodb-memory-server: finding (or, when asked, downloading) the binary and running it supervised.
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from 'pino';
import type { EmbeddedMongo, EmbeddedMongoOptions } from './embedded-mongo-contract';
import { supervise } from './embedded-supervise';
import { getFreePort } from './ports';
import { errorMessage, exitOf, killQuietly } from './processes';
import type { SupervisedProcess } from './supervisor';

/**
 * Returns the path of a mongod that mongodb-memory-server can use, or undefined. Downloads one only
 * when `download` is set (the user opted in with EMBEDDED_MONGO=mongod); never otherwise.
 */
export async function findMongod(log: Logger, { download }: { download: boolean }): Promise<string | undefined> {
  // The package reads this at call time and defaults it to "true": keep it off except for the opt-in.
  process.env.MONGOMS_RUNTIME_DOWNLOAD = 'false';
  const { DryMongoBinary, MongoBinary } = await import('mongodb-memory-server');
  const options = await DryMongoBinary.generateOptions();
  const found = await DryMongoBinary.locateBinary(options);
  log.debug({ found, version: options.version }, 'mongodb-memory-server binary lookup');
  if (found || !download) return found;
  log.warn(
    { version: options.version, downloadDir: options.downloadDir },
    'EMBEDDED_MONGO=mongod: downloading mongod with mongodb-memory-server (once; it is cached for later runs)',
  );
  process.env.MONGOMS_RUNTIME_DOWNLOAD = 'true';
  try {
    return await MongoBinary.getPath();
  } catch (err) {
    throw new Error(`downloading mongod failed (this needs network access): ${errorMessage(err)}`, { cause: err });
  } finally {
    process.env.MONGOMS_RUNTIME_DOWNLOAD = 'false';
  }
}

/** Runs mongod on a free port of 127.0.0.1 with its data in `<dir>/mongod` (or a scratch directory). */
export async function startMongod(opts: EmbeddedMongoOptions, binary: string): Promise<EmbeddedMongo> {
  const { log } = opts;
  const dbPath = opts.persistent ? path.join(opts.dir, 'mongod') : await mkdtemp(path.join(opts.dir, 'mongod-scratch-'));
  await mkdir(dbPath, { recursive: true });
  const port = await getFreePort();
  log.info({ binary, dbPath, port }, 'starting embedded mongod (mongodb-memory-server)');
  // A restart makes a new server on the same port and data (portGeneration off: never another port).
  const launch = () => launchMongod(port, dbPath);
  const first = await launch();
  const uri = `mongodb://127.0.0.1:${port}`;
  const server = supervise(opts, { name: 'embedded mongod', uri, pidFile: path.join(dbPath, 'mongod.pid'), first, launch, ping: 'ping' });
  return {
    uri,
    kind: 'mongod',
    description: `mongod (${path.basename(binary)})`,
    get pid() {
      return server.pid;
    },
    stop: async () => {
      await server.stop();
      if (!opts.persistent) await rm(dbPath, { recursive: true, force: true });
    },
  };
}

async function launchMongod(port: number, dbPath: string): Promise<SupervisedProcess> {
  const { MongoMemoryServer } = await import('mongodb-memory-server');
  const server = await MongoMemoryServer.create({
    instance: { ip: '127.0.0.1', port, portGeneration: false, dbPath, storageEngine: 'wiredTiger' },
  });
  const child = server.instanceInfo?.instance.mongodProcess;
  const pid = child?.pid;
  const exited = child ? exitOf(child) : Promise.resolve({ code: null, signal: null });
  // mongodb-memory-server also runs its own killer process; this covers a normal process.exit().
  const onExit = () => killQuietly(pid);
  process.on('exit', onExit);
  void exited.then(() => process.off('exit', onExit));
  return {
    pid,
    exited,
    kill: (signal) => killQuietly(pid, signal),
    async stop() {
      await server.stop({ doCleanup: false, force: false });
      await exited;
    },
  };
}
