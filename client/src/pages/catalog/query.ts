// The catalogue's query lives in the URL (?q=&page=&sort= and repeatable facet filters), so results
// can be bookmarked, shared and restored with Back; other parameters such as ?lang= are kept.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useSearchParams } from 'react-router';

/** Sort orders of `GET /datasets`; `relevance` only means something with a text query. */
export const CATALOG_SORTS = ['relevance', 'newest', 'title'] as const;
export type CatalogSort = (typeof CATALOG_SORTS)[number];

/** Facet filters of `GET /datasets` (docs/design.md §6), each repeatable in the URL. */
export const CATALOG_FILTERS = ['modality', 'task', 'license', 'accessLevel', 'classification', 'provider', 'origin', 'krTech', 'usCet', 'language', 'availableTo', 'purpose'] as const;
export type CatalogFilter = (typeof CATALOG_FILTERS)[number];

/** Everything that decides which catalogue page is shown. */
export interface CatalogQuery {
  q: string;
  page: number;
  sort: CatalogSort;
  filters: Partial<Record<CatalogFilter, string[]>>;
}

export const CATALOG_PAGE_SIZE = 20;

/** The sort used when the URL names none: relevance for a text search, newest first for browsing. */
export function defaultSort(q: string): CatalogSort {
  return q.trim() ? 'relevance' : 'newest';
}

/** The sorts that make sense for a query (no relevance without words to be relevant to). */
export function sortsFor(q: string): readonly CatalogSort[] {
  return q.trim() ? CATALOG_SORTS : CATALOG_SORTS.filter((s) => s !== 'relevance');
}

/** Reads a catalogue query from URL parameters, ignoring malformed values. */
export function parseCatalogQuery(params: URLSearchParams): CatalogQuery {
  const page = Number(params.get('page'));
  const q = (params.get('q') ?? '').trim();
  const sort = params.get('sort') ?? '';
  const filters: CatalogQuery['filters'] = {};
  for (const name of CATALOG_FILTERS) {
    const values = [...new Set(params.getAll(name).filter(Boolean))];
    if (values.length) filters[name] = values;
  }
  return {
    q,
    page: Number.isInteger(page) && page >= 1 ? page : 1,
    sort: (sortsFor(q) as readonly string[]).includes(sort) ? (sort as CatalogSort) : defaultSort(q),
    filters,
  };
}

/** Writes a catalogue query into a copy of `params`, leaving defaults out and unrelated parameters alone. */
export function writeCatalogQuery(params: URLSearchParams, query: CatalogQuery): URLSearchParams {
  const next = new URLSearchParams(params);
  for (const name of ['q', 'page', 'sort', ...CATALOG_FILTERS]) next.delete(name);
  const q = query.q.trim();
  if (q) next.set('q', q);
  for (const name of CATALOG_FILTERS) for (const v of query.filters[name] ?? []) next.append(name, v);
  // A relevance sort without words falls back to the default, so it is not written either.
  if (query.sort !== defaultSort(q) && (sortsFor(q) as readonly string[]).includes(query.sort)) next.set('sort', query.sort);
  if (query.page > 1) next.set('page', String(query.page));
  return next;
}

/** The API path of a catalogue query. */
export function catalogApiPath(query: CatalogQuery, pageSize = CATALOG_PAGE_SIZE): string {
  const p = new URLSearchParams();
  if (query.q) p.set('q', query.q);
  for (const name of CATALOG_FILTERS) for (const v of query.filters[name] ?? []) p.append(name, v);
  p.set('sort', query.sort);
  p.set('page', String(query.page));
  p.set('pageSize', String(pageSize));
  return `/datasets?${p.toString()}`;
}

/** The filters with `value` of facet `name` added when absent or removed when present. */
export function toggleFilter(filters: CatalogQuery['filters'], name: CatalogFilter, value: string): CatalogQuery['filters'] {
  const current = filters[name] ?? [];
  const values = current.includes(value) ? current.filter((v) => v !== value) : [...current, value];
  const next = { ...filters };
  if (values.length) next[name] = values;
  else delete next[name];
  return next;
}

