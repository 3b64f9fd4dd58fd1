import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POLICY_REASONS, POLICY_REQUIREMENTS } from '../../schemas/taxonomy';
import { createOrg, createUser, startTestApp, type Client, type TestApp } from '../helpers/app';
import { buildDataset, publishDataset } from '../helpers/factories';

let app: TestApp;
let P: Client;
let R: Client;
let usResearcher: Client;
let krResearcher: Client;
let conditional: { id: string };
let confidential: { id: string };
let internal: { id: string };

const requirement = (code: string, lang: 'ko' | 'en' = 'en') => {
  const item = POLICY_REQUIREMENTS.find((r) => r.code === code)!;
  return { code, message: item.message[lang], blocking: item.blocking };
};
const reason = (code: string, lang: 'ko' | 'en' = 'en') => ({ code, message: POLICY_REASONS.find((r) => r.code === code)!.message[lang] });
const rules = (overrides: { disclosure?: object; classification?: object; license?: object } = {}) => {
  const base = buildDataset();
  return {
    license: overrides.license ?? base.license,
    disclosure: { ...base.disclosure, ...overrides.disclosure },
    classification: { ...base.classification, ...overrides.classification },
  };
};
const usUniversity = { country: 'US', orgType: 'university' };

beforeAll(async () => {
  app = await startTestApp();
  const org = await createOrg();
  P = app.as(await createUser({ roles: ['provider'], org }));
  R = app.as(await createUser({ roles: ['reviewer'], org }));
  usResearcher = app.as(await createUser({ roles: ['researcher'], country: 'US', orgType: 'university' }));
  krResearcher = app.as(await createUser({ roles: ['researcher'], country: 'KR', orgType: 'research_institute' }));
  const base = buildDataset();
  conditional = await publishDataset(P, R, {
    disclosure: {
      ...base.disclosure,
      accessLevel: 'approval',
      samplesAccess: 'registered',
      crossBorder: 'conditional',
      conditions: { ...base.disclosure.conditions, dua: true },
    },
  });
  confidential = await publishDataset(P, R, {
    disclosure: { ...base.disclosure, accessLevel: 'approval', samplesAccess: 'registered' },
    classification: { ...base.classification, level: 'confidential' },
  });
  internal = await publishDataset(P, R, { classification: { ...base.classification, level: 'internal' } });
});
afterAll(async () => {
  await app?.close();
});

describe('POST /api/v1/policy/evaluate — what-if', () => {
  it('a US university researcher asking for full research access to an approval-level, conditional, DUA dataset → request_required', async () => {
    const res = await app.anon.post('/api/v1/policy/evaluate', {
      datasetId: conditional.id,
      requester: usUniversity,
      purpose: 'research',
      scope: 'full',
    });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      decision: 'request_required',
      reasons: [],
      requirements: [requirement('accept_dua'), requirement('cross_border_agreement')],
    });
    expect(res.body.requirements.find((r: { code: string }) => r.code === 'cross_border_agreement').blocking).toBe(true);
    expect(res.body.requirements.find((r: { code: string }) => r.code === 'accept_dua').blocking).toBe(false);
  });

  it('answers in Korean with ?lang=ko', async () => {
    const res = await app.anon.post('/api/v1/policy/evaluate?lang=ko', {
      datasetId: conditional.id,
      requester: usUniversity,
      purpose: 'research',
      scope: 'full',
    });
    expect(res.status).toBe(200);
    expect(res.body.requirements).toEqual([requirement('accept_dua', 'ko'), requirement('cross_border_agreement', 'ko')]);
  });

  it('samples of the same dataset need only the cross-border agreement', async () => {
    const res = await app.anon.post('/api/v1/policy/evaluate', {
      datasetId: conditional.id,
      requester: usUniversity,
      purpose: 'research',
      scope: 'samples',
    });
    expect(res.body).toEqual({ decision: 'request_required', reasons: [], requirements: [requirement('cross_border_agreement')] });
  });

  it('a Korean profile gets the click-through agreement only (still request_required at approval level)', async () => {
    const res = await app.anon.post('/api/v1/policy/evaluate', {
      datasetId: conditional.id,
      requester: { country: 'KR', orgType: 'company' },
      purpose: 'research',
      scope: 'full',
    });
    expect(res.body).toEqual({ decision: 'request_required', reasons: [], requirements: [requirement('accept_dua')] });
  });

  it('answers 404 for a confidential dataset the caller cannot see, and for unknown ids', async () => {
    for (const client of [app.anon, usResearcher, krResearcher]) {
      const res = await client.post('/api/v1/policy/evaluate', {
        datasetId: confidential.id,
        requester: usUniversity,
        purpose: 'research',
        scope: 'metadata',
      });
      expect(res.status).toBe(404);
      expect(res.body.code).toBe('dataset_not_found');
    }
    const unknown = await app.anon.post('/api/v1/policy/evaluate', { datasetId: 'a'.repeat(24), purpose: 'research', scope: 'full' });
    expect(unknown.status).toBe(404);
  });

  it('lets the provider ask what an outsider would get on their confidential dataset', async () => {
    const res = await P.post('/api/v1/policy/evaluate', {
      datasetId: confidential.id,
      requester: { country: 'KR', orgType: 'university' },
      purpose: 'research',
      scope: 'full',
    });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ decision: 'deny', reasons: [reason('not_visible')], requirements: [] });
  });

  it('evaluates inline rules without any dataset', async () => {
    const open = await app.anon.post('/api/v1/policy/evaluate', {
      dataset: rules(),
      requester: usUniversity,
      purpose: 'commercial',
      scope: 'full',
    });
    expect(open.status).toBe(200);
    expect(open.body).toEqual({ decision: 'allow', reasons: [], requirements: [] });

    const prohibited = await app.anon.post('/api/v1/policy/evaluate', {
      dataset: rules({ license: { id: 'CC-BY-NC-4.0' }, disclosure: { crossBorder: 'prohibited' } }),
      requester: usUniversity,
      purpose: 'commercial',
      scope: 'samples',
    });
    expect(prohibited.body).toEqual({
      decision: 'deny',
      reasons: [reason('license_noncommercial'), reason('cross_border_prohibited')],
      requirements: [],
    });

    const enclave = await app.anon.post('/api/v1/policy/evaluate?lang=ko', {
      dataset: rules({
        disclosure: {
          accessLevel: 'enclave',
          samplesAccess: 'same_as_data',
          crossBorder: 'prohibited',
          conditions: { dua: true, irb: true, attribution: true, noRedistribution: true },
        },
      }),
      requester: usUniversity,
      purpose: 'research',
      scope: 'full',
    });
    expect(enclave.body).toEqual({
      decision: 'enclave_only',
      reasons: [],
      requirements: [requirement('accept_dua', 'ko'), requirement('irb_approval', 'ko')],
    });
  });

  it('rejects a bad body with 400 and the path of every problem', async () => {
    const res = await app.anon.post('/api/v1/policy/evaluate', { purpose: 'fun', scope: 'everything', requester: { country: 'usa' } });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('validation_failed');
    const paths = res.body.errors.map((e: { path: string; code: string }) => `${e.path} ${e.code}`).sort();
    expect(paths).toEqual([
      '/dataset required',
      '/purpose enum',
      '/requester/country invalid_country',
      '/requester/orgType required',
      '/scope enum',
    ]);

    const both = await app.anon.post('/api/v1/policy/evaluate', {
      datasetId: conditional.id,
      dataset: rules(),
      purpose: 'research',
      scope: 'full',
    });
    expect(both.status).toBe(400);
    expect(both.body.errors.map((e: { path: string; code: string }) => `${e.path} ${e.code}`)).toEqual(['/dataset not_allowed']);

    const incomplete = await app.anon.post('/api/v1/policy/evaluate', {
      dataset: { disclosure: { accessLevel: 'secret' }, license: { id: 'CC-BY-4.0' } },
      purpose: 'research',
      scope: 'full',
    });
    expect(incomplete.status).toBe(400);
    const incompletePaths = incomplete.body.errors.map((e: { path: string }) => e.path);
    expect(incompletePaths).toContain('/dataset/classification');
    expect(incompletePaths).toContain('/dataset/disclosure/accessLevel');
    expect(incompletePaths).toContain('/dataset/disclosure/crossBorder');

    const badId = await app.anon.post('/api/v1/policy/evaluate', { datasetId: '../etc', purpose: 'research', scope: 'full' });
    expect(badId.body.errors.map((e: { path: string; code: string }) => `${e.path} ${e.code}`)).toEqual(['/datasetId invalid_object_id']);
  });
});

