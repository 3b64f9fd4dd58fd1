import type { OrganizationDoc } from './model';

/** Public view of an organisation. */
export function presentOrganization(org: OrganizationDoc) {
  return {
    id: String(org._id),
    slug: org.slug,
    name: org.name,
    country: org.country,
    type: org.type,
    website: org.website ?? null,
    verified: org.verified,
    nationalReviewer: org.nationalReviewer,
    emailDomains: org.emailDomains ?? [],
    hasPartnerProfile: !!org.partnerProfile,
    createdAt: org.createdAt,
    updatedAt: org.updatedAt,
  };
}
