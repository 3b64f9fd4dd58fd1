import { describe, expect, it } from 'vitest';
import { diffDocuments } from '../../../server/labeling/diff';

const cls = (code: string, en = code) => ({ code, name: { ko: `${code} 클래스`, en } });

function procedure(overrides: Record<string, unknown> = {}) {
  return {
    title: { ko: '음성 전사', en: 'Speech transcription' },
    taskType: 'asr',
    modalities: ['speech'],
    labelSchema: { classes: [cls('speech'), cls('noise'), cls('music')] },
    workforce: { type: 'crowd', annotatorsPerItem: 2, qualification: { ko: '자격', en: 'Qualified' } },
    tools: ['praat', 'elan'],
    qa: {
      inspection: 'sampling',
      samplingRate: 0.1,
      verifiedBy: 'tta',
      targets: [
        { metric: 'cer', target: 0.1, direction: 'lower_better' },
        { metric: 'cohen_kappa', target: 0.7, direction: 'higher_better' },
      ],
    },
    ...overrides,
  };
}

describe('diffDocuments', () => {
  it('finds nothing between equal documents, whatever their key order', () => {
    const a = procedure();
    const b = JSON.parse(JSON.stringify(a));
    b.workforce = { qualification: b.workforce.qualification, annotatorsPerItem: 2, type: 'crowd' };
    expect(diffDocuments(a, b)).toEqual([]);
  });

  it('reports an inserted label class as one addition, matched by code', () => {
    const a = procedure();
    const b = procedure({ labelSchema: { classes: [cls('speech'), cls('laughter'), cls('noise'), cls('music')] } });
    expect(diffDocuments(a, b)).toEqual([{ path: '/labelSchema/classes/1', op: 'added', to: cls('laughter') }]);
  });

  it('reports a removed class at its old index and a renamed class as a change of its name', () => {
    const a = procedure();
    const b = procedure({ labelSchema: { classes: [cls('speech', 'Human speech'), cls('music')] } });
    expect(diffDocuments(a, b)).toEqual([
      { path: '/labelSchema/classes/0/name/en', op: 'changed', from: 'speech', to: 'Human speech' },
      { path: '/labelSchema/classes/1', op: 'removed', from: cls('noise') },
    ]);
  });

  it('does not report a pure reordering of classes', () => {
    const a = procedure();
    const b = procedure({ labelSchema: { classes: [cls('music'), cls('speech'), cls('noise')] } });
    expect(diffDocuments(a, b)).toEqual([]);
  });

  it('matches QA targets by metric', () => {
    const a = procedure();
    const b = procedure({
      qa: {
        ...procedure().qa,
        targets: [
          { metric: 'cohen_kappa', target: 0.8, direction: 'higher_better' },
          { metric: 'cer', target: 0.1, direction: 'lower_better' },
        ],
      },
    });
    expect(diffDocuments(a, b)).toEqual([{ path: '/qa/targets/0/target', op: 'changed', from: 0.7, to: 0.8 }]);
  });

  it('compares other arrays by index', () => {
    const a = procedure();
    const b = procedure({ tools: ['praat', 'label-studio', 'elan'] });
    expect(diffDocuments(a, b)).toEqual([
      { path: '/tools/1', op: 'changed', from: 'elan', to: 'label-studio' },
      { path: '/tools/2', op: 'added', to: 'elan' },
    ]);
  });

  it('reports whole fields added and removed, treating null as absent', () => {
    const a = procedure({ guideline: null });
    const b: Record<string, unknown> = procedure({ guideline: { summary: { ko: '요약', en: 'Summary' } } });
    delete b.tools;
    expect(diffDocuments(a, b)).toEqual([
      { path: '/guideline', op: 'added', to: { summary: { ko: '요약', en: 'Summary' } } },
      { path: '/tools', op: 'removed', from: ['praat', 'elan'] },
    ]);
  });

  it('falls back to index matching when codes are missing or duplicated', () => {
    const a = { labelSchema: { classes: [cls('a'), cls('a')] } };
    const b = { labelSchema: { classes: [cls('b'), cls('a')] } };
    expect(diffDocuments(a, b)).toEqual([
      { path: '/labelSchema/classes/0/code', op: 'changed', from: 'a', to: 'b' },
      { path: '/labelSchema/classes/0/name/en', op: 'changed', from: 'a', to: 'b' },
      { path: '/labelSchema/classes/0/name/ko', op: 'changed', from: 'a 클래스', to: 'b 클래스' },
    ]);
  });

  it('ignores fields outside the content and escapes pointer segments', () => {
    const a = { status: 'active', rev: 3, labelSchema: { 'a/b': 1 } } as Record<string, unknown>;
    const b = { status: 'draft', rev: 1, labelSchema: { 'a/b': 2 } } as Record<string, unknown>;
    expect(diffDocuments(a, b)).toEqual([{ path: '/labelSchema/a~1b', op: 'changed', from: 1, to: 2 }]);
  });

  it('reports a type change of a value as one change', () => {
    expect(diffDocuments({ modalities: ['speech'] }, { modalities: 'speech' })).toEqual([
      { path: '/modalities', op: 'changed', from: ['speech'], to: 'speech' },
    ]);
  });
});
