// Password guessing is bounded: attempts are counted before the password is checked (a parallel burst
// cannot slip past the limit), per address and account, per address and per account — and a stranger
// cannot lock the owner out, nor stall everybody's sign-in with a flood from one address.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditEvent } from '../../server/audit/model';
import { Client, createUser, startTestApp, TEST_PASSWORD, type TestApp } from '../helpers/app';

let app: TestApp;
beforeAll(async () => {
  // Behind a proxy the client address comes from X-Forwarded-For, which lets one test play many addresses.
  app = await startTestApp({ TRUST_PROXY: 'true', LOGIN_RATE_LIMIT: '10', LOGIN_ACCOUNT_RATE_LIMIT: '30', LOGIN_ADDRESS_RATE_LIMIT: '100' });
});
afterAll(async () => {
  await app?.close();
});

const from = (ip: string) => ({ 'x-forwarded-for': ip });
const login = (email: string, password: string, ip: string, cookie?: string) =>
  app.anon.post('/api/v1/auth/login', { email, password }, { ...from(ip), ...(cookie ? { cookie } : {}) });

describe('sign-in limits', () => {
  it('a burst of 40 parallel wrong passwords is checked at most 10 times; the rest are refused with 429', async () => {
    const u = await createUser();
    const results = await Promise.all(Array.from({ length: 40 }, () => login(u.email, 'wrong password!', '10.1.0.1')));
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(10);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(30);
    expect(statuses.every((s) => s === 401 || s === 429)).toBe(true);
    expect(await AuditEvent.countDocuments({ action: 'auth.login_failed', actorId: u.id })).toBeLessThanOrEqual(10);
    // The guesser's address stays refused even with the right password …
    expect((await login(u.email, TEST_PASSWORD, '10.1.0.1')).status).toBe(429);
    // … while the owner, elsewhere, signs in.
    expect((await login(u.email, TEST_PASSWORD, '10.1.0.2')).status).toBe(200);
  });

  it('guesses spread over many addresses pause the account for unfamiliar browsers only, never for the owner’s', async () => {
    const u = await createUser();
    // The owner signed in before from home, with this browser.
    const home = await login(u.email, TEST_PASSWORD, '10.2.0.1');
    expect(home.status).toBe(200);
    const device = /kdb_device=([^;]+)/.exec(home.headers.get('set-cookie') ?? '')![1];

    for (let i = 0; i < 4; i++) {
      await Promise.all(Array.from({ length: 10 }, (_, j) => login(u.email, 'guess guess guess', `10.3.${i}.${j + 1}`)));
    }
    const stranger = await login(u.email, TEST_PASSWORD, '10.9.9.9');
    expect(stranger.status).toBe(429);
    expect(stranger.body.code).toBe('sign_in_paused_for_account');
    expect(Number(stranger.headers.get('retry-after'))).toBeGreaterThan(0);

    // From the familiar address, or with the familiar browser anywhere, the owner gets in.
    expect((await login(u.email, TEST_PASSWORD, '10.2.0.1')).status).toBe(200);
    expect((await login(u.email, TEST_PASSWORD, '10.9.9.10', `kdb_device=${device}`)).status).toBe(200);
    // A made-up device cookie is just an unfamiliar browser.
    expect((await login(u.email, TEST_PASSWORD, '10.9.9.11', 'kdb_device=made-up-cookie-value-0123456789')).status).toBe(429);
  });

  it('a flood of logins with unknown e-mails from one address does not stall a real sign-in from another', async () => {
    const u = await createUser();
    const flood = Promise.all(Array.from({ length: 200 }, (_, i) => login(`nobody-${i}@flood.example`, 'whatever password', '10.4.0.1')));
    await new Promise((r) => setTimeout(r, 50));
    const started = Date.now();
    const real = await login(u.email, TEST_PASSWORD, '10.5.0.1');
    const waited = Date.now() - started;
    expect(real.status).toBe(200);
    const statuses = (await flood).map((r) => r.status);
    expect(statuses.every((s) => s === 401 || s === 429)).toBe(true);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThan(100);
    // A few password hashes at most stand between the real user and an answer (was 64 s).
    expect(waited).toBeLessThan(5000);
  });

  it('counts only failures: many successful sign-ins never hit the limit', async () => {
    const u = await createUser();
    for (let i = 0; i < 14; i++) expect((await login(u.email, TEST_PASSWORD, '10.6.0.1')).status).toBe(200);
  });
});

describe('tokens', () => {
  it('are created only from a signed-in session', async () => {
    const u = await createUser();
    const session = await app.login(u.email);
    const created = await session.post('/api/v1/auth/tokens', { name: 'ci', expiresInDays: 7 });
    expect(created.status).toBe(201);
    const viaToken = new Client(app.url, created.body.token);
    const minted = await viaToken.post('/api/v1/auth/tokens', { name: 'more', expiresInDays: 7 });
    expect(minted.status).toBe(403);
    expect(minted.body.code).toBe('token_requires_session');
  });
});
