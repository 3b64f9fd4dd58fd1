// The catalogue's URL state: what a shared or bookmarked search link means, and how changes to it
// (words, filters, sort, page) are written back.
import { describe, expect, it } from 'vitest';
import {
  activeFilters,
  catalogApiPath,
  defaultSort,
  mergeCatalogQuery,
  parseCatalogQuery,
  searchUrl,
  sortsFor,
  toggleFilter,
  writeCatalogQuery,
  type CatalogQuery,
} from '../../../client/src/pages/catalog/query';

const parse = (search: string) => parseCatalogQuery(new URLSearchParams(search));
const write = (query: CatalogQuery, search = '') => writeCatalogQuery(new URLSearchParams(search), query).toString();

describe('parseCatalogQuery', () => {
  it('sorts by relevance when there are words and by newest when there are none', () => {
    expect(parse('q=%EC%9D%8C%EC%84%B1').sort).toBe('relevance');
    expect(parse('').sort).toBe('newest');
    expect(defaultSort('  ')).toBe('newest');
  });

  it('keeps an explicit sort, but no relevance without words', () => {
    expect(parse('q=speech&sort=title').sort).toBe('title');
    expect(parse('q=speech&sort=newest').sort).toBe('newest');
    expect(parse('sort=relevance').sort).toBe('newest');
    expect(parse('sort=bogus&q=x').sort).toBe('relevance');
    expect(sortsFor('')).toEqual(['newest', 'title']);
    expect(sortsFor('x')).toEqual(['relevance', 'newest', 'title']);
  });

  it('reads repeatable filters, trims words, drops empty and repeated values and bad pages', () => {
    const q = parse('q=%20medical%20imaging%20&modality=image&modality=video&modality=image&task=&availableTo=US&purpose=research&page=0');
    expect(q.q).toBe('medical imaging');
    expect(q.filters).toEqual({ modality: ['image', 'video'], availableTo: ['US'], purpose: ['research'] });
    expect(q.page).toBe(1);
    expect(parse('page=3').page).toBe(3);
    expect(parse('page=2.5').page).toBe(1);
  });
});

describe('writeCatalogQuery', () => {
  it('leaves defaults out and keeps unrelated parameters such as lang', () => {
    expect(write({ q: '', page: 1, sort: 'newest', filters: {} }, 'lang=en')).toBe('lang=en');
    expect(write({ q: '음성', page: 1, sort: 'relevance', filters: {} }, 'lang=ko')).toBe('lang=ko&q=%EC%9D%8C%EC%84%B1');
    expect(write({ q: 'speech', page: 2, sort: 'newest', filters: { modality: ['speech', 'audio'] } })).toBe(
      'q=speech&modality=speech&modality=audio&sort=newest&page=2',
    );
  });

  it('does not write a relevance sort without words', () => {
    expect(write({ q: '', page: 1, sort: 'relevance', filters: {} })).toBe('');
  });

  it('round-trips through parse', () => {
    const query: CatalogQuery = {
      q: 'speech recognition',
      page: 3,
      sort: 'title',
      filters: { task: ['asr'], availableTo: ['US'], provider: ['kdata-agency'] },
    };
    expect(parse(write(query))).toEqual(query);
  });
});

describe('mergeCatalogQuery', () => {
  const browsing = parse('page=4');
  it('goes back to page 1 on any change but paging', () => {
    expect(mergeCatalogQuery(browsing, { filters: { modality: ['image'] } }).page).toBe(1);
    expect(mergeCatalogQuery(browsing, { page: 5 }).page).toBe(5);
  });

  it('switches to relevance when words arrive and back to newest when they go, unless the user chose a sort', () => {
    expect(mergeCatalogQuery(browsing, { q: '음성' }).sort).toBe('relevance');
    expect(mergeCatalogQuery(parse('q=speech'), { q: '' }).sort).toBe('newest');
    expect(mergeCatalogQuery(parse('sort=title'), { q: '음성' }).sort).toBe('title');
    expect(mergeCatalogQuery(parse('q=a&sort=newest'), { q: 'b' }).sort).toBe('newest');
    expect(mergeCatalogQuery(browsing, { q: 'x', sort: 'title' }).sort).toBe('title');
  });
});

describe('searchUrl', () => {
  it('on the catalogue replaces the words and keeps filters and language', () => {
    expect(searchUrl('/', '?lang=en&q=old&modality=image&page=3', 'speech recognition')).toBe(
      '/?lang=en&q=speech+recognition&modality=image',
    );
  });

  it('elsewhere starts a fresh search that keeps only the language', () => {
    expect(searchUrl('/datasets/x', '?lang=ko&tab=files', '의료영상')).toBe('/?lang=ko&q=%EC%9D%98%EB%A3%8C%EC%98%81%EC%83%81');
    expect(searchUrl('/procedures', '', 'speech')).toBe('/?q=speech');
  });

  it('with no words goes back to browsing', () => {
    expect(searchUrl('/', '?lang=ko&q=old&sort=title', '  ')).toBe('/?lang=ko&sort=title');
  });
});

describe('filters', () => {
  it('toggleFilter adds, removes and forgets empty facets without touching the others', () => {
    const f1 = toggleFilter({}, 'modality', 'image');
    expect(f1).toEqual({ modality: ['image'] });
    const f2 = toggleFilter({ ...f1, task: ['asr'] }, 'modality', 'video');
    expect(f2).toEqual({ modality: ['image', 'video'], task: ['asr'] });
    const f3 = toggleFilter(toggleFilter(f2, 'modality', 'image'), 'modality', 'video');
    expect(f3).toEqual({ task: ['asr'] });
    expect(f2.modality).toEqual(['image', 'video']);
  });

  it('activeFilters lists selected values facet by facet in a stable order', () => {
    expect(activeFilters({ purpose: ['research'], modality: ['video', 'image'], availableTo: ['US'] })).toEqual([
      { name: 'modality', value: 'video' },
      { name: 'modality', value: 'image' },
      { name: 'availableTo', value: 'US' },
      { name: 'purpose', value: 'research' },
    ]);
  });

  it('catalogApiPath always names sort, page and page size and repeats filters', () => {
    expect(catalogApiPath(parse('q=speech&modality=speech&modality=audio&availableTo=US&page=2'), 20)).toBe(
      '/datasets?q=speech&modality=speech&modality=audio&availableTo=US&sort=relevance&page=2&pageSize=20',
    );
    expect(catalogApiPath(parse(''))).toBe('/datasets?sort=newest&page=1&pageSize=20');
  });
});
