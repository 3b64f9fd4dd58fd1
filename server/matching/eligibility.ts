// The hard filter of docs/design.md §6: the policy engine decides, the partner's capabilities decide
// whether its requirements can be met. Pure.
import { evaluate, grantCovers } from '../policy/evaluate';
import type { Decision, Evaluation, PolicyGrant, Purpose, Requester, RequirementCode } from '../policy/types';
import type { Capability, ExclusionReason, MatchCandidate, MatchPartner } from './types';

/** Which capability each requirement needs; requirements not listed need none (docs/design.md §6). */
export const REQUIREMENT_CAPABILITY: Partial<Record<RequirementCode, Capability>> = {
  accept_dua: 'canSignDua',
  irb_approval: 'hasIrb',
  export_license: 'canObtainExportLicense',
  government_approval: 'canObtainExportLicense',
};

const DECISION_RANK: Record<Decision, number> = { allow: 0, sign_in_required: 1, request_required: 2, enclave_only: 3, deny: 4 };

const requesters = new WeakMap<MatchPartner, { outsider: Requester; member: Requester }>();

/** The partner as the engine sees one of its members: signed in, no grants; a member when it is the provider. */
export function partnerRequester(partner: MatchPartner, providerId: string): Requester {
  let both = requesters.get(partner);
  if (!both) {
    const base = { authenticated: true, country: partner.country, orgType: partner.type, reviewer: false, admin: false, grants: [] };
    both = { outsider: { ...base, providerMember: false }, member: { ...base, providerMember: true } };
    requesters.set(partner, both);
  }
  return partner.id === providerId ? both.member : both.outsider;
}

/** The requirements (or enclave) of an evaluation the partner cannot meet. */
function unmet(evaluation: Evaluation, capabilities: MatchPartner['profile']['capabilities']): ExclusionReason[] {
  const out: ExclusionReason[] = [];
  if (evaluation.decision === 'enclave_only' && !capabilities.canUseEnclave) {
    out.push({ kind: 'capability', code: 'enclave_only', capability: 'canUseEnclave', purposes: [] });
  }
  for (const { code } of evaluation.requirements) {
    const capability = REQUIREMENT_CAPABILITY[code];
    if (capability && !capabilities[capability]) out.push({ kind: 'capability', code, capability, purposes: [] });
  }
  return out;
}

/** Adds a reason for one purpose, merging with the same reason found for another purpose. */
function addReason(reasons: ExclusionReason[], r: ExclusionReason, purpose: Purpose): void {
  for (const x of reasons) {
    if (x.kind === r.kind && x.code === r.code) {
      x.purposes.push(purpose);
      return;
    }
  }
  reasons.push({ ...r, purposes: [purpose] });
}

export type Eligibility =
  | { eligible: true; purpose: Purpose; evaluation: Evaluation; granted?: boolean }
  | { eligible: false; reasons: ExclusionReason[] };

/**
 * Evaluates the dataset for each of the partner's purposes (scope `full`) and keeps the best
 * purpose the partner can act on: decision closest to `allow`, then fewer blocking requirements,
 * then the partner's order of purposes. Out when no purpose passes; the reasons say, per purpose, why.
 */
export function eligibility(partner: MatchPartner, candidate: MatchCandidate, grants: readonly PolicyGrant[] = []): Eligibility {
  // The caller's own grants make the answer theirs: computed afresh, never kept for the partner.
  if (grants.length) return computeEligibility(partner, candidate, grants);
  // The engine is pure and catalogue entries are replaced, never mutated, when a dataset changes:
  // the answer for this partner standing and this entry's rules can be kept.
  const memo = memoFor(standingKey(partner));
  const known = memo.get(candidate.policy);
  if (known) return known;
  const computed = computeEligibility(partner, candidate);
  memo.set(candidate.policy, computed);
  return computed;
}

// Per partner standing (a few recent ones), the eligibility of each entry's rules.
const memos = new Map<string, WeakMap<object, Eligibility>>();
const STANDINGS_KEPT = 16;

function memoFor(key: string): WeakMap<object, Eligibility> {
  let memo = memos.get(key);
  if (!memo) {
    if (memos.size >= STANDINGS_KEPT) memos.delete(memos.keys().next().value!);
    memos.set(key, (memo = new WeakMap()));
  }
  return memo;
}

const keys = new WeakMap<MatchPartner, string>();

/** Everything about the partner the hard filter depends on. */
function standingKey(partner: MatchPartner): string {
  const known = keys.get(partner);
  if (known) return known;
  const c = partner.profile.capabilities;
  const key = `${partner.id}|${partner.country}|${partner.type}|${partner.profile.purposes.join(',')}|${+c.canSignDua}${+c.hasIrb}${+c.canUseEnclave}${+c.canObtainExportLicense}`;
  keys.set(partner, key);
  return key;
}

function computeEligibility(partner: MatchPartner, candidate: MatchCandidate, grants: readonly PolicyGrant[] = []): Eligibility {
  const standing = partnerRequester(partner, candidate.providerId);
  const requester = grants.length ? { ...standing, grants: [...grants] } : standing;
  const { capabilities, purposes } = partner.profile;
  let best: { purpose: Purpose; evaluation: Evaluation; rank: number; blocking: number; granted: boolean } | null = null;
  const reasons: ExclusionReason[] = [];
  for (const purpose of purposes as Purpose[]) {
    const evaluation = evaluate(candidate.policy, requester, purpose, 'full');
    if (evaluation.decision === 'deny') {
      for (const code of evaluation.reasons) addReason(reasons, { kind: 'policy', code, purposes: [] }, purpose);
      continue;
    }
    // A grant the engine counted was approved with its requirements met: none is left to block.
    const granted = evaluation.decision === 'allow' && grantCovers(requester.grants, 'full', purpose);
    const blockers = granted ? [] : unmet(evaluation, capabilities);
    if (blockers.length) {
      for (const b of blockers) addReason(reasons, b, purpose);
      continue;
    }
    const rank = DECISION_RANK[evaluation.decision];
    const blocking = granted ? 0 : evaluation.requirements.filter((r) => r.blocking).length;
    if (!best || rank < best.rank || (rank === best.rank && blocking < best.blocking)) best = { purpose, evaluation, rank, blocking, granted };
    if (rank === 0 && blocking === 0) break; // nothing beats allow without conditions
  }
  if (best) return { eligible: true, purpose: best.purpose, evaluation: best.evaluation, ...(best.granted ? { granted: true } : {}) };
  return { eligible: false, reasons };
}
