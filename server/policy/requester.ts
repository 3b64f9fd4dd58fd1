// Who is asking, in the engine's terms: the signed-in user and the grants the caller loaded for them
// (server/access/requester.ts loads stored grants); no I/O here, the rules stay in evaluate.ts.
import type { AuthUser } from '../http/context';
import { relationTo } from '../datasets/access';
import type { PolicyGrant, Requester } from './types';

/** A provider organisation's id, as the relation check takes it. */
type ProviderId = Parameters<typeof relationTo>[1];

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
export function requesterOf(user: AuthUser | null, providerId: ProviderId, grants: PolicyGrant[]): Requester {
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
