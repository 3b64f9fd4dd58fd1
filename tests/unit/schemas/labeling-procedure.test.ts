import { describe, expect, it } from 'vitest';
import { validate } from '../../../schemas/ajv';
import { activationErrors, procedureErrors, procedureRuleErrors } from '../../../server/labeling/rules';
import { activatableProcedure } from './builders';

const codesAt = (errors: { path: string; code: string }[]) => errors.map((e) => `${e.path} ${e.code}`);

describe('labelingProcedures.create', () => {
  it('accepts a slug and a title', () => {
    expect(validate('labelingProcedures.create', { slug: 'speech-v1', title: { ko: '절차' } }).ok).toBe(true);
  });

  it('accepts a complete procedure', () => {
    expect(validate('labelingProcedures.create', { slug: 'speech-v1', ...activatableProcedure() }).ok).toBe(true);
  });

  it('bounds annotatorsPerItem and samplingRate', () => {
    const r = validate('labelingProcedures.create', {
      slug: 'speech-v1',
      title: { ko: '절차' },
      workforce: { type: 'crowd', annotatorsPerItem: 21 },
      qa: { inspection: 'sampling', samplingRate: 0, verifiedBy: 'self' },
    });
    expect(r.ok ? [] : r.errors).toEqual([
      { path: '/workforce/annotatorsPerItem', code: 'maximum', params: { limit: 20 } },
      { path: '/qa/samplingRate', code: 'exclusive_minimum', params: { limit: 0 } },
    ]);
  });

  it('requires samplingRate for a sampling inspection', () => {
    const body = (qa: unknown) => ({ slug: 'speech-v1', title: { ko: '절차' }, qa });
    const r = validate('labelingProcedures.create', body({ inspection: 'sampling', verifiedBy: 'self' }));
    expect(r.ok ? [] : codesAt(r.errors)).toEqual(['/qa/samplingRate required']);
    expect(validate('labelingProcedures.create', body({ inspection: 'full', verifiedBy: 'self' })).ok).toBe(true);
    // A PATCH body holds only what changes (the rate may be stored already): the rule is checked
    // on the merged version (procedureErrors), not on the body.
    expect(validate('labelingProcedures.update', { qa: { inspection: 'sampling', verifiedBy: 'self' } }).ok).toBe(true);
    expect(codesAt(procedureErrors({ title: { ko: '절차' }, qa: { inspection: 'sampling' } }))).toEqual(['/qa/samplingRate required']);
  });

  it('requires values for enum attributes only', () => {
    const attrs = (attributes: unknown) => validate('labelingProcedures.update', { labelSchema: { classes: [], attributes } });
    const name = { ko: '속성', en: 'Attribute' };
    expect(attrs([{ code: 'occluded', name, type: 'boolean' }]).ok).toBe(true);
    expect(attrs([{ code: 'colour', name, type: 'enum', values: ['red', 'green'] }]).ok).toBe(true);
    const missing = attrs([{ code: 'colour', name, type: 'enum' }]);
    expect(missing.ok ? [] : codesAt(missing.errors)).toEqual(['/labelSchema/attributes/0/values required']);
    const extra = attrs([{ code: 'occluded', name, type: 'boolean', values: ['yes'] }]);
    expect(extra.ok ? [] : codesAt(extra.errors)).toEqual(['/labelSchema/attributes/0/values not_allowed']);
  });

  it('rejects class codes that cannot be keys', () => {
    const r = validate('labelingProcedures.update', {
      labelSchema: {
        classes: [
          { code: 'a.b', name: { en: 'A' } },
          { code: 'B-PER', name: { en: 'Person' } },
        ],
      },
    });
    expect(r.ok ? [] : codesAt(r.errors)).toEqual(['/labelSchema/classes/0/code invalid_code']);
  });
});

describe('procedure rules', () => {
  it('flags each repeated class code at the repeat', () => {
    const p = activatableProcedure();
    p.labelSchema.classes = ['car', 'bus', 'truck', 'car', 'bus'].map((code) => ({ code, name: { en: code } }));
    expect(procedureErrors(p)).toEqual([
      { path: '/labelSchema/classes/3/code', code: 'duplicate_code', params: { value: 'car' } },
      { path: '/labelSchema/classes/4/code', code: 'duplicate_code', params: { value: 'bus' } },
    ]);
  });

  it('flags repeated attribute codes and target metrics', () => {
    const p = activatableProcedure();
    p.labelSchema.attributes = [
      { code: 'occluded', name: { en: 'Occluded' }, type: 'boolean' },
      { code: 'occluded', name: { en: 'Occluded again' }, type: 'boolean' },
    ];
    p.qa.targets.push({ metric: 'cer', target: 0.1, direction: 'lower_better' });
    expect(codesAt(procedureRuleErrors(p))).toEqual([
      '/labelSchema/attributes/1/code duplicate_code',
      '/qa/targets/1/metric duplicate_code',
    ]);
  });

  it('reports a missing samplingRate once even though schema and rule both see it', () => {
    const p = activatableProcedure();
    delete p.qa.samplingRate;
    expect(codesAt(activationErrors(p))).toEqual(['/qa/samplingRate required']);
    expect(codesAt(procedureErrors(p))).toEqual(['/qa/samplingRate required']);
  });

  it('a draft version needs only a title', () => {
    expect(procedureErrors({ title: { ko: '절차' }, version: 1, status: 'draft' })).toEqual([]);
    expect(codesAt(procedureErrors({}))).toEqual(['/title required']);
  });
});

describe('activation', () => {
  it('accepts a complete version', () => {
    expect(activationErrors(activatableProcedure())).toEqual([]);
  });

  it('lists what a bare draft lacks', () => {
    expect(codesAt(activationErrors({ title: { ko: '절차' } }))).toEqual([
      '/taskType required',
      '/modalities required',
      '/labelSchema required',
      '/guideline required',
      '/workforce required',
      '/steps required',
      '/qa required',
      '/title/en required',
    ]);
  });

  it('needs a class, a step, a target and a bilingual guideline summary', () => {
    const p = activatableProcedure({
      labelSchema: { classes: [] },
      steps: [],
      guideline: { summary: { en: 'Transcribe verbatim.' } },
    });
    p.qa.targets = [];
    expect(codesAt(activationErrors(p))).toEqual([
      '/labelSchema/classes min_items',
      '/guideline/summary/ko required',
      '/steps min_items',
      '/qa/targets min_items',
    ]);
  });
});