/** One selected filter value, in the order the chips show them. */
export interface ActiveFilter {
  name: CatalogFilter;
  value: string;
}

/** Every selected filter value, facet by facet in `CATALOG_FILTERS` order. */
export function activeFilters(filters: CatalogQuery['filters']): ActiveFilter[] {
  return CATALOG_FILTERS.flatMap((name) => (filters[name] ?? []).map((value) => ({ name, value })));
}

/**
 * `base` changed by `patch`. Anything but a page change goes back to page 1, because the old page
 * number means nothing for a new result set; a new text query keeps a sort the user chose but
 * otherwise takes the new default (relevance when words arrive, newest when they go).
 */
export function mergeCatalogQuery(base: CatalogQuery, patch: Partial<CatalogQuery>): CatalogQuery {
  const merged: CatalogQuery = { ...base, ...patch, page: patch.page ?? 1 };
  if (patch.q !== undefined && patch.sort === undefined && base.sort === defaultSort(base.q)) merged.sort = defaultSort(patch.q);
  return merged;
}

/**
 * The URL (path and search) of a text search from anywhere: on the catalogue the current filters
 * stay and the words are replaced; elsewhere a fresh catalogue search. `lang` is always kept.
 */
export function searchUrl(pathname: string, search: string, q: string): string {
  const current = new URLSearchParams(search);
  if (pathname === '/') return `/?${writeCatalogQuery(current, mergeCatalogQuery(parseCatalogQuery(current), { q })).toString()}`;
  const next = new URLSearchParams();
  const lang = current.get('lang');
  if (lang) next.set('lang', lang);
  return `/?${writeCatalogQuery(next, mergeCatalogQuery(parseCatalogQuery(next), { q })).toString()}`;
}

/**
 * The catalogue query of the current URL and a setter (see `mergeCatalogQuery`). A change shows at
 * once, before the router has committed the new URL, so a ticked checkbox never flips back for a
 * frame; the URL stays the source of truth (Back, shared links).
 */
export function useCatalogQuery() {
  const [params, setParams] = useSearchParams();
  const fromUrl = useMemo(() => parseCatalogQuery(params), [params]);
  // Changes made since the URL last changed (a ref too, so two quick clicks build on each other).
  const [pending, setPending] = useState<CatalogQuery | null>(null);
  const pendingRef = useRef<CatalogQuery | null>(null);
  useEffect(() => {
    pendingRef.current = null;
    setPending(null);
  }, [fromUrl]);
  // Back/Forward: the URL wins. (When a change's navigation had not rendered yet, going back can land
  // on the URL already shown, so `fromUrl` would not change and the change would stick.)
  useEffect(() => {
    const drop = () => {
      pendingRef.current = null;
      setPending(null);
    };
    // (globalThis: this module is also type-checked with the server's settings, which have no DOM.)
    const target = globalThis as unknown as Pick<EventTarget, 'addEventListener' | 'removeEventListener'>;
    target.addEventListener('popstate', drop);
    return () => target.removeEventListener('popstate', drop);
  }, []);
  const query = pending ?? fromUrl;
  const setQuery = useCallback(
    (patch: Partial<CatalogQuery>) => {
      const next = mergeCatalogQuery(pendingRef.current ?? fromUrl, patch);
      pendingRef.current = next;
      setPending(next);
      setParams((current) => writeCatalogQuery(current, next));
    },
    [setParams, fromUrl],
  );
  /** The URL search string of a query, for links (e.g. "back to page 1"). */
  const hrefFor = useCallback(
    (patch: Partial<CatalogQuery>) => `?${writeCatalogQuery(params, mergeCatalogQuery(query, patch)).toString()}`,
    [params, query],
  );
  return { query, setQuery, hrefFor };
}
