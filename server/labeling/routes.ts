import type { Request, Response } from 'express';
import { organizationsById } from '../organizations/lookup';
import type { QueryFilter } from 'mongoose';
import { relationTo } from '../datasets/access';
import type { AuthUser } from '../http/context';
import { badRequest, notFound, validationFailed, type FieldError } from '../http/errors';
import { intQuery, listQuery, route } from '../http/route';
import { Organization } from '../organizations/model';
import { activateVersion, createProcedure, createVersion, retireVersion, updateDraft } from './commands';
import { diffDocuments } from './diff';
import { LabelingProcedure, ProcedureVersion, type LabelingProcedureDoc, type ProcedureStatus, type ProcedureVersionDoc } from './model';
import { contentOf, etagOf, presentProcedure, presentVersion } from './presenter';
import { currentVersionNumber, requireProcedureView, requireVisibleVersion, seesDrafts, versionSummaries, visibleOf } from './visibility';

const STATUSES: readonly ProcedureStatus[] = ['draft', 'active', 'superseded', 'retired'];
const isStatus = (s: string): s is ProcedureStatus => (STATUSES as readonly string[]).includes(s);

/** Presents a procedure with one of its versions, re-reading what the caller may see after a write. */
async function presentWith(req: Request, identity: LabelingProcedureDoc, version: ProcedureVersionDoc) {
  const [summaries, providers] = await Promise.all([versionSummaries([identity._id]), organizationsById([identity.providerId])]);
  const visible = visibleOf(summaries.get(String(identity._id)) ?? [], seesDrafts(req.ctx.user, identity.providerId));
  return presentProcedure(identity, version, providers.get(String(identity.providerId)), visible, true);
}

/** A version number from the path; anything but a positive integer names no version (404). */
function versionParam(req: Request): number {
  const v = Number(req.params.version);
  if (!Number.isInteger(v) || v < 1) throw notFound('procedure_version_not_found', { version: String(req.params.version) });
  return v;
}

/** Reads the required integer query parameters of the diff, reporting every bad one at once. */
function diffQuery(req: Request): { from: number; to: number } {
  const errors: FieldError[] = [];
  const read = (name: 'from' | 'to') => {
    const raw = req.query[name];
    if (raw === undefined || raw === '') errors.push({ path: `/query/${name}`, code: 'required' });
    else if (typeof raw !== 'string' || !/^[1-9][0-9]{0,8}$/.test(raw))
      errors.push({ path: `/query/${name}`, code: 'type', params: { type: 'integer' } });
    return Number(raw);
  };
  const from = read('from');
  const to = read('to');
  if (errors.length) throw validationFailed(errors);
  return { from, to };
}

/** The versions a caller may find in the registry list: active ones, and the drafts they may see. */
function visibilityFilter(user: AuthUser | null): QueryFilter<ProcedureVersionDoc> {
  if (!user) return { status: 'active' };
  // National reviewer and admin do not depend on the organisation asked about.
  const rel = relationTo(user, user.organizationId);
  if (rel.nationalReviewer || rel.admin) return { status: { $in: ['active', 'draft'] } };
  if (!user.organizationId) return { status: 'active' };
  return { $or: [{ status: 'active' }, { status: 'draft', providerId: user.organizationId }] };
}

/**
 * Registry list filter. Each item is one procedure version: the active ones for everybody, plus
 * drafts for those who see them (their organisation's; every provider's for national reviewers
 * and admins). `status` narrows to one kind, e.g. a provider's workspace of drafts.
 */
async function listFilter(req: Request, user: AuthUser | null): Promise<QueryFilter<ProcedureVersionDoc>> {
  const statuses = listQuery(req, 'status');
  if (!statuses.every(isStatus)) throw badRequest('invalid_query', { name: 'status' });
  const and: QueryFilter<ProcedureVersionDoc>[] = [visibilityFilter(user)];
  if (statuses.length) and.push({ status: { $in: statuses } });
  const taskTypes = listQuery(req, 'taskType');
  if (taskTypes.length) and.push({ taskType: { $in: taskTypes } });
  const modalities = listQuery(req, 'modality');
  if (modalities.length) and.push({ modalities: { $in: modalities } });
  const providerSlugs = listQuery(req, 'provider');
  if (providerSlugs.length) {
    const orgs = await Organization.find({ slug: { $in: providerSlugs } }, { _id: 1 }).lean();
    and.push({ providerId: { $in: orgs.map((o) => o._id) } });
  }
  return and.length === 1 ? and[0] : { $and: and };
}

