// Accessibility check of the page as it is now, with axe-core injected into the tab.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import { ROOT, type WatchedPage } from './harness';

let source: string | undefined;

interface AxeNode {
  target: unknown[];
  html: string;
  failureSummary?: string;
}
interface AxeViolation {
  id: string;
  impact: 'minor' | 'moderate' | 'serious' | 'critical' | null;
  help: string;
  helpUrl: string;
  nodes: AxeNode[];
}

/**
 * Runs axe-core (WCAG 2.x A/AA and best practices) on the current page and fails on any `serious`
 * or `critical` violation (softly: the test goes on and fails at its end), printing each with the
 * offending elements. Returns every violation.
 */
export async function expectAccessible(w: WatchedPage, label: string): Promise<AxeViolation[]> {
  source ??= readFileSync(path.join(ROOT, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');
  // Evaluated through the DevTools protocol, so the page's CSP (script-src 'self') stays as it is.
  await w.page.evaluate(`${source};void 0`);
  const violations = (await w.page.evaluate(async () => {
    const axe = (globalThis as any).axe;
    const result = await axe.run((globalThis as any).document, { resultTypes: ['violations'] });
    return result.violations.map((v: any) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      helpUrl: v.helpUrl,
      nodes: v.nodes.map((n: any) => ({ target: n.target, html: String(n.html).slice(0, 200), failureSummary: n.failureSummary })),
    }));
  })) as AxeViolation[];
  const blocking = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const MAX_NODES = 4;
  const report = blocking.map((v) => {
    const nodes = v.nodes.slice(0, MAX_NODES).map((n) => `    ${JSON.stringify(n.target)} ${n.html}`);
    if (v.nodes.length > MAX_NODES) nodes.push(`    …and ${v.nodes.length - MAX_NODES} more`);
    const why = (v.nodes[0]?.failureSummary ?? '').split('\n').slice(1).join(' ').trim();
    return `${v.impact} ${v.id}: ${v.help} (${v.helpUrl})\n    why (first): ${why}\n${nodes.join('\n')}`;
  });
  if (report.length) console.error(`axe: ${label}\n${report.join('\n')}`);
  // Soft: the flow goes on, so one run shows every page's problems; the test still fails.
  expect.soft(report, `serious or critical accessibility violations on ${label}`).toEqual([]);
  return violations;
}
