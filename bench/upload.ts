/**
 * Full-data upload: one generated file (5 GiB by default) streamed once through the multipart API
 * (docs/design.md §3 artifacts `data`) to the embedded s3rver of a real app process (server/main.ts, demo
 * seed on a fresh DATA_DIR), then completed — the server assembles the parts and reads the object
 * once to check every part and the whole file. Reports upload and verification throughput and the
 * app process's peak RSS (it hosts s3rver too); writes test-output/bench-upload.json.
 *
 * The bytes are an AES-256-CTR keystream of a fixed key: deterministic, never held whole in
 * memory. They are generated twice — once to hash (the whole file's SHA-256 is declared before the
 * upload, as the browser does) and once to send — and hashed in that one pass.
 *
 *   npm run bench -- --only upload [--upload-gib 5] [--part-mib 8] [--concurrency 4]
 */
import { createCipheriv, createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statfsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { multipartPartCount, multipartPartSize } from '../schemas/artifact';
import { startAppProcess, stopAppProcess, type AppProcess } from './app-process';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const MiB = 1024 * 1024;
const GiB = 1024 * MiB;

export interface UploadBenchOptions {
  gib: number;
  /** Part size wish in MiB (the server raises it when the file needs more than 10,000 parts). */
  partMiB?: number;
  concurrency: number;
  print: (line: string) => void;
}

/** The file's bytes from `offset` (a multiple of 16) for `length` bytes: AES-256-CTR of zeros under a fixed key. */
function generate(offset: number, length: number): Buffer {
  const iv = Buffer.alloc(16);
  // The CTR counter of block offset/16, big-endian in the IV's last 8 bytes.
  iv.writeBigUInt64BE(BigInt(offset / 16), 8);
  const cipher = createCipheriv('aes-256-ctr', Buffer.alloc(32, 7), iv);
  return cipher.update(Buffer.alloc(length));
}

function procStatus(pid: number | undefined): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN) / 1024;
  return { rss: Math.round(kb('VmRSS')), peak: Math.round(kb('VmHWM')) };
}

type App = AppProcess;

/** Starts server/main.ts on `dataDir` with the demo seed; resolves once it listens. */
async function startApp(dataDir: string): Promise<App> {
  return startAppProcess(dataDir, { SEED_DEMO: 'true' });
}

const stopApp = stopAppProcess;

