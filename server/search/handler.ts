// `GET /datasets` in catalogue mode and `GET /datasets/suggest`: request in, index query, response out.
import type { Request } from 'express';
import { Types } from 'mongoose';
import { validate } from '../../schemas/ajv';
import { activeGrantsByDataset } from '../access/grants';
import { AppError } from '../http/errors';
import { listQuery } from '../http/route';
import { requesterOf } from '../policy/requester';
import type { Purpose } from '../policy/types';
import type { Lang } from '../i18n';
import type { QueryUnit } from './analyze';
import type { SearchHit, SearchParams } from './catalog-index';
import { explainHit, otherLanguageTerms } from './explain';
import { catalogIndex } from './registry';
import { FACETS } from './types';
import { viewerOf } from './visibility';

const LIST_PARAMS = [...FACETS, 'availableTo', 'purpose'] as const;
function numberOrRaw(v: unknown): unknown {
  return typeof v === 'string' && /^\d{1,9}$/.test(v) ? Number(v) : v;
}

/** Reads and validates the search parameters; 400 naming each bad parameter. */
export function parseSearch(req: Request): SearchParams {
  const raw: Record<string, unknown> = {};
  if (req.query.q !== undefined) raw.q = req.query.q;
  for (const name of LIST_PARAMS) if (req.query[name] !== undefined) raw[name] = listQuery(req, name);
  if (req.query.sort !== undefined) raw.sort = req.query.sort;
  if (req.query.page !== undefined) raw.page = numberOrRaw(req.query.page);
  if (req.query.pageSize !== undefined) raw.pageSize = numberOrRaw(req.query.pageSize);
  const result = validate('datasets.search', raw);
  if (!result.ok) {
    const errors = result.errors.map((e) => ({ ...e, path: `/query${e.path.replace(/\/\d+$/, '')}` }));
    throw new AppError(400, 'validation_failed', { count: errors.length }, errors);
  }
  const v = result.value;
  const q = (v.q ?? '').trim();
  const sort = v.sort === 'updated' || !v.sort ? (q ? 'relevance' : 'newest') : v.sort;
  return {
    q,
    filters: Object.fromEntries(FACETS.map((f) => [f, (v[f] as string[] | undefined) ?? []])),
    availableTo: v.availableTo ?? [],
    purposes: (v.purpose ?? []) as Purpose[],
    sort,
    lang: req.ctx.lang,
    page: v.page ?? 1,
    pageSize: v.pageSize ?? 50,
  };
}

/** A result of a text query with why it matched (docs/search.md, "Precision"). */
function explainedHit(h: SearchHit, units: QueryUnit[], corrections: Array<{ from: string; to: string }>, lang: Lang) {
  return { ...h.entry.item, score: Math.round(h.score * 1000) / 1000, partialMatch: h.partial, ...explainHit(h.entry, units, h.vias, corrections, lang) };
}

/** Runs a catalogue search for the request's caller. */
export async function searchCatalog(req: Request) {
  const params = parseSearch(req);
  const index = catalogIndex();
  await index.ready();
  const user = req.ctx.user;
  const grants = user && params.purposes.length ? await activeGrantsByDataset(user.id) : new Map();
  const providerIds = new Map<string, Types.ObjectId>();
  const result = index.search(params, {
    viewer: viewerOf(user),
    requester(entry) {
      let pid = providerIds.get(entry.providerId);
      if (!pid) providerIds.set(entry.providerId, (pid = new Types.ObjectId(entry.providerId)));
      return requesterOf(user, pid, grants.get(entry.id) ?? []);
    },
  });
  const items = result.hits.map((h) => (params.q ? explainedHit(h, result.units, result.corrections, params.lang) : h.entry.item));
  const facets = {
    ...result.facets,
    provider: result.facets.provider.map((f) => ({ ...f, label: index.providerName(f.value) })),
  };
  return {
    items,
    total: result.total,
    page: params.page,
    pageSize: params.pageSize,
    facets,
    query: {
      q: params.q,
      sort: params.sort,
      relaxed: result.relaxed,
      partial: result.partial,
      corrections: result.corrections,
      alternatives: params.q ? otherLanguageTerms(params.q, result.units) : [],
    },
  };
}

/** Autocomplete suggestions for what the caller has typed so far. */
export async function suggest(req: Request) {
  const q = typeof req.query.q === 'string' ? req.query.q.slice(0, 100) : '';
  const index = catalogIndex();
  await index.ready();
  return { items: index.suggest(q, viewerOf(req.ctx.user)) };
}
