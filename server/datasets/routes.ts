import type { Request } from 'express';
import { Types, type QueryFilter } from 'mongoose';
import { isMemberOf, seesAllProviders } from '../http/context';
import { depsOf } from '../http/deps';
import { badRequest, notFound } from '../http/errors';
import { intQuery, listQuery, route } from '../http/route';
import { Organization } from '../organizations/model';
import { organizationsById } from '../organizations/lookup';
import { searchCatalog } from '../search/handler';
import { relationTo, seesWorkingCopy } from './access';
import { changedFields, createDataset, deleteDataset, loadReadableDataset, reviewDataset, submitDataset, updateDataset, withdrawDataset } from './commands';
import { Dataset, DatasetVersion, type DatasetDoc } from './model';
import { etagOf, presentDataset } from './presenter';
import { readDataset } from './read';

const STATUSES = ['draft', 'in_review', 'changes_requested', 'published', 'withdrawn'];

async function presentOne(req: Request, doc: DatasetDoc, view: 'working' | 'live') {
  const providers = await organizationsById([doc.providerId]);
  return presentDataset(doc, view, providers.get(String(doc.providerId)), req.ctx.lang);
}

/**
 * Workspace listing (`?status=` or `?workspace=true`): working copies the caller may see — their
 * organisation's, or every provider's for national reviewers and admins.
 */
async function workspaceFilter(req: Request): Promise<QueryFilter<DatasetDoc>> {
  const user = req.ctx.user;
  if (!user) throw notFound('route_not_found');
  const statuses = listQuery(req, 'status');
  for (const s of statuses) if (!STATUSES.includes(s)) throw badRequest('invalid_query', { name: 'status' });
  const filter: QueryFilter<DatasetDoc> = {};
  if (statuses.length) filter.status = { $in: statuses as DatasetDoc['status'][] };
  const providerSlugs = listQuery(req, 'provider');
  const wide = seesAllProviders(user);
  if (providerSlugs.length) {
    const orgs = await Organization.find({ slug: { $in: providerSlugs } }, { _id: 1 }).lean();
    const ids = orgs.map((o) => o._id).filter((id) => wide || isMemberOf(user, id));
    filter.providerId = { $in: ids };
  } else if (!wide) {
    // An outsider's workspace is empty: no organisation, no working copies.
    filter.providerId = user.organizationId ?? { $in: [] };
  }
  return filter;
}

