import type { NextFunction, Request, Response } from 'express';
import { timingSafeEqual } from 'node:crypto';
import { ApiToken, Session } from '../auth/models';
import { loadAuthUser } from '../auth/load-user';
import { API_TOKEN_PREFIX, hashSecret } from '../auth/secrets';
import { AppError, forbidden } from './errors';

export const SESSION_COOKIE = 'kdb_session';
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function sameSecret(a: string, b: string): boolean {
  const ab = Buffer.from(a);
  const bb = Buffer.from(b);
  return ab.length === bb.length && timingSafeEqual(ab, bb);
}

/**
 * Resolves the caller from a bearer token or the session cookie and enforces CSRF for cookie
 * sessions. Never rejects anonymous callers: routes decide what needs a user.
 */
export async function authenticate(req: Request, _res: Response, next: NextFunction): Promise<void> {
  const header = req.get('authorization');
  if (header) {
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match || !match[1].startsWith(API_TOKEN_PREFIX)) throw new AppError(401, 'invalid_token');
    const now = new Date();
    const token = await ApiToken.findOneAndUpdate(
      { tokenHash: hashSecret(match[1]), revokedAt: null, expiresAt: { $gt: now } },
      { $set: { lastUsedAt: now } },
      { returnDocument: 'after' },
    ).lean();
    const user = token && (await loadAuthUser(token.userId));
    if (!user) throw new AppError(401, 'invalid_token');
    req.ctx.user = user;
    req.ctx.authVia = 'token';
    return next();
  }

  const cookie = (req.cookies as Record<string, string> | undefined)?.[SESSION_COOKIE];
  if (cookie) {
    const session = await Session.findOne({ tokenHash: hashSecret(cookie), expiresAt: { $gt: new Date() } }).lean();
    const user = session && (await loadAuthUser(session.userId));
    if (session && user) {
      req.ctx.user = user;
      req.ctx.authVia = 'session';
      req.ctx.sessionId = session._id;
      req.ctx.csrfToken = session.csrfToken;
      if (UNSAFE.has(req.method)) {
        const sent = req.get('x-csrf-token');
        if (!sent || !sameSecret(sent, session.csrfToken)) throw forbidden('csrf_token_invalid');
      }
    }
  }
  next();
}
