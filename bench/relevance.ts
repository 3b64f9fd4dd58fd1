/**
 * Search quality report (no database): nDCG@10 and recall@10 of the real CatalogIndex on the demo
 * catalogue for the general relevance set and the compound/word-form set, beside a `$regex` baseline
 * (every query word as a case-insensitive substring of title, summary, description or keywords in
 * either language, newest first: what a plain MongoDB catalogue query does). docs/search.md.
 * Usage: npm run bench -- --only relevance [--verbose]
 */
import type { Requester } from '../server/policy/types';
import type { CatalogIndex } from '../server/search/catalog-index';
import type { CatalogEntry } from '../server/search/types';
import { COMPOUND_SET, RELEVANCE_SET, meanMetric, ndcgAt, recallAt } from '../tests/fixtures/search-relevance';
import { demoEntries, demoIndex } from '../tests/helpers/seed-catalog';

interface Judged {
  q: string;
  kind: string;
  relevant: Record<string, number>;
}

const viewer = { authenticated: true, organizationId: null, wide: false };
const nobody: Requester = { authenticated: true, country: 'KR', orgType: 'university', providerMember: false, reviewer: false, grants: [] };

function engine(index: CatalogIndex) {
  return (q: string) =>
    index
      .search({ q, filters: {}, availableTo: [], purposes: [], sort: 'relevance', lang: 'en', page: 1, pageSize: 10 }, { viewer, requester: () => nobody })
      .hits.map((h) => h.entry.slug);
}

function regexBaseline(entries: CatalogEntry[]) {
  const visible = entries.filter((e) => e.level !== 'confidential').sort((a, b) => b.publishedAt.getTime() - a.publishedAt.getTime());
  const text = new Map(
    visible.map((e) => {
      const l = e.live as unknown as Record<string, unknown>;
      return [e.slug, JSON.stringify([l.title, l.summary, l.description, l.keywords]).toLowerCase()];
    }),
  );
  return (q: string) => {
    const words = q.toLowerCase().split(/\s+/).filter(Boolean);
    return visible.filter((e) => words.every((w) => text.get(e.slug)!.includes(w))).slice(0, 10).map((e) => e.slug);
  };
}

function report(name: string, set: Judged[], ranker: (q: string) => string[], verbose: boolean, print: (line: string) => void) {
  const runs = set.map((judged) => ({ judged, ranked: ranker(judged.q) }));
  const fmt = (x: number) => x.toFixed(3);
  const kinds = [...new Set(set.map((j) => j.kind))];
  const byKind = kinds.map((k) => `${k} ${fmt(meanMetric(runs.filter((r) => r.judged.kind === k), ndcgAt))}`).join(', ');
  const zeros = runs.filter((r) => ndcgAt(r.ranked, r.judged.relevant) === 0).map((r) => r.judged.q);
  print(`${name.padEnd(34)} nDCG@10 ${fmt(meanMetric(runs, ndcgAt))}  recall@10 ${fmt(meanMetric(runs, recallAt))}  (${byKind}); at zero: ${zeros.length ? zeros.join(' · ') : 'none'}`);
  if (verbose) {
    for (const r of runs) {
      const n = ndcgAt(r.ranked, r.judged.relevant);
      if (n < 1) print(`    ${fmt(n)} ${r.judged.q} → ${r.ranked.slice(0, 5).map((s) => (r.judged.relevant[s] ? `*${s}` : s)).join(', ')}`);
    }
  }
}

export function benchRelevance(opts: { verbose: boolean; print: (line: string) => void }): void {
  const index = demoIndex();
  const entries = demoEntries();
  opts.print(`\nsearch relevance on the demo catalogue (${index.size} datasets; ${RELEVANCE_SET.length} general and ${COMPOUND_SET.length} compound/word-form queries)`);
  report('general set, engine', RELEVANCE_SET, engine(index), opts.verbose, opts.print);
  report('general set, $regex baseline', RELEVANCE_SET, regexBaseline(entries), false, opts.print);
  report('compound set, engine', COMPOUND_SET, engine(index), opts.verbose, opts.print);
  report('compound set, $regex baseline', COMPOUND_SET, regexBaseline(entries), false, opts.print);
}
