import type { Request, Response } from 'express';
import { AppError, notFound } from './errors';
import type { RouteDef } from './route';

/** An Express path (`/datasets/:id`) as a matcher of request paths (case-insensitive, optional trailing slash, as the router). */
function matcherOf(path: string): RegExp {
  const pattern = path
    .split('/')
    .map((segment) => (segment.startsWith(':') ? '[^/]+' : segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('/');
  return new RegExp(`^${pattern}/?$`, 'i');
}

/**
 * The last handler of the API router: a path some route serves with other methods answers 405
 * with `Allow` (RFC 9110 §15.5.6; GET implies HEAD), any other path 404 `route_not_found`.
 */
export function unmatchedRoute(defs: readonly RouteDef[]) {
  const matchers = defs.map((def) => ({ method: def.method.toUpperCase(), match: matcherOf(def.path) }));
  return (req: Request, _res: Response): never => {
    const methods = new Set(matchers.filter((m) => m.match.test(req.path)).map((m) => m.method));
    if (methods.size === 0) throw notFound('route_not_found');
    if (methods.has('GET')) methods.add('HEAD');
    const allow = [...methods].join(', ');
    throw new AppError(405, 'method_not_allowed', { method: req.method, allow }, undefined, undefined, { Allow: allow });
  };
}
