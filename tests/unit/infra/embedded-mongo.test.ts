// The embedded database as started for real: FerretDB on PostgreSQL (initdb'd in a temporary
// DATA_DIR, run as the `postgres` account when we are root) and FerretDB on SQLite when forced; the
// default order; and that mongod is downloaded only on request. No mocks: real processes, real ports.
import { execFileSync } from 'node:child_process';
import { statSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, readdir, readFile, readlink, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import mongoose from 'mongoose';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findMongod, startEmbeddedMongo, type EmbeddedMongo } from '../../../server/infra/embedded-mongo';
import { locatePostgres } from '../../../server/infra/embedded-postgres';
import { isPortOpen } from '../../../server/infra/ports';

const log = pino({ level: 'warn' });
const postgres = await locatePostgres().catch(() => undefined);
// CI installs PostgreSQL (.ci/run): there, its absence is a failure rather than a reason to skip.
const withoutPostgres = !postgres && !process.env.CI;
const asRoot = process.getuid?.() === 0;

/** The process's command line, argument by argument. */
async function cmdline(pid: number): Promise<string[]> {
  return (await readFile(`/proc/${pid}/cmdline`, 'utf8')).split('\0').filter(Boolean);
}

async function environ(pid: number): Promise<string[]> {
  return (await readFile(`/proc/${pid}/environ`, 'utf8')).split('\0');
}

/** PIDs of every process whose command line or working directory is under `dir`. */
async function processesUnder(dir: string): Promise<number[]> {
  const found: number[] = [];
  for (const entry of await readdir('/proc')) {
    const pid = Number(entry);
    if (!Number.isInteger(pid) || pid === process.pid) continue;
    const [args, cwd] = await Promise.all([
      readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => ''),
      readlink(`/proc/${pid}/cwd`).catch(() => ''),
    ]);
    if (args.includes(dir) || cwd.startsWith(dir)) found.push(pid);
  }
  return found;
}

function gone(pid: number | undefined): boolean {
  if (pid === undefined) return false;
  try {
    process.kill(pid, 0);
    return false;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

/** Local addresses (hex, as the kernel prints them) of the listening TCP sockets on `port`, from /proc/net/tcp{,6}. */
async function listeningAddresses(port: number): Promise<string[]> {
  const out: string[] = [];
  for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
    const lines = (await readFile(file, 'utf8').catch(() => '')).split('\n').slice(1);
    for (const line of lines) {
      const [, local, , state] = line.trim().split(/\s+/);
      if (!local || state !== '0A') continue; // 0A = LISTEN
      const [addr, hexPort] = local.split(':');
      if (parseInt(hexPort, 16) === port) out.push(addr);
    }
  }
  return out;
}

async function waitFor<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function withClient<T>(uri: string, fn: (client: mongoose.mongo.MongoClient) => Promise<T>): Promise<T> {
  const client = new mongoose.mongo.MongoClient(uri, { directConnection: true, serverSelectionTimeoutMS: 10_000 });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.close();
  }
}

/** What both FerretDB backends must do the same way: driver basics and the unique index. */
async function speaksTheProtocol(uri: string): Promise<void> {
  await withClient(uri, async (client) => {
    const users = client.db('driver_test').collection<{ email: string; n: number }>('users');
    await users.insertMany([
      { email: 'a@example.org', n: 1 },
      { email: 'b@example.org', n: 2 },
    ]);
    expect(await users.find({ n: { $gte: 2 } }).toArray()).toMatchObject([{ email: 'b@example.org', n: 2 }]);
    await users.createIndex({ email: 1 }, { unique: true });
    const err = await users.insertOne({ email: 'a@example.org', n: 3 }).then(
      () => undefined,
      (e: unknown) => e as { code?: number },
    );
    expect(err?.code).toBe(11000);
    expect(await users.countDocuments()).toBe(2);
  });
}

