import type { Request } from 'express';
import { Types } from 'mongoose';
import { depsOf } from '../http/deps';
import { notFound } from '../http/errors';
import { route } from '../http/route';
import type { OrganizationDoc } from '../organizations/model';
import { rulesOfFace } from '../policy/dataset-rules';
import { searchCatalog } from '../search/handler';
import { createDataset, deleteDataset, updateDataset } from './commands';
import { loadDataset, loadReadableDataset } from './load';
import { reviewDataset, submitDataset, withdrawDataset } from './publication';
import { DatasetVersion, type DatasetDoc } from './model';
import { withExternalAccess } from './external-access';
import { etagOf, presentDataset } from './presenter';
import { announceOutcome, announceSubmission } from './notices';
import { reviewChangesOf } from './review-changes';
import { readDataset } from './read';
import { countView } from '../stats/record';
import { providersOf } from './providers';
import { workspaceList } from './workspace';
import { datasetStore, versionMetasOf } from './store';
import { ArtifactUpload } from '../artifacts/upload-model';

async function presentOne(req: Request, doc: DatasetDoc, view: 'working' | 'live') {
  const providers = await providersOf([doc.providerId]);
  return presentDataset(doc, view, providers.get(String(doc.providerId)) as OrganizationDoc | undefined, req.ctx.lang);
}

