import type { TFunction } from 'i18next';
import type { Types } from 'mongoose';
import type { Lang } from '../i18n';
import type { MembershipStatus, Role } from '../auth/models';

/** An organisation as the caller's identity refers to it. */
export interface AuthOrganization {
  id: Types.ObjectId;
  slug: string;
  name: { ko?: string; en?: string };
  country: string;
  type: string;
  nationalReviewer: boolean;
}

/**
 * The signed-in caller as every module sees it. `organizationId`/`organization` are set only for an
 * active member: an applicant (pending) or an unaffiliated account is an outsider everywhere, and
 * its effective `roles` hold no organisation role (provider, reviewer).
 */
export interface AuthUser {
  id: Types.ObjectId;
  email: string;
  name: string;
  roles: Role[];
  locale: 'ko' | 'en';
  organizationId: Types.ObjectId | null;
  organization: AuthOrganization | null;
  /** Manages the members of `organization` (only with an active membership). */
  orgAdmin: boolean;
  emailVerified: boolean;
  membership: { status: MembershipStatus; organization: AuthOrganization | null; requestedAt: Date | null };
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

/** Is the user an active member of this organisation? (Applicants and unaffiliated accounts never are.) */
export function isMemberOf(user: AuthUser | null, organizationId: Types.ObjectId | string): boolean {
  return !!user?.organizationId && user.organizationId.equals(organizationId);
}

/** Platform admins and reviewers of the national review desk see and review every provider's datasets. */
export function seesAllProviders(user: AuthUser | null): boolean {
  return !!user && (user.roles.includes('admin') || (user.roles.includes('reviewer') && !!user.organization?.nationalReviewer));
}
