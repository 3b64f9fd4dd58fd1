// Adding a file to a dataset (a presigned upload URL, or a multipart upload for full data) and removing one.
import { randomUUID } from 'node:crypto';
import type { Request, Response } from 'express';
import { ARTIFACT_RULES, MULTIPART_KINDS } from '../../schemas/artifact';
import { recordAudit } from '../audit/record';
import { filesOf } from '../datasets/files';
import type { ArtifactDoc, DatasetDoc } from '../datasets/model';
import { etagOf, presentArtifact } from '../datasets/presenter';
import { actorOf } from '../http/context';
import { depsOf } from '../http/deps';
import { AppError, conflict, validationFailed } from '../http/errors';
import { discardUpload, startUpload } from './multipart';
import { changeFiles, findArtifact, saveArtifacts } from './target';

const MAX_ARTIFACTS_PER_DATASET = 50;
const UPLOAD_URL_TTL_SECONDS = 15 * 60;

/** Keeps letters of any script, digits, dot, dash and underscore; storage keys never carry user paths. */
function safeFilename(name: string): string {
  const cleaned = name
    .normalize('NFC')
    .replace(/[^\p{L}\p{N}._-]+/gu, '_')
    .replace(/^\.+/, '');
  return cleaned.slice(0, 120) || 'file';
}

/** Registers an artifact on the route's dataset and answers 201 with where to upload it (a guarded write: If-Match, ETag). */
export async function registerArtifact(req: Request, res: Response): Promise<void> {
  // Presigning never contacts S3: check it answers before handing out an upload URL (503 otherwise).
  await depsOf(req).storage.assertAvailable();
  const user = req.ctx.user!;
  await changeFiles(req, async (doc, scope) => {
    const { kind, filename, contentType, bytes, sha256, partSize } = req.body as {
      kind: ArtifactDoc['kind'];
      filename: string;
      contentType: string;
      bytes: number;
      sha256: string;
      partSize?: number;
    };
    if (partSize !== undefined && !MULTIPART_KINDS.has(kind)) throw validationFailed([{ path: '/partSize', code: 'not_allowed' }]);
    const rule = ARTIFACT_RULES[kind];
    if (!rule.contentTypes.includes(contentType)) {
      throw new AppError(415, 'artifact_content_type_not_allowed', { contentType, kind, allowed: rule.contentTypes.join(', ') }, [
        { path: '/contentType', code: 'content_type_not_allowed', params: { allowed: rule.contentTypes.join(', ') } },
      ]);
    }
    if (bytes > rule.maxBytes) {
      throw new AppError(413, 'artifact_too_large', { limit: rule.maxBytes }, [
        { path: '/bytes', code: 'maximum', params: { limit: rule.maxBytes } },
      ]);
    }
    if (doc.artifacts.filter((a) => a.status !== 'rejected').length >= MAX_ARTIFACTS_PER_DATASET) {
      throw conflict('too_many_artifacts', { max: MAX_ARTIFACTS_PER_DATASET });
    }
    const id = randomUUID();
    const artifact: ArtifactDoc = {
      id,
      kind,
      key: `datasets/${doc._id}/artifacts/${id}/${safeFilename(filename)}`,
      filename,
      contentType,
      bytes,
      sha256: sha256.toLowerCase(),
      status: 'pending',
      uploadedAt: null,
      createdAt: new Date(),
      createdBy: user.id,
    };
    if (MULTIPART_KINDS.has(kind)) {
      // Full data: storage's multipart upload first, then the pending artifact; undone if the dataset changed meanwhile.
      const { storage } = depsOf(req);
      const upload = await startUpload(storage, doc, artifact, partSize, user.id);
      let updated: DatasetDoc;
      try {
        updated = await saveArtifacts(doc, scope.organizationId, [...doc.artifacts, artifact]);
      } catch (err) {
        await discardUpload(storage, id);
        throw err;
      }
      await recordAudit(
        actorOf(req.ctx),
        'artifact.upload_started',
        { type: 'dataset', id: doc._id, organizationId: doc.providerId },
        { artifactId: id, kind, bytes, partSize: upload.partSize, partCount: upload.partCount },
      );
      res
        .status(201)
        .set('ETag', etagOf(updated))
        .json({
          artifact: presentArtifact(artifact, String(doc._id)),
          upload: { method: 'multipart', partSize: upload.partSize, partCount: upload.partCount, expiresAt: upload.expiresAt },
        });
      return;
    }
    const updated = await saveArtifacts(doc, scope.organizationId, [...doc.artifacts, artifact]);
    const upload = await depsOf(req).storage.presignPut(artifact.key, { contentType, bytes }, UPLOAD_URL_TTL_SECONDS);
    await recordAudit(
      actorOf(req.ctx),
      'artifact.upload_url_issued',
      { type: 'dataset', id: doc._id, organizationId: doc.providerId },
      { artifactId: id, kind, bytes },
    );
    res
      .status(201)
      .set('ETag', etagOf(updated))
      .json({
        artifact: presentArtifact(artifact, String(doc._id)),
        upload: { url: upload.url, method: 'PUT', headers: upload.headers, expiresAt: upload.expiresAt },
      });
  });
}

/** Removes a file from the route's dataset's working copy (a guarded write); 204. */
export async function removeArtifact(req: Request, res: Response): Promise<void> {
  await changeFiles(req, async (doc, scope) => {
    const artifact = findArtifact(doc.artifacts, String(req.params.artifactId));
    await saveArtifacts(
      doc,
      scope.organizationId,
      doc.artifacts.filter((a) => a.id !== artifact.id),
    );
    // An unfinished full-data upload: storage drops its parts (where it can) and its state goes.
    if (MULTIPART_KINDS.has(artifact.kind)) await discardUpload(depsOf(req).storage, artifact.id);
    if (!filesOf(doc, 'live').some((a) => a.key === artifact.key)) await depsOf(req).storage.deleteObject(artifact.key);
    await recordAudit(
      actorOf(req.ctx),
      'artifact.delete',
      { type: 'dataset', id: doc._id, organizationId: doc.providerId },
      { artifactId: artifact.id },
    );
    res.status(204).end();
  });
}
