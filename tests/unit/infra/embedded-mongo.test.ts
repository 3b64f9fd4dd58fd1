import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import mongoose from 'mongoose';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedMongo, type EmbeddedMongo } from '../../../server/infra/embedded-mongo';
import { isPortOpen } from '../../../server/infra/ports';

const log = pino({ level: 'warn' });

describe('embedded FerretDB', () => {
  let dir: string;
  let mongo: EmbeddedMongo;
  let port: number;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'kus-ferretdb-test-'));
    mongo = await startEmbeddedMongo({ dir, persistent: true, force: 'ferretdb', log });
    port = Number(new URL(mongo.uri).port);
  });

  afterAll(async () => {
    await mongo?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('listens on loopback and returns a URI without a database name', () => {
    expect(mongo.kind).toBe('ferretdb');
    expect(mongo.uri).toMatch(/^mongodb:\/\/127\.0\.0\.1:\d+$/);
    expect(mongo.pid).toBeTypeOf('number');
  });

  it('runs with telemetry disabled (flag and DO_NOT_TRACK=1) and no debug listener', async () => {
    const args = (await readFile(`/proc/${mongo.pid}/cmdline`, 'utf8')).split('\0');
    expect(args).toContain('--telemetry=disable');
    expect(args).toContain('--debug-addr=-');
    expect(args.find((a) => a.startsWith('--listen-addr='))).toMatch(/^--listen-addr=127\.0\.0\.1:\d+$/);
    const env = (await readFile(`/proc/${mongo.pid}/environ`, 'utf8')).split('\0');
    expect(env).toContain('DO_NOT_TRACK=1');
  });

  it('speaks the MongoDB protocol: insert, find, unique index (E11000)', async () => {
    const client = new mongoose.mongo.MongoClient(mongo.uri, { directConnection: true });
    await client.connect();
    try {
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
    } finally {
      await client.close();
    }
    // Data lands in the given directory (SQLite file per database).
    expect((await readdir(path.join(dir, 'ferretdb'))).some((f) => f.startsWith('driver_test'))).toBe(true);
  });

  it('works with mongoose 9: conditional findOneAndUpdate, countDocuments, aggregate', async () => {
    const conn = await mongoose.createConnection(mongo.uri, { dbName: 'mongoose_test' }).asPromise();
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
  });

  it('stop() ends the process: the port refuses connections and the PID is gone', async () => {
    expect(await isPortOpen(port)).toBe(true);
    await mongo.stop();
    expect(await isPortOpen(port)).toBe(false);
    expect(() => process.kill(mongo.pid!, 0)).toThrow(expect.objectContaining({ code: 'ESRCH' }));
    await mongo.stop(); // idempotent
  });

  it('keeps data across restarts when persistent, and removes it when not', async () => {
    const again = await startEmbeddedMongo({ dir, persistent: true, force: 'ferretdb', log });
    const client = new mongoose.mongo.MongoClient(again.uri, { directConnection: true });
    try {
      await client.connect();
      expect(await client.db('driver_test').collection('users').countDocuments()).toBe(2);
    } finally {
      await client.close();
      await again.stop();
    }

    const scratchParent = path.join(dir, 'scratch');
    const scratch = await startEmbeddedMongo({ dir: scratchParent, persistent: false, force: 'ferretdb', log });
    expect(await readdir(scratchParent)).toHaveLength(1);
    await scratch.stop();
    expect(await readdir(scratchParent)).toHaveLength(0);
  });
});
