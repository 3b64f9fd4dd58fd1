// Full-data uploads in parts (docs/design.md §3 artifacts `data`; docs/api.md "Full-data uploads"): the
// browser hashes the file, registers it, then sends each part straight to storage with a URL that
// only accepts that part's SHA-256, acknowledging each stored part to the server. Acknowledged
// parts survive a dropped connection or a reload: the server says which are missing, and picking
// the same file again continues from there. Nothing here touches the DOM: the browser's transport
// and storage are given by client/src/lib/upload.ts, so the same code runs in tests against the
// real server. Resuming (multipart-resume.ts) and retrying (multipart-retry.ts) live beside it.
import { sha256 as sha256Hasher } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { multipartPartCount, multipartPartRange } from '../../../schemas/artifact';
import { chooseResume, forgetUpload, readRemembered, rememberUpload, spotCheckParts, type KeyValueStore, type PendingArtifact } from './multipart-resume';
import { withRetries } from './multipart-retry';

export { chooseResume, forgetUpload, rememberUpload, spotCheckParts, type KeyValueStore, type PendingArtifact, type RememberedUpload } from './multipart-resume';
export { isRetryable, withRetries } from './multipart-retry';

/** One part of a file: its 1-based number and byte range [start, end). */
export interface PartPlan {
  number: number;
  start: number;
  end: number;
}

/** A multipart upload's state as `GET …/artifacts/{aid}/upload` presents it. */
export interface MultipartState {
  method: 'multipart';
  bytes: number;
  partSize: number;
  partCount: number;
  expiresAt: string;
  completing: boolean;
  acknowledged: { number: number; sha256: string }[];
  missing: number[];
}

/** One presigned part URL as `POST …/parts` answers it. */
export interface PartUrl {
  number: number;
  bytes: number;
  url: string;
  method: string;
  headers: Record<string, string>;
  expiresAt: string;
}

/** What the uploader needs from the network: JSON calls to the API and a PUT to storage that reports progress and the ETag. */
export interface MultipartTransport {
  json<T>(method: string, path: string, body?: unknown, signal?: AbortSignal): Promise<T>;
  put(part: PartUrl, body: Blob, onProgress: (loaded: number) => void, signal?: AbortSignal): Promise<string>;
}

/** Every part of a `bytes`-long file cut in `partSize` pieces, as the server cuts it. */
export function planParts(bytes: number, partSize: number): PartPlan[] {
  const count = multipartPartCount(bytes, partSize);
  return Array.from({ length: count }, (_, i) => ({ number: i + 1, ...multipartPartRange(bytes, partSize, i + 1) }));
}

/** Lower-case hex SHA-256 of a byte buffer (SubtleCrypto: fast, but whole buffers only). */
export async function sha256OfBytes(data: ArrayBuffer): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', data);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Read size of the incremental whole-file hash: bounded memory whatever the file's size. */
const HASH_CHUNK_BYTES = 8 * 1024 * 1024;

/**
 * Lower-case hex SHA-256 of a file of any size, read in 8 MiB slices. SubtleCrypto has no
 * incremental digest, so this uses @noble/hashes' streaming SHA-256.
 */
export async function sha256OfFile(file: Blob, onProgress?: (hashed: number) => void, signal?: AbortSignal): Promise<string> {
  const hash = sha256Hasher.create();
  for (let start = 0; start < file.size; start += HASH_CHUNK_BYTES) {
    signal?.throwIfAborted();
    const chunk = new Uint8Array(await file.slice(start, Math.min(file.size, start + HASH_CHUNK_BYTES)).arrayBuffer());
    hash.update(chunk);
    onProgress?.(Math.min(file.size, start + HASH_CHUNK_BYTES));
  }
  return bytesToHex(hash.digest());
}

/** Options of `sendParts`. */
export interface SendPartsOptions {
  datasetId: string;
  artifactId: string;
  file: Blob;
  state: Pick<MultipartState, 'partSize' | 'partCount' | 'missing'>;
  transport: MultipartTransport;
  /** Bytes stored so far (acknowledged parts plus what is in flight). */
  onProgress?: (sent: number, total: number) => void;
  signal?: AbortSignal;
  /** Parts in flight at once (default 3). */
  concurrency?: number;
  tries?: number;
  baseDelayMs?: number;
}

/**
 * Sends the missing parts: each is hashed (SubtleCrypto), given a URL bound to that hash, PUT
 * to storage and acknowledged with its ETag; a failed part is tried again a few times.
 */
