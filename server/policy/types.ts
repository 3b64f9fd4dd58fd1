// The policy engine's vocabulary (docs/design.md §4). Pure data: no Express, Mongoose or S3 here.

export type Scope = 'metadata' | 'samples' | 'full';
export type Purpose = 'research' | 'education' | 'public_interest' | 'commercial';
export type Decision = 'allow' | 'sign_in_required' | 'request_required' | 'enclave_only' | 'deny';

export type ReasonCode =
  | 'not_visible'
  | 'purpose_not_allowed'
  | 'license_noncommercial'
  | 'dataset_closed'
  | 'country_not_allowed'
  | 'org_type_not_allowed'
  | 'cross_border_prohibited'
  | 'identifiable_personal_info_cross_border';

export type RequirementCode =
  | 'accept_dua'
  | 'irb_approval'
  | 'pseudonymized_data_terms'
  | 'export_license'
  | 'government_approval'
  | 'cross_border_agreement';

/** The disclosure-relevant parts of a dataset. */
export interface PolicyDataset {
  license: { id: string; commercialUse?: boolean };
  disclosure: {
    accessLevel: 'open' | 'registered' | 'approval' | 'enclave' | 'closed';
    samplesAccess: 'open' | 'registered' | 'same_as_data';
    allowedCountries: string[];
    allowedOrgTypes: string[];
    allowedPurposes: Purpose[];
    crossBorder: 'allowed' | 'conditional' | 'prohibited';
    conditions: { dua: boolean; irb: boolean; attribution: boolean; noRedistribution: boolean; deleteAfterDays?: number };
    maxGrantDays: number;
  };
  classification: {
    level: 'public' | 'internal' | 'sensitive' | 'confidential';
    personalInfo: 'none' | 'anonymized' | 'pseudonymized' | 'identifiable';
    sensitiveCategories: string[];
    exportControl: { controlled: boolean; regime?: string; reference?: string };
    nationalCoreTechnology: boolean;
  };
}

/** An active grant the requester holds on this dataset. */
export interface PolicyGrant {
  scope: 'samples' | 'full';
  purpose: Purpose;
}

/** Who is asking. Anonymous requesters have no country or organisation type. */
export interface Requester {
  authenticated: boolean;
  country?: string;
  orgType?: string;
  providerMember: boolean;
  /** Reviewer for this provider (its own or national) or admin: sees confidential metadata. */
  reviewer: boolean;
  /** Admins are treated like provider members by step 2. */
  admin?: boolean;
  grants: PolicyGrant[];
}

export interface Evaluation {
  decision: Decision;
  reasons: ReasonCode[];
  requirements: Array<{ code: RequirementCode; blocking: boolean }>;
}
