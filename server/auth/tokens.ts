// Personal API tokens (Authorization: Bearer kdb_…): created from a browser session, listed without their secrets, revoked.
import type { Request, Response } from 'express';
import { Types } from 'mongoose';
import { recordAudit } from '../audit/record';
import { actorOf } from '../http/context';
import { conflict, forbidden, notFound } from '../http/errors';
import { ApiToken } from './models';
import { API_TOKEN_PREFIX, hashSecret, newSecret } from './secrets';

const MAX_TOKENS_PER_USER = 20;

/** Creates a token for the signed-in user (a browser session only); the secret is in this answer alone (201). */
export async function createToken(req: Request, res: Response): Promise<void> {
  const user = req.ctx.user!;
  // A token must not mint tokens: a leaked one would otherwise renew itself forever.
  if (req.ctx.authVia !== 'session') throw forbidden('token_requires_session');
  const active = await ApiToken.countDocuments({ userId: user.id, revokedAt: null, expiresAt: { $gt: new Date() } });
  if (active >= MAX_TOKENS_PER_USER) throw conflict('too_many_tokens', { max: MAX_TOKENS_PER_USER });
  const token = API_TOKEN_PREFIX + newSecret();
  const now = new Date();
  const doc = await ApiToken.create({
    userId: user.id,
    name: String(req.body.name).trim(),
    tokenHash: hashSecret(token),
    prefix: token.slice(0, API_TOKEN_PREFIX.length + 6),
    expiresAt: new Date(now.getTime() + Number(req.body.expiresInDays) * 86400_000),
    createdAt: now,
  });
  await recordAudit(
    actorOf(req.ctx),
    'auth.token_created',
    { type: 'api_token', id: doc._id },
    { name: doc.name, expiresAt: doc.expiresAt },
  );
  res
    .status(201)
    .json({ id: String(doc._id), name: doc.name, token, prefix: doc.prefix, expiresAt: doc.expiresAt, createdAt: doc.createdAt });
}

/** The user's own tokens, newest first, never their secrets. */
export async function listTokens(req: Request, res: Response): Promise<void> {
  const docs = await ApiToken.find({ userId: req.ctx.user!.id }).sort({ createdAt: -1 }).limit(100).lean();
  const now = Date.now();
  const items = docs.map((d) => ({
    id: String(d._id),
    name: d.name,
    prefix: d.prefix,
    createdAt: d.createdAt,
    expiresAt: d.expiresAt,
    lastUsedAt: d.lastUsedAt,
    revokedAt: d.revokedAt,
    active: !d.revokedAt && d.expiresAt.getTime() > now,
  }));
  res.json({ items, total: items.length, page: 1, pageSize: items.length });
}

/** Revokes one of the user's tokens (204); 404 for anyone else's or an unknown one. */
export async function revokeToken(req: Request, res: Response): Promise<void> {
  const id = String(req.params.id);
  if (!Types.ObjectId.isValid(id)) throw notFound('token_not_found');
  const doc = await ApiToken.findOneAndUpdate(
    { _id: new Types.ObjectId(id), userId: req.ctx.user!.id, revokedAt: null },
    { $set: { revokedAt: new Date() } },
  ).lean();
  if (!doc) throw notFound('token_not_found');
  await recordAudit(actorOf(req.ctx), 'auth.token_revoked', { type: 'api_token', id: doc._id });
  res.status(204).end();
}
