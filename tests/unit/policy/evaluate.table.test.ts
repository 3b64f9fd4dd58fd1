import { describe, expect, it } from 'vitest';
import { evaluate } from '../../../server/policy/evaluate';
import type { Decision, Purpose, ReasonCode, Requester, RequirementCode, Scope } from '../../../server/policy/types';
import { POLICY_DECISION_CODES, POLICY_REASON_CODES, POLICY_REQUIREMENT_CODES } from '../../../schemas/taxonomy';
import { admin, anonymous, buildPolicyDataset, member, outsider, reviewer, type PolicyDatasetOverrides } from './builders';

interface Case {
  name: string;
  dataset?: PolicyDatasetOverrides;
  requester: Requester;
  purpose?: Purpose;
  scope: Scope;
  decision: Decision;
  reasons?: ReasonCode[];
  requirements?: RequirementCode[];
}

const KR = outsider('KR', 'university');
const US = outsider('US', 'university');
const usCompany = outsider('US', 'company');

// Frequently used rule sets.
const approval = { accessLevel: 'approval', samplesAccess: 'registered' } as const;
const approvalSameAsData = { accessLevel: 'approval', samplesAccess: 'same_as_data' } as const;
const restricted = (level: 'internal' | 'sensitive' | 'confidential') => ({ disclosure: approval, classification: { level } });
const conditions = (c: { dua?: boolean; irb?: boolean }) => ({ dua: false, irb: false, attribution: true, noRedistribution: false, ...c });

