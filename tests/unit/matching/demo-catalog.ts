// The demo catalogue (seed/data) as matching candidates, without a database: ids are slugs,
// procedure ids are procedure slugs, and a small bilingual keyword scorer stands in for search.
import { datasets } from '../../../seed/data/datasets';
import { organizations, partnerProfiles } from '../../../seed/data/organizations';
import { procedures } from '../../../seed/data/procedures';
import { glossary } from '../../../seed/taxonomies/glossary';
import { policyDatasetOf } from '../../../server/policy/dataset-rules';
import type { KeywordScorer, MatchCandidate, MatchPartner, PartnerProfile, QaTargetLookup } from '../../../server/matching/types';
import { DEFAULT_MATCHING_WEIGHTS } from '../../../server/infra/config';
import type { RankDeps } from '../../../server/matching/rank';

/** Published, not withdrawn demo datasets (what the catalogue index would hold). */
export const demoCandidates: MatchCandidate[] = datasets
  .filter((d) => d.status === 'published')
  .map((d) => {
    const { labeling, ...rest } = d as typeof d & { labeling?: { procedureSlug: string; procedureVersion: number; results?: Array<{ metric: string; value: number }> } };
    return {
      id: d.slug,
      slug: d.slug,
      providerId: d.providerSlug,
      providerSlug: d.providerSlug,
      level: d.classification.level,
      live: { ...(rest as MatchCandidate['live']), labeling: labeling ? { procedureId: labeling.procedureSlug, procedureVersion: labeling.procedureVersion, results: labeling.results ?? [] } : null },
      policy: policyDatasetOf(d as never),
    };
  });

export const demoQaTargets: QaTargetLookup = (procedureId, version) =>
  procedures.find((p) => p.slug === procedureId)?.versions.find((v) => v.version === version)?.qa?.targets as ReturnType<QaTargetLookup>;

const norm = (s: string) => s.toLowerCase().replace(/\s+/g, '');

/** Exact keyword 1, keyword or title containing the term 0.6; terms expand through the glossary. */
export const demoKeywordScores: KeywordScorer = (text) => {
  const term = norm(text);
  const entry = glossary.find((g) => [...g.ko, ...g.en].some((x) => norm(x) === term));
  const terms = entry ? [...entry.ko, ...entry.en].map(norm) : [term];
  const out = new Map<string, number>();
  for (const d of datasets) {
    const kws = [...d.keywords.ko, ...d.keywords.en].map(norm);
    const titles = [d.title.ko ?? '', d.title.en ?? ''].map(norm);
    let s = 0;
    if (terms.some((t) => kws.includes(t))) s = 1;
    else if (terms.some((t) => kws.some((k) => k.includes(t)) || titles.some((x) => x.includes(t)))) s = 0.6;
    if (s) out.set(d.slug, s);
  }
  return out;
};

export const demoDeps: RankDeps = { keywordScores: demoKeywordScores, qaTargets: demoQaTargets, weights: DEFAULT_MATCHING_WEIGHTS };

/** A partner from a seeded organisation, or an ad-hoc one. */
export function partner(slug: string, country: string, type: string, profile: PartnerProfile): MatchPartner {
  return { id: slug, slug, country, type, name: { ko: slug, en: slug }, profile };
}

/** A seeded organisation with its seeded profile. */
export function seededPartner(slug: string): MatchPartner {
  const org = organizations.find((o) => o.slug === slug)!;
  return partner(slug, org.country, org.type, partnerProfiles[slug] as PartnerProfile);
}
