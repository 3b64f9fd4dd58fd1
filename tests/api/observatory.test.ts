import { randomUUID } from 'node:crypto';
import { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Dataset } from '../../server/datasets/model';
import { recordChange } from '../../server/infra/change-feed';
import { forgetObservatoryCache } from '../../server/observatory/compute';
import { countersSettled, increment } from '../../server/stats/counters';
import type { OrganizationDoc } from '../../server/organizations/model';
import { createOrg, createUser, startTestApp, type Client, type TestApp, type TestUser } from '../helpers/app';
import { contractOf } from '../helpers/contract';
import { buildDataset, publishDataset } from '../helpers/factories';

// Each test file gets its own database, so the counts below are exactly what this file publishes.
let app: TestApp;
let contract: ReturnType<typeof contractOf>;
let provider: TestUser;
let P: Client;
let R: Client;
let outsider: Client;
let admin: Client;
let usOrg: OrganizationDoc;
let krOrg: OrganizationDoc;
const ids: Record<string, string> = {};

const restricted = {
  disclosure: { ...buildDataset().disclosure, accessLevel: 'approval', samplesAccess: 'registered' },
};

async function publish(name: string, kr: string[], us: string[], over: Record<string, unknown> = {}) {
  const body = await publishDataset(P, R, { techAreas: { kr, us }, ...over });
  ids[name] = body.id as string;
}

/** Marks a published dataset as harvested (as the harvester stores it) and announces the write. */
async function markHarvested(name: string, harvestedAt: string) {
  await Dataset.collection.updateOne({ _id: new Types.ObjectId(ids[name]) }, { $set: { origin: { kind: 'harvested', harvestedAt: new Date(harvestedAt) } } });
  await recordChange({ kind: 'dataset', ids: [ids[name]] });
}

/**
 * Counts `n` access requests on a dataset from requesters in `country` — approved ones also as
 * approvals — through the statistics' own counter write (what POST /access-requests and a decision
 * record; tests/api/stats.test.ts checks that recording), then forgets the cached answers.
 */
async function requests(name: string, country: string, n: number, status = 'submitted', { forget = true } = {}) {
  const key = { datasetId: new Types.ObjectId(ids[name]), providerId: provider.organizationId, requester: { country, orgType: 'university' } };
  await increment({ ...key, event: 'request_submitted' }, new Date(), n);
  if (status === 'approved' || status === 'expired') await increment({ ...key, event: 'request_approved' }, new Date(), n);
  if (forget) forgetObservatoryCache();
}

const get = async (client: Client, query = '') => {
  const res = await client.get(`/api/v1/observatory${query}`);
  expect(res.status, res.text).toBe(200);
  // Every answer matches the published response schema (observatory.view in the OpenAPI document).
  expect(contract.problems('GET', `/api/v1/observatory${query}`, res)).toEqual([]);
  return res.body;
};
const cell = (body: any, kr: string, us: string) => body.matrix.cells.find((c: any) => c.kr === kr && c.us === us)?.count ?? 0;
const demandOf = (body: any, side: 'kr' | 'us', code: string) => body.demand.find((d: any) => d[side] === code);

beforeAll(async () => {
  app = await startTestApp();
  contract = contractOf((await app.anon.get('/api/v1/openapi.json')).body);
  const org = await createOrg({ country: 'KR', type: 'public_agency' });
  provider = await createUser({ org, roles: ['provider'] });
  P = app.as(provider);
  R = app.as(await createUser({ org, roles: ['reviewer'] }));
  outsider = app.as(await createUser({ country: 'KR', orgType: 'university' }));
  admin = app.as(await createUser({ roles: ['admin'] }));
  usOrg = await createOrg({ country: 'US', type: 'university' });
  krOrg = await createOrg({ country: 'KR', type: 'company' });

  await publish('multi', ['artificial_intelligence', 'quantum'], ['artificial_intelligence']);
  await publish('krOnly', ['artificial_intelligence'], []);
  await publish('usOnly', [], ['quantum_information']);
  await publish('none', [], []);
  await publish('harvested', ['secondary_batteries'], ['clean_energy_generation_storage']);
  await markHarvested('harvested', '2024-02-10T00:00:00Z');
  await publish('confidential', ['hydrogen'], ['clean_energy_generation_storage'], {
    ...restricted,
    classification: { ...buildDataset().classification, level: 'confidential' },
  });
  await publish('internal', ['cybersecurity'], ['data_privacy_security_cybersecurity'], {
    ...restricted,
    classification: { ...buildDataset().classification, level: 'internal' },
  });
  // A draft is not in the catalogue and is never counted.
  expect((await P.post('/api/v1/datasets', buildDataset({ techAreas: { kr: ['quantum'], us: ['quantum_information'] } }))).status).toBe(201);
}, 240_000);
afterAll(async () => {
  await app?.close();
});

