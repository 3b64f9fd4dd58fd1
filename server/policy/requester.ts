// Who is asking, in the engine's terms. Besides the routes, the one policy file that looks at the
// signed-in user and (through the grant loader) at stored grants; the rules stay in evaluate.ts.
import type { Types } from 'mongoose';
import type { AuthUser } from '../http/context';
import { activeGrantRecords, activeGrantsFor, type GrantRecord } from '../access/grants';
import { relationTo } from '../datasets/access';
import type { PolicyGrant, Requester } from './types';

/** Loads the active grants a user holds on a dataset. */
export type GrantLoader = (userId: Types.ObjectId, datasetId: Types.ObjectId) => Promise<PolicyGrant[]>;

/** The default loader: approved, unexpired access requests (server/access/grants.ts). */
export const loadGrants: GrantLoader = (userId, datasetId) => activeGrantsFor(userId, datasetId);

export type { GrantRecord };

/** The caller's active grants on a stored dataset, with the requests they came from. */
export async function callerGrantRecords(user: AuthUser, dataset: { _id: Types.ObjectId }): Promise<GrantRecord[]> {
  return activeGrantRecords(user.id, dataset._id);
}

/** A hypothetical requester for the what-if tool: that profile, signed in, not a member or reviewer, no grants. */
export function whatIfRequester(profile: { country: string; orgType: string }): Requester {
  return {
    authenticated: true,
    country: profile.country,
    orgType: profile.orgType,
    providerMember: false,
    reviewer: false,
    admin: false,
    grants: [],
  };
}

/**
 * The caller as they stand towards a provider (none for inline rules: nobody is a member), with
 * the grants they hold on the dataset.
 */
export function requesterOf(user: AuthUser | null, providerId: Types.ObjectId | null, grants: PolicyGrant[]): Requester {
  if (!user) return { authenticated: false, providerMember: false, reviewer: false, admin: false, grants: [] };
  // Without a provider, only the provider-independent standing counts (national reviewer, admin).
  const rel = relationTo(user, providerId);
  // Country and organisation type come from a granted membership only: an unaffiliated account
  // (or an applicant) has neither, so identity-dependent rules treat it as foreign and unlisted.
  return {
    authenticated: true,
    country: user.organization?.country,
    orgType: user.organization?.type,
    providerMember: rel.member,
    reviewer: rel.orgReviewer || rel.nationalReviewer || rel.admin,
    admin: rel.admin,
    grants,
  };
}

/** The caller as a requester of one stored dataset, loading their active grants on it. */
export async function callerRequester(
  user: AuthUser | null,
  dataset: { _id: Types.ObjectId; providerId: Types.ObjectId },
  load: GrantLoader = loadGrants,
): Promise<Requester> {
  const grants = user ? await load(user.id, dataset._id) : [];
  return requesterOf(user, dataset.providerId, grants);
}
