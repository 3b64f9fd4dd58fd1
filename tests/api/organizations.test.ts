import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditEvent } from '../../server/audit/model';
import { createUser, startTestApp, type TestApp } from '../helpers/app';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app?.close();
});

const body = { slug: 'pacific-lab', name: { ko: '퍼시픽 연구소', en: 'Pacific Lab' }, country: 'US', type: 'ffrdc', website: 'https://pacific.example' };

describe('organisations', () => {
  it('lets admins create, edit and delete; everyone reads', async () => {
    const admin = await createUser({ roles: ['admin'] });
    const created = await app.as(admin).post('/api/v1/organizations', body);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ slug: 'pacific-lab', country: 'US', type: 'ffrdc', verified: false });
    expect(await AuditEvent.countDocuments({ action: 'organization.create' })).toBe(1);
    expect((await app.as(admin).post('/api/v1/organizations', body)).status).toBe(409);

    const read = await app.anon.get('/api/v1/organizations/pacific-lab');
    expect(read.status).toBe(200);
    expect(read.body.name.en).toBe('Pacific Lab');
    const list = await app.anon.get('/api/v1/organizations?country=US');
    expect(list.body.items.map((o: { slug: string }) => o.slug)).toContain('pacific-lab');

    const patched = await app.as(admin).patch('/api/v1/organizations/pacific-lab', { verified: true });
    expect(patched.body.verified).toBe(true);
    expect((await app.as(admin).delete('/api/v1/organizations/pacific-lab')).status).toBe(204);
    expect((await app.anon.get('/api/v1/organizations/pacific-lab')).status).toBe(404);
  });

  it('forbids non-admins and validates input', async () => {
    const provider = await createUser({ roles: ['provider'] });
    expect((await app.as(provider).post('/api/v1/organizations', { ...body, slug: 'nope-org' })).status).toBe(403);
    expect((await app.anon.post('/api/v1/organizations', { ...body, slug: 'nope-org' })).status).toBe(401);
    const admin = await createUser({ roles: ['admin'] });
    const bad = await app.as(admin).post('/api/v1/organizations', { ...body, slug: 'bad-country', country: 'USA', type: 'club' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { path: string }) => e.path)).toEqual(expect.arrayContaining(['/country', '/type']));
  });

  it('refuses to delete an organisation that still has members', async () => {
    const admin = await createUser({ roles: ['admin'] });
    const member = await createUser();
    const me = await app.as(member).get('/api/v1/auth/me');
    const res = await app.as(admin).delete(`/api/v1/organizations/${me.body.user.organization.slug}`);
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('organization_in_use');
  });
});
