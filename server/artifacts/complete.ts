// Completing an upload: verify size, type and SHA-256 against storage (for full data, every part after assembling them), then settle the artifact.
import type { Request, Response } from 'express';
import { MULTIPART_KINDS } from '../../schemas/artifact';
import { recordAudit } from '../audit/record';
import type { OrgScope } from '../datasets/access';
import type { ArtifactDoc, DatasetDoc } from '../datasets/model';
import { presentArtifact } from '../datasets/presenter';
import { providerScope, requireView } from '../datasets/access';
import { loadDataset } from '../datasets/load';
import { assertLocal } from '../harvest/origin-view';
import { actorOf } from '../http/context';
import { depsOf } from '../http/deps';
import { AppError, conflict } from '../http/errors';
import { assembleAndVerify, discardUpload, loadUpload, settleArtifact } from './multipart';
import { findArtifact, saveArtifacts } from './target';

const FAILURE_PATHS: Record<string, string> = {
  artifact_size_mismatch: '/bytes',
  artifact_checksum_mismatch: '/sha256',
  artifact_content_type_mismatch: '/contentType',
};

/** The bare media type of a Content-Type header (no parameters, lower case). */
function mediaType(contentType: string): string {
  return contentType.split(';')[0].trim().toLowerCase();
}

/** Completion of a full-data upload: assemble, verify every part and the whole, then settle the artifact. */
async function completeMultipart(req: Request, res: Response, doc: DatasetDoc, scope: OrgScope, artifact: ArtifactDoc): Promise<void> {
  const { storage } = depsOf(req);
  const upload = await loadUpload(doc._id, artifact);
  const { failure, assembleMs, verifyMs } = await assembleAndVerify(storage, upload, artifact);
  depsOf(req).log.info(
    {
      artifactId: artifact.id,
      bytes: artifact.bytes,
      parts: upload.partCount,
      assembleMs,
      verifyMs,
      outcome: failure?.code ?? 'available',
    },
    'full-data upload completed',
  );
  const next: ArtifactDoc = failure ? { ...artifact, status: 'rejected' } : { ...artifact, status: 'available', uploadedAt: new Date() };
  if (failure) await storage.deleteObject(artifact.key);
  await settleArtifact(doc._id, scope.organizationId, next);
  await discardUpload(storage, artifact.id);
  await recordAudit(
    actorOf(req.ctx),
    failure ? 'artifact.rejected' : 'artifact.available',
    { type: 'dataset', id: doc._id, organizationId: doc.providerId },
    {
      artifactId: artifact.id,
      ...(failure ? { code: failure.code, params: failure.params } : {}),
    },
  );
  if (failure) {
    const { partNumbers, ...params } = failure.params;
    throw new AppError(
      422,
      failure.code,
      params,
      [{ path: failure.path, code: failure.code, params }],
      partNumbers ? { partNumbers } : undefined,
    );
  }
  res.json({ artifact: presentArtifact(next, String(doc._id)) });
}

/** Verifies an uploaded artifact and makes it available, or rejects it (422) and deletes the object. */
export async function completeArtifact(req: Request, res: Response): Promise<void> {
  const user = req.ctx.user!;
  const { doc } = requireView(await loadDataset(String(req.params.id)), user);
  const scope = providerScope(user, doc.providerId);
  assertLocal(doc, req.ctx.lang);
  const artifact = findArtifact(doc.artifacts, String(req.params.artifactId));
  if (artifact.status === 'available') {
    res.json({ artifact: presentArtifact(artifact, String(doc._id)) });
    return;
  }
  if (artifact.status !== 'pending') throw conflict('artifact_not_pending');
  const { storage } = depsOf(req);
  if (MULTIPART_KINDS.has(artifact.kind)) {
    await completeMultipart(req, res, doc, scope, artifact);
    return;
  }
  const head = await storage.head(artifact.key);
  if (!head) throw new AppError(422, 'upload_missing', {}, [{ path: '/artifacts', code: 'upload_missing' }]);
  let failure: { code: string; params: Record<string, unknown> } | null = null;
  // The upload URL signs the content type; a store that does not check signatures (or a proxy
  // rewriting headers) could still let another type through, so it is checked again here.
  if (mediaType(head.contentType) !== artifact.contentType) {
    failure = { code: 'artifact_content_type_mismatch', params: { expected: artifact.contentType, actual: head.contentType } };
  } else if (head.bytes !== artifact.bytes) {
    failure = { code: 'artifact_size_mismatch', params: { expected: artifact.bytes, actual: head.bytes } };
  } else {
    const actual = await storage.sha256(artifact.key);
    if (actual !== artifact.sha256) failure = { code: 'artifact_checksum_mismatch', params: { expected: artifact.sha256, actual } };
  }
  const next: ArtifactDoc = failure ? { ...artifact, status: 'rejected' } : { ...artifact, status: 'available', uploadedAt: new Date() };
  if (failure) await storage.deleteObject(artifact.key);
  const fresh = (await loadDataset(String(doc._id)))!;
  await saveArtifacts(
    fresh,
    scope.organizationId,
    fresh.artifacts.map((a) => (a.id === artifact.id ? next : a)),
  );
  await recordAudit(
    actorOf(req.ctx),
    failure ? 'artifact.rejected' : 'artifact.available',
    { type: 'dataset', id: doc._id, organizationId: doc.providerId },
    { artifactId: artifact.id, ...(failure ?? {}) },
  );
  if (failure)
    throw new AppError(422, failure.code, failure.params, [
      { path: FAILURE_PATHS[failure.code], code: failure.code, params: failure.params },
    ]);
  res.json({ artifact: presentArtifact(next, String(doc._id)) });
}
