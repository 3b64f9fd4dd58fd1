// Membership is granted, never claimed: a new account asks to join an organisation, verifies its
// address, and its organisation admin approves it with a role from the members page. And every
// public change goes through review: a provider adds a file to a published dataset with a change
// summary, the reviewer sees both before approving, and the public history shows the summary.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { Mail } from '../../server/mail/model';
import { expectAccessible } from './helpers/axe';
import path from 'node:path';
import { open, poll, screenshot, SCREENSHOT_DIR, useE2E, type WatchedPage } from './helpers/harness';

const e2e = useE2E();

const AGENCY = 'kdata-agency';
const AGENCY_NAME = { ko: '한국데이터진흥원 (가상 기관)', en: 'Korea Data Promotion Agency (fictional)' };
const APPLICANT = { name: '오지민 (Oh Ji-min)', email: 'oh.jimin@mail.example', password: 'a long enough passphrase for e2e' };
const NOTE = '음성 데이터팀 신규 연구원입니다. 데이터셋 등록 업무를 맡습니다.';

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 900 };

/** Screenshots the page at phone width too, then goes back to the desktop width. */
async function phoneScreenshot(w: WatchedPage, name: string, lang: 'ko' | 'en'): Promise<void> {
  await w.page.setViewportSize(PHONE);
  // Nothing may stick out sideways at 390 px (a horizontal scrollbar hides content).
  const overflow = await w.page.evaluate(() => {
    const d = (globalThis as any).document.documentElement;
    return d.scrollWidth - d.clientWidth;
  });
  expect(overflow, `${name} scrolls sideways at 390 px`).toBeLessThanOrEqual(0);
  await screenshot(w, `${name}-390`, lang);
  await w.page.setViewportSize(DESKTOP);
}

/** Screenshots one part of the page (a long page's detail is unreadable in a full-page picture). */
async function partScreenshot(w: WatchedPage, testId: string, name: string, lang: 'ko' | 'en'): Promise<void> {
  await w.page.getByTestId(testId).first().screenshot({ path: path.join(SCREENSHOT_DIR, `${name}-${lang}.png`) });
}

/** The link of the verification mail sent to `email` (the outbox keeps it when no SMTP server is configured). */
async function verificationToken(email: string): Promise<string> {
  let text = '';
  await poll(async () => {
    text = (await Mail.findOne({ to: email, template: 'verify_email' }).sort({ createdAt: -1 }).lean())?.text ?? '';
    return text;
  }).toContain('/verify-email?token=');
  return /token=([A-Za-z0-9_-]+)/.exec(text)![1];
}

/** Clicks "next" and waits until the step counter in the URL moves on. */
async function nextStep(page: Page, to: number): Promise<void> {
  await page.getByTestId('step-next').click();
  await poll(() => new URL(page.url()).searchParams.get('step'), `step ${to}`).toBe(String(to));
}

