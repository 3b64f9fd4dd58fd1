import * as taxonomy from '../../schemas/taxonomy';
import { crosswalk } from './crosswalk';
import { glossary } from './glossary';
import { route } from '../http/route';

/** Every exported enumeration of schemas/taxonomy (arrays of `{ code, label }`), keyed by a camelCase name. */
function enumerations(): Record<string, unknown[]> {
  const out: Record<string, unknown[]> = {};
  for (const [name, value] of Object.entries(taxonomy)) {
    if (!Array.isArray(value) || value.length === 0) continue;
    const first = value[0] as { code?: unknown; label?: unknown };
    if (typeof first !== 'object' || first === null || typeof first.code !== 'string' || typeof first.label !== 'object') continue;
    const key = name.toLowerCase().replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase());
    out[key] = value as unknown[];
  }
  return out;
}

const body = { ...enumerations(), crosswalk, glossary };

export const taxonomyRoutes = [
  route({
    method: 'get',
    path: '/taxonomies',
    permission: 'public',
    response: { schema: 'taxonomies.all', headers: { 'Cache-Control': true } },
    tag: 'taxonomies',
    summary: 'Every enumeration with Korean and English labels, the KR↔US technology crosswalk and the ko↔en glossary',
    handler(_req, res) {
      res.set('Cache-Control', 'public, max-age=300').json(body);
    },
  }),
];
