// Issue 13, "grant-aware everywhere", in Chromium, in Korean and English: a US partner with an open
// request is sent to it instead of a second request form; the reviewer's expiry is filled from the
// requested duration and a shorter one shows as a change; once approved, the dataset page shows
// "your access" (scope, purpose, conditions, countdown, the files and the provider's SFTP link) and
// "Can I use this?" names the grant; after expiry the panel says so and offers to request again.
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AccessRequest } from '../../server/access/model';
import { Dataset } from '../../server/datasets/model';
import { EXTERNAL_ACCESS } from '../../seed/data/external-access';
import { expectAccessible } from './helpers/axe';
import { DEMO_PASSWORD, open, poll, screenshot, SCREENSHOT_DIR, startE2E, type E2E, type Lang, type WatchedPage } from './helpers/harness';

const SLUG = 'korean-spontaneous-speech-2023';
const PARTNER = 'partner@demo.org';
const REVIEWER = 'reviewer@demo.kr';
const STATEMENT = 'We will benchmark Korean conversational speech recognition in a joint university project; no redistribution.';
const CONDITION = '연구 결과 발표 시 출처를 표기할 것';
const REQUESTED_DAYS = 60;
const SFTP = EXTERNAL_ACCESS[SLUG].find((e) => e.kind === 'url')!;
const DAY = 86_400_000;

let e2e: E2E;
let requestId: string;

beforeAll(async () => {
  e2e = await startE2E();
  // The partner's request for the full data, made through the API as the request form would.
  const partner = await e2e.app.login(PARTNER, DEMO_PASSWORD);
  const datasetId = String((await Dataset.findOne({ slug: SLUG }).lean())!._id);
  const res = await partner.post(
    '/api/v1/access-requests',
    {
      datasetId,
      scope: 'full',
      purpose: 'research',
      statement: STATEMENT,
      durationDays: REQUESTED_DAYS,
      acceptedAgreements: ['dua', 'cross_border_agreement'],
    },
    { 'idempotency-key': `your-access-${Date.now()}` },
  );
  if (res.status !== 201) throw new Error(`request failed: ${res.status} ${res.text}`);
  requestId = res.body.id;
}, 240_000);
beforeEach(({ task, onTestFailed }) => {
  onTestFailed(() => e2e?.captureFailure(task.name));
});
afterAll(async () => {
  await e2e?.close();
}, 60_000);

/** yyyy-mm-dd of `days` from now in the browser's time zone (Asia/Seoul), as a date input shows it. */
function seoulDate(days: number): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Seoul', year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    new Date(Date.now() + days * DAY),
  );
}

async function expectExistingRequestInsteadOfForm(w: WatchedPage, lang: Lang, status: string) {
  const { page } = w;
  await open(w, e2e.url, `/datasets/${SLUG}/request?scope=full&purpose=research`, lang);
  const notice = page.getByTestId('existing-request');
  await notice.waitFor();
  expect(await notice.getAttribute('data-status')).toBe(status);
  expect(await page.getByTestId('existing-request-link').getAttribute('href')).toBe(`/requests/${requestId}`);
  expect(await page.getByTestId('request-statement').count()).toBe(0);
  expect(await page.getByTestId('request-submit').count()).toBe(0);
  expect(await notice.innerText()).toMatch(lang === 'ko' ? /이미/ : /already/i);
}

