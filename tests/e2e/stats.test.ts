// Usage statistics in the browser (docs/statistics.md): the provider reads its organisation's
// figures by month with small counts suppressed and downloads the CSV; an admin reads every
// provider's; a visitor sees a dataset's public totals. Figures come from the demo counters.
import { describe, expect, it } from 'vitest';
import { expectAccessible } from './helpers/axe';
import { open, poll, screenshot, useE2E } from './helpers/harness';

const SPEECH = 'korean-spontaneous-speech-2023';
// The demo counters cover the 12 months up to the seed's reference month (seed/usage.ts).
const RANGE = 'from=2025-11&to=2026-10';

const e2e = useE2E();

describe('usage statistics', { timeout: 180_000 }, () => {
  it("the provider's statistics page: totals, monthly breakdowns with suppressed cells, CSV, in Korean and English", async () => {
    const w = await e2e.newPage();
    const { page } = w;
    await e2e.signIn(w, 'provider@demo.kr');
    for (const lang of ['ko', 'en'] as const) {
      await open(w, e2e.url, `/workspace/statistics?${RANGE}`, lang);
      const totals = page.getByTestId('stats-totals');
      await totals.waitFor();
      expect(await totals.locator('caption').innerText()).toMatch(
        lang === 'ko' ? /데이터셋별 합계, 2025년 11월~2026년 10월/ : /Totals per dataset, November 2025 to October 2026/,
      );
      expect(await totals.locator('tbody tr').count()).toBeGreaterThan(3);
      const monthly = page.getByTestId('stats-monthly');
      await monthly.waitFor();
      expect(await monthly.locator('tbody tr').count()).toBeGreaterThan(12);
      // Some breakdown cell is suppressed somewhere in the table, shown as "<5" / "5 미만".
      expect(await monthly.locator('.suppressed').count()).toBeGreaterThan(0);
      expect(await monthly.locator('.suppressed').first().innerText()).toMatch(lang === 'ko' ? /5 미만/ : /<5/);
      // Numbers are formatted for the locale (thousands separators where they occur) and months named.
      expect(await monthly.locator('tbody th').first().innerText()).toMatch(lang === 'ko' ? /2025년 11월/ : /November 2025/);
      await screenshot(w, 'stats-provider', lang);
      await expectAccessible(w, `provider statistics (${lang})`);
    }
    // Another dataset in the monthly table, then the CSV of the range.
    const pick = page.getByTestId('stats-dataset');
    const second = await pick.locator('option').nth(1).getAttribute('value');
    await pick.selectOption(second!);
    await poll(() => page.url().includes(`dataset=${second}`)).toBe(true);
    const href = await page.getByTestId('stats-csv').getAttribute('href');
    expect(href).toContain('format=csv');
    const csv = await page.request.get(`${e2e.url}${href}`);
    expect(csv.status()).toBe(200);
    const text = await csv.text();
    expect(text.charCodeAt(0)).toBe(0xfeff);
    expect(text).toMatch(/^\uFEFFprovider,dataset,title_ko,title_en,month,event,breakdown,value,count,suppressed\r\n/);
    expect(text).toContain('한국어');
    w.expectNoProblems();
  });

  it('the admin page lists every provider and opens one provider’s page', async () => {
    const w = await e2e.newPage();
    const { page } = w;
    await e2e.signIn(w, 'admin@demo.kr');
    for (const lang of ['ko', 'en'] as const) {
      await open(w, e2e.url, `/admin/statistics?${RANGE}`, lang);
      const totals = page.getByTestId('stats-totals');
      await totals.waitFor();
      expect(await totals.locator('tbody tr').count()).toBeGreaterThanOrEqual(2);
      await page.getByTestId('stats-monthly').waitFor();
      await screenshot(w, 'stats-admin', lang);
      await expectAccessible(w, `admin statistics (${lang})`);
    }
    await page.getByTestId('stats-totals').locator('tbody tr a').first().click();
    await page.getByTestId('provider-statistics').waitFor();
    await page.getByTestId('stats-organization').waitFor();
    await page.getByTestId('stats-totals').waitFor();
    expect(page.url()).toMatch(/\/workspace\/statistics\?provider=/);
    w.expectNoProblems();
  });

  it('a dataset page shows its public usage totals to a visitor', async () => {
    await e2e.signOut();
    const w = await e2e.newPage();
    const { page } = w;
    for (const lang of ['ko', 'en'] as const) {
      await open(w, e2e.url, `/datasets/${SPEECH}`, lang);
      const usage = page.getByTestId('usage-totals');
      await usage.waitFor();
      const text = await usage.innerText();
      expect(text).toMatch(lang === 'ko' ? /조회/ : /Views/);
      expect(text).toMatch(lang === 'ko' ? /최근 12개월/ : /Last 12 months/);
      // Thousands separators in both locales (the demo speech corpus has over a thousand views).
      expect(text).toMatch(/\d,\d{3}/);
      await usage.scrollIntoViewIfNeeded();
      await screenshot(w, 'stats-dataset-usage', lang);
      await expectAccessible(w, `dataset usage totals (${lang})`);
    }
    w.expectNoProblems();
  });
});