const CASES: Case[] = [
  // Step 1: visibility; metadata of a visible dataset is always allowed.
  { name: 'public metadata, anonymous', requester: anonymous, scope: 'metadata', decision: 'allow' },
  {
    name: 'internal metadata, anonymous → not visible',
    dataset: { classification: { level: 'internal' } },
    requester: anonymous,
    scope: 'metadata',
    decision: 'deny',
    reasons: ['not_visible'],
  },
  {
    name: 'sensitive full, anonymous → not visible',
    dataset: restricted('sensitive'),
    requester: anonymous,
    scope: 'full',
    decision: 'deny',
    reasons: ['not_visible'],
  },
  {
    name: 'internal metadata, signed in',
    dataset: { classification: { level: 'internal' } },
    requester: KR,
    scope: 'metadata',
    decision: 'allow',
  },
  {
    name: 'sensitive samples, signed in (registered samples)',
    dataset: restricted('sensitive'),
    requester: KR,
    scope: 'samples',
    decision: 'allow',
  },
  {
    name: 'confidential metadata, outsider → not visible',
    dataset: restricted('confidential'),
    requester: KR,
    scope: 'metadata',
    decision: 'deny',
    reasons: ['not_visible'],
  },
  {
    name: 'confidential samples, outsider → not visible',
    dataset: restricted('confidential'),
    requester: KR,
    scope: 'samples',
    decision: 'deny',
    reasons: ['not_visible'],
  },
  {
    name: 'confidential metadata, reviewer sees it',
    dataset: restricted('confidential'),
    requester: reviewer,
    scope: 'metadata',
    decision: 'allow',
  },
  {
    name: 'confidential full, reviewer is otherwise an outsider',
    dataset: restricted('confidential'),
    requester: reviewer,
    scope: 'full',
    decision: 'request_required',
  },
  { name: 'confidential metadata, admin', dataset: restricted('confidential'), requester: admin, scope: 'metadata', decision: 'allow' },
  {
    name: 'metadata ignores every deny rule once visible',
    dataset: {
      license: { id: 'CC-BY-NC-4.0' },
      disclosure: { accessLevel: 'closed', allowedPurposes: ['research'], allowedCountries: ['KR'], crossBorder: 'prohibited' },
    },
    requester: usCompany,
    purpose: 'commercial',
    scope: 'metadata',
    decision: 'allow',
  },

  // Step 2: provider members and admins.
  {
    name: 'member: closed, non-commercial licence, commercial purpose',
    dataset: {
      license: { id: 'CC-BY-NC-4.0' },
      disclosure: { accessLevel: 'closed', allowedPurposes: ['research'] },
      classification: { level: 'confidential' },
    },
    requester: member,
    purpose: 'commercial',
    scope: 'full',
    decision: 'allow',
  },
  {
    name: 'admin from abroad: prohibited, identifiable, export-controlled',
    dataset: {
      disclosure: { ...approval, crossBorder: 'prohibited' },
      classification: { personalInfo: 'identifiable', exportControl: { controlled: true, regime: 'ear' } },
    },
    requester: admin,
    scope: 'full',
    decision: 'allow',
  },
  {
    name: 'member: enclave-only data',
    dataset: { disclosure: { accessLevel: 'enclave', samplesAccess: 'same_as_data' } },
    requester: member,
    scope: 'full',
    decision: 'allow',
  },

  // Step 3: effective level for samples.
  {
    name: 'samples open while data needs approval, anonymous',
    dataset: { disclosure: { accessLevel: 'approval', samplesAccess: 'open' } },
    requester: anonymous,
    scope: 'samples',
    decision: 'allow',
  },
  {
    name: 'samples registered, anonymous → sign in',
    dataset: { disclosure: approval },
    requester: anonymous,
    scope: 'samples',
    decision: 'sign_in_required',
  },
  { name: 'samples registered, signed in', dataset: { disclosure: approval }, requester: KR, scope: 'samples', decision: 'allow' },
  {
    name: 'samples same as data (approval)',
    dataset: { disclosure: approvalSameAsData },
    requester: KR,
    scope: 'samples',
    decision: 'request_required',
  },
  {
    name: 'samples open of closed data',
    dataset: { disclosure: { accessLevel: 'closed', samplesAccess: 'open' } },
    requester: KR,
    scope: 'samples',
    decision: 'allow',
  },
  {
    name: 'full of closed data with open samples',
    dataset: { disclosure: { accessLevel: 'closed', samplesAccess: 'open' } },
    requester: KR,
    scope: 'full',
    decision: 'deny',
    reasons: ['dataset_closed'],
  },
  {
    name: 'samples same as data (enclave)',
    dataset: { disclosure: { accessLevel: 'enclave', samplesAccess: 'same_as_data' } },
    requester: KR,
    scope: 'samples',
    decision: 'enclave_only',
  },
  {
    name: 'samples registered of enclave data',
    dataset: { disclosure: { accessLevel: 'enclave', samplesAccess: 'registered' } },
    requester: KR,
    scope: 'samples',
    decision: 'allow',
  },
  {
    name: 'samples same as data (closed)',
    dataset: { disclosure: { accessLevel: 'closed', samplesAccess: 'same_as_data' } },
    requester: KR,
    scope: 'samples',
    decision: 'deny',
    reasons: ['dataset_closed'],
  },

  // Step 4: each deny reason alone.
  {
    name: 'purpose not allowed',
    dataset: { disclosure: { allowedPurposes: ['research'] } },
    requester: KR,
    purpose: 'education',
    scope: 'full',
    decision: 'deny',
    reasons: ['purpose_not_allowed'],
  },
  {
    name: 'purpose not allowed, samples too',
    dataset: { disclosure: { allowedPurposes: ['research'] } },
    requester: KR,
    purpose: 'public_interest',
    scope: 'samples',
    decision: 'deny',
    reasons: ['purpose_not_allowed'],
  },
  {
    name: 'CC BY-NC for commercial use',
    dataset: { license: { id: 'CC-BY-NC-4.0' } },
    requester: KR,
    purpose: 'commercial',
    scope: 'full',
    decision: 'deny',
    reasons: ['license_noncommercial'],
  },
  {
    name: 'KOGL type 2 for commercial use',
    dataset: { license: { id: 'KOGL-2' } },
    requester: KR,
    purpose: 'commercial',
    scope: 'samples',
    decision: 'deny',
    reasons: ['license_noncommercial'],
  },
  {
    name: 'KOGL type 4 for commercial use',
    dataset: { license: { id: 'KOGL-4' } },
    requester: KR,
    purpose: 'commercial',
    scope: 'full',
    decision: 'deny',
    reasons: ['license_noncommercial'],
  },
  {
    name: 'custom terms without commercial use',
    dataset: { license: { id: 'custom', commercialUse: false } },
    requester: KR,
    purpose: 'commercial',
    scope: 'full',
    decision: 'deny',
    reasons: ['license_noncommercial'],
  },
  {
    name: 'custom terms with commercial use',
    dataset: { license: { id: 'custom', commercialUse: true } },
    requester: KR,
    purpose: 'commercial',
    scope: 'full',
    decision: 'allow',
  },
  {
    name: 'KOGL type 3 (no derivatives) is commercial',
    dataset: { license: { id: 'KOGL-3' } },
    requester: KR,
    purpose: 'commercial',
    scope: 'full',
    decision: 'allow',
  },
  {
    name: 'non-commercial licence for research',
    dataset: { license: { id: 'CC-BY-NC-SA-4.0' } },
    requester: KR,
    purpose: 'research',
    scope: 'full',
    decision: 'allow',
  },
  {
    name: 'dataset closed',
    dataset: { disclosure: { accessLevel: 'closed', samplesAccess: 'same_as_data' } },
    requester: KR,
    scope: 'full',
    decision: 'deny',
    reasons: ['dataset_closed'],
  },
  {
    name: 'country not allowed',
    dataset: { disclosure: { allowedCountries: ['KR'] } },
    requester: US,
    scope: 'full',
    decision: 'deny',
    reasons: ['country_not_allowed'],
  },
  {
    name: 'country in the list',
    dataset: { disclosure: { allowedCountries: ['KR', 'US'] } },
    requester: US,
    scope: 'full',
    decision: 'allow',
  },
  {
    name: 'organisation type not allowed',
    dataset: { disclosure: { allowedOrgTypes: ['university', 'research_institute'] } },
    requester: outsider('KR', 'company'),
    scope: 'full',
    decision: 'deny',
    reasons: ['org_type_not_allowed'],
  },
  {
    name: 'organisation type in the list',
    dataset: { disclosure: { allowedOrgTypes: ['university'] } },
    requester: KR,
    scope: 'samples',
    decision: 'allow',
  },
  {
    name: 'cross-border prohibited, foreign',
    dataset: { disclosure: { crossBorder: 'prohibited' } },
    requester: US,
    scope: 'full',
    decision: 'deny',
    reasons: ['cross_border_prohibited'],
  },
  {
    name: 'cross-border prohibited, samples too',
    dataset: { disclosure: { crossBorder: 'prohibited' } },
    requester: outsider('JP'),
    scope: 'samples',
    decision: 'deny',
    reasons: ['cross_border_prohibited'],
  },
  {
    name: 'cross-border prohibited, Korean requester',
    dataset: { disclosure: { crossBorder: 'prohibited' } },
    requester: KR,
    scope: 'full',
    decision: 'allow',
  },
  {
    name: 'cross-border prohibited, foreign, enclave',
    dataset: { disclosure: { accessLevel: 'enclave', samplesAccess: 'same_as_data', crossBorder: 'prohibited' } },
    requester: US,
    scope: 'full',
    decision: 'enclave_only',
  },
  {
    name: 'identifiable personal information, foreign',
    dataset: { disclosure: approval, classification: { personalInfo: 'identifiable' } },
    requester: US,
    scope: 'full',
    decision: 'deny',
    reasons: ['identifiable_personal_info_cross_border'],
  },
  {
    name: 'identifiable personal information, Korean',
    dataset: { disclosure: approval, classification: { personalInfo: 'identifiable' } },
    requester: KR,
    scope: 'full',
    decision: 'request_required',
  },
  {
    name: 'identifiable personal information, foreign, enclave',
    dataset: { disclosure: { accessLevel: 'enclave', samplesAccess: 'same_as_data' }, classification: { personalInfo: 'identifiable' } },
    requester: US,
    scope: 'full',
    decision: 'enclave_only',
  },

  // Step 4: combinations (all that apply, in docs/design.md order).
  {
    name: 'every deny reason at once',
    dataset: {
      license: { id: 'CC-BY-NC-ND-4.0' },
      disclosure: {
        accessLevel: 'closed',
        samplesAccess: 'same_as_data',
        allowedPurposes: ['research'],
        allowedCountries: ['KR'],
        allowedOrgTypes: ['public_agency'],
        crossBorder: 'prohibited',
      },
      classification: { personalInfo: 'identifiable' },
    },
    requester: usCompany,
    purpose: 'commercial',
    scope: 'full',
    decision: 'deny',
    reasons: [
      'purpose_not_allowed',
      'license_noncommercial',
      'dataset_closed',
      'country_not_allowed',
      'org_type_not_allowed',
      'cross_border_prohibited',
      'identifiable_personal_info_cross_border',
    ],
  },
  {
    name: 'purpose and licence',
    dataset: { license: { id: 'KOGL-2' }, disclosure: { allowedPurposes: ['research', 'education'] } },
    requester: KR,
    purpose: 'commercial',
    scope: 'full',
    decision: 'deny',
    reasons: ['purpose_not_allowed', 'license_noncommercial'],
  },
  {
    name: 'country and organisation type',
    dataset: { disclosure: { allowedCountries: ['KR'], allowedOrgTypes: ['university'] } },
    requester: usCompany,
    scope: 'samples',
    decision: 'deny',
    reasons: ['country_not_allowed', 'org_type_not_allowed'],
  },
  {
    name: 'cross-border and identifiable',
    dataset: { disclosure: { ...approval, crossBorder: 'prohibited' }, classification: { personalInfo: 'identifiable' } },
    requester: US,
    scope: 'full',
    decision: 'deny',
    reasons: ['cross_border_prohibited', 'identifiable_personal_info_cross_border'],
  },
  {
    name: 'closed and country',
    dataset: { disclosure: { accessLevel: 'closed', samplesAccess: 'same_as_data', allowedCountries: ['KR'] } },
    requester: US,
    scope: 'full',
    decision: 'deny',
    reasons: ['dataset_closed', 'country_not_allowed'],
  },
  {
    name: 'a deny carries no requirements',
    dataset: {
      disclosure: { allowedCountries: ['KR'], crossBorder: 'conditional', conditions: conditions({ dua: true, irb: true }) },
      classification: { nationalCoreTechnology: true },
    },
    requester: US,
    scope: 'full',
    decision: 'deny',
    reasons: ['country_not_allowed'],
  },

  // Step 5: each requirement alone.
  {
    name: 'data use agreement (non-blocking) → allow',
    dataset: { disclosure: { conditions: conditions({ dua: true }) } },
    requester: KR,
    scope: 'full',
    decision: 'allow',
    requirements: ['accept_dua'],
  },
  {
    name: 'IRB approval → request',
    dataset: { disclosure: { conditions: conditions({ irb: true }) } },
    requester: KR,
    scope: 'full',
    decision: 'request_required',
    requirements: ['irb_approval'],
  },
  {
    name: 'pseudonymised data terms → request',
    dataset: { classification: { personalInfo: 'pseudonymized' } },
    requester: KR,
    scope: 'full',
    decision: 'request_required',
    requirements: ['pseudonymized_data_terms'],
  },
  {
    name: 'export licence, foreign',
    dataset: { classification: { exportControl: { controlled: true, regime: 'kr_strategic' } } },
    requester: US,
    scope: 'full',
    decision: 'request_required',
    requirements: ['export_license'],
  },
  {
    name: 'export control, Korean',
    dataset: { classification: { exportControl: { controlled: true, regime: 'kr_strategic' } } },
    requester: KR,
    scope: 'full',
    decision: 'allow',
  },
  {
    name: 'government approval, foreign',
    dataset: { classification: { nationalCoreTechnology: true } },
    requester: US,
    scope: 'full',
    decision: 'request_required',
    requirements: ['government_approval'],
  },
  {
    name: 'national core technology, Korean',
    dataset: { classification: { nationalCoreTechnology: true } },
    requester: KR,
    scope: 'full',
    decision: 'allow',
  },
  {
    name: 'cross-border agreement, foreign, full',
    dataset: { disclosure: { crossBorder: 'conditional' } },
    requester: US,
    scope: 'full',
    decision: 'request_required',
    requirements: ['cross_border_agreement'],
  },
  {
    name: 'cross-border agreement, foreign, samples',
    dataset: { disclosure: { crossBorder: 'conditional' } },
    requester: US,
    scope: 'samples',
    decision: 'request_required',
    requirements: ['cross_border_agreement'],
  },
  {
    name: 'cross-border conditional, Korean',
    dataset: { disclosure: { crossBorder: 'conditional' } },
    requester: KR,
    scope: 'full',
    decision: 'allow',
  },
  {
    name: 'cross-border conditional, foreign, metadata',
    dataset: { disclosure: { crossBorder: 'conditional' } },
    requester: US,
    scope: 'metadata',
    decision: 'allow',
  },
  {
    name: 'samples need none of the full-data requirements',
    dataset: {
      disclosure: { conditions: conditions({ dua: true, irb: true }) },
      classification: { personalInfo: 'pseudonymized', exportControl: { controlled: true, regime: 'ear' }, nationalCoreTechnology: true },
    },
    requester: US,
    scope: 'samples',
    decision: 'allow',
  },
  {
    name: 'samples of a conditional, controlled dataset: only the cross-border agreement',
    dataset: {
      disclosure: { crossBorder: 'conditional' },
      classification: { exportControl: { controlled: true, regime: 'ear' }, nationalCoreTechnology: true },
    },
    requester: US,
    scope: 'samples',
    decision: 'request_required',
    requirements: ['cross_border_agreement'],
  },

  // Step 5: combinations.
  {
    name: 'every requirement at once (approval)',
    dataset: {
      disclosure: { ...approval, crossBorder: 'conditional', conditions: conditions({ dua: true, irb: true }) },
      classification: { personalInfo: 'pseudonymized', exportControl: { controlled: true, regime: 'ear' }, nationalCoreTechnology: true },
    },
    requester: US,
    scope: 'full',
    decision: 'request_required',
    requirements: [
      'accept_dua',
      'irb_approval',
      'pseudonymized_data_terms',
      'export_license',
      'government_approval',
      'cross_border_agreement',
    ],
  },
  {
    name: 'agreement and IRB on open data',
    dataset: { disclosure: { conditions: conditions({ dua: true, irb: true }) } },
    requester: KR,
    scope: 'full',
    decision: 'request_required',
    requirements: ['accept_dua', 'irb_approval'],
  },
  {
    name: 'export licence and government approval',
    dataset: { classification: { exportControl: { controlled: true, regime: 'ear' }, nationalCoreTechnology: true } },
    requester: US,
    scope: 'full',
    decision: 'request_required',
    requirements: ['export_license', 'government_approval'],
  },
  {
    name: 'agreement and cross-border agreement',
    dataset: { disclosure: { crossBorder: 'conditional', conditions: conditions({ dua: true }) } },
    requester: US,
    scope: 'full',
    decision: 'request_required',
    requirements: ['accept_dua', 'cross_border_agreement'],
  },

  // Step 6: decisions by level.
  {
    name: 'approval without requirements',
    dataset: { disclosure: approvalSameAsData },
    requester: KR,
    scope: 'full',
    decision: 'request_required',
  },
  {
    name: 'approval with only the agreement',
    dataset: { disclosure: { ...approval, conditions: conditions({ dua: true }) } },
    requester: KR,
    scope: 'full',
    decision: 'request_required',
    requirements: ['accept_dua'],
  },
  {
    name: 'registered, signed in',
    dataset: { disclosure: { accessLevel: 'registered', samplesAccess: 'same_as_data' } },
    requester: KR,
    scope: 'full',
    decision: 'allow',
  },
  {
    name: 'registered, signed in, agreement listed',
    dataset: { disclosure: { accessLevel: 'registered', conditions: conditions({ dua: true }) } },
    requester: US,
    scope: 'full',
    decision: 'allow',
    requirements: ['accept_dua'],
  },
  {
    name: 'registered, signed in, IRB',
    dataset: { disclosure: { accessLevel: 'registered', conditions: conditions({ irb: true }) } },
    requester: KR,
    scope: 'full',
    decision: 'request_required',
    requirements: ['irb_approval'],
  },
  { name: 'open, signed in', requester: US, scope: 'full', decision: 'allow' },
  {
    name: 'enclave with requirements',
    dataset: { disclosure: { accessLevel: 'enclave', samplesAccess: 'same_as_data', conditions: conditions({ irb: true }) } },
    requester: KR,
    scope: 'full',
    decision: 'enclave_only',
    requirements: ['irb_approval'],
  },
  {
    name: 'enclave for a foreign requester with a conditional transfer',
    dataset: { disclosure: { accessLevel: 'enclave', samplesAccess: 'same_as_data', crossBorder: 'conditional' } },
    requester: US,
    scope: 'full',
    decision: 'enclave_only',
    requirements: ['cross_border_agreement'],
  },

  // Step 6: grants.
  {
    name: 'full grant, same purpose',
    dataset: { disclosure: approval },
    requester: outsider('KR', 'university', [{ scope: 'full', purpose: 'research' }]),
    scope: 'full',
    decision: 'allow',
  },
  {
    name: 'full grant covers samples',
    dataset: { disclosure: approvalSameAsData },
    requester: outsider('KR', 'university', [{ scope: 'full', purpose: 'research' }]),
    scope: 'samples',
    decision: 'allow',
  },
  {
    name: 'samples grant does not cover full',
    dataset: { disclosure: approvalSameAsData },
    requester: outsider('KR', 'university', [{ scope: 'samples', purpose: 'research' }]),
    scope: 'full',
    decision: 'request_required',
  },
  {
    name: 'samples grant covers samples',
    dataset: { disclosure: approvalSameAsData },
    requester: outsider('KR', 'university', [{ scope: 'samples', purpose: 'research' }]),
    scope: 'samples',
    decision: 'allow',
  },
  {
    name: 'grant for another purpose',
    dataset: { disclosure: approval },
    requester: outsider('KR', 'university', [{ scope: 'full', purpose: 'education' }]),
    scope: 'full',
    decision: 'request_required',
  },
  {
    name: 'grant after blocking requirements were met',
    dataset: { disclosure: { ...approval, crossBorder: 'conditional', conditions: conditions({ irb: true }) } },
    requester: outsider('US', 'university', [{ scope: 'full', purpose: 'research' }]),
    scope: 'full',
    decision: 'allow',
    requirements: ['irb_approval', 'cross_border_agreement'],
  },
  {
    name: 'grant does not lift a deny',
    dataset: { disclosure: { ...approval, allowedCountries: ['KR'] } },
    requester: outsider('US', 'university', [{ scope: 'full', purpose: 'research' }]),
    scope: 'full',
    decision: 'deny',
    reasons: ['country_not_allowed'],
  },
  {
    name: 'grant does not leave the enclave',
    dataset: { disclosure: { accessLevel: 'enclave', samplesAccess: 'same_as_data' } },
    requester: outsider('KR', 'university', [{ scope: 'full', purpose: 'research' }]),
    scope: 'full',
    decision: 'enclave_only',
  },

  // Step 7: anonymous requesters.
  { name: 'anonymous, open data without identity rules', requester: anonymous, scope: 'full', decision: 'allow' },
  {
    name: 'anonymous, registered data',
    dataset: { disclosure: { accessLevel: 'registered', samplesAccess: 'same_as_data' } },
    requester: anonymous,
    scope: 'full',
    decision: 'sign_in_required',
  },
  {
    name: 'anonymous, approval data',
    dataset: { disclosure: approvalSameAsData },
    requester: anonymous,
    scope: 'full',
    decision: 'request_required',
  },
  {
    name: 'anonymous, enclave data',
    dataset: { disclosure: { accessLevel: 'enclave', samplesAccess: 'same_as_data' } },
    requester: anonymous,
    scope: 'full',
    decision: 'enclave_only',
  },
  {
    name: 'anonymous, purpose not allowed: only identity-independent reasons',
    dataset: {
      disclosure: { allowedPurposes: ['research'], allowedCountries: ['KR'], allowedOrgTypes: ['university'], crossBorder: 'prohibited' },
    },
    requester: anonymous,
    purpose: 'education',
    scope: 'full',
    decision: 'deny',
    reasons: ['purpose_not_allowed'],
  },
  {
    name: 'anonymous, non-commercial licence',
    dataset: { license: { id: 'CC-BY-NC-4.0' }, disclosure: { allowedCountries: ['KR'] } },
    requester: anonymous,
    purpose: 'commercial',
    scope: 'samples',
    decision: 'deny',
    reasons: ['license_noncommercial'],
  },
  {
    name: 'anonymous, closed and prohibited',
    dataset: { disclosure: { accessLevel: 'closed', samplesAccess: 'same_as_data', crossBorder: 'prohibited' } },
    requester: anonymous,
    scope: 'full',
    decision: 'deny',
    reasons: ['dataset_closed'],
  },
  {
    name: 'anonymous, country list',
    dataset: { disclosure: { allowedCountries: ['KR', 'US'] } },
    requester: anonymous,
    scope: 'full',
    decision: 'sign_in_required',
  },
  {
    name: 'anonymous, organisation type list',
    dataset: { disclosure: { allowedOrgTypes: ['university'] } },
    requester: anonymous,
    scope: 'samples',
    decision: 'sign_in_required',
  },
  {
    name: 'anonymous, cross-border conditional',
    dataset: { disclosure: { crossBorder: 'conditional' } },
    requester: anonymous,
    scope: 'full',
    decision: 'sign_in_required',
  },
  {
    name: 'anonymous, cross-border prohibited',
    dataset: { disclosure: { crossBorder: 'prohibited' } },
    requester: anonymous,
    scope: 'samples',
    decision: 'sign_in_required',
  },
  {
    name: 'anonymous, identifiable personal information',
    dataset: { disclosure: approval, classification: { personalInfo: 'identifiable' } },
    requester: anonymous,
    scope: 'full',
    decision: 'sign_in_required',
  },
  {
    name: 'anonymous, export-controlled (even for samples)',
    dataset: { classification: { exportControl: { controlled: true, regime: 'ear' } } },
    requester: anonymous,
    scope: 'samples',
    decision: 'sign_in_required',
  },
  {
    name: 'anonymous, national core technology',
    dataset: { classification: { nationalCoreTechnology: true } },
    requester: anonymous,
    scope: 'full',
    decision: 'sign_in_required',
  },
  {
    name: 'anonymous, IRB on open data',
    dataset: { disclosure: { conditions: conditions({ irb: true }) } },
    requester: anonymous,
    scope: 'full',
    decision: 'request_required',
    requirements: ['irb_approval'],
  },
  {
    name: 'anonymous, agreement on open data',
    dataset: { disclosure: { conditions: conditions({ dua: true }) } },
    requester: anonymous,
    scope: 'full',
    decision: 'allow',
    requirements: ['accept_dua'],
  },
  {
    name: 'anonymous, pseudonymised data',
    dataset: { classification: { personalInfo: 'pseudonymized' } },
    requester: anonymous,
    scope: 'full',
    decision: 'request_required',
    requirements: ['pseudonymized_data_terms'],
  },
  {
    name: 'anonymous, registered data with agreement',
    dataset: { disclosure: { accessLevel: 'registered', samplesAccess: 'same_as_data', conditions: conditions({ dua: true }) } },
    requester: anonymous,
    scope: 'full',
    decision: 'sign_in_required',
    requirements: ['accept_dua'],
  },
  {
    name: 'anonymous, metadata despite identity rules',
    dataset: { disclosure: { allowedCountries: ['KR'] } },
    requester: anonymous,
    scope: 'metadata',
    decision: 'allow',
  },
  {
    name: 'anonymous: a country on the requester is ignored',
    dataset: { disclosure: { crossBorder: 'prohibited' } },
    requester: { ...anonymous, country: 'US', orgType: 'company' },
    scope: 'full',
    decision: 'sign_in_required',
  },
];

