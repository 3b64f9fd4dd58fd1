// "Cite this dataset" on a dataset page with two published versions, in Korean and English: the
// citation in the UI language and the other, copy confirmed to screen readers, the version select,
// the downloads, a cited address (?version=1) opening on that version; axe clean, screenshots saved.
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectAccessible } from './helpers/axe';
import { open, poll, screenshot, SCREENSHOT_DIR, useE2E } from './helpers/harness';

const SLUG = 'elderly-speech-commands';
const e2e = useE2E();

/** An unsafe API call from the page's session (with its CSRF token). */
async function send(page: Page, method: 'post' | 'patch', url: string, data: unknown, headers: Record<string, string> = {}) {
  const me = (await (await page.request.get(`${e2e.url}/api/v1/auth/me`)).json()) as { csrfToken: string };
  const res = await page.request[method](`${e2e.url}/api/v1${url}`, { data, headers: { 'x-csrf-token': me.csrfToken, ...headers } });
  expect(res.status(), `${method} ${url}: ${await res.text()}`).toBe(200);
}

describe('cite this dataset', { timeout: 240_000 }, () => {
  it('cites the version asked for, in both languages, copies and downloads it', async () => {
    const w = await e2e.newPage();
    const { page } = w;
    // A second version with a new title, so the versions differ in what they cite.
    await e2e.signIn(w, 'provider@demo.kr');
    const current = await page.request.get(`${e2e.url}/api/v1/datasets/${SLUG}`);
    const firstTitle = ((await current.json()) as { title: { ko: string; en: string } }).title;
    await send(page, 'patch', `/datasets/${SLUG}`, { title: { ko: '고령자 음성 명령어 데이터 2차', en: 'Older Adult Voice Command Speech, second release' } }, { 'if-match': current.headers().etag });
    await send(page, 'post', `/datasets/${SLUG}/submit`, {});
    await e2e.signIn(w, 'reviewer@demo.kr');
    await send(page, 'post', `/datasets/${SLUG}/review`, { action: 'approve', comment: 'ok' });
    await e2e.signOut();
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: e2e.url });

    for (const lang of ['ko', 'en'] as const) {
      await open(w, e2e.url, `/datasets/${SLUG}`, lang);
      const panel = page.getByTestId('cite-panel');
      const text = panel.getByTestId('cite-text');
      await text.waitFor();
      expect(await panel.locator('h2').innerText()).toBe(lang === 'ko' ? '이 데이터셋 인용하기' : 'Cite this dataset');
      const v2 = lang === 'ko' ? '고령자 음성 명령어 데이터 2차 (버전 2) [데이터셋]. K–US Data Bridge.' : 'Older Adult Voice Command Speech, second release (Version 2) [Data set]. K–US Data Bridge.';
      expect(await text.innerText()).toContain(v2);
      expect(await text.getAttribute('lang')).toBe(lang);
      expect(await text.innerText()).toMatch(new RegExp(`/datasets/${SLUG}\\?version=2$`));

      // Copy: the clipboard holds the citation, and a live region says so.
      await panel.getByTestId('cite-copy').click();
      const status = panel.getByTestId('cite-copy-status');
      expect(await status.getAttribute('aria-live')).toBe('polite');
      await poll(() => status.innerText()).toBe(lang === 'ko' ? '인용문을 클립보드에 복사했습니다.' : 'Citation copied to the clipboard.');
      expect(await page.evaluate(() => (globalThis as any).navigator.clipboard.readText())).toBe(await text.innerText());

      await expectAccessible(w, `cite panel (${lang})`);
      await screenshot(w, 'citation-dataset-page', lang);
      await panel.screenshot({ path: path.join(SCREENSHOT_DIR, `citation-panel-${lang}.png`) });

      // The other language, one click away.
      const other = lang === 'ko' ? 'en' : 'ko';
      await panel.getByTestId('cite-other-language').click();
      await poll(() => text.getAttribute('lang')).toBe(other);
      expect(await text.innerText()).toContain(other === 'ko' ? '(버전 2) [데이터셋]' : '(Version 2) [Data set]');

      // The first version: its own title, and downloads of that version.
      const select = panel.getByTestId('cite-version');
      expect(await select.locator('option').count()).toBe(2);
      await select.selectOption('1');
      await poll(() => text.innerText()).toContain(other === 'ko' ? `${firstTitle.ko} (버전 1)` : `${firstTitle.en} (Version 1)`);
      const bib = await panel.getByTestId('cite-bibtex').getAttribute('href');
      expect(bib).toContain('format=bibtex');
      const file = await page.request.get(`${e2e.url}${bib}`);
      expect(file.headers()['content-type']).toBe('application/x-bibtex; charset=utf-8');
      expect(file.headers()['content-disposition']).toBe(`attachment; filename=${SLUG}-v1.bib`);
      expect(await file.text()).toContain(`@misc{${SLUG}-v1,`);
      for (const id of ['cite-ris', 'cite-csl-json']) {
        const res = await page.request.get(`${e2e.url}${await panel.getByTestId(id).getAttribute('href')}`);
        expect(res.status(), id).toBe(200);
        expect(res.headers()['content-disposition']).toMatch(new RegExp(`^attachment; filename=${SLUG}-v1\\.(ris|json)$`));
      }
      await expectAccessible(w, `cite panel, first version (${other})`);
    }

    // The address a citation points to opens the panel on that version.
    await open(w, e2e.url, `/datasets/${SLUG}?version=1`, 'en');
    const text = page.getByTestId('cite-text');
    await text.waitFor();
    await poll(() => text.innerText()).toContain(`${firstTitle.en} (Version 1) [Data set]`);
    expect(await page.getByTestId('cite-version').inputValue()).toBe('1');
    w.expectNoProblems();
  });
});
