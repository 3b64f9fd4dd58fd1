// From a stored dataset to what the catalogue index keeps and the terms it indexes.
import { DOMAINS, MODALITIES, TASKS } from '../../schemas/taxonomy';
import type { DatasetDoc } from '../datasets/model';
import { presentDataset } from '../datasets/presenter';
import type { OrganizationDoc } from '../organizations/model';
import { policyDatasetOf } from '../policy/dataset-rules';
import type { ClassificationLevel } from '../policy/visibility';
import { analyzeField } from './analyze';
import type { CatalogEntry } from './types';

type Bi = { ko?: string; en?: string } | undefined;
type BiList = { ko?: string[]; en?: string[] } | undefined;

/** Field weights of docs/design.md §6's ranking: title > keywords > summary > description, both languages. */
export const FIELD_WEIGHTS = { title: 5, keywords: 3, tags: 2, summary: 1.6, description: 1 } as const;
/** Share of a field's weight that its glossary expansions (translations, synonyms) carry. */
export const GLOSS_FACTOR = 0.6;
/** BM25-style saturation: a word repeated in a field counts less each time. */
const K1 = 1.2;

const LABELS = new Map<string, { ko: string; en: string }>();
for (const list of [MODALITIES, TASKS, DOMAINS]) for (const item of list) LABELS.set(item.code, item.label);

/** The index entry of a published dataset, or null when the catalogue must not hold it. */
export function entryOf(doc: DatasetDoc, org: Pick<OrganizationDoc, '_id' | 'slug' | 'name' | 'country' | 'type'> | undefined): CatalogEntry | null {
  if (!doc.live || doc.withdrawnAt) return null;
  const live = doc.live;
  const level = (live.classification?.level ?? 'confidential') as ClassificationLevel;
  const item = presentDataset(doc, 'live', org as OrganizationDoc | undefined, 'en') as Record<string, unknown>;
  return {
    id: String(doc._id),
    slug: doc.slug,
    providerId: String(doc.providerId),
    providerSlug: org?.slug ?? '',
    level,
    live,
    policy: policyDatasetOf(live),
    publishedAt: new Date(live.publishedAt ?? doc.publishedAt ?? 0),
    facets: {
      modality: live.modalities ?? [],
      task: live.tasks ?? [],
      license: live.license?.id ? [live.license.id] : [],
      accessLevel: live.disclosure?.accessLevel ? [live.disclosure.accessLevel] : [],
      classification: [level],
      provider: org?.slug ? [org.slug] : [],
      // Harvested from a partner catalogue or written here (docs/harvesting.md).
      origin: [doc.origin?.kind === 'harvested' ? 'harvested' : 'local'],
      krTech: live.techAreas?.kr ?? [],
      usCet: live.techAreas?.us ?? [],
      language: live.languages ?? [],
    },
    item,
  };
}

function biTexts(v: Bi): string[] {
  return [v?.ko, v?.en].filter((s): s is string => typeof s === 'string');
}
function biListTexts(v: BiList): string[] {
  return [...(v?.ko ?? []), ...(v?.en ?? [])];
}

/** The texts of each weighted field of an entry. */
export function fieldTexts(entry: CatalogEntry): Record<keyof typeof FIELD_WEIGHTS, string[]> {
  const live = entry.live;
  const provider = (entry.item.provider as { name?: Bi } | null)?.name;
  const tags = [...(live.modalities ?? []), ...(live.tasks ?? []), ...(live.domain ? [live.domain] : [])].flatMap((c: string) => biTexts(LABELS.get(c)));
  return {
    title: biTexts(live.title),
    keywords: biListTexts(live.keywords),
    tags: [...tags, ...biTexts(provider)],
    summary: biTexts(live.summary),
    description: biTexts(live.description),
  };
}

/**
 * Every term of an entry with its weight: Σ over fields of weight × tf/(tf+K1), glossary
 * expansions at GLOSS_FACTOR. Query-time scores multiply this by the term's idf.
 */
export function entryTerms(entry: CatalogEntry): Map<string, number> {
  const out = new Map<string, number>();
  const texts = fieldTexts(entry);
  for (const field of Object.keys(FIELD_WEIGHTS) as Array<keyof typeof FIELD_WEIGHTS>) {
    const w = FIELD_WEIGHTS[field];
    const { direct, gloss } = analyzeField(texts[field]);
    for (const [term, tf] of direct) out.set(term, (out.get(term) ?? 0) + (w * tf) / (tf + K1));
    for (const term of gloss) {
      if (direct.has(term)) continue;
      out.set(term, (out.get(term) ?? 0) + (w * GLOSS_FACTOR) / (1 + K1));
    }
  }
  return out;
}
