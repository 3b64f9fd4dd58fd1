// No user-visible text is written into the client's JSX: every word comes from i18next, so the
// Korean and English pages stay complete. Flags JSX text with letters (Hangul or Latin), string
// literals rendered as JSX children, and string literals in attributes people read or hear.
// A deliberate exception carries `i18n-ignore` (with a reason) on its line or the line above.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { CLIENT_SRC, sourceFiles } from './locales';

/** Attributes whose value is shown or announced. */
const TEXT_ATTRIBUTES = new Set([
  'aria-label',
  'aria-description',
  'aria-roledescription',
  'aria-valuetext',
  'aria-placeholder',
  'title',
  'placeholder',
  'alt',
  'label',
]);
/** Latin or Hangul letters (jamo, compatibility jamo, syllables). */
const LETTER = /[A-Za-z\u00C0-\u024F\u1100-\u11FF\u3130-\u318F\uAC00-\uD7AF]/;

interface Finding {
  file: string;
  line: number;
  text: string;
}

/** String literals an expression can evaluate to directly (through ?:, ||, ?? and &&). */
function literalsOf(expr: ts.Expression | undefined): ts.Node[] {
  if (!expr) return [];
  if (ts.isStringLiteral(expr) || ts.isNoSubstitutionTemplateLiteral(expr)) return [expr];
  if (ts.isTemplateExpression(expr)) return [expr];
  if (ts.isParenthesizedExpression(expr)) return literalsOf(expr.expression);
  if (ts.isConditionalExpression(expr)) return [...literalsOf(expr.whenTrue), ...literalsOf(expr.whenFalse)];
  if (
    ts.isBinaryExpression(expr) &&
    [ts.SyntaxKind.BarBarToken, ts.SyntaxKind.QuestionQuestionToken, ts.SyntaxKind.AmpersandAmpersandToken].includes(
      expr.operatorToken.kind,
    )
  ) {
    return [...(expr.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken ? [] : literalsOf(expr.left)), ...literalsOf(expr.right)];
  }
  return [];
}

/** The visible text of a literal node: a template's fixed parts only (its `${…}` come from elsewhere). */
function literalText(node: ts.Node): string {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (ts.isTemplateExpression(node)) return [node.head.text, ...node.templateSpans.map((s) => s.literal.text)].join(' ');
  return '';
}

/** Every user-visible literal of one .tsx file. */
function findLiterals(file: string, source = readFileSync(file, 'utf8')): Finding[] {
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const lines = source.split('\n');
  const findings: Finding[] = [];
  const report = (node: ts.Node, text: string) => {
    const line = sf.getLineAndCharacterOfPosition(node.getStart(sf)).line;
    if (/i18n-ignore/.test(lines[line] ?? '') || /i18n-ignore/.test(lines[line - 1] ?? '')) return;
    findings.push({
      file: path.relative(path.resolve(CLIENT_SRC, '../..'), file),
      line: line + 1,
      text: text.trim().replace(/\s+/g, ' ').slice(0, 80),
    });
  };
  const visit = (node: ts.Node) => {
    if (ts.isJsxText(node)) {
      if (LETTER.test(node.text)) report(node, node.text);
    } else if (ts.isJsxExpression(node) && node.parent && (ts.isJsxElement(node.parent) || ts.isJsxFragment(node.parent))) {
      // A child like {'Save'} or {busy ? 'Saving' : 'Save'}; {'·'} and {' '} are fine.
      for (const lit of literalsOf(node.expression)) if (LETTER.test(literalText(lit))) report(lit, literalText(lit));
    } else if (ts.isJsxAttribute(node)) {
      const name = node.name.getText(sf);
      if (TEXT_ATTRIBUTES.has(name) && node.initializer) {
        const lits = ts.isStringLiteral(node.initializer)
          ? [node.initializer]
          : ts.isJsxExpression(node.initializer)
            ? literalsOf(node.initializer.expression)
            : [];
        for (const lit of lits) if (LETTER.test(literalText(lit))) report(lit, `${name}="${literalText(lit)}"`);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return findings;
}

describe('client source', () => {
  it('detects the kinds of literal it is meant to catch', () => {
    const sample = [
      'export const A = () => (',
      '  <p title="Hint" aria-label={x ? "Open" : t("k")}>',
      '    Hello {"world"} {busy ? "저장 중" : t("save")} {"·"} {t("ok")}',
      '    <img alt={`Logo of ${name}`} />',
      '    {/* i18n-ignore: brand */}',
      '    <b>KDB</b>',
      '  </p>',
      ');',
    ].join('\n');
    const found = findLiterals(path.join(CLIENT_SRC, 'sample.tsx'), sample).map((f) => `${f.line}:${f.text}`);
    expect(found).toEqual(['2:title="Hint"', '2:aria-label="Open"', '3:Hello', '3:world', '3:저장 중', '4:alt="Logo of "']);
  });

  it('has no user-visible string literals in JSX (use i18next)', () => {
    const findings = sourceFiles(CLIENT_SRC, ['.tsx']).flatMap((f) => findLiterals(f));
    expect(findings.map((f) => `${f.file}:${f.line}  ${f.text}`)).toEqual([]);
  });
});
