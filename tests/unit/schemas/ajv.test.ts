import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SCHEMAS, ajv, toFieldErrors, validate, type SchemaId } from '../../../schemas/ajv';
import { FIELD_ERROR_CODES, FIELD_ERROR_PARAMS, mergeErrors, pointer } from '../../../schemas/errors';
import { activatableProcedure, publishableDataset } from './builders';

const schemasDir = path.resolve(__dirname, '../../../schemas');

describe('schema registry', () => {
  it('has unique ids and compiles every schema in strict mode', () => {
    const ids = SCHEMAS.map((s) => s.$id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(() => ajv.getSchema(id), id).not.toThrow();
  });

  it('imports nothing but its own modules, ajv, ajv-formats and json-schema-to-ts (the browser uses it)', () => {
    for (const file of readdirSync(schemasDir).filter((f) => f.endsWith('.ts'))) {
      const source = readFileSync(path.join(schemasDir, file), 'utf8');
      for (const [, spec] of source.matchAll(/from '([^']+)'/g)) {
        expect(['ajv', 'ajv-formats', 'json-schema-to-ts'].includes(spec) || /^\.\/[a-z-]+$/.test(spec), `${file}: ${spec}`).toBe(true);
      }
    }
  });

  it('keeps request bodies closed to unknown properties', () => {
    const tolerant = new Set<SchemaId>([
      'datasets.draft',
      'datasets.publishable',
      'labelingProcedures.draft',
      'labelingProcedures.activatable',
    ]);
    for (const schema of SCHEMAS) {
      if (tolerant.has(schema.$id)) continue;
      expect((schema as { additionalProperties?: unknown }).additionalProperties, schema.$id).toBe(false);
    }
  });
});

describe('field errors', () => {
  it('escapes property names in pointers', () => {
    expect(pointer('a/b', 'c~d', 0)).toBe('/a~1b/c~0d/0');
    const r = validate('auth.login', { email: 'a@b.kr', password: 'x', 'we/ird~': 1 });
    expect(r.ok ? [] : r.errors).toEqual([{ path: '/we~1ird~0', code: 'additional_property', params: {} }]);
  });

  it('reports a missing nested property at its own pointer', () => {
    const r = validate('datasets.create', { slug: 'abc', title: { ko: '제목' }, contact: {} });
    expect(r.ok ? [] : r.errors).toEqual([
      { path: '/contact/name', code: 'required', params: {} },
      { path: '/contact/email', code: 'required', params: {} },
    ]);
  });

  it('reports a wrong root type at the empty pointer', () => {
    const r = validate('auth.tokenCreate', null);
    expect(r.ok ? [] : r.errors).toEqual([{ path: '', code: 'type', params: { type: 'object' } }]);
  });

  it('collapses anyOf branches into one error', () => {
    const errors = toFieldErrors([
      { keyword: 'type', instancePath: '/x', schemaPath: '#/properties/x/anyOf/0/type', params: { type: 'string' } },
      { keyword: 'type', instancePath: '/x', schemaPath: '#/properties/x/anyOf/1/type', params: { type: 'number' } },
      { keyword: 'anyOf', instancePath: '/x', schemaPath: '#/properties/x/anyOf', params: {} },
      { keyword: 'if', instancePath: '', schemaPath: '#/if', params: { failingKeyword: 'then' } },
      { keyword: 'madeUp', instancePath: '/y', schemaPath: '#/properties/y/madeUp', params: {} },
    ]);
    expect(errors).toEqual([
      { path: '/x', code: 'any_of', params: {} },
      { path: '/y', code: 'invalid', params: {} },
    ]);
  });

  it('merges lists keeping the first error per path and code', () => {
    const a = { path: '/a', code: 'required', params: {} };
    expect(
      mergeErrors(
        [a, a],
        [
          { ...a, params: { x: 1 } },
          { path: '/a', code: 'type', params: {} },
        ],
      ),
    ).toEqual([a, { path: '/a', code: 'type', params: {} }]);
  });
});

