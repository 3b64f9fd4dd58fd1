import { randomUUID } from 'node:crypto';
import { Types } from 'mongoose';
import { ARTIFACT_RULES, MULTIPART_KINDS, type ArtifactPartAck, type ArtifactParts } from '../../schemas/artifact';
import { PURPOSE_CODES } from '../../schemas/taxonomy';
import { callerRequester } from '../access/requester';
import { recordAudit } from '../audit/record';
import { actorOf } from '../http/context';
import { depsOf } from '../http/deps';
import { AppError, conflict, notFound, validationFailed } from '../http/errors';
import { route } from '../http/route';
import type { Request, Response } from 'express';
import { providerScope, requireView, type OrgScope } from '../datasets/access';
import { datasetForWrite } from '../datasets/commands';
import { assertEditable } from '../datasets/content';
import { guardedWrite } from '../datasets/guarded-write';
import { loadDataset, loadReadableDataset } from '../datasets/load';
import { filesOf } from '../datasets/files';
import { Dataset, type ArtifactDoc, type DatasetDoc } from '../datasets/model';
import { etagOf, presentArtifact } from '../datasets/presenter';
import { rulesOfFace } from '../policy/dataset-rules';
import { evaluate } from '../policy/evaluate';
import { explain } from '../policy/messages';
import type { Purpose } from '../policy/types';
import { downloadScope } from './download-rule';
import {
  acknowledgePart,
  assembleAndVerify,
  discardUpload,
  issuePartUrls,
  loadUpload,
  presentUpload,
  settleArtifact,
  startUpload,
} from './multipart';
import { prefersPage, refusalPagePath } from './download-page';

const MAX_ARTIFACTS_PER_DATASET = 50;
const UPLOAD_URL_TTL_SECONDS = 15 * 60;
const DOWNLOAD_URL_TTL_SECONDS = 5 * 60;

/** `?purpose=` of a download (default research); 400 naming the parameter when it is not a purpose. */
function purposeQuery(req: Request): Purpose {
  const raw = req.query.purpose;
  if (raw === undefined || raw === '') return 'research';
  if (typeof raw === 'string' && (PURPOSE_CODES as readonly string[]).includes(raw)) return raw as Purpose;
  throw new AppError(400, 'validation_failed', { count: 1 }, [
    { path: '/query/purpose', code: 'enum', params: { allowedValues: [...PURPOSE_CODES] } },
  ]);
}

/** Keeps letters of any script, digits, dot, dash and underscore; storage keys never carry user paths. */
function safeFilename(name: string): string {
  const cleaned = name
    .normalize('NFC')
    .replace(/[^\p{L}\p{N}._-]+/gu, '_')
    .replace(/^\.+/, '');
  return cleaned.slice(0, 120) || 'file';
}

const FAILURE_PATHS: Record<string, string> = {
  artifact_size_mismatch: '/bytes',
  artifact_checksum_mismatch: '/sha256',
  artifact_content_type_mismatch: '/contentType',
};

/** The bare media type of a Content-Type header (no parameters, lower case). */
function mediaType(contentType: string): string {
  return contentType.split(';')[0].trim().toLowerCase();
}

function findArtifact(list: readonly ArtifactDoc[], artifactId: string): ArtifactDoc {
  const a = list.find((x) => x.id === artifactId);
  if (!a) throw notFound('artifact_not_found');
  return a;
}

/**
 * The files a caller may download from: the approved set for the public; for the provider's people
 * and reviewers the working copy and the approved set (a file removed in a revision stays public
 * until the revision is approved).
 */
function downloadableFiles(doc: DatasetDoc, view: 'working' | 'live'): ArtifactDoc[] {
  const live = filesOf(doc, 'live');
  if (view === 'live') return live;
  return [...doc.artifacts, ...live.filter((a) => !doc.artifacts.some((w) => w.id === a.id))];
}

/**
 * Replaces the artifacts array under the dataset's current revision (409 otherwise). A change to the
 * files of a published (or withdrawn) dataset starts a revision draft, like any other edit: the
 * public keeps the approved files until a reviewer approves the next version.
 */
async function saveArtifacts(doc: DatasetDoc, organizationId: Types.ObjectId, artifacts: ArtifactDoc[]): Promise<DatasetDoc> {
  const status = doc.status === 'published' || doc.status === 'withdrawn' ? 'draft' : doc.status;
  const updated = await Dataset.findOneAndUpdate(
    { _id: doc._id, providerId: organizationId, rev: doc.rev },
    { $set: { artifacts, status }, $inc: { rev: 1 } },
    { returnDocument: 'after' },
  ).lean<DatasetDoc>();
  if (!updated) throw conflict('concurrent_modification');
  return updated;
}

