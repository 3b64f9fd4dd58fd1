import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { validate, type SchemaId } from '../../../schemas/ajv';
import { datasetCreateSchema, datasetUpdateSchema, type DatasetPatch } from '../../../schemas/dataset';
import { labelingProcedureUpdateSchema, type LabelingProcedurePatch } from '../../../schemas/labeling-procedure';
import { applyMergePatch, mergePatchSchema } from '../../../schemas/merge-patch';
import { activatableProcedure, publishableDataset } from './builders';

const codesAt = (errors: { path: string; code: string }[]) => errors.map((e) => `${e.path} ${e.code}`);
const errorsOf = (id: SchemaId, data: unknown) => {
  const r = validate(id, data);
  return r.ok ? [] : r.errors;
};

describe('mergePatchSchema', () => {
  const source = {
    $id: 'things.create',
    type: 'object',
    additionalProperties: false,
    required: ['name'],
    minProperties: 1,
    properties: {
      name: { type: 'string', pattern: '\\S', 'x-error-codes': { pattern: 'blank' } },
      tags: { type: 'array', items: { type: 'object', required: ['code'], properties: { code: { type: 'string' } } } },
      label: {
        type: 'object',
        additionalProperties: false,
        required: ['ko'],
        minProperties: 1,
        'x-error-codes': { minProperties: 'one_language_required' },
        properties: { ko: { type: 'string' }, en: { type: 'string' } },
        if: { properties: { ko: { const: 'x' } }, required: ['ko'] },
        then: { required: ['en'] },
      },
      secret: { type: 'string' },
    },
    allOf: [{ required: ['label'] }],
  } as const;
  const patch = mergePatchSchema(source, 'things.update', { omit: ['secret'] }) as unknown as Record<string, any>;

  it('keeps the top level closed, with its own $id and minProperties, and drops required and cross-field rules', () => {
    expect(patch.$id).toBe('things.update');
    expect(patch.type).toBe('object');
    expect(patch.additionalProperties).toBe(false);
    expect(patch.minProperties).toBe(1);
    expect(patch).not.toHaveProperty('required');
    expect(patch).not.toHaveProperty('allOf');
    expect(Object.keys(patch.properties)).toEqual(['name', 'tags', 'label']);
  });

  it('makes every property nullable; arrays and scalars stay as they are', () => {
    expect(patch.properties.name).toEqual({ anyOf: [source.properties.name, { type: 'null' }] });
    expect(patch.properties.tags.anyOf[0]).toBe(source.properties.tags);
  });

  it('turns nested objects into patches: no required, counts or conditionals, annotations kept', () => {
    expect(patch.properties.label.anyOf[0]).toEqual({
      type: 'object',
      additionalProperties: false,
      'x-error-codes': { minProperties: 'one_language_required' },
      properties: {
        ko: { anyOf: [{ type: 'string' }, { type: 'null' }] },
        en: { anyOf: [{ type: 'string' }, { type: 'null' }] },
      },
    });
  });

  it('leaves its source untouched', () => {
    expect(source.required).toEqual(['name']);
    expect(source.properties.label.required).toEqual(['ko']);
    expect(Object.keys(source.properties)).toEqual(['name', 'tags', 'label', 'secret']);
  });

  it('derives datasets.update from datasets.create without slug and providerId', () => {
    expect(datasetUpdateSchema.$id).toBe('datasets.update');
    const created = Object.keys(datasetCreateSchema.properties).filter((k) => k !== 'slug' && k !== 'providerId');
    expect(Object.keys(datasetUpdateSchema.properties)).toEqual(created);
    expect(labelingProcedureUpdateSchema.$id).toBe('labelingProcedures.update');
    expect(Object.keys(labelingProcedureUpdateSchema.properties)).not.toContain('slug');
  });
});

describe('PATCH bodies accept null to remove a field', () => {
  it('at the top level and inside objects', () => {
    const body: DatasetPatch = {
      summary: null,
      title: { en: null },
      license: { id: 'CC-BY-4.0', commercialUse: null, url: null },
      disclosure: { maxGrantDays: null, conditions: { deleteAfterDays: null } },
      classification: { exportControl: { regime: null } },
      contact: null,
    };
    expect(errorsOf('datasets.update', body)).toEqual([]);
    const procedure: LabelingProcedurePatch = { tools: null, guideline: { artifactKey: null }, qa: { samplingRate: null, targets: null } };
    expect(errorsOf('labelingProcedures.update', procedure)).toEqual([]);
  });

  it('but not as a list item, nor as the body', () => {
    expect(codesAt(errorsOf('datasets.update', { formats: [null], keywords: { en: ['speech', null] } }))).toEqual([
      '/keywords/en/1 type',
      '/formats/0 type',
    ]);
    expect(codesAt(errorsOf('labelingProcedures.update', { steps: [{ name: null, description: { en: 'x' } }] }))).toEqual(['/steps/0/name type']);
    expect(codesAt(errorsOf('datasets.update', null))).toEqual([' type']);
  });

  it('leaves cross-field rules to the merged document', () => {
    // Each is complete once merged with what is stored; the draft schema and rules decide.
    expect(errorsOf('datasets.update', { license: { commercialUse: true } })).toEqual([]);
    expect(errorsOf('datasets.update', { classification: { exportControl: { controlled: true } } })).toEqual([]);
    expect(errorsOf('datasets.update', { title: {}, contact: { email: 'kim@example.kr' } })).toEqual([]);
  });
});

