// Who manages organisation members, and where: the server decides (403 otherwise); these helpers
// only choose which links to show.
import type { User } from './auth';

/** The members page of an organisation. */
export function membersPath(slug: string): string {
  return `/organizations/${encodeURIComponent(slug)}/members`;
}

/** The organisation picker of platform admins (they manage every organisation's members). */
export const MEMBERS_INDEX = '/organizations/members';

/**
 * Where the user manages members: their own organisation for its organisation admins (active
 * members only), the organisation picker for platform admins without one; null for everyone else.
 */
export function ownMembersPath(user: User | null): string | null {
  if (!user) return null;
  if (user.orgAdmin && user.membership.status === 'active' && user.organization) return membersPath(user.organization.slug);
  if (user.roles.includes('admin')) return MEMBERS_INDEX;
  return null;
}

/** True when the user's account acts without an organisation (no membership, or a request still pending). */
export function actsUnaffiliated(user: User | null): boolean {
  return !!user && user.membership.status !== 'active';
}