describe('GET /observatory matrix', () => {
  it('counts a dataset in every pairing of its areas, one-sided areas apart, unmapped ones once', async () => {
    const body = await get(app.anon);
    expect(body.matrix.kr).toHaveLength(12);
    expect(body.matrix.us).toHaveLength(18);
    expect(cell(body, 'artificial_intelligence', 'artificial_intelligence')).toBe(1);
    expect(cell(body, 'quantum', 'artificial_intelligence')).toBe(1);
    expect(cell(body, 'secondary_batteries', 'clean_energy_generation_storage')).toBe(1);
    expect(body.matrix.krOnly).toEqual([{ kr: 'artificial_intelligence', count: 1 }]);
    expect(body.matrix.usOnly).toEqual([{ us: 'quantum_information', count: 1 }]);
    expect(body.matrix.unmapped).toBe(1);
    // The draft's quantum × quantum_information pairing is not there.
    expect(cell(body, 'quantum', 'quantum_information')).toBe(0);
    expect(body.origins).toEqual({ local: 4, harvested: 1 });
    expect(body.filter).toEqual({ origin: null, from: null, interval: 'quarter' });
    expect(isDate(body.generatedAt)).toBe(true);
  });

  it('counts only what the caller may list: confidential for its provider members and admins, internal for signed-in callers', async () => {
    const anon = await get(app.anon);
    expect(cell(anon, 'hydrogen', 'clean_energy_generation_storage')).toBe(0);
    expect(cell(anon, 'cybersecurity', 'data_privacy_security_cybersecurity')).toBe(0);
    expect(anon.growth.some((g: any) => g.kr === 'hydrogen')).toBe(false);
    expect(anon.origins).toEqual({ local: 4, harvested: 1 });

    const other = await get(outsider);
    expect(cell(other, 'hydrogen', 'clean_energy_generation_storage')).toBe(0);
    expect(cell(other, 'cybersecurity', 'data_privacy_security_cybersecurity')).toBe(1);

    for (const client of [P, admin]) {
      const own = await get(client);
      expect(cell(own, 'hydrogen', 'clean_energy_generation_storage')).toBe(1);
      expect(cell(own, 'cybersecurity', 'data_privacy_security_cybersecurity')).toBe(1);
      expect(own.origins).toEqual({ local: 6, harvested: 1 });
    }
    // The member's answer must not have been cached for the anonymous tier.
    expect(cell(await get(app.anon), 'hydrogen', 'clean_energy_generation_storage')).toBe(0);
  });

  it('filters by origin; the origin share still shows both', async () => {
    const harvested = await get(app.anon, '?origin=harvested');
    expect(harvested.matrix.cells).toEqual([{ kr: 'secondary_batteries', us: 'clean_energy_generation_storage', count: 1 }]);
    expect(harvested.matrix.unmapped).toBe(0);
    expect(harvested.origins).toEqual({ local: 4, harvested: 1 });
    const local = await get(app.anon, '?origin=local');
    expect(cell(local, 'secondary_batteries', 'clean_energy_generation_storage')).toBe(0);
    expect(cell(local, 'artificial_intelligence', 'artificial_intelligence')).toBe(1);
  });

  it('answers 400 invalid_query naming a wrong filter', async () => {
    for (const [query, name] of [
      ['?origin=mirrored', 'origin'],
      ['?from=2024-13', 'from'],
      ['?from=2024', 'from'],
      ['?interval=week', 'interval'],
    ]) {
      const res = await app.anon.get(`/api/v1/observatory${query}&lang=ko`);
      expect(res.status).toBe(400);
      expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
      expect(res.body.code).toBe('invalid_query');
      expect(res.body.detail ?? res.body.title).toContain(name);
    }
  });
});

