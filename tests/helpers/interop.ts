// Validators for the interoperability exports: the JSON Schemas shipped in tests/fixtures/interop
// (written from the specifications) and JSON-LD expansion without any network access.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import jsonld from 'jsonld';

const FIXTURES = path.resolve(__dirname, '../fixtures/interop');

/** A fixture file parsed as JSON. */
export function fixture(name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(path.join(FIXTURES, name), 'utf8')) as Record<string, unknown>;
}

const ajv = new Ajv({ allErrors: true, strict: false });
addFormats(ajv);

/** Validates `data` against a fixture schema; returns AJV's error list ([] when valid). */
export function schemaViolations(schemaFile: string, data: unknown): string[] {
  const check = ajv.getSchema(fixture(schemaFile).$id as string) ?? ajv.compile(fixture(schemaFile));
  if (check(data)) return [];
  return (check.errors ?? []).map((e) => `${e.instancePath} ${e.message} ${JSON.stringify(e.params)}`);
}

// Remote contexts the exports name, served from fixtures. Anything else fails: no network.
const LOCAL_CONTEXTS: Record<string, string> = {
  'https://schema.org/': 'schema-org-context.jsonld',
  'https://schema.org': 'schema-org-context.jsonld',
};

/** JSON-LD expansion with a document loader that never leaves the machine. */
export async function expandLocally(doc: unknown): Promise<Array<Record<string, unknown>>> {
  return jsonld.expand(doc, {
    documentLoader: async (url: string) => {
      const file = LOCAL_CONTEXTS[url];
      if (!file) throw new Error(`no network in tests: refused to load ${url}`);
      return { contextUrl: null, documentUrl: url, document: fixture(file) };
    },
  });
}

/** Every `@type` IRI anywhere in an expanded JSON-LD document. */
export function expandedTypes(expanded: unknown): Set<string> {
  const out = new Set<string>();
  const walk = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      for (const [k, v] of Object.entries(node)) {
        if (k === '@type') (Array.isArray(v) ? v : [v]).forEach((t) => out.add(String(t)));
        else walk(v);
      }
    }
  };
  walk(expanded);
  return out;
}
