// Membership is granted, never claimed: registering "into" an organisation makes a request that its
// admins decide (or a verified address in a domain it lists); until then the account is an outsider.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditEvent } from '../../server/audit/model';
import { User } from '../../server/auth/models';
import { runMigrations } from '../../server/infra/migrations';
import { Mail } from '../../server/mail/model';
import { Notification } from '../../server/notifications/model';
import mongoose from 'mongoose';
import { Client, createOrg, createUser, startTestApp, type TestApp } from '../helpers/app';
import { buildDataset, publishDataset } from '../helpers/factories';
import type { OrganizationDoc } from '../../server/organizations/model';

let app: TestApp;
let agency: OrganizationDoc;
let university: OrganizationDoc;
let provider: Client;
let reviewer: Client;
let agencyAdmin: Client;
let confidentialId: string;
let draftId: string;
const PASSWORD = 'a long enough password';

beforeAll(async () => {
  app = await startTestApp();
  agency = await createOrg({ country: 'KR', type: 'public_agency' });
  university = await createOrg({ country: 'US', type: 'university' });
  provider = app.as(await createUser({ roles: ['provider'], org: agency }));
  reviewer = app.as(await createUser({ roles: ['reviewer'], org: agency }));
  agencyAdmin = app.as(await createUser({ roles: ['researcher'], org: agency, orgAdmin: true }));
  const confidential = await publishDataset(provider, reviewer, {
    title: { ko: '기밀 항만 보안 영상', en: 'Confidential harbour security video' },
    disclosure: { ...buildDataset().disclosure, accessLevel: 'approval', samplesAccess: 'registered' },
    classification: { ...buildDataset().classification, level: 'confidential' },
  });
  confidentialId = confidential.id;
  const draft = await provider.post('/api/v1/datasets', { slug: `draft-${Date.now().toString(36)}`, title: { ko: '미공개 초안' } });
  draftId = draft.body.id;
  await app.as(await createUser({ roles: ['researcher'], org: university, orgAdmin: true })).put(`/api/v1/organizations/${university.slug}/partner-profile`, {
    interests: { usCet: ['artificial_intelligence'] },
    purposes: ['research'],
    capabilities: { canSignDua: true, hasIrb: true, canUseEnclave: false, canObtainExportLicense: false },
  });
});
afterAll(async () => {
  await app?.close();
});

async function register(email: string, organizationSlug?: string): Promise<{ client: Client; user: Record<string, any> }> {
  const client = new Client(app.url);
  client.cookie = '';
  const res = await client.post('/api/v1/auth/register', { email, password: PASSWORD, name: 'Applicant', ...(organizationSlug ? { organizationSlug } : {}) });
  expect(res.status).toBe(201);
  client.csrf = res.body.csrfToken;
  return { client, user: res.body.user };
}

const unique = (domain = 'example.org') => `applicant-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}@${domain}`;

describe('registering into an organisation confers nothing', () => {
  it('leaves the new account an outsider: no confidential data, no drafts, no provider rights, no partner profile', async () => {
    const { client, user } = await register(unique(), agency.slug);
    expect(user.membership).toMatchObject({ status: 'pending', organization: { slug: agency.slug } });
    expect(user.organization).toBeNull();

    expect((await client.get(`/api/v1/datasets/${confidentialId}`)).status).toBe(404);
    const search = await client.get('/api/v1/datasets?q=harbour');
    expect(search.body.items.map((d: { id: string }) => d.id)).not.toContain(confidentialId);
    expect((await client.get(`/api/v1/datasets/${confidentialId}/artifacts`)).status).toBe(404);
    expect((await client.get(`/api/v1/datasets/${draftId}`)).status).toBe(404);
    const workspace = await client.get('/api/v1/datasets?workspace=true');
    expect(workspace.status).toBe(200);
    expect(workspace.body.total).toBe(0);
    expect((await client.post('/api/v1/datasets', buildDataset())).status).toBe(403);

    const intoUniversity = await register(unique(), university.slug);
    const overwrite = await intoUniversity.client.put(`/api/v1/organizations/${university.slug}/partner-profile`, {
      interests: { usCet: ['quantum_information'] },
      purposes: ['commercial'],
      capabilities: { canSignDua: false, hasIrb: false, canUseEnclave: false, canObtainExportLicense: false },
    });
    expect(overwrite.status).toBe(403);
    const profile = await app.anon.get(`/api/v1/organizations/${university.slug}/partner-profile`);
    expect(profile.body.profile.purposes).toEqual(['research']);
  });

  it('keeps roles granted by nobody out of effect, even if stored on the account', async () => {
    const { client, user } = await register(unique(), agency.slug);
    await User.updateOne({ _id: user.id }, { $set: { roles: ['researcher', 'provider', 'reviewer'] } });
    const me = await client.get('/api/v1/auth/me');
    expect(me.body.user.roles).toEqual(['researcher']);
    expect((await client.post('/api/v1/datasets', buildDataset())).status).toBe(403);
    expect((await client.get('/api/v1/access-requests?queue=true')).status).not.toBe(200);
  });
});

