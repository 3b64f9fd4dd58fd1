// The dataset editor reads numbers as people type them (issue 13 item 7): sizes with units,
// shares as percentages, thousands separators; anything else goes to the schema as typed.
import { describe, expect, it } from 'vitest';
import { emptyForm, toDraft } from '../../../client/src/pages/workspace/editor/form';

describe('dataset editor numbers', () => {
  it('reads sizes with units, record counts with separators and quality values as percentages', () => {
    const draft = toDraft({
      ...emptyForm(),
      slug: 'typed-numbers',
      sizeBytes: '2.5 GB',
      sizeRecords: '1,200',
      procedureId: '0123456789abcdef01234567',
      procedureVersion: '2',
      results: { percent_agreement: '93%', wer: '0.108' },
    });
    expect(draft.size).toEqual({ bytes: 2_500_000_000, records: 1200 });
    expect((draft.labeling as { results: unknown[] }).results).toEqual([
      { metric: 'percent_agreement', value: 0.93 },
      { metric: 'wer', value: 0.108 },
    ]);
  });

  it('passes what is not a number on as typed, for the schema to explain', () => {
    const draft = toDraft({ ...emptyForm(), slug: 'typed-words', sizeRecords: '많음', sizeBytes: 'huge', maxGrantDays: '4%' });
    expect(draft.size).toEqual({ records: '많음', bytes: 'huge' });
    expect((draft.disclosure as { maxGrantDays: unknown }).maxGrantDays).toBe('4%');
  });
});
