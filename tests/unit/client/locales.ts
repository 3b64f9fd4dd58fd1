// Shared by the client quality gates: the locale resources and the client's source files.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const CLIENT_SRC = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../client/src');
export const LOCALES_DIR = path.join(CLIENT_SRC, 'locales');
export const LANGS = ['ko', 'en'] as const;

/** Plural suffixes i18next adds to a key (Intl.PluralRules categories). */
export const PLURAL_SUFFIX = /_(zero|one|two|few|many|other)$/;

/** The namespaces (file names without .json) present for `lang`. */
export function namespaces(lang: string): string[] {
  return readdirSync(path.join(LOCALES_DIR, lang))
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.slice(0, -5))
    .sort();
}

/** The resource file of `lang`/`ns`, flattened to dotted keys → values (non-strings kept as they are). */
export function flatResources(lang: string, ns: string): Record<string, unknown> {
  const data = JSON.parse(readFileSync(path.join(LOCALES_DIR, lang, `${ns}.json`), 'utf8')) as unknown;
  const out: Record<string, unknown> = {};
  const walk = (value: unknown, prefix: string) => {
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      for (const [k, v] of Object.entries(value)) walk(v, prefix ? `${prefix}.${k}` : k);
    } else out[prefix] = value;
  };
  walk(data, '');
  return out;
}

/** The `{{variables}}` a message interpolates (formats like `{{n, number}}` count as `n`), sorted and unique. */
export function variables(message: string): string[] {
  return [...new Set([...message.matchAll(/\{\{\s*([\w.]+)\s*(?:,[^}]*)?\}\}/g)].map((m) => m[1]))].sort();
}

/** Every file under `dir` whose name ends with one of `exts`. */
export function sourceFiles(dir: string, exts: string[]): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) {
        if (e.name !== 'locales' && e.name !== 'node_modules') walk(p);
      } else if (exts.some((x) => e.name.endsWith(x)) && !e.name.endsWith('.d.ts')) out.push(p);
    }
  };
  walk(dir);
  return out.sort();
}
