// Shapes of the membership administration API (server/organizations/member-routes.ts).
import type { ORGANIZATION_ROLE_CODES } from '@schemas/user';
import type { User } from '../../lib/auth';

/** A role an organisation grants its members (admin is a platform role, never granted here). */
export type OrganizationRole = (typeof ORGANIZATION_ROLE_CODES)[number];

/** A member or applicant as the organisation's admins see them. */
export interface Member {
  id: string;
  email: string;
  name: string;
  status: 'pending' | 'active';
  roles: User['roles'];
  orgAdmin: boolean;
  emailVerified: boolean;
  requestedAt: string | null;
  note: string | null;
  disabled: boolean;
}

/** What an approval or a change grants: organisation roles and the organisation-admin flag. */
export interface Grant {
  roles: OrganizationRole[];
  orgAdmin: boolean;
}
