// The disclosure policy engine (docs/design.md §4, normative). Pure: data in, decision out. No Express,
// Mongoose, S3 or node: imports; everything that grants or hides data asks this function.
import { isNonCommercial, POLICY_REQUIREMENTS } from '../../schemas/taxonomy';
import type { Evaluation, PolicyDataset, PolicyGrant, Purpose, ReasonCode, Requester, RequirementCode, Scope } from './types';
import { metadataVisible } from './visibility';

type AccessLevel = PolicyDataset['disclosure']['accessLevel'];

/** The one country that is not "foreign" (docs/design.md §4: use outside Korea). */
const HOME_COUNTRY = 'KR';
const WILDCARD = '*';

/** Blocking flag per requirement code, from the one bilingual list in schemas/taxonomy. */
const BLOCKING = new Map<string, boolean>(POLICY_REQUIREMENTS.map((r) => [r.code, r.blocking]));

// Canonical output order: the order docs/design.md §4 lists the codes in. Results are sets; a fixed
// order keeps responses and snapshots stable.
const REASON_ORDER: readonly ReasonCode[] = [
  'not_visible',
  'purpose_not_allowed',
  'license_noncommercial',
  'dataset_closed',
  'country_not_allowed',
  'org_type_not_allowed',
  'cross_border_prohibited',
  'identifiable_personal_info_cross_border',
];
const REQUIREMENT_ORDER: readonly RequirementCode[] = [
  'accept_dua',
  'irb_approval',
  'pseudonymized_data_terms',
  'export_license',
  'government_approval',
  'cross_border_agreement',
];

function result(
  decision: Evaluation['decision'],
  reasons: readonly ReasonCode[] = [],
  requirements: readonly RequirementCode[] = [],
): Evaluation {
  return {
    decision,
    reasons: REASON_ORDER.filter((c) => reasons.includes(c)),
    requirements: REQUIREMENT_ORDER.filter((c) => requirements.includes(c)).map((code) => ({ code, blocking: BLOCKING.get(code) ?? true })),
  };
}

/** Step 3: the access level that governs this scope. */
export function effectiveLevel(dataset: PolicyDataset, scope: Scope): AccessLevel {
  const { accessLevel, samplesAccess } = dataset.disclosure;
  return scope === 'samples' && samplesAccess !== 'same_as_data' ? samplesAccess : accessLevel;
}

function listAllows(list: readonly string[], value: string | undefined): boolean {
  return list.includes(WILDCARD) || (value !== undefined && list.includes(value));
}

/** Step 4, identity-independent part: reasons that hold whoever asks (also computed for anonymous requesters). */
function impersonalReasons(dataset: PolicyDataset, purpose: Purpose, level: AccessLevel): ReasonCode[] {
  const reasons: ReasonCode[] = [];
  if (!dataset.disclosure.allowedPurposes.includes(purpose)) reasons.push('purpose_not_allowed');
  if (purpose === 'commercial' && isNonCommercial(dataset.license)) reasons.push('license_noncommercial');
  if (level === 'closed') reasons.push('dataset_closed');
  return reasons;
}

/** Step 4, identity-dependent part (authenticated requesters only). */
function personalReasons(dataset: PolicyDataset, requester: Requester, foreign: boolean, level: AccessLevel): ReasonCode[] {
  const { disclosure, classification } = dataset;
  const reasons: ReasonCode[] = [];
  if (!listAllows(disclosure.allowedCountries, requester.country)) reasons.push('country_not_allowed');
  if (!listAllows(disclosure.allowedOrgTypes, requester.orgType)) reasons.push('org_type_not_allowed');
  if (foreign && disclosure.crossBorder === 'prohibited' && level !== 'enclave') reasons.push('cross_border_prohibited');
  if (foreign && classification.personalInfo === 'identifiable' && level !== 'enclave')
    reasons.push('identifiable_personal_info_cross_border');
  return reasons;
}

