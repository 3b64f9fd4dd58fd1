// The files routes of a dataset (docs/design.md §7): list, register and upload, complete, remove, resume full-data uploads, download.
import type { ArtifactPartAck, ArtifactParts } from '../../schemas/artifact';
import { PURPOSE_CODES } from '../../schemas/taxonomy';
import { recordAudit } from '../audit/record';
import { filesOf } from '../datasets/files';
import { loadReadableDataset } from '../datasets/load';
import { presentArtifact } from '../datasets/presenter';
import { actorOf } from '../http/context';
import { depsOf } from '../http/deps';
import { AppError } from '../http/errors';
import { route } from '../http/route';
import { completeArtifact } from './complete';
import { registerArtifact, removeArtifact } from './change';
import { download } from './download';
import { prefersPage, refusalPagePath } from './download-page';
import { acknowledgePart, issuePartUrls, loadUpload, presentUpload } from './multipart';
import { multipartTarget } from './target';

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
    headers: { 'If-Match': { description: 'The ETag of the dataset; 412 when it changed since.' } },
    body: 'artifacts.create',
    tag: 'artifacts',
    summary:
      'Register an artifact and get a presigned PUT URL for uploading it straight to S3; full data (kind data) is uploaded in parts: the answer gives partSize and partCount',
    responses: [201],
    async handler(req, res) {
      await registerArtifact(req, res);
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
      await completeArtifact(req, res);
    },
  }),
  route({
    method: 'delete',
    path: '/datasets/:id/artifacts/:artifactId',
    headers: { 'If-Match': { description: 'The ETag of the dataset; 412 when it changed since.' } },
    permission: ['provider', 'admin'],
    tag: 'artifacts',
    summary: 'Remove a file from the working copy; a published file stays public (and stored) until the next version is approved',
    responses: [204],
    async handler(req, res) {
      await removeArtifact(req, res);
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
      purpose: { description: 'The purpose the download is for (absent or empty: research).', enum: PURPOSE_CODES, allowEmpty: true },
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
