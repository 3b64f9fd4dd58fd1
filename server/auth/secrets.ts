import { createHash, randomBytes } from 'node:crypto';

/** A new random secret, URL-safe. */
export function newSecret(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

/** SHA-256 of a secret; only this is stored for session cookies and API tokens. */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

export const API_TOKEN_PREFIX = 'kdb_';
