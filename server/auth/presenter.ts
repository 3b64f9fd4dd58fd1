import type { AuthUser } from '../http/context';

/** The public view of the signed-in user (DESIGN §7): never hashes or internal ids beyond `id`. */
export function presentUser(user: AuthUser) {
  return {
    id: String(user.id),
    email: user.email,
    name: user.name,
    roles: user.roles,
    locale: user.locale,
    organization: {
      id: String(user.organization.id),
      slug: user.organization.slug,
      name: user.organization.name,
      country: user.organization.country,
      type: user.organization.type,
    },
  };
}
