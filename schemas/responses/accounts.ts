// Response bodies of sign-in, accounts, tokens, users, organisations, members and partner profiles
// (server/auth/presenter.ts, server/auth/user-routes.ts, server/organizations/*).
import { partnerProfileSchema } from '../organization';
import { MEMBERSHIP_STATES, userPublicSchema } from '../user';
import { LOCALE_CODES, ORGANIZATION_TYPE_CODES, ROLE_CODES } from '../taxonomy';
import { bilingual, dateTime, hexId, nullableDateTime, nullableString, organizationRef, pageOf, stringList } from './common';

const roles = { type: 'array', items: { type: 'string', enum: ROLE_CODES } } as const;
const { $id: _userId, ...userPublic } = userPublicSchema;

/** The signed-in user and the CSRF token of the session (login, register, /auth/me, membership). */
export const sessionSchema = {
  $id: 'auth.session',
  type: 'object',
  required: ['user', 'csrfToken'],
  properties: { user: userPublic, csrfToken: nullableString },
} as const;

/** `GET /auth/session`: the same, or nulls when signed out. */
export const optionalSessionSchema = {
  $id: 'auth.optionalSession',
  type: 'object',
  required: ['user', 'csrfToken'],
  properties: { user: { anyOf: [userPublic, { type: 'null' }] }, csrfToken: nullableString },
} as const;

/** `POST /auth/verify-email`: the address is verified; membership may have become active through the domain. */
export const emailVerifiedSchema = {
  $id: 'auth.emailVerified',
  type: 'object',
  required: ['emailVerified', 'membership', 'organization'],
  properties: {
    emailVerified: { const: true },
    membership: { type: 'string', enum: MEMBERSHIP_STATES },
    organization: {
      anyOf: [{ type: 'object', required: ['slug', 'name'], properties: { slug: { type: 'string' }, name: bilingual } }, { type: 'null' }],
    },
  },
} as const;

/** `POST /auth/verify-email/resend`: a new link was sent. */
export const mailSentSchema = { $id: 'auth.mailSent', type: 'object', required: ['sent'], properties: { sent: { const: true } } } as const;

/** `POST /auth/tokens`: the new token; `token` (the secret) is shown only here. */
export const tokenCreatedSchema = {
  $id: 'auth.tokenCreated',
  type: 'object',
  required: ['id', 'name', 'token', 'prefix', 'expiresAt', 'createdAt'],
  properties: {
    id: hexId,
    name: { type: 'string' },
    token: { type: 'string', pattern: '^kdb_' },
    prefix: { type: 'string' },
    expiresAt: dateTime,
    createdAt: dateTime,
  },
} as const;

/** `GET /auth/tokens`: the caller's tokens, never their secrets. */
export const tokenListSchema = {
  $id: 'auth.tokenList',
  ...pageOf({
    type: 'object',
    required: ['id', 'name', 'prefix', 'createdAt', 'expiresAt', 'active'],
    properties: {
      id: hexId,
      name: { type: 'string' },
      prefix: { type: 'string' },
      createdAt: dateTime,
      expiresAt: dateTime,
      lastUsedAt: nullableDateTime,
      revokedAt: nullableDateTime,
      active: { type: 'boolean' },
    },
  } as const),
} as const;

/** A user as platform admins see it (`GET /users`, `PATCH /users/{id}`). */
export const adminUserSchema = {
  $id: 'users.admin',
  type: 'object',
  required: ['id', 'email', 'name', 'roles', 'locale', 'disabled', 'organization', 'membership', 'orgAdmin', 'emailVerified'],
  properties: {
    id: hexId,
    email: { type: 'string' },
    name: { type: 'string' },
    roles,
    locale: { type: 'string', enum: LOCALE_CODES },
    disabled: { type: 'boolean' },
    organization: { anyOf: [organizationRef, { type: 'null' }] },
    membership: { type: 'string', enum: MEMBERSHIP_STATES },
    orgAdmin: { type: 'boolean' },
    emailVerified: { type: 'boolean' },
    createdAt: dateTime,
  },
} as const;
export const adminUserListSchema = { $id: 'users.adminList', ...pageOf(adminUserSchema) } as const;

/** A member or applicant as the organisation's admins see it. */
export const memberSchema = {
  $id: 'organizations.member',
  type: 'object',
  required: ['id', 'email', 'name', 'status', 'roles', 'orgAdmin', 'emailVerified'],
  properties: {
    id: hexId,
    email: { type: 'string' },
    name: { type: 'string' },
    status: { type: 'string', enum: MEMBERSHIP_STATES },
    roles,
    orgAdmin: { type: 'boolean' },
    emailVerified: { type: 'boolean' },
    requestedAt: nullableDateTime,
    note: nullableString,
    disabled: { type: 'boolean' },
  },
} as const;
export const memberListSchema = { $id: 'organizations.memberList', ...pageOf(memberSchema) } as const;

/** Public view of an organisation. */
export const organizationViewSchema = {
  $id: 'organizations.view',
  type: 'object',
  required: ['id', 'slug', 'name', 'country', 'type', 'verified', 'nationalReviewer', 'emailDomains', 'hasPartnerProfile'],
  properties: {
    id: hexId,
    slug: { type: 'string' },
    name: bilingual,
    country: { type: 'string' },
    type: { type: 'string', enum: ORGANIZATION_TYPE_CODES },
    website: nullableString,
    verified: { type: 'boolean' },
    nationalReviewer: { type: 'boolean' },
    emailDomains: stringList,
    hasPartnerProfile: { type: 'boolean' },
    createdAt: dateTime,
    updatedAt: dateTime,
  },
} as const;
export const organizationListSchema = { $id: 'organizations.list', ...pageOf(organizationViewSchema) } as const;

const { $id: _profileId, ...partnerProfile } = partnerProfileSchema;

/** `GET`/`PUT /organizations/{slug}/partner-profile`. */
export const partnerProfileViewSchema = {
  $id: 'organizations.partnerProfileView',
  type: 'object',
  required: ['organization', 'profile'],
  properties: { organization: organizationRef, profile: partnerProfile, updatedAt: dateTime },
} as const;