/** Step 5: requirements; the foreign-only ones need an identity and are skipped for anonymous requesters. */
function requirementsFor(dataset: PolicyDataset, scope: Scope, foreign: boolean): RequirementCode[] {
  const { disclosure, classification } = dataset;
  const out: RequirementCode[] = [];
  if (scope === 'full') {
    if (disclosure.conditions.dua) out.push('accept_dua');
    if (disclosure.conditions.irb) out.push('irb_approval');
    if (classification.personalInfo === 'pseudonymized') out.push('pseudonymized_data_terms');
    if (foreign && classification.exportControl.controlled) out.push('export_license');
    if (foreign && classification.nationalCoreTechnology) out.push('government_approval');
  }
  if (scope !== 'metadata' && foreign && disclosure.crossBorder === 'conditional') out.push('cross_border_agreement');
  return out;
}

/** Does one of the requester's active grants cover this scope and purpose? A `full` grant covers `samples`. */
export function grantCovers(grants: readonly PolicyGrant[], scope: Scope, purpose: Purpose): boolean {
  return grants.some((g) => g.purpose === purpose && (g.scope === scope || (g.scope === 'full' && scope === 'samples')));
}

/** Step 7: could an anonymous requester's answer change once we know who they are? */
function dependsOnIdentity(dataset: PolicyDataset): boolean {
  const { disclosure, classification } = dataset;
  const everyone = (list: readonly string[]) => list.length === 1 && list[0] === WILDCARD;
  return (
    !everyone(disclosure.allowedCountries) ||
    !everyone(disclosure.allowedOrgTypes) ||
    disclosure.crossBorder !== 'allowed' ||
    classification.personalInfo === 'identifiable' ||
    classification.exportControl.controlled ||
    classification.nationalCoreTechnology
  );
}

/** Step 6: the decision once no deny reason applies. */
function decide(
  level: AccessLevel,
  requester: Requester,
  scope: Scope,
  purpose: Purpose,
  requirements: readonly RequirementCode[],
): Evaluation {
  if (level === 'enclave') return result('enclave_only', [], requirements);
  if (grantCovers(requester.grants, scope, purpose)) return result('allow', [], requirements);
  if (level === 'approval') return result('request_required', [], requirements);
  if (level === 'registered' && !requester.authenticated) return result('sign_in_required', [], requirements);
  const blocking = requirements.some((code) => BLOCKING.get(code) ?? true);
  return result(blocking ? 'request_required' : 'allow', [], requirements);
}

/**
 * May this requester use this dataset for this purpose and scope, and what must happen first?
 * docs/design.md §4 steps 1–7. `reasons` is non-empty exactly when the decision is `deny`; a `deny`
 * carries no requirements (nothing the requester could do would lift it).
 */
export function evaluate(dataset: PolicyDataset, requester: Requester, purpose: Purpose, scope: Scope): Evaluation {
  const privileged = requester.providerMember || requester.admin === true;
  // 1. Visibility of the metadata.
  const visible = metadataVisible(dataset.classification.level, {
    authenticated: requester.authenticated,
    providerMember: requester.providerMember,
    reviewer: requester.reviewer || requester.admin === true,
  });
  if (!visible) return result('deny', ['not_visible']);
  if (scope === 'metadata') return result('allow');
  // 2. The provider's own people (and admins).
  if (privileged) return result('allow');
  // 3. Effective level.
  const level = effectiveLevel(dataset, scope);
  const impersonal = impersonalReasons(dataset, purpose, level);

  // 7. Anonymous requesters: no country or organisation type to judge.
  if (!requester.authenticated) {
    if (impersonal.length > 0) return result('deny', impersonal);
    if (dependsOnIdentity(dataset)) return result('sign_in_required');
    return decide(level, requester, scope, purpose, requirementsFor(dataset, scope, false));
  }

  const foreign = requester.country !== HOME_COUNTRY;
  // 4. Deny reasons, all that apply.
  const reasons = [...impersonal, ...personalReasons(dataset, requester, foreign, level)];
  if (reasons.length > 0) return result('deny', reasons);
  // 5–6. Requirements and the decision.
  return decide(level, requester, scope, purpose, requirementsFor(dataset, scope, foreign));
}
