// Multipart uploads of full-data files (docs/design.md §3 artifacts `data`: any size, multipart upload;
// docs/api.md "Full-data uploads"). The browser sends parts straight to S3 with presigned URLs
// that carry each part's SHA-256; the server keeps the upload's state in `artifact_uploads`, and at
// completion reads the assembled object once to check every part and the whole file.
import type { Types } from 'mongoose';
import { multipartPartCount, multipartPartRange, multipartPartSize } from '../../schemas/artifact';
import { AppError, conflict, notFound, validationFailed, type FieldError } from '../http/errors';
import { MultipartRefusedError, type Storage } from '../infra/s3';
import { loadDatasetFromDatabase } from '../datasets/load';
import { Dataset, type ArtifactDoc, type DatasetDoc } from '../datasets/model';
import { ArtifactUpload, type ArtifactUploadDoc, type UploadPartDoc } from './upload-model';

const DAY_MS = 86_400_000;
/** How long an upload takes parts (S3 lifecycle rules commonly abort unfinished uploads after a week). */
export const UPLOAD_TTL_MS = 7 * DAY_MS;
/** Lifetime of a part URL: long enough for a large part on a slow link. */
export const PART_URL_TTL_SECONDS = 60 * 60;
/** Unfinished multipart uploads one dataset may hold at once. */
export const MAX_PENDING_UPLOADS_PER_DATASET = 3;
/** A completion that has not finished after this long (plus reading time) is taken to have died. */
const COMPLETION_STALE_MS = 60 * 60 * 1000;
const ASSUMED_READ_BYTES_PER_MS = 20_000; // 20 MB/s, pessimistic

/** A multipart upload's state as the API presents it: for resuming, which parts storage already holds. */
export function presentUpload(u: ArtifactUploadDoc) {
  const done = new Set(u.parts.filter((p) => p.etag).map((p) => p.number));
  const missing: number[] = [];
  for (let n = 1; n <= u.partCount; n++) if (!done.has(n)) missing.push(n);
  return {
    method: 'multipart' as const,
    bytes: u.bytes,
    partSize: u.partSize,
    partCount: u.partCount,
    expiresAt: u.expiresAt,
    completing: u.state !== 'open' || !!u.completingAt,
    acknowledged: u.parts.filter((p) => p.etag).map((p) => ({ number: p.number, sha256: p.sha256 })),
    missing,
  };
}

/** Part numbers not yet acknowledged, in order. */
function missingParts(u: ArtifactUploadDoc): number[] {
  return presentUpload(u).missing;
}

/** The upload of a pending `data` artifact, or 404/409 naming why there is none. */
export async function loadUpload(datasetId: Types.ObjectId, artifact: ArtifactDoc): Promise<ArtifactUploadDoc> {
  if (artifact.kind !== 'data') throw conflict('artifact_not_multipart');
  if (artifact.status !== 'pending') throw conflict('artifact_not_pending');
  const upload = await ArtifactUpload.findOne({ _id: artifact.id, datasetId }).lean<ArtifactUploadDoc>();
  if (!upload) throw notFound('artifact_upload_not_found');
  return upload;
}

/** Tails of the read-modify-write chains of this process, per upload. */
const chains = new Map<string, Promise<void>>();

/** Runs `fn` after every earlier change of the same upload in this process has finished. */
function serialised<T>(id: string, fn: () => Promise<T>): Promise<T> {
  const run = (chains.get(id) ?? Promise.resolve()).then(fn);
  const tail = run.then(
    () => undefined,
    () => undefined,
  );
  chains.set(id, tail);
  void tail.then(() => {
    if (chains.get(id) === tail) chains.delete(id);
  });
  return run;
}

/**
 * Read-modify-write of one upload document under its revision (docs/design.md §2 conditional updates).
 * server/infra/write-order.ts orders the writes of one document, but a change computed from a
 * read must also not interleave with another's: in this process changes of one upload run one
 * after another (parts are acknowledged several at a time); across processes the revision
 * precondition makes a stale change retry on a fresh read. `change` sees the current document and
 * returns the fields to set, or throws.
 */
async function changeUpload(
  upload: ArtifactUploadDoc,
  change: (u: ArtifactUploadDoc) => Partial<ArtifactUploadDoc>,
): Promise<ArtifactUploadDoc> {
  return serialised(upload._id, async () => {
    let current = upload;
    for (let attempt = 0; attempt < 20; attempt++) {
      const set = change(current);
      const updated = await ArtifactUpload.findOneAndUpdate(
        { _id: current._id, rev: current.rev },
        { $set: set, $inc: { rev: 1 } },
        { returnDocument: 'after' },
      ).lean<ArtifactUploadDoc>();
      if (updated) return updated;
      const fresh = await ArtifactUpload.findById(current._id).lean<ArtifactUploadDoc>();
      if (!fresh) throw notFound('artifact_upload_not_found');
      current = fresh;
      // Another process wrote meanwhile: step aside briefly before trying again.
      if (attempt > 0) await new Promise((r) => setTimeout(r, Math.random() * 10 * attempt));
    }
    throw conflict('concurrent_modification');
  });
}

