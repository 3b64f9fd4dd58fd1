// The catalogue's query lives in the URL (?page=&sort=, later ?q= and facet filters), so results
// can be bookmarked, shared and restored with Back; other parameters such as ?lang= are kept.
import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';

/** Sort orders the catalogue offers now; `relevance` joins when free-text search arrives. */
export const CATALOG_SORTS = ['newest', 'title'] as const;
export type CatalogSort = (typeof CATALOG_SORTS)[number];

/** Facet filters of `GET /datasets` (DESIGN §6), each repeatable in the URL. */
export const CATALOG_FILTERS = ['modality', 'task', 'license', 'accessLevel', 'classification', 'provider', 'krTech', 'usCet', 'language', 'availableTo', 'purpose'] as const;
export type CatalogFilter = (typeof CATALOG_FILTERS)[number];

/** Everything that decides which catalogue page is shown. */
export interface CatalogQuery {
  q: string;
  page: number;
  sort: CatalogSort;
  filters: Partial<Record<CatalogFilter, string[]>>;
}

export const CATALOG_PAGE_SIZE = 20;
const DEFAULT_SORT: CatalogSort = 'newest';

/** Reads a catalogue query from URL parameters, ignoring malformed values. */
export function parseCatalogQuery(params: URLSearchParams): CatalogQuery {
  const page = Number(params.get('page'));
  const sort = params.get('sort');
  const filters: CatalogQuery['filters'] = {};
  for (const name of CATALOG_FILTERS) {
    const values = params.getAll(name).filter(Boolean);
    if (values.length) filters[name] = values;
  }
  return {
    q: (params.get('q') ?? '').trim(),
    page: Number.isInteger(page) && page >= 1 ? page : 1,
    sort: (CATALOG_SORTS as readonly string[]).includes(sort ?? '') ? (sort as CatalogSort) : DEFAULT_SORT,
    filters,
  };
}

/** Writes a catalogue query into a copy of `params`, leaving defaults out and unrelated parameters alone. */
export function writeCatalogQuery(params: URLSearchParams, query: CatalogQuery): URLSearchParams {
  const next = new URLSearchParams(params);
  for (const name of ['q', 'page', 'sort', ...CATALOG_FILTERS]) next.delete(name);
  if (query.q) next.set('q', query.q);
  for (const name of CATALOG_FILTERS) for (const v of query.filters[name] ?? []) next.append(name, v);
  if (query.sort !== DEFAULT_SORT) next.set('sort', query.sort);
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

/**
 * The catalogue query of the current URL and a setter. Changing anything but the page goes back
 * to page 1, because the old page number means nothing for a new result set.
 */
export function useCatalogQuery() {
  const [params, setParams] = useSearchParams();
  const query = useMemo(() => parseCatalogQuery(params), [params]);
  const setQuery = useCallback(
    (patch: Partial<CatalogQuery>) => {
      setParams((current) => {
        const base = parseCatalogQuery(current);
        const merged: CatalogQuery = { ...base, ...patch, page: patch.page ?? 1 };
        return writeCatalogQuery(current, merged);
      });
    },
    [setParams],
  );
  /** The URL search string of a query, for links (e.g. "back to page 1"). */
  const hrefFor = useCallback((patch: Partial<CatalogQuery>) => `?${writeCatalogQuery(params, { ...query, ...patch, page: patch.page ?? 1 }).toString()}`, [params, query]);
  return { query, setQuery, hrefFor };
}