describe('POST /api/v1/policy/evaluate — the caller as they are', () => {
  it('hides an internal dataset from anonymous callers (404) but evaluates it for signed-in ones', async () => {
    const anon = await app.anon.post('/api/v1/policy/evaluate', { datasetId: internal.id, purpose: 'research', scope: 'metadata' });
    expect(anon.status).toBe(404);
    const signedIn = await krResearcher.post('/api/v1/policy/evaluate', { datasetId: internal.id, purpose: 'research', scope: 'full' });
    expect(signedIn.status).toBe(200);
    expect(signedIn.body.decision).toBe('allow');
  });

  it('allows provider members on their own approval-level dataset', async () => {
    for (const client of [P, R]) {
      const res = await client.post('/api/v1/policy/evaluate', { datasetId: conditional.id, purpose: 'commercial', scope: 'full' });
      expect(res.body).toEqual({ decision: 'allow', reasons: [], requirements: [] });
    }
    const confidentialFull = await R.post('/api/v1/policy/evaluate', { datasetId: confidential.id, purpose: 'research', scope: 'full' });
    expect(confidentialFull.body.decision).toBe('allow');
  });

  it("judges a signed-in caller by their organisation's country", async () => {
    const us = await usResearcher.post('/api/v1/policy/evaluate', { datasetId: conditional.id, purpose: 'research', scope: 'full' });
    expect(us.body).toEqual({
      decision: 'request_required',
      reasons: [],
      requirements: [requirement('accept_dua'), requirement('cross_border_agreement')],
    });
    const kr = await krResearcher.post('/api/v1/policy/evaluate', { datasetId: conditional.id, purpose: 'research', scope: 'samples' });
    expect(kr.body).toEqual({ decision: 'allow', reasons: [], requirements: [] });
  });

  it('asks anonymous callers to sign in when the answer depends on who they are', async () => {
    const res = await app.anon.post('/api/v1/policy/evaluate', { datasetId: conditional.id, purpose: 'research', scope: 'full' });
    expect(res.body).toEqual({ decision: 'sign_in_required', reasons: [], requirements: [] });
    const inline = await app.anon.post('/api/v1/policy/evaluate', {
      dataset: rules({ disclosure: { allowedPurposes: ['research'], allowedCountries: ['KR'] } }),
      purpose: 'education',
      scope: 'full',
    });
    expect(inline.body).toEqual({ decision: 'deny', reasons: [reason('purpose_not_allowed')], requirements: [] });
  });
});