describe('invalid values read the same in a PATCH as in a POST', () => {
  it('for a few typical mistakes', () => {
    const mistakes = [
      { title: { ko: '  ' }, modalities: ['speech', 'smell'], domain: 'space' },
      { title: 'Title' },
      { license: { id: 'bogus', url: 'ftp://example.org/terms' } },
      { disclosure: { allowedCountries: ['*', 'KR'], conditions: { deleteAfterDays: 0 } } },
      { summary: { en: 'x'.repeat(301), fr: 'Bonjour' } },
      { contact: { name: 'Kim', email: 'not-an-email' } },
    ];
    for (const body of mistakes) {
      const patch = errorsOf('datasets.update', body);
      expect(patch.length, JSON.stringify(body)).toBeGreaterThan(0);
      expect(patch, JSON.stringify(body)).toEqual(errorsOf('datasets.create', { slug: 'abc', title: { ko: '제목' }, ...body }));
    }
    expect(errorsOf('labelingProcedures.update', { workforce: { annotatorsPerItem: 21 }, qa: { samplingRate: 0 } })).toEqual([
      { path: '/workforce/annotatorsPerItem', code: 'maximum', params: { limit: 20 } },
      { path: '/qa/samplingRate', code: 'exclusive_minimum', params: { limit: 0 } },
    ]);
  });

  // A patch checks less than a create body (no required fields, no cross-field rules), never
  // something else: whatever it reports for a damaged value, the create body reports too.
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
  const { slug: _slug, ...dataset } = publishableDataset();
  const cases = [
    { update: 'datasets.update', create: 'datasets.create', doc: dataset, slug: 'abc' },
    { update: 'labelingProcedures.update', create: 'labelingProcedures.create', doc: activatableProcedure(), slug: 'proc' },
  ] as const;

  it('for random damage', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...cases),
        fc.nat(),
        fc.oneof(fc.anything(), fc.string(), fc.constant(''), fc.integer(), fc.array(fc.string())),
        ({ update, create, doc, slug }, pick, replacement) => {
          const paths = leafPaths(doc).filter((p) => p.length > 0);
          const damaged = setAt(doc, paths[pick % paths.length], replacement) as Record<string, unknown>;
          const created = errorsOf(create, { ...damaged, slug });
          for (const e of errorsOf(update, damaged)) expect(created, JSON.stringify(damaged)).toContainEqual(e);
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('applyMergePatch', () => {
  // RFC 7396, Appendix A (the cases whose patch is an object).
  it.each([
    [{ a: 'b' }, { a: 'c' }, { a: 'c' }],
    [{ a: 'b' }, { b: 'c' }, { a: 'b', b: 'c' }],
    [{ a: 'b' }, { a: null }, {}],
    [{ a: 'b', b: 'c' }, { a: null }, { b: 'c' }],
    [{ a: ['b'] }, { a: 'c' }, { a: 'c' }],
    [{ a: 'c' }, { a: ['b'] }, { a: ['b'] }],
    [{ a: { b: 'c' } }, { a: { b: 'd', c: null } }, { a: { b: 'd' } }],
    [{ a: [{ b: 'c' }] }, { a: [1] }, { a: [1] }],
    [{ e: null }, { a: 1 }, { e: null, a: 1 }],
    [[1, 2], { a: 'b', c: null }, { a: 'b' }],
    [{}, { a: { bb: { ccc: null } } }, { a: { bb: {} } }],
  ])('%j patched with %j is %j', (target, patch, expected) => {
    expect(applyMergePatch(target, patch as Record<string, unknown>)).toEqual(expected);
  });

  it('modifies neither input and merges only plain objects', () => {
    const when = new Date(0);
    const target = { a: { b: 1, c: 2 }, when };
    const patch = { a: { c: null }, when: { d: 1 } };
    expect(applyMergePatch(target, patch)).toEqual({ a: { b: 1 }, when: { d: 1 } });
    expect(target).toEqual({ a: { b: 1, c: 2 }, when });
    expect(patch).toEqual({ a: { c: null }, when: { d: 1 } });
  });

  it('ignores a __proto__ key', () => {
    const out = applyMergePatch({}, JSON.parse('{"__proto__": {"polluted": true}}')) as Record<string, unknown>;
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