describe('GET /observatory growth', () => {
  const thisQuarter = () => {
    const d = new Date();
    return `${d.getUTCFullYear()}-Q${Math.floor(d.getUTCMonth() / 3) + 1}`;
  };

  it('counts local datasets by first publication and harvested ones by harvest, every period from the first to now', async () => {
    const body = await get(app.anon);
    const periods = [...new Set(body.growth.map((g: any) => g.period))] as string[];
    expect(periods[0]).toBe('2024-Q1');
    expect(periods.at(-1)).toBe(thisQuarter());
    const batteries = body.growth.filter((g: any) => g.kr === 'secondary_batteries');
    expect(batteries).toHaveLength(periods.length);
    expect(batteries[0]).toEqual({ period: '2024-Q1', kr: 'secondary_batteries', count: 1, cumulative: 1 });
    expect(batteries.at(-1)).toMatchObject({ count: 0, cumulative: 1 });
    // Two public datasets in AI (multi, krOnly), both published this quarter.
    expect(body.growth.find((g: any) => g.kr === 'artificial_intelligence' && g.period === thisQuarter())).toMatchObject({ count: 2, cumulative: 2 });
    expect(body.growth.find((g: any) => g.kr === 'quantum' && g.period === thisQuarter())).toMatchObject({ count: 1, cumulative: 1 });
    // Datasets without a Korean area (usOnly, none) count under null.
    expect(body.growth.find((g: any) => g.kr === null && g.period === thisQuarter())).toMatchObject({ count: 2, cumulative: 2 });
  });

  it('uses months when asked, and `from` drops what appeared before', async () => {
    const monthly = await get(app.anon, '?interval=month');
    expect(monthly.growth[0].period).toBe('2024-02');
    expect(monthly.growth.find((g: any) => g.kr === 'secondary_batteries' && g.period === '2024-03')).toMatchObject({ count: 0, cumulative: 1 });
    const since = await get(app.anon, '?from=2025-01&interval=month');
    expect(since.growth[0].period).toBe('2025-01');
    expect(since.growth.some((g: any) => g.kr === 'secondary_batteries')).toBe(false);
    expect(cell(since, 'secondary_batteries', 'clean_energy_generation_storage')).toBe(0);
    expect(since.origins).toEqual({ local: 4, harvested: 0 });
  });
});

