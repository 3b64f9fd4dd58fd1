// Organisation schemas (docs/design.md §3 "Organization", §6 "partnerProfile").
import type { FromSchema } from 'json-schema-to-ts';
import { bilingualKeywords, bilingualTextSome, country, emailDomain, slug, TITLE_MAX, uniqueList, url } from './defs';
import { KR_TECHNOLOGY_CODES, MODALITY_CODES, ORGANIZATION_TYPE_CODES, PURPOSE_CODES, TASK_CODES, US_CET_CODES } from './taxonomy';

// Everything but the slug, which stays fixed because URLs and registrations refer to it.
const editableFields = {
  name: bilingualTextSome(TITLE_MAX),
  country,
  type: { type: 'string', enum: ORGANIZATION_TYPE_CODES },
  website: url,
  verified: { type: 'boolean' },
  /**
   * E-mail domains the organisation has shown it controls (checked by platform admins): an account
   * whose verified address is in one of them joins without waiting for approval.
   */
  emailDomains: uniqueList(emailDomain, 10),
} as const;

/** `POST /organizations` body (admins). */
export const organizationCreateSchema = {
  $id: 'organizations.create',
  type: 'object',
  additionalProperties: false,
  required: ['slug', 'name', 'country', 'type'],
  properties: { slug, ...editableFields },
} as const;
export type OrganizationCreate = FromSchema<typeof organizationCreateSchema>;

/** `PATCH /organizations/{slug}` body: the slug cannot change. */
export const organizationUpdateSchema = {
  $id: 'organizations.update',
  type: 'object',
  additionalProperties: false,
  properties: editableFields,
} as const;
export type OrganizationUpdate = FromSchema<typeof organizationUpdateSchema>;

/** `PUT /organizations/{slug}/partner-profile` body (docs/design.md §6): replaces the whole profile. */
export const partnerProfileSchema = {
  $id: 'organizations.partnerProfile',
  type: 'object',
  additionalProperties: false,
  required: ['interests', 'purposes', 'capabilities'],
  properties: {
    interests: {
      type: 'object',
      additionalProperties: false,
      properties: {
        usCet: uniqueList({ type: 'string', enum: US_CET_CODES } as const, 18),
        krTech: uniqueList({ type: 'string', enum: KR_TECHNOLOGY_CODES } as const, 12),
        modalities: uniqueList({ type: 'string', enum: MODALITY_CODES } as const, 10),
        tasks: uniqueList({ type: 'string', enum: TASK_CODES } as const, 20),
        keywords: bilingualKeywords,
      },
    },
    purposes: { ...uniqueList({ type: 'string', enum: PURPOSE_CODES } as const, 4), minItems: 1 },
    capabilities: {
      type: 'object',
      additionalProperties: false,
      required: ['canSignDua', 'hasIrb', 'canUseEnclave', 'canObtainExportLicense'],
      properties: {
        canSignDua: { type: 'boolean' },
        hasIrb: { type: 'boolean' },
        canUseEnclave: { type: 'boolean' },
        canObtainExportLicense: { type: 'boolean' },
      },
    },
  },
} as const;
export type PartnerProfile = FromSchema<typeof partnerProfileSchema>;
