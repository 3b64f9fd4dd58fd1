// The five score components of docs/design.md §6, each a pure function returning a value in [0,1] and
// the facts that explain it (docs/matching.md gives the formulas).
import { crosswalk } from '../taxonomies/crosswalk';
import type { Evaluation, Purpose } from '../policy/types';
import type {
  AccessibilityFacts,
  KeywordFacts,
  MatchCandidate,
  PartnerProfile,
  QaCheck,
  QaTarget,
  QualityFacts,
  TaskModalityFacts,
  TechnologyFacts,
  TechnologyLink,
} from './types';

type List = 'us' | 'kr';
const CROSSWALK = new Map<string, number>(crosswalk.map((c) => [`${c.kr}|${c.us}`, c.strength]));

/** Strength of the link between a partner interest and a dataset area: 1 same area, crosswalk strength across lists, else 0. */
export function linkStrength(interest: { list: List; code: string }, area: { list: List; code: string }): number {
  if (interest.list === area.list) return interest.code === area.code ? 1 : 0;
  const kr = interest.list === 'kr' ? interest.code : area.code;
  const us = interest.list === 'us' ? interest.code : area.code;
  return CROSSWALK.get(`${kr}|${us}`) ?? 0;
}

/** Per profile (the same object for a whole ranking): each area's best link to the partner's interests. */
const bestLinks = new WeakMap<PartnerProfile, Record<List, Map<string, TechnologyLink | null>>>();

function bestLinkTo(profile: PartnerProfile, list: List, code: string): TechnologyLink | null {
  let memo = bestLinks.get(profile);
  if (!memo) bestLinks.set(profile, (memo = { us: new Map(), kr: new Map() }));
  const known = memo[list].get(code);
  if (known !== undefined) return known;
  const area = { list, code };
  let best: TechnologyLink | null = null;
  const interests = [
    ...(profile.interests.usCet ?? []).map((c) => ({ list: 'us' as const, code: c })),
    ...(profile.interests.krTech ?? []).map((c) => ({ list: 'kr' as const, code: c })),
  ];
  for (const interest of interests) {
    const strength = linkStrength(interest, area);
    // On equal strength the same list wins (an AI interest reads better than a crosswalk AI↔AI).
    if (strength > 0 && (!best || strength > best.strength || (strength === best.strength && interest.list === area.list))) best = { interest, area, strength };
  }
  memo[list].set(code, best);
  return best;
}

/**
 * Technology fit: the mean of the strongest link between the partner's interests and the
 * dataset's areas, and the share of the dataset's areas the interests reach (each area counting
 * its best link).
 */
export function technologyFit(profile: PartnerProfile, candidate: MatchCandidate): { score: number; facts: TechnologyFacts } {
  if (!profile.interests.usCet?.length && !profile.interests.krTech?.length) return { score: 0, facts: { noInterests: true, links: [], strongest: 0, coverage: 0 } };
  const us = candidate.live.techAreas?.us ?? [];
  const kr = candidate.live.techAreas?.kr ?? [];
  const links: TechnologyLink[] = [];
  for (const code of us) {
    const best = bestLinkTo(profile, 'us', code);
    if (best) links.push(best);
  }
  for (const code of kr) {
    const best = bestLinkTo(profile, 'kr', code);
    if (best) links.push(best);
  }
  let strongest = 0;
  let reach = 0;
  for (const l of links) {
    reach += l.strength;
    if (l.strength > strongest) strongest = l.strength;
  }
  const total = us.length + kr.length;
  const coverage = total ? reach / total : 0;
  links.sort((a, b) => b.strength - a.strength);
  return { score: (strongest + coverage) / 2, facts: { noInterests: false, links, strongest, coverage } };
}

function overlap(wanted: readonly string[], offered: readonly string[]): { common: string[]; share: number } {
  const common = wanted.length && offered.length ? wanted.filter((w) => offered.includes(w)) : [];
  const denom = Math.min(wanted.length, offered.length);
  return { common, share: denom ? common.length / denom : 0 };
}

/** Share of tasks and of modalities in common (overlap coefficient), tasks weighing 0.6 and modalities 0.4 when both are stated. */
export function taskModalityFit(profile: PartnerProfile, candidate: MatchCandidate): { score: number; facts: TaskModalityFacts } {
  const wantTasks = profile.interests.tasks ?? [];
  const wantModalities = profile.interests.modalities ?? [];
  const tasks = overlap(wantTasks, candidate.live.tasks ?? []);
  const modalities = overlap(wantModalities, candidate.live.modalities ?? []);
  const facts = { noInterests: !wantTasks.length && !wantModalities.length, tasks: tasks.common, modalities: modalities.common };
  let score = 0;
  if (wantTasks.length && wantModalities.length) score = 0.6 * tasks.share + 0.4 * modalities.share;
  else if (wantTasks.length) score = tasks.share;
  else if (wantModalities.length) score = modalities.share;
  return { score, facts };
}

