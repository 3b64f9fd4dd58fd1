// Issue 13 "Done means": the whole access journey in Chromium, once in Korean and once in English,
// each on a dataset of its own. The provider uploads a sample and a full-data file (in parts) in
// the dataset editor and submits; the reviewer, notified, approves and publishes; the US partner
// requests the full data for 90 days; the reviewer, notified, approves without touching the expiry
// (it defaults to the requested 90 days); the partner, notified, sees "your access" and downloads
// the full file byte-identical; once the grant has expired the same download link lands on a page
// in the partner's language that says when the access ended and offers to request again.
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { AccessRequest } from '../../server/access/model';
import { Dataset } from '../../server/datasets/model';
import { buildDataset } from '../helpers/factories';
import { expectAccessible } from './helpers/axe';
import { DEMO_PASSWORD, open, poll, screenshot, SCREENSHOT_DIR, useE2E, type Lang, type WatchedPage } from './helpers/harness';

const e2e = useE2E();

const PROVIDER = 'provider@demo.kr';
const REVIEWER = 'reviewer@demo.kr';
const PARTNER = 'partner@demo.org';
const MiB = 1024 * 1024;
const DAY = 86_400_000;
const REQUESTED_DAYS = 90;
const sha = (b: Buffer | Uint8Array) => createHash('sha256').update(b).digest('hex');

const STATEMENT = {
  ko: '대학 연구실에서 한국어 대화 음성 인식 모델을 학습하고 평가하는 데만 사용하며 재배포하지 않습니다.',
  en: 'We will train and evaluate a Korean conversational speech recognition model in our university lab; no redistribution.',
};
const CONDITION = { ko: '연구 결과 발표 시 출처를 표기할 것', en: 'Cite the dataset in any publication' };
const WORDS = {
  ko: { submitted: '심사를 요청했습니다', requested: '이용을 신청했습니다', approved: '승인되었습니다', daysLeft: /(\d+)일 남음/, expired: '이용 기간이', again: '다시 이용 신청하기' },
  en: { submitted: 'submitted', requested: 'requested access', approved: 'was approved', daysLeft: /(\d+) days? left/, expired: 'Your access expired on', again: 'Request access again' },
};

/** yyyy-mm-dd of an instant in the browser's time zone (Asia/Seoul), as a date input shows it. */
function seoulDate(at: Date | number): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Seoul', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(at));
}

/**
 * Saves a full-page screenshot at phone width (390 px) and, readable at full size, one of `part`
 * (the step's key element), then returns to the desktop width.
 */