// Arbitrary damage to valid documents: whatever AJV says must come out as known codes with the
// params their messages need, at well-formed pointers, without duplicates.
describe('every produced error is a known code with its declared params', () => {
  const { slug: _slug, ...updatable } = publishableDataset();
  const valid: Record<SchemaId, unknown> = {
    'datasets.create': publishableDataset(),
    'datasets.update': updatable,
    'datasets.draft': publishableDataset(),
    'datasets.publishable': publishableDataset(),
    'datasets.review': { action: 'request_changes', comment: 'Please add English.' },
    'datasets.withdraw': { comment: 'Superseded.' },
    'datasets.submit': { changeNote: { ko: '표본 파일을 추가했습니다.', en: 'Added a sample file.' } },
    'datasets.search': { q: '음성 인식', modality: ['speech'], availableTo: ['US'], purpose: ['research'], sort: 'relevance', page: 2, pageSize: 20 },
    'stats.range': { from: '2025-11', to: '2026-10', format: 'csv' },
    'labelingProcedures.create': { slug: 'proc', ...activatableProcedure() },
    'labelingProcedures.update': activatableProcedure(),
    'labelingProcedures.draft': activatableProcedure(),
    'labelingProcedures.activatable': activatableProcedure(),
    'artifacts.create': { kind: 'sample', filename: 'a.csv', contentType: 'text/csv', bytes: 1, sha256: 'a'.repeat(64) },
    'artifacts.parts': { parts: [{ number: 1, sha256: 'a'.repeat(64) }] },
    'artifacts.partAck': { etag: '"0123abcd"' },
    'auth.login': { email: 'a@b.kr', password: 'x' },
    'auth.register': { email: 'a@b.kr', password: 'x'.repeat(12), name: 'Kim', organizationSlug: 'kaist' },
    'auth.tokenCreate': { name: 'ci', expiresInDays: 30 },
    'auth.updateMe': { name: 'Kim', locale: 'ko' },
    'auth.verifyEmail': { token: 'x'.repeat(43) },
    'auth.membershipRequest': { organizationSlug: 'kaist', note: 'I am a postdoc in the speech lab.' },
    'organizations.create': { slug: 'kaist', name: { en: 'KAIST' }, country: 'KR', type: 'university' },
    'organizations.update': { website: 'https://kaist.ac.kr', emailDomains: ['kaist.ac.kr'] },
    'organizations.memberApprove': { roles: ['researcher', 'provider'], orgAdmin: false },
    'organizations.memberUpdate': { orgAdmin: true },
    'organizations.memberReject': { reason: 'Not on our staff list.' },
    'organizations.partnerProfile': {
      interests: { usCet: ['artificial_intelligence'] },
      purposes: ['research'],
      capabilities: { canSignDua: true, hasIrb: true, canUseEnclave: false, canObtainExportLicense: false },
    },
    'users.public': {
      id: 'a'.repeat(24),
      email: 'a@b.kr',
      name: 'Kim',
      roles: ['researcher'],
      locale: 'en',
      organization: { id: 'b'.repeat(24), slug: 'kaist', name: { en: 'KAIST' }, country: 'KR', type: 'university' },
      membership: { status: 'active', organization: { id: 'b'.repeat(24), slug: 'kaist', name: { en: 'KAIST' }, country: 'KR', type: 'university' }, requestedAt: null },
      orgAdmin: false,
      emailVerified: true,
    },
    'users.roleUpdate': { roles: ['reviewer'] },
    'users.adminUpdate': { disabled: true },
    'accessRequests.create': {
      datasetId: 'a'.repeat(24),
      scope: 'full',
      purpose: 'research',
      statement: 'Training a Korean speech recogniser for a joint study.',
      durationDays: 30,
      acceptedAgreements: ['dua'],
    },
    'accessRequests.decision': { decision: 'approve', reason: 'Fits the purpose.', conditions: ['No redistribution'], expiresAt: '2030-01-01T00:00:00Z', evidence: 'EL-1' },
    'accessRequests.resubmit': { statement: 'A longer statement of the research purpose.', acceptedAgreements: ['dua'], note: 'Added IRB.' },
    'accessRequests.revoke': { reason: 'Terms breached.' },
    'accessRequests.withdraw': { note: 'No longer needed.' },
    'harvest.sourceCreate': { name: { en: 'Partner catalogue' }, kind: 'dcat-us', url: 'https://data.example.gov/data.json', providerId: 'a'.repeat(24), schedule: 'daily' },
    'harvest.sourceUpdate': { schedule: 'weekly', enabled: false },
    'harvest.curation': { techAreas: { kr: ['artificial_intelligence'], us: ['artificial_intelligence'] }, modalities: ['speech'] },
    'policy.evaluate': {
      dataset: { license: publishableDataset().license, disclosure: publishableDataset().disclosure, classification: publishableDataset().classification },
      requester: { country: 'US', orgType: 'university' },
      purpose: 'research',
      scope: 'full',
    },
  };

  it('has a valid example for every schema', () => {
    expect(Object.keys(valid).sort()).toEqual(SCHEMAS.map((s) => s.$id).sort());
    for (const [id, doc] of Object.entries(valid)) {
      const r = validate(id as SchemaId, doc);
      expect(r.ok ? [] : r.errors, id).toEqual([]);
    }
  });

  const leafPaths = (value: unknown, prefix: string[] = []): string[][] => {
    if (typeof value !== 'object' || value === null) return [prefix];
    const entries = Array.isArray(value) ? value.map((v, i) => [String(i), v] as const) : Object.entries(value);
    return [prefix, ...entries.flatMap(([k, v]) => leafPaths(v, [...prefix, k]))];
  };
  const setAt = (doc: unknown, at: string[], v: unknown): unknown => {
    if (at.length === 0) return v;
    const copy: any = Array.isArray(doc) ? [...doc] : { ...(doc as object) };
    copy[at[0]] = setAt(copy[at[0]], at.slice(1), v);
    return copy;
  };
  const known = new Set<string>(FIELD_ERROR_CODES);

  it('for random damage', () => {
    const ids = SCHEMAS.map((s) => s.$id);
    fc.assert(
      fc.property(
        fc.constantFrom(...ids),
        fc.nat(),
        fc.oneof(fc.anything(), fc.string(), fc.constant(''), fc.constant('*'), fc.integer(), fc.array(fc.string())),
        (id, pick, replacement) => {
          const doc = valid[id];
          const paths = leafPaths(doc);
          const damaged = setAt(doc, paths[pick % paths.length], replacement);
          const r = validate(id, damaged);
          if (r.ok) return;
          const seen = new Set<string>();
          for (const e of r.errors) {
            expect(known.has(e.code), `${id}: ${e.code}`).toBe(true);
            const declared: readonly string[] = FIELD_ERROR_PARAMS[e.code as keyof typeof FIELD_ERROR_PARAMS];
            expect(Object.keys(e.params).sort()).toEqual([...declared].sort());
            expect(e.path === '' || e.path.startsWith('/')).toBe(true);
            expect(seen.has(e.path + ' ' + e.code)).toBe(false);
            seen.add(e.path + ' ' + e.code);
          }
        },
      ),
      { numRuns: 2000 },
    );
  });
});
