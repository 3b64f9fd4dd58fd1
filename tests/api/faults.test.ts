// Faults survived, measured from outside. Real app processes (server/main.ts, each with its own
// DATA_DIR and supervised embedded FerretDB) whose database we freeze (SIGSTOP) and kill (SIGKILL),
// whose S3 we take away (closed port, then a port that accepts and never answers), and which we
// SIGTERM with a request in flight. During a fault the API answers 503 problem+json within its
// deadline (never 500, never a hang); afterwards it works again, with the data written before.
//   app A (demo catalogue, S3 = an s3rver this file runs; FerretDB on the run's backend: PostgreSQL
//     when installed, SQLite with EMBEDDED_MONGO=ferretdb-sqlite): storage, kill, freeze, SIGTERM;
//   app B (FerretDB on SQLite with a busy timeout of 10 ms, hang watchdog at 3 s): 20 providers
//     writing at once while another process holds the write lock, and a database frozen for longer
//     than the watchdog allows;
//   app C (FerretDB on PostgreSQL, whatever the run uses): PostgreSQL killed, FerretDB killed.
import { spawn } from 'node:child_process';
import net from 'node:net';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import mongoose from 'mongoose';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { locatePostgres } from '../../server/infra/embedded-postgres';
import { startEmbeddedS3, type EmbeddedS3 } from '../../server/infra/embedded-s3';
import { Client, createOrg, createUser, type TestUser } from '../helpers/app';
import { isAlive, signalQuietly, startMainApp, type MainApp } from '../helpers/main-app';

const DB_TIMEOUT_MS = 2000;
const S3_TIMEOUT_MS = 1500;
/** Allowance for scheduling on a loaded 2-core machine, on top of each deadline. */
const MARGIN_MS = 1500;
const DEMO_PASSWORD = 'databridge-demo';
// CI installs PostgreSQL (.ci/run): there, its absence fails app C's start rather than skipping it.
const withPostgres = (await locatePostgres().catch(() => undefined)) !== undefined || Boolean(process.env.CI);

let a: MainApp;
let b: MainApp;
let c: MainApp | undefined;
let s3: EmbeddedS3;
let s3Dir: string;
let s3Port: number;

beforeAll(async () => {
  s3Dir = await mkdtemp(path.join(os.tmpdir(), 'kus-faults-s3-'));
  s3 = await startS3();
  s3Port = Number(new URL(s3.settings.endpoint!).port);
  const started = await Promise.allSettled([
    startMainApp({
      SEED_DEMO: 'true',
      DB_TIMEOUT_MS: String(DB_TIMEOUT_MS),
      S3_TIMEOUT_MS: String(S3_TIMEOUT_MS),
      // Longer than the 20 s freeze below: that one must end by SIGCONT, not by a restart.
      EMBEDDED_DB_HANG_MS: '60000',
      S3_ENDPOINT: s3.settings.endpoint!,
      S3_BUCKET: s3.settings.bucket,
      S3_REGION: s3.settings.region,
      S3_ACCESS_KEY_ID: s3.settings.accessKeyId,
      S3_SECRET_ACCESS_KEY: s3.settings.secretAccessKey,
    }),
    startMainApp({
      // SQLite gives up on the write lock after 10 ms, so concurrent writers really collide; the
      // deadline leaves the retries room even on a busy machine.
      EMBEDDED_MONGO: 'ferretdb-sqlite',
      EMBEDDED_DB_BUSY_TIMEOUT_MS: '10',
      DB_TIMEOUT_MS: '15000',
      EMBEDDED_DB_HANG_MS: '3000',
      LOG_LEVEL: 'debug',
    }),
    withPostgres
      ? startMainApp({ EMBEDDED_MONGO: 'ferretdb-pg', DB_TIMEOUT_MS: String(DB_TIMEOUT_MS), LOG_LEVEL: 'debug' })
      : Promise.resolve(undefined),
  ]);
  if (started[0].status === 'fulfilled') a = started[0].value;
  if (started[1].status === 'fulfilled') b = started[1].value;
  if (started[2].status === 'fulfilled') c = started[2].value;
  const failed = started.find((s) => s.status === 'rejected');
  if (failed) throw failed.reason;
}, 180_000);

afterAll(async () => {
  await Promise.all([a?.cleanup(), b?.cleanup(), c?.cleanup()]);
  await s3?.stop();
  if (s3Dir) await rm(s3Dir, { recursive: true, force: true });
});

