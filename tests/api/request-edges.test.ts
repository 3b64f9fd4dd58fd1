// What reaches the server before any handler: bodies read only after authentication and the
// route's permission, per-route size limits, and malformed encodings in paths and bodies.
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { User } from '../../server/auth/models';
import { createUser, startTestApp, type TestApp } from '../helpers/app';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app?.close();
});

/**
 * Sends request headers announcing a large body and only its first kilobyte, then waits for the
 * status line. A server that reads bodies before deciding keeps waiting for the rest.
 */
function announceLargeBody(path: string, headers: Record<string, string>, waitMs = 3000): Promise<{ status: number | null; ms: number }> {
  const { hostname, port } = new URL(app.url);
  const started = Date.now();
  return new Promise((resolve) => {
    const socket = net.connect(Number(port), hostname);
    let received = '';
    const done = (status: number | null) => {
      clearTimeout(timer);
      socket.destroy();
      resolve({ status, ms: Date.now() - started });
    };
    const timer = setTimeout(() => done(null), waitMs);
    socket.on('connect', () => {
      const head = [`POST ${path} HTTP/1.1`, `Host: ${hostname}:${port}`, 'Content-Length: 25000000', ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`), '', ''].join('\r\n');
      socket.write(head);
      socket.write(Buffer.alloc(1024, 'a'));
    });
    socket.on('data', (chunk) => {
      received += chunk.toString('latin1');
      const m = /^HTTP\/1\.1 (\d{3})/.exec(received);
      if (m) done(Number(m[1]));
    });
    socket.on('error', () => done(null));
  });
}

describe('bodies are read only after authentication and permission', () => {
  it('refuses an anonymous 25 MB import at once, without waiting for the body', async () => {
    const res = await announceLargeBody('/api/v1/import', { 'Content-Type': 'text/csv' });
    expect(res.status).toBe(401);
    expect(res.ms).toBeLessThan(2000);
  });

  it('refuses a signed-in caller without the route’s role at once (403)', async () => {
    const researcher = await createUser({ roles: ['researcher'] });
    const res = await announceLargeBody('/api/v1/import', { 'Content-Type': 'text/csv', Authorization: `Bearer ${researcher.token}` });
    expect(res.status).toBe(403);
  });

  it('refuses an anonymous 25 MB JSON body on a signed-in route at once', async () => {
    const res = await announceLargeBody('/api/v1/datasets', { 'Content-Type': 'application/json' });
    expect(res.status).toBe(401);
  });

  it('applies per-route limits: a 100 KB sign-in body is too large, a 100 KB dataset draft is not', async () => {
    const big = 'x'.repeat(100 * 1024);
    const login = await app.anon.post('/api/v1/auth/login', { email: 'a@b.example', password: big });
    expect(login.status).toBe(413);
    expect(login.body.code).toBe('payload_too_large');
    const provider = await createUser({ roles: ['provider'] });
    const draft = await app.as(provider).post('/api/v1/datasets', {
      slug: `big-${Date.now().toString(36)}`,
      title: { ko: '큰 설명' },
      description: { ko: '가'.repeat(19_000), en: 'word '.repeat(3_000).trim() },
    });
    expect(draft.status).toBe(201);
  });
});

describe('malformed encodings', () => {
  it('answers 400 for a malformed percent-encoding in an API path and in a page path', async () => {
    const api = await app.anon.get('/api/v1/datasets/%FF');
    expect(api.status).toBe(400);
    expect(api.body.code).toBe('invalid_path_encoding');
    const page = await app.anon.get('/datasets/%E0%A4%A');
    expect([400, 404]).toContain(page.status); // 404 when the web client is not built
    if (page.status === 400) expect(JSON.parse(page.text).code).toBe('invalid_path_encoding');
  });

  it('refuses invalid UTF-8 in a JSON body and stores nothing', async () => {
    const u = await createUser();
    const before = await User.findById(u.id).lean();
    const body = Buffer.concat([Buffer.from('{"name":"Kim '), Buffer.from([0xff, 0xfe]), Buffer.from('"}')]);
    const res = await fetch(`${app.url}/api/v1/auth/me`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${u.token}`, 'content-type': 'application/json' },
      body,
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { code: string }).code).toBe('invalid_encoding');
    expect((await User.findById(u.id).lean())!.name).toBe(before!.name);
  });

  it('refuses invalid UTF-8 in a CSV import', async () => {
    const provider = await createUser({ roles: ['provider'] });
    const body = Buffer.concat([Buffer.from('slug,title.ko\nbad-bytes-1,'), Buffer.from([0xc3, 0x28]), Buffer.from('\n')]);
    const res = await fetch(`${app.url}/api/v1/import?dryRun=true`, {
      method: 'POST',
      headers: { authorization: `Bearer ${provider.token}`, 'content-type': 'text/csv' },
      body,
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { code: string }).code).toBe('invalid_encoding');
  });
});
