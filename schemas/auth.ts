// Authentication request bodies (docs/design.md §7 "Auth" and "Tokens").
import type { FromSchema } from 'json-schema-to-ts';
import { email, slug, text } from './defs';
import { LOCALE_CODES } from './taxonomy';

/** `POST /auth/login` body. No length rules on the password: those belong to registration. */
export const loginSchema = {
  $id: 'auth.login',
  type: 'object',
  additionalProperties: false,
  required: ['email', 'password'],
  properties: {
    email,
    password: { type: 'string', minLength: 1, maxLength: 1024 },
  },
} as const;
export type Login = FromSchema<typeof loginSchema>;

/**
 * `POST /auth/register` body: a researcher account. `organizationSlug` asks to join that
 * organisation; it never confers membership (its admins approve, or a verified e-mail address in a
 * domain the organisation lists does).
 */
export const registerSchema = {
  $id: 'auth.register',
  type: 'object',
  additionalProperties: false,
  required: ['email', 'password', 'name'],
  properties: {
    email,
    password: { type: 'string', minLength: 12, maxLength: 128 },
    name: text(100),
    locale: { type: 'string', enum: LOCALE_CODES },
    organizationSlug: slug,
    membershipNote: text(500),
  },
} as const;
export type Register = FromSchema<typeof registerSchema>;

/** `POST /auth/verify-email` body: the secret from the verification link. */
export const verifyEmailSchema = {
  $id: 'auth.verifyEmail',
  type: 'object',
  additionalProperties: false,
  required: ['token'],
  properties: { token: { type: 'string', minLength: 20, maxLength: 200, pattern: '^[A-Za-z0-9_-]+$', 'x-error-codes': { pattern: 'invalid_token_format' } } },
} as const;
export type VerifyEmail = FromSchema<typeof verifyEmailSchema>;

/** `PUT /auth/membership` body: ask to join an organisation (replaces a pending request). */
export const membershipRequestSchema = {
  $id: 'auth.membershipRequest',
  type: 'object',
  additionalProperties: false,
  required: ['organizationSlug'],
  properties: { organizationSlug: slug, note: text(500) },
} as const;
export type MembershipRequest = FromSchema<typeof membershipRequestSchema>;

/** `POST /auth/tokens` body: personal API tokens always expire. */
export const tokenCreateSchema = {
  $id: 'auth.tokenCreate',
  type: 'object',
  additionalProperties: false,
  required: ['name', 'expiresInDays'],
  properties: {
    name: text(100),
    expiresInDays: { type: 'integer', minimum: 1, maximum: 365 },
  },
} as const;
export type TokenCreate = FromSchema<typeof tokenCreateSchema>;

/** `PATCH /auth/me` body: the signed-in user's own name and preferred language. */
export const updateMeSchema = {
  $id: 'auth.updateMe',
  type: 'object',
  additionalProperties: false,
  properties: {
    name: text(100),
    locale: { type: 'string', enum: LOCALE_CODES },
  },
} as const;
export type UpdateMe = FromSchema<typeof updateMeSchema>;
