// A resubmission in the browser, in Korean and English: the reviewer is notified, opens the
// notification, reads what changed since their request for changes (values before and now, files
// added and removed, their earlier comment), and "approve and publish" asks for confirmation first
// (Escape cancels and nothing is published; confirming publishes).
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Client } from '../helpers/app';
import { buildDataset, uploadSample } from '../helpers/factories';
import { expectAccessible } from './helpers/axe';
import { DEMO_PASSWORD, open, poll, screenshot, SCREENSHOT_DIR, useE2E, type Lang } from './helpers/harness';

const e2e = useE2E();

const COMMENT = {
  ko: '녹음 장비를 밝히고, 이용 범위를 로그인 사용자로 좁혀 주세요.',
  en: 'Name the recording devices and limit access to signed-in users.',
};
// What the page must say in each language: field labels and the label of the new access level.
const WORDS = {
  ko: { title: '제목', lang: '영어', accessLevel: '공개 수준', registered: '로그인 사용자', heading: '지난 심사 이후 바뀐 내용', publish: '공개' },
  en: { title: 'Title', lang: 'English', accessLevel: 'Access level', registered: 'Registered users', heading: 'Changes since the last review', publish: 'Publish' },
};

/** A dataset the demo provider submitted, the demo reviewer sent back, and the provider changed and resubmitted. */
async function resubmittedDataset(provider: Client, reviewer: Client, lang: Lang) {
  const body = buildDataset({ title: { ko: `재제출 심사 ${lang} ${randomBytes(2).toString('hex')}`, en: `Resubmission review ${lang} ${randomBytes(2).toString('hex')}` } });
  const created = await provider.post('/api/v1/datasets', body);
  expect(created.status, created.text).toBe(201);
  const id = created.body.id as string;
  const old = await uploadSample(provider, id, randomBytes(400), { filename: `old-sample-${lang}.csv` });
  expect((await provider.post(`/api/v1/datasets/${id}/submit`, {})).status).toBe(200);
  expect((await reviewer.post(`/api/v1/datasets/${id}/review`, { action: 'request_changes', comment: COMMENT[lang] })).status).toBe(200);
  const newTitle = `${body.title.en} (studio recordings)`;
  const patched = await provider.patch(`/api/v1/datasets/${id}`, { title: { en: newTitle }, disclosure: { accessLevel: 'registered' } });
  expect(patched.status, patched.text).toBe(200);
  await uploadSample(provider, id, randomBytes(300), { filename: `studio-sample-${lang}.csv` });
  expect((await provider.delete(`/api/v1/datasets/${id}/artifacts/${old.done.body.artifact.id}`)).status).toBe(204);
  expect((await provider.post(`/api/v1/datasets/${id}/submit`, {})).status).toBe(200);
  return { id, slug: body.slug as string, title: body.title as { ko: string; en: string }, newTitle };
}

