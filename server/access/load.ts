// Finding a request and deciding who may see or act on it. Outsiders get 404: a request's
// existence is as private as its content.
import { Types } from 'mongoose';
import { mayReview, relationTo } from '../datasets/access';
import type { AuthUser, RequestContext } from '../http/context';
import { forbidden, notFound } from '../http/errors';
import { AccessRequest, type AccessRequestDoc } from './model';
import { expireIfDue } from './transition';

/** Loads a request by id; 404 for malformed or unknown ids. */
export async function loadAccessRequest(id: string): Promise<AccessRequestDoc> {
  if (!/^[0-9a-f]{24}$/i.test(id)) throw notFound('access_request_not_found');
  const doc = await AccessRequest.findById(new Types.ObjectId(id)).lean<AccessRequestDoc>();
  if (!doc) throw notFound('access_request_not_found');
  return doc;
}

/** May the user review requests for datasets of this provider (own reviewers, national reviewers, admins)? */
export function reviewsFor(user: AuthUser, providerId: Types.ObjectId): boolean {
  return mayReview(relationTo(user, providerId));
}

/** The requester and the provider's reviewers see a request; for anyone else it does not exist. */
export function canSee(user: AuthUser, doc: AccessRequestDoc): boolean {
  return doc.requesterId.equals(user.id) || reviewsFor(user, doc.providerId);
}

/** Loads a request the caller may see, persisting a due expiry on the way. */
export async function visibleAccessRequest(ctx: RequestContext, id: string, now = new Date()): Promise<AccessRequestDoc> {
  const doc = await loadAccessRequest(id);
  if (!canSee(ctx.user!, doc)) throw notFound('access_request_not_found');
  return expireIfDue(doc, now);
}

/** Loads a request the caller may decide on: visible, not their own, and they review its provider. */
export async function reviewableAccessRequest(ctx: RequestContext, id: string, now: Date): Promise<AccessRequestDoc> {
  const user = ctx.user!;
  const doc = await visibleAccessRequest(ctx, id, now);
  // Separation of duties: whoever asked never decides, whatever roles they hold.
  if (doc.requesterId.equals(user.id)) throw forbidden('cannot_decide_own_request');
  if (!reviewsFor(user, doc.providerId)) throw notFound('access_request_not_found');
  return doc;
}

/** Loads the caller's own request (404 for everyone else's). */
export async function ownAccessRequest(ctx: RequestContext, id: string, now: Date): Promise<AccessRequestDoc> {
  const doc = await visibleAccessRequest(ctx, id, now);
  if (!doc.requesterId.equals(ctx.user!.id)) throw forbidden('not_the_requester');
  return doc;
}