/** Mongoose 9 as the data layer uses it: conditional findOneAndUpdate, countDocuments, aggregate. */
async function worksWithMongoose(uri: string): Promise<void> {
  const conn = await mongoose.createConnection(uri, { dbName: 'mongoose_test' }).asPromise();
  try {
    const Item = conn.model(
      'Item',
      new mongoose.Schema({
        slug: { type: String, required: true, unique: true },
        status: { type: String, required: true },
        version: { type: Number, default: 1 },
        area: String,
        size: Number,
      }),
    );
    await Item.init(); // builds the unique index
    await Item.create([
      { slug: 'speech-ko', status: 'draft', area: 'ai', size: 10 },
      { slug: 'medical-ct', status: 'published', area: 'bio', size: 5 },
      { slug: 'mobility', status: 'published', area: 'ai', size: 7 },
    ]);

    // Status precondition: only the first of two identical transitions wins.
    const first = await Item.findOneAndUpdate(
      { slug: 'speech-ko', status: 'draft' },
      { $set: { status: 'in_review' }, $inc: { version: 1 } },
      { returnDocument: 'after' },
    );
    expect(first?.status).toBe('in_review');
    expect(first?.version).toBe(2);
    const second = await Item.findOneAndUpdate(
      { slug: 'speech-ko', status: 'draft' },
      { $set: { status: 'in_review' }, $inc: { version: 1 } },
      { returnDocument: 'after' },
    );
    expect(second).toBeNull();

    expect(await Item.countDocuments({ status: 'published' })).toBe(2);

    const byArea = await Item.aggregate<{ _id: string; count: number }>([
      { $match: { status: { $in: ['published', 'in_review'] } } },
      { $group: { _id: '$area', count: { $sum: 1 } } },
      { $sort: { count: -1, _id: 1 } },
    ]);
    expect(byArea).toEqual([
      { _id: 'ai', count: 2 },
      { _id: 'bio', count: 1 },
    ]);
    // FerretDB 1.24.2 computes only the FIRST accumulator of a $group stage (later ones come out 0),
    // so the data layer uses one accumulator per $group; summing a field works on its own.
    const sizeByArea = await Item.aggregate<{ _id: string; size: number }>([
      { $group: { _id: '$area', size: { $sum: '$size' } } },
      { $sort: { _id: 1 } },
    ]);
    expect(sizeByArea).toEqual([
      { _id: 'ai', size: 17 },
      { _id: 'bio', size: 5 },
    ]);

    await expect(Item.create({ slug: 'mobility', status: 'draft' })).rejects.toMatchObject({ code: 11000 });
  } finally {
    await conn.close();
  }
}

const countUsers = (uri: string) => withClient(uri, (client) => client.db('driver_test').collection('users').countDocuments());