/**
 * Starts storage's multipart upload for a new `data` artifact and records its state. The caller
 * adds the artifact to the dataset afterwards and calls `discardUpload` if that fails.
 */
export async function startUpload(
  storage: Storage,
  doc: DatasetDoc,
  artifact: ArtifactDoc,
  partSizeWish: number | undefined,
  createdBy: Types.ObjectId,
): Promise<ArtifactUploadDoc> {
  const pending = doc.artifacts.filter((a) => a.kind === 'data' && a.status === 'pending').length;
  if (pending >= MAX_PENDING_UPLOADS_PER_DATASET) throw conflict('too_many_pending_uploads', { max: MAX_PENDING_UPLOADS_PER_DATASET });
  const partSize = multipartPartSize(artifact.bytes, partSizeWish);
  const uploadId = await storage.createMultipart(artifact.key, artifact.contentType);
  const now = new Date();
  const upload: ArtifactUploadDoc = {
    _id: artifact.id,
    datasetId: doc._id,
    organizationId: doc.providerId!,
    key: artifact.key,
    uploadId,
    bytes: artifact.bytes,
    partSize,
    partCount: multipartPartCount(artifact.bytes, partSize),
    parts: [],
    state: 'open',
    completingAt: null,
    rev: 0,
    createdAt: now,
    createdBy,
    expiresAt: new Date(now.getTime() + UPLOAD_TTL_MS),
  };
  try {
    await ArtifactUpload.create(upload);
  } catch (err) {
    await storage.abortMultipart(artifact.key, uploadId).catch(() => undefined);
    throw err;
  }
  return upload;
}

/** Aborts storage's upload (where storage can) and forgets its state; for deleted or failed artifacts. */
export async function discardUpload(storage: Storage, artifactId: string): Promise<void> {
  const upload = await ArtifactUpload.findById(artifactId).lean<ArtifactUploadDoc>();
  if (!upload) return;
  if (upload.state !== 'assembled') await storage.abortMultipart(upload.key, upload.uploadId);
  await ArtifactUpload.deleteOne({ _id: artifactId });
}

/** Checks the requested part numbers (within the upload, each once); 400 naming `/parts/{i}/number` otherwise. */
function checkPartNumbers(upload: ArtifactUploadDoc, parts: readonly { number: number }[]): void {
  const errors: FieldError[] = [];
  const seen = new Set<number>();
  parts.forEach((p, i) => {
    if (p.number > upload.partCount) errors.push({ path: `/parts/${i}/number`, code: 'maximum', params: { limit: upload.partCount } });
    else if (seen.has(p.number)) errors.push({ path: `/parts/${i}/number`, code: 'duplicate_code', params: { value: p.number } });
    seen.add(p.number);
  });
  if (errors.length) throw validationFailed(errors);
}

function assertOpen(upload: ArtifactUploadDoc): void {
  if (upload.state !== 'open' || upload.completingAt) throw conflict('artifact_upload_completing');
  if (upload.expiresAt.getTime() <= Date.now())
    throw new AppError(410, 'artifact_upload_expired', { expiresAt: upload.expiresAt.toISOString() });
}

/**
 * Presigned PUT URLs for the given parts. Each part's declared SHA-256 is stored first (a part
 * asked for again is re-sent: its acknowledgement is cleared), then signed into its URL.
 */
export async function issuePartUrls(storage: Storage, upload: ArtifactUploadDoc, parts: readonly { number: number; sha256: string }[]) {
  assertOpen(upload);
  checkPartNumbers(upload, parts);
  const wanted = new Map(parts.map((p) => [p.number, p.sha256.toLowerCase()]));
  const updated = await changeUpload(upload, (u) => {
    assertOpen(u);
    const kept = u.parts.filter((p) => !wanted.has(p.number));
    const fresh: UploadPartDoc[] = [...wanted].map(([number, sha256]) => ({ number, sha256, etag: null, acknowledgedAt: null }));
    return { parts: [...kept, ...fresh].sort((a, b) => a.number - b.number) };
  });
  const urls = await Promise.all(
    [...wanted].map(async ([number, sha256]) => {
      const { start, end } = multipartPartRange(updated.bytes, updated.partSize, number);
      const signed = await storage.presignPart(updated.key, updated.uploadId, { number, bytes: end - start, sha256 }, PART_URL_TTL_SECONDS);
      return { number, bytes: end - start, ...signed };
    }),
  );
  return { upload: updated, parts: urls };
}

