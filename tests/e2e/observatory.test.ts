// A visitor opens the technology-area observatory in Korean and English: the four charts are drawn
// as labelled SVG figures, every table alternative holds the API's numbers, the page passes axe
// with the tables open, and at 375 px the matrix scrolls inside its own keyboard-focusable region.
import { describe, expect, it } from 'vitest';
import { Dataset } from '../../server/datasets/model';
import { recordChange } from '../../server/infra/change-feed';
import { forgetObservatoryCache } from '../../server/observatory/compute';
import { expectAccessible } from './helpers/axe';
import path from 'node:path';
import { open, poll, screenshot, SCREENSHOT_DIR, useE2E, type WatchedPage } from './helpers/harness';

const e2e = useE2E();

/**
 * Gives the demo catalogue a harvested dataset. Demand needs nothing: the demo's usage counters
 * (seed/usage.ts) hold requests from US organisations, which is what the observatory reads.
 */
async function enrich(): Promise<void> {
  const other = await Dataset.findOne({ 'live.classification.level': 'public' }).lean();
  if (!other) throw new Error('demo catalogue without a public dataset');
  await Dataset.collection.updateOne({ _id: other._id }, { $set: { origin: { kind: 'harvested', harvestedAt: new Date('2025-03-15T00:00:00Z') } } });
  await recordChange({ kind: 'dataset', ids: [String(other._id)] });
  forgetObservatoryCache();
}

/** Numbers as the page prints them in either language ("1,234" → 1234). */
const num = (text: string) => Number(text.replace(/[^\d]/g, ''));

async function tableNumbers(w: WatchedPage, selector: string): Promise<Record<string, string>> {
  return w.page.evaluate((sel) => {
    const out: Record<string, string> = {};
    for (const td of (globalThis as any).document.querySelectorAll(sel)) {
      const key = ['kr', 'us', 'krOnly', 'usOnly', 'unmapped', 'series', 'period', 'origin'].map((k) => td.dataset[k] ?? '').join('|');
      out[key] = td.textContent;
    }
    return out;
  }, selector);
}

