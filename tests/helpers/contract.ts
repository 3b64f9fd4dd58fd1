// Checks real answers against the OpenAPI document the app serves: the operation is found by
// method and path, the response by status (or `default`), the schema by media type, and the body
// is validated with AJV (JSON Schema 2020-12, as OpenAPI 3.1 declares).
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import type { Res } from './app';

type Doc = Record<string, any>;

/** A checker of responses against one OpenAPI document. */
export function contractOf(doc: Doc) {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addSchema({ $id: 'openapi', components: doc.components });
  const templates = Object.keys(doc.paths).map((p) => ({
    path: p,
    params: (p.match(/\{/g) ?? []).length,
    match: new RegExp(`^${p.replace(/\{[^}]+\}/g, '[^/]+')}$`),
  }));

  const deref = (node: any): any =>
    node?.$ref
      ? deref(
          node.$ref
            .replace(/^#\//, '')
            .split('/')
            .reduce((n: any, k: string) => n?.[k], doc),
        )
      : node;

  /** The operation serving `method url` (literal segments win over parameters, as the router orders them). */
  function operationOf(method: string, url: string): { path: string; op: any } | null {
    const path = new URL(url, 'http://x').pathname.replace(/^\/api\/v1/, '');
    const found = templates
      .filter((t) => t.match.test(path) && doc.paths[t.path][method.toLowerCase()])
      .sort((a, b) => a.params - b.params)[0];
    return found ? { path: found.path, op: doc.paths[found.path][method.toLowerCase()] } : null;
  }

  /** Problems of one answer against the document (empty when it conforms). */
  function problems(method: string, url: string, res: Res): string[] {
    const found = operationOf(method, url);
    if (!found) return [`${method} ${url}: no operation`];
    const response = deref(found.op.responses[String(res.status)] ?? found.op.responses.default);
    if (!response) return [`${method} ${found.path}: status ${res.status} not documented`];
    const out: string[] = [];
    for (const [name, header] of Object.entries<any>(response.headers ?? {})) {
      if (header.required && !res.headers.get(name)) out.push(`${method} ${found.path} ${res.status}: header ${name} missing`);
    }
    if (!response.content) return out;
    const type = (res.headers.get('content-type') ?? '').split(';')[0].trim();
    const media = response.content[type];
    if (!media)
      return [
        ...out,
        `${method} ${found.path} ${res.status}: media type ${type} not documented (${Object.keys(response.content).join(', ')})`,
      ];
    const schema = media.schema?.$ref ? { $ref: `openapi${media.schema.$ref}` } : media.schema;
    const validate = ajv.compile(schema ?? {});
    if (!validate(res.body)) out.push(`${method} ${found.path} ${res.status}: ${ajv.errorsText(validate.errors, { separator: '\n  ' })}`);
    return out;
  }

  return { operationOf, problems };
}