describe('describing external access in the guided editor', { timeout: 120_000 }, () => {
  it('the provider adds an SFTP link in the files step; an http address is refused with a message in Korean; it waits for review', async () => {
    const w = await e2e.newPage();
    const { page } = w;
    const slug = 'meeting-speech-multi-speaker';
    const id = String((await Dataset.findOne({ slug }).lean())!._id);
    await e2e.signIn(w, 'provider@demo.kr');
    await open(w, e2e.url, `/workspace/datasets/${id}?step=6`, 'ko');
    const editor = page.getByTestId('external-access-editor');
    await editor.waitFor();
    await editor.getByTestId('external-access-add').click();
    await editor.getByTestId('external-access-kind').selectOption('url');
    await editor.getByTestId('external-access-url').fill('http://sftp.kdata-agency.example/meeting');
    await editor.getByTestId('external-access-ko').fill('기관 SFTP 서버에서 전체 회의 음성을 내려받으세요.');
    await editor.getByTestId('external-access-en').fill('Download the full meeting audio from the agency SFTP server.');
    await editor.getByTestId('external-access-save').click();
    await poll(() => editor.locator('.field-errors').innerText()).toContain('https://로 시작하는 보안 웹 주소를 입력하세요.');
    await screenshot(w, 'external-access-editor-error', 'ko');
    await expectAccessible(w, 'external access editor with an error (ko)');
    await editor.getByTestId('external-access-url').fill('https://sftp.kdata-agency.example/meeting');
    await editor.getByTestId('external-access-save').click();
    await editor.locator('.notice.success').waitFor();
    const stored = (await Dataset.findById(id).lean())!;
    expect(stored.externalAccess).toEqual([
      expect.objectContaining({
        kind: 'url',
        url: 'https://sftp.kdata-agency.example/meeting',
        text: expect.objectContaining({ en: expect.stringContaining('SFTP') }),
      }),
    ]);
    // Published only through review: the catalogue's face has none yet.
    expect(stored.live?.externalAccess).toBeUndefined();
    await screenshot(w, 'external-access-editor', 'ko');
    w.expectNoProblems();
    await page.close();
  });
});