/** How much one matching keyword adds: a full match closes 60 % of the remaining gap. */
const KEYWORD_GAIN = 0.6;
/** A keyword found only in the text (not among the dataset's own keywords) counts this much. */
const TEXT_ONLY = 0.5;

/** The partner's ko and en keywords, each scored once against the whole catalogue. */
export function keywordMaps(profile: PartnerProfile, scorer: (text: string) => Map<string, number>): Array<{ keyword: string; map: Map<string, number> }> {
  const all = [...(profile.interests.keywords?.ko ?? []), ...(profile.interests.keywords?.en ?? [])];
  return [...new Set(all)].map((keyword) => ({ keyword, map: scorer(keyword) }));
}

const squash = (s: string) => s.toLowerCase().replace(/[\s\-_]+/g, '');

/**
 * Keyword fit: 1 − Π(1 − 0.6·w) over the partner's keywords. w is 1 when the keyword is one of
 * the dataset's own keywords (ignoring case and spaces), else half the square of its search score
 * (the share of its words found anywhere in the dataset), so a phrase scattered over a long
 * description weighs less than a keyword the provider chose.
 */
export function keywordFit(maps: ReturnType<typeof keywordMaps>, candidate: Pick<MatchCandidate, 'id' | 'live'>): { score: number; facts: KeywordFacts } {
  let miss = 1;
  const matched: KeywordFacts['matched'] = [];
  let own: Set<string> | null = null;
  for (const { keyword, map } of maps) {
    const s = Math.min(1, Math.max(0, map.get(candidate.id) ?? 0));
    // The dataset's keywords are indexed too, so a keyword search did not find cannot be one of them.
    if (!s) continue;
    own ??= new Set([...(candidate.live.keywords?.ko ?? []), ...(candidate.live.keywords?.en ?? [])].map(squash));
    const declared = own.has(squash(keyword));
    const w = declared ? 1 : TEXT_ONLY * s * s;
    miss *= 1 - KEYWORD_GAIN * w;
    matched.push({ keyword, score: Math.round(w * 1000) / 1000, declared });
  }
  if (matched.length > 1) matched.sort((a, b) => b.score - a.score || a.keyword.localeCompare(b.keyword));
  return { score: 1 - miss, facts: { noKeywords: maps.length === 0, matched } };
}

/**
 * Accessibility: how far the decision is from `allow`. allow 1 (0.9 with a click-through DUA);
 * request_required 0.6 less 0.1 per blocking requirement (at least 0.2); enclave_only 0.25.
 */
export function accessibilityFit(evaluation: Evaluation, purpose: Purpose, granted = false): { score: number; facts: AccessibilityFacts } {
  // An approved grant met every requirement already: the data is as accessible as it gets.
  if (granted) return { score: 1, facts: { decision: evaluation.decision, purpose, requirements: [], granted: true } };
  const requirements = evaluation.requirements.map((r) => r.code);
  const blocking = evaluation.requirements.filter((r) => r.blocking).length;
  let score: number;
  switch (evaluation.decision) {
    case 'allow':
      score = requirements.length ? 0.9 : 1;
      break;
    case 'sign_in_required':
      score = 0.8;
      break;
    case 'request_required':
      score = Math.max(2, 6 - blocking) / 10;
      break;
    case 'enclave_only':
      score = 0.25;
      break;
    default:
      score = 0;
  }
  return { score, facts: { decision: evaluation.decision, purpose, requirements } };
}

/** The score given when nothing can be checked (no procedure, or a procedure without targets). */
export const NEUTRAL_QUALITY = 0.5;

/** Labeling quality: the share of the procedure version's QA targets that the dataset's reported results meet. */
export function qualityFit(candidate: MatchCandidate, targets: QaTarget[] | undefined): { score: number; facts: QualityFacts } {
  const labeling = candidate.live.labeling;
  if (!labeling?.procedureId || !targets) return { score: NEUTRAL_QUALITY, facts: { hasProcedure: false, checks: [] } };
  const results = new Map((labeling.results ?? []).map((r) => [r.metric, r.value]));
  const checks: QaCheck[] = targets.map((t) => {
    const value = results.get(t.metric);
    const met = value !== undefined && (t.direction === 'higher_better' ? value >= t.target : value <= t.target);
    return { metric: t.metric, target: t.target, direction: t.direction, value: value ?? null, met };
  });
  if (!checks.length) return { score: NEUTRAL_QUALITY, facts: { hasProcedure: true, checks } };
  return { score: checks.filter((c) => c.met).length / checks.length, facts: { hasProcedure: true, checks } };
}