describe.skipIf(withoutPostgres)('embedded FerretDB on PostgreSQL', () => {
  let dir: string;
  let mongo: EmbeddedMongo;
  let root: string;
  let pgPort: number;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'kus-ferretdb-pg-test-'));
    root = path.join(dir, 'ferretdb-pg');
    // A short hang threshold so that the frozen-PostgreSQL case below stays quick.
    mongo = await startEmbeddedMongo({ dir, persistent: true, force: 'ferretdb-pg', hangKillMs: 3000, log });
  });

  afterAll(async () => {
    await mongo?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('runs FerretDB on loopback with telemetry off, on a PostgreSQL that listens on loopback only', async () => {
    expect(mongo.kind).toBe('ferretdb-pg');
    expect(mongo.description).toMatch(/^FerretDB v1\.24\.2 on PostgreSQL \d+/);
    expect(mongo.uri).toMatch(/^mongodb:\/\/127\.0\.0\.1:\d+$/);
    expect(Number(await readFile(path.join(root, 'ferretdb.pid'), 'utf8'))).toBe(mongo.pid);
    expect(Number(await readFile(path.join(root, 'postgres.pid'), 'utf8'))).toBe(mongo.postgresPid);

    const ferretArgs = await cmdline(mongo.pid!);
    expect(ferretArgs).toEqual(expect.arrayContaining(['--handler=pg', '--telemetry=disable', '--debug-addr=-']));
    expect(ferretArgs.find((a) => a.startsWith('--listen-addr='))).toMatch(/^--listen-addr=127\.0\.0\.1:\d+$/);
    // The URL names the role but carries no password: that goes in the environment, which only we can read.
    const pgUrl = new URL(ferretArgs.find((a) => a.startsWith('--postgresql-url='))!.slice('--postgresql-url='.length));
    expect(pgUrl).toMatchObject({
      protocol: 'postgres:',
      hostname: '127.0.0.1',
      username: 'ferretdb',
      password: '',
      pathname: '/ferretdb',
    });
    const ferretEnv = await environ(mongo.pid!);
    expect(ferretEnv).toContain('DO_NOT_TRACK=1');
    const password = (await readFile(path.join(root, 'postgres-password'), 'utf8')).trim();
    expect(password.length).toBeGreaterThanOrEqual(24);
    expect(ferretEnv).toContain(`PGPASSWORD=${password}`);

    const pgArgs = await cmdline(mongo.postgresPid!);
    expect(pgArgs).toEqual(
      expect.arrayContaining(['-D', path.join(root, 'pgdata'), '-k', path.join(root, 'socket'), 'listen_addresses=127.0.0.1']),
    );
    pgPort = Number(pgArgs[pgArgs.indexOf('-p') + 1]);
    expect(pgUrl.port).toBe(String(pgPort));
    expect(await listeningAddresses(pgPort)).toEqual(['0100007F']); // 127.0.0.1, nothing else
  });

  it.skipIf(!asRoot)('runs PostgreSQL as the unprivileged postgres account, which owns its data, when we are root', async () => {
    const status = await readFile(`/proc/${mongo.postgresPid}/status`, 'utf8');
    const uid = Number(/^Uid:\s+(\d+)/m.exec(status)![1]);
    expect(uid).not.toBe(0);
    expect(uid).toBe(Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim()));
    expect(statSync(path.join(root, 'pgdata')).uid).toBe(uid);
    expect(statSync(path.join(root, 'pgdata')).mode & 0o777).toBe(0o700);
    // The password file is ours alone.
    expect(statSync(path.join(root, 'postgres-password')).mode & 0o777).toBe(0o600);
  });

  it('speaks the MongoDB protocol: insert, find, unique index (E11000)', async () => {
    await speaksTheProtocol(mongo.uri);
  });

  it('works with mongoose 9: conditional findOneAndUpdate, countDocuments, aggregate', async () => {
    await worksWithMongoose(mongo.uri);
  });

  it('survives PostgreSQL being killed: it is restarted on the same port and FerretDB reconnects, data intact', async () => {
    const pgPid = mongo.postgresPid!;
    const ferretPid = mongo.pid;
    process.kill(pgPid, 'SIGKILL');
    const restarted = await waitFor('a new postmaster', () => (mongo.postgresPid !== pgPid ? mongo.postgresPid : undefined), 20_000);
    expect(gone(pgPid)).toBe(true);
    expect(Number(await readFile(path.join(root, 'postgres.pid'), 'utf8'))).toBe(restarted);
    const count = await waitFor('the data to be readable again', () => countUsers(mongo.uri).catch(() => undefined), 20_000);
    expect(count).toBe(2);
    expect(mongo.pid).toBe(ferretPid); // FerretDB needed no restart
  }, 45_000);

  it('survives FerretDB being killed: it is restarted on the same port, data intact', async () => {
    const ferretPid = mongo.pid!;
    process.kill(ferretPid, 'SIGKILL');
    await waitFor('a new FerretDB', () => (mongo.pid !== ferretPid ? mongo.pid : undefined), 20_000);
    expect(await waitFor('the data to be readable again', () => countUsers(mongo.uri).catch(() => undefined), 20_000)).toBe(2);
  }, 45_000);

  it('kills and restarts a PostgreSQL that stops answering (SIGSTOP) for longer than the hang threshold', async () => {
    const pgPid = mongo.postgresPid!;
    process.kill(pgPid, 'SIGSTOP');
    const start = Date.now();
    await waitFor('a new postmaster', () => (mongo.postgresPid !== pgPid ? mongo.postgresPid : undefined), 30_000);
    expect(Date.now() - start).toBeGreaterThanOrEqual(2500);
    expect(await waitFor('the data to be readable again', () => countUsers(mongo.uri).catch(() => undefined), 20_000)).toBe(2);
  }, 60_000);

  it('stop() ends both servers and every PostgreSQL process: ports closed, PIDs gone, PID files removed', async () => {
    const ferretPort = Number(new URL(mongo.uri).port);
    expect(await isPortOpen(pgPort)).toBe(true);
    const pids = [mongo.pid, mongo.postgresPid];
    expect(await processesUnder(root)).not.toHaveLength(0);
    await mongo.stop();
    expect(await isPortOpen(ferretPort)).toBe(false);
    expect(await isPortOpen(pgPort)).toBe(false);
    for (const pid of pids) expect(gone(pid)).toBe(true);
    // Backends and auxiliary processes too (they run with the cluster as working directory).
    expect(await processesUnder(root)).toEqual([]);
    expect((await readdir(root)).filter((f) => f.endsWith('.pid'))).toEqual([]);
    await mongo.stop(); // idempotent
  }, 60_000);

  it('keeps data across restarts when persistent (the cluster is initialised once), and removes it when not', async () => {
    const password = await readFile(path.join(root, 'postgres-password'), 'utf8');
    const again = await startEmbeddedMongo({ dir, persistent: true, force: 'ferretdb-pg', log });
    try {
      expect(again.kind).toBe('ferretdb-pg');
      expect(await countUsers(again.uri)).toBe(2);
      expect(await readFile(path.join(root, 'postgres-password'), 'utf8')).toBe(password);
    } finally {
      await again.stop();
    }

    const scratchParent = path.join(dir, 'scratch');
    const scratch = await startEmbeddedMongo({ dir: scratchParent, persistent: false, force: 'ferretdb-pg', log });
    const scratchRoot = path.join(scratchParent, (await readdir(scratchParent))[0]);
    expect(await readdir(scratchParent)).toHaveLength(1);
    // Tests' scratch clusters trade machine-crash safety for speed; their data is thrown away anyway.
    expect(await cmdline(scratch.postgresPid!)).toContain('fsync=off');
    await scratch.stop();
    expect(await readdir(scratchParent)).toHaveLength(0);
    expect(await processesUnder(scratchRoot)).toEqual([]);
  }, 120_000);
});

