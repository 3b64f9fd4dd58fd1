// The doors of matching to the request and the database: who the partner is, who may look, and
// which datasets are candidates. The ranking itself (rank.ts) stays pure.
import { activeGrantsByDataset } from '../access/grants';
import { relationTo, mayReview, requireView } from '../datasets/access';
import { loadDataset } from '../datasets/load';
import { isMemberOf, type AuthUser } from '../http/context';
import { conflict, forbidden, notFound } from '../http/errors';
import { Organization, type OrganizationDoc } from '../organizations/model';
import { catalogIndex } from '../search/registry';
import type { CatalogEntry } from '../search/types';
import { entryVisible, viewerOf } from '../search/visibility';
import { qaTargetsFor } from './qa-targets';
import { rankForPartner, rankPartnersForDataset, type PartnerStanding, type RankDeps } from './rank';
import type { GrantLookup, MatchingWeights, MatchPartner, PartnerProfile, Ranking } from './types';

/** The partner of an organisation document (which must carry a profile). */
export function partnerOf(org: OrganizationDoc): MatchPartner {
  return { id: String(org._id), slug: org.slug, country: org.country, type: org.type, name: org.name, profile: org.partnerProfile as unknown as PartnerProfile };
}

/** Loads an organisation and its partner profile; 404 when either is missing. */
export async function loadPartner(slug: string): Promise<MatchPartner> {
  const org = await Organization.findOne({ slug }).lean<OrganizationDoc>();
  if (!org) throw notFound('organization_not_found');
  if (!org.partnerProfile) throw notFound('partner_profile_not_found');
  return partnerOf(org);
}

/**
 * Who may see a partner's matches: its members (the liaison works there), reviewers and admins.
 * Everyone else is refused; the profile itself stays public.
 */
export function requireMatchViewer(user: AuthUser, partner: MatchPartner): void {
  const member = isMemberOf(user, partner.id);
  if (!member && !user.roles.includes('admin') && !user.roles.includes('reviewer')) throw forbidden('not_partner_member');
}

/**
 * Candidates for a partner: catalogue entries its members may list that the caller may list too,
 * so a reviewer looking at another organisation's matches never learns of a dataset they cannot see.
 */
export async function candidatesFor(partner: MatchPartner, user: AuthUser): Promise<CatalogEntry[]> {
  const index = catalogIndex();
  await index.ready();
  const asPartner = { authenticated: true, organizationId: partner.id, wide: false };
  const asCaller = viewerOf(user);
  const out: CatalogEntry[] = [];
  for (const e of entriesBySlug()) if (entryVisible(e, asPartner) && entryVisible(e, asCaller)) out.push(e);
  return out;
}

let bySlug: { generation: number; entries: CatalogEntry[] } | null = null;

/** The catalogue in slug order (the tie order of matches), sorted once per index generation. */
function entriesBySlug(): CatalogEntry[] {
  const index = catalogIndex();
  if (bySlug?.generation !== index.generation) {
    const generation = index.generation;
    const entries = [...index.entries()].sort((a, b) => (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0));
    bySlug = { generation, entries };
  }
  return bySlug.entries;
}

// Recent rankings by partner standing, profile, weights, what the caller may list and the index
// generation: any catalogue change or profile edit makes a new key, so paging and exporting the
// same ranking reuse it and nothing stale is ever served.
const rankings = new Map<string, Ranking>();
const RANKINGS_KEPT = 32;

/**
 * The active full or sample grants a member of the partner holds, by dataset (their access is the
 * partner's access as far as they can act on it); none for reviewers and admins looking in.
 */
async function callerGrants(partner: MatchPartner, user: AuthUser): Promise<GrantLookup> {
  if (!isMemberOf(user, partner.id)) return new Map();
  return activeGrantsByDataset(user.id);
}

/** The grants as part of a ranking's cache key: a new or ended grant makes a new key. */
function grantsKey(grants: GrantLookup): string {
  return [...grants].map(([id, list]) => `${id}:${list.map((g) => `${g.scope}/${g.purpose}`).sort().join(',')}`).sort().join(';');
}

/** The ranking for a partner as the caller may see it, counting the caller's own grants. */
export async function matchesFor(partner: MatchPartner, user: AuthUser, weights: MatchingWeights): Promise<Ranking> {
  const index = catalogIndex();
  await index.ready();
  const viewer = viewerOf(user);
  const generation = index.generation;
  const grants = await callerGrants(partner, user);
  const key = JSON.stringify([partner.id, partner.country, partner.type, partner.profile, weights, viewer.wide ? '*' : viewer.organizationId, generation, grantsKey(grants)]);
  const known = rankings.get(key);
  if (known) return known;
  const candidates = await candidatesFor(partner, user);
  const deps: RankDeps = { keywordScores: (text) => index.keywordScores(text), qaTargets: await qaTargetsFor(candidates), weights, grants };
  const ranking = rankForPartner(partner, candidates, deps);
  // Only keep it if the index did not move while the targets were loading.
  if (index.generation === generation) {
    if (rankings.size >= RANKINGS_KEPT) rankings.delete(rankings.keys().next().value!);
    rankings.set(key, ranking);
  }
  return ranking;
}

/**
 * Partners ranked for one published dataset. Readable by the provider's members, its reviewers
 * (and national reviewers) and admins; 404 for callers who cannot see the dataset, 403 for other
 * readers, 409 while the dataset is not in the catalogue.
 */
export async function partnersForDataset(idOrSlug: string, user: AuthUser, weights: MatchingWeights): Promise<{ entry: CatalogEntry; standings: PartnerStanding[] }> {
  const { doc } = requireView(await loadDataset(idOrSlug), user);
  const rel = relationTo(user, doc.providerId);
  if (!rel.member && !mayReview(rel)) throw forbidden('not_provider_member');
  const index = catalogIndex();
  await index.ready();
  const entry = index.get(String(doc._id));
  if (!entry) throw conflict('dataset_not_published');
  const orgs = await Organization.find({ partnerProfile: { $ne: null }, _id: { $ne: doc.providerId } })
    .sort({ slug: 1 })
    .lean<OrganizationDoc[]>();
  const deps: RankDeps = { keywordScores: (text) => index.keywordScores(text), qaTargets: await qaTargetsFor([entry]), weights };
  return { entry, standings: rankPartnersForDataset(orgs.map(partnerOf), entry, deps) };
}