export const datasetRoutes = [
  route({
    method: 'get',
    path: '/datasets',
    permission: 'public',
    response: 'datasets.list',
    // The workspace mode (`?status=`, `?workspace=true`) is described in the summary, not as parameters: it
    // reads only provider, sort and paging, so the search parameters above would be ignored rather than checked.
    querySchema: 'datasets.search',
    tag: 'datasets',
    summary: 'Search the catalogue (q, filters, disjunctive facets, sort, paging; only what the caller may see); with status/workspace, the working copies the caller may manage or review',
    async handler(req, res) {
      const workspace = req.query.workspace === 'true' || req.query.status !== undefined;
      if (!workspace) {
        res.json(await searchCatalog(req));
        return;
      }
      res.json(await workspaceList(req));
    },
  }),
  route({
    method: 'post',
    path: '/datasets',
    permission: ['provider', 'admin'],
    response: { schema: 'datasets.view', headers: { ETag: true, Location: true } },
    body: 'datasets.create',
    bodyLimit: 'document',
    tag: 'datasets',
    summary: 'Create a draft dataset',
    responses: [201],
    async handler(req, res) {
      const doc = await createDataset(req.ctx, req.body);
      res.status(201).set('ETag', etagOf(doc)).location(`/api/v1/datasets/${doc._id}`).json(await presentOne(req, doc, 'working'));
    },
  }),
  route({
    method: 'get',
    path: '/datasets/:id',
    permission: 'public',
    response: { schema: 'datasets.view', headers: { ETag: false } },
    tag: 'datasets',
    summary: 'Read a dataset by id or slug (404 when the caller may not see it)',
    async handler(req, res) {
      const found = await readDataset(String(req.params.id), req.ctx.user);
      countView(req, res, found); // usage statistics, written after the response (docs/statistics.md)
      // The index keeps the published face presented (presentDataset's live view) for every caller.
      // External access is added for callers the engine allows scope `full` (external-access.ts).
      if (found.entry) {
        const { entry } = found;
        res.json(await withExternalAccess(entry.item, req.ctx.user, { id: entry.id, providerId: entry.providerId, rules: entry.policy, live: entry.live }));
        return;
      }
      if (found.view === 'working') res.set('ETag', etagOf(found.doc));
      const body = await presentOne(req, found.doc, found.view);
      const { doc } = found;
      res.json(found.view === 'live' && doc.live ? await withExternalAccess(body, req.ctx.user, { id: String(doc._id), providerId: doc.providerId, rules: rulesOfFace(doc, 'live'), live: doc.live }) : body);
    },
  }),
  route({
    method: 'patch',
    path: '/datasets/:id',
    permission: ['provider', 'admin'],
    response: { schema: 'datasets.view', headers: { ETag: true } },
    headers: { 'If-Match': { description: 'The ETag the edit is based on; 412 when the working copy changed since.' } },
    body: 'datasets.update',
    bodyLimit: 'document',
    tag: 'datasets',
    summary: 'Edit the working copy (If-Match with the ETag; 412 when stale)',
    async handler(req, res) {
      const doc = await updateDataset(req.ctx, String(req.params.id), req.body, req.get('if-match'));
      res.set('ETag', etagOf(doc)).json(await presentOne(req, doc, 'working'));
    },
  }),
  route({
    method: 'delete',
    path: '/datasets/:id',
    permission: ['provider', 'admin'],
    headers: { 'If-Match': { description: 'The ETag of the draft; 412 when it changed since.' } },
    tag: 'datasets',
    summary: 'Delete a never-published draft',
    responses: [204],
    async handler(req, res) {
      const target = await loadDataset(String(req.params.id));
      const keys = await deleteDataset(req.ctx, String(req.params.id), req.get('if-match'));
      const { storage, log } = depsOf(req);
      await Promise.all(keys.map((k) => storage.deleteObject(k).catch((err: unknown) => log.warn({ err, key: k }, 'artifact cleanup failed'))));
      // Unfinished full-data uploads of the draft: abort them in storage and forget their state.
      const uploads = target ? await ArtifactUpload.find({ datasetId: target._id }, { key: 1, uploadId: 1, state: 1 }).lean() : [];
      await Promise.all(
        uploads.map((u) =>
          u.state === 'assembled' ? undefined : storage.abortMultipart(u.key, u.uploadId).catch((err: unknown) => log.warn({ err, key: u.key }, 'multipart abort failed')),
        ),
      );
      if (uploads.length) await ArtifactUpload.deleteMany({ _id: { $in: uploads.map((u) => u._id) } });
      res.status(204).end();
    },
  }),
  route({
    method: 'post',
    path: '/datasets/:id/submit',
    permission: ['provider', 'admin'],
    response: { schema: 'datasets.view', headers: { ETag: true } },
    tag: 'review',
    body: 'datasets.submit',
    summary: 'Submit a draft for publication review with an optional public change summary (422 with field errors when not ready)',
    async handler(req, res) {
      const doc = await submitDataset(req.ctx, String(req.params.id), req.body.changeNote ?? null);
      await announceSubmission(doc, req.ctx.user!, depsOf(req).log);
      res.set('ETag', etagOf(doc)).json(await presentOne(req, doc, 'working'));
    },
  }),
  route({
    method: 'post',
    path: '/datasets/:id/review',
    permission: ['reviewer', 'admin'],
    response: { schema: 'datasets.view', headers: { ETag: true } },
    body: 'datasets.review',
    tag: 'review',
    summary: 'Approve (publish) or request changes; never by the submitter',
    async handler(req, res) {
      const { doc, orphanedKeys } = await reviewDataset(req.ctx, String(req.params.id), req.body.action, req.body.comment);
      const { storage, log } = depsOf(req);
      await Promise.all(orphanedKeys.map((k) => storage.deleteObject(k).catch((err: unknown) => log.warn({ err, key: k }, 'removed file cleanup failed'))));
      await announceOutcome(doc, req.body.action === 'approve' ? 'dataset_published' : 'dataset_changes_requested', req.ctx.user!, log);
      res.set('ETag', etagOf(doc)).json(await presentOne(req, doc, 'working'));
    },
  }),
  route({
    method: 'post',
    path: '/datasets/:id/withdraw',
    permission: ['provider', 'admin'],
    response: { schema: 'datasets.view', headers: { ETag: true } },
    body: 'datasets.withdraw',
    tag: 'review',
    summary: 'Withdraw a published dataset from the catalogue',
    async handler(req, res) {
      const doc = await withdrawDataset(req.ctx, String(req.params.id), req.body?.comment);
      await announceOutcome(doc, 'dataset_withdrawn', req.ctx.user!, depsOf(req).log);
      res.set('ETag', etagOf(doc)).json(await presentOne(req, doc, 'working'));
    },
  }),
  route({
    method: 'get',
    path: '/datasets/:id/review-changes',
    permission: 'public',
    response: 'datasets.reviewChanges',
    tag: 'review',
    summary:
      'What changed in the working copy since the last review decision: content field by field (bilingual texts per language) and files added or removed, with that decision and its comment (the working copy’s readers only; 404 for others)',
    async handler(req, res) {
      // 404, not 401/403, for everyone else: as every working-copy read, it must not reveal drafts.
      const { doc, view } = await loadReadableDataset(String(req.params.id), req.ctx.user);
      if (view !== 'working') throw notFound('dataset_not_found');
      res.json(await reviewChangesOf(doc));
    },
  }),
  route({
    method: 'get',
    path: '/datasets/:id/versions',
    permission: 'public',
    response: 'datasets.versionList',
    tag: 'datasets',
    summary:
      "Publication history: every published version with the provider's public change summary and the fields it changed (the reviewer's note only for the provider's members, reviewers and admins)",
    async handler(req, res) {
      const found = await readDataset(String(req.params.id), req.ctx.user);
      const view = found.view;
      const dataset = found.entry ? { _id: new Types.ObjectId(found.entry.id), version: found.entry.live.version } : found.doc;
      const store = datasetStore();
      let history = store.loaded ? store.versionsOf(dataset) : undefined;
      if (!history) {
        const rows = await DatasetVersion.find({ datasetId: dataset._id }).sort({ version: 1 }).lean();
        history = versionMetasOf(rows).get(String(dataset._id)) ?? [];
        // Kept for the next reader (the store compares it with the dataset's version before use).
        if (store.loaded) store.setVersions(String(dataset._id), history);
      }
      const items = history
        .map((v) => ({
          version: v.version,
          publishedAt: v.publishedAt,
          changeNote: v.changeNote ?? null,
          changedFields: v.changedFields,
          ...(view === 'working' ? { reviewerComment: v.reviewerComment ?? null } : {}),
        }))
        .reverse();
      res.json({ items, total: items.length, page: 1, pageSize: items.length });
    },
  }),
  route({
    method: 'get',
    path: '/datasets/:id/versions/:version',
    permission: 'public',
    response: 'datasets.version',
    tag: 'datasets',
    summary: 'One published version as it was approved',
    async handler(req, res) {
      const { doc, view } = await loadReadableDataset(String(req.params.id), req.ctx.user);
      const version = Number(req.params.version);
      const v = Number.isInteger(version) ? await DatasetVersion.findOne({ datasetId: doc._id, version }).lean() : null;
      if (!v) throw notFound('version_not_found');
      const { externalAccess, ...snapshot } = v.snapshot;
      res.json({
        id: String(doc._id),
        version: v.version,
        publishedAt: v.publishedAt,
        changeNote: v.changeNote ?? null,
        ...(view === 'working' ? { reviewerComment: v.reviewerComment ?? null } : {}),
        ...snapshot,
        ...(view === 'working' && externalAccess ? { externalAccess } : {}),
      });
    },
  }),
];