describe('organisation admins decide requests', () => {
  it('lists the request to the organisation admins only, notifies them, and an approval grants the chosen roles', async () => {
    const { client, user } = await register(unique(), agency.slug);
    expect((await provider.get(`/api/v1/organizations/${agency.slug}/members`)).status).toBe(403);
    expect((await client.get(`/api/v1/organizations/${agency.slug}/members`)).status).toBe(403);

    const pending = await agencyAdmin.get(`/api/v1/organizations/${agency.slug}/members?status=pending`);
    expect(pending.status).toBe(200);
    expect(pending.body.items).toContainEqual(expect.objectContaining({ id: user.id, status: 'pending', emailVerified: false }));
    const adminId = (await agencyAdmin.get('/api/v1/auth/me')).body.user.id;
    expect(await Notification.countDocuments({ userId: adminId, code: 'membership_requested' })).toBeGreaterThan(0);

    expect((await client.post(`/api/v1/organizations/${agency.slug}/members/${user.id}/approve`, {})).status).toBe(403);
    const approved = await agencyAdmin.post(`/api/v1/organizations/${agency.slug}/members/${user.id}/approve`, { roles: ['researcher', 'provider'] });
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ status: 'active', roles: ['researcher', 'provider'] });
    const again = await agencyAdmin.post(`/api/v1/organizations/${agency.slug}/members/${user.id}/approve`, {});
    expect(again.status).toBe(409);

    const me = await client.get('/api/v1/auth/me');
    expect(me.body.user).toMatchObject({ organization: { slug: agency.slug }, membership: { status: 'active' }, roles: ['researcher', 'provider'] });
    expect((await client.get(`/api/v1/datasets/${confidentialId}`)).status).toBe(200);
    expect(await Notification.countDocuments({ userId: user.id, code: 'membership_approved' })).toBe(1);
    expect(await Mail.countDocuments({ to: user.email, template: 'membership_approved' })).toBe(1);
    expect(await AuditEvent.countDocuments({ action: 'membership.approved', targetId: user.id })).toBe(1);
  });

  it('a rejection leaves the account unaffiliated and tells the applicant', async () => {
    const { client, user } = await register(unique(), agency.slug);
    const rejected = await agencyAdmin.post(`/api/v1/organizations/${agency.slug}/members/${user.id}/reject`, { reason: 'Not on our staff list.' });
    expect(rejected.status).toBe(200);
    const me = await client.get('/api/v1/auth/me');
    expect(me.body.user.membership).toEqual({ status: 'none', organization: null, requestedAt: null });
    expect(await Notification.countDocuments({ userId: user.id, code: 'membership_rejected' })).toBe(1);
    const mail = await Mail.findOne({ to: user.email, template: 'membership_rejected' }).lean();
    expect(mail?.text).toContain('Not on our staff list.');
  });

  it('an organisation admin cannot approve their own request; a platform admin approves for any organisation', async () => {
    const other = await createOrg();
    const { client, user } = await register(unique(), other.slug);
    await User.updateOne({ _id: user.id }, { $set: { orgAdmin: true } });
    expect((await client.post(`/api/v1/organizations/${other.slug}/members/${user.id}/approve`, {})).status).toBe(403);
    const platformAdmin = app.as(await createUser({ roles: ['admin'] }));
    const ok = await platformAdmin.post(`/api/v1/organizations/${other.slug}/members/${user.id}/approve`, { roles: ['reviewer'] });
    expect(ok.status).toBe(200);
  });

  it('members change roles and leave; requests can be withdrawn; an active member cannot request another organisation', async () => {
    const { client, user } = await register(unique(), agency.slug);
    await agencyAdmin.post(`/api/v1/organizations/${agency.slug}/members/${user.id}/approve`, {});
    expect((await client.put('/api/v1/auth/membership', { organizationSlug: university.slug })).status).toBe(409);
    const promoted = await agencyAdmin.patch(`/api/v1/organizations/${agency.slug}/members/${user.id}`, { roles: ['reviewer'] });
    expect(promoted.body.roles).toEqual(['reviewer']);
    const left = await client.delete('/api/v1/auth/membership');
    expect(left.status).toBe(200);
    expect(left.body.user).toMatchObject({ organization: null, roles: ['researcher'], membership: { status: 'none' } });
    expect((await client.get(`/api/v1/datasets/${confidentialId}`)).status).toBe(404);

    const asked = await client.put('/api/v1/auth/membership', { organizationSlug: university.slug, note: 'Visiting scholar' });
    expect(asked.body.user.membership).toMatchObject({ status: 'pending', organization: { slug: university.slug } });
    const withdrawn = await client.delete('/api/v1/auth/membership');
    expect(withdrawn.body.user.membership.status).toBe('none');
  });
});

