// User schemas: the presented user (docs/design.md §7 `GET /auth/me`) and role changes by admins.
import type { FromSchema } from 'json-schema-to-ts';
import { bilingualText, country, email, objectId, slug, text, TITLE_MAX, uniqueList } from './defs';
import { LOCALE_CODES, ORGANIZATION_TYPE_CODES, ROLE_CODES } from './taxonomy';

const roles = uniqueList({ type: 'string', enum: ROLE_CODES } as const, 4);

/** Roles an organisation grants its own members (admin is a platform role). */
export const ORGANIZATION_ROLE_CODES = ['researcher', 'provider', 'reviewer'] as const;
const orgRoles = uniqueList({ type: 'string', enum: ORGANIZATION_ROLE_CODES } as const, 3);

/** Membership states (docs/design.md §3 User): registration never confers membership. */
export const MEMBERSHIP_STATES = ['none', 'pending', 'active'] as const;

const organizationRef = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'slug', 'name', 'country', 'type'],
  properties: {
    id: objectId,
    slug,
    name: bilingualText(TITLE_MAX),
    country,
    type: { type: 'string', enum: ORGANIZATION_TYPE_CODES },
  },
} as const;

/** A user as presented to clients: never hashes, tokens or internal fields. */
export const userPublicSchema = {
  $id: 'users.public',
  type: 'object',
  additionalProperties: false,
  required: ['id', 'email', 'name', 'roles', 'locale', 'organization', 'membership', 'orgAdmin', 'emailVerified'],
  properties: {
    id: objectId,
    email,
    name: text(100),
    /** Effective roles: provider and reviewer count only with an active membership. */
    roles,
    locale: { type: 'string', enum: LOCALE_CODES },
    /** The organisation the user is an active member of; null for everyone else. */
    organization: { anyOf: [organizationRef, { type: 'null' }] },
    membership: {
      type: 'object',
      additionalProperties: false,
      required: ['status', 'organization'],
      properties: {
        status: { type: 'string', enum: MEMBERSHIP_STATES },
        /** The organisation joined or asked to join. */
        organization: { anyOf: [organizationRef, { type: 'null' }] },
        requestedAt: { anyOf: [{ type: 'string', format: 'date-time' }, { type: 'null' }] },
      },
    },
    /** Manages the members of their organisation. */
    orgAdmin: { type: 'boolean' },
    emailVerified: { type: 'boolean' },
    // Only in admin listings.
    disabled: { type: 'boolean' },
  },
} as const;
export type UserPublic = FromSchema<typeof userPublicSchema>;

/** `PATCH /users/{id}/roles` body (admins): the complete new set of roles. */
export const userRoleUpdateSchema = {
  $id: 'users.roleUpdate',
  type: 'object',
  additionalProperties: false,
  required: ['roles'],
  properties: { roles: { ...roles, minItems: 1 } },
} as const;
export type UserRoleUpdate = FromSchema<typeof userRoleUpdateSchema>;

/** `PATCH /users/{id}` body (admins): new roles, the organisation-admin flag and/or the disabled flag. */
export const userAdminUpdateSchema = {
  $id: 'users.adminUpdate',
  type: 'object',
  additionalProperties: false,
  properties: { roles: { ...roles, minItems: 1 }, orgAdmin: { type: 'boolean' }, disabled: { type: 'boolean' } },
} as const;
export type UserAdminUpdate = FromSchema<typeof userAdminUpdateSchema>;

/** `POST /organizations/{slug}/members/{userId}/approve` body: the roles the organisation grants. */
export const memberApproveSchema = {
  $id: 'organizations.memberApprove',
  type: 'object',
  additionalProperties: false,
  properties: { roles: { ...orgRoles, minItems: 1 }, orgAdmin: { type: 'boolean' } },
} as const;
export type MemberApprove = FromSchema<typeof memberApproveSchema>;

/** `PATCH /organizations/{slug}/members/{userId}` body: change an active member's roles or admin flag. */
export const memberUpdateSchema = {
  $id: 'organizations.memberUpdate',
  type: 'object',
  additionalProperties: false,
  minProperties: 1,
  properties: { roles: { ...orgRoles, minItems: 1 }, orgAdmin: { type: 'boolean' } },
} as const;
export type MemberUpdate = FromSchema<typeof memberUpdateSchema>;

/** `POST /organizations/{slug}/members/{userId}/reject` body: an optional reason shown to the applicant. */
export const memberRejectSchema = {
  $id: 'organizations.memberReject',
  type: 'object',
  additionalProperties: false,
  properties: { reason: text(500) },
} as const;
export type MemberReject = FromSchema<typeof memberRejectSchema>;
