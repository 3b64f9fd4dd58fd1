import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '../../../server/i18n/locales');

function flatten(obj: unknown, prefix = ''): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(obj as Record<string, unknown>)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'string') out[key] = v;
    else Object.assign(out, flatten(v, key));
  }
  return out;
}
// `{{version, 로}}` (a Korean particle formatter) interpolates `version` too.
const vars = (s: string) => [...new Set([...s.matchAll(/\{\{\s*(\w+)\s*(?:,[^}]*)?\}\}/g)].map((m) => m[1]))].sort();

describe('server i18n resources', () => {
  const namespaces = readdirSync(path.join(root, 'en')).filter((f) => f.endsWith('.json'));
  it('has the same namespaces in ko and en', () => {
    expect(readdirSync(path.join(root, 'ko')).filter((f) => f.endsWith('.json')).sort()).toEqual(namespaces.sort());
  });
  for (const ns of namespaces) {
    it(`${ns}: same keys, same interpolation variables, no empty values`, () => {
      const en = flatten(JSON.parse(readFileSync(path.join(root, 'en', ns), 'utf8')));
      const ko = flatten(JSON.parse(readFileSync(path.join(root, 'ko', ns), 'utf8')));
      expect(Object.keys(ko).sort()).toEqual(Object.keys(en).sort());
      for (const key of Object.keys(en)) {
        expect(en[key].trim(), `en ${key}`).not.toBe('');
        expect(ko[key].trim(), `ko ${key}`).not.toBe('');
        expect(vars(ko[key]), `variables of ${key}`).toEqual(vars(en[key]));
      }
    });
  }

  it('every error code thrown in server code has a title and detail', () => {
    const en = JSON.parse(readFileSync(path.join(root, 'en', 'errors.json'), 'utf8')) as Record<string, unknown>;
    const extra = namespaces.filter((n) => n.startsWith('errors-')).map((n) => JSON.parse(readFileSync(path.join(root, 'en', n), 'utf8')) as Record<string, unknown>);
    const known = new Set([...Object.keys(en), ...extra.flatMap((e) => Object.keys(e))]);
    const srcRoot = path.resolve(__dirname, '../../../server');
    const files: string[] = [];
    const walk = (d: string) => {
      for (const e of readdirSync(d, { withFileTypes: true })) {
        if (e.isDirectory()) walk(path.join(d, e.name));
        else if (e.name.endsWith('.ts')) files.push(path.join(d, e.name));
      }
    };
    walk(srcRoot);
    const codes = new Set<string>();
    for (const f of files) {
      const src = readFileSync(f, 'utf8');
      for (const m of src.matchAll(/\b(?:badRequest|forbidden|notFound|conflict|unprocessable|serviceUnavailable)\('([a-z_]+)'/g)) codes.add(m[1]);
      for (const m of src.matchAll(/new AppError\(\d+, '([a-z_]+)'/g)) codes.add(m[1]);
    }
    expect(codes.size).toBeGreaterThan(10);
    for (const c of codes) expect(known.has(c), `missing errors.json entry for ${c}`).toBe(true);
  });
});
