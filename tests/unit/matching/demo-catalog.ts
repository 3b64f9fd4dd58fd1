// The demo catalogue (seed/data) as matching candidates without a database: each published seed
// dataset becomes a catalogue entry (search's entryOf) in an in-memory CatalogIndex, so keyword
// fit uses the same analysis as search. Ids derive from slugs; procedure ids are procedure slugs.
import { createHash } from 'node:crypto';
import { Types } from 'mongoose';
import { datasets } from '../../../seed/data/datasets';
import { organizations, partnerProfiles } from '../../../seed/data/organizations';
import { procedures } from '../../../seed/data/procedures';
import type { DatasetDoc } from '../../../server/datasets/model';
import { DEFAULT_MATCHING_WEIGHTS } from '../../../server/infra/config';
import type { RankDeps } from '../../../server/matching/rank';
import type { MatchCandidate, MatchPartner, PartnerProfile, QaTargetLookup } from '../../../server/matching/types';
import type { OrganizationDoc } from '../../../server/organizations/model';
import { CatalogIndex } from '../../../server/search/catalog-index';
import { entryOf } from '../../../server/search/entry';

/** A stable ObjectId hex for a slug. */
export const oid = (slug: string) => createHash('md5').update(slug).digest('hex').slice(0, 24);

const orgDocs = new Map(
  organizations.map((o) => [o.slug, { _id: new Types.ObjectId(oid(o.slug)), slug: o.slug, name: o.name, country: o.country, type: o.type } as OrganizationDoc]),
);
const publishedAt = new Date('2026-01-01T00:00:00Z');

export const demoIndex = new CatalogIndex();
demoIndex.replaceAll(
  datasets
    .filter((d) => d.status === 'published')
    .map((d) => {
      const { providerSlug, status: _status, labeling, ...content } = d as typeof d & {
        labeling?: { procedureSlug: string; procedureVersion: number; results?: Array<{ metric: string; value: number }> };
      };
      const live = {
        ...content,
        ...(labeling ? { labeling: { procedureId: labeling.procedureSlug, procedureVersion: labeling.procedureVersion, results: labeling.results ?? [] } } : {}),
        version: 1,
        publishedAt,
        approvedBy: new Types.ObjectId(),
        artifacts: [],
      };
      const doc = { _id: new Types.ObjectId(oid(d.slug)), slug: d.slug, providerId: orgDocs.get(providerSlug)!._id, live, withdrawnAt: null, artifacts: [], publishedAt } as unknown as DatasetDoc;
      return entryOf(doc, orgDocs.get(providerSlug))!;
    }),
);

/** Published, not withdrawn demo datasets, as the catalogue index holds them. */
export const demoCandidates: MatchCandidate[] = [...demoIndex.entries()];

export const demoQaTargets: QaTargetLookup = (procedureId, version) =>
  procedures.find((p) => p.slug === procedureId)?.versions.find((v) => v.version === version)?.qa?.targets as ReturnType<QaTargetLookup>;

export const demoDeps: RankDeps = { keywordScores: (text) => demoIndex.keywordScores(text), qaTargets: demoQaTargets, weights: DEFAULT_MATCHING_WEIGHTS };

/** An ad-hoc partner (its id derives from the slug, so a seeded provider's slug makes it that provider). */
export function partner(slug: string, country: string, type: string, profile: PartnerProfile): MatchPartner {
  return { id: oid(slug), slug, country, type, name: { ko: slug, en: slug }, profile };
}

/** A seeded organisation with its seeded profile. */
export function seededPartner(slug: string): MatchPartner {
  const org = organizations.find((o) => o.slug === slug)!;
  return { ...partner(slug, org.country, org.type, partnerProfiles[slug] as PartnerProfile), name: org.name };
}
