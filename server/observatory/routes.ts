// The public technology-area observatory (docs/observatory.md): authenticate (optional), read and
// check the filter, answer the cached figures of the caller's visibility tier.
import type { Request } from 'express';
import { badRequest } from '../http/errors';
import { route } from '../http/route';
import type { Interval, Origin } from './aggregate';
import { observatoryFor, OBSERVATORY_TTL_MS, type ObservatoryFilter } from './compute';

const ORIGINS = ['local', 'harvested'] as const;
const INTERVALS = ['quarter', 'month'] as const;
const MONTH_PATTERN = '^[0-9]{4}-(0[1-9]|1[0-2])$';
const MONTH = new RegExp(MONTH_PATTERN);

function oneOf<T extends string>(req: Request, name: string, allowed: readonly T[]): T | null {
  const raw = req.query[name];
  if (raw === undefined || raw === '') return null;
  if (typeof raw !== 'string' || !(allowed as readonly string[]).includes(raw)) throw badRequest('invalid_query', { name });
  return raw as T;
}

/** The filter of a request; 400 invalid_query naming the parameter that is wrong. */
export function filterOf(req: Request): ObservatoryFilter {
  const origin = oneOf<Origin>(req, 'origin', ORIGINS);
  const interval = oneOf<Interval>(req, 'interval', INTERVALS) ?? 'quarter';
  const raw = req.query.from;
  let from: string | null = null;
  if (raw !== undefined && raw !== '') {
    if (typeof raw !== 'string' || !MONTH.test(raw)) throw badRequest('invalid_query', { name: 'from' });
    from = raw;
  }
  return { origin, from, interval };
}

export const observatoryRoutes = [
  route({
    method: 'get',
    path: '/observatory',
    permission: 'public',
    tag: 'observatory',
    summary:
      'Datasets per KR12 × US CET pairing, growth by first publication (or harvest), requests from US organisations per area (small counts suppressed) and the local/harvested share, counting only datasets the caller may see',
    response: { schema: 'observatory.view', headers: { 'Cache-Control': true } },
    query: {
      origin: { description: 'Count only local or only harvested datasets (the origin share ignores it).', enum: ORIGINS, allowEmpty: true },
      from: { description: 'Count datasets that appeared, and requests submitted, from this month on (YYYY-MM).', pattern: MONTH_PATTERN, allowEmpty: true },
      interval: { description: 'Growth periods: quarters (YYYY-Qn, default) or months (YYYY-MM).', enum: INTERVALS, allowEmpty: true },
    },
    async handler(req, res) {
      const body = await observatoryFor(req.ctx.user, filterOf(req));
      // Private: a member's answer counts their organisation's confidential datasets.
      res.set('Cache-Control', `private, max-age=${Math.floor(OBSERVATORY_TTL_MS / 1000)}`).json(body);
    },
  }),
];
