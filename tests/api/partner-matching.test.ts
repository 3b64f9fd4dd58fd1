import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditEvent } from '../../server/audit/model';
import { loadConfig } from '../../server/infra/config';
import { createLogger } from '../../server/infra/logger';
import { startCatalogIndex } from '../../server/search/registry';
import { seedDemo } from '../../seed/run';
import { partnerProfiles } from '../../seed/data/organizations';
import { createOrg, createUser, startTestApp, type Client, type TestApp } from '../helpers/app';
import { buildDataset, publishDataset } from '../helpers/factories';
import { judgedCases } from '../unit/matching/judged';

const DEMO_PASSWORD = 'databridge-demo';
const HANGUL = /[\uac00-\ud7a3]/;
const PACIFIC = 'pacific-state-university';
const CONFIDENTIAL = 'semiconductor-etch-process-logs';

let app: TestApp;
let partner: Client;
let provider: Client;
let admin: Client;

beforeAll(async () => {
  app = await startTestApp();
  await seedDemo({ config: loadConfig({ NODE_ENV: 'test' }), log: createLogger('silent'), storage: app.storage });
  await startCatalogIndex(); // reload the index from the seeded database
  partner = await app.login('partner@demo.org', DEMO_PASSWORD);
  provider = await app.login('provider@demo.kr', DEMO_PASSWORD);
  admin = await app.login('admin@demo.kr', DEMO_PASSWORD);
}, 240_000);
afterAll(async () => {
  await app?.close();
});

const slugs = (items: Array<{ dataset: { slug: string } }>) => items.map((i) => i.dataset.slug);

describe('partner profiles', () => {
  it('are public to read; 404 for an unknown organisation or one without a profile', async () => {
    const res = await app.anon.get(`/api/v1/organizations/${PACIFIC}/partner-profile`);
    expect(res.status).toBe(200);
    expect(res.body.profile).toEqual(partnerProfiles[PACIFIC]);
    expect(res.body.organization).toMatchObject({ slug: PACIFIC, country: 'US', type: 'university' });
    expect((await app.anon.get('/api/v1/organizations/no-such-org/partner-profile')).body.code).toBe('organization_not_found');
    const none = await app.anon.get('/api/v1/organizations/kdata-agency/partner-profile');
    expect(none.status).toBe(404);
    expect(none.body.code).toBe('partner_profile_not_found');
  });

  it('PUT rejects invalid profiles with problem+json naming each field', async () => {
    const bad = {
      interests: { usCet: ['warp_drive'], krTech: [], modalities: ['speech', 'speech'], tasks: [], keywords: { ko: [], en: [] } },
      purposes: [],
      capabilities: { canSignDua: 'yes', hasIrb: true, canUseEnclave: false },
      extra: 1,
    };
    const res = await partner.put(`/api/v1/organizations/${PACIFIC}/partner-profile?lang=ko`, bad);
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(res.body.code).toBe('validation_failed');
    const paths = res.body.errors.map((e: { path: string }) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['/extra', '/interests/usCet/0', '/interests/modalities/1', '/purposes', '/capabilities/canSignDua', '/capabilities/canObtainExportLicense']));
    for (const e of res.body.errors) expect(e.message).toMatch(HANGUL);
  });

  it('PUT: 401 signed out, 403 for other organisations, 404 unknown organisation; members and admins write, audited', async () => {
    const body = partnerProfiles[PACIFIC];
    expect((await app.anon.put(`/api/v1/organizations/${PACIFIC}/partner-profile`, body)).status).toBe(401);
    const forbidden = await provider.put(`/api/v1/organizations/${PACIFIC}/partner-profile`, body);
    expect(forbidden.status).toBe(403);
    expect(forbidden.body.code).toBe('not_organization_member');
    expect((await admin.put('/api/v1/organizations/no-such-org/partner-profile', body)).status).toBe(404);

    const ok = await partner.put(`/api/v1/organizations/${PACIFIC}/partner-profile`, body);
    expect(ok.status).toBe(200);
    expect(ok.body.profile).toEqual(body);
    const org = await createOrg({ country: 'US', type: 'nonprofit' });
    const byAdmin = await admin.put(`/api/v1/organizations/${org.slug}/partner-profile`, body);
    expect(byAdmin.status).toBe(200);
    expect(await AuditEvent.countDocuments({ action: 'organization.partner_profile.update', targetId: String(org._id) })).toBe(1);
  });
});