describe('GET /observatory demand', () => {
  beforeAll(async () => {
    await requests('multi', 'US', 4);
    await requests('multi', 'US', 2, 'approved');
    await requests('multi', 'KR', 9); // not from the US: never counted
    await requests('usOnly', 'US', 3, 'approved');
    await requests('confidential', 'US', 7);
  });

  it('counts requests from US organisations through the requested dataset areas, suppressing 1 to 4', async () => {
    const body = await get(app.anon);
    expect(demandOf(body, 'kr', 'artificial_intelligence')).toEqual({ kr: 'artificial_intelligence', requests: 6, approved: null, suppressed: true });
    expect(demandOf(body, 'kr', 'quantum')).toEqual({ kr: 'quantum', requests: 6, approved: null, suppressed: true });
    expect(demandOf(body, 'us', 'artificial_intelligence')).toEqual({ us: 'artificial_intelligence', requests: 6, approved: null, suppressed: true });
    expect(demandOf(body, 'us', 'quantum_information')).toEqual({ us: 'quantum_information', requests: null, approved: null, suppressed: true });
    // The confidential dataset's demand is not shown to anonymous callers.
    expect(demandOf(body, 'kr', 'hydrogen')).toBeUndefined();
    expect(demandOf(body, 'us', 'clean_energy_generation_storage')).toBeUndefined();
  });

  it('shows a confidential dataset demand to its provider members, and counts approvals from five on', async () => {
    await requests('multi', 'US', 3, 'expired');
    const own = await get(P);
    expect(demandOf(own, 'kr', 'hydrogen')).toEqual({ kr: 'hydrogen', requests: 7, approved: 0, suppressed: false });
    expect(demandOf(own, 'kr', 'artificial_intelligence')).toEqual({ kr: 'artificial_intelligence', requests: 9, approved: 5, suppressed: false });
    expect(demandOf(await get(outsider), 'kr', 'hydrogen')).toBeUndefined();
  });

  it('counts requests made through the API by members of US organisations, not others', async () => {
    const disclosure = {
      ...buildDataset().disclosure,
      accessLevel: 'approval',
      conditions: { dua: true, irb: false, attribution: true, noRedistribution: false },
      maxGrantDays: 90,
    };
    await publish('asked', ['advanced_biotech'], ['biotechnologies'], { disclosure });
    const ask = async (org: OrganizationDoc) => {
      const res = await app.as(await createUser({ org, roles: ['researcher'] })).post(
        '/api/v1/access-requests',
        { datasetId: ids.asked, scope: 'full', purpose: 'research', statement: 'We evaluate protein models in a joint KR–US project.', durationDays: 30, acceptedAgreements: ['dua'] },
        { 'idempotency-key': randomUUID() },
      );
      expect(res.status, res.text).toBe(201);
    };
    for (let i = 0; i < 5; i++) await ask(usOrg);
    await ask(krOrg);
    await countersSettled();
    forgetObservatoryCache();
    const body = await get(app.anon);
    expect(demandOf(body, 'kr', 'advanced_biotech')).toEqual({ kr: 'advanced_biotech', requests: 5, approved: 0, suppressed: false });
    expect(demandOf(body, 'us', 'biotechnologies')).toEqual({ us: 'biotechnologies', requests: 5, approved: 0, suppressed: false });
  });

  it('`from` counts requests made in that month or later', async () => {
    const key = { datasetId: new Types.ObjectId(ids.usOnly), providerId: provider.organizationId, requester: { country: 'US', orgType: 'ffrdc' } };
    await increment({ ...key, event: 'request_submitted' }, new Date('2024-06-15T00:00:00Z'), 10);
    forgetObservatoryCache();
    expect(demandOf(await get(app.anon), 'us', 'quantum_information')).toMatchObject({ requests: 13 });
    expect(demandOf(await get(app.anon, '?from=2024-06'), 'us', 'quantum_information')).toMatchObject({ requests: 13 });
    expect(demandOf(await get(app.anon, '?from=2024-07'), 'us', 'quantum_information')).toEqual({ us: 'quantum_information', requests: null, approved: null, suppressed: true });
  });

  it('follows the origin filter through the requested dataset', async () => {
    const harvested = await get(app.anon, '?origin=harvested');
    expect(harvested.demand).toEqual([]);
  });

  it('recounts datasets at once after a publication while the US demand follows within its TTL', async () => {
    const before = await get(P);
    // Requests stored without forgetting the cache, then a publication (a dataset change).
    await requests('confidential', 'US', 5, 'submitted', { forget: false });
    await publish('late', ['aerospace_marine'], ['space_technologies']);
    const after = await get(P);
    expect(cell(after, 'aerospace_marine', 'space_technologies')).toBe(cell(before, 'aerospace_marine', 'space_technologies') + 1);
    expect(demandOf(after, 'kr', 'hydrogen')).toEqual(demandOf(before, 'kr', 'hydrogen'));
    // Past the TTL (here: the cache forgotten) the new requests count.
    forgetObservatoryCache();
    expect(demandOf(await get(P), 'kr', 'hydrogen')).toEqual({ kr: 'hydrogen', requests: 12, approved: 0, suppressed: false });
  });
});

function isDate(at: string): boolean {
  return !Number.isNaN(Date.parse(at));
}
