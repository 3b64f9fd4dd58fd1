import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditEvent } from '../../server/audit/model';
import { ApiToken } from '../../server/auth/models';
import { hashSecret } from '../../server/auth/secrets';
import { createOrg, createUser, startTestApp, TEST_PASSWORD, type TestApp } from '../helpers/app';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ LOGIN_RATE_LIMIT: '4' });
});
afterAll(async () => {
  await app?.close();
});

describe('sign-in and sessions', () => {
  it('signs in, sets an httpOnly SameSite=Lax cookie, and answers /auth/me with the user and CSRF token', async () => {
    const u = await createUser({ roles: ['researcher'] });
    const res = await app.anon.post('/api/v1/auth/login', { email: u.email.toUpperCase(), password: TEST_PASSWORD });
    expect(res.status).toBe(200);
    expect(res.body.user).toMatchObject({ email: u.email, roles: ['researcher'], organization: { country: 'KR' } });
    expect(res.body.user).not.toHaveProperty('passwordHash');
    expect(typeof res.body.csrfToken).toBe('string');
    const cookie = res.headers.get('set-cookie')!;
    expect(cookie).toMatch(/kdb_session=/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).not.toMatch(/Secure/i); // only in production

    const c = await app.login(u.email);
    const me = await c.get('/api/v1/auth/me');
    expect(me.status).toBe(200);
    expect(me.body.user.id).toBe(String(u.id));
    expect(me.body.csrfToken).toBe(c.csrf);
    expect(await AuditEvent.countDocuments({ action: 'auth.login', actorId: u.id })).toBeGreaterThanOrEqual(2);
  });

  it('rejects a wrong password with a localised 401 and records the failure', async () => {
    const u = await createUser();
    const en = await app.anon.post('/api/v1/auth/login', { email: u.email, password: 'wrong password!!' });
    expect(en.status).toBe(401);
    expect(en.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(en.body).toMatchObject({ status: 401, code: 'invalid_credentials', title: 'Sign-in failed' });
    const ko = await app.anon.post('/api/v1/auth/login?lang=ko', { email: u.email, password: 'wrong password!!' });
    expect(ko.body.title).toBe('로그인 실패');
    expect(await AuditEvent.countDocuments({ action: 'auth.login_failed', actorId: u.id })).toBe(2);
  });

  it('answers 401 for /auth/me when signed out', async () => {
    const res = await app.anon.get('/api/v1/auth/me');
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('unauthenticated');
  });

  it('requires X-CSRF-Token for cookie-authenticated unsafe requests, not for bearer tokens', async () => {
    const u = await createUser();
    const c = await app.login(u.email);
    const missing = await c.post('/api/v1/auth/tokens', { name: 'x', expiresInDays: 5 }, { 'x-csrf-token': '' });
    expect(missing.status).toBe(403);
    expect(missing.body.code).toBe('csrf_token_invalid');
    const wrong = await c.post('/api/v1/auth/tokens', { name: 'x', expiresInDays: 5 }, { 'x-csrf-token': 'not-the-token' });
    expect(wrong.status).toBe(403);
    const ok = await c.post('/api/v1/auth/tokens', { name: 'x', expiresInDays: 5 });
    expect(ok.status).toBe(201);
    // A bearer token never needs the CSRF header — and cannot mint new tokens (sessions only).
    const bearer = await app.as(u).post('/api/v1/auth/tokens', { name: 'y', expiresInDays: 5 });
    expect(bearer.status).toBe(403);
    expect(bearer.body.code).toBe('token_requires_session');
    expect((await app.as(u).patch('/api/v1/auth/me', { name: 'Renamed by token' })).status).toBe(200);
  });

  it('logout ends the session', async () => {
    const u = await createUser();
    const c = await app.login(u.email);
    expect((await c.post('/api/v1/auth/logout')).status).toBe(204);
    c.csrf = undefined;
    expect((await c.get('/api/v1/auth/me')).status).toBe(401);
  });

  it('rate-limits repeated failed sign-ins with 429 and Retry-After', async () => {
    const u = await createUser();
    for (let i = 0; i < 4; i++) {
      expect((await app.anon.post('/api/v1/auth/login', { email: u.email, password: 'bad password 123' })).status).toBe(401);
    }
    const limited = await app.anon.post('/api/v1/auth/login', { email: u.email, password: TEST_PASSWORD });
    expect(limited.status).toBe(429);
    expect(limited.body.code).toBe('too_many_requests');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('updates own locale', async () => {
    const u = await createUser();
    const res = await app.as(u).patch('/api/v1/auth/me', { locale: 'ko' });
    expect(res.status).toBe(200);
    expect(res.body.user.locale).toBe('ko');
    const bad = await app.as(u).patch('/api/v1/auth/me', { locale: 'fr' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].path).toBe('/locale');
  });
});

describe('registration', () => {
  it('registers a researcher who asks to join an organisation (pending, not a member) and signs them in', async () => {
    const org = await createOrg({ country: 'US', type: 'university' });
    const email = `new-${Date.now()}@univ.example`;
    const res = await app.anon.post('/api/v1/auth/register', { email, password: 'a long enough password', name: 'Dana Kim', organizationSlug: org.slug });
    expect(res.status).toBe(201);
    expect(res.body.user).toMatchObject({
      email,
      roles: ['researcher'],
      organization: null,
      orgAdmin: false,
      emailVerified: false,
      membership: { status: 'pending', organization: { slug: org.slug, country: 'US' } },
    });
    expect(res.headers.get('set-cookie')).toMatch(/kdb_session=/);

    const dup = await app.anon.post('/api/v1/auth/register', { email, password: 'another long password', name: 'Dup', organizationSlug: org.slug });
    expect(dup.status).toBe(409);
    expect(dup.body.code).toBe('email_taken');
  });

  it('rejects a short password and an unknown organisation with field errors in both languages', async () => {
    const shortPw = await app.anon.post('/api/v1/auth/register?lang=ko', { email: 'short@x.example', password: 'short', name: 'S', organizationSlug: 'nope-org' });
    expect(shortPw.status).toBe(400);
    expect(shortPw.body.code).toBe('validation_failed');
    const pwErr = shortPw.body.errors.find((e: { path: string }) => e.path === '/password');
    expect(pwErr).toBeTruthy();
    expect(pwErr.message).toMatch(/[가-힣]/);
    const unknownOrg = await app.anon.post('/api/v1/auth/register', { email: 'who@x.example', password: 'a long enough password', name: 'W', organizationSlug: 'does-not-exist' });
    expect(unknownOrg.status).toBe(400);
    expect(unknownOrg.body.errors).toEqual([expect.objectContaining({ path: '/organizationSlug', code: 'unknown_organization' })]);
  });
});

describe('personal API tokens', () => {
  it('shows the secret once, lists without it, authenticates, and stops working when revoked', async () => {
    const u = await createUser({ roles: ['provider'] });
    const session = await app.login(u.email);
    const created = await session.post('/api/v1/auth/tokens', { name: 'CLI', expiresInDays: 30 });
    expect(created.status).toBe(201);
    const secret = created.body.token as string;
    expect(secret).toMatch(/^kdb_/);
    const stored = await ApiToken.findById(created.body.id).lean();
    expect(stored!.tokenHash).toBe(hashSecret(secret));
    expect(JSON.stringify(stored)).not.toContain(secret);

    const list = await app.as(u).get('/api/v1/auth/tokens');
    expect(list.text).not.toContain(secret);
    expect(list.body.items.find((t: { id: string }) => t.id === created.body.id)).toMatchObject({ name: 'CLI', active: true });

    const viaToken = await app.as({ ...u, token: secret }).get('/api/v1/auth/me');
    expect(viaToken.status).toBe(200);
    expect((await app.as(u).delete(`/api/v1/auth/tokens/${created.body.id}`)).status).toBe(204);
    const revoked = await app.as({ ...u, token: secret }).get('/api/v1/auth/me');
    expect(revoked.status).toBe(401);
    expect(revoked.body.code).toBe('invalid_token');
  });

  it('rejects expired tokens and bad expiry values', async () => {
    const u = await createUser();
    const session = await app.login(u.email);
    const created = await session.post('/api/v1/auth/tokens', { name: 'old', expiresInDays: 1 });
    await ApiToken.updateOne({ _id: created.body.id }, { $set: { expiresAt: new Date(Date.now() - 1000) } });
    expect((await app.as({ ...u, token: created.body.token }).get('/api/v1/auth/me')).status).toBe(401);
    const bad = await session.post('/api/v1/auth/tokens', { name: 'forever', expiresInDays: 100000 });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].path).toBe('/expiresInDays');
  });

  it('cannot revoke another user’s token', async () => {
    const a = await createUser();
    const b = await createUser();
    const created = await (await app.login(a.email)).post('/api/v1/auth/tokens', { name: 'a', expiresInDays: 3 });
    expect((await app.as(b).delete(`/api/v1/auth/tokens/${created.body.id}`)).status).toBe(404);
  });
});

describe('roles administration', () => {
  it('lets admins change roles (audited) and forbids everyone else', async () => {
    const admin = await createUser({ roles: ['admin'] });
    const target = await createUser({ roles: ['researcher'] });
    const denied = await app.as(target).patch(`/api/v1/users/${target.id}`, { roles: ['admin'] });
    expect(denied.status).toBe(403);
    const res = await app.as(admin).patch(`/api/v1/users/${target.id}`, { roles: ['provider', 'reviewer'] });
    expect(res.status).toBe(200);
    expect(res.body.roles).toEqual(['provider', 'reviewer']);
    const ev = await AuditEvent.findOne({ action: 'user.roles_changed', targetId: String(target.id) }).lean();
    expect(ev).toMatchObject({ actorId: admin.id, details: { from: ['researcher'], to: ['provider', 'reviewer'] } });
    const me = await app.as(target).get('/api/v1/auth/me');
    expect(me.body.user.roles).toEqual(['provider', 'reviewer']);
  });

  it('disabling a user stops their tokens', async () => {
    const admin = await createUser({ roles: ['admin'] });
    const target = await createUser();
    expect((await app.as(admin).patch(`/api/v1/users/${target.id}`, { disabled: true })).status).toBe(200);
    expect((await app.as(target).get('/api/v1/auth/me')).status).toBe(401);
  });

  it('an admin cannot remove their own admin role', async () => {
    const admin = await createUser({ roles: ['admin'] });
    const res = await app.as(admin).patch(`/api/v1/users/${admin.id}`, { roles: ['researcher'] });
    expect(res.status).toBe(409);
  });
});

describe('session probe for the web client', () => {
  it('answers 200 with nulls when signed out and the user with the CSRF token when signed in', async () => {
    const anon = await app.anon.get('/api/v1/auth/session');
    expect(anon.status).toBe(200);
    expect(anon.body).toEqual({ user: null, csrfToken: null });
    const u = await createUser();
    const c = await app.login(u.email);
    const res = await c.get('/api/v1/auth/session');
    expect(res.body.user.email).toBe(u.email);
    expect(res.body.csrfToken).toBe(c.csrf);
  });
});
