import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import standaloneCode from 'ajv/dist/standalone';
import path from 'node:path';
import type { Plugin } from 'vite';
import { ERROR_CODES_KEYWORD, SCHEMAS } from '../schemas/ajv';

const FIELD_ERRORS = path.resolve(import.meta.dirname, '../schemas/field-errors.ts');

const SCHEMAS_AJV = path.resolve(import.meta.dirname, '../schemas/ajv.ts');
const FACADE = '\0kdb-validators';
const STANDALONE = '\0kdb-validators-standalone';

/**
 * The browser gets the shared JSON Schemas as validators compiled at build time (AJV standalone
 * code), because the app's Content-Security-Policy forbids the `new Function` AJV needs to compile
 * at run time. Imports of schemas/ajv from client code resolve to a facade with the same API.
 */
export function precompiledValidators(): Plugin {
  return {
    name: 'kdb-precompiled-validators',
    enforce: 'pre',
    async resolveId(source, importer, options) {
      if (source === FACADE || source === STANDALONE) return source;
      if (importer === FACADE) return null;
      const resolved = await this.resolve(source, importer, { ...options, skipSelf: true });
      if (resolved && resolved.id.split('?')[0] === SCHEMAS_AJV && importer && !importer.startsWith('\0')) {
        // Imports of schemas/ajv from within schemas/ itself stay real; client imports get the facade.
        if (!path.resolve(importer).startsWith(path.dirname(SCHEMAS_AJV) + path.sep)) return FACADE;
      }
      return null;
    },
    load(id) {
      if (id === FACADE) {
        const names = SCHEMAS.map((s, i) => `  ${JSON.stringify(s.$id)}: v${i},`).join('\n');
        return [
          // No import of schemas/ajv.ts here: constructing AJV validates schemas with generated code.
          `import { toFieldErrors } from ${JSON.stringify(FIELD_ERRORS)};`,
          `export { ERROR_CODES_KEYWORD, toFieldErrors } from ${JSON.stringify(FIELD_ERRORS)};`,
          `import { ${SCHEMAS.map((_, i) => `v${i}`).join(', ')} } from ${JSON.stringify(STANDALONE)};`,
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
        ].join('\n');
      }
      if (id === STANDALONE) {
        // Same options as schemas/ajv.ts, except `unicode: false`: string lengths count UTF-16
        // units in the browser (the server, which decides, counts code points).
        const ajv = new Ajv({ allErrors: true, strict: true, strictRequired: false, verbose: true, unicode: false, code: { source: true, esm: true } });
        addFormats(ajv);
        ajv.addKeyword({ keyword: ERROR_CODES_KEYWORD, schemaType: 'object' });
        for (const schema of SCHEMAS) ajv.addSchema(schema);
        const exports = Object.fromEntries(SCHEMAS.map((s, i) => [`v${i}`, s.$id]));
        const code = standaloneCode(ajv, exports);
        // Standalone code still `require`s ajv-formats' format table; hand it over as an import.
        return `import { fullFormats as __fullFormats } from 'ajv-formats/dist/formats';\n${code.replaceAll('require("ajv-formats/dist/formats")', '({ fullFormats: __fullFormats })')}`;
      }
      return null;
    },
  };
}