/**
 * A change to the files of the route's dataset, as a guarded write: provider members only, current
 * ETag, not in review and not held by an import.
 */
function changeFiles<R>(req: Request, write: (doc: DatasetDoc, scope: OrgScope) => Promise<R>): Promise<R> {
  return guardedWrite({
    load: () => datasetForWrite(req.ctx, String(req.params.id)),
    ifMatch: req.get('if-match'),
    etag: etagOf,
    write: async ({ target: doc, scope }) => {
      await assertEditable(doc);
      return write(doc, scope);
    },
  });
}

/** The pending multipart artifact of the route, for a provider member of its dataset (parts do not change the dataset). */
async function multipartTarget(req: Request): Promise<{ doc: DatasetDoc; scope: OrgScope; artifact: ArtifactDoc }> {
  const user = req.ctx.user!;
  const { doc } = requireView(await loadDataset(String(req.params.id)), user);
  const scope = providerScope(user, doc.providerId);
  const artifact = findArtifact(doc.artifacts, String(req.params.artifactId));
  return { doc, scope, artifact };
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

export const artifactRoutes = [
  route({
    method: 'get',
    path: '/datasets/:id/artifacts',
    permission: 'public',
    response: 'artifacts.list',
    tag: 'artifacts',
    summary:
      "List files: the published version's for the public; the working copy's (with pending and rejected uploads) for the provider's people and reviewers",
    async handler(req, res) {
      const { doc, view } = await loadReadableDataset(String(req.params.id), req.ctx.user);
      const items = filesOf(doc, view).map((a) => presentArtifact(a, String(doc._id)));
      res.json({ items, total: items.length, page: 1, pageSize: items.length });
    },
  }),
  route({
    method: 'post',
    path: '/datasets/:id/artifacts',
    permission: ['provider', 'admin'],
    response: { schema: 'artifacts.created', headers: { ETag: true } },
    body: 'artifacts.create',
    tag: 'artifacts',
    summary:
      'Register an artifact and get a presigned PUT URL for uploading it straight to S3; full data (kind data) is uploaded in parts: the answer gives partSize and partCount',
    responses: [201],
    async handler(req, res) {
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
    },
  }),
  route({
    method: 'post',
    path: '/datasets/:id/artifacts/:artifactId/complete',
    permission: ['provider', 'admin'],
    response: 'artifacts.one',
    tag: 'artifacts',
    summary:
      'Verify an uploaded artifact (size and SHA-256 against S3; for full data every part too, after assembling them: 409 naming missing parts); mismatch → 422 and the object is deleted',
    async handler(req, res) {
      const user = req.ctx.user!;
      const { doc } = requireView(await loadDataset(String(req.params.id)), user);
      const scope = providerScope(user, doc.providerId);
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
      const next: ArtifactDoc = failure
        ? { ...artifact, status: 'rejected' }
        : { ...artifact, status: 'available', uploadedAt: new Date() };
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
    },
  }),
  route({
    method: 'delete',
    path: '/datasets/:id/artifacts/:artifactId',
    permission: ['provider', 'admin'],
    tag: 'artifacts',
    summary: 'Remove a file from the working copy; a published file stays public (and stored) until the next version is approved',
    responses: [204],
    async handler(req, res) {
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
    },
  }),
  route({
    method: 'get',
    path: '/datasets/:id/artifacts/:artifactId/upload',
    permission: ['provider', 'admin'],
    response: { schema: 'artifacts.uploadState', headers: { 'Cache-Control': true } },
    tag: 'artifacts',
    summary:
      'State of an unfinished full-data upload, for resuming: part size and count, acknowledged parts (with their SHA-256) and missing ones',
    async handler(req, res) {
      const { doc, artifact } = await multipartTarget(req);
      const upload = await loadUpload(doc._id, artifact);
      res.set('Cache-Control', 'no-store').json({ artifact: presentArtifact(artifact, String(doc._id)), upload: presentUpload(upload) });
    },
  }),
  route({
    method: 'post',
    path: '/datasets/:id/artifacts/:artifactId/parts',
    permission: ['provider', 'admin'],
    response: { schema: 'artifacts.partUrls', headers: { 'Cache-Control': true } },
    body: 'artifacts.parts',
    tag: 'artifacts',
    summary:
      'Presigned PUT URLs for parts of a full-data upload (at most 100 per request); each URL accepts only bytes with the SHA-256 declared for that part (x-amz-checksum-sha256)',
    async handler(req, res) {
      // Presigning never contacts S3: check it answers before handing out upload URLs (503 otherwise).
      const { storage } = depsOf(req);
      await storage.assertAvailable();
      const { doc, artifact } = await multipartTarget(req);
      const upload = await loadUpload(doc._id, artifact);
      const { parts } = req.body as ArtifactParts;
      const issued = await issuePartUrls(storage, upload, parts);
      await recordAudit(
        actorOf(req.ctx),
        'artifact.part_urls_issued',
        { type: 'dataset', id: doc._id, organizationId: doc.providerId },
        { artifactId: artifact.id, parts: parts.map((p) => p.number) },
      );
      res.set('Cache-Control', 'no-store').json({ parts: issued.parts });
    },
  }),
  route({
    method: 'put',
    path: '/datasets/:id/artifacts/:artifactId/parts/:number',
    permission: ['provider', 'admin'],
    response: 'artifacts.partAcked',
    body: 'artifacts.partAck',
    tag: 'artifacts',
    summary:
      'Acknowledge a stored part with the ETag storage answered its PUT with; acknowledged parts survive a dropped connection and are not sent again',
    async handler(req, res) {
      const { doc, artifact } = await multipartTarget(req);
      const upload = await loadUpload(doc._id, artifact);
      const { etag } = req.body as ArtifactPartAck;
      const updated = await acknowledgePart(upload, Number(req.params.number), etag);
      const state = presentUpload(updated);
      res.json({ number: Number(req.params.number), acknowledged: state.acknowledged.length, partCount: state.partCount });
    },
  }),
  route({
    method: 'get',
    path: '/datasets/:id/artifacts/:artifactId/download',
    permission: 'public',
    responses: [200, 302, 303],
    response: { schema: 'artifacts.download', headers: { 'Cache-Control': true } },
    query: {
      purpose: { description: 'The purpose the download is for (default research).', enum: PURPOSE_CODES },
      format: { description: '`json`: answer 200 { url, expiresAt } (and 403/404 problems) instead of redirecting (302 to storage; 303 to the file page for a refused browser navigation).' },
    },
    tag: 'artifacts',
    summary:
      'Redirect to a presigned download URL valid for 5 minutes when the policy engine allows (?purpose=, default research; ?format=json for { url, expiresAt }); 403 with the decision, reasons and requirements otherwise (a browser navigation is sent with 303 to the file page, which explains the refusal)',
    async handler(req, res) {
      try {
        await download(req, res);
      } catch (err) {
        // A person who followed a link gets the file page in their language, not a problem body.
        if (err instanceof AppError && (err.status === 403 || err.status === 404) && prefersPage(req)) {
          res.redirect(303, refusalPagePath(String(req.params.id), String(req.params.artifactId), req.query));
          return;
        }
        throw err;
      }
    },
  }),
];

/** Hands out a presigned URL of a file when the policy engine allows the caller its scope; 403 with the decision otherwise. */
async function download(req: Request, res: Response): Promise<void> {
  // Presigning never contacts S3: check it answers before handing out a download URL (503 otherwise).
  await depsOf(req).storage.assertAvailable();
  const user = req.ctx.user;
  const purpose = purposeQuery(req);
  const { doc, view } = await loadReadableDataset(String(req.params.id), user);
  const artifact = findArtifact(downloadableFiles(doc, view), String(req.params.artifactId));
  if (artifact.status !== 'available') throw notFound('artifact_not_found');
  // The engine decides; the 403 carries its decision, reasons and requirements (401 is never
  // used: an anonymous caller reads decision sign_in_required).
  const scope = downloadScope(artifact.kind);
  const evaluation = evaluate(rulesOfFace(doc, view), await callerRequester(user, doc), purpose, scope);
  if (evaluation.decision !== 'allow') {
    throw new AppError(403, 'download_not_allowed', {}, undefined, { scope, purpose, ...explain(evaluation, req.ctx.lang) });
  }
  const { url, expiresAt } = await depsOf(req).storage.presignGet(artifact.key, DOWNLOAD_URL_TTL_SECONDS, {
    filename: artifact.filename,
    contentType: artifact.contentType,
  });
  await recordAudit(
    actorOf(req.ctx),
    'artifact.download_url_issued',
    { type: 'dataset', id: doc._id, organizationId: doc.providerId },
    { artifactId: artifact.id, kind: artifact.kind, scope, purpose },
  );
  res.set('Cache-Control', 'no-store');
  if (req.query.format === 'json') res.json({ url, expiresAt });
  else res.redirect(302, url);
}
