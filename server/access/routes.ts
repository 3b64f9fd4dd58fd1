import type { Request } from 'express';
import { Types } from 'mongoose';
import { Dataset } from '../datasets/model';
import { datasetStore } from '../datasets/store';
import { hasRole } from '../http/context';
import { depsOf } from '../http/deps';
import { badRequest, forbidden } from '../http/errors';
import { intQuery, listQuery, route } from '../http/route';
import { Organization } from '../organizations/model';
import { claimAccessRequest, decideAccessRequest, resubmitAccessRequest, revokeAccessRequest, withdrawAccessRequest } from './commands';
import { createAccessRequest, idempotencyKeyOf } from './create';
import { visibleAccessRequest } from './load';
import { myAccess } from './my-access';
import { expireIfDue } from './transition';
import { ACCESS_REQUEST_STATES, type AccessRequestDoc, type AccessRequestState } from './model';
import { presentAccessRequest } from './presenter';
import { listMine, listQueue, relationsFor, type ListFilters } from './queries';

async function present(req: Request, docs: AccessRequestDoc[]) {
  const now = new Date();
  const { datasets, requesters } = await relationsFor(docs);
  const opts = { lang: req.ctx.lang, now, slaDays: depsOf(req).config.accessSlaDays };
  return docs.map((d) =>
    presentAccessRequest(d, datasets.get(String(d.datasetId)) ?? null, requesters.get(String(d.requesterId)) ?? null, opts),
  );
}

async function presentOne(req: Request, doc: AccessRequestDoc) {
  return (await present(req, [doc]))[0];
}

async function idsBySlugOrId(model: 'dataset' | 'organization', values: string[]): Promise<Types.ObjectId[] | undefined> {
  if (!values.length) return undefined;
  const store = datasetStore();
  if (model === 'dataset' && store.loaded) {
    // Each value names a dataset by id or by slug (as the `$or` below), from the dataset store.
    const found = new Map<string, Types.ObjectId>();
    for (const v of values) {
      for (const d of [/^[0-9a-f]{24}$/i.test(v) ? store.get(v.toLowerCase()) : undefined, store.getBySlug(v)]) if (d) found.set(String(d._id), d._id);
    }
    return [...found.values()];
  }
  const ids = values.filter((v) => /^[0-9a-f]{24}$/i.test(v)).map((v) => new Types.ObjectId(v));
  const query = { $or: [{ _id: { $in: ids } }, { slug: { $in: values } }] };
  const found = model === 'dataset' ? await Dataset.find(query, { _id: 1 }).lean() : await Organization.find(query, { _id: 1 }).lean();
  return found.map((d) => d._id);
}

async function listFilters(req: Request): Promise<ListFilters> {
  const statuses = listQuery(req, 'status');
  for (const s of statuses)
    if (!(ACCESS_REQUEST_STATES as readonly string[]).includes(s)) throw badRequest('invalid_query', { name: 'status' });
  const olderThan = req.query.olderThanDays;
  return {
    statuses: statuses as AccessRequestState[],
    datasetIds: await idsBySlugOrId('dataset', listQuery(req, 'dataset')),
    requesterOrgIds: await idsBySlugOrId('organization', listQuery(req, 'organization')),
    providerIds: await idsBySlugOrId('organization', listQuery(req, 'provider')),
    olderThanDays: olderThan === undefined ? undefined : intQuery(req, 'olderThanDays', 0, 0, 3650),
  };
}