function sendProcedure(res: Response, body: { etag: string }, status = 200) {
  res.status(status).set('ETag', body.etag).json(body);
}

export const labelingRoutes = [
  route({
    method: 'get',
    path: '/labeling-procedures',
    permission: 'public',
    response: 'labelingProcedures.list',
    paging: 100,
    tag: 'labeling',
    summary: 'List procedures with their active version, plus the drafts the caller may see',
    async handler(req, res) {
      const page = intQuery(req, 'page', 1, 1, 10_000);
      const pageSize = intQuery(req, 'pageSize', 20, 1, 100);
      const user = req.ctx.user;
      const filter = await listFilter(req, user);
      const [total, docs] = await Promise.all([
        ProcedureVersion.countDocuments(filter),
        ProcedureVersion.find(filter)
          .sort({ updatedAt: -1, _id: -1 })
          .skip((page - 1) * pageSize)
          .limit(pageSize)
          .lean<ProcedureVersionDoc[]>(),
      ]);
      const ids = docs.map((d) => d.procedureId);
      const [identities, summaries, providers] = await Promise.all([
        LabelingProcedure.find({ _id: { $in: ids } }).lean<LabelingProcedureDoc[]>(),
        versionSummaries(ids),
        organizationsById(docs.map((d) => d.providerId)),
      ]);
      const byId = new Map(identities.map((p) => [String(p._id), p]));
      const items = docs.flatMap((v) => {
        const identity = byId.get(String(v.procedureId));
        if (!identity) return [];
        const visible = visibleOf(summaries.get(String(v.procedureId)) ?? [], seesDrafts(user, v.providerId));
        return [presentProcedure(identity, v, providers.get(String(v.providerId)), visible)];
      });
      res.json({ items, total, page, pageSize });
    },
  }),
  route({
    method: 'post',
    path: '/labeling-procedures',
    permission: ['provider', 'admin'],
    response: { schema: 'labelingProcedures.view', headers: { ETag: true, Location: true } },
    body: 'labelingProcedures.create',
    bodyLimit: 'document',
    tag: 'labeling',
    summary: 'Create a procedure; version 1 starts as a draft',
    responses: [201],
    async handler(req, res) {
      const { identity, version } = await createProcedure(req.ctx, req.body);
      res.location(`/api/v1/labeling-procedures/${identity._id}`);
      sendProcedure(res, await presentWith(req, identity, version), 201);
    },
  }),
  route({
    method: 'get',
    path: '/labeling-procedures/:id',
    permission: 'public',
    response: { schema: 'labelingProcedures.view', headers: { ETag: true } },
    tag: 'labeling',
    summary: "Read a procedure by id or slug with the caller's current version (members: the latest, others: the active one)",
    async handler(req, res) {
      const view = await requireProcedureView(String(req.params.id), req.ctx.user);
      const current = await requireVisibleVersion(view, currentVersionNumber(view.visible, view.drafts)!);
      const providers = await organizationsById([view.identity.providerId]);
      sendProcedure(res, presentProcedure(view.identity, current, providers.get(String(view.identity.providerId)), view.visible, true));
    },
  }),
  route({
    method: 'patch',
    path: '/labeling-procedures/:id',
    permission: ['provider', 'admin'],
    response: { schema: 'labelingProcedures.view', headers: { ETag: true } },
    headers: { 'If-Match': { description: 'The ETag of the draft version; 412 when it changed since.' } },
    body: 'labelingProcedures.update',
    bodyLimit: 'document',
    tag: 'labeling',
    summary: 'Edit the draft version (merge patch; If-Match with its ETag; 409 when the latest version is not a draft)',
    async handler(req, res) {
      const { identity, version } = await updateDraft(req.ctx, String(req.params.id), req.body, req.get('if-match'));
      sendProcedure(res, await presentWith(req, identity, version));
    },
  }),
  route({
    method: 'get',
    path: '/labeling-procedures/:id/versions',
    permission: 'public',
    response: 'labelingProcedures.versionList',
    tag: 'labeling',
    summary: 'Every version the caller may see, newest first',
    async handler(req, res) {
      const view = await requireProcedureView(String(req.params.id), req.ctx.user);
      const docs = await ProcedureVersion.find({ procedureId: view.identity._id, version: { $in: view.visible.map((v) => v.version) } })
        .sort({ version: -1 })
        .lean<ProcedureVersionDoc[]>();
      // Re-filtered: a version may have changed status since the summaries were read.
      const items = docs.filter((d) => view.drafts || d.status !== 'draft').map(presentVersion);
      res.json({ items, total: items.length, page: 1, pageSize: items.length });
    },
  }),
  route({
    method: 'post',
    path: '/labeling-procedures/:id/versions',
    permission: ['provider', 'admin'],
    response: { schema: 'labelingProcedures.view', headers: { ETag: true, Location: true } },
    tag: 'labeling',
    summary: 'Start a new draft version as a copy of the latest (409 when a draft exists)',
    responses: [201],
    async handler(req, res) {
      const { identity, version } = await createVersion(req.ctx, String(req.params.id));
      res.location(`/api/v1/labeling-procedures/${identity._id}/versions/${version.version}`);
      sendProcedure(res, await presentWith(req, identity, version), 201);
    },
  }),
  route({
    method: 'get',
    path: '/labeling-procedures/:id/versions/:version',
    permission: 'public',
    response: { schema: 'labelingProcedures.version', headers: { ETag: true } },
    tag: 'labeling',
    summary: 'One version (drafts only for members of the provider, national reviewers and admins)',
    async handler(req, res) {
      const view = await requireProcedureView(String(req.params.id), req.ctx.user);
      const doc = await requireVisibleVersion(view, versionParam(req));
      res.set('ETag', etagOf(doc)).json({ id: String(view.identity._id), slug: view.identity.slug, ...presentVersion(doc) });
    },
  }),
  route({
    method: 'post',
    path: '/labeling-procedures/:id/versions/:version/activate',
    permission: ['provider', 'admin'],
    response: { schema: 'labelingProcedures.view', headers: { ETag: true } },
    headers: { 'If-Match': { description: 'The ETag of the draft version; 412 when it changed since.' } },
    tag: 'labeling',
    summary: 'Activate a draft version (422 with field errors when incomplete); the previous active version is superseded',
    async handler(req, res) {
      const { identity, version } = await activateVersion(req.ctx, String(req.params.id), versionParam(req), req.get('if-match'));
      sendProcedure(res, await presentWith(req, identity, version));
    },
  }),
  route({
    method: 'post',
    path: '/labeling-procedures/:id/versions/:version/retire',
    permission: ['provider', 'admin'],
    response: { schema: 'labelingProcedures.view', headers: { ETag: true } },
    tag: 'labeling',
    summary: 'Retire an active version; datasets can no longer reference it',
    async handler(req, res) {
      const { identity, version } = await retireVersion(req.ctx, String(req.params.id), versionParam(req));
      sendProcedure(res, await presentWith(req, identity, version));
    },
  }),
  route({
    method: 'get',
    path: '/labeling-procedures/:id/diff',
    permission: 'public',
    response: 'labelingProcedures.diff',
    query: {
      from: { type: 'integer', minimum: 1, maximum: 999_999_999, required: true, description: 'The older version.' },
      to: { type: 'integer', minimum: 1, maximum: 999_999_999, required: true, description: 'The newer version.' },
    },
    tag: 'labeling',
    summary: 'What changed between two versions, as a list of JSON-pointer paths',
    async handler(req, res) {
      const { from, to } = diffQuery(req);
      const view = await requireProcedureView(String(req.params.id), req.ctx.user);
      const [a, b] = await Promise.all([requireVisibleVersion(view, from), requireVisibleVersion(view, to)]);
      res.json({ from, to, changes: diffDocuments(contentOf(a), contentOf(b)) });
    },
  }),
];
