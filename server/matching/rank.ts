// Ranks candidate datasets for one partner: hard filter, five components, weighted total,
// deterministic order. Pure: the candidates, keyword scorer and QA targets are passed in.
import { accessibilityFit, keywordFit, keywordMaps, qualityFit, taskModalityFit, technologyFit } from './components';
import { eligibility } from './eligibility';
import {
  COMPONENTS,
  type ComponentName,
  type Exclusion,
  type GrantLookup,
  type KeywordScorer,
  type MatchCandidate,
  type MatchingWeights,
  type MatchPartner,
  type QaTargetLookup,
  type Ranking,
  type ScoredMatch,
} from './types';

/** Rounds to 3 decimals, the precision scores are shown and ordered with. */
export function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}

/** Weights scaled to sum 1 (all zero → equal weights). */
export function normalisedWeights(weights: MatchingWeights): MatchingWeights {
  const sum = COMPONENTS.reduce((s, c) => s + Math.max(0, weights[c]), 0);
  return Object.fromEntries(COMPONENTS.map((c) => [c, sum > 0 ? Math.max(0, weights[c]) / sum : 1 / COMPONENTS.length])) as MatchingWeights;
}

/** True when the candidates are in strictly increasing slug order. */
function inSlugOrder(candidates: readonly MatchCandidate[]): boolean {
  let previous: string | null = null;
  for (const c of candidates) {
    if (previous !== null && !(previous < c.slug)) return false;
    previous = c.slug;
  }
  return true;
}

/** Score desc, then slug: the one order of matches everywhere. */
export function byScoreThenSlug(a: ScoredMatch, b: ScoredMatch): number {
  return b.score - a.score || (a.candidate.slug < b.candidate.slug ? -1 : a.candidate.slug > b.candidate.slug ? 1 : 0);
}

export interface RankDeps {
  keywordScores: KeywordScorer;
  qaTargets: QaTargetLookup;
  weights: MatchingWeights;
  /** The caller's active grants by dataset, when the caller is a member of the partner. */
  grants?: GrantLookup;
}

/** Scores one eligible candidate (the evaluation is the best one eligibility found). */
export function scoreCandidate(
  partner: MatchPartner,
  candidate: MatchCandidate,
  access: { purpose: Parameters<typeof accessibilityFit>[1]; evaluation: Parameters<typeof accessibilityFit>[0]; granted?: boolean },
  maps: ReturnType<typeof keywordMaps>,
  deps: Pick<RankDeps, 'qaTargets'>,
  weights: MatchingWeights,
): ScoredMatch {
  const labeling = candidate.live.labeling;
  const targets = labeling?.procedureId && labeling.procedureVersion ? deps.qaTargets(labeling.procedureId, labeling.procedureVersion) : undefined;
  const technology = technologyFit(partner.profile, candidate);
  const taskModality = taskModalityFit(partner.profile, candidate);
  const keywords = keywordFit(maps, candidate);
  const accessibility = accessibilityFit(access.evaluation, access.purpose, access.granted === true);
  const quality = qualityFit(candidate, targets);
  const scores: Record<ComponentName, number> = {
    technology: round3(technology.score),
    taskModality: round3(taskModality.score),
    keywords: round3(keywords.score),
    accessibility: round3(accessibility.score),
    quality: round3(quality.score),
  };
  let total = 0;
  for (const c of COMPONENTS) total += weights[c] * scores[c];
  return {
    candidate,
    score: round3(total),
    scores,
    facts: { technology: technology.facts, taskModality: taskModality.facts, keywords: keywords.facts, accessibility: accessibility.facts, quality: quality.facts },
  };
}

// A match depends only on the catalogue entry (replaced, never mutated, when its dataset changes;
// its keyword scores come from its own terms), the partner profile and the weights: it is kept
// per profile and weights (a few recent ones) and entry, so re-ranking after a catalogue change
// scores only the entries that changed.
const scored = new Map<string, WeakMap<MatchCandidate, ScoredMatch>>();
const PROFILES_KEPT = 16;

function scoredFor(key: string): WeakMap<MatchCandidate, ScoredMatch> {
  let memo = scored.get(key);
  if (!memo) {
    if (scored.size >= PROFILES_KEPT) scored.delete(scored.keys().next().value!);
    scored.set(key, (memo = new WeakMap()));
  }
  return memo;
}

/**
 * Ranks every candidate for the partner; the excluded ones come back, by slug, with their
 * reasons. The keyword scorer must give a dataset's score from that dataset alone (as the search
 * index does), since scored matches are reused while the entry object stays the same.
 */
export function rankForPartner(partner: MatchPartner, candidates: readonly MatchCandidate[], deps: RankDeps): Ranking {
  const weights = normalisedWeights(deps.weights);
  const key = JSON.stringify([partner.id, partner.country, partner.type, partner.profile, weights]);
  const memo = scoredFor(key);
  let maps: ReturnType<typeof keywordMaps> | null = null;
  const matches: ScoredMatch[] = [];
  const excluded: Exclusion[] = [];
  for (const candidate of candidates) {
    const grants = deps.grants?.get(candidate.id) ?? [];
    const e = eligibility(partner, candidate, grants);
    if (!e.eligible) {
      excluded.push({ candidate, reasons: e.reasons });
      continue;
    }
    // A match the caller's grants changed is theirs alone: scored afresh and not kept.
    let m = grants.length ? undefined : memo.get(candidate);
    if (!m) {
      maps ??= keywordMaps(partner.profile, deps.keywordScores);
      m = scoreCandidate(partner, candidate, e, maps, deps, weights);
      if (!grants.length) memo.set(candidate, m);
    }
    matches.push(m);
  }
  if (inSlugOrder(candidates)) {
    // Candidates came in slug order (as the service passes them): a stable sort on the score keeps
    // equal scores in slug order, and the excluded ones are already ordered.
    matches.sort((a, b) => b.score - a.score);
  } else {
    matches.sort(byScoreThenSlug);
    excluded.sort((a, b) => (a.candidate.slug < b.candidate.slug ? -1 : a.candidate.slug > b.candidate.slug ? 1 : 0));
  }
  return { matches, excluded };
}

/** One partner's standing towards one dataset (the reverse view). */
export type PartnerStanding = { partner: MatchPartner } & ({ eligible: true; match: ScoredMatch } | { eligible: false; exclusion: Exclusion });

/** Ranks partners for one dataset: eligible ones by score then slug, then the excluded ones by slug. */
export function rankPartnersForDataset(partners: readonly MatchPartner[], candidate: MatchCandidate, deps: RankDeps): PartnerStanding[] {
  const weights = normalisedWeights(deps.weights);
  const eligible: Array<PartnerStanding & { eligible: true }> = [];
  const excluded: Array<PartnerStanding & { eligible: false }> = [];
  for (const partner of partners) {
    const e = eligibility(partner, candidate);
    if (!e.eligible) {
      excluded.push({ partner, eligible: false, exclusion: { candidate, reasons: e.reasons } });
      continue;
    }
    const maps = keywordMaps(partner.profile, deps.keywordScores);
    eligible.push({ partner, eligible: true, match: scoreCandidate(partner, candidate, e, maps, deps, weights) });
  }
  const slugOrder = (a: MatchPartner, b: MatchPartner) => (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0);
  eligible.sort((a, b) => b.match.score - a.match.score || slugOrder(a.partner, b.partner));
  excluded.sort((a, b) => slugOrder(a.partner, b.partner));
  return [...eligible, ...excluded];
}
