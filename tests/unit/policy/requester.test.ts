import { Types } from 'mongoose';
import { describe, expect, it } from 'vitest';
import { authUserOf } from '../../../server/auth/load-user';
import type { MembershipStatus, UserDoc } from '../../../server/auth/models';
import type { AuthUser } from '../../../server/http/context';
import type { OrganizationDoc } from '../../../server/organizations/model';
import { callerRequester } from '../../../server/access/requester';
import { requesterOf, whatIfRequester } from '../../../server/policy/requester';

describe('requesters', () => {
  const provider = new Types.ObjectId();
  const user = (roles: AuthUser['roles'], orgId: Types.ObjectId, org: Partial<OrganizationDoc> = {}, membership: MembershipStatus = 'active'): AuthUser =>
    authUserOf(
      { _id: new Types.ObjectId(), email: 'a@b.example', name: 'A', roles, locale: 'en', organizationId: orgId, membership, orgAdmin: false, emailVerifiedAt: null } as UserDoc,
      { _id: orgId, slug: 'org', name: { en: 'Org' }, country: 'US', type: 'university', nationalReviewer: false, ...org } as OrganizationDoc,
    );

  it('an anonymous caller has no identity, membership or grants', () => {
    expect(requesterOf(null, provider, [{ scope: 'full', purpose: 'research' }])).toEqual({
      authenticated: false,
      providerMember: false,
      reviewer: false,
      admin: false,
      grants: [],
    });
  });

  it("a signed-in caller brings their organisation's country and type, membership and grants", () => {
    const grants = [{ scope: 'samples', purpose: 'education' }] as const;
    expect(requesterOf(user(['researcher'], new Types.ObjectId()), provider, [...grants])).toEqual({
      authenticated: true,
      country: 'US',
      orgType: 'university',
      providerMember: false,
      reviewer: false,
      admin: false,
      grants,
    });
    expect(requesterOf(user(['provider'], provider, { country: 'KR' }), provider, [])).toMatchObject({
      providerMember: true,
      reviewer: false,
    });
    expect(requesterOf(user(['reviewer'], provider), provider, [])).toMatchObject({ providerMember: true, reviewer: true });
    expect(requesterOf(user(['reviewer'], new Types.ObjectId(), { nationalReviewer: true }), provider, [])).toMatchObject({
      providerMember: false,
      reviewer: true,
    });
    expect(requesterOf(user(['reviewer'], new Types.ObjectId()), provider, [])).toMatchObject({ providerMember: false, reviewer: false });
    expect(requesterOf(user(['admin'], new Types.ObjectId()), provider, [])).toMatchObject({
      providerMember: false,
      reviewer: true,
      admin: true,
    });
  });

  it('an applicant (membership pending) is an outsider: no membership, no organisation roles, no country or type', () => {
    for (const status of ['pending', 'none'] as const) {
      const applicant = user(['provider', 'reviewer', 'researcher'], provider, { country: 'KR', type: 'public_agency', nationalReviewer: true }, status);
      expect(applicant.roles).toEqual(['researcher']);
      expect(requesterOf(applicant, provider, [])).toEqual({
        authenticated: true,
        country: undefined,
        orgType: undefined,
        providerMember: false,
        reviewer: false,
        admin: false,
        grants: [],
      });
    }
  });

  it('nobody is a member of inline rules', () => {
    const orgId = new Types.ObjectId();
    expect(requesterOf(user(['provider', 'reviewer'], orgId), null, [])).toMatchObject({ providerMember: false, reviewer: false });
    expect(requesterOf(user(['reviewer'], orgId, { nationalReviewer: true }), null, [])).toMatchObject({
      providerMember: false,
      reviewer: true,
    });
  });

  it('loads grants only for signed-in callers', async () => {
    const calls: string[] = [];
    const load = async (userId: Types.ObjectId, datasetId: Types.ObjectId) => {
      calls.push(`${userId}:${datasetId}`);
      return [{ scope: 'full' as const, purpose: 'research' as const }];
    };
    const ds = { _id: new Types.ObjectId(), providerId: provider };
    const caller = user(['researcher'], new Types.ObjectId());
    expect((await callerRequester(caller, ds, load)).grants).toEqual([{ scope: 'full', purpose: 'research' }]);
    expect((await callerRequester(null, ds, load)).grants).toEqual([]);
    expect(calls).toEqual([`${caller.id}:${ds._id}`]);
  });

  it('a what-if profile is signed in, not a member or reviewer, without grants', () => {
    expect(whatIfRequester({ country: 'US', orgType: 'company' })).toEqual({
      authenticated: true,
      country: 'US',
      orgType: 'company',
      providerMember: false,
      reviewer: false,
      admin: false,
      grants: [],
    });
  });
});