describe('embedded FerretDB on SQLite (EMBEDDED_MONGO=ferretdb-sqlite)', () => {
  let dir: string;
  let mongo: EmbeddedMongo;
  let port: number;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'kus-ferretdb-test-'));
    mongo = await startEmbeddedMongo({ dir, persistent: true, force: 'ferretdb-sqlite', log });
    port = Number(new URL(mongo.uri).port);
  });

  afterAll(async () => {
    await mongo?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('listens on loopback and returns a URI without a database name', () => {
    expect(mongo.kind).toBe('ferretdb-sqlite');
    expect(mongo.description).toBe('FerretDB v1.24.2 on SQLite');
    expect(mongo.uri).toMatch(/^mongodb:\/\/127\.0\.0\.1:\d+$/);
    expect(mongo.pid).toBeTypeOf('number');
    expect(mongo.postgresPid).toBeUndefined();
  });

  it('runs with telemetry disabled (flag and DO_NOT_TRACK=1) and no debug listener', async () => {
    const args = await cmdline(mongo.pid!);
    expect(args).toEqual(expect.arrayContaining(['--handler=sqlite', '--telemetry=disable', '--debug-addr=-']));
    expect(args.find((a) => a.startsWith('--listen-addr='))).toMatch(/^--listen-addr=127\.0\.0\.1:\d+$/);
    expect(await environ(mongo.pid!)).toContain('DO_NOT_TRACK=1');
  });

  it('speaks the MongoDB protocol: insert, find, unique index (E11000)', async () => {
    await speaksTheProtocol(mongo.uri);
    // Data lands in the given directory (SQLite file per database).
    expect((await readdir(path.join(dir, 'ferretdb'))).some((f) => f.startsWith('driver_test'))).toBe(true);
  });

  it('works with mongoose 9: conditional findOneAndUpdate, countDocuments, aggregate', async () => {
    await worksWithMongoose(mongo.uri);
  });

  it('stop() ends the process: the port refuses connections and the PID is gone', async () => {
    expect(await isPortOpen(port)).toBe(true);
    await mongo.stop();
    expect(await isPortOpen(port)).toBe(false);
    expect(gone(mongo.pid)).toBe(true);
    await mongo.stop(); // idempotent
  });

  it('keeps data across restarts when persistent, and removes it when not', async () => {
    const again = await startEmbeddedMongo({ dir, persistent: true, force: 'ferretdb-sqlite', log });
    try {
      expect(await countUsers(again.uri)).toBe(2);
    } finally {
      await again.stop();
    }

    const scratchParent = path.join(dir, 'scratch');
    const scratch = await startEmbeddedMongo({ dir: scratchParent, persistent: false, force: 'ferretdb-sqlite', log });
    expect(await readdir(scratchParent)).toHaveLength(1);
    await scratch.stop();
    expect(await readdir(scratchParent)).toHaveLength(0);
  });

  it('the default order keeps a DATA_DIR that already has SQLite data on SQLite (switching would hide it)', async () => {
    const cachedMongod = await findMongod(log, { download: false });
    const again = await startEmbeddedMongo({ dir, persistent: true, log });
    try {
      expect(again.kind).toBe(cachedMongod ? 'mongod' : 'ferretdb-sqlite');
      if (!cachedMongod) expect(await countUsers(again.uri)).toBe(2);
    } finally {
      await again.stop();
    }
  });
});