async function phoneShot(w: WatchedPage, name: string, lang: Lang, part: Locator): Promise<void> {
  await w.page.setViewportSize({ width: 390, height: 844 });
  // Nothing sticks out sideways at phone width.
  await poll(() => w.page.evaluate(() => (globalThis as any).document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await screenshot(w, `${name}-390`, lang);
  await part.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}-390-part-${lang}.png`) });
  await w.page.setViewportSize({ width: 1280, height: 900 });
}

/** The notification bell shows unread notifications; following it lists one that contains every `texts`, whose link is followed. */
async function followNotification(w: WatchedPage, lang: Lang, texts: string[], shot: string): Promise<void> {
  const { page } = w;
  await open(w, e2e.url, '/', lang);
  const bell = page.getByTestId('notification-bell');
  await poll(() => page.getByTestId('notification-count').count(), 'unread count on the bell').toBe(1);
  await bell.click();
  await page.waitForURL(/\/notifications/);
  let item = page.getByTestId('notification-item');
  for (const text of texts) item = item.filter({ hasText: text });
  await item.first().waitFor();
  expect(await item.count(), `one notification with ${texts.join(' + ')}`).toBe(1);
  expect(await item.locator('.badge.primary').count(), 'the notification is unread').toBe(1);
  await screenshot(w, shot, lang);
  await expectAccessible(w, `${shot} (${lang})`);
  await item.getByRole('link').first().click();
  // Opening it read it: it no longer counts as unread.
  await poll(async () => {
    const res = await page.request.get(`${e2e.url}/api/v1/notifications?pageSize=100&lang=${lang}`);
    const items = ((await res.json()) as { items: { message: string; read: boolean }[] }).items;
    return items.filter((n) => texts.every((x) => n.message.includes(x))).map((n) => n.read);
  }, 'the opened notification is read').toEqual([true]);
}

/** The step number in the editor's address once it moved on. */
async function nextStep(page: Page, to: number): Promise<void> {
  await page.getByTestId('step-next').click();
  await poll(() => new URL(page.url()).searchParams.get('step'), `step ${to}`).toBe(String(to));
}

describe('the access journey, from upload to expiry', { timeout: 300_000 }, () => {
  for (const lang of ['ko', 'en'] as const) {
    it(`provider publishes full data, a US partner gets it for the requested 90 days and is refused after expiry (${lang})`, async () => {
      const words = WORDS[lang];
      const tag = `${lang}-${randomBytes(3).toString('hex')}`;
      const title = { ko: `여정 시험용 대화 음성 ${tag}`, en: `Journey conversational speech ${tag}` };
      const shown = title[lang];
      const sampleCsv = Buffer.from('utt_id,speaker,text\nj-0001,s01,안녕하세요\nj-0002,s02,반갑습니다\n', 'utf8');
      const sampleName = `journey-sample-${lang}.csv`;
      // A few MiB more than the server's 8 MiB part size: the uploader sends two parts.
      const full = randomBytes(8 * MiB + 54_321);
      const fullName = `journey-full-${lang}.bin`;

      // --- Provider: the draft's metadata through the API (the guided editor's seven steps are
      // covered by publish.test.ts); the files and the submission through the editor in the browser.
      const providerApi = await e2e.app.login(PROVIDER, DEMO_PASSWORD);
      const body = buildDataset({ title });
      body.disclosure = {
        ...body.disclosure,
        accessLevel: 'approval',
        samplesAccess: 'registered',
        allowedPurposes: ['research', 'education'],
        conditions: { dua: true, irb: false, attribution: true, noRedistribution: true },
        // The partner asks for the longest period the provider allows.
        maxGrantDays: REQUESTED_DAYS,
      };
      const created = await providerApi.post('/api/v1/datasets', body);
      expect(created.status, created.text).toBe(201);
      const id = created.body.id as string;
      const slug = body.slug as string;

      const w = await e2e.newPage();
      const { page } = w;
      await e2e.signIn(w, PROVIDER);
      await open(w, e2e.url, `/workspace/datasets/${id}?step=6`, lang);
      await page.getByTestId('upload-panel').waitFor();
      await page.getByTestId('upload-kind').selectOption('sample');
      await page.getByTestId('upload-file').setInputFiles({ name: sampleName, mimeType: 'text/csv', buffer: sampleCsv });
      await page.getByTestId('upload-start').click();
      await page.getByTestId('upload-result').waitFor();
      await poll(() => page.getByTestId('artifact-row').filter({ hasText: sampleName }).count()).toBe(1);
      // The full data goes through the multipart uploader, part by part.
      const partPuts: string[] = [];
      page.on('request', (req) => {
        if (req.method() === 'PUT' && /[?&]partNumber=\d+/.test(req.url())) partPuts.push(req.url());
      });
      await page.getByTestId('upload-kind').selectOption('data');
      await page.getByTestId('upload-file').setInputFiles({ name: fullName, mimeType: 'application/octet-stream', buffer: full });
      await page.getByTestId('upload-start').click();
      await page.getByTestId('upload-result').filter({ hasText: fullName }).waitFor({ timeout: 90_000 });
      await poll(() => page.getByTestId('artifact-row').filter({ hasText: fullName }).count()).toBe(1);
      expect(partPuts.length, 'parts sent to storage').toBe(2);
      const stored = (await Dataset.findById(id).lean())!.artifacts;
      const fullArtifact = stored.find((a) => a.filename === fullName)!;
      expect(fullArtifact).toMatchObject({ kind: 'data', status: 'available', bytes: full.length, sha256: sha(full) });
      expect(stored.find((a) => a.filename === sampleName)).toMatchObject({ kind: 'sample', status: 'available', sha256: sha(sampleCsv) });
      expect(await e2e.app.storage.sha256(fullArtifact.key)).toBe(sha(full));
      await screenshot(w, 'journey-1-editor-files', lang);
      await expectAccessible(w, `editor files step (${lang})`);
      await nextStep(page, 7);
      await page.getByTestId('submit-for-review').click();
      await page.getByTestId('submitted').waitFor();
      await screenshot(w, 'journey-1-submitted', lang);
      await expectAccessible(w, `editor submitted (${lang})`);
      expect((await Dataset.findById(id).lean())!.status).toBe('in_review');
      w.expectNoProblems();

      // --- Reviewer: told of the submission, opens it, approves and publishes (after confirming).
      await e2e.signIn(w, REVIEWER);
      await followNotification(w, lang, [shown, words.submitted], 'journey-2-reviewer-notified');
      await page.waitForURL(new RegExp(`/review\\?open=${id}`));
      const detail = page.getByTestId('review-detail');
      await detail.waitFor();
      await poll(() => detail.innerText()).toContain(fullName);
      await page.getByTestId('review-comment').fill(lang === 'ko' ? '공개 기준을 충족합니다.' : 'Meets the publication criteria.');
      await page.getByTestId('approve').click();
      await page.getByTestId('approve-confirm').waitFor();
      await screenshot(w, 'journey-2-approve-confirm', lang);
      await expectAccessible(w, `publication confirmation (${lang})`);
      await page.getByTestId('approve-confirm-yes').click();
      await page.getByTestId('review-success').waitFor();
      await screenshot(w, 'journey-2-published', lang);
      expect(await Dataset.findById(id).lean()).toMatchObject({ status: 'published', version: 1 });
      w.expectNoProblems();

      // --- Partner: "Can I use this?" for the full data, then the request form: 90 days.
      await e2e.signIn(w, PARTNER);
      await open(w, e2e.url, `/datasets/${slug}`, lang);
      await poll(() => page.getByRole('heading', { level: 1 }).innerText()).toContain(shown);
      const can = page.getByTestId('can-i-use');
      await can.getByTestId('can-i-use-purpose').selectOption('research');
      await can.locator('input[type="radio"][value="full"]').check();
      await can.locator('[data-testid="decision"][data-decision="request_required"]').waitFor();
      await screenshot(w, 'journey-3-dataset-before', lang);
      await expectAccessible(w, `dataset page before the request (${lang})`);
      await can.getByTestId('request-access').click();
      await page.waitForURL(new RegExp(`/datasets/${slug}/request`));
      await page.getByTestId('request-statement').fill(STATEMENT[lang]);
      await page.getByTestId('request-duration').fill(String(REQUESTED_DAYS));
      const agreements = page.locator('[data-testid="request-agreements"] input[type="checkbox"]');
      await poll(() => agreements.count()).toBeGreaterThan(0);
      for (let i = 0; i < (await agreements.count()); i++) await agreements.nth(i).check();
      await screenshot(w, 'journey-3-request-form', lang);
      await expectAccessible(w, `request form (${lang})`);
      await phoneShot(w, 'journey-3-request-form', lang, page.getByTestId('request-form-page'));
      await page.getByTestId('request-submit').click();
      await page.waitForURL(/\/requests\/[0-9a-f]{24}/);
      const requestId = /\/requests\/([0-9a-f]{24})/.exec(page.url())![1];
      await poll(() => page.getByTestId('request-detail').getAttribute('data-status')).toBe('submitted');
      expect(await AccessRequest.findById(requestId).lean()).toMatchObject({ scope: 'full', purpose: 'research', durationDays: REQUESTED_DAYS });
      await screenshot(w, 'journey-3-request-submitted', lang);
      await expectAccessible(w, `request submitted (${lang})`);
      w.expectNoProblems();

      // --- Reviewer: told of the request; approves with a condition, the expiry left as it comes.
      await e2e.signIn(w, REVIEWER);
      await followNotification(w, lang, [shown, words.requested], 'journey-4-request-notified');
      await page.waitForURL(new RegExp(`/review/access/${requestId}`));
      await page.getByTestId('access-decision').waitFor();
      const claim = page.getByTestId('claim');
      if (await claim.count()) {
        await claim.click();
        await claim.waitFor({ state: 'detached' });
      }
      await page.getByTestId('decision-approve').check();
      const expectedDay = seoulDate(Date.now() + REQUESTED_DAYS * DAY);
      await poll(() => page.getByTestId('decision-expires').inputValue(), 'the expiry defaults to the requested period').toBe(expectedDay);
      await poll(() => page.getByTestId('expiry-change').getAttribute('data-change')).toBe('same');
      expect(await page.getByTestId('expiry-change').innerText()).toMatch(lang === 'ko' ? /90일/ : /90 days/);
      await page.getByTestId('decision-reason').fill(lang === 'ko' ? '연구 목적이 명확합니다.' : 'The research purpose is clear.');
      await page.getByTestId('add-condition').click();
      await page.getByTestId('decision-condition').first().fill(CONDITION[lang]);
      await screenshot(w, 'journey-4-decision', lang);
      await expectAccessible(w, `access decision (${lang})`);
      await phoneShot(w, 'journey-4-decision', lang, page.locator('form:has([data-testid="decision-submit"])'));
      await page.getByTestId('decision-submit').click();
      await page.getByTestId('decision-submit').waitFor({ state: 'detached' });
      const approved = (await AccessRequest.findById(requestId).lean())!;
      expect(approved).toMatchObject({ status: 'approved', conditions: [CONDITION[lang]] });
      expect(seoulDate(approved.expiresAt!), 'the grant ends on the requested day').toBe(expectedDay);
      expect(approved.expiresAt!.getTime()).toBeGreaterThan(Date.now() + (REQUESTED_DAYS - 1) * DAY);
      await screenshot(w, 'journey-4-decided', lang);
      await expectAccessible(w, `access decided (${lang})`);
      w.expectNoProblems();

      // --- Partner: told of the approval; "your access" on the dataset page; the full file downloads.
      await e2e.signIn(w, PARTNER);
      await followNotification(w, lang, [shown, words.approved], 'journey-5-partner-notified');
      await page.waitForURL(new RegExp(`/requests/${requestId}`));
      await poll(() => page.getByTestId('request-detail').getAttribute('data-status')).toBe('approved');
      expect(await page.getByTestId('conditions').innerText()).toContain(CONDITION[lang]);
      await open(w, e2e.url, `/datasets/${slug}`, lang);
      const grant = page.getByTestId('your-access').getByTestId('grant');
      await grant.waitFor();
      expect(await grant.getAttribute('data-scope')).toBe('full');
      expect(await grant.getAttribute('data-purpose')).toBe('research');
      expect(await grant.getByTestId('grant-conditions').innerText()).toContain(CONDITION[lang]);
      const left = words.daysLeft.exec(await grant.getByTestId('grant-expiry').innerText());
      expect(left, 'an expiry countdown').not.toBeNull();
      expect(Number(left![1])).toBeGreaterThanOrEqual(REQUESTED_DAYS - 1);
      expect(Number(left![1])).toBeLessThanOrEqual(REQUESTED_DAYS);
      const fileLink = grant.getByTestId('grant-files').locator('a.download-link').filter({ hasText: fullName });
      await fileLink.waitFor();
      await screenshot(w, 'journey-5-your-access', lang);
      await expectAccessible(w, `your access (${lang})`);
      await phoneShot(w, 'journey-5-your-access', lang, page.getByTestId('your-access'));
      const href = (await fileLink.getAttribute('href'))!;
      expect(href).toContain(`/artifacts/${fullArtifact.id}/download`);
      // Following the link: the API redirects to a short-lived storage URL and the browser downloads.
      const redirect = page.waitForResponse((r) => r.url().includes(`/artifacts/${fullArtifact.id}/download`) && r.status() === 302);
      const downloading = page.waitForEvent('download');
      await fileLink.click();
      const presigned = (await (await redirect).headerValue('location'))!;
      expect(presigned).toMatch(/^https?:\/\//);
      const download = await downloading;
      expect(download.suggestedFilename()).toBe(fullName);
      expect(sha(readFileSync((await download.path())!)), 'the downloaded file').toBe(sha(full));
      const fetched = await fetch(presigned);
      expect(fetched.status).toBe(200);
      expect(sha(Buffer.from(await fetched.arrayBuffer())), 'the presigned URL serves the uploaded bytes').toBe(sha(full));
      w.expectNoProblems();

      // --- The grant expires; the same link now lands on a page that says so and offers to renew.
      const endedAt = new Date(Date.now() - 2 * DAY);
      await AccessRequest.updateOne({ _id: requestId }, { $set: { expiresAt: endedAt } });
      const date = new Intl.DateTimeFormat(lang === 'ko' ? 'ko-KR' : 'en-US', { dateStyle: 'medium', timeZone: 'Asia/Seoul' }).format(endedAt);
      const expectRefusal = async () => {
        const filePage = page.getByTestId('file-page');
        await poll(() => filePage.getAttribute('data-outcome')).toBe('refused');
        expect(await filePage.getAttribute('data-decision')).toBe('request_required');
        await poll(() => page.evaluate(() => (globalThis as any).document.documentElement.lang)).toBe(lang);
        const text = await page.locator('body').innerText();
        expect(text).not.toContain('"code"');
        expect(text).not.toContain('download_not_allowed');
        const expired = await page.getByTestId('file-expired').innerText();
        expect(expired).toContain(words.expired);
        expect(expired.replace(/\s/g, '')).toContain(date.replace(/\s/g, ''));
        const again = page.getByTestId('file-request');
        expect(await again.innerText()).toBe(words.again);
        expect(await again.getAttribute('href')).toMatch(new RegExp(`/request\\?scope=full&purpose=research$`));
      };
      // The link of "your access", kept as a bookmark: a browser navigation to the API.
      await page.goto(new URL(href, e2e.url).toString());
      await page.waitForURL(new RegExp(`/datasets/[^/]+/files/${fullArtifact.id}`));
      await expectRefusal();
      await screenshot(w, 'journey-6-refused-expired', lang);
      await expectAccessible(w, `download refused after expiry (${lang})`);
      await phoneShot(w, 'journey-6-refused-expired', lang, page.getByTestId('file-page'));
      // The dataset page's own download link for the file leads to the same explanation.
      await open(w, e2e.url, `/datasets/${slug}`, lang);
      await page.getByTestId('grant-ended').waitFor();
      await page.locator(`[data-testid="artifact"][data-kind="data"] a.download-link`).click();
      await page.waitForURL(new RegExp(`/datasets/${slug}/files/${fullArtifact.id}`));
      await expectRefusal();
      // Requesting again opens the form (no active grant or open request blocks it).
      await page.getByTestId('file-request').click();
      await page.waitForURL(new RegExp(`/datasets/${slug}/request\\?scope=full&purpose=research`));
      await page.getByTestId('request-statement').waitFor();
      expect(await page.getByTestId('existing-request').count()).toBe(0);
      w.expectNoProblems();
      await page.close();
    });
  }
});