export const accessRoutes = [
  route({
    method: 'get',
    path: '/access-requests',
    permission: 'signed_in',
    response: 'accessRequests.list',
    paging: 100,
    tag: 'access',
    summary:
      'My requests (`mine=true`, newest first) or the reviewer queue (`queue=true`, oldest first; filters status, dataset, organization, provider, olderThanDays), each with age and SLA',
    async handler(req, res) {
      const user = req.ctx.user!;
      const queue = req.query.queue === 'true';
      if (queue && !hasRole(user, 'reviewer', 'admin')) throw forbidden('forbidden_role', { roles: 'reviewer, admin' });
      const page = intQuery(req, 'page', 1, 1, 10_000);
      const pageSize = intQuery(req, 'pageSize', 20, 1, 100);
      const filters = await listFilters(req);
      const now = new Date();
      const { total, docs } = queue
        ? await listQueue(user, filters, { page, pageSize }, now)
        : await listMine(user, filters, { page, pageSize }, now);
      // Persist expiries found on the way (the listed status is computed either way).
      const fresh = await Promise.all(docs.map((d) => expireIfDue(d, now)));
      res.json({ items: await present(req, fresh), total, page, pageSize });
    },
  }),
  route({
    method: 'post',
    path: '/access-requests',
    permission: 'signed_in',
    response: { schema: 'accessRequests.view', headers: { Location: true, 'Idempotent-Replayed': false } },
    headers: { 'Idempotency-Key': { required: true, description: 'A key of the client’s choosing; a retry with the same key returns the stored request (200, Idempotent-Replayed: true).' } },
    body: 'accessRequests.create',
    tag: 'access',
    summary:
      'Request access (Idempotency-Key header required): denied → 422 with reasons; allowed → approved at once; else submitted; 409 access_request_exists (with `existing`) while an open request or active grant covers the same dataset, scope and purpose',
    responses: [200, 201],
    async handler(req, res) {
      const key = idempotencyKeyOf(req.get('idempotency-key'));
      const { doc, created } = await createAccessRequest(req.ctx, req.body, key);
      res.location(`/api/v1/access-requests/${doc._id}`);
      if (!created) res.set('Idempotent-Replayed', 'true');
      res.status(created ? 201 : 200).json(await presentOne(req, doc));
    },
  }),
  route({
    method: 'get',
    path: '/datasets/:id/my-access',
    permission: 'signed_in',
    response: { schema: 'accessRequests.myAccess', headers: { 'Cache-Control': true } },
    tag: 'access',
    summary:
      "The caller's access to one dataset: active grants (scope, purpose, conditions, expiry, days left, the files and external access each opens), grants that ended in the last 180 days, open requests (404 when the dataset is hidden)",
    async handler(req, res) {
      res.set('Cache-Control', 'no-store');
      res.json(await myAccess(req.ctx.user!, String(req.params.id)));
    },
  }),
  route({
    method: 'get',
    path: '/access-requests/:id',
    permission: 'signed_in',
    response: 'accessRequests.view',
    tag: 'access',
    summary: 'One request with its evaluation, decision and full history (requester and reviewers of the provider; 404 for others)',
    async handler(req, res) {
      res.json(await presentOne(req, await visibleAccessRequest(req.ctx, String(req.params.id))));
    },
  }),
  route({
    method: 'post',
    path: '/access-requests/:id/claim',
    permission: ['reviewer', 'admin'],
    response: 'accessRequests.view',
    tag: 'access',
    summary: 'Take a submitted request into review (submitted → under_review)',
    async handler(req, res) {
      res.json(await presentOne(req, await claimAccessRequest(req.ctx, String(req.params.id))));
    },
  }),
  route({
    method: 'post',
    path: '/access-requests/:id/decision',
    permission: ['reviewer', 'admin'],
    response: 'accessRequests.view',
    body: 'accessRequests.decision',
    tag: 'access',
    summary:
      'Approve (with expiry — by default the requested duration, capped by maxGrantDays — conditions, evidence when required), reject or request changes; never one’s own request',
    async handler(req, res) {
      res.json(await presentOne(req, await decideAccessRequest(req.ctx, String(req.params.id), req.body)));
    },
  }),
  route({
    method: 'post',
    path: '/access-requests/:id/resubmit',
    permission: 'signed_in',
    response: 'accessRequests.view',
    body: 'accessRequests.resubmit',
    tag: 'access',
    summary: 'Resubmit after changes were requested, optionally revising statement and agreements (requester)',
    async handler(req, res) {
      res.json(await presentOne(req, await resubmitAccessRequest(req.ctx, String(req.params.id), req.body)));
    },
  }),
  route({
    method: 'post',
    path: '/access-requests/:id/withdraw',
    permission: 'signed_in',
    response: 'accessRequests.view',
    body: 'accessRequests.withdraw',
    tag: 'access',
    summary: 'Withdraw an undecided request (requester)',
    async handler(req, res) {
      res.json(await presentOne(req, await withdrawAccessRequest(req.ctx, String(req.params.id), req.body?.note)));
    },
  }),
  route({
    method: 'post',
    path: '/access-requests/:id/revoke',
    permission: ['reviewer', 'admin'],
    response: 'accessRequests.view',
    body: 'accessRequests.revoke',
    tag: 'access',
    summary: 'Revoke an active grant, with a reason the grantee reads (reviewers of the provider)',
    async handler(req, res) {
      res.json(await presentOne(req, await revokeAccessRequest(req.ctx, String(req.params.id), req.body.reason)));
    },
  }),
];
