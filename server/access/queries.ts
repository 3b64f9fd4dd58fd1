import { Types, type QueryFilter } from 'mongoose';
import { organizationsById } from '../organizations/lookup';
import { User } from '../auth/models';
import { Dataset, type DatasetDoc } from '../datasets/model';
import { datasetStore } from '../datasets/store';
import { seesAllProviders, type AuthUser } from '../http/context';
import { AccessRequest, PENDING_STATES, type AccessRequestDoc, type AccessRequestState } from './model';
import type { DatasetSummary, RequesterSummary } from './presenter';
import { days } from './status';

type DatasetNames = Pick<DatasetDoc, '_id' | 'slug' | 'title' | 'live'>;

/**
 * The datasets of a page of requests, from the dataset store (an `$in` query decodes the whole
 * collection on the embedded FerretDB); from the database before the store is loaded.
 */
async function datasetsById(ids: Types.ObjectId[]): Promise<DatasetNames[]> {
  const store = datasetStore();
  if (!store.loaded) return Dataset.find({ _id: { $in: ids } }, { slug: 1, title: 1, 'live.title': 1 }).lean<DatasetNames[]>();
  return ids.map((id) => store.get(id.toHexString())).filter((d): d is DatasetDoc => !!d);
}

/** Related datasets and requesters of a page of requests (the datasets from the store, the rest in two queries). */
export async function relationsFor(
  docs: AccessRequestDoc[],
): Promise<{ datasets: Map<string, DatasetSummary>; requesters: Map<string, RequesterSummary> }> {
  const ids = (list: Types.ObjectId[]) => [...new Set(list.map(String))].map((s) => new Types.ObjectId(s));
  const [datasets, users] = await Promise.all([
    datasetsById(ids(docs.map((d) => d.datasetId))),
    User.find({ _id: { $in: ids(docs.map((d) => d.requesterId)) } }, { name: 1, organizationId: 1, membership: 1 }).lean(),
  ]);
  // Only a granted membership names the requester's organisation; an applicant's claim does not.
  const orgOf = (u: { organizationId: Types.ObjectId | null; membership: string }) => (u.membership === 'active' ? u.organizationId : null);
  const orgById = await organizationsById(users.map(orgOf).filter((id): id is Types.ObjectId => !!id));
  return {
    datasets: new Map(
      datasets.map((d) => [
        String(d._id),
        { id: String(d._id), slug: d.slug, title: (d.live?.title ?? d.title ?? {}) as DatasetSummary['title'] },
      ]),
    ),
    requesters: new Map(
      users.map((u) => {
        const orgId = orgOf(u);
        const org = orgId ? orgById.get(String(orgId)) : undefined;
        return [
          String(u._id),
          {
            id: String(u._id),
            name: u.name,
            organization: org ? { slug: org.slug, name: org.name, country: org.country, type: org.type } : null,
          },
        ];
      }),
    ),
  };
}

/**
 * The stored-status filter for the statuses a caller asks for. `approved` and `expired` are
 * computed from `expiresAt`, so an approved request past its expiry is listed as expired.
 */
export function statusFilter(statuses: readonly AccessRequestState[], now: Date): QueryFilter<AccessRequestDoc> {
  const clauses: QueryFilter<AccessRequestDoc>[] = [];
  for (const s of statuses) {
    if (s === 'approved') clauses.push({ status: 'approved', expiresAt: { $gt: now } });
    else if (s === 'expired') clauses.push({ status: 'expired' }, { status: 'approved', expiresAt: { $lte: now } });
    else clauses.push({ status: s });
  }
  return clauses.length === 1 ? clauses[0] : { $or: clauses };
}

export interface ListFilters {
  statuses: AccessRequestState[];
  datasetIds?: Types.ObjectId[];
  requesterOrgIds?: Types.ObjectId[];
  providerIds?: Types.ObjectId[];
  olderThanDays?: number;
}

export interface Page {
  page: number;
  pageSize: number;
}

function combine(...parts: QueryFilter<AccessRequestDoc>[]): QueryFilter<AccessRequestDoc> {
  const nonEmpty = parts.filter((p) => Object.keys(p).length > 0);
  return nonEmpty.length === 0 ? {} : nonEmpty.length === 1 ? nonEmpty[0] : { $and: nonEmpty };
}

function narrow(f: ListFilters, now: Date): QueryFilter<AccessRequestDoc> {
  const filter: QueryFilter<AccessRequestDoc> = {};
  if (f.datasetIds) filter.datasetId = { $in: f.datasetIds };
  if (f.requesterOrgIds) filter.requesterOrgId = { $in: f.requesterOrgIds };
  if (f.olderThanDays !== undefined) filter.submittedAt = { $lte: new Date(now.getTime() - days(f.olderThanDays)) };
  return filter;
}

async function pageOf(filter: QueryFilter<AccessRequestDoc>, sort: Record<string, 1 | -1>, p: Page) {
  const [total, docs] = await Promise.all([
    AccessRequest.countDocuments(filter),
    AccessRequest.find(filter)
      .sort(sort)
      .skip((p.page - 1) * p.pageSize)
      .limit(p.pageSize)
      .lean<AccessRequestDoc[]>(),
  ]);
  return { total, docs };
}

/** The caller's own requests, newest first. */
export function listMine(user: AuthUser, f: ListFilters, p: Page, now: Date) {
  const filter = combine({ requesterId: user.id }, narrow(f, now), f.statuses.length ? statusFilter(f.statuses, now) : {});
  return pageOf(filter, { createdAt: -1, _id: -1 }, p);
}

/** True when the user reviews every provider's requests (national reviewers and admins). */
export function reviewsEveryProvider(user: AuthUser): boolean {
  return seesAllProviders(user);
}

/**
 * The reviewer queue, oldest submission first: requests for datasets the caller may review
 * (their organisation's, or every provider's for national reviewers and admins). By default the
 * requests awaiting a reviewer.
 */
export function listQueue(user: AuthUser, f: ListFilters, p: Page, now: Date) {
  const wide = reviewsEveryProvider(user);
  let providers: QueryFilter<AccessRequestDoc>;
  if (wide) providers = f.providerIds ? { providerId: { $in: f.providerIds } } : {};
  else if (!user.organizationId) providers = { _id: { $in: [] } };
  else {
    const own = user.organizationId;
    providers = { providerId: f.providerIds ? { $in: f.providerIds.filter((id) => id.equals(own)) } : own };
  }
  const statuses = f.statuses.length ? f.statuses : [...PENDING_STATES];
  // A reviewer's own requests are someone else's to decide.
  const filter = combine(providers, { requesterId: { $ne: user.id } }, narrow(f, now), statusFilter(statuses, now));
  return pageOf(filter, { submittedAt: 1, _id: 1 }, p);
}
