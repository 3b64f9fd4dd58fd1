// An anonymous visitor browses the bilingual catalogue, reads a dataset page, and searches: header
// box with suggestions, highlighted matches, facets with counts, filter chips, shareable URLs,
// and help when nothing is found.
import { describe, expect, it } from 'vitest';
import { expectAccessible } from './helpers/axe';
import { open, poll, screenshot, useE2E, type WatchedPage } from './helpers/harness';

const HANGUL = /[\uAC00-\uD7AF]/;

interface ListedDataset {
  slug: string;
  title: { ko: string; en: string };
}

interface SearchAnswer {
  items: ListedDataset[];
  total: number;
  facets: Record<string, { value: string; count: number }[]>;
  query: { alternatives: { text: string; lang: string }[] };
}

/** What the API answers for a catalogue query string (as the page would ask it). */
async function searchApi(base: string, params: Record<string, string | string[]>): Promise<SearchAnswer> {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) for (const one of ([] as string[]).concat(v)) qs.append(k, one);
  const res = await fetch(`${base}/api/v1/datasets?${qs.toString()}`);
  expect(res.status).toBe(200);
  return (await res.json()) as SearchAnswer;
}

/** The current URL's search parameters. */
const urlParams = (w: WatchedPage) => new URL(w.page.url()).searchParams;

const e2e = useE2E();

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

