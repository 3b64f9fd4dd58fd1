// Reads by name (GET /datasets/{slug}, dataset pages) find catalogue entries through the index's
// slug map; it must follow every way entries come and go, including compaction, which renumbers slots.
import { Types } from 'mongoose';
import { describe, expect, it } from 'vitest';
import { CatalogIndex } from '../../../server/search/catalog-index';
import type { CatalogEntry } from '../../../server/search/types';
import { demoEntries } from '../../helpers/seed-catalog';

const demo = demoEntries();

/** `n` distinct entries (new ids and slugs) made from the demo catalogue. */
function many(n: number, prefix: string): CatalogEntry[] {
  return Array.from({ length: n }, (_, i) => {
    const e = demo[i % demo.length];
    return { ...e, id: new Types.ObjectId().toHexString(), slug: `${prefix}-${i}` };
  });
}

describe('CatalogIndex slug lookups', () => {
  it('find what put adds and forget what remove takes, through compaction', () => {
    const index = new CatalogIndex();
    const entries = many(1300, 'bulk');
    for (const e of entries) index.put(e.id, e);
    expect(index.getBySlug('bulk-0')?.id).toBe(entries[0].id);
    // 1,100 removals compact the index (more than 1,000 dead slots, over a quarter of the live ones).
    for (const e of entries.slice(0, 1100)) index.remove(e.id);
    expect(index.size).toBe(200);
    for (const e of entries.slice(0, 1100)) expect(index.getBySlug(e.slug)).toBeUndefined();
    for (const e of entries.slice(1100)) {
      expect(index.getBySlug(e.slug)).toBe(e);
      expect(index.get(e.id)).toBe(e);
    }
  });

  it('follow a rename: the old slug misses, the new one finds the entry', () => {
    const index = new CatalogIndex();
    const [e] = many(1, 'before');
    index.put(e.id, e);
    const renamed = { ...e, slug: 'after-0' };
    index.put(e.id, renamed);
    expect(index.getBySlug('before-0')).toBeUndefined();
    expect(index.getBySlug('after-0')).toBe(renamed);
  });

  it('keep the slug of the dataset that holds it now when changes arrive out of order', () => {
    const index = new CatalogIndex();
    const [a, b] = many(2, 'x');
    const shared = 'taken-slug';
    index.put(a.id, { ...a, slug: shared });
    // Another process renamed A away and gave its slug to B; B's change is applied first.
    const bEntry = { ...b, slug: shared };
    index.put(b.id, bEntry);
    expect(index.getBySlug(shared)).toBe(bEntry);
    index.put(a.id, { ...a, slug: 'a-new-name' });
    expect(index.getBySlug(shared)).toBe(bEntry);
    expect(index.getBySlug('a-new-name')?.id).toBe(a.id);
    index.remove(b.id);
    expect(index.getBySlug(shared)).toBeUndefined();
  });

  it('start over on replaceAll', () => {
    const index = new CatalogIndex();
    const old = many(3, 'old');
    for (const e of old) index.put(e.id, e);
    const fresh = many(2, 'fresh');
    index.replaceAll(fresh);
    expect(index.getBySlug('old-0')).toBeUndefined();
    expect(index.getBySlug('fresh-1')).toBe(fresh[1]);
  });

  it('move to a new generation on replaceAll, even when the new content is empty', () => {
    // Rankings, sort orders and observatory answers are cached by generation: an index emptied by a
    // full reload kept its generation, and partner matches went on listing the datasets it had held.
    const index = new CatalogIndex();
    for (const e of many(2, 'gone')) index.put(e.id, e);
    const before = index.generation;
    index.replaceAll([]);
    expect(index.size).toBe(0);
    expect(index.generation).toBeGreaterThan(before);
  });
});
