import type { Types } from 'mongoose';
import { User } from '../auth/models';
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
  | 'membership_removed';

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
