import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import standaloneCode from 'ajv/dist/standalone';
import path from 'node:path';
import { runnerImport, type Plugin } from 'vite';
import type * as SchemasModule from '../schemas/ajv';

const FIELD_ERRORS = path.resolve(import.meta.dirname, '../schemas/field-errors.ts');

const SCHEMAS_AJV = path.resolve(import.meta.dirname, '../schemas/ajv.ts');
const FACADE = '\0kdb-validators';
// One module per schema (`\0kdb-validators-standalone:datasets.create`), so that the build can put
// them in several chunks (validatorChunkName) instead of one of over a megabyte.
const STANDALONE = '\0kdb-validators-standalone:';

/** The chunk a precompiled validator goes to: one per schema family (`validators-datasets`), else null. */
export function validatorChunkName(id: string): string | null {
  return id.startsWith(STANDALONE) ? `validators-${id.slice(STANDALONE.length).split('.')[0]}` : null;
}

/**
 * The browser gets the shared JSON Schemas as validators compiled at build time (AJV standalone
 * code), because the app's Content-Security-Policy forbids the `new Function` AJV needs to compile
 * at run time. Imports of schemas/ajv from client code resolve to a facade with the same API.
 */
export function precompiledValidators(): Plugin {
  let modules: Map<string, string> | undefined;
  return {
    name: 'kdb-precompiled-validators',
    enforce: 'pre',
    async buildStart() {
      modules ??= await generateModules();
    },
    resolveId: {
      // Only what can name schemas/ajv (`@schemas/ajv`, `../schemas/ajv.ts` …) or a module of ours.
      filter: { id: /^\0kdb-validators|(^|\/)ajv(\.ts)?$/ },
      async handler(source, importer, options) {
        if (source === FACADE || source.startsWith(STANDALONE)) return source;
        if (importer === FACADE) return null;
        const resolved = await this.resolve(source, importer, { ...options, skipSelf: true });
        if (resolved && resolved.id.split('?')[0] === SCHEMAS_AJV && importer && !importer.startsWith('\0')) {
          // Imports of schemas/ajv from within schemas/ itself stay real; client imports get the facade.
          if (!path.resolve(importer).startsWith(path.dirname(SCHEMAS_AJV) + path.sep)) return FACADE;
        }
        return null;
      },
    },
    load: {
      filter: { id: /^\0kdb-validators/ },
      handler(id) {
        return modules?.get(id) ?? null;
      },
    },
  };
}

/** The facade and every schema's standalone validator, by module id. */
async function generateModules(): Promise<Map<string, string>> {
  // schemas/ajv is loaded here through Vite's module runner rather than imported by this file:
  // Vite's config loader would otherwise bundle all of schemas/ with the config.
  const { module: schemas } = await runnerImport<typeof SchemasModule>(SCHEMAS_AJV, { configFile: false, logLevel: 'warn' });
  const { ERROR_CODES_KEYWORD, SCHEMAS } = schemas;
  // Same options as schemas/ajv.ts, so the browser decides as the server does (string lengths in
  // code points included); only the generated code's form differs.
  const ajv = new Ajv({ allErrors: true, strict: true, strictRequired: false, verbose: true, code: { source: true, esm: true } });
  addFormats(ajv);
  ajv.addKeyword({ keyword: ERROR_CODES_KEYWORD, schemaType: 'object' });
  for (const schema of SCHEMAS) ajv.addSchema(schema);

  const modules = new Map<string, string>();
  const names = SCHEMAS.map((s, i) => `  ${JSON.stringify(s.$id)}: v${i},`).join('\n');
  modules.set(
    FACADE,
    [
      // No import of schemas/ajv.ts here: constructing AJV validates schemas with generated code.
      `import { toFieldErrors } from ${JSON.stringify(FIELD_ERRORS)};`,
      `export { ERROR_CODES_KEYWORD, toFieldErrors } from ${JSON.stringify(FIELD_ERRORS)};`,
      ...SCHEMAS.map((s, i) => `import { validate as v${i} } from ${JSON.stringify(STANDALONE + s.$id)};`),
      `const byId = {\n${names}\n};`,
      'export function validate(schemaId, data) {',
      '  const check = byId[schemaId];',
      '  if (!check) throw new Error(`Unknown schema ${schemaId}`);',
      '  if (check(data)) return { ok: true, value: data };',
      '  return { ok: false, errors: toFieldErrors(check.errors) };',
      '}',
      'export function schemaErrors(schemaId, data) {',
      '  const r = validate(schemaId, data);',
      '  return r.ok ? [] : r.errors;',
      '}',
    ].join('\n'),
  );
  for (const schema of SCHEMAS) {
    const code = standaloneCode(ajv, { validate: schema.$id });
    // Standalone code still `require`s AJV's run-time helpers (the format table, ucs2length for
    // minLength/maxLength); hand each over as an import.
    const required = [...new Set(Array.from(code.matchAll(/require\("([^"]+)"\)/g), (m) => m[1]))];
    const imports = required.map((m, i) => `import * as __required${i} from ${JSON.stringify(m)};`);
    const body = required.reduce((c, m, i) => c.replaceAll(`require(${JSON.stringify(m)})`, `__required${i}`), code);
    modules.set(STANDALONE + schema.$id, [...imports, body].join('\n'));
  }
  return modules;
}