export const datasetRoutes = [
  route({
    method: 'get',
    path: '/datasets',
    permission: 'public',
    tag: 'datasets',
    summary: 'Search the catalogue (q, filters, disjunctive facets, sort, paging; only what the caller may see); with status/workspace, the working copies the caller may manage or review',
    async handler(req, res) {
      const workspace = req.query.workspace === 'true' || req.query.status !== undefined;
      if (!workspace) {
        res.json(await searchCatalog(req));
        return;
      }
      const page = intQuery(req, 'page', 1, 1, 10_000);
      const pageSize = intQuery(req, 'pageSize', 50, 1, 100);
      const filter = await workspaceFilter(req);
      const sortParam = String(req.query.sort ?? 'updated');
      if (!['newest', 'title', 'updated'].includes(sortParam)) throw badRequest('invalid_query', { name: 'sort' });
      const sort: Record<string, 1 | -1> =
        sortParam === 'title' ? { [`title.${req.ctx.lang}`]: 1, _id: 1 } : sortParam === 'newest' ? { createdAt: -1, _id: -1 } : { updatedAt: -1, _id: -1 };
      const [total, docs] = await Promise.all([
        Dataset.countDocuments(filter),
        Dataset.find(filter).sort(sort).skip((page - 1) * pageSize).limit(pageSize).lean<DatasetDoc[]>(),
      ]);
      const providers = await organizationsById(docs.map((d) => d.providerId));
      const items = docs.map((d) => presentDataset(d, seesWorkingCopy(relationTo(req.ctx.user, d.providerId)) ? 'working' : 'live', providers.get(String(d.providerId)), req.ctx.lang));
      res.json({ items, total, page, pageSize });
    },
  }),
  route({
    method: 'post',
    path: '/datasets',
    permission: ['provider', 'admin'],
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
    tag: 'datasets',
    summary: 'Read a dataset by id or slug (404 when the caller may not see it)',
    async handler(req, res) {
      const found = await readDataset(String(req.params.id), req.ctx.user);
      // The index keeps the published face presented (presentDataset's live view) for every caller.
      if (found.entry) {
        res.json(found.entry.item);
        return;
      }
      if (found.view === 'working') res.set('ETag', etagOf(found.doc));
      res.json(await presentOne(req, found.doc, found.view));
    },
  }),
  route({
    method: 'patch',
    path: '/datasets/:id',
    permission: ['provider', 'admin'],
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
    tag: 'datasets',
    summary: 'Delete a never-published draft',
    responses: [204],
    async handler(req, res) {
      const keys = await deleteDataset(req.ctx, String(req.params.id), req.get('if-match'));
      const { storage, log } = depsOf(req);
      await Promise.all(keys.map((k) => storage.deleteObject(k).catch((err: unknown) => log.warn({ err, key: k }, 'artifact cleanup failed'))));
      res.status(204).end();
    },
  }),
  route({
    method: 'post',
    path: '/datasets/:id/submit',
    permission: ['provider', 'admin'],
    tag: 'review',
    body: 'datasets.submit',
    summary: 'Submit a draft for publication review with an optional public change summary (422 with field errors when not ready)',
    async handler(req, res) {
      const doc = await submitDataset(req.ctx, String(req.params.id), req.body.changeNote ?? null);
      res.set('ETag', etagOf(doc)).json(await presentOne(req, doc, 'working'));
    },
  }),
  route({
    method: 'post',
    path: '/datasets/:id/review',
    permission: ['reviewer', 'admin'],
    body: 'datasets.review',
    tag: 'review',
    summary: 'Approve (publish) or request changes; never by the submitter',
    async handler(req, res) {
      const { doc, orphanedKeys } = await reviewDataset(req.ctx, String(req.params.id), req.body.action, req.body.comment);
      const { storage, log } = depsOf(req);
      await Promise.all(orphanedKeys.map((k) => storage.deleteObject(k).catch((err: unknown) => log.warn({ err, key: k }, 'removed file cleanup failed'))));
      res.set('ETag', etagOf(doc)).json(await presentOne(req, doc, 'working'));
    },
  }),
  route({
    method: 'post',
    path: '/datasets/:id/withdraw',
    permission: ['provider', 'admin'],
    body: 'datasets.withdraw',
    tag: 'review',
    summary: 'Withdraw a published dataset from the catalogue',
    async handler(req, res) {
      const doc = await withdrawDataset(req.ctx, String(req.params.id), req.body?.comment);
      res.set('ETag', etagOf(doc)).json(await presentOne(req, doc, 'working'));
    },
  }),
  route({
    method: 'get',
    path: '/datasets/:id/versions',
    permission: 'public',
    tag: 'datasets',
    summary:
      "Publication history: every published version with the provider's public change summary and the fields it changed (the reviewer's note only for the provider's members, reviewers and admins)",
    async handler(req, res) {
      const found = await readDataset(String(req.params.id), req.ctx.user);
      const view = found.view;
      const datasetId = found.entry ? new Types.ObjectId(found.entry.id) : found.doc._id;
      const versions = await DatasetVersion.find({ datasetId }).sort({ version: 1 }).lean();
      const items = versions
        .map((v, i) => ({
          version: v.version,
          publishedAt: v.publishedAt,
          changeNote: v.changeNote ?? null,
          changedFields: changedFields(versions[i - 1]?.snapshot, v.snapshot),
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
    tag: 'datasets',
    summary: 'One published version as it was approved',
    async handler(req, res) {
      const { doc, view } = await loadReadableDataset(String(req.params.id), req.ctx.user);
      const version = Number(req.params.version);
      const v = Number.isInteger(version) ? await DatasetVersion.findOne({ datasetId: doc._id, version }).lean() : null;
      if (!v) throw notFound('version_not_found');
      res.json({
        id: String(doc._id),
        version: v.version,
        publishedAt: v.publishedAt,
        changeNote: v.changeNote ?? null,
        ...(view === 'working' ? { reviewerComment: v.reviewerComment ?? null } : {}),
        ...v.snapshot,
      });
    },
  }),
];
