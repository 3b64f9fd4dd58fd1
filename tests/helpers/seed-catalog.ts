// The demo catalogue as search-index entries, built from seed data without a database, for unit tests
// of the real CatalogIndex (the same entryOf the running app uses).
import { Types } from 'mongoose';
import { datasets } from '../../seed/data/datasets';
import { organizations } from '../../seed/data/organizations';
import type { DatasetDoc } from '../../server/datasets/model';
import { CatalogIndex } from '../../server/search/catalog-index';
import { entryOf } from '../../server/search/entry';
import type { CatalogEntry } from '../../server/search/types';

type Strip = 'none' | 'en' | 'ko';

function stripLang<T>(value: T, lang: Strip): T {
  if (lang === 'none' || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => stripLang(v, lang)) as T;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    if (k === lang) continue;
    out[k] = stripLang(v, lang);
  }
  return out as T;
}

/**
 * Catalogue entries of every published demo dataset (withdrawn ones excluded, as in the app);
 * `strip` removes one language from every bilingual field, to test cross-lingual search.
 */
export function demoEntries(strip: Strip = 'none'): CatalogEntry[] {
  const orgs = new Map(organizations.map((o) => [o.slug, { _id: new Types.ObjectId(), slug: o.slug, name: o.name, country: o.country, type: o.type }]));
  const out: CatalogEntry[] = [];
  datasets.forEach((d, i) => {
    if (d.status !== 'published' && d.status !== 'withdrawn') return;
    const org = orgs.get(d.providerSlug)!;
    const { providerSlug: _p, status: _s, labeling: _l, ...content } = d;
    const publishedAt = new Date(Date.UTC(2025, 0, 1 + i));
    const live = { ...stripLang(content, strip), slug: d.slug, version: 1, publishedAt, approvedBy: new Types.ObjectId(), artifacts: [] };
    const doc = {
      _id: new Types.ObjectId(),
      slug: d.slug,
      providerId: org._id,
      status: d.status,
      live,
      artifacts: [],
      publishedAt,
      withdrawnAt: d.status === 'withdrawn' ? publishedAt : null,
    } as unknown as DatasetDoc;
    const e = entryOf(doc, org as never);
    if (e) out.push(e);
  });
  return out;
}

/** A CatalogIndex holding the demo catalogue. */
export function demoIndex(strip: Strip = 'none'): CatalogIndex {
  const index = new CatalogIndex();
  index.replaceAll(demoEntries(strip));
  return index;
}

/** Content of a made-up published dataset for search tests (public, open; only the texts matter). */
export interface TextOnlyDataset {
  slug: string;
  title: { ko?: string; en?: string };
  summary?: { ko?: string; en?: string };
  description?: { ko?: string; en?: string };
  keywords?: { ko?: string[]; en?: string[] };
}

/** A CatalogIndex holding only the given made-up datasets (as public, open, published ones). */
export function textIndex(list: TextOnlyDataset[]): CatalogIndex {
  const template = datasets.find((d) => d.status === 'published' && d.classification.level === 'public')!;
  const org = { _id: new Types.ObjectId(), slug: 'text-org', name: { ko: '시험 기관', en: 'Test Org' }, country: 'KR', type: 'public_agency' };
  const entries = list.map((d, i) => {
    const publishedAt = new Date(Date.UTC(2025, 0, 1 + i));
    const live = { ...template, modalities: [], tasks: [], domain: undefined, summary: undefined, description: undefined, keywords: undefined, ...d, version: 1, publishedAt, approvedBy: new Types.ObjectId(), artifacts: [] };
    const doc = { _id: new Types.ObjectId(), slug: d.slug, providerId: org._id, status: 'published', live, artifacts: [], publishedAt, withdrawnAt: null } as unknown as DatasetDoc;
    return entryOf(doc, org as never)!;
  });
  const index = new CatalogIndex();
  index.replaceAll(entries);
  return index;
}
