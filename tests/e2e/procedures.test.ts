// The labeling-procedure registry: browse, open a procedure with several versions, compare them.
import { describe, expect, it } from 'vitest';
import { expectAccessible } from './helpers/axe';
import { open, poll, screenshot, useE2E, type Lang } from './helpers/harness';

// A demo procedure with three versions (seed/data/procedures.ts).
const SLUG = 'korean-speech-transcription';

const e2e = useE2E();

describe('labeling procedures for an anonymous visitor', { timeout: 90_000 }, () => {
  for (const lang of ['ko', 'en'] as Lang[]) {
    it(`browses the registry and compares two versions of a procedure (${lang})`, async () => {
      const proc = (await (await fetch(`${e2e.url}/api/v1/labeling-procedures/${SLUG}`)).json()) as { title: Record<Lang, string> };
      const versions = (await (await fetch(`${e2e.url}/api/v1/labeling-procedures/${SLUG}/versions`)).json()) as { items: unknown[] };
      expect(versions.items.length).toBeGreaterThanOrEqual(3);

      const w = await e2e.newPage();
      const { page } = w;
      await open(w, e2e.url, '/procedures', lang);
      const cards = page.getByTestId('procedure-card');
      await cards.first().waitFor();
      expect(await cards.count()).toBeGreaterThanOrEqual(6);
      const card = cards.filter({ hasText: proc.title[lang] });
      expect(await card.count()).toBe(1);
      await screenshot(w, 'procedures', lang);
      await expectAccessible(w, `procedure list (${lang})`);

      await card.getByRole('link', { name: proc.title[lang] }).click();
      await page.waitForURL(new RegExp(`/procedures/${SLUG}`));
      await poll(() => page.getByRole('heading', { level: 1 }).innerText()).toContain(proc.title[lang]);
      await page.getByTestId('procedure-facts').waitFor();
      await poll(() => page.getByTestId('version-select').locator('option').count()).toBe(versions.items.length);
      await screenshot(w, 'procedure', lang);
      await expectAccessible(w, `procedure detail (${lang})`);

      await page.getByTestId('compare-versions').click();
      await page.waitForURL(new RegExp(`/procedures/${SLUG}/diff`));
      const diff = page.getByTestId('diff');
      await diff.waitFor();
      await poll(() => diff.locator('tbody tr').count()).toBeGreaterThan(0);
      await screenshot(w, 'procedure-diff', lang);
      await expectAccessible(w, `procedure diff (${lang})`);

      // Choosing other versions updates the comparison and the URL.
      await page.getByTestId('diff-from').selectOption('1');
      await poll(() => new URL(page.url()).searchParams.get('from')).toBe('1');
      await page.getByTestId('diff-to').selectOption(String(versions.items.length));
      await poll(() => new URL(page.url()).searchParams.get('to')).toBe(String(versions.items.length));
      await poll(() => diff.locator('tbody tr').count()).toBeGreaterThan(0);
      w.expectNoProblems();
      await page.close();
    });
  }
});