describe('verified e-mail domains', () => {
  it('admits an address in a listed domain once it is verified, and only then', async () => {
    const lab = await createOrg({ country: 'US', type: 'ffrdc', emailDomains: ['lab.example.gov'] } as Partial<OrganizationDoc>);
    const email = unique('sensors.lab.example.gov');
    const { client } = await register(email, lab.slug);
    const before = await client.get('/api/v1/auth/me');
    expect(before.body.user.membership.status).toBe('pending');

    const mail = await Mail.findOne({ to: email, template: 'verify_email' }).lean();
    const token = /token=([A-Za-z0-9_-]+)/.exec(mail!.text)![1];
    expect(mail!.text).toContain(lab.name.en);
    const bad = await app.anon.post('/api/v1/auth/verify-email', { token: 'x'.repeat(43) });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('verification_link_invalid');
    const ok = await app.anon.post('/api/v1/auth/verify-email', { token });
    expect(ok.status).toBe(200);
    expect(ok.body).toEqual({ emailVerified: true, membership: 'active', organization: { slug: lab.slug, name: lab.name } });
    expect((await app.anon.post('/api/v1/auth/verify-email', { token })).status).toBe(400);
    const after = await client.get('/api/v1/auth/me');
    expect(after.body.user).toMatchObject({ emailVerified: true, organization: { slug: lab.slug }, roles: ['researcher'] });
  });

  it('verifying an address outside the listed domains keeps the request pending', async () => {
    const lab = await createOrg({ emailDomains: ['agency.example.kr'] } as Partial<OrganizationDoc>);
    const email = unique('gmail.example');
    const { client } = await register(email, lab.slug);
    const token = /token=([A-Za-z0-9_-]+)/.exec((await Mail.findOne({ to: email }).lean())!.text)![1];
    expect((await app.anon.post('/api/v1/auth/verify-email', { token })).body.membership).toBe('pending');
    expect((await client.get('/api/v1/auth/me')).body.user.organization).toBeNull();
  });
});

describe('accounts stored before memberships existed', () => {
  it('keep rights given by an administrator; a self-registered claim becomes a request', async () => {
    const users = mongoose.connection.collection('users');
    const org = await createOrg();
    const now = new Date();
    const legacy = { organizationId: org._id, locale: 'en', disabled: false, passwordHash: 'x', createdAt: now, updatedAt: now };
    const seeded = await users.insertOne({ ...legacy, email: unique(), name: 'Seeded', roles: ['provider'] });
    const claimed = await users.insertOne({ ...legacy, email: unique(), name: 'Claimed', roles: ['provider'] });
    await AuditEvent.create({ at: now, actorId: claimed.insertedId, action: 'auth.register', targetType: 'user', targetId: String(claimed.insertedId), details: {}, ip: null });
    await mongoose.connection.collection('migrations').deleteOne({ _id: '2026-12-membership' as never });
    await runMigrations({ info: () => undefined });
    expect(await User.findById(seeded.insertedId).lean()).toMatchObject({ membership: 'active', roles: ['provider'] });
    expect(await User.findById(claimed.insertedId).lean()).toMatchObject({ membership: 'pending', roles: ['researcher'] });
  });
});