describe('GET /partners/{slug}/matches', () => {
  it('401 signed out, 403 for outsiders, 404 for unknown partners or organisations without a profile', async () => {
    expect((await app.anon.get(`/api/v1/partners/${PACIFIC}/matches`)).status).toBe(401);
    const outsider = app.as(await createUser({ roles: ['researcher'], country: 'US', orgType: 'university' }));
    const res = await outsider.get(`/api/v1/partners/${PACIFIC}/matches`);
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('not_partner_member');
    expect((await partner.get('/api/v1/partners/no-such-org/matches')).status).toBe(404);
    expect((await admin.get('/api/v1/partners/kdata-agency/matches')).body.code).toBe('partner_profile_not_found');
  });

  it('ranks with five explained components in both languages, access steps, deterministic order and paging', async () => {
    const res = await partner.get(`/api/v1/partners/${PACIFIC}/matches?pageSize=100`);
    expect(res.status).toBe(200);
    expect(res.body.total).toBeGreaterThan(10);
    expect(Object.values(res.body.weights as Record<string, number>).reduce((a, b) => a + b, 0)).toBeCloseTo(1);
    const items = res.body.items as any[];
    for (const [i, m] of items.entries()) {
      expect(m.rank).toBe(i + 1);
      expect(m.components.map((c: any) => c.name)).toEqual(['technology', 'taskModality', 'keywords', 'accessibility', 'quality']);
      for (const c of m.components) {
        expect(c.score).toBeGreaterThanOrEqual(0);
        expect(c.score).toBeLessThanOrEqual(1);
        expect(c.explanation.ko).toMatch(HANGUL);
        expect(c.explanation.en.length).toBeGreaterThan(10);
      }
      expect(m.access.steps[0].code).toBe('sign_in');
      if (i > 0) {
        const prev = items[i - 1];
        expect(prev.score > m.score || (prev.score === m.score && prev.dataset.slug < m.dataset.slug)).toBe(true);
      }
    }
    const speech = items.find((m) => m.dataset.slug === 'korean-spontaneous-speech-2023');
    expect(speech.access).toMatchObject({ decision: 'request_required', purpose: 'research' });
    expect(speech.access.steps.map((s: any) => s.code)).toEqual(['sign_in', 'accept_dua', 'request', 'download']);
    expect(speech.access.steps[2].text.en).toMatch(/cross-border/i);

    const page2 = await partner.get(`/api/v1/partners/${PACIFIC}/matches?pageSize=5&page=2`);
    expect(page2.body.items.map((m: any) => m.rank)).toEqual([6, 7, 8, 9, 10]);
    expect(slugs(page2.body.items)).toEqual(slugs(items.slice(5, 10)));
    expect((await partner.get(`/api/v1/partners/${PACIFIC}/matches?pageSize=500`)).status).toBe(400);
  });

  it('lists the ineligible datasets with bilingual reasons on request, and never a confidential dataset the partner cannot see', async () => {
    const plain = await partner.get(`/api/v1/partners/${PACIFIC}/matches`);
    expect(plain.body.ineligible).toBeUndefined();
    const res = await partner.get(`/api/v1/partners/${PACIFIC}/matches?includeIneligible=true&pageSize=100`);
    const ineligible = res.body.ineligible as any[];
    expect(ineligible.length).toBe(res.body.excludedTotal);
    const quantum = ineligible.find((e) => e.dataset.slug === 'quantum-device-measurements');
    expect(quantum.reasons).toEqual([
      expect.objectContaining({ kind: 'capability', code: 'export_license', capability: 'canObtainExportLicense', message: { ko: expect.stringMatching(HANGUL), en: expect.stringMatching(/export licence/) } }),
    ]);
    for (const viewer of [partner, admin]) {
      const all = await viewer.get(`/api/v1/partners/${PACIFIC}/matches?includeIneligible=true&pageSize=100`);
      expect(JSON.stringify(all.body)).not.toContain(CONFIDENTIAL);
      const csv = await viewer.get(`/api/v1/partners/${PACIFIC}/matches/export?format=csv`);
      expect(csv.text).not.toContain(CONFIDENTIAL);
    }
  });

  it('follows the capabilities: canObtainExportLicense moves export-controlled datasets into the matches', async () => {
    const before = await partner.get(`/api/v1/partners/${PACIFIC}/matches?pageSize=100`);
    expect(slugs(before.body.items)).not.toContain('quantum-device-measurements');
    const profile = structuredClone(partnerProfiles[PACIFIC]);
    profile.capabilities.canObtainExportLicense = true;
    expect((await partner.put(`/api/v1/organizations/${PACIFIC}/partner-profile`, profile)).status).toBe(200);
    try {
      const after = await partner.get(`/api/v1/partners/${PACIFIC}/matches?pageSize=100`);
      const quantum = after.body.items.find((m: any) => m.dataset.slug === 'quantum-device-measurements');
      expect(quantum.access.requirements.map((r: any) => r.code)).toEqual(expect.arrayContaining(['export_license', 'cross_border_agreement']));
      expect(quantum.access.steps.map((s: any) => s.code)).toEqual(['sign_in', 'export_license', 'accept_dua', 'request', 'download']);
    } finally {
      await partner.put(`/api/v1/organizations/${PACIFIC}/partner-profile`, partnerProfiles[PACIFIC]);
    }
  });

  it('exports the report as CSV and JSON attachments with both languages', async () => {
    const csv = await partner.get(`/api/v1/partners/${PACIFIC}/matches/export?format=csv`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/text\/csv/);
    expect(csv.headers.get('content-disposition')).toMatch(/^attachment; filename="matches-pacific-state-university-\d{4}-\d{2}-\d{2}\.csv"$/);
    // A byte-order mark first, so spreadsheets read the Korean text as UTF-8 (fetch's text() drops it).
    const raw = new Uint8Array(await (await fetch(`${app.url}/api/v1/partners/${PACIFIC}/matches/export?format=csv`, { headers: { cookie: partner.cookie! } })).arrayBuffer());
    expect([...raw.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = csv.text.trim().split('\r\n');
    expect(lines[0]).toContain('technology_explanation_ko');
    expect(csv.text).toMatch(HANGUL);
    expect(csv.text).toContain('quantum-device-measurements');

    const json = await partner.get(`/api/v1/partners/${PACIFIC}/matches/export?format=json`);
    expect(json.headers.get('content-disposition')).toMatch(/attachment; filename=".*\.json"/);
    const report = JSON.parse(json.text);
    expect(report.matches.length).toBeGreaterThan(10);
    expect(report.excluded.map((e: any) => e.dataset.slug)).toContain('quantum-device-measurements');
    expect(report.matches[0].components[0].explanation).toEqual({ ko: expect.stringMatching(HANGUL), en: expect.any(String) });
    expect((await partner.get(`/api/v1/partners/${PACIFIC}/matches/export?format=xml`)).status).toBe(400);
  });
});

describe('judged set against the seeded catalogue and the real search index', () => {
  for (const c of judgedCases) {
    it(c.name, async () => {
      let slug = c.org.slug;
      if (!c.org.seeded) {
        const org = await createOrg({ country: c.org.country, type: c.org.type });
        slug = org.slug;
        expect((await admin.put(`/api/v1/organizations/${slug}/partner-profile`, c.profile)).status).toBe(200);
      }
      const res = await admin.get(`/api/v1/partners/${slug}/matches?includeIneligible=true&pageSize=100`);
      expect(res.status).toBe(200);
      expect(slugs(res.body.items).slice(0, 3)).toEqual(c.top3);
      const excluded = new Map((res.body.ineligible as any[]).map((e) => [e.dataset.slug, e.reasons.map((r: any) => r.code)]));
      for (const [dataset, reasons] of Object.entries(c.excluded)) {
        // Datasets the partner may not even see are left out altogether rather than listed as excluded.
        if (reasons.includes('not_visible')) expect(excluded.has(dataset) || slugs(res.body.items).includes(dataset)).toBe(false);
        else expect(excluded.get(dataset), dataset).toEqual(expect.arrayContaining(reasons));
      }
    });
  }
});

describe('GET /datasets/{id}/partner-matches', () => {
  it("ranks partners for the provider's members and reviewers; 401, 403 and 404 otherwise", async () => {
    const res = await provider.get('/api/v1/datasets/korean-spontaneous-speech-2023/partner-matches');
    expect(res.status).toBe(200);
    const items = res.body.items as any[];
    const pacific = items.find((i) => i.partner.slug === PACIFIC);
    expect(pacific).toMatchObject({ eligible: true, access: { decision: 'request_required' } });
    expect(pacific.components).toHaveLength(5);
    const cedar = items.find((i) => i.partner.slug === 'cedar-ridge-robotics');
    expect(cedar.eligible).toBe(true);
    const eligible = items.filter((i) => i.eligible);
    expect(items.slice(0, eligible.length)).toEqual(eligible);
    for (let i = 1; i < eligible.length; i++) expect(eligible[i - 1].score).toBeGreaterThanOrEqual(eligible[i].score);

    const reviewer = await app.login('reviewer@demo.kr', DEMO_PASSWORD);
    expect((await reviewer.get('/api/v1/datasets/korean-spontaneous-speech-2023/partner-matches')).status).toBe(200);
    expect((await app.anon.get('/api/v1/datasets/korean-spontaneous-speech-2023/partner-matches')).status).toBe(401);
    const other = await partner.get('/api/v1/datasets/korean-spontaneous-speech-2023/partner-matches');
    expect(other.status).toBe(403);
    expect((await partner.get(`/api/v1/datasets/${CONFIDENTIAL}/partner-matches`)).status).toBe(404);
    expect((await provider.get('/api/v1/datasets/no-such-dataset/partner-matches')).status).toBe(404);
  });

  it('lists partners that cannot get the dataset with the reasons', async () => {
    const res = await provider.get('/api/v1/datasets/satellite-land-cover-segmentation/partner-matches');
    const atlantic = (res.body.items as any[]).find((i) => i.partner.slug === 'atlantic-advanced-systems-lab');
    expect(atlantic.eligible).toBe(false);
    expect(atlantic.reasons.map((r: any) => r.code)).toEqual(expect.arrayContaining(['country_not_allowed', 'cross_border_prohibited']));
  });
});

describe('an organisation that is both provider and partner', () => {
  it("its own confidential dataset is matched for its members, never shown to another organisation's reviewer", async () => {
    const org = await createOrg({ country: 'KR', type: 'company' });
    const p = app.as(await createUser({ roles: ['provider'], org }));
    const r = app.as(await createUser({ roles: ['reviewer'], org }));
    const secret = await publishDataset(p, r, {
      classification: { level: 'confidential', personalInfo: 'none', sensitiveCategories: [], exportControl: { controlled: false }, nationalCoreTechnology: false },
      disclosure: { ...buildDataset().disclosure, accessLevel: 'closed', samplesAccess: 'same_as_data' },
    });
    expect((await p.put(`/api/v1/organizations/${org.slug}/partner-profile`, partnerProfiles[PACIFIC])).status).toBe(200);
    const own = await p.get(`/api/v1/partners/${org.slug}/matches?pageSize=100`);
    expect(slugs(own.body.items)).toContain(secret.slug);
    const otherReviewer = await app.login('reviewer@demo.kr', DEMO_PASSWORD);
    const seen = await otherReviewer.get(`/api/v1/partners/${org.slug}/matches?includeIneligible=true&pageSize=100`);
    expect(seen.status).toBe(200);
    expect(JSON.stringify(seen.body)).not.toContain(secret.slug);
  });
});
