import { describe, expect, it } from 'vitest';
import { isAllowedContentType } from '../../../schemas/artifact';
import { datasets } from '../../../seed/data/datasets';
import { FULL_DATA_BYTES, fullDataFor } from '../../../seed/samples';

describe('seeded full data', () => {
  it('gives most published datasets a full-data file, none to closed or enclave-only ones', () => {
    const published = datasets.filter((d) => d.status === 'published');
    const withData = published.filter((d) => fullDataFor(d));
    expect(withData.length / published.length).toBeGreaterThan(0.8);
    for (const d of datasets.filter((x) => ['closed', 'enclave'].includes(x.disclosure.accessLevel))) expect(fullDataFor(d)).toBeNull();
  });

  it('is small, deterministic, of an allowed type, and every line is a JSON record of its dataset', () => {
    for (const d of datasets) {
      const file = fullDataFor(d);
      if (!file) continue;
      expect(file.body.length).toBeGreaterThan(FULL_DATA_BYTES - 1024);
      expect(file.body.length).toBeLessThanOrEqual(FULL_DATA_BYTES);
      expect(isAllowedContentType('data', file.contentType)).toBe(true);
      expect(fullDataFor(d)!.body.equals(file.body)).toBe(true);
      const lines = file.body.toString('utf8').trimEnd().split('\n');
      for (const line of [lines[0], lines.at(-1)!]) expect(JSON.parse(line).id).toMatch(new RegExp(`^${d.slug}-\\d{7}$`));
    }
  });
});