/** Records the ETag storage gave a part; 409 when no URL was issued for that part. */
export async function acknowledgePart(upload: ArtifactUploadDoc, number: number, etag: string): Promise<ArtifactUploadDoc> {
  if (!Number.isInteger(number) || number < 1 || number > upload.partCount) {
    throw validationFailed([{ path: '/path/number', code: 'out_of_range', params: { min: 1, max: upload.partCount } }]);
  }
  const bare = etag.replace(/"/g, '');
  return changeUpload(upload, (u) => {
    assertOpen(u);
    const part = u.parts.find((p) => p.number === number);
    if (!part) throw conflict('artifact_part_not_issued', { part: number });
    return { parts: u.parts.map((p) => (p.number === number ? { ...p, etag: bare, acknowledgedAt: new Date() } : p)) };
  });
}

/** Why a completed upload was refused: the code, its parameters and the field it concerns. */
export interface UploadFailure {
  code: 'artifact_size_mismatch' | 'artifact_part_checksum_mismatch' | 'artifact_checksum_mismatch';
  params: Record<string, unknown>;
  path: string;
}

/**
 * Completes a multipart upload: 409 naming the missing parts when some were never acknowledged;
 * otherwise storage assembles the object, which is read once (bounded memory) to compare each
 * part and the whole file with what was declared. Returns the failure (null when everything
 * matches) and how long assembling and reading took. Only one completion of an upload runs at a time (409 `artifact_upload_completing`).
 */
export async function assembleAndVerify(
  storage: Storage,
  upload: ArtifactUploadDoc,
  artifact: ArtifactDoc,
): Promise<{ failure: UploadFailure | null; assembleMs: number; verifyMs: number }> {
  const missing = missingParts(upload);
  if (missing.length) {
    const parts = missing.slice(0, 50).join(', ') + (missing.length > 50 ? ', …' : '');
    throw new AppError(
      409,
      'artifact_parts_missing',
      { count: missing.length, parts },
      [{ path: '/parts', code: 'parts_missing', params: { parts } }],
      { missingParts: missing },
    );
  }
  const staleAfter = COMPLETION_STALE_MS + upload.bytes / ASSUMED_READ_BYTES_PER_MS;
  // Claim the completion: a document revision only this call moves from open (or a stale claim).
  let claimed = await changeUpload(upload, (u) => {
    if (u.completingAt && Date.now() - new Date(u.completingAt).getTime() < staleAfter) throw conflict('artifact_upload_completing');
    return { completingAt: new Date() };
  });
  const started = Date.now();
  let assembled = started;
  const timed = (failure: UploadFailure | null) => ({ failure, assembleMs: assembled - started, verifyMs: Date.now() - assembled });
  try {
    if (claimed.state === 'open') {
      const parts = claimed.parts.map((p) => ({ number: p.number, etag: p.etag!, sha256: p.sha256 }));
      try {
        await storage.completeMultipart(claimed.key, claimed.uploadId, parts);
      } catch (err) {
        if (err instanceof MultipartRefusedError)
          throw new AppError(422, 'artifact_parts_rejected', { reason: err.s3Code }, [
            { path: '/parts', code: 'parts_rejected', params: { reason: err.s3Code } },
          ]);
        throw err;
      }
      claimed = await changeUpload(claimed, () => ({ state: 'assembled' }));
    }
    assembled = Date.now();
    const digest = await storage.digest(claimed.key, claimed.partSize);
    if (digest.bytes !== artifact.bytes)
      return timed({ code: 'artifact_size_mismatch', params: { expected: artifact.bytes, actual: digest.bytes }, path: '/bytes' });
    const declared = new Map(claimed.parts.map((p) => [p.number, p.sha256]));
    const bad = digest.parts.map((sha, i) => (declared.get(i + 1) === sha ? 0 : i + 1)).filter((n) => n > 0);
    if (bad.length) {
      const parts = bad.slice(0, 50).join(', ') + (bad.length > 50 ? ', …' : '');
      return timed({ code: 'artifact_part_checksum_mismatch', params: { count: bad.length, parts, partNumbers: bad }, path: '/parts' });
    }
    if (digest.sha256 !== artifact.sha256)
      return timed({ code: 'artifact_checksum_mismatch', params: { expected: artifact.sha256, actual: digest.sha256 }, path: '/sha256' });
    return timed(null);
  } finally {
    // Let a retry in (after storage failed mid-way); a settled upload is deleted by the caller.
    await changeUpload(claimed, () => ({ completingAt: null })).catch(() => undefined);
  }
}

/**
 * Replaces one artifact of the dataset's working copy with `next`, retrying on concurrent edits
 * (the artifact's outcome must be stored whatever else changed meanwhile). Bumps the revision
 * like every change of the files (server/artifacts/routes.ts saveArtifacts).
 */
export async function settleArtifact(datasetId: Types.ObjectId, organizationId: Types.ObjectId, next: ArtifactDoc): Promise<DatasetDoc> {
  for (let attempt = 0; attempt < 8; attempt++) {
    const fresh = await loadDatasetFromDatabase(String(datasetId));
    if (!fresh || !fresh.artifacts.some((a) => a.id === next.id)) throw notFound('artifact_not_found');
    const status = fresh.status === 'published' || fresh.status === 'withdrawn' ? 'draft' : fresh.status;
    const updated = await Dataset.findOneAndUpdate(
      { _id: fresh._id, providerId: organizationId, rev: fresh.rev },
      { $set: { artifacts: fresh.artifacts.map((a) => (a.id === next.id ? next : a)), status }, $inc: { rev: 1 } },
      { returnDocument: 'after' },
    ).lean<DatasetDoc>();
    if (updated) return updated;
  }
  throw conflict('concurrent_modification');
}