describe('search', { timeout: 120_000 }, () => {
  it('in Korean: suggestions while typing, highlighted results, a facet as a chip in the URL, Back, and help when nothing matches', async () => {
    const w = await e2e.newPage();
    const { page } = w;
    await open(w, e2e.url, '/', 'ko');
    await page.getByTestId('dataset-card').first().waitFor();

    // The header box is a combobox; typing 음성 opens its listbox of suggestions.
    const box = page.getByRole('combobox', { name: '데이터셋 검색어' });
    expect(await box.getAttribute('aria-expanded')).toBe('false');
    await box.pressSequentially('음성', { delay: 40 });
    const listbox = page.getByRole('listbox', { name: '추천 검색어' });
    await listbox.waitFor();
    await poll(() => box.getAttribute('aria-expanded')).toBe('true');
    const options = listbox.getByRole('option');
    expect(await options.count()).toBeGreaterThan(1);
    expect(await listbox.innerText()).toContain('음성 인식');
    // Arrow keys move the active option (aria-activedescendant), Escape closes the list.
    await box.press('ArrowDown');
    const firstId = await options.first().getAttribute('id');
    await poll(() => box.getAttribute('aria-activedescendant')).toBe(firstId);
    expect(await options.first().getAttribute('aria-selected')).toBe('true');
    await screenshot(w, 'search-suggestions', 'ko');
    await expectAccessible(w, 'search suggestions (ko)');
    await box.press('Escape');
    await poll(() => box.getAttribute('aria-expanded')).toBe('false');
    expect(await box.getAttribute('aria-activedescendant')).toBeNull();

    // Submitting words goes to a shareable catalogue URL that keeps the language.
    await box.fill('의료영상');
    await box.press('Enter');
    await poll(() => urlParams(w).get('q')).toBe('의료영상');
    expect(urlParams(w).get('lang')).toBe('ko');
    const api = await searchApi(e2e.url, { q: '의료영상', pageSize: '20' });
    expect(api.total).toBeGreaterThan(0);
    const cards = page.getByTestId('dataset-card');
    await poll(() => page.getByTestId('results-heading').innerText()).toContain('의료영상');
    await poll(() => page.getByTestId('result-count').innerText()).toContain(String(api.total));
    expect(await cards.count()).toBe(api.items.length);
    expect((await cards.first().getByRole('heading').innerText()).trim()).toBe(api.items[0].title.ko);
    // Matches are <mark>ed, and the other language's term is offered.
    expect(await cards.first().locator('mark').allInnerTexts()).toContain('의료영상');
    await page.getByTestId('search-notices').getByRole('link', { name: 'medical imaging' }).waitFor();

    // Facet values carry counts; ticking one filters, shows a chip and goes into the URL.
    const imageCount = api.facets.modality.find((f) => f.value === 'image')!.count;
    const modality = page.getByTestId('facet-modality');
    const image = modality.getByRole('checkbox', { name: new RegExp(`^이미지 데이터셋 ${imageCount}건$`) });
    expect(await modality.locator('.facet-count').count()).toBe(api.facets.modality.length);
    await image.check();
    await poll(() => urlParams(w).getAll('modality')).toEqual(['image']);
    const chips = page.getByTestId('filter-chip');
    await poll(() => chips.count()).toBe(1);
    expect(await chips.first().innerText()).toMatch(/데이터 유형.*이미지/s);
    await poll(() => page.getByTestId('result-count').innerText()).toContain(String(imageCount));
    expect(await cards.count()).toBe(imageCount);
    // Counts of other facets follow the filter; the modality facet's own counts stay (disjunctive).
    const filtered = await searchApi(e2e.url, { q: '의료영상', modality: 'image' });
    const task = filtered.facets.task[0];
    await page
      .getByTestId('facet-task')
      .getByRole('checkbox', { name: new RegExp(`데이터셋 ${task.count}건$`) })
      .first()
      .waitFor();
    expect(await modality.locator('.facet-count').count()).toBe(api.facets.modality.length);
    await screenshot(w, 'search-results', 'ko');
    await expectAccessible(w, 'search results with a filter (ko)');

    // Remove the chip; Back brings the filter back, Forward removes it again.
    await page.getByRole('button', { name: '검색 조건 삭제: 데이터 유형: 이미지' }).click();
    await poll(() => urlParams(w).getAll('modality')).toEqual([]);
    await poll(() => chips.count()).toBe(0);
    expect(await image.isChecked()).toBe(false);
    await page.goBack();
    await poll(() => urlParams(w).getAll('modality')).toEqual(['image']);
    await poll(() => chips.count()).toBe(1);
    await page.goForward();
    await poll(() => chips.count()).toBe(0);
    await poll(() => page.getByTestId('result-count').innerText()).toContain(String(api.total));

    // Words nothing matches: the page explains and suggests what to try.
    await box.fill('zzzxqv');
    await box.press('Enter');
    const help = page.getByTestId('no-results');
    await help.waitFor();
    expect(await help.getByRole('heading', { level: 3 }).innerText()).toContain('zzzxqv');
    expect(await help.innerText()).toContain('이렇게 해 보세요');
    expect(urlParams(w).get('q')).toBe('zzzxqv');
    await screenshot(w, 'search-no-results', 'ko');
    await expectAccessible(w, 'search without results (ko)');

    // On a narrow screen the filters fold behind a button.
    await page.setViewportSize({ width: 390, height: 844 });
    await open(w, e2e.url, '/?q=%EC%9D%8C%EC%84%B1', 'ko');
    const toggle = page.getByTestId('filters-toggle');
    await toggle.waitFor();
    expect(await page.getByTestId('facets').isVisible()).toBe(false);
    await toggle.click();
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    await page.getByTestId('facets').waitFor();
    await screenshot(w, 'search-mobile', 'ko');
    await expectAccessible(w, 'search on a narrow screen (ko)');
    w.expectNoProblems();
    await page.close();
  });

  it('in English: an English query finds the Korean speech datasets; a term suggestion searches it; no-results help offers the Korean term', async () => {
    const w = await e2e.newPage();
    const { page } = w;
    await open(w, e2e.url, '/', 'en');
    await page.getByTestId('dataset-card').first().waitFor();
    const box = page.getByRole('combobox', { name: 'Search datasets' });

    await box.fill('speech recognition');
    await box.press('Enter');
    await poll(() => urlParams(w).get('q')).toBe('speech recognition');
    expect(urlParams(w).get('lang')).toBe('en');
    const api = await searchApi(e2e.url, { q: 'speech recognition' });
    const slugs = api.items.map((d) => d.slug);
    expect(slugs.slice(0, 3)).toContain('korean-spontaneous-speech-2023');
    const cards = page.getByTestId('dataset-card');
    await poll(() => page.getByTestId('result-count').innerText()).toMatch(new RegExp(`^${api.total} datasets?$`));
    const titles = (await cards.getByRole('heading').allInnerTexts()).map((s) => s.trim());
    expect(titles).toContain('Korean Spontaneous Speech Corpus 2023');
    expect(await cards.first().locator('mark').count()).toBeGreaterThan(0);
    expect(await page.getByTestId('sort').inputValue()).toBe('relevance');
    await screenshot(w, 'search-results', 'en');
    await expectAccessible(w, 'search results (en)');

    // Sorting is part of the URL too.
    await page.getByTestId('sort').selectOption('title');
    await poll(() => urlParams(w).get('sort')).toBe('title');

    // A glossary term picked with the mouse searches it.
    await box.fill('');
    await box.pressSequentially('medical im', { delay: 30 });
    const option = page.getByRole('listbox', { name: 'Suggestions' }).getByRole('option', { name: /medical imaging/ }).first();
    await option.waitFor();
    expect(await option.innerText()).toContain('의료영상');
    await screenshot(w, 'search-suggestions', 'en');
    await option.click();
    await poll(() => urlParams(w).get('q')).toBe('medical imaging');
    await poll(() => page.getByTestId('results-heading').innerText()).toContain('medical imaging');

    // Korean words with a filter nothing matches: the help offers the English term and a way out of the filters.
    await open(w, e2e.url, '/?q=%EC%9D%98%EB%A3%8C%EC%98%81%EC%83%81&modality=geospatial', 'en');
    const help = page.getByTestId('no-results');
    await help.waitFor();
    const alternative = help.getByRole('link', { name: 'medical imaging' });
    await alternative.waitFor();
    expect(await page.getByRole('checkbox', { name: /^Geospatial/ }).isChecked()).toBe(true);
    await screenshot(w, 'search-no-results', 'en');
    await expectAccessible(w, 'search without results (en)');
    await alternative.click();
    await poll(() => urlParams(w).get('q')).toBe('medical imaging');
    expect(urlParams(w).getAll('modality')).toEqual(['geospatial']);
    await help.getByTestId('no-results-clear').click();
    await poll(() => urlParams(w).getAll('modality')).toEqual([]);
    await cards.first().waitFor();
    expect(urlParams(w).get('q')).toBe('medical imaging');
    w.expectNoProblems();
    await page.close();
  });

  it('explains every result: a word inside a compound is marked, a match in the description shows a snippet, a glossary match says so; half-typed syllables still suggest', async () => {
    const w = await e2e.newPage();
    const { page } = w;
    await open(w, e2e.url, '/?q=%ED%8F%89%EA%B0%80', 'ko');
    const cards = page.getByTestId('dataset-card');
    await cards.first().waitFor();
    // 평가 is found inside 품질평가, which is marked.
    expect((await cards.first().getByRole('heading').innerText()).trim()).toBe('차량 주행 품질평가 데이터');
    expect(await cards.first().locator('h3 mark').allInnerTexts()).toEqual(['품질평가']);
    // Some results hold the word only in their description: a snippet shows it, marked.
    const reasons = page.getByTestId('match-reason');
    await reasons.first().waitFor();
    expect(await reasons.first().locator('mark').count()).toBeGreaterThan(0);
    expect(await reasons.first().innerText()).toContain('평가');
    await screenshot(w, 'search-why', 'ko');
    await expectAccessible(w, 'search results explaining matches (ko)');

    // In English, a Korean-only match through the glossary is named.
    await open(w, e2e.url, '/?q=%EC%A3%BC%ED%96%89', 'en');
    await cards.first().waitFor();
    const notes = page.getByTestId('match-note');
    await poll(() => notes.allInnerTexts()).toContainEqual(expect.stringContaining('glossary term'));
    await screenshot(w, 'search-why', 'en');
    await expectAccessible(w, 'search results explaining matches (en)');

    // Typing only the first part of a syllable (으 of 의) continues to 의료.
    await open(w, e2e.url, '/', 'ko');
    const box = page.getByRole('combobox', { name: '데이터셋 검색어' });
    await box.pressSequentially('으', { delay: 40 });
    const listbox = page.getByRole('listbox', { name: '추천 검색어' });
    await listbox.waitFor();
    await poll(() => listbox.innerText()).toContain('의료');
    w.expectNoProblems();
    await page.close();
  });
});
