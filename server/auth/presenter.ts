import type { AuthOrganization, AuthUser } from '../http/context';

function presentOrganizationRef(org: AuthOrganization | null) {
  return org ? { id: String(org.id), slug: org.slug, name: org.name, country: org.country, type: org.type } : null;
}

/** The public view of the signed-in user (docs/design.md §7): never hashes or internal ids beyond `id`. */
export function presentUser(user: AuthUser) {
  return {
    id: String(user.id),
    email: user.email,
    name: user.name,
    roles: user.roles,
    locale: user.locale,
    organization: presentOrganizationRef(user.organization),
    membership: {
      status: user.membership.status,
      organization: presentOrganizationRef(user.membership.organization),
      requestedAt: user.membership.requestedAt,
    },
    orgAdmin: user.orgAdmin,
    emailVerified: user.emailVerified,
  };
}