describe('reviewing a resubmission', { timeout: 180_000 }, () => {
  for (const lang of ['ko', 'en'] as const) {
    it(`the reviewer is notified, sees what changed and confirms before publishing (${lang})`, async () => {
      const provider = await e2e.app.login('provider@demo.kr', DEMO_PASSWORD);
      const reviewerApi = await e2e.app.login('reviewer@demo.kr', DEMO_PASSWORD);
      const ds = await resubmittedDataset(provider, reviewerApi, lang);
      const words = WORDS[lang];
      const w = await e2e.newPage();
      const { page } = w;

      // The notification names the dataset in the page's language and leads to the review.
      const shown = lang === 'ko' ? ds.title.ko : ds.newTitle;
      await e2e.signIn(w, 'reviewer@demo.kr');
      await open(w, e2e.url, '/notifications', lang);
      const note = page.getByTestId('notification-item').filter({ hasText: shown }).first();
      await note.waitFor();
      expect(await note.innerText()).toContain(lang === 'ko' ? '다시 제출했습니다' : 'resubmitted');
      await screenshot(w, 'publication-notification', lang);
      await expectAccessible(w, `notifications with a resubmission (${lang})`);
      await note.getByRole('link').first().click();
      await page.waitForURL(new RegExp(`/review\\?open=${ds.id}`));
      await page.getByTestId('review-detail').waitFor();

      // What changed since the request for changes, with the reviewer's comment of then.
      const changes = page.getByTestId('review-changes');
      await changes.waitFor();
      await poll(() => changes.getByRole('heading').first().innerText()).toBe(words.heading);
      await poll(() => changes.getByTestId('previous-comment').innerText()).toBe(COMMENT[lang]);
      const rows = changes.getByTestId('diff-row');
      await poll(async () => (await rows.evaluateAll((els) => els.map((e) => (e as any).getAttribute('data-path')))).sort()).toEqual([
        '/disclosure/accessLevel',
        '/title/en',
      ]);
      const titleRow = await changes.locator('[data-path="/title/en"]').innerText();
      expect(titleRow).toContain(words.title);
      expect(titleRow).toContain(words.lang);
      expect(titleRow).toContain(ds.title.en);
      expect(titleRow).toContain(ds.newTitle);
      const levelRow = await changes.locator('[data-path="/disclosure/accessLevel"]').innerText();
      expect(levelRow).toContain(words.accessLevel);
      expect(levelRow).toContain(words.registered);
      expect(levelRow).not.toContain('registered');
      expect(await changes.getByTestId('since-added-file').innerText()).toContain(`studio-sample-${lang}.csv`);
      expect(await changes.getByTestId('since-removed-file').innerText()).toContain(`old-sample-${lang}.csv`);
      await screenshot(w, 'review-changes', lang);
      await expectAccessible(w, `review with changes since the last review (${lang})`);
      // At phone width the comparison reads row by row and nothing sticks out sideways.
      await page.setViewportSize({ width: 390, height: 844 });
      await poll(() => changes.evaluate((el) => (el as any).scrollWidth - (el as any).clientWidth)).toBeLessThanOrEqual(0);
      mkdirSync(SCREENSHOT_DIR, { recursive: true });
      await changes.screenshot({ path: path.join(SCREENSHOT_DIR, `review-changes-390-${lang}.png`) });
      await page.setViewportSize({ width: 1280, height: 900 });

      // "Approve and publish" asks first; the dialog takes the focus and names the dataset and version.
      const approve = page.getByTestId('approve');
      await approve.click();
      const dialog = page.getByTestId('approve-confirm');
      await dialog.waitFor();
      expect(await dialog.getAttribute('role')).toBe('alertdialog');
      await poll(() => page.evaluate(() => (globalThis as any).document.activeElement?.getAttribute('data-testid'))).toBe('approve-confirm');
      const question = await dialog.innerText();
      expect(question).toContain(shown);
      expect(question).toMatch(lang === 'ko' ? /버전 1/ : /version 1/);
      expect(await page.getByTestId('approve-confirm-yes').innerText()).toContain(words.publish);
      await screenshot(w, 'approve-confirm', lang);
      await expectAccessible(w, `approve confirmation (${lang})`);

      // Escape cancels: nothing published, the focus is back on the button.
      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'detached' });
      await poll(() => page.evaluate(() => (globalThis as any).document.activeElement?.getAttribute('data-testid'))).toBe('approve');
      expect((await reviewerApi.get(`/api/v1/datasets/${ds.id}`)).body.status).toBe('in_review');

      // Confirming publishes version 1; the provider is told.
      await approve.click();
      await page.getByTestId('approve-confirm-yes').click();
      await page.getByTestId('review-success').waitFor();
      expect((await reviewerApi.get(`/api/v1/datasets/${ds.id}`)).body).toMatchObject({ status: 'published', version: 1 });
      const told = await provider.get(`/api/v1/notifications?pageSize=100&lang=${lang}`);
      expect(told.body.items.some((n: { code: string; target: { id: string } }) => n.code === 'dataset_published' && n.target.id === ds.id)).toBe(true);
      w.expectNoProblems();
      await page.close();
    });
  }
});
