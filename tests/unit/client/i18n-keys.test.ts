// Every translation key the client asks for exists in the English resources of its namespace, so
// no page ever shows a raw key. A call's namespace is its `ns:` prefix, else the `useTranslation`
// that bound its `t` (with its keyPrefix), else i18next's default namespace `common`. Keys built at
// run time (`t(`demo.roles.${role}`)`) are checked by their fixed head.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { CLIENT_SRC, flatResources, namespaces, PLURAL_SUFFIX, sourceFiles } from './locales';

const DEFAULT_NS = 'common';

interface Binding {
  /** Namespace of the `t`, or null when `t` came from elsewhere (a parameter): then only `ns:` keys can be checked. */
  ns: string | null;
  keyPrefix: string;
}

interface KeyUse {
  file: string;
  line: number;
  ns: string | null;
  /** The full key, or the fixed head of a computed key. */
  key: string;
  computed: boolean;
}

function stringValue(node: ts.Node | undefined): string | undefined {
  if (node && (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node))) return node.text;
  return undefined;
}

/** The `useTranslation(ns, { keyPrefix })` call a declaration initialises from, if any. */
function useTranslationBinding(init: ts.Expression | undefined): Binding | undefined {
  if (!init || !ts.isCallExpression(init) || !ts.isIdentifier(init.expression) || init.expression.text !== 'useTranslation')
    return undefined;
  const [nsArg, opts] = init.arguments;
  let ns = stringValue(nsArg) ?? DEFAULT_NS;
  if (nsArg && ts.isArrayLiteralExpression(nsArg)) ns = stringValue(nsArg.elements[0]) ?? DEFAULT_NS;
  let keyPrefix = '';
  if (opts && ts.isObjectLiteralExpression(opts)) {
    for (const p of opts.properties)
      if (ts.isPropertyAssignment(p) && p.name.getText() === 'keyPrefix') keyPrefix = stringValue(p.initializer) ?? '';
  }
  return { ns, keyPrefix };
}

/** Finds what the identifier `name` used at `from` is bound to: a useTranslation result, a parameter, or nothing known. */
function resolveT(name: string, from: ts.Node): Binding | 'parameter' | undefined {
  for (let scope: ts.Node | undefined = from.parent; scope; scope = scope.parent) {
    if (ts.isFunctionLike(scope)) {
      for (const p of scope.parameters)
        if (p.name.getText() === name || (ts.isObjectBindingPattern(p.name) && p.name.elements.some((e) => e.name.getText() === name)))
          return 'parameter';
    }
    if (ts.isBlock(scope) || ts.isSourceFile(scope)) {
      for (const stmt of scope.statements) {
        if (!ts.isVariableStatement(stmt)) continue;
        for (const decl of stmt.declarationList.declarations) {
          const binding = useTranslationBinding(decl.initializer);
          if (!binding) continue;
          if (ts.isObjectBindingPattern(decl.name)) {
            for (const el of decl.name.elements) {
              const local = el.name.getText();
              const prop = el.propertyName?.getText() ?? local;
              if (local === name && prop === 't') return binding;
            }
          }
        }
      }
    }
  }
  return undefined;
}

/** Every literal translation key of a source file, with the namespace it is looked up in. */
function keyUses(file: string, source = readFileSync(file, 'utf8')): KeyUse[] {
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, file.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const out: KeyUse[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isCallExpression(node) && node.arguments.length > 0) {
      const callee = node.expression;
      // t('k'), tx('k') bound from useTranslation, i18n.t('k').
      let binding: Binding | 'parameter' | undefined;
      if (ts.isIdentifier(callee)) binding = resolveT(callee.text, node);
      else if (
        ts.isPropertyAccessExpression(callee) &&
        callee.name.text === 't' &&
        ts.isIdentifier(callee.expression) &&
        callee.expression.text === 'i18n'
      )
        binding = { ns: DEFAULT_NS, keyPrefix: '' };
      if (binding) {
        const arg = node.arguments[0];
        let key = stringValue(arg);
        let computed = false;
        if (key === undefined && ts.isTemplateExpression(arg)) {
          key = arg.head.text;
          computed = true;
        }
        if (key !== undefined) {
          // { ns: 'x' } in the options overrides the bound namespace.
          let ns: string | null = binding === 'parameter' ? null : binding.ns;
          const prefix = binding === 'parameter' ? '' : binding.keyPrefix;
          const opts = node.arguments[1];
          if (opts && ts.isObjectLiteralExpression(opts)) {
            for (const p of opts.properties)
              if (ts.isPropertyAssignment(p) && p.name.getText() === 'ns') ns = stringValue(p.initializer) ?? ns;
          }
          const sep = key.indexOf(':');
          if (sep > 0 && /^[\w-]+$/.test(key.slice(0, sep))) {
            ns = key.slice(0, sep);
            key = key.slice(sep + 1);
          } else if (prefix) key = `${prefix}.${key}`;
          const line = sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1;
          out.push({ file: path.relative(path.resolve(CLIENT_SRC, '../..'), file), line, ns, key, computed });
        }
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out;
}

describe('translation keys used by the client', () => {
  const known = new Map<string, Set<string>>();
  for (const ns of namespaces('en')) known.set(ns, new Set(Object.keys(flatResources('en', ns))));

  const exists = (ns: string, key: string, computed: boolean): boolean => {
    const keys = known.get(ns);
    if (!keys) return false;
    if (computed) return key === '' || [...keys].some((k) => k.startsWith(key));
    if (keys.has(key)) return true;
    // A plural key is used by its base name (t('items', { count })).
    return [...keys].some((k) => PLURAL_SUFFIX.test(k) && k.replace(PLURAL_SUFFIX, '') === key);
  };

  it('resolves namespaces the way i18next does', () => {
    const sample = [
      "import { useTranslation } from 'react-i18next';",
      'function A() {',
      "  const { t } = useTranslation('account');",
      "  return t('signIn.title') + t('common:nav.label') + t(`demo.roles.${x}`);",
      '}',
      'function B({ t }) { return t("x.y") + t("validation:required"); }',
      "function C() { const { t: tx } = useTranslation('account', { keyPrefix: 'tokens' }); return tx('copy'); }",
      "function D() { const { t } = useTranslation(); return t('nav.skip'); }",
    ].join('\n');
    const uses = keyUses(path.join(CLIENT_SRC, 'sample.tsx'), sample).map((u) => `${u.ns}:${u.key}${u.computed ? '*' : ''}`);
    expect(uses).toEqual([
      'account:signIn.title',
      'common:nav.label',
      'account:demo.roles.*',
      'null:x.y',
      'validation:required',
      'account:tokens.copy',
      'common:nav.skip',
    ]);
  });

  it('finds every literal key in the English resources of its namespace', () => {
    const uses = sourceFiles(CLIENT_SRC, ['.ts', '.tsx']).flatMap((f) => keyUses(f));
    expect(uses.length).toBeGreaterThan(50);
    const missing = uses
      .filter((u) => u.ns !== null && !exists(u.ns, u.key, u.computed))
      .map((u) => `${u.file}:${u.line}  ${u.ns}:${u.key}${u.computed ? '…' : ''}${known.has(u.ns!) ? '' : ' (no such namespace)'}`);
    expect(missing).toEqual([]);
  });
});