const blocking = (code: RequirementCode) => code !== 'accept_dua';

describe('evaluate (docs/design.md §4) — decision table', () => {
  it.each(CASES)('$name', (c) => {
    const result = evaluate(buildPolicyDataset(c.dataset), c.requester, c.purpose ?? 'research', c.scope);
    expect(result).toEqual({
      decision: c.decision,
      reasons: c.reasons ?? [],
      requirements: (c.requirements ?? []).map((code) => ({ code, blocking: blocking(code) })),
    });
  });

  it('has at least 60 cases covering every code alone, every decision and every scope', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(60);
    const decisions = new Set(CASES.map((c) => c.decision));
    expect([...decisions].sort()).toEqual([...POLICY_DECISION_CODES].sort());
    expect(new Set(CASES.map((c) => c.scope))).toEqual(new Set(['metadata', 'samples', 'full']));
    for (const code of POLICY_REASON_CODES) {
      expect(
        CASES.some((c) => c.reasons?.length === 1 && c.reasons[0] === code),
        `${code} alone`,
      ).toBe(true);
      expect(
        CASES.some((c) => (c.reasons?.length ?? 0) > 1 && c.reasons!.includes(code)) || code === 'not_visible',
        `${code} combined`,
      ).toBe(true);
    }
    for (const code of POLICY_REQUIREMENT_CODES) {
      expect(
        CASES.some((c) => c.requirements?.length === 1 && c.requirements[0] === code),
        `${code} alone`,
      ).toBe(true);
      expect(
        CASES.some((c) => (c.requirements?.length ?? 0) > 1 && c.requirements!.includes(code)),
        `${code} combined`,
      ).toBe(true);
    }
  });
});