describe('grant-aware pages', { timeout: 240_000 }, () => {
  it('with a request open, the form links to it (en, ko); the reviewer sees the requested period and a shorter one as a change', async () => {
    const w = await e2e.newPage();
    const { page } = w;
    await e2e.signIn(w, PARTNER);
    for (const lang of ['en', 'ko'] as const) {
      await expectExistingRequestInsteadOfForm(w, lang, 'submitted');
      await screenshot(w, 'request-form-existing', lang);
      await expectAccessible(w, `request form with an open request (${lang})`);
    }
    // Another purpose is a different request: the form is offered.
    await page.getByTestId('request-purpose').selectOption('education');
    await page.getByTestId('request-statement').waitFor();
    await page.getByTestId('request-purpose').selectOption('research');
    await page.getByTestId('existing-request').waitFor();
    await page.getByTestId('existing-request-link').click();
    await page.waitForURL(new RegExp(`/requests/${requestId}$`));
    w.expectNoProblems();

    // --- Reviewer: the expiry starts at the requested 60 days; 30 days reads as a shorter grant.
    await e2e.signIn(w, REVIEWER);
    for (const lang of ['en', 'ko'] as const) {
      await open(w, e2e.url, `/review/access/${requestId}`, lang);
      await page.getByTestId('access-decision').waitFor();
      await page.getByTestId('decision-approve').check();
      const expires = page.getByTestId('decision-expires');
      await poll(() => expires.inputValue()).toBe(seoulDate(REQUESTED_DAYS));
      const change = page.getByTestId('expiry-change');
      await poll(() => change.getAttribute('data-change')).toBe('same');
      await expires.fill(seoulDate(30));
      await poll(() => change.getAttribute('data-change')).toBe('shorter');
      const text = await change.innerText();
      expect(text).toMatch(lang === 'ko' ? /60일.*30일/ : /60 days.*30 days/);
      await screenshot(w, 'access-decision-shorter', lang);
      await expectAccessible(w, `decision with a shorter expiry (${lang})`);
    }
    // Back to the requested period, with a condition, and approve.
    await page.getByTestId('decision-expires').fill(seoulDate(REQUESTED_DAYS));
    await poll(() => page.getByTestId('expiry-change').getAttribute('data-change')).toBe('same');
    await page.getByTestId('decision-reason').fill('연구 목적이 명확하고 국외 반출 협약이 확인되었습니다.');
    await page.getByTestId('add-condition').click();
    await page.getByTestId('decision-condition').first().fill(CONDITION);
    await page.getByTestId('decision-submit').click();
    await page.getByTestId('decision-submit').waitFor({ state: 'detached' });
    const approved = await AccessRequest.findById(requestId).lean();
    expect(approved).toMatchObject({ status: 'approved', conditions: [CONDITION] });
    expect(approved!.expiresAt!.getTime()).toBeGreaterThan(Date.now() + (REQUESTED_DAYS - 1) * DAY);
    w.expectNoProblems();
    await page.close();
  });

  it('the partner sees "your access" with the grant, its files and the SFTP link; after expiry it offers to request again (en, ko)', async () => {
    const w = await e2e.newPage();
    const { page } = w;
    await e2e.signIn(w, PARTNER);
    for (const lang of ['en', 'ko'] as const) {
      await open(w, e2e.url, `/datasets/${SLUG}`, lang);
      const panel = page.getByTestId('your-access');
      const grant = panel.getByTestId('grant');
      await grant.waitFor();
      expect(await grant.getAttribute('data-scope')).toBe('full');
      expect(await grant.getAttribute('data-purpose')).toBe('research');
      expect(await grant.getByTestId('grant-conditions').innerText()).toContain(CONDITION);
      expect(await grant.getByTestId('grant-expiry').innerText()).toMatch(lang === 'ko' ? /\d+일 남음/ : /\d+ days left/);
      await poll(() => grant.getByTestId('grant-files').locator('a.download-link').count()).toBeGreaterThan(0);
      const href = await grant.getByTestId('grant-files').locator('a.download-link').first().getAttribute('href');
      expect(href).toMatch(/\/download\?purpose=research$/);
      const external = grant.getByTestId('external-access');
      expect(await external.locator(`a[href="${SFTP.url}"]`).count()).toBe(1);
      expect(await external.innerText()).toContain(SFTP.text[lang]);
      expect(await grant.locator(`a[href="/requests/${requestId}"]`).count()).toBe(1);
      // "Can I use this?" counts the grant: allowed, and its requirements met by it.
      const can = page.getByTestId('can-i-use');
      await can.locator('input[type="radio"][value="full"]').check();
      await can.locator('[data-testid="decision"][data-decision="allow"]').waitFor();
      await can.getByTestId('allowed-by-grant').waitFor();
      expect(await can.getByTestId('met-by-grant').count()).toBeGreaterThan(0);
      expect(await can.locator('.badge.warning').count()).toBe(0);
      await screenshot(w, 'your-access', lang);
      await panel.screenshot({ path: path.join(SCREENSHOT_DIR, `your-access-panel-${lang}.png`) });
      await expectAccessible(w, `your access (${lang})`);
    }
    // On a phone the panel fits the width: long links wrap instead of widening the page.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByTestId('your-access').scrollIntoViewIfNeeded();
    const overflow = () =>
      page.getByTestId('your-access').evaluate((el: any) => {
        const right = el.getBoundingClientRect().right;
        const wide = [...el.querySelectorAll('*')].filter((x: any) => x.getBoundingClientRect().right > right + 1);
        return { scroll: el.scrollWidth - el.clientWidth, wide: wide.map((x: any) => x.tagName + '.' + x.className).slice(0, 5) };
      });
    await poll(overflow).toEqual({ scroll: 0, wide: [] });
    await page.getByTestId('your-access').screenshot({ path: path.join(SCREENSHOT_DIR, 'your-access-panel-390-ko.png') });
    await page.setViewportSize({ width: 1280, height: 900 });
    // The request form now points at the active grant.
    await expectExistingRequestInsteadOfForm(w, 'en', 'approved');
    w.expectNoProblems();

    // --- The grant lapses.
    await AccessRequest.updateOne({ _id: requestId }, { $set: { expiresAt: new Date(Date.now() - 60_000) } });
    for (const lang of ['en', 'ko'] as const) {
      await open(w, e2e.url, `/datasets/${SLUG}`, lang);
      const ended = page.getByTestId('grant-ended');
      await ended.waitFor();
      expect(await ended.getAttribute('data-status')).toBe('expired');
      expect(await ended.innerText()).toMatch(lang === 'ko' ? /끝났습니다/ : /expired on/);
      expect(await page.getByTestId('grant').count()).toBe(0);
      expect(await page.content()).not.toContain(SFTP.url);
      await screenshot(w, 'your-access-expired', lang);
      await expectAccessible(w, `your access expired (${lang})`);
    }
    await page.getByTestId('request-again').click();
    await page.waitForURL(new RegExp(`/datasets/${SLUG}/request\\?`));
    await page.getByTestId('request-statement').waitFor();
    expect(await page.getByTestId('existing-request').count()).toBe(0);
    w.expectNoProblems();
    await page.close();
  });
});
