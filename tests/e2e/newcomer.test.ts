// The rough edges a newcomer hits (issue 13 items 6–9): the language in use survives sign-in, the
// phone header and the procedure diff fit 375 px, the footer leads to the API docs and open data,
// the editor shows names and words instead of codes and type names, and the DUA has a text.
import { describe, expect, it } from 'vitest';
import { expectAccessible } from './helpers/axe';
import { DEMO_PASSWORD, open, poll, screenshot, useE2E, type WatchedPage } from './helpers/harness';

const e2e = useE2E();

const PHONE = { width: 375, height: 812 };
const PROCEDURE = 'korean-speech-transcription'; // three versions in the seed
const DUA_DATASET = 'elderly-speech-commands'; // conditions: DUA, attribution, no redistribution, deletion after 730 days

const htmlLang = (w: WatchedPage) => w.page.evaluate(() => (globalThis as any).document.documentElement.lang as string);

/** The signed-in user as the API sees it (the tab's cookies). */
async function me(w: WatchedPage): Promise<{ locale: string }> {
  const res = await w.page.request.get(`${e2e.url}/api/v1/auth/me`);
  expect(res.status()).toBe(200);
  return ((await res.json()) as { user: { locale: string } }).user;
}

describe('newcomer rough edges', { timeout: 120_000 }, () => {
  it('keeps the English UI through sign-in, and saves it as the preference only when asked', async () => {
    await e2e.signOut();
    const w = await e2e.newPage();
    const { page } = w;
    // A Korean browser (the context's locale) where the person switched to English with the header toggle.
    await page.goto(`${e2e.url}/signin`);
    await page.evaluate(() => (globalThis as any).localStorage.clear());
    await page.goto(`${e2e.url}/signin`);
    await poll(() => htmlLang(w)).toBe('ko');
    await page.getByRole('group', { name: '언어' }).getByRole('button', { name: 'English' }).click();
    await poll(() => htmlLang(w)).toBe('en');

    // researcher@demo.kr prefers Korean; signing in from the English UI stays English.
    await page.getByLabel('E-mail address').fill('researcher@demo.kr');
    await page.getByLabel('Password').fill(DEMO_PASSWORD);
    await page.getByTestId('signin-form').locator('button[type=submit]').click();
    await poll(() => page.getByRole('banner').innerText()).toContain('Sign out');
    expect(await htmlLang(w)).toBe('en');
    // … and after a reload without ?lang=.
    await page.goto(`${e2e.url}/`);
    await poll(() => page.getByRole('banner').innerText()).toContain('Sign out');
    expect(await htmlLang(w)).toBe('en');
    expect((await me(w)).locale).toBe('ko'); // the toggle did not touch the profile

    // The account page offers to make the language in use the preference.
    await page.goto(`${e2e.url}/account`);
    const differs = page.getByTestId('locale-differs');
    await poll(() => differs.innerText()).toContain('your preferred language is Korean');
    await screenshot(w, 'newcomer-account-language', 'en');
    await expectAccessible(w, 'account with a language offer (en)');
    await page.getByTestId('save-ui-language').click();
    await poll(() => me(w).then((u) => u.locale)).toBe('en');
    await differs.waitFor({ state: 'detached' });
    expect(await page.getByTestId('profile-locale').inputValue()).toBe('en');
    expect(await htmlLang(w)).toBe('en');
    // Put the demo account back for the other tests.
    await page.getByTestId('profile-locale').selectOption('ko');
    await page.getByRole('button', { name: 'Save preferred language' }).click();
    await poll(() => me(w).then((u) => u.locale)).toBe('ko');
    expect(await htmlLang(w)).toBe('en'); // saving a preference does not switch the UI
    w.expectNoProblems();
    await page.close();
  });

  it('opens a fresh browser in the profile language of the signed-in user', async () => {
    const w = await e2e.newPage();
    const { page } = w;
    await page.goto(`${e2e.url}/signin`);
    await page.evaluate(() => (globalThis as any).localStorage.clear());
    await e2e.signIn(w, 'partner@demo.org'); // prefers English; the browser is Korean
    await page.goto(`${e2e.url}/`);
    await poll(() => page.getByRole('banner').innerText()).toContain('Sign out');
    expect(await htmlLang(w)).toBe('en');
    w.expectNoProblems();
    await page.close();
    await e2e.signOut();
  });

  for (const lang of ['ko', 'en'] as const) {
    it(`fits a 375 px phone: compact header with a working menu, and a readable procedure diff (${lang})`, async () => {
      await e2e.signOut();
      const w = await e2e.newPage();
      const { page } = w;
      await page.setViewportSize(PHONE);
      await open(w, e2e.url, '/', lang);
      await page.getByTestId('result-count').waitFor();
      const mainTop = await page.locator('main').evaluate((m: any) => m.getBoundingClientRect().top as number);
      expect(mainTop, 'content starts near the top').toBeLessThanOrEqual(120);
      // The site name stays inside its box, clear of the language switch.
      const [brandRight, switchLeft] = await page.evaluate(() => {
        const doc = (globalThis as any).document;
        const name = doc.querySelector('.brand strong');
        const range = doc.createRange();
        range.selectNodeContents(name);
        return [range.getBoundingClientRect().right as number, doc.querySelector('.lang-switch').getBoundingClientRect().left as number];
      });
      expect(brandRight, 'site name clear of the language switch').toBeLessThanOrEqual(switchLeft);

      const button = page.getByTestId('menu-button');
      const nav = page.getByRole('navigation', { name: lang === 'ko' ? '주 메뉴' : 'Main navigation' });
      expect(await button.getAttribute('aria-expanded')).toBe('false');
      expect(await nav.isVisible()).toBe(false);
      expect(await page.getByRole('search').isVisible(), 'search stays at hand').toBe(true);
      await screenshot(w, 'newcomer-phone-header', lang);
      await button.focus();
      await page.keyboard.press('Enter');
      expect(await button.getAttribute('aria-expanded')).toBe('true');
      await nav.getByRole('link', { name: lang === 'ko' ? '라벨링 절차' : 'Labeling procedures' }).waitFor();
      await screenshot(w, 'newcomer-phone-menu', lang);
      await expectAccessible(w, `phone menu open (${lang})`);
      await page.keyboard.press('Escape');
      expect(await button.getAttribute('aria-expanded')).toBe('false');
      expect(await page.evaluate(() => (globalThis as any).document.activeElement?.dataset?.testid)).toBe('menu-button');
      // Following a menu link closes the menu.
      await button.click();
      await nav.getByRole('link', { name: lang === 'ko' ? '라벨링 절차' : 'Labeling procedures' }).click();
      await page.waitForURL(/\/procedures/);
      await poll(() => button.getAttribute('aria-expanded')).toBe('false');

      await open(w, e2e.url, `/procedures/${PROCEDURE}/diff?from=1&to=3`, lang);
      const diff = page.getByTestId('diff');
      await poll(() => diff.locator('tbody tr').count()).toBeGreaterThan(0);
      const narrowest = await page.evaluate(() => {
        const cells = [...(globalThis as any).document.querySelectorAll('[data-testid="diff"] tbody th, [data-testid="diff"] tbody td, [data-testid="diff-facts"] tbody th, [data-testid="diff-facts"] tbody td')];
        return Math.min(...cells.map((c: any) => c.getBoundingClientRect().width).filter((width: number) => width > 0));
      });
      expect(narrowest, 'narrowest diff column').toBeGreaterThanOrEqual(120);
      const height = await page.evaluate(() => (globalThis as any).document.documentElement.scrollHeight as number);
      expect(height, 'page height').toBeLessThan(12_000);
      const overflow = await page.evaluate(() => (globalThis as any).document.documentElement.scrollWidth as number);
      expect(overflow, 'no sideways scrolling').toBeLessThanOrEqual(PHONE.width);
      await screenshot(w, 'newcomer-phone-diff', lang);
      await expectAccessible(w, `procedure diff at 375 px (${lang})`);
      w.expectNoProblems();
      await page.close();
    });
  }

  it('links open data and the API docs in the footer, and a dataset’s metadata and DUA text', async () => {
    const w = await e2e.newPage();
    const { page } = w;
    await open(w, e2e.url, `/datasets/${DUA_DATASET}`, 'en');
    const links = page.getByTestId('open-data-links');
    expect(await links.getByRole('link', { name: /data\.json/ }).getAttribute('href')).toBe('/data.json');
    expect(await links.getByRole('link', { name: /catalog\.jsonld/ }).getAttribute('href')).toBe('/catalog.jsonld');
    const meta = page.getByTestId('metadata-links');
    await meta.waitFor();
    expect(await meta.getByTestId('croissant-link').getAttribute('href')).toMatch(/^\/api\/v1\/datasets\/[0-9a-f]{24}\/croissant/);
    const croissant = await page.request.get(`${e2e.url}${await meta.getByTestId('croissant-link').getAttribute('href')}`);
    expect(croissant.status()).toBe(200);
    await meta.getByTestId('schema-org-link').waitFor();
    expect(await meta.getByTestId('schema-org-link').getAttribute('href')).toMatch(/^blob:/);

    await links.getByTestId('footer-api-docs').click();
    await page.waitForURL(`${e2e.url}/api/docs`);

    // The standard DUA with this dataset's own conditions, in both languages.
    for (const lang of ['ko', 'en'] as const) {
      await open(w, e2e.url, `/agreements/dua?dataset=${DUA_DATASET}`, lang);
      const conditions = page.getByTestId('dua-dataset-conditions');
      await poll(() => conditions.innerText()).toContain(lang === 'ko' ? '730일 안에' : 'within 730 days');
      expect(await page.getByTestId('dua-clause-reidentification').innerText()).toContain(lang === 'ko' ? '재식별 금지' : 'No re-identification');
      await screenshot(w, 'newcomer-dua', lang);
      await expectAccessible(w, `DUA text (${lang})`);
    }
    w.expectNoProblems();
    await page.close();
  });

  it('shows names and words in the editor: languages, countries, sizes, and what to type', async () => {
    const w = await e2e.newPage();
    const { page } = w;
    await e2e.signIn(w, 'provider@demo.kr');
    const list = await page.request.get(`${e2e.url}/api/v1/datasets?workspace=true&pageSize=100`);
    const items = ((await list.json()) as { items: Array<{ id: string; slug: string; status: string; languages?: string[] }> }).items;
    const target = items.find((d) => d.status === 'published' && d.languages?.includes('ko'));
    expect(target, 'a published dataset of the provider in Korean').toBeDefined();

    await open(w, e2e.url, `/workspace/datasets/${target!.id}?step=1`, 'ko');
    await page.getByLabel('URL 이름').waitFor();
    expect(await page.locator('main').innerText()).not.toMatch(/슬러그|slug/i);

    await open(w, e2e.url, `/workspace/datasets/${target!.id}?step=2`, 'ko');
    await poll(() => page.getByTestId('languages-readback').innerText()).toContain('한국어');
    await page.getByTestId('field-size-bytes').fill('210');
    await poll(() => page.getByTestId('size-readback').innerText()).toContain('210바이트');
    await page.getByTestId('field-size-bytes').fill('2.5 GB');
    await poll(() => page.getByTestId('size-readback').innerText()).toContain('2.5GB');
    await page.getByLabel('건수').fill('많음');
    await page.getByTestId('step-next').click();
    const errors = page.locator('.field-errors');
    await poll(() => errors.first().innerText()).toContain('소수점 없는 숫자를 입력하세요');
    expect(await page.locator('main').innerText()).not.toMatch(/integer|number 형식/);
    await screenshot(w, 'newcomer-editor-content', 'ko');
    await page.getByLabel('건수').fill('1200');
    await page.getByTestId('field-languages').fill('ko, en');
    await poll(() => page.getByTestId('languages-readback').innerText()).toContain('한국어, 영어');
    // Saved as typed in words: 2.5 GB is 2,500,000,000 bytes, 1,200 records (the working copy the editor wrote).
    await page.getByTestId('step-next').click();
    await poll(() => new URL(page.url()).searchParams.get('step')).toBe('3');
    const saved = (await (await page.request.get(`${e2e.url}/api/v1/datasets/${target!.id}`)).json()) as { size?: { bytes?: number; records?: number }; languages?: string[] };
    expect(saved.size).toMatchObject({ bytes: 2_500_000_000, records: 1200 });
    expect(saved.languages).toEqual(['ko', 'en']);

    await open(w, e2e.url, `/workspace/datasets/${target!.id}?step=3`, 'en');
    await page.getByRole('radio', { name: 'Only these countries' }).check();
    await page.getByTestId('field-countries').fill('KR, usa, US');
    await poll(() => page.getByTestId('countries-readback').innerText()).toContain('South Korea, United States');
    await page.getByTestId('step-next').click();
    const countryErrors = page.locator('.field-errors li', { hasText: 'country code' });
    await poll(() => countryErrors.count()).toBe(1); // once, at the field
    expect(await page.getByTestId('dua-link').first().getAttribute('href')).toBe('/agreements/dua');
    await screenshot(w, 'newcomer-editor-disclosure', 'en');
    w.expectNoProblems();
    await page.close();
  });
});
