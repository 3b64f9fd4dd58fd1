// Sign-in, personal API tokens and researcher registration, through the browser.
import { describe, expect, it } from 'vitest';
import { expectAccessible } from './helpers/axe';
import { fieldErrors } from './helpers/forms';
import { DEMO_PASSWORD, open, poll, screenshot, useE2E } from './helpers/harness';

const e2e = useE2E();

describe('account pages', { timeout: 90_000 }, () => {
  it('signs in through the form after a wrong password is refused in the chosen language', async () => {
    const w = await e2e.newPage();
    const { page } = w;
    const form = page.getByTestId('signin-form');
    const submit = form.locator('button[type=submit]');

    await open(w, e2e.url, '/signin?next=/account', 'ko');
    await poll(() => page.title()).toContain('로그인');
    await poll(() => page.getByTestId('demo-accounts').innerText()).toContain('researcher@demo.kr');
    await screenshot(w, 'signin', 'ko');
    await expectAccessible(w, 'sign-in (ko)');

    await page.getByLabel('이메일 주소').fill('researcher@demo.kr');
    await page.getByLabel('비밀번호').fill('not-the-password');
    await submit.click();
    const alert = page.getByTestId('signin-error').getByRole('alert');
    await poll(() => alert.innerText()).toContain('이메일 주소 또는 비밀번호가 올바르지 않습니다');
    expect(w.apiErrors).toContainEqual({ method: 'POST', path: '/api/v1/auth/login', status: 401 });
    expect(page.url()).toContain('/signin');
    await screenshot(w, 'signin-error', 'ko');

    await open(w, e2e.url, '/signin?next=/account', 'en');
    await page.getByLabel('E-mail address').fill('researcher@demo.kr');
    await page.getByLabel('Password').fill('still-not-the-password');
    await submit.click();
    await poll(() => alert.innerText()).toContain('The e-mail address or password is incorrect.');
    await screenshot(w, 'signin-error', 'en');

    // The demo box fills in the form; `next` brings the user to their account page.
    await page.getByRole('button', { name: 'Fill in researcher@demo.kr' }).click();
    expect(await page.getByLabel('Password').inputValue()).toBe(DEMO_PASSWORD);
    await submit.click();
    await page.waitForURL(/\/account(\?|$)/);
    await poll(() => page.getByTestId('profile-name').innerText()).toContain('Jung Ha-neul');
    await poll(() => page.getByRole('banner').innerText()).toContain('Sign out');
    w.expectNoProblems();
    await page.close();
  });

  it('ignores a next= that points to another site', async () => {
    await e2e.signOut();
    const w = await e2e.newPage();
    await open(w, e2e.url, '/signin?next=//evil.example/x', 'en');
    await w.page.getByLabel('E-mail address').fill('researcher@demo.kr');
    await w.page.getByLabel('Password').fill(DEMO_PASSWORD);
    await w.page.getByTestId('signin-form').locator('button[type=submit]').click();
    await w.page.waitForURL((u) => u.pathname === '/' && u.host === new URL(e2e.url).host);
    w.expectNoProblems();
    await w.page.close();
  });

  it('creates a personal API token, shows its secret once, and revokes it after confirmation', async () => {
    const w = await e2e.newPage();
    const { page } = w;
    await e2e.signIn(w, 'researcher@demo.kr');
    await open(w, e2e.url, '/account', 'ko');
    await poll(() => page.getByTestId('tokens').innerText()).toContain('아직 만든 API 토큰이 없습니다');

    await page.getByTestId('token-name').fill('연구실 수집 스크립트');
    await page.getByTestId('token-days').selectOption('30');
    await page.getByTestId('create-token').click();
    const secretField = page.getByTestId('new-token-secret');
    await secretField.waitFor();
    const secret = await secretField.inputValue();
    expect(secret).toMatch(/^kdb_[A-Za-z0-9_-]{20,}$/);
    expect(await secretField.getAttribute('readonly')).not.toBeNull();
    expect(await page.getByTestId('new-token').innerText()).toContain('한 번만');
    const row = page.getByTestId('token-row').filter({ hasText: '연구실 수집 스크립트' });
    await poll(() => row.innerText()).toContain('사용 중');
    await screenshot(w, 'account-token', 'ko');
    await expectAccessible(w, 'account with a new token (ko)');

    // The secret is a working bearer token for scripts.
    const me = await fetch(`${e2e.url}/api/v1/auth/me`, { headers: { authorization: `Bearer ${secret}` } });
    expect(me.status).toBe(200);
    expect(((await me.json()) as { user: { email: string } }).user.email).toBe('researcher@demo.kr');

    // Shown once: after a reload only its prefix is listed.
    await page.reload();
    await row.waitFor();
    expect(await page.getByTestId('new-token-secret').count()).toBe(0);
    const prefix = (await row.locator('code').innerText()).trim();
    expect(secret.startsWith(prefix)).toBe(true);
    expect(await page.content()).not.toContain(secret);

    // Revoking asks first; cancelling keeps the token.
    await row.getByTestId('revoke-token').click();
    await row.getByRole('button', { name: '취소' }).click();
    expect(await row.innerText()).toContain('사용 중');
    await row.getByTestId('revoke-token').click();
    await row.getByTestId('confirm-revoke').click();
    await poll(() => row.innerText()).toContain('폐기됨');
    const after = await fetch(`${e2e.url}/api/v1/auth/me`, { headers: { authorization: `Bearer ${secret}` } });
    expect(after.status).toBe(401);

    await open(w, e2e.url, '/account', 'en');
    await poll(() => row.innerText()).toContain('Revoked');
    await screenshot(w, 'account', 'en');
    await expectAccessible(w, 'account (en)');
    w.expectNoProblems();
    await page.close();
  });

  it('registers a researcher: a too-short password is refused at the field in Korean, then the account is created', async () => {
    await e2e.signOut();
    const w = await e2e.newPage();
    const { page } = w;
    await open(w, e2e.url, '/register', 'ko');
    const org = page.getByLabel('기관', { exact: true });
    await org.waitFor();
    await poll(() => org.locator('option').count()).toBeGreaterThan(5);

    await page.getByLabel('이름').fill('김테스트 (Kim Test)');
    await page.getByLabel('이메일 주소').fill('kim.test@hangang.example');
    const password = page.getByLabel('비밀번호');
    await password.fill('short');
    await org.selectOption('hangang-national-university');
    await page.getByRole('button', { name: '가입하기' }).click();

    await poll(() => password.getAttribute('aria-invalid')).toBe('true');
    expect(await fieldErrors(page, password)).toEqual(['최소 12자 이상 입력해야 합니다.']);
    expect(await page.getByTestId('form-errors').innerText()).toContain('1개');
    // Focus goes to the field to correct.
    expect(await password.evaluate((el) => el === (globalThis as any).document.activeElement)).toBe(true);
    expect(page.url()).toContain('/register');
    // Caught in the browser by the shared schema, before anything was sent.
    expect(w.apiErrors.filter((e) => e.path.startsWith('/api/v1/auth/register'))).toEqual([]);
    await screenshot(w, 'register-error', 'ko');
    await expectAccessible(w, 'registration with a field error (ko)');

    await password.fill('a long enough passphrase');
    await page.getByRole('button', { name: '가입하기' }).click();
    await page.waitForURL(/\/account(\?|$)/);
    await poll(() => page.getByTestId('welcome').innerText()).toContain('가입이 완료되었습니다');
    const profile = page.getByTestId('profile');
    expect(await profile.innerText()).toContain('kim.test@hangang.example');
    expect(await profile.innerText()).toContain('연구자');
    // Choosing an organisation asked to join it: membership waits for its administrators.
    expect(await page.getByTestId('membership').getAttribute('data-status')).toBe('pending');
    await screenshot(w, 'register-done', 'ko');

    // The new account signs in with its password.
    const login = await fetch(`${e2e.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'kim.test@hangang.example', password: 'a long enough passphrase' }),
    });
    expect(login.status).toBe(200);

    await e2e.signOut();
    await open(w, e2e.url, '/register', 'en');
    await page.getByLabel('Organisation', { exact: true }).waitFor();
    await screenshot(w, 'register', 'en');
    await expectAccessible(w, 'registration (en)');
    w.expectNoProblems();
    await page.close();
  });
});