export async function sendParts(opts: SendPartsOptions): Promise<void> {
  const { file, state, transport, signal } = opts;
  const base = `/datasets/${encodeURIComponent(opts.datasetId)}/artifacts/${encodeURIComponent(opts.artifactId)}`;
  const plan = planParts(file.size, state.partSize);
  const missing = new Set(state.missing);
  let done = plan.filter((p) => !missing.has(p.number)).reduce((n, p) => n + (p.end - p.start), 0);
  const inFlight = new Map<number, number>();
  const report = () => opts.onProgress?.(done + [...inFlight.values()].reduce((a, b) => a + b, 0), file.size);
  report();
  const queue = plan.filter((p) => missing.has(p.number));
  const worker = async () => {
    for (let part = queue.shift(); part; part = queue.shift()) {
      const p = part;
      const body = file.slice(p.start, p.end);
      const sha256 = await sha256OfBytes(await body.arrayBuffer());
      await withRetries(
        async () => {
          signal?.throwIfAborted();
          const { parts } = await transport.json<{ parts: PartUrl[] }>(
            'POST',
            `${base}/parts`,
            { parts: [{ number: p.number, sha256 }] },
            signal,
          );
          inFlight.set(p.number, 0);
          try {
            const etag = await transport.put(
              parts[0],
              body,
              (loaded) => {
                inFlight.set(p.number, loaded);
                report();
              },
              signal,
            );
            await transport.json('PUT', `${base}/parts/${p.number}`, { etag }, signal);
          } finally {
            inFlight.delete(p.number);
          }
        },
        { tries: opts.tries, baseDelayMs: opts.baseDelayMs, signal },
      );
      done += p.end - p.start;
      report();
    }
  };
  await Promise.all(Array.from({ length: Math.min(opts.concurrency ?? 3, Math.max(1, queue.length)) }, worker));
}

/** Steps of a full-data upload, for the status line. */
export type MultipartStage = 'checking' | 'hashing' | 'registering' | 'uploading' | 'verifying';

/** Options of `uploadFullData`. */
export interface FullDataOptions {
  contentType: string;
  /** The dataset's files, to find an unfinished upload of the same file. */
  artifacts: readonly PendingArtifact[];
  transport: MultipartTransport;
  store: KeyValueStore;
  onStage?: (stage: MultipartStage) => void;
  onProgress?: (loaded: number, total: number) => void;
  /** Called when an earlier upload of this file is continued (with the bytes already stored). */
  onResume?: (storedBytes: number) => void;
  signal?: AbortSignal;
}

/**
 * Uploads a full-data file in parts, continuing an unfinished upload of the same file when there
 * is one, and returns the verified artifact (the server checks every part and the whole file).
 */
export async function uploadFullData<A extends { id: string }>(datasetId: string, file: File, opts: FullDataOptions): Promise<A> {
  const { transport, store } = opts;
  const base = `/datasets/${encodeURIComponent(datasetId)}/artifacts`;
  let artifactId: string | null = null;
  let state: MultipartState | null = null;

  const resume = chooseResume(file, opts.artifacts, readRemembered(store, datasetId));
  if (resume) {
    opts.onStage?.('checking');
    const current = await transport
      .json<{ upload: MultipartState }>('GET', `${base}/${encodeURIComponent(resume.artifact.id)}/upload`, undefined, opts.signal)
      .catch(() => null);
    let same = !!current && !current.upload.completing;
    if (same && current && resume.verify) {
      // Not remembered by this browser: the same name and size must also mean the same bytes.
      for (const part of spotCheckParts(current.upload.acknowledged)) {
        const { start, end } = multipartPartRange(file.size, current.upload.partSize, part.number);
        if ((await sha256OfBytes(await file.slice(start, end).arrayBuffer())) !== part.sha256) same = false;
      }
    }
    if (same && current) {
      artifactId = resume.artifact.id;
      state = current.upload;
      const partSize = state.partSize;
      const missingBytes = state.missing.reduce((n, k) => {
        const { start, end } = multipartPartRange(file.size, partSize, k);
        return n + (end - start);
      }, 0);
      opts.onResume?.(file.size - missingBytes);
    }
  }
  if (!artifactId || !state) {
    opts.onStage?.('hashing');
    const sha256 = await sha256OfFile(file, (hashed) => opts.onProgress?.(hashed, file.size), opts.signal);
    opts.onStage?.('registering');
    const created = await transport.json<{ artifact: A; upload: MultipartState }>(
      'POST',
      base,
      { kind: 'data', filename: file.name, contentType: opts.contentType, bytes: file.size, sha256 },
      opts.signal,
    );
    artifactId = created.artifact.id;
    rememberUpload(store, datasetId, { artifactId, filename: file.name, bytes: file.size, lastModified: file.lastModified, sha256 });
    const plan = planParts(file.size, created.upload.partSize);
    state = { ...created.upload, acknowledged: [], missing: plan.map((p) => p.number), completing: false, bytes: file.size };
  }
  opts.onStage?.('uploading');
  await sendParts({ datasetId, artifactId, file, state, transport, onProgress: opts.onProgress, signal: opts.signal });
  opts.onStage?.('verifying');
  try {
    const done = await transport.json<{ artifact: A }>(
      'POST',
      `${base}/${encodeURIComponent(artifactId)}/complete`,
      undefined,
      opts.signal,
    );
    forgetUpload(store, datasetId, artifactId);
    return done.artifact;
  } catch (err) {
    // A rejected upload cannot be continued; anything else (a dropped connection) can.
    if ((err as { problem?: { status?: number } }).problem?.status === 422) forgetUpload(store, datasetId, artifactId);
    throw err;
  }
}
