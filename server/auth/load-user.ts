import type { Types } from 'mongoose';
import { Organization, type OrganizationDoc } from '../organizations/model';
import type { AuthOrganization, AuthUser } from '../http/context';
import { ORGANIZATION_ROLES, User, type UserDoc } from './models';

function authOrganization(org: OrganizationDoc): AuthOrganization {
  return { id: org._id, slug: org.slug, name: org.name, country: org.country, type: org.type, nationalReviewer: !!org.nationalReviewer };
}

/**
 * The caller as the rest of the server sees them. Membership is decided here, once: only an active
 * member gets an organisation, the organisation roles (provider, reviewer) and organisation admin.
 */
export function authUserOf(user: UserDoc, org: OrganizationDoc | null): AuthUser {
  const active = user.membership === 'active' && !!org;
  return {
    id: user._id,
    email: user.email,
    name: user.name,
    roles: active ? user.roles : user.roles.filter((r) => !ORGANIZATION_ROLES.includes(r)),
    locale: user.locale,
    organizationId: active ? org._id : null,
    organization: active ? authOrganization(org) : null,
    orgAdmin: active && !!user.orgAdmin,
    emailVerified: !!user.emailVerifiedAt,
    membership: {
      status: org ? user.membership : 'none',
      organization: org ? authOrganization(org) : null,
      requestedAt: user.membershipRequestedAt ?? null,
    },
  };
}

/** Loads an enabled user with their organisation as an AuthUser, or null. */
export async function loadAuthUser(userId: Types.ObjectId): Promise<AuthUser | null> {
  const user = await User.findById(userId).lean<UserDoc>();
  if (!user || user.disabled) return null;
  const org = user.organizationId && user.membership !== 'none' ? await Organization.findById(user.organizationId).lean<OrganizationDoc>() : null;
  return authUserOf(user, org);
}
