// One request at a time per (dataset, scope, purpose) (issue 13 item 4): while a request is open,
// or a grant is active, that covers what a new request asks for, the new one is refused with a
// link to the existing one. A `full` request or grant covers `samples` (docs/design.md §4 step 6).
import type { Types } from 'mongoose';
import { AppError } from '../http/errors';
import type { Purpose } from '../policy/types';
import { AccessRequest, OPEN_STATES, type AccessRequestDoc } from './model';

/** The scopes whose request or grant covers a request for `scope`. */
export function coveringScopes(scope: 'samples' | 'full'): Array<'samples' | 'full'> {
  return scope === 'samples' ? ['samples', 'full'] : ['full'];
}

/**
 * The requester's oldest open request or active grant on the dataset that covers `scope` for
 * `purpose`, other than `except` (the request just written, when checking after the insert).
 */
export async function overlappingRequest(
  requesterId: Types.ObjectId,
  datasetId: Types.ObjectId,
  scope: 'samples' | 'full',
  purpose: Purpose,
  now: Date,
  except?: Types.ObjectId,
): Promise<AccessRequestDoc | null> {
  return AccessRequest.findOne({
    requesterId,
    datasetId,
    purpose,
    scope: { $in: coveringScopes(scope) },
    $or: [{ status: { $in: [...OPEN_STATES] } }, { status: 'approved', expiresAt: { $gt: now } }],
    ...(except ? { _id: { $ne: except } } : {}),
  })
    .sort({ createdAt: 1, _id: 1 })
    .lean<AccessRequestDoc>();
}

/** True when `a` was made before `b` (creation time, then id): the older of two overlapping requests stays. */
export function madeBefore(a: Pick<AccessRequestDoc, 'createdAt' | '_id'>, b: Pick<AccessRequestDoc, 'createdAt' | '_id'>): boolean {
  const t = a.createdAt.getTime() - b.createdAt.getTime();
  return t < 0 || (t === 0 && String(a._id) < String(b._id));
}

/** 409 `access_request_exists` naming the existing request and where to find it. */
export function requestExists(existing: AccessRequestDoc, now: Date): AppError {
  const active = existing.status === 'approved' && !!existing.expiresAt && existing.expiresAt.getTime() > now.getTime();
  return new AppError(409, 'access_request_exists', {}, undefined, {
    existing: {
      id: String(existing._id),
      status: existing.status,
      scope: existing.scope,
      purpose: existing.purpose,
      active,
      expiresAt: existing.expiresAt,
      link: `/requests/${existing._id}`,
      href: `/api/v1/access-requests/${existing._id}`,
    },
  });
}
