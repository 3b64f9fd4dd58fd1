import type { TFunction } from 'i18next';
import type { Types } from 'mongoose';
import type { Lang } from '../i18n';
import type { Role } from '../auth/models';

/** The signed-in caller as every module sees it. */
export interface AuthUser {
  id: Types.ObjectId;
  email: string;
  name: string;
  roles: Role[];
  locale: 'ko' | 'en';
  organizationId: Types.ObjectId;
  organization: {
    id: Types.ObjectId;
    slug: string;
    name: { ko?: string; en?: string };
    country: string;
    type: string;
    nationalReviewer: boolean;
  };
}

export interface RequestContext {
  lang: Lang;
  t: TFunction;
  user: AuthUser | null;
  authVia: 'session' | 'token' | null;
  sessionId?: Types.ObjectId;
  csrfToken?: string;
  ip: string | null;
}

declare module 'express-serve-static-core' {
  interface Request {
    ctx: RequestContext;
  }
}

/** Shorthand for the actor fields of an audit event. */
export function actorOf(ctx: RequestContext) {
  return { id: ctx.user?.id ?? null, email: ctx.user?.email, ip: ctx.ip };
}

/** True when the user holds any of the roles. */
export function hasRole(user: AuthUser | null, ...roles: Role[]): boolean {
  return !!user && roles.some((r) => user.roles.includes(r));
}
