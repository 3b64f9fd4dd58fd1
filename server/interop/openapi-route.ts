import { depsOf } from '../http/deps';
import { route, type RouteDef } from '../http/route';
import { openApiDocument } from './openapi';

/**
 * `GET /openapi.json` for a route table. The table is passed in (server/routes.ts hands over its
 * own), so this module never imports the table that lists it.
 */
export function openApiRoute(routes: () => readonly RouteDef[]): RouteDef {
  return route({
    method: 'get',
    path: '/openapi.json',
    permission: 'public',
    tag: 'interoperability',
    summary: 'This API as an OpenAPI 3.1 document, generated from the route table and the JSON Schemas',
    response: 'interop.openapi',
    async handler(req, res) {
      res.json(openApiDocument(depsOf(req).config.publicUrl, routes()));
    },
  });
}
