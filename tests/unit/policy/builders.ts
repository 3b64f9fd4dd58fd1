// Factories for policy engine tests: a dataset open to everyone and a few typical requesters.
import type { PolicyDataset, PolicyGrant, Requester } from '../../../server/policy/types';

export interface PolicyDatasetOverrides {
  license?: PolicyDataset['license'];
  disclosure?: Partial<PolicyDataset['disclosure']>;
  classification?: Partial<PolicyDataset['classification']>;
}

/** A public, open, CC BY dataset that anyone may use for anything; override any field of any part. */
export function buildPolicyDataset(overrides: PolicyDatasetOverrides = {}): PolicyDataset {
  return {
    license: overrides.license ?? { id: 'CC-BY-4.0' },
    disclosure: {
      accessLevel: 'open',
      samplesAccess: 'open',
      allowedCountries: ['*'],
      allowedOrgTypes: ['*'],
      allowedPurposes: ['research', 'education', 'public_interest', 'commercial'],
      crossBorder: 'allowed',
      conditions: { dua: false, irb: false, attribution: true, noRedistribution: false },
      maxGrantDays: 365,
      ...overrides.disclosure,
    },
    classification: {
      level: 'public',
      personalInfo: 'none',
      sensitiveCategories: [],
      exportControl: { controlled: false },
      nationalCoreTechnology: false,
      ...overrides.classification,
    },
  };
}

/** Nobody signed in. */
export const anonymous: Requester = { authenticated: false, providerMember: false, reviewer: false, grants: [] };

/** A signed-in outsider from an organisation in `country` of type `orgType`. */
export function outsider(country = 'KR', orgType = 'university', grants: PolicyGrant[] = []): Requester {
  return { authenticated: true, country, orgType, providerMember: false, reviewer: false, grants };
}

/** A member of the providing organisation. */
export const member: Requester = {
  authenticated: true,
  country: 'KR',
  orgType: 'public_agency',
  providerMember: true,
  reviewer: false,
  grants: [],
};

/** An admin from a foreign organisation (admins are allowed like members). */
export const admin: Requester = {
  authenticated: true,
  country: 'US',
  orgType: 'nonprofit',
  providerMember: false,
  reviewer: true,
  admin: true,
  grants: [],
};

/** A national reviewer: sees confidential metadata, otherwise an outsider. */
export const reviewer: Requester = {
  authenticated: true,
  country: 'KR',
  orgType: 'public_agency',
  providerMember: false,
  reviewer: true,
  grants: [],
};