describe('organisation membership', { timeout: 180_000 }, () => {
  it('a new account asks to join the agency, its admin approves it as a provider, and the workspace opens', async () => {
    await e2e.signOut();
    const w = await e2e.newPage();
    const { page } = w;

    // --- Registration: the organisation is optional; choosing one says how joining works.
    await open(w, e2e.url, '/register', 'ko');
    const org = page.getByTestId('field-organization');
    await poll(() => org.locator('option').count()).toBeGreaterThan(5);
    expect(await page.getByTestId('join-fieldset').innerText()).toContain('기관 가입 요청(선택)');
    expect(await page.getByTestId('join-fieldset').innerText()).toContain('기관 관리자의 승인');
    expect(await page.getByTestId('field-membership-note').count()).toBe(0);
    await page.getByLabel('이름').fill(APPLICANT.name);
    await page.getByLabel('이메일 주소').fill(APPLICANT.email);
    await page.getByLabel('비밀번호').fill(APPLICANT.password);
    await org.selectOption(AGENCY);
    await poll(() => page.getByTestId('join-rule').innerText()).toContain('관리자가 요청을 검토');
    await page.getByTestId('field-membership-note').fill(NOTE);
    await screenshot(w, 'register-join', 'ko');
    await expectAccessible(w, 'registration asking to join (ko)');
    await phoneScreenshot(w, 'register-join', 'ko');
    await page.getByRole('button', { name: '가입하기' }).click();

    // --- The outcome: a pending request, a verification mail, the banner.
    await page.waitForURL(/\/account(\?|$)/);
    const welcome = page.getByTestId('welcome');
    await poll(() => welcome.innerText()).toContain(`${AGENCY_NAME.ko} 가입 요청을 기관 관리자에게 보냈습니다`);
    expect(await page.getByTestId('welcome-verification').innerText()).toContain(APPLICANT.email);
    const banner = page.getByTestId('membership-banner');
    await poll(() => banner.getAttribute('data-status')).toBe('pending');
    expect(await banner.innerText()).toContain('소속 없는 연구자');
    const membership = page.getByTestId('membership');
    expect(await membership.getAttribute('data-status')).toBe('pending');
    expect(await page.getByTestId('membership-organization').innerText()).toContain(AGENCY_NAME.ko);
    expect(await page.getByTestId('email-unverified').count()).toBe(1);
    // Registration confers no organisation role and no workspace.
    expect(await page.getByTestId('profile-roles').innerText()).toBe('연구자');
    expect(await page.getByRole('navigation', { name: '주 메뉴' }).innerText()).not.toContain('내 작업공간');
    await screenshot(w, 'account-pending', 'ko');
    await expectAccessible(w, 'account with a pending request (ko)');
    await phoneScreenshot(w, 'account-pending', 'ko');
    await open(w, e2e.url, '/account', 'en');
    await poll(() => banner.innerText()).toContain(`Your request to join ${AGENCY_NAME.en} is waiting`);
    await screenshot(w, 'account-pending', 'en');

    // --- The verification link: confirms the address; the request still waits (the agency lists no domain).
    const token = await verificationToken(APPLICANT.email);
    await open(w, e2e.url, `/verify-email?token=${token}`, 'ko');
    const verified = page.getByTestId('verify-success');
    await poll(() => verified.innerText()).toContain('이메일 주소 인증이 끝났습니다');
    expect(await verified.innerText()).toContain('여전히 기관 관리자의 승인을 기다리고');
    await screenshot(w, 'verify-email', 'ko');
    await expectAccessible(w, 'e-mail verified (ko)');
    // A used link is refused in the chosen language, with the way forward.
    await open(w, e2e.url, `/verify-email?token=${token}`, 'en');
    const refused = page.getByTestId('verify-problem');
    await poll(() => refused.innerText()).toContain('Link expired or already used');
    expect(await page.getByTestId('verify-email').innerText()).toContain('Ask for a new link from your account page');
    expect(w.apiErrors).toContainEqual({ method: 'POST', path: '/api/v1/auth/verify-email', status: 400 });
    await screenshot(w, 'verify-email-failed', 'en');
    await expectAccessible(w, 'e-mail verification refused (en)');
    await open(w, e2e.url, '/account', 'ko');
    await page.getByTestId('email-verified').waitFor();
    w.expectNoProblems();

    // A second applicant, registered through the API, whom the admin will turn down.
    const other = await fetch(`${e2e.url}/api/v1/auth/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Unknown Person', email: 'unknown.person@mail.example', password: 'another long passphrase', organizationSlug: AGENCY, locale: 'en' }),
    });
    expect(other.status).toBe(201);

    // --- The agency's organisation admin: from the notification to the members page.
    await e2e.signIn(w, 'reviewer@demo.kr');
    await open(w, e2e.url, '/notifications', 'ko');
    const notice = page.getByTestId('notification-item').filter({ hasText: APPLICANT.name });
    await notice.waitFor();
    expect(await page.getByTestId('nav-members').getAttribute('href')).toBe(`/organizations/${AGENCY}/members`);
    await notice.getByRole('link', { name: '열기' }).click();
    await page.waitForURL(new RegExp(`/organizations/${AGENCY}/members`));
    const request = page.locator(`[data-testid="pending-member"][data-email="${APPLICANT.email}"]`);
    await request.waitFor();
    expect(await request.innerText()).toContain(NOTE);
    expect(await request.innerText()).toContain('인증됨');
    await screenshot(w, 'members', 'ko');
    await expectAccessible(w, 'members page with a request (ko)');
    await phoneScreenshot(w, 'members', 'ko');

    // Turning a request down asks first and takes an optional reason.
    const stranger = page.locator('[data-testid="pending-member"][data-email="unknown.person@mail.example"]');
    expect(await stranger.innerText()).toContain('인증 전');
    await stranger.getByTestId('reject-member').click();
    await stranger.getByTestId('reject-reason').fill('기관 구성원으로 확인되지 않습니다.');
    await partScreenshot(w, 'pending-section', 'members-reject', 'ko');
    await expectAccessible(w, 'members page, rejecting (ko)');
    await stranger.getByTestId('confirm-reject').click();
    await poll(() => page.getByTestId('members-notice').innerText()).toContain('Unknown Person 님의 요청을 거절했습니다');
    await poll(() => stranger.count()).toBe(0);

    // Approve with the provider role (researcher stays ticked by default).
    expect(await request.getByTestId('role-researcher').isChecked()).toBe(true);
    await request.getByTestId('role-provider').check();
    await request.getByRole('button', { name: `${APPLICANT.name} 님의 요청 승인` }).click();
    await poll(() => page.getByTestId('members-notice').innerText()).toContain(`${APPLICANT.name} 님이 이제 ${AGENCY_NAME.ko}의 구성원입니다`);
    const member = page.locator(`[data-testid="active-member"][data-email="${APPLICANT.email}"]`);
    await member.waitFor();
    expect(await member.getByTestId('role-provider').isChecked()).toBe(true);
    expect(await page.locator(`[data-testid="pending-member"][data-email="${APPLICANT.email}"]`).count()).toBe(0);
    // The admin's own card cannot drop their admin flag or remove them.
    const self = page.locator('[data-testid="active-member"][data-email="reviewer@demo.kr"]');
    expect(await self.getByTestId('org-admin').isDisabled()).toBe(true);
    expect(await self.getByTestId('remove-member').count()).toBe(0);
    await open(w, e2e.url, `/organizations/${AGENCY}/members`, 'en');
    await member.waitFor();
    await screenshot(w, 'members', 'en');
    await expectAccessible(w, 'members page (en)');
    await phoneScreenshot(w, 'members', 'en');
    w.expectNoProblems();

    // --- The applicant, back: a member with the provider role, no banner, the workspace open.
    await e2e.signIn(w, APPLICANT.email, APPLICANT.password);
    await open(w, e2e.url, '/account', 'ko');
    await poll(() => page.getByTestId('membership').getAttribute('data-status')).toBe('active');
    expect(await page.getByTestId('membership-status').innerText()).toBe('구성원');
    expect(await page.getByTestId('profile-roles').innerText()).toContain('데이터 제공자');
    expect(await page.getByTestId('membership-banner').count()).toBe(0);
    await screenshot(w, 'account-member', 'ko');
    await page.getByRole('navigation', { name: '주 메뉴' }).getByRole('link', { name: '내 작업공간' }).click();
    await page.waitForURL(/\/workspace(\?|$)/);
    await page.getByTestId('new-dataset').waitFor();

    // Leaving asks first; cancelling keeps the membership, confirming ends it and its roles.
    await open(w, e2e.url, '/account', 'en');
    await page.getByTestId('leave-organization').click();
    await page.getByTestId('leave-confirm').getByRole('button', { name: 'Cancel' }).click();
    expect(await page.getByTestId('membership').getAttribute('data-status')).toBe('active');
    await page.getByTestId('leave-organization').click();
    expect(await page.getByTestId('leave-confirm').innerText()).toContain(`Leave ${AGENCY_NAME.en}?`);
    await expectAccessible(w, 'account, confirming to leave (en)');
    await page.getByTestId('confirm-leave').click();
    await poll(() => page.getByTestId('membership-notice').innerText()).toContain(`You have left ${AGENCY_NAME.en}.`);
    expect(await page.getByTestId('membership').getAttribute('data-status')).toBe('none');
    expect(await page.getByTestId('profile-roles').innerText()).toBe('Researcher');
    await poll(() => page.getByTestId('membership-banner').getAttribute('data-status')).toBe('none');
    w.expectNoProblems();
    await page.close();
  });

  it('an unaffiliated account asks to join and withdraws; a non-admin is refused the members page; a platform admin switches organisations', async () => {
    const w = await e2e.newPage();
    const { page } = w;

    // The applicant turned down above has no organisation: the account page offers to ask one.
    await e2e.signIn(w, 'unknown.person@mail.example', 'another long passphrase');
    await open(w, e2e.url, '/account', 'en');
    const join = page.getByTestId('join-form');
    await join.waitFor();
    // The server's own schema answers first: an organisation must be chosen.
    await page.getByTestId('join-submit').click();
    const choose = page.getByTestId('join-organization');
    await poll(() => choose.getAttribute('aria-invalid')).toBe('true');
    expect(w.apiErrors.filter((e) => e.path === '/api/v1/auth/membership')).toEqual([]);
    await choose.selectOption('hangang-national-university');
    await page.getByTestId('join-note').fill('Visiting researcher in the NLP lab.');
    await screenshot(w, 'account-join', 'en');
    await expectAccessible(w, 'account, asking to join (en)');
    await page.getByTestId('join-submit').click();
    await poll(() => page.getByTestId('membership').getAttribute('data-status')).toBe('pending');
    expect(await page.getByTestId('membership-notice').innerText()).toContain('has been sent to its administrators');
    await page.getByTestId('withdraw-request').click();
    await poll(() => page.getByTestId('membership').getAttribute('data-status')).toBe('none');
    expect(await page.getByTestId('membership-notice').innerText()).toContain('has been withdrawn');
    w.expectNoProblems();

    // A member who is not an organisation admin: no link, and the page is refused in the server's words.
    await e2e.signIn(w, 'provider@demo.kr');
    await open(w, e2e.url, `/organizations/${AGENCY}/members`, 'ko');
    const refusedPage = page.getByTestId('members-refused');
    await poll(() => refusedPage.innerText()).toContain('기관 관리자');
    expect(w.apiErrors).toContainEqual({ method: 'GET', path: `/api/v1/organizations/${AGENCY}/members?status=pending&pageSize=100`, status: 403 });
    expect(await page.getByTestId('nav-members').count()).toBe(0);
    await screenshot(w, 'members-refused', 'ko');
    await expectAccessible(w, 'members page refused (ko)');

    // A platform admin: the header leads to their own organisation; the switch to any other.
    await e2e.signIn(w, 'admin@demo.kr');
    await open(w, e2e.url, '/', 'en');
    await page.getByTestId('nav-members').click();
    await page.waitForURL(/\/organizations\/[a-z0-9-]+\/members/);
    const form = page.getByTestId('org-switch');
    await form.getByLabel('Organisation').selectOption(AGENCY);
    await form.getByRole('button', { name: 'Show members' }).click();
    await page.waitForURL(new RegExp(`/organizations/${AGENCY}/members`));
    await poll(() => page.getByRole('heading', { level: 1 }).innerText()).toBe(`Members of ${AGENCY_NAME.en}`);
    await page.locator('[data-testid="active-member"][data-email="provider@demo.kr"]').waitFor();
    await screenshot(w, 'members-admin', 'en');
    await expectAccessible(w, 'members page as a platform admin (en)');
    w.expectNoProblems();
    await page.close();
  });
});

describe('a revision with a new file', { timeout: 180_000 }, () => {
  it('the provider adds a file and a change summary; the reviewer sees both before approving; the public history shows the summary', async () => {
    const w = await e2e.newPage();
    const { page } = w;
    await e2e.signIn(w, 'provider@demo.kr');
    const list = (await (await page.request.get(`${e2e.url}/api/v1/datasets?workspace=true&status=published&provider=${AGENCY}&pageSize=100`)).json()) as {
      items: { id: string; slug: string; version: number; disclosure?: { accessLevel?: string }; classification?: { level?: string } }[];
    };
    const ds = list.items.find((d) => d.disclosure?.accessLevel === 'open' && d.classification?.level === 'public') ?? list.items[0];
    expect(ds, 'a published dataset of the agency').toBeTruthy();
    const FILE = 'revision-extra-sample.csv';
    const CONTENT = 'id,label\n1,a\n2,b\n3,c\n';
    const NOTE_KO = '표본 파일을 하나 추가했습니다.';
    const NOTE_EN = 'Added one more sample file.';

    // --- Provider: upload a file to the published dataset (a revision starts), then submit with a summary.
    await open(w, e2e.url, `/workspace/datasets/${ds.id}?step=6`, 'ko');
    await page.getByTestId('upload-panel').waitFor();
    await page.getByTestId('upload-kind').selectOption('sample');
    await page.getByTestId('upload-file').setInputFiles({ name: FILE, mimeType: 'text/csv', buffer: Buffer.from(CONTENT) });
    await page.getByTestId('upload-start').click();
    await page.getByTestId('upload-result').waitFor();
    await poll(() => page.getByTestId('artifact-row').filter({ hasText: FILE }).count()).toBe(1);
    // The public still sees the approved files only.
    const publicFiles = (await (await fetch(`${e2e.url}/api/v1/datasets/${ds.slug}/artifacts`)).json()) as { items: { filename: string }[] };
    expect(publicFiles.items.map((a) => a.filename)).not.toContain(FILE);

    await nextStep(page, 7);
    const preview = page.getByTestId('file-changes');
    await poll(() => preview.innerText()).toContain(FILE);
    await page.getByTestId('change-note-ko').fill(NOTE_KO);
    await page.getByTestId('change-note-en').fill(NOTE_EN);
    await poll(() => page.getByTestId('change-note').innerText()).toContain(NOTE_EN);
    await screenshot(w, 'submit-change-note', 'ko');
    await expectAccessible(w, 'submission with a change summary (ko)');
    await phoneScreenshot(w, 'submit-change-note', 'ko');
    await page.getByTestId('submit-for-review').click();
    await page.getByTestId('submitted').waitFor();
    const submitted = (await (await page.request.get(`${e2e.url}/api/v1/datasets/${ds.id}`)).json()) as { status: string; review: { changeNote: unknown } };
    expect(submitted).toMatchObject({ status: 'in_review', review: { changeNote: { ko: NOTE_KO, en: NOTE_EN } } });
    w.expectNoProblems();

    // --- Reviewer: the queue shows the file change; the detail shows the file, its size and the summary.
    await e2e.signIn(w, 'reviewer@demo.kr');
    await open(w, e2e.url, '/review', 'ko');
    const item = page.locator(`[data-testid="review-item"][data-slug="${ds.slug}"]`);
    await item.waitFor();
    expect(await item.getByTestId('queue-file-changes').innerText()).toContain('+1');
    await item.getByRole('button').first().click();
    const detail = page.getByTestId('review-detail');
    await detail.waitFor();
    const added = detail.getByTestId('added-file');
    await poll(() => added.innerText()).toContain(FILE);
    // Name, kind and size in human units (a number with its unit, not a bare byte count).
    expect(await added.innerText()).toMatch(new RegExp(`${FILE.replace(/\./g, '\\.')} · 샘플 데이터 · ${Buffer.byteLength(CONTENT)}\\s?\\S+`));
    expect(await detail.getByTestId('change-note-text-ko').innerText()).toBe(NOTE_KO);
    expect(await detail.getByTestId('change-note-text-en').innerText()).toBe(NOTE_EN);
    expect(await detail.getByTestId('approval-effect').innerText()).toContain(`버전 ${ds.version + 1}`);
    expect(await detail.getByTestId('approval-effect').innerText()).toContain(FILE);
    await detail.getByTestId('review-comment').fill('추가 표본 확인했습니다.');
    await screenshot(w, 'review-file-changes', 'ko');
    await expectAccessible(w, 'review with file changes (ko)');
    await phoneScreenshot(w, 'review-file-changes', 'ko');
    await open(w, e2e.url, `/review?open=${ds.id}`, 'en');
    await poll(() => detail.getByTestId('file-changes').innerText()).toContain('1 file becomes public with this version');
    await screenshot(w, 'review-file-changes', 'en');
    await partScreenshot(w, 'submission-changes', 'review-file-changes-part', 'en');
    await detail.getByTestId('review-comment').fill('Extra sample checked.');
    await detail.getByRole('button', { name: `Approve and publish version ${ds.version + 1}` }).click();
    await page.getByTestId('approve-confirm-yes').click();
    await page.getByTestId('review-success').waitFor();
    w.expectNoProblems();

    // --- Public: the new file and the change summary in the UI language, never the reviewer's note.
    await e2e.signOut();
    await open(w, e2e.url, `/datasets/${ds.slug}`, 'en');
    await poll(() => page.getByTestId('artifacts').innerText()).toContain(FILE);
    const latest = page.locator(`[data-testid="version"][data-version="${ds.version + 1}"]`);
    await poll(() => latest.innerText()).toContain(NOTE_EN);
    expect(await latest.getByTestId('version-reviewer-note').count()).toBe(0);
    expect(await page.getByTestId('versions').innerText()).not.toContain('Extra sample checked.');
    await screenshot(w, 'version-history', 'en');
    await partScreenshot(w, 'versions', 'version-history-part', 'en');
    await open(w, e2e.url, `/datasets/${ds.slug}`, 'ko');
    await poll(() => latest.innerText()).toContain(NOTE_KO);
    await expectAccessible(w, 'dataset page with a change summary (ko)');

    // --- The provider's people also see the reviewer's note, marked private.
    await e2e.signIn(w, 'provider@demo.kr');
    await open(w, e2e.url, `/datasets/${ds.slug}`, 'ko');
    const note = latest.getByTestId('version-reviewer-note');
    await poll(() => note.innerText()).toContain('Extra sample checked.');
    expect(await note.innerText()).toContain('비공개');
    await partScreenshot(w, 'versions', 'version-history-provider-part', 'ko');
    w.expectNoProblems();
    await page.close();
  });
});
