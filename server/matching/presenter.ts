// What the matching API returns: ranked matches with scores, weights, bilingual explanations and
// the access path; exclusions with their reasons; the same as a CSV report for liaisons.
import { labelOf, POLICY_REQUIREMENTS } from '../../schemas/taxonomy';
import type { Bilingual } from './explain';
import { accessPath, explainComponents, explainExclusion } from './explain';
import { COMPONENTS, type Exclusion, type MatchCandidate, type MatchingWeights, type MatchPartner, type ScoredMatch } from './types';

const BLOCKING = new Map<string, boolean>(POLICY_REQUIREMENTS.map((r) => [r.code, r.blocking]));

/** The dataset as a match shows it (catalogue entries carry the presented provider). */
export function presentCandidate(c: MatchCandidate & { item?: Record<string, unknown> }) {
  const provider = (c.item?.provider as { slug?: string; name?: unknown } | undefined) ?? { slug: c.providerSlug };
  return {
    id: c.id,
    slug: c.slug,
    title: c.live.title ?? {},
    provider: { slug: provider.slug ?? c.providerSlug, name: provider.name ?? null },
    classification: c.level,
    accessLevel: c.policy.disclosure.accessLevel,
  };
}

/** One ranked match with everything a liaison needs to act on it. */
export function presentMatch(m: ScoredMatch, rank: number, partner: MatchPartner, weights: MatchingWeights) {
  const explanations = explainComponents(m);
  const { decision, purpose, requirements } = m.facts.accessibility;
  return {
    rank,
    dataset: presentCandidate(m.candidate),
    score: m.score,
    components: COMPONENTS.map((name) => ({ name, score: m.scores[name], weight: Math.round(weights[name] * 1000) / 1000, explanation: explanations[name] })),
    access: {
      purpose,
      decision,
      granted: m.facts.accessibility.granted === true,
      requirements: requirements.map((code) => ({ code, blocking: BLOCKING.get(code) ?? true, label: { ko: labelOf('policyRequirements', code, 'ko'), en: labelOf('policyRequirements', code, 'en') } })),
      steps: accessPath(m, partner),
    },
  };
}

/** One excluded dataset with every reason, in both languages. */
export function presentExclusion(e: Exclusion) {
  return {
    dataset: presentCandidate(e.candidate),
    reasons: e.reasons.map((r) => ({ kind: r.kind, code: r.code, ...(r.capability ? { capability: r.capability } : {}), purposes: r.purposes, message: explainExclusion(r) })),
  };
}

/** The partner as matching responses show it. */
export function presentPartner(p: MatchPartner) {
  return { id: p.id, slug: p.slug, name: p.name, country: p.country, type: p.type, profile: p.profile };
}

// ---- CSV ------------------------------------------------------------------------------------

/** Quotes a CSV cell; cells that a spreadsheet would run as a formula are prefixed with '. */
function cell(value: unknown): string {
  let s = value === null || value === undefined ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

const both = (b: Bilingual | undefined, lang: 'ko' | 'en') => b?.[lang] ?? '';

/** The match report as CSV (UTF-8 with BOM so spreadsheets read Korean): eligible rows first, then the excluded ones. */
export function matchesCsv(matches: ReturnType<typeof presentMatch>[], excluded: ReturnType<typeof presentExclusion>[]): string {
  const head = [
    'rank', 'eligible', 'dataset_slug', 'title_ko', 'title_en', 'provider', 'score',
    ...COMPONENTS.map((c) => `${c}_score`),
    'purpose', 'decision', 'requirements',
    ...COMPONENTS.flatMap((c) => [`${c}_explanation_ko`, `${c}_explanation_en`]),
    'access_path_ko', 'access_path_en', 'exclusion_reasons_ko', 'exclusion_reasons_en',
  ];
  const rows: unknown[][] = [head];
  for (const m of matches) {
    const title = m.dataset.title as Partial<Bilingual>;
    rows.push([
      m.rank, 'yes', m.dataset.slug, title.ko, title.en, m.dataset.provider.slug, m.score,
      ...m.components.map((c) => c.score),
      m.access.purpose, m.access.decision, m.access.requirements.map((r) => r.code).join(' '),
      ...m.components.flatMap((c) => [c.explanation.ko, c.explanation.en]),
      m.access.steps.map((s, i) => `${i + 1}. ${s.text.ko}`).join(' → '),
      m.access.steps.map((s, i) => `${i + 1}. ${s.text.en}`).join(' → '),
      '', '',
    ]);
  }
  for (const e of excluded) {
    const title = e.dataset.title as Partial<Bilingual>;
    rows.push([
      '', 'no', e.dataset.slug, title.ko, title.en, e.dataset.provider.slug, '',
      ...COMPONENTS.map(() => ''),
      '', 'excluded', '',
      ...COMPONENTS.flatMap(() => ['', '']),
      '', '',
      e.reasons.map((r) => both(r.message, 'ko')).join(' / '),
      e.reasons.map((r) => both(r.message, 'en')).join(' / '),
    ]);
  }
  return '\uFEFF' + rows.map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
}
