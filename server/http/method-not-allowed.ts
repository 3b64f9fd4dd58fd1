import type { NextFunction, Request, Response } from 'express';
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
 * The methods of the documented resource at a request path: the route paths matching it with the
 * fewest parameters (`/datasets/suggest` is its own resource, not a dataset named "suggest"),
 * GET implying HEAD. Empty when no route path matches.
 */
function allowedMethods(defs: readonly RouteDef[]) {
  const resources = new Map<string, { params: number; match: RegExp; methods: Set<string> }>();
  for (const def of defs) {
    const resource = resources.get(def.path) ?? {
      params: (def.path.match(/:/g) ?? []).length,
      match: matcherOf(def.path),
      methods: new Set<string>(),
    };
    resource.methods.add(def.method.toUpperCase());
    resources.set(def.path, resource);
  }
  const list = [...resources.values()];
  return (path: string): string[] => {
    const matching = list.filter((r) => r.match.test(path));
    if (matching.length === 0) return [];
    const fewest = Math.min(...matching.map((r) => r.params));
    const methods = new Set(matching.filter((r) => r.params === fewest).flatMap((r) => [...r.methods]));
    if (methods.has('GET')) methods.add('HEAD');
    return [...methods];
  };
}

/**
 * `OPTIONS` on an API path: 204 with the resource's `Allow` (Express would otherwise list every
 * route path that matches, e.g. a dataset's methods on `/datasets/suggest`); 404 for no resource.
 */
export function optionsRoute(defs: readonly RouteDef[]) {
  const allowed = allowedMethods(defs);
  return (req: Request, res: Response, next: NextFunction): void => {
    if (req.method !== 'OPTIONS') return next();
    const methods = allowed(req.path);
    if (methods.length === 0) throw notFound('route_not_found');
    res.set('Allow', methods.join(', ')).status(204).end();
  };
}

/**
 * The last handler of the API router: a path some route serves with other methods answers 405
 * with `Allow` (RFC 9110 §15.5.6), any other path 404 `route_not_found`.
 */
export function unmatchedRoute(defs: readonly RouteDef[]) {
  const allowed = allowedMethods(defs);
  return (req: Request, _res: Response): never => {
    const methods = allowed(req.path);
    if (methods.length === 0) throw notFound('route_not_found');
    const allow = methods.join(', ');
    throw new AppError(405, 'method_not_allowed', { method: req.method, allow }, undefined, undefined, { Allow: allow });
  };
}
