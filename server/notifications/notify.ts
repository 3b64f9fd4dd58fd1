import type { Types } from 'mongoose';
import { User, type Role } from '../auth/models';
import { Organization } from '../organizations/model';
import { Notification, type NotificationParam } from './model';

/** Notification codes; each has a message in server/i18n/locales/{en,ko}/notifications.json. */
export type NotificationCode =
  | 'access_request_submitted'
  | 'access_request_resubmitted'
  | 'access_request_approved'
  | 'access_request_rejected'
  | 'access_request_changes_requested'
  | 'access_request_revoked'
  | 'access_request_expired'
  | 'membership_requested'
  | 'membership_approved'
  | 'membership_rejected'
  | 'membership_removed'
  | 'dataset_submitted'
  | 'dataset_resubmitted'
  | 'dataset_changes_requested'
  | 'dataset_published'
  | 'dataset_withdrawn';

/**
 * Most recipients one event notifies. A national review desk or a large provider could hold many
 * accounts; beyond this the rest are left out and the caller logs it (one insert stays bounded).
 */
export const FANOUT_LIMIT = 200;

/** Recipients found for one event, at most `limit`; `truncated` when there were more. */
export interface Recipients {
  ids: Types.ObjectId[];
  truncated: boolean;
}

function bounded(users: Array<{ _id: Types.ObjectId }>, limit: number): Recipients {
  return { ids: users.slice(0, limit).map((u) => u._id), truncated: users.length > limit };
}

/** Sends one notification to each user (duplicates removed). */
export async function notify(
  userIds: Types.ObjectId[],
  code: NotificationCode,
  params: Record<string, NotificationParam>,
  target: { type: string; id: string; link?: string },
  now = new Date(),
): Promise<void> {
  const unique = [...new Map(userIds.map((id) => [String(id), id])).values()];
  if (!unique.length) return;
  await Notification.insertMany(
    unique.map((userId) => ({
      userId,
      code,
      params,
      targetType: target.type,
      targetId: target.id,
      link: target.link ?? null,
      read: false,
      readAt: null,
      createdAt: now,
    })),
  );
}

/** Enabled active members holding the reviewer role in an organisation. */
export async function reviewersOf(organizationId: Types.ObjectId): Promise<Types.ObjectId[]> {
  const users = await User.find({ organizationId, membership: 'active', roles: 'reviewer', disabled: false }, { _id: 1 }).lean();
  return users.map((u) => u._id);
}

/**
 * Who decides membership requests to an organisation: its enabled organisation admins, or the
 * platform admins when it has none.
 */
export async function membershipAdminsOf(organizationId: Types.ObjectId): Promise<Types.ObjectId[]> {
  const own = await User.find({ organizationId, membership: 'active', orgAdmin: true, disabled: false }, { _id: 1 }).lean();
  if (own.length) return own.map((u) => u._id);
  const platform = await User.find({ roles: 'admin', disabled: false }, { _id: 1 }).limit(50).lean();
  return platform.map((u) => u._id);
}

/**
 * Enabled reviewers of the national review desk: active members holding the reviewer role in an
 * organisation flagged `nationalReviewer` (server/datasets/access.ts relationTo).
 */
export async function nationalReviewers(limit = FANOUT_LIMIT): Promise<Recipients> {
  const desks = await Organization.find({ nationalReviewer: true }, { _id: 1 }).lean();
  if (!desks.length) return { ids: [], truncated: false };
  const users = await User.find({ organizationId: { $in: desks.map((o) => o._id) }, membership: 'active', roles: 'reviewer', disabled: false }, { _id: 1 })
    .sort({ _id: 1 })
    .limit(limit + 1)
    .lean();
  return bounded(users, limit);
}

/** Enabled active members of an organisation (only those holding one of `roles` when given). */
export async function activeMembersOf(organizationId: Types.ObjectId, opts: { roles?: Role[]; limit?: number } = {}): Promise<Recipients> {
  const limit = opts.limit ?? FANOUT_LIMIT;
  const users = await User.find({ organizationId, membership: 'active', disabled: false, ...(opts.roles ? { roles: { $in: opts.roles } } : {}) }, { _id: 1 })
    .sort({ _id: 1 })
    .limit(limit + 1)
    .lean();
  return bounded(users, limit);
}
