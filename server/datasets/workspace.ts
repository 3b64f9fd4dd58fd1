// The workspace listing (`?status=` or `?workspace=true` of GET /datasets): working copies the caller may manage or review.
import type { Request } from 'express';
import type { QueryFilter, Types } from 'mongoose';
import { isMemberOf, seesAllProviders } from '../http/context';
import { badRequest, notFound } from '../http/errors';
import { intQuery, listQuery } from '../http/route';
import type { OrganizationDoc } from '../organizations/model';
import { Organization } from '../organizations/model';
import { relationTo, seesWorkingCopy } from './access';
import { Dataset, type DatasetDoc } from './model';
import { presentDataset } from './presenter';
import { providersOf } from './providers';
import { datasetStore } from './store';
import type { WorkingSort } from './working-order';

const STATUSES = ['draft', 'in_review', 'changes_requested', 'published', 'withdrawn'];

/**
 * Workspace listing (`?status=` or `?workspace=true`): working copies the caller may see — their
 * organisation's, or every provider's for national reviewers and admins. Returns the statuses
 * asked for and the providers whose datasets are listed (null: every provider).
 */
async function workspaceScope(req: Request): Promise<{ statuses: string[]; providerIds: Types.ObjectId[] | null }> {
  const user = req.ctx.user;
  if (!user) throw notFound('route_not_found');
  const statuses = listQuery(req, 'status');
  for (const s of statuses) if (!STATUSES.includes(s)) throw badRequest('invalid_query', { name: 'status' });
  const providerSlugs = listQuery(req, 'provider');
  const wide = seesAllProviders(user);
  if (providerSlugs.length) {
    const orgs = await Organization.find({ slug: { $in: providerSlugs } }, { _id: 1 }).lean();
    return { statuses, providerIds: orgs.map((o) => o._id).filter((id) => wide || isMemberOf(user, id)) };
  }
  // An outsider's workspace is empty: no organisation, no working copies.
  if (!wide) return { statuses, providerIds: user.organizationId ? [user.organizationId] : [] };
  return { statuses, providerIds: null };
}

/** The same listing from the database (before the store is loaded). */
async function workspaceFromDatabase(
  scope: { statuses: string[]; providerIds: Types.ObjectId[] | null },
  sort: WorkingSort,
  lang: string,
  page: number,
  pageSize: number,
) {
  const filter: QueryFilter<DatasetDoc> = {};
  if (scope.statuses.length) filter.status = { $in: scope.statuses as DatasetDoc['status'][] };
  if (scope.providerIds) filter.providerId = scope.providerIds.length === 1 ? scope.providerIds[0] : { $in: scope.providerIds };
  const order: Record<string, 1 | -1> =
    sort === 'title' ? { [`title.${lang}`]: 1, _id: 1 } : sort === 'newest' ? { createdAt: -1, _id: -1 } : { updatedAt: -1, _id: -1 };
  const [total, docs] = await Promise.all([
    Dataset.countDocuments(filter),
    Dataset.find(filter)
      .sort(order)
      .skip((page - 1) * pageSize)
      .limit(pageSize)
      .lean<DatasetDoc[]>(),
  ]);
  return { total, docs };
}

/** One page of the workspace listing, from the store once it is loaded, else from the database. */
export async function workspaceList(req: Request) {
  const page = intQuery(req, 'page', 1, 1, 10_000);
  const pageSize = intQuery(req, 'pageSize', 50, 1, 100);
  const scope = await workspaceScope(req);
  const sort = String(req.query.sort ?? 'updated') as WorkingSort;
  if (!['newest', 'title', 'updated'].includes(sort)) throw badRequest('invalid_query', { name: 'sort' });
  const store = datasetStore();
  const { total, docs } = store.loaded
    ? store.list({
        providerIds: scope.providerIds?.map(String) ?? null,
        statuses: scope.statuses,
        sort,
        lang: req.ctx.lang,
        page,
        pageSize,
      })
    : await workspaceFromDatabase(scope, sort, req.ctx.lang, page, pageSize);
  const providers = await providersOf(docs.map((d) => d.providerId));
  const items = docs.map((d) =>
    presentDataset(
      d,
      seesWorkingCopy(relationTo(req.ctx.user, d.providerId)) ? 'working' : 'live',
      providers.get(String(d.providerId)) as OrganizationDoc | undefined,
      req.ctx.lang,
    ),
  );
  return { items, total, page, pageSize };
}