describe('technology-area observatory', { timeout: 240_000 }, () => {
  it('draws the four charts with their tables in Korean and English, accessible, at desktop and 375 px', async () => {
    await enrich();
    const w = await e2e.newPage();
    const { page } = w;
    const api = (await (await page.request.get(`${e2e.url}/api/v1/observatory`)).json()) as any;
    expect(api.origins.harvested).toBe(1);
    // A new user's demo shows demand: areas with shown (≥ 5) requests and approvals, from the demo's counters.
    expect(api.demand.filter((d: any) => d.requests >= 5 && d.approved !== null).length).toBeGreaterThan(0);

    for (const lang of ['ko', 'en'] as const) {
      await page.setViewportSize({ width: 1280, height: 900 });
      await open(w, e2e.url, '/observatory', lang);
      await page.getByRole('heading', { level: 1, name: lang === 'ko' ? '기술 분야 관측소' : 'Technology-area observatory' }).waitFor();
      for (const id of ['matrix', 'growth', 'demand-kr', 'demand-us', 'origins']) {
        const figure = page.getByTestId(`chart-${id}`);
        const svg = figure.locator('.obs-plot > svg[role="img"]');
        await svg.waitFor();
        expect(await svg.getAttribute('aria-label'), id).toBe(await figure.locator('figcaption :is(h2,h3)').innerText());
        const describedBy = await svg.getAttribute('aria-describedby');
        expect((await page.locator(`#${describedBy}`).innerText()).length, id).toBeGreaterThan(10);
        expect(await figure.locator('figcaption').count()).toBe(1);
        expect(await figure.locator('details table caption').count()).toBeGreaterThan(0);
      }
      // The chart's own text (axes, area names) is in the page's language.
      const matrixText = await page.getByTestId('chart-matrix').locator('svg').textContent();
      expect(matrixText).toContain(lang === 'ko' ? '인공지능' : 'Artificial Intelligence');
      expect(matrixText).toContain(lang === 'ko' ? '반도체·디스플레이' : 'Semiconductors & Displays');
      // Cells carry their numbers, not colour only.
      const cellCount = await page.getByTestId('chart-matrix').locator('svg [aria-label*="×"]').count();
      expect(cellCount).toBe(api.matrix.cells.length);

      for (const d of await page.locator('details.obs-table').all()) await d.locator('summary').click();
      // Matrix table: every pairing equals the API's count (zero when the API lists none).
      const matrix = await tableNumbers(w, '[data-testid="chart-matrix"] td[data-kr][data-us]');
      expect(Object.keys(matrix)).toHaveLength(12 * 18);
      const apiCell = new Map(api.matrix.cells.map((c: any) => [`${c.kr}|${c.us}`, c.count]));
      for (const [key, text] of Object.entries(matrix)) expect(num(text), key).toBe(apiCell.get(key.split('|').slice(0, 2).join('|')) ?? 0);
      expect(num(await page.locator('[data-testid="chart-matrix"] td[data-unmapped]').innerText())).toBe(api.matrix.unmapped);
      // Demand table: the API's numbers, suppressed ones in words.
      for (const side of ['kr', 'us'] as const) {
        for (const d of api.demand.filter((r: any) => r[side])) {
          const row = page.locator(`[data-testid="chart-demand-${side}"] tr[data-area="${d[side]}"]`);
          const requests = await row.locator('td[data-requests]').innerText();
          const approved = await row.locator('td[data-approved]').innerText();
          if (d.requests === null) expect(requests).toBe(lang === 'ko' ? '5건 미만' : 'fewer than 5');
          else expect(num(requests)).toBe(d.requests);
          if (d.approved === null) expect(approved).toBe(lang === 'ko' ? '5건 미만' : 'fewer than 5');
          else expect(num(approved)).toBe(d.approved);
        }
      }
      // Origins table and the last growth row of each KR area drawn on its own.
      expect(num(await page.locator('td[data-origin="local"]').innerText())).toBe(api.origins.local);
      expect(num(await page.locator('td[data-origin="harvested"]').innerText())).toBe(api.origins.harvested);
      const lastPeriod = api.growth.at(-1).period;
      for (const cell of await page.locator(`[data-testid="chart-growth"] td[data-period="${lastPeriod}"]`).all()) {
        const series = await cell.getAttribute('data-series');
        if (series === 'other') continue;
        const row = api.growth.find((g: any) => (g.kr ?? 'none') === series && g.period === lastPeriod);
        expect(num((await cell.innerText()).split('(')[0]), series!).toBe(row.cumulative);
      }

      await screenshot(w, 'observatory', lang);
      await expectAccessible(w, `observatory (${lang})`);

      // 375 px: the page does not scroll sideways; the matrix scrolls inside its focusable region.
      await page.setViewportSize({ width: 375, height: 800 });
      await poll(() => page.evaluate(() => (globalThis as any).document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
      const scroller = page.getByTestId('chart-matrix').locator('.obs-scroll');
      expect(await scroller.getAttribute('tabindex')).toBe('0');
      expect(await scroller.evaluate((el: any) => el.scrollWidth > el.clientWidth)).toBe(true);
      await scroller.focus();
      await page.keyboard.press('ArrowRight');
      await poll(() => scroller.evaluate((el: any) => el.scrollLeft)).toBeGreaterThan(0);
      await screenshot(w, 'observatory-375', lang);
      // The first screen of the matrix at phone width, to look at closely.
      await page.getByTestId('chart-matrix').screenshot({ path: path.join(SCREENSHOT_DIR, `observatory-375-matrix-${lang}.png`) });
      await expectAccessible(w, `observatory 375 px (${lang})`);
    }

    // The origin filter reaches the API and redraws.
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.locator('#obs-origin').selectOption('harvested');
    await poll(() => page.locator('td[data-unmapped]').innerText().then(num)).toBe(
      ((await (await page.request.get(`${e2e.url}/api/v1/observatory?origin=harvested`)).json()) as any).matrix.unmapped,
    );
    await page.waitForURL(/origin=harvested/);
    w.expectNoProblems();
  });

  it('is linked from the navigation and does not load the charting library on the catalogue', async () => {
    const w = await e2e.newPage();
    const { page } = w;
    const scripts: string[] = [];
    page.on('request', (req) => {
      if (req.resourceType() === 'script') scripts.push(req.url());
    });
    await open(w, e2e.url, '/', 'en');
    await page.locator('main').waitFor();
    await page.waitForLoadState('networkidle');
    const catalogueScripts = scripts.splice(0);
    await page.getByRole('navigation').getByRole('link', { name: 'Technology observatory' }).click();
    await page.getByTestId('chart-matrix').locator('svg[role="img"]').waitFor();
    // Plot arrives as its own chunk, requested only now.
    const added = scripts.filter((s) => !catalogueScripts.includes(s));
    expect(added.length).toBeGreaterThanOrEqual(2);
    const plotChunk = await Promise.all(added.map(async (s) => ((await (await page.request.get(s)).text()).includes('ariaDescription') ? s : null)));
    expect(plotChunk.filter(Boolean).length).toBeGreaterThan(0);
    for (const s of catalogueScripts) expect((await (await page.request.get(s)).text()).includes('ariaDescription'), s).toBe(false);
    w.expectNoProblems();
  });
});
