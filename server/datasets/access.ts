import type { Types } from 'mongoose';
import type { QueryFilter } from 'mongoose';
import { isMemberOf, seesAllProviders, type AuthUser } from '../http/context';
import { forbidden, notFound } from '../http/errors';
import { listableLevels, metadataVisible, type ClassificationLevel } from '../policy/visibility';
import type { DatasetDoc } from './model';

/** How the caller stands towards one provider organisation. */
export interface Relation {
  authenticated: boolean;
  member: boolean;
  provider: boolean;
  orgReviewer: boolean;
  nationalReviewer: boolean;
  admin: boolean;
}

/** Computes the caller's relation to a provider organisation (only an active membership makes a member). */
export function relationTo(user: AuthUser | null, providerId: Types.ObjectId | null): Relation {
  const member = !!providerId && isMemberOf(user, providerId);
  const roles = user?.roles ?? [];
  return {
    authenticated: !!user,
    member,
    provider: member && roles.includes('provider'),
    orgReviewer: member && roles.includes('reviewer'),
    nationalReviewer: roles.includes('reviewer') && !!user?.organization?.nationalReviewer,
    admin: roles.includes('admin'),
  };
}

/** May the caller see the working copy (drafts, review state) of this provider's datasets? */
export function seesWorkingCopy(rel: Relation): boolean {
  return rel.member || rel.nationalReviewer || rel.admin;
}

/** May the caller review this provider's submissions (before separation of duties)? */
export function mayReview(rel: Relation): boolean {
  return rel.orgReviewer || rel.nationalReviewer || rel.admin;
}

/**
 * Scope for writes to one organisation's datasets. Only `providerScope` makes one, after checking
 * the caller may act for that organisation, and every write in the repository requires it: a
 * write without an organisation filter does not compile.
 */
export interface OrgScope {
  readonly organizationId: Types.ObjectId;
  readonly __brand: 'OrgScope';
}

/** Returns a write scope when the caller is a provider of that organisation or an admin. */
export function providerScope(user: AuthUser, providerId: Types.ObjectId | null): OrgScope {
  const rel = relationTo(user, providerId);
  if (!providerId || (!rel.provider && !rel.admin)) throw forbidden('not_provider_member');
  return { organizationId: providerId, __brand: 'OrgScope' } as OrgScope;
}

/** Returns a review scope when the caller may review that organisation's submissions. */
export function reviewScope(user: AuthUser, providerId: Types.ObjectId): OrgScope {
  if (!mayReview(relationTo(user, providerId))) throw forbidden('not_a_reviewer_for_provider');
  return { organizationId: providerId, __brand: 'OrgScope' } as OrgScope;
}

/** Which face of the dataset the caller gets, or null when it must look absent (404). */
export function viewOf(doc: DatasetDoc, user: AuthUser | null, opts: { grantee?: boolean } = {}): 'working' | 'live' | null {
  const rel = relationTo(user, doc.providerId);
  if (seesWorkingCopy(rel)) return 'working';
  // A withdrawn dataset stays readable for those who hold an active grant on it (docs/design.md §5).
  if (!doc.live || (doc.withdrawnAt && !opts.grantee)) return null;
  const visible = metadataVisible(doc.live.classification?.level as ClassificationLevel | undefined, {
    authenticated: rel.authenticated,
    providerMember: rel.member,
    reviewer: rel.nationalReviewer || rel.admin,
  });
  return visible ? 'live' : null;
}

/** Throws 404 unless the caller may see the dataset; returns the face they see. */
export function requireView(doc: DatasetDoc | null, user: AuthUser | null, opts: { grantee?: boolean } = {}): { doc: DatasetDoc; view: 'working' | 'live' } {
  const view = doc && viewOf(doc, user, opts);
  if (!doc || !view) throw notFound('dataset_not_found');
  return { doc, view };
}

/** The MongoDB filter of catalogue entries (published, not withdrawn) visible to the caller. */
export function catalogFilter(user: AuthUser | null): QueryFilter<DatasetDoc> {
  const base: QueryFilter<DatasetDoc> = { live: { $ne: null }, withdrawnAt: null };
  if (seesAllProviders(user)) return base;
  const levels = listableLevels(!!user);
  if (!user?.organizationId) return { ...base, 'live.classification.level': { $in: levels } };
  return { ...base, $or: [{ 'live.classification.level': { $in: levels } }, { providerId: user.organizationId }] };
}
