// Authentication request bodies (DESIGN §7 "Auth" and "Tokens").
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

/** `POST /auth/register` body: a researcher joining an existing organisation by its slug. */
export const registerSchema = {
  $id: 'auth.register',
  type: 'object',
  additionalProperties: false,
  required: ['email', 'password', 'name', 'organizationSlug'],
  properties: {
    email,
    password: { type: 'string', minLength: 12, maxLength: 128 },
    name: text(100),
    locale: { type: 'string', enum: LOCALE_CODES },
    organizationSlug: slug,
  },
} as const;
export type Register = FromSchema<typeof registerSchema>;

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