describe.skipIf(withoutPostgres)('the default order', () => {
  it('starts FerretDB on PostgreSQL for a fresh DATA_DIR when no mongod is cached', async () => {
    const cachedMongod = await findMongod(log, { download: false });
    const dir = await mkdtemp(path.join(os.tmpdir(), 'kus-default-order-test-'));
    try {
      const mongo = await startEmbeddedMongo({ dir, persistent: false, log });
      try {
        expect(mongo.kind).toBe(cachedMongod ? 'mongod' : 'ferretdb-pg');
      } finally {
        await mongo.stop();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 60_000);
});

describe('mongod is downloaded only when asked for (EMBEDDED_MONGO=mongod)', () => {
  const saved: Record<string, string | undefined> = {};
  const requests: string[] = [];
  let server: http.Server;
  let downloadDir: string;

  beforeAll(async () => {
    // A download "mirror" on loopback that answers 404: it records whether anything asked.
    server = http.createServer((req, res) => {
      requests.push(req.url ?? '');
      res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    downloadDir = await mkdtemp(path.join(os.tmpdir(), 'kus-mongod-download-test-'));
    const env = {
      MONGOMS_DOWNLOAD_URL: `http://127.0.0.1:${(server.address() as AddressInfo).port}/mongodb-linux-x86_64-debian12-7.0.14.tgz`,
      MONGOMS_USE_HTTP: 'true',
      MONGOMS_DOWNLOAD_DIR: downloadDir,
      MONGOMS_PREFER_GLOBAL_PATH: 'false',
      MONGOMS_SYSTEM_BINARY: undefined,
    };
    for (const [key, value] of Object.entries(env)) {
      saved[key] = process.env[key];
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  });

  afterAll(async () => {
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await rm(downloadDir, { recursive: true, force: true });
  });

  it('never asks for a download without the opt-in; with it, it does and reports the failure naming the options', async () => {
    expect(await findMongod(log, { download: false })).toBeUndefined();
    expect(requests).toEqual([]);
    expect(process.env.MONGOMS_RUNTIME_DOWNLOAD).toBe('false');

    const dir = await mkdtemp(path.join(os.tmpdir(), 'kus-mongod-optin-test-'));
    try {
      const err = await startEmbeddedMongo({ dir, persistent: false, force: 'mongod', log }).then(
        () => undefined,
        (e: unknown) => e as Error,
      );
      expect(requests).toEqual(['/mongodb-linux-x86_64-debian12-7.0.14.tgz']);
      expect(err?.message).toMatch(/downloading mongod failed/);
      expect(err?.message).toMatch(/EMBEDDED_MONGO=mongod/);
      expect(err?.message).toMatch(/MONGODB_URI/);
      expect(err?.message).toMatch(/PostgreSQL/);
      // The opt-in does not leak into later lookups.
      expect(process.env.MONGOMS_RUNTIME_DOWNLOAD).toBe('false');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
