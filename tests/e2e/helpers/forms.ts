// Reading forms the way assistive technology does: a control by its label, its errors through aria-describedby.
import type { Locator, Page } from 'playwright-core';

/** The error messages announced for `control` (the texts of its aria-describedby targets inside a field-error list). */
export async function fieldErrors(page: Page, control: Locator): Promise<string[]> {
  const ids = ((await control.getAttribute('aria-describedby')) ?? '').split(/\s+/).filter(Boolean);
  const out: string[] = [];
  for (const id of ids) {
    const target = page.locator(`[id="${id}"]`);
    if ((await target.count()) === 0) continue;
    const cls = (await target.getAttribute('class')) ?? '';
    if (!cls.includes('field-errors')) continue;
    out.push(...(await target.locator('li').allInnerTexts()).map((s) => s.trim()));
  }
  return out;
}