/** Signs the demo provider in and returns a personal API token (bearer requests need no CSRF token). */
async function providerToken(base: string): Promise<string> {
  const login = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'provider@demo.kr', password: process.env.DEMO_PASSWORD ?? 'databridge-demo' }),
  });
  if (login.status !== 200) throw new Error(`login: ${login.status} ${await login.text()}`);
  const cookie = /kdb_session=[^;]*/.exec(login.headers.get('set-cookie') ?? '')![0];
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const token = await fetch(`${base}/api/v1/auth/tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken },
    body: JSON.stringify({ name: 'upload bench', expiresInDays: 1 }),
  });
  if (token.status !== 201) throw new Error(`token: ${token.status} ${await token.text()}`);
  return ((await token.json()) as { token: string }).token;
}

/** Streams one generated file through the multipart API and completes it; prints and returns the figures. */
export async function benchUpload(opts: UploadBenchOptions) {
  const bytes = Math.round((opts.gib * GiB) / 16) * 16;
  const dir = mkdtempSync(path.join(tmpdir(), 'kdb-bench-upload-'));
  const free = statfsSync(dir);
  // Parts, then the assembled object, live side by side for a moment.
  if (free.bavail * free.bsize < 2.2 * bytes)
    throw new Error(`not enough disk under ${tmpdir()} for ${opts.gib} GiB (needs about ${((2.2 * bytes) / GiB).toFixed(1)} GiB)`);
  // Pass 1: hash the whole file and each part, as the uploader must declare them first.
  const partSizeWish = opts.partMiB ? opts.partMiB * MiB : undefined;
  const partSize = multipartPartSize(bytes, partSizeWish);
  const partCount = multipartPartCount(bytes, partSize);
  const whole = createHash('sha256');
  const partHashes: string[] = [];
  const hashStart = Date.now();
  for (let n = 1; n <= partCount; n++) {
    const start = (n - 1) * partSize;
    const chunk = generate(start, Math.min(partSize, bytes - start));
    whole.update(chunk);
    partHashes.push(createHash('sha256').update(chunk).digest('hex'));
  }
  const sha256 = whole.digest('hex');
  const hashMs = Date.now() - hashStart;
  opts.print(
    `generated and hashed ${(bytes / GiB).toFixed(2)} GiB in ${(hashMs / 1000).toFixed(1)} s (${(bytes / 1e6 / (hashMs / 1000)).toFixed(0)} MB/s, bench process)`,
  );
  // The app starts after hashing: an idle keep-alive connection would be closed under the first call.
  const app = await startApp(dir);
  const peakSampler = { max: 0, timer: undefined as NodeJS.Timeout | undefined };
  try {
    const base = app.url;
    const token = await providerToken(base);
    const call = async <T>(method: string, p: string, body?: unknown): Promise<T> => {
      const res = await fetch(`${base}/api/v1${p}`, {
        method,
        headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      if (res.status >= 400) throw new Error(`${method} ${p}: ${res.status} ${text.slice(0, 500)}`);
      return (text ? JSON.parse(text) : undefined) as T;
    };
    const dataset = await call<{ id: string }>('POST', '/datasets', {
      slug: `bench-upload-${Date.now().toString(36)}`,
      title: { ko: '업로드 벤치마크', en: 'Upload benchmark' },
    });

    const created = await call<{ artifact: { id: string }; upload: { partSize: number; partCount: number } }>(
      'POST',
      `/datasets/${dataset.id}/artifacts`,
      {
        kind: 'data',
        filename: 'bench-full-data.bin',
        contentType: 'application/octet-stream',
        bytes,
        sha256,
        ...(partSizeWish ? { partSize: partSizeWish } : {}),
      },
    );
    if (created.upload.partSize !== partSize || created.upload.partCount !== partCount)
      throw new Error(`server chose ${JSON.stringify(created.upload)}, expected ${partSize} × ${partCount}`);
    const artifactPath = `/datasets/${dataset.id}/artifacts/${created.artifact.id}`;

    peakSampler.timer = setInterval(() => {
      peakSampler.max = Math.max(peakSampler.max, procStatus(app.child.pid).rss);
    }, 250);
    // Pass 2: generate each part again and send it; `concurrency` parts in flight.
    let next = 1;
    let sent = 0;
    let lastPrint = Date.now();
    const uploadStart = Date.now();
    const worker = async () => {
      for (let n = next++; n <= partCount; n = next++) {
        const start = (n - 1) * partSize;
        const body = generate(start, Math.min(partSize, bytes - start));
        const { parts } = await call<{ parts: Array<{ url: string; method: string; headers: Record<string, string> }> }>(
          'POST',
          `${artifactPath}/parts`,
          {
            parts: [{ number: n, sha256: partHashes[n - 1] }],
          },
        );
        const put = await fetch(parts[0].url, { method: parts[0].method, headers: parts[0].headers, body });
        if (!put.ok) throw new Error(`part ${n}: storage answered ${put.status} ${await put.text()}`);
        await call('PUT', `${artifactPath}/parts/${n}`, { etag: put.headers.get('etag') });
        sent += body.length;
        if (Date.now() - lastPrint > 10_000) {
          lastPrint = Date.now();
          opts.print(`  … ${(sent / GiB).toFixed(2)} GiB sent, ${(sent / 1e6 / ((Date.now() - uploadStart) / 1000)).toFixed(0)} MB/s`);
        }
      }
    };
    await Promise.all(Array.from({ length: opts.concurrency }, worker));
    const uploadMs = Date.now() - uploadStart;

    const completeStart = Date.now();
    const done = await call<{ artifact: { status: string; sha256: string } }>('POST', `${artifactPath}/complete`);
    const completeMs = Date.now() - completeStart;
    clearInterval(peakSampler.timer);
    if (done.artifact.status !== 'available' || done.artifact.sha256 !== sha256) throw new Error(`completion: ${JSON.stringify(done)}`);
    const logged = app.logs.find((l) => l.msg === 'full-data upload completed' && l.artifactId === created.artifact.id) as
      { assembleMs?: number; verifyMs?: number } | undefined;
    const mem = procStatus(app.child.pid);
    const mb = bytes / 1e6;
    const result = {
      bytes,
      gib: bytes / GiB,
      partSize,
      partCount,
      concurrency: opts.concurrency,
      upload: { seconds: uploadMs / 1000, mbPerSecond: mb / (uploadMs / 1000) },
      complete: {
        seconds: completeMs / 1000,
        // s3rver concatenating the parts into the object (CompleteMultipartUpload)…
        assembleSeconds: logged?.assembleMs !== undefined ? logged.assembleMs / 1000 : null,
        // …and the app reading it once, hashing every part and the whole file.
        verifySeconds: logged?.verifyMs !== undefined ? logged.verifyMs / 1000 : null,
        verifyMbPerSecond: logged?.verifyMs ? mb / (logged.verifyMs / 1000) : null,
        mbPerSecond: mb / (completeMs / 1000),
      },
      appRssMiB: { atEnd: mem.rss, peak: mem.peak, peakSampledDuringTransfer: peakSampler.max },
      node: process.version,
    };
    opts.print(
      `full-data upload: ${result.gib.toFixed(2)} GiB in ${partCount} parts of ${partSize / MiB} MiB (${opts.concurrency} at once)\n` +
        `  upload   ${result.upload.seconds.toFixed(1)} s  ${result.upload.mbPerSecond.toFixed(0)} MB/s\n` +
        `  complete ${result.complete.seconds.toFixed(1)} s  (assemble ${result.complete.assembleSeconds?.toFixed(1)} s by s3rver, verify ${result.complete.verifySeconds?.toFixed(1)} s = ${result.complete.verifyMbPerSecond?.toFixed(0)} MB/s by the app)\n` +
        `  app process RSS: peak ${mem.peak} MiB (VmHWM, includes the embedded s3rver), ${mem.rss} MiB at the end`,
    );
    mkdirSync(path.join(ROOT, 'test-output'), { recursive: true });
    writeFileSync(path.join(ROOT, 'test-output', 'bench-upload.json'), `${JSON.stringify(result, null, 2)}\n`);
    return result;
  } finally {
    clearInterval(peakSampler.timer);
    await stopApp(app);
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const arg = (name: string, def: number) => {
    const i = process.argv.indexOf(`--${name}`);
    return i > 0 ? Number(process.argv[i + 1]) : def;
  };
  void benchUpload({
    gib: arg('upload-gib', 5),
    partMiB: arg('part-mib', 0) || undefined,
    concurrency: arg('concurrency', 4),
    print: (l) => console.log(l),
  }).catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
