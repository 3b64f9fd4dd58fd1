// The embedded MongoDB-protocol database (docs/design.md §2), used when MONGODB_URI is unset, in this order:
//   1. mongod through mongodb-memory-server when a binary is cached; downloaded only when the user
//      opts in with EMBEDDED_MONGO=mongod (these machines have no network);
//   2. FerretDB on PostgreSQL when a PostgreSQL server is installed (server/infra/embedded-postgres.ts):
//      it pushes equality filters on top-level fields down to SQL;
//   3. FerretDB on SQLite, which pushes down nothing but a single `_id`;
//   4. otherwise one error naming every way to get a database.
// EMBEDDED_MONGO=mongod|ferretdb|ferretdb-pg|ferretdb-sqlite forces one (`ferretdb`: PostgreSQL if
// available, else SQLite). Each server is supervised (server/infra/supervisor.ts) and its PID kept in a
// file beside its data. This file decides the order; embedded-mongod.ts and embedded-ferretdb.ts start
// each kind, embedded-supervise.ts supervises them, embedded-mongo-contract.ts holds the types.
import { mkdir, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { EmbeddedMongo, EmbeddedMongoOptions } from './embedded-mongo-contract';
import { startFerretdbOnPostgres, startFerretdbOnSqlite } from './embedded-ferretdb';
import { findMongod, startMongod } from './embedded-mongod';
import { locatePostgres } from './embedded-postgres';
import { FERRETDB_VERSION, locateFerretdb } from './ferretdb';
import { errorMessage } from './processes';

export { FERRETDB_VERSION } from './ferretdb';
export type { EmbeddedMongoChoice } from './config';
export type { EmbeddedMongo, EmbeddedMongoKind, EmbeddedMongoOptions } from './embedded-mongo-contract';
export { findMongod } from './embedded-mongod';

/** Starts an embedded MongoDB-protocol server in the order of the file header. */
export async function startEmbeddedMongo(opts: EmbeddedMongoOptions): Promise<EmbeddedMongo> {
  const { log, force } = opts;
  await mkdir(opts.dir, { recursive: true });
  const problems: string[] = [];

  if (!force || force === 'mongod') {
    let binary: string | undefined;
    try {
      binary = await findMongod(log, { download: force === 'mongod' });
    } catch (err) {
      problems.push(`mongod: ${errorMessage(err)}`);
    }
    if (binary) return startMongod(opts, binary);
    if (!problems.length) problems.push('mongod: no binary in the mongodb-memory-server cache and MONGOMS_SYSTEM_BINARY is not set');
    if (force === 'mongod') throw noDatabaseError(problems);
  }

  let ferretdb: string;
  try {
    ferretdb = await locateFerretdb(log);
  } catch (err) {
    problems.push(`ferretdb: ${errorMessage(err)}`);
    throw noDatabaseError(problems);
  }

  if (force !== 'ferretdb-sqlite') {
    const pgRoot = path.join(opts.dir, 'ferretdb-pg');
    if (
      !force &&
      opts.persistent &&
      (await hasSqliteData(path.join(opts.dir, 'ferretdb'))) &&
      !(await exists(path.join(pgRoot, 'pgdata')))
    ) {
      // Switching would show an empty catalogue: the data is in SQLite until the user moves it.
      log.warn(
        { sqlite: path.join(opts.dir, 'ferretdb') },
        'keeping the embedded FerretDB on SQLite, where this DATA_DIR already has data; EMBEDDED_MONGO=ferretdb-pg starts PostgreSQL instead (move the data with mongodump/mongorestore)',
      );
    } else {
      try {
        const install = await locatePostgres(path.join(pgRoot, 'pgdata'));
        return await startFerretdbOnPostgres(opts, ferretdb, install);
      } catch (err) {
        problems.push(`ferretdb-pg: ${errorMessage(err)}`);
        if (force === 'ferretdb-pg') throw noDatabaseError(problems);
        log.warn({ problem: errorMessage(err) }, 'embedded FerretDB on PostgreSQL unavailable; using SQLite');
      }
    }
  }
  return startFerretdbOnSqlite(opts, ferretdb);
}

async function exists(file: string): Promise<boolean> {
  return (await stat(file).catch(() => undefined)) !== undefined;
}

/** True when FerretDB's SQLite directory holds a database file. */
async function hasSqliteData(dir: string): Promise<boolean> {
  const files = await readdir(dir).catch(() => [] as string[]);
  return files.some((f) => f.endsWith('.sqlite'));
}

function noDatabaseError(problems: string[]): Error {
  return new Error(
    [
      'No MongoDB-protocol database is available. Provide one of:',
      '  1. MONGODB_URI=mongodb://… pointing at a running MongoDB (replica set or Atlas in production);',
      '  2. a mongod for mongodb-memory-server: on a connected machine EMBEDDED_MONGO=mongod downloads one once;',
      '     or set MONGOMS_SYSTEM_BINARY=/path/to/mongod, or put one in its cache (~/.cache/mongodb-binaries);',
      `  3. FerretDB ${FERRETDB_VERSION} (set FERRETDB_BIN=/path/to/ferretdb, put \`ferretdb\` on PATH or in $(go env GOPATH)/bin,`,
      '     or install Go so that it is built automatically), on PostgreSQL when a server is installed',
      '     (Debian: apt-get install postgresql; or PG_BIN=/path/to/bin with initdb and postgres), else on SQLite.',
      'What was tried:',
      ...problems.map((p) => `  - ${p}`),
    ].join('\n'),
  );
}
