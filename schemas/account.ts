import type { FromSchema } from 'json-schema-to-ts';

/** PATCH /auth/me: a user's own name and preferred language. */
export const authUpdateMeSchema = {
  $id: 'auth.updateMe',
  type: 'object',
  additionalProperties: false,
  minProperties: 1,
  properties: {
    name: { type: 'string', minLength: 1, maxLength: 100, pattern: '\\S' },
    locale: { type: 'string', enum: ['ko', 'en'] },
  },
} as const;
export type AuthUpdateMe = FromSchema<typeof authUpdateMeSchema>;

/** PATCH /users/{id} (admins): roles and account state. */
export const usersAdminUpdateSchema = {
  $id: 'users.adminUpdate',
  type: 'object',
  additionalProperties: false,
  minProperties: 1,
  properties: {
    roles: {
      type: 'array',
      uniqueItems: true,
      maxItems: 4,
      items: { type: 'string', enum: ['provider', 'researcher', 'reviewer', 'admin'] },
    },
    disabled: { type: 'boolean' },
    name: { type: 'string', minLength: 1, maxLength: 100, pattern: '\\S' },
  },
} as const;
export type UsersAdminUpdate = FromSchema<typeof usersAdminUpdateSchema>;

/** POST /datasets/{id}/withdraw: an optional reason shown in the history. */
export const datasetsWithdrawSchema = {
  $id: 'datasets.withdraw',
  type: 'object',
  additionalProperties: false,
  properties: {
    comment: { type: 'string', maxLength: 2000 },
  },
} as const;
export type DatasetsWithdraw = FromSchema<typeof datasetsWithdrawSchema>;
