// An anonymous visitor browses the bilingual catalogue and reads a dataset page.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { expectAccessible } from './helpers/axe';
import { open, poll, screenshot, startE2E, type E2E } from './helpers/harness';

const HANGUL = /[\uAC00-\uD7AF]/;

interface ListedDataset {
  slug: string;
  title: { ko: string; en: string };
}

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
}, 240_000);
beforeEach(({ task, onTestFailed }) => {
  onTestFailed(() => e2e?.captureFailure(task.name));
});
afterAll(async () => {
  await e2e?.close();
}, 60_000);

describe('catalogue for an anonymous visitor', { timeout: 90_000 }, () => {
  it('lists datasets in Korean, switches to English with the header switch, and opens a dataset page', async () => {
    const w = await e2e.newPage();
    const { page } = w;
    // What the first catalogue page should show (newest first, as the page asks for).
    const api = (await (await fetch(`${e2e.url}/api/v1/datasets?sort=newest&page=1&pageSize=20`)).json()) as {
      items: ListedDataset[];
      total: number;
    };
    expect(api.total).toBeGreaterThanOrEqual(30);

    await open(w, e2e.url, '/', 'ko');
    const cards = page.getByTestId('dataset-card');
    await cards.first().waitFor();
    expect(await cards.count()).toBe(api.items.length);
    const cardTitle = (i: number) => cards.nth(i).getByRole('heading').innerText();
    expect((await cardTitle(0)).trim()).toBe(api.items[0].title.ko);
    expect(await cardTitle(1)).toMatch(HANGUL);
    await poll(() => page.getByTestId('result-count').innerText()).toMatch(new RegExp(`${api.total}`));
    await screenshot(w, 'catalog', 'ko');
    await expectAccessible(w, 'catalogue (ko)');

    // The language switch: two buttons with aria-pressed; the choice goes into the URL.
    expect(await page.getByRole('group', { name: '언어' }).getByRole('button').count()).toBe(2);
    const english = page.getByRole('button', { name: 'English', exact: true });
    expect(await english.getAttribute('aria-pressed')).toBe('false');
    await english.click();
    await poll(() => english.getAttribute('aria-pressed')).toBe('true');
    await poll(() => new URL(page.url()).searchParams.get('lang')).toBe('en');
    await poll(() => cardTitle(0).then((s) => s.trim())).toBe(api.items[0].title.en);
    expect(await cardTitle(1)).not.toMatch(HANGUL);
    expect(await page.evaluate(() => (globalThis as any).document.documentElement.lang)).toBe('en');
    await screenshot(w, 'catalog', 'en');
    await expectAccessible(w, 'catalogue (en)');

    // Open the first dataset from its card.
    await cards.first().getByRole('link').first().click();
    await page.waitForURL(/\/datasets\/[^/?]+/);
    const slug = decodeURIComponent(new URL(page.url()).pathname.split('/')[2]);
    expect(slug).toBe(api.items[0].slug);
    await page.getByTestId('disclosure').waitFor();
    await page.getByTestId('artifacts').waitFor();
    await poll(() => page.getByRole('heading', { level: 1 }).innerText()).toContain(api.items[0].title.en);
    await screenshot(w, 'dataset', 'en');
    await expectAccessible(w, 'dataset page (en)');

    await open(w, e2e.url, `/datasets/${encodeURIComponent(slug)}`, 'ko');
    await page.getByTestId('disclosure').waitFor();
    await page.getByTestId('artifacts').waitFor();
    await poll(() => page.getByRole('heading', { level: 1 }).innerText()).toContain(api.items[0].title.ko);
    await screenshot(w, 'dataset', 'ko');
    await expectAccessible(w, 'dataset page (ko)');
    w.expectNoProblems();
    await page.close();
  });

  it('serves dataset pages with schema.org Dataset JSON-LD for crawlers', async () => {
    const res = await fetch(`${e2e.url}/datasets/korean-spontaneous-speech-2023?lang=en`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
    const html = await res.text();
    const m = /<script type="application\/ld\+json">([\s\S]*?)<\/script>/.exec(html);
    expect(m, 'an application/ld+json script').not.toBeNull();
    expect(m![1]).toContain('"@type":"Dataset"');
    const ld = JSON.parse(m![1]) as Record<string, unknown>;
    expect(ld['@type']).toBe('Dataset');
    expect(String(ld.name)).toBeTruthy();
    expect(html).toContain('<html lang="en">');
  });
});