function startS3(port?: number): Promise<EmbeddedS3> {
  return startEmbeddedS3({ dir: s3Dir, bucket: 'faults', allowedOrigins: [], port, log: pino({ level: 'warn' }) });
}

interface Answer {
  status: number;
  ms: number;
  code?: string;
  detail?: string;
  contentType: string | null;
  retryAfter: string | null;
  body: any;
  headers: Headers;
}

/** One request, timed, with the problem fields picked out. */
async function timed(client: Client, method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<Answer> {
  const start = Date.now();
  const res = await client.request(method, path, body, headers);
  const problem = typeof res.body === 'object' && res.body ? (res.body as { code?: string; detail?: string }) : {};
  return {
    status: res.status,
    ms: Date.now() - start,
    code: problem.code,
    detail: problem.detail,
    contentType: res.headers.get('content-type'),
    retryAfter: res.headers.get('retry-after'),
    body: res.body,
    headers: res.headers,
  };
}

/** A cookie session with its CSRF token. */
async function signIn(url: string, email: string): Promise<Client> {
  const client = new Client(url);
  client.cookie = '';
  const res = await client.post('/api/v1/auth/login', { email, password: DEMO_PASSWORD });
  if (res.status !== 200) throw new Error(`sign-in of ${email} failed: ${res.status} ${res.text}`);
  client.csrf = res.body.csrfToken;
  return client;
}

/** Polls `probe` every `everyMs` (100 ms) until it returns a value; fails after `timeoutMs`. */
async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs: number, everyMs = 100): Promise<T> {
  const start = Date.now();
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() - start > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(everyMs);
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const tag = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

function expectUnavailable(answer: Answer, code: string, deadlineMs: number): void {
  expect(answer, `${answer.status} ${JSON.stringify(answer.body).slice(0, 300)}`).toMatchObject({ status: 503, code });
  expect(answer.contentType).toMatch(/application\/problem\+json/);
  expect(Number(answer.retryAfter)).toBeGreaterThan(0);
  expect(answer.ms).toBeLessThanOrEqual(deadlineMs + MARGIN_MS);
}

/** The SQLite file of app B's database (FerretDB keeps one file per database under DATA_DIR/mongo/ferretdb). */
async function sqliteFileOf(app: MainApp): Promise<string> {
  const dir = path.join(app.dataDir, 'mongo', 'ferretdb');
  const files = (await readdir(dir)).filter((f) => f.endsWith('.sqlite') && !f.startsWith('admin'));
  expect(files, `SQLite files in ${dir}`).toHaveLength(1);
  return path.join(dir, files[0]);
}

/**
 * Takes SQLite's write lock on `file` from another process (Python's sqlite3, `BEGIN IMMEDIATE`) and
 * keeps it until released; readers go on, writers get "database is locked" after their busy timeout.
 */
async function holdWriteLock(file: string): Promise<{ release: () => Promise<void>; heldMs: number }> {
  const script = [
    'import sqlite3, sys',
    'c = sqlite3.connect(sys.argv[1], isolation_level=None, timeout=10)',
    "c.execute('BEGIN IMMEDIATE')",
    "print('locked', flush=True)",
    'sys.stdin.readline()',
    "c.execute('ROLLBACK')",
    "print('released', flush=True)",
  ].join('\n');
  const child = spawn('python3', ['-c', script, file], { stdio: ['pipe', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  await waitFor(`the write lock on ${file} (${err})`, async () => (out.includes('locked') ? true : undefined), 10_000);
  const since = Date.now();
  const held = { heldMs: 0, release: async () => {} };
  held.release = async () => {
    child.stdin.end('\n');
    const code = await exited;
    held.heldMs = Date.now() - since;
    expect(code, `lock holder: ${out} ${err}`).toBe(0);
  };
  return held;
}

const draft = (slug: string) => ({ slug, title: { ko: `장애 시험 ${slug}`, en: `Fault test ${slug}` } });

describe('concurrent writers (app B)', () => {
  it('20 providers create drafts at once, then PATCH them at once: no 500s, every write acknowledged and kept; busy writes were retried', async () => {
    // The providers are written straight into app B's database (the project's factories).
    await mongoose.connect(b.dbUri(), { dbName: 'databridge' });
    let providers: TestUser[];
    try {
      providers = [];
      for (let i = 0; i < 20; i++) providers.push(await createUser({ roles: ['provider'], org: await createOrg() }));
    } finally {
      await mongoose.disconnect();
    }
    const clients = providers.map((p) => new Client(b.url, p.token));
    const t = tag();
    const start = Date.now();
    // Twenty writers collide only when the machine lets them: a lock taken from outside makes sure
    // the database refuses some writes, held until the app has logged a busy retry (then let go, so
    // that the retries succeed).
    const lock = await holdWriteLock(await sqliteFileOf(b));
    const creating = Promise.all(clients.map((c, i) => timed(c, 'POST', '/api/v1/datasets', draft(`busy-${t}-${i}`))));
    try {
      // Polled often: each refused writer has 8 attempts, about 0.6 s of backoff, to outlast the lock.
      await waitFor('a busy retry while the write lock is held', async () => (b.logs.some((l) => l.msg === 'database busy; retrying') ? true : undefined), 20_000, 10);
    } finally {
      await lock.release();
    }
    const created = await creating;
    const patched = await Promise.all(
      created.map((c, i) =>
        timed(
          clients[i],
          'PATCH',
          `/api/v1/datasets/${c.body.id}`,
          { title: { ko: `수정 ${i}`, en: `Patched ${i}` } },
          { 'if-match': c.headers.get('etag') ?? '*' },
        ),
      ),
    );
    const retries = b.logs.filter((l) => l.msg === 'database busy; retrying');
    console.info(
      `concurrent writers: 20 creates ${created.map((c) => c.status).join(',')} (max ${Math.max(...created.map((c) => c.ms))} ms); ` +
        `20 PATCHes ${patched.map((p) => p.status).join(',')} (max ${Math.max(...patched.map((p) => p.ms))} ms); ` +
        `${retries.length} busy retries (max attempt ${Math.max(0, ...retries.map((r) => Number(r.attempt)))}); write lock held ${lock.heldMs} ms; ${Date.now() - start} ms`,
    );
    expect(created.map((c) => c.status)).toEqual(Array(20).fill(201));
    expect(patched.map((p) => p.status)).toEqual(Array(20).fill(200));
    // The database did refuse writes ("database is locked") and the data layer sent them again.
    expect(retries.length).toBeGreaterThan(0);
    expect(lock.heldMs).toBeGreaterThan(0);
    const reread = await Promise.all(created.map((c, i) => clients[i].get(`/api/v1/datasets/${c.body.id}`)));
    expect(reread.map((r) => r.body.title.en)).toEqual(created.map((_, i) => `Patched ${i}`));
  }, 60_000);
});

describe('hung database watchdog (app B)', () => {
  it('a database frozen for longer than EMBEDDED_DB_HANG_MS (3 s) is killed and restarted on the same port; the API works again', async () => {
    const frozen = (await b.dbPid())!;
    expect(frozen).toBeTypeOf('number');
    signalQuietly(frozen, 'SIGSTOP');
    const start = Date.now();
    const restarted = await waitFor(
      'a new database process',
      async () => {
        const pid = await b.dbPid();
        return pid && pid !== frozen ? pid : undefined;
      },
      20_000,
    );
    const restartMs = Date.now() - start;
    const orgs = await waitFor(
      'organizations to answer 200',
      async () => {
        const res = await new Client(b.url).get('/api/v1/organizations');
        return res.status === 200 ? res : undefined;
      },
      10_000,
    );
    console.info(`hung database: killed and restarted after ${restartMs} ms (pid ${frozen} → ${restarted})`);
    expect(restartMs).toBeGreaterThanOrEqual(3000);
    expect(restartMs).toBeLessThan(15_000);
    expect(await isAlive(frozen)).toBe(false);
    expect(orgs.body.items.length).toBeGreaterThan(0);
    expect(b.logs.some((l) => /has not answered for too long/.test(String(l.msg)))).toBe(true);
  }, 40_000);
});

describe('faults of app A', () => {
  it('S3 unreachable (closed port, then silent port): file routes answer 503 storage_unavailable within S3_TIMEOUT_MS; catalogue, search and sign-in keep working; files work again when S3 is back', async () => {
    const anon = new Client(a.url);
    const provider = await signIn(a.url, 'provider@demo.kr');
    const created = await timed(provider, 'POST', '/api/v1/datasets', draft(`files-${tag()}`));
    expect(created.status).toBe(201);
    const dsId = created.body.id as string;
    const upload = { kind: 'sample', filename: 'rows.csv', contentType: 'text/csv', bytes: 10, sha256: 'a'.repeat(64) };
    const firstUpload = await timed(provider, 'POST', `/api/v1/datasets/${dsId}/artifacts`, upload);
    expect(firstUpload.status).toBe(201);
    const pendingId = firstUpload.body.artifact.id as string;
    // A published demo sample that anybody may download.
    const sample = await findDownloadableSample(anon);

    const fileRoutes = () =>
      Promise.all([
        timed(provider, 'POST', `/api/v1/datasets/${dsId}/artifacts`, upload),
        timed(anon, 'GET', `${sample}?format=json`),
        timed(provider, 'POST', `/api/v1/datasets/${dsId}/artifacts/${pendingId}/complete`),
      ]);
    const otherRoutes = () =>
      Promise.all([
        timed(anon, 'GET', '/api/v1/datasets?pageSize=5'),
        timed(anon, 'GET', `/api/v1/datasets?q=${encodeURIComponent('음성')}`),
        timed(anon, 'POST', '/api/v1/auth/login', { email: 'researcher@demo.kr', password: DEMO_PASSWORD }),
        timed(anon, 'GET', '/api/v1/organizations'),
        timed(anon, 'GET', '/healthz'),
      ]);

    // 1. Closed port. Upload URLs keep coming for a few seconds after S3's last answer (trusted),
    // then the health check answers for it.
    await s3.stop();
    const stoppedAt = Date.now();
    await waitFor(
      'the upload route to notice',
      async () => ((await timed(provider, 'POST', `/api/v1/datasets/${dsId}/artifacts`, upload)).status === 503 ? true : undefined),
      10_000,
    );
    const noticedMs = Date.now() - stoppedAt;
    const closed = await fileRoutes();
    for (const answer of closed) expectUnavailable(answer, 'storage_unavailable', S3_TIMEOUT_MS);
    for (const answer of await otherRoutes()) expect(answer.status, JSON.stringify(answer.body).slice(0, 200)).toBe(200);
    const readyClosed = await timed(anon, 'GET', '/readyz');
    expect(readyClosed.status).toBe(503);
    expect(readyClosed.detail).toMatch(/s3/);
    expect(readyClosed.detail).not.toMatch(/mongodb/);

    // 2. A port that accepts connections and never answers: the deadline has to end each call.
    const held: net.Socket[] = [];
    const silent = net.createServer((socket) => void held.push(socket));
    await new Promise<void>((resolve) => silent.listen(s3Port, '127.0.0.1', resolve));
    await sleep(1100); // past the short memory of the last failed check
    const hung = await fileRoutes();
    for (const answer of hung) expectUnavailable(answer, 'storage_unavailable', S3_TIMEOUT_MS);
    for (const answer of await otherRoutes()) expect(answer.status).toBe(200);
    const readyHung = await timed(anon, 'GET', '/readyz');
    expect(readyHung.status).toBe(503);
    expect(readyHung.ms).toBeLessThanOrEqual(2000 + MARGIN_MS);
    for (const socket of held) socket.destroy();
    await new Promise<void>((resolve) => silent.close(() => resolve()));

    // 3. S3 back on the same port: files work again without restarting anything.
    s3 = await startS3(s3Port);
    const backAt = Date.now();
    const again = await waitFor(
      'an upload URL',
      async () => {
        const res = await timed(provider, 'POST', `/api/v1/datasets/${dsId}/artifacts`, upload);
        return res.status === 201 ? res : undefined;
      },
      10_000,
    );
    const recoveredMs = Date.now() - backAt;
    expect(again.body.upload.url).toContain(`127.0.0.1:${s3Port}`);
    expect((await timed(anon, 'GET', `${sample}?format=json`)).status).toBe(200);
    console.info(
      `S3 down: noticed ${noticedMs} ms after the stop; closed port → ${closed.map((x) => `${x.status} ${x.ms} ms`).join(', ')}; ` +
        `silent port → ${hung.map((x) => `${x.status} ${x.ms} ms`).join(', ')}; /readyz ${readyHung.ms} ms; back after ${recoveredMs} ms`,
    );
  }, 60_000);

  it('database killed (SIGKILL, three times): answers are 503 (never 500) while it is down, it is restarted with growing backoff, data written before is still there', async () => {
    const anon = new Client(a.url);
    const provider = await signIn(a.url, 'provider@demo.kr');
    const before = await timed(provider, 'POST', '/api/v1/datasets', draft(`before-kill-${tag()}`));
    expect(before.status).toBe(201);

    const restartMs: number[] = [];
    const during: Answer[] = [];
    for (let kill = 1; kill <= 3; kill++) {
      const pid = (await a.dbPid())!;
      const killedAt = Date.now();
      signalQuietly(pid, 'SIGKILL');
      // Restarts wait 0.5, 1, 2 s (then start); whatever is asked meanwhile is answered at once or
      // within the deadline.
      let next: number | undefined;
      while ((next = await a.dbPid()) === pid || next === undefined) {
        during.push(
          ...(await Promise.all([
            timed(anon, 'GET', '/api/v1/organizations'),
            timed(provider, 'GET', `/api/v1/datasets/${before.body.id}`),
            timed(provider, 'POST', '/api/v1/datasets', draft(`during-kill-${tag()}`)),
          ])),
        );
        if (Date.now() - killedAt > 30_000) throw new Error('the database was not restarted within 30 s');
      }
      restartMs.push(Date.now() - killedAt);
    }
    const recovered = await waitFor(
      'organizations to answer 200',
      async () => {
        const res = await timed(anon, 'GET', '/api/v1/organizations');
        return res.status === 200 ? res : undefined;
      },
      10_000,
    );
    const kept = await timed(provider, 'GET', `/api/v1/datasets/${before.body.id}`);
    const written = await timed(provider, 'POST', '/api/v1/datasets', draft(`after-kill-${tag()}`));
    const count = (status: number) => during.filter((x) => x.status === status).length;
    console.info(
      `database killed: restarted after ${restartMs.join(', ')} ms; meanwhile ${during.length} answers: ${count(503)} × 503 (max ${Math.max(...during.filter((x) => x.status === 503).map((x) => x.ms))} ms), ` +
        `${during.length - count(503)} × 2xx (max ${Math.max(0, ...during.filter((x) => x.status !== 503).map((x) => x.ms))} ms); ` +
        `then organizations ${recovered.status}, earlier draft ${kept.status}, new draft ${written.status}`,
    );
    for (const answer of during) {
      if (answer.status !== 503) expect(answer.status, JSON.stringify(answer.body).slice(0, 300)).toBeLessThan(300);
      else expectUnavailable(answer, 'database_unavailable', DB_TIMEOUT_MS);
    }
    expect(count(503)).toBeGreaterThan(0);
    expect(restartMs[2]).toBeGreaterThanOrEqual(2000);
    expect(restartMs[2]).toBeGreaterThan(restartMs[0]);
    expect(kept.status).toBe(200);
    expect(kept.body.slug).toBe(before.body.slug);
    expect(written.status).toBe(201);
  }, 60_000);

  it('database frozen (SIGSTOP) for 20 s: reads and writes answer 503 within the deadline, /healthz 200, /readyz 503 naming mongodb; after SIGCONT everything works without a restart', async () => {
    const anon = new Client(a.url);
    const provider = await signIn(a.url, 'provider@demo.kr');
    const dbPid = (await a.dbPid())!;
    signalQuietly(dbPid, 'SIGSTOP');
    const frozenAt = Date.now();
    const rounds: Answer[][] = [];
    try {
      while (Date.now() - frozenAt < 20_000) {
        rounds.push(
          await Promise.all([
            timed(anon, 'GET', '/api/v1/organizations'),
            timed(anon, 'POST', '/api/v1/auth/login', { email: 'researcher@demo.kr', password: DEMO_PASSWORD }),
            timed(provider, 'POST', '/api/v1/datasets', draft(`frozen-${tag()}`)),
            timed(anon, 'GET', '/healthz'),
            timed(anon, 'GET', '/readyz'),
          ]),
        );
      }
    } finally {
      signalQuietly(dbPid, 'SIGCONT');
    }
    const thawedAt = Date.now();
    const recovered = await waitFor(
      'organizations to answer 200',
      async () => {
        const res = await timed(anon, 'GET', '/api/v1/organizations');
        return res.status === 200 ? res : undefined;
      },
      10_000,
    );
    const recoveredMs = Date.now() - thawedAt;
    const login = await timed(anon, 'POST', '/api/v1/auth/login', { email: 'researcher@demo.kr', password: DEMO_PASSWORD });
    const written = await timed(provider, 'POST', '/api/v1/datasets', draft(`thawed-${tag()}`));

    const column = (i: number) => rounds.map((r) => r[i]);
    const worst = (i: number) => Math.max(...column(i).map((x) => x.ms));
    console.info(
      `database frozen ${thawedAt - frozenAt} ms, ${rounds.length} rounds: organizations ${[...new Set(column(0).map((x) => x.status))]} (max ${worst(0)} ms), ` +
        `sign-in ${[...new Set(column(1).map((x) => x.status))]} (max ${worst(1)} ms), create draft ${[...new Set(column(2).map((x) => x.status))]} (max ${worst(2)} ms), ` +
        `/healthz ${[...new Set(column(3).map((x) => x.status))]} (max ${worst(3)} ms), /readyz ${[...new Set(column(4).map((x) => x.status))]} (max ${worst(4)} ms); ` +
        `after SIGCONT: organizations 200 after ${recoveredMs} ms, sign-in ${login.status}, draft ${written.status}`,
    );
    expect(rounds.length).toBeGreaterThanOrEqual(5);
    for (const [orgs, signInAnswer, create, health, ready] of rounds) {
      expectUnavailable(orgs, 'database_unavailable', DB_TIMEOUT_MS);
      expectUnavailable(signInAnswer, 'database_unavailable', DB_TIMEOUT_MS);
      expectUnavailable(create, 'database_unavailable', DB_TIMEOUT_MS);
      expect(health.status).toBe(200);
      expect(ready.status).toBe(503);
      expect(ready.detail).toMatch(/mongodb/);
      expect(ready.ms).toBeLessThanOrEqual(2000 + MARGIN_MS);
    }
    expect(recovered.status).toBe(200);
    expect(login.status).toBe(200);
    expect(written.status).toBe(201);
    // Same database process (the watchdog allows 60 s here), same app process.
    expect(await a.dbPid()).toBe(dbPid);
    expect(a.process.exitCode).toBeNull();
  }, 60_000);

  it('SIGTERM drains: the request in flight completes with its normal status, new connections are refused, the process exits 0 and its database is stopped for good', async () => {
    const anon = new Client(a.url);
    const port = Number(new URL(a.url).port);
    const dbPid = (await a.dbPid())!;
    const postgresPid = await a.postgresPid();
    expect(postgresPid !== undefined).toBe(a.dbKind() === 'ferretdb-pg');
    // A slow request: it waits for a database that is frozen for a moment (well within its deadline).
    signalQuietly(dbPid, 'SIGSTOP');
    const start = Date.now();
    const inFlight = timed(anon, 'GET', '/api/v1/organizations');
    await sleep(300);
    a.process.kill('SIGTERM');
    await sleep(300);
    const refused = await new Promise<boolean>((resolve) => {
      const socket = net.connect({ host: '127.0.0.1', port });
      socket.once('connect', () => {
        socket.destroy();
        resolve(false);
      });
      socket.once('error', (err: NodeJS.ErrnoException) => resolve(err.code === 'ECONNREFUSED'));
    });
    signalQuietly(dbPid, 'SIGCONT');
    const answer = await inFlight;
    const exit = await a.exited;
    console.info(
      `SIGTERM with a request in flight: it answered ${answer.status} after ${answer.ms} ms; process exited ${JSON.stringify(exit)} ${Date.now() - start} ms after the request started`,
    );
    expect(answer.status).toBe(200);
    expect(answer.body.items.length).toBeGreaterThan(0);
    expect(refused).toBe(true);
    expect(exit).toEqual({ code: 0, signal: null });
    await sleep(200);
    expect(await isAlive(dbPid)).toBe(false);
    expect(await a.dbPid()).toBeUndefined();
    // On PostgreSQL its server went too (the PID file is removed once it has stopped).
    if (postgresPid !== undefined) expect(await isAlive(postgresPid)).toBe(false);
    expect(await a.postgresPid()).toBeUndefined();
  }, 40_000);
});

describe.skipIf(!withPostgres)('PostgreSQL under FerretDB (app C)', () => {
  it('PostgreSQL killed (SIGKILL, twice), then FerretDB killed: answers are 2xx or 503 within the deadline (never 500), each is restarted, data written before is still there', async () => {
    const app = c!;
    expect(app.dbKind()).toBe('ferretdb-pg');
    await mongoose.connect(app.dbUri(), { dbName: 'databridge' });
    let owner: TestUser;
    try {
      owner = await createUser({ roles: ['provider'], org: await createOrg() });
    } finally {
      await mongoose.disconnect();
    }
    const provider = new Client(app.url, owner.token);
    const anon = new Client(app.url);
    const before = await timed(provider, 'POST', '/api/v1/datasets', draft(`before-pg-kill-${tag()}`));
    expect(before.status).toBe(201);

    const during: Answer[] = [];
    const restarts: string[] = [];
    const victims = [
      ['postgres', app.postgresPid],
      ['postgres', app.postgresPid],
      ['ferretdb', app.dbPid],
    ] as const;
    for (const [name, pidOf] of victims) {
      const pid = (await pidOf())!;
      expect(pid).toBeTypeOf('number');
      const killedAt = Date.now();
      signalQuietly(pid, 'SIGKILL');
      let next: number | undefined;
      while ((next = await pidOf()) === pid || next === undefined) {
        during.push(
          ...(await Promise.all([
            timed(anon, 'GET', '/api/v1/organizations'),
            timed(provider, 'GET', `/api/v1/datasets/${before.body.id}`),
            timed(provider, 'POST', '/api/v1/datasets', draft(`during-pg-kill-${tag()}`)),
          ])),
        );
        if (Date.now() - killedAt > 30_000) throw new Error(`${name} was not restarted within 30 s`);
      }
      restarts.push(`${name} ${pid} → ${next} after ${Date.now() - killedAt} ms`);
      expect(await isAlive(pid)).toBe(false);
    }
    const recovered = await waitFor(
      'organizations to answer 200',
      async () => {
        const res = await timed(anon, 'GET', '/api/v1/organizations');
        return res.status === 200 ? res : undefined;
      },
      15_000,
    );
    const kept = await timed(provider, 'GET', `/api/v1/datasets/${before.body.id}`);
    const written = await timed(provider, 'POST', '/api/v1/datasets', draft(`after-pg-kill-${tag()}`));
    const unavailable = during.filter((x) => x.status === 503);
    console.info(
      `PostgreSQL under FerretDB killed: ${restarts.join('; ')}; meanwhile ${during.length} answers: ${unavailable.length} × 503 (max ${Math.max(0, ...unavailable.map((x) => x.ms))} ms), ` +
        `${during.length - unavailable.length} × 2xx (max ${Math.max(0, ...during.filter((x) => x.status !== 503).map((x) => x.ms))} ms); ` +
        `${app.logs.filter((l) => l.msg === 'database unreachable; retrying').length} calls retried while PostgreSQL was unreachable; ` +
        `then organizations ${recovered.status}, earlier draft ${kept.status}, new draft ${written.status}`,
    );
    // A 500 names the error the app logged for it.
    const explain = (answer: Answer) => {
      const errorId = (answer.body as { errorId?: string } | null)?.errorId;
      const logged = errorId && app.logs.find((l) => JSON.stringify(l).includes(errorId));
      return JSON.stringify(logged || answer.body).slice(0, 1500);
    };
    for (const answer of during) {
      if (answer.status !== 503) expect(answer.status, explain(answer)).toBeLessThan(300);
      else expectUnavailable(answer, 'database_unavailable', DB_TIMEOUT_MS);
    }
    expect(during.length).toBeGreaterThan(0);
    expect(app.logs.filter((l) => l.msg === 'embedded PostgreSQL exited unexpectedly; restarting it')).toHaveLength(2);
    expect(kept.status).toBe(200);
    expect(kept.body.slug).toBe(before.body.slug);
    expect(written.status).toBe(201);
  }, 90_000);
});

/** Path of the download route of a published demo sample that an anonymous caller may download. */
async function findDownloadableSample(anon: Client): Promise<string> {
  const list = await anon.get('/api/v1/datasets?pageSize=100');
  for (const ds of list.body.items as Array<{ id: string }>) {
    const files = await anon.get(`/api/v1/datasets/${ds.id}/artifacts`);
    for (const file of (files.body.items ?? []) as Array<{ id: string; kind: string }>) {
      if (file.kind !== 'sample') continue;
      const route = `/api/v1/datasets/${ds.id}/artifacts/${file.id}/download`;
      if ((await anon.get(`${route}?format=json`)).status === 200) return route;
    }
  }
  throw new Error('no demo sample is downloadable anonymously');
}
