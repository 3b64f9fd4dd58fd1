import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  chooseResume,
  forgetUpload,
  isRetryable,
  planParts,
  rememberUpload,
  sha256OfFile,
  spotCheckParts,
  withRetries,
  type PendingArtifact,
  type RememberedUpload,
} from '../../../client/src/lib/multipart-upload';
import { ApiError } from '../../../client/src/lib/api';

const MiB = 1024 * 1024;

/** localStorage's two methods over a Map. */
function memoryStore() {
  const m = new Map<string, string>();
  return { getItem: (k: string) => m.get(k) ?? null, setItem: (k: string, v: string) => void m.set(k, v), m };
}

describe('planParts', () => {
  it('cuts a file into parts of the given size, the last one shorter, covering every byte once', () => {
    const plan = planParts(2 * 5 * MiB + 7, 5 * MiB);
    expect(plan).toEqual([
      { number: 1, start: 0, end: 5 * MiB },
      { number: 2, start: 5 * MiB, end: 10 * MiB },
      { number: 3, start: 10 * MiB, end: 10 * MiB + 7 },
    ]);
    expect(planParts(5 * MiB, 5 * MiB)).toEqual([{ number: 1, start: 0, end: 5 * MiB }]);
    expect(planParts(1, 8 * MiB)).toEqual([{ number: 1, start: 0, end: 1 }]);
  });
});

describe('resuming', () => {
  const file = { name: 'speech.tar', size: 123, lastModified: 1_700_000_000_000 };
  const pending = (over: Partial<PendingArtifact> = {}): PendingArtifact => ({
    id: 'a1',
    kind: 'data',
    filename: 'speech.tar',
    bytes: 123,
    sha256: 'f'.repeat(64),
    status: 'pending',
    ...over,
  });
  const remembered = (over: Partial<RememberedUpload> = {}): RememberedUpload => ({
    artifactId: 'a1',
    filename: 'speech.tar',
    bytes: 123,
    lastModified: file.lastModified,
    sha256: 'f'.repeat(64),
    ...over,
  });

  it('continues an upload this browser remembers for the same file without checking parts', () => {
    expect(chooseResume(file, [pending()], [remembered()])).toEqual({ artifact: pending(), verify: false });
  });

  it('asks for a spot check when the same name and size are all it knows (another browser, or a changed file)', () => {
    expect(chooseResume(file, [pending()], [])).toEqual({ artifact: pending(), verify: true });
    expect(chooseResume(file, [pending()], [remembered({ lastModified: 1 })])).toEqual({ artifact: pending(), verify: true });
  });

  it('never continues a finished, rejected, other-kind or other-size file', () => {
    expect(chooseResume(file, [pending({ status: 'available' })], [remembered()])).toBeNull();
    expect(chooseResume(file, [pending({ status: 'rejected' })], [remembered()])).toBeNull();
    expect(chooseResume(file, [pending({ kind: 'sample' })], [remembered()])).toBeNull();
    expect(chooseResume(file, [pending({ bytes: 124 })], [remembered()])).toBeNull();
    expect(chooseResume(file, [pending({ filename: 'other.tar' })], [remembered()])).toBeNull();
  });

  it('spot-checks the first, middle and last acknowledged part', () => {
    const acks = [1, 2, 3, 4, 5, 6, 7].map((number) => ({ number, sha256: String(number) }));
    expect(spotCheckParts(acks).map((p) => p.number)).toEqual([1, 4, 7]);
    expect(spotCheckParts(acks.slice(0, 2)).map((p) => p.number)).toEqual([1, 2]);
  });

  it('remembers uploads per dataset, replaces an entry of the same artifact and forgets one', () => {
    const store = memoryStore();
    rememberUpload(store, 'd1', remembered());
    rememberUpload(store, 'd1', remembered({ lastModified: 5 }));
    rememberUpload(store, 'd1', remembered({ artifactId: 'a2' }));
    rememberUpload(store, 'd2', remembered({ artifactId: 'a3' }));
    expect(JSON.parse(store.m.get('kdb.uploads.d1')!)).toEqual([remembered({ lastModified: 5 }), remembered({ artifactId: 'a2' })]);
    forgetUpload(store, 'd1', 'a1');
    expect(JSON.parse(store.m.get('kdb.uploads.d1')!)).toEqual([remembered({ artifactId: 'a2' })]);
    store.setItem('kdb.uploads.d3', 'not json');
    expect(() => forgetUpload(store, 'd3', 'x')).not.toThrow();
  });
});

describe('hashing and retrying', () => {
  it('hashes a file larger than one read incrementally to the same SHA-256 as Node', async () => {
    const bytes = randomBytes(8 * MiB + 12_345);
    const seen: number[] = [];
    const hex = await sha256OfFile(new Blob([bytes]), (n) => seen.push(n));
    expect(hex).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect(seen).toEqual([8 * MiB, 8 * MiB + 12_345]);
  });

  it('tries a failing part again after a dropped connection, but not after a refusal', async () => {
    let calls = 0;
    const flaky = () => {
      calls++;
      if (calls < 3) return Promise.reject(new ApiError({ title: '', status: 0, code: 'upload_failed' }));
      return Promise.resolve('ok');
    };
    await expect(withRetries(flaky, { tries: 4, baseDelayMs: 1 })).resolves.toBe('ok');
    expect(calls).toBe(3);

    let refused = 0;
    const refusal = () => {
      refused++;
      return Promise.reject(new ApiError({ title: '', status: 409, code: 'artifact_upload_completing' }));
    };
    await expect(withRetries(refusal, { tries: 4, baseDelayMs: 1 })).rejects.toMatchObject({
      problem: { code: 'artifact_upload_completing' },
    });
    expect(refused).toBe(1);

    let down = 0;
    await expect(
      withRetries(
        () => {
          down++;
          return Promise.reject(new ApiError({ title: '', status: 503, code: 'storage_unavailable' }));
        },
        { tries: 3, baseDelayMs: 1 },
      ),
    ).rejects.toBeInstanceOf(ApiError);
    expect(down).toBe(3);
    expect(isRetryable(new DOMException('x', 'AbortError'))).toBe(false);
    expect(isRetryable(new ApiError({ title: '', status: 400, code: 'validation_failed' }))).toBe(false);
  });
});
