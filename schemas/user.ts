// User schemas: the presented user (DESIGN §7 `GET /auth/me`) and role changes by admins.
import type { FromSchema } from 'json-schema-to-ts';
import { bilingualText, country, email, objectId, slug, text, TITLE_MAX, uniqueList } from './defs';
import { LOCALE_CODES, ORGANIZATION_TYPE_CODES, ROLE_CODES } from './taxonomy';

const roles = uniqueList({ type: 'string', enum: ROLE_CODES } as const, 4);

/** A user as presented to clients: never hashes, tokens or internal fields. */
export const userPublicSchema = {
  $id: 'users.public',
  type: 'object',
  additionalProperties: false,
  required: ['id', 'email', 'name', 'roles', 'locale', 'organization'],
  properties: {
    id: objectId,
    email,
    name: text(100),
    roles,
    locale: { type: 'string', enum: LOCALE_CODES },
    organization: {
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
    },
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

/** `PATCH /users/{id}` body (admins): new roles and/or the disabled flag. */
export const userAdminUpdateSchema = {
  $id: 'users.adminUpdate',
  type: 'object',
  additionalProperties: false,
  properties: { roles: { ...roles, minItems: 1 }, disabled: { type: 'boolean' } },
} as const;
export type UserAdminUpdate = FromSchema<typeof userAdminUpdateSchema>;
