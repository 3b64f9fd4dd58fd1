import { describe, expect, it } from 'vitest';
import { translator } from '../../../server/i18n';
import { croissantDataset, annotationAnalysis } from '../../../server/interop/croissant';
import { dcatUsAccessLevel, dcatUsCatalog } from '../../../server/interop/dcat-us';
import { rightsText } from '../../../server/interop/rights';
import type { ExportDataset } from '../../../server/interop/source';
import { schemaViolations } from '../../helpers/interop';

const en = translator('en');

function exportOf(overrides: Partial<ExportDataset['content']> = {}): ExportDataset {
  return {
    id: '0123456789abcdef01234567',
    slug: 'closed-sensor-logs',
    version: 2,
    publishedAt: new Date('2024-05-01T00:00:00Z'),
    content: {
      slug: 'closed-sensor-logs',
      title: { ko: '센서 로그', en: 'Sensor logs' },
      summary: { ko: '요약', en: 'Summary' },
      description: { ko: '설명입니다.', en: 'A description of the logs.' },
      modalities: ['sensor'],
      license: { id: 'custom', commercialUse: false },
      disclosure: {
        accessLevel: 'closed',
        samplesAccess: 'same_as_data',
        allowedCountries: ['KR'],
        allowedOrgTypes: ['*'],
        allowedPurposes: ['research', 'public_interest'],
        crossBorder: 'prohibited',
        conditions: { dua: true, irb: true, attribution: true, noRedistribution: true, deleteAfterDays: 90 },
        maxGrantDays: 30,
      },
      classification: { level: 'public', personalInfo: 'pseudonymized', sensitiveCategories: ['location'], exportControl: { controlled: true, regime: 'ear' }, nationalCoreTechnology: true },
      ...overrides,
    },
    provider: { slug: 'kdata', name: { ko: '기관', en: 'Agency' }, country: 'KR', type: 'public_agency' },
    artifacts: [],
    pageUrl: 'http://127.0.0.1:3000/datasets/closed-sensor-logs',
  };
}

describe('DCAT-US mapping', () => {
  it('maps every access level as docs/design.md §7 says', () => {
    expect(['open', 'registered', 'approval', 'enclave', 'closed'].map(dcatUsAccessLevel)).toEqual(['public', 'public', 'restricted public', 'restricted public', 'non-public']);
  });

  it('exports a closed dataset as non-public with rights within 255 characters, and the catalogue validates', () => {
    const doc = dcatUsCatalog([exportOf()], { baseUrl: 'http://127.0.0.1:3000', contactEmail: 'data@databridge.example', t: en });
    expect(schemaViolations('dcat-us-1.1.schema.json', doc)).toEqual([]);
    const entry = (doc.dataset as Array<Record<string, unknown>>)[0];
    expect(entry.accessLevel).toBe('non-public');
    expect(String(entry.rights).length).toBeLessThanOrEqual(255);
    expect(entry.rights).toMatch(/^Access: Closed\. Use outside Korea: Prohibited outside Korea\./);
    // No keywords: modality and task labels stand in, since DCAT-US requires keywords.
    expect(entry.keyword).toEqual(['Sensor']);
    // A custom licence without a URL has no licence link; the contact falls back to the catalogue's.
    expect(entry).not.toHaveProperty('license');
    expect(entry.contactPoint).toEqual({ '@type': 'vcard:Contact', fn: 'Agency', hasEmail: 'mailto:data@databridge.example' });
  });

  it('the schema catches a restricted dataset without rights and a download without media type', () => {
    const doc = dcatUsCatalog([exportOf()], { baseUrl: 'http://127.0.0.1:3000', contactEmail: 'data@databridge.example', t: en });
    const entry = (doc.dataset as Array<Record<string, unknown>>)[0];
    delete entry.rights;
    (entry.distribution as unknown[]).push({ '@type': 'dcat:Distribution', downloadURL: 'http://127.0.0.1:3000/x' });
    const problems = schemaViolations('dcat-us-1.1.schema.json', doc);
    expect(problems.join('\n')).toMatch(/rights/);
    expect(problems.join('\n')).toMatch(/mediaType/);
  });
});

describe('rights text', () => {
  it('lists the rules in the requested language and stops before the limit', () => {
    const content = exportOf().content;
    const full = rightsText(content, en, 'en');
    expect(full).toMatch(/Conditions: data use agreement, IRB approval, attribution, no redistribution, delete after 90 days\./);
    expect(full).toMatch(/Export-controlled \(US Export Administration Regulations \(EAR\)\)\./);
    const short = rightsText(content, en, 'en', 80);
    expect(short.length).toBeLessThanOrEqual(80);
    expect(full.startsWith(short)).toBe(true);
    expect(rightsText(content, translator('ko'), 'ko')).toMatch(/국외 이용: 국외 이용 금지/);
  });
});

describe('Croissant RAI analysis', () => {
  it('compares each QA target with the reported value, honouring the direction', () => {
    const text = annotationAnalysis(
      [
        { metric: 'cohen_kappa', target: 0.8, direction: 'higher_better' },
        { metric: 'wer', target: 0.1, direction: 'lower_better' },
        { metric: 'f1', target: 0.9, direction: 'higher_better' },
      ],
      [
        { metric: 'cohen_kappa', value: 0.75 },
        { metric: 'wer', value: 0.08 },
      ],
      'en',
      en,
    );
    expect(text).toBe("Cohen's kappa: target ≥ 0.8, achieved 0.75 (not met); Word error rate: target ≤ 0.1, achieved 0.08 (met); F1 score: target ≥ 0.9, achieved not reported (not reported)");
  });

  it('omits annotation fields without a procedure but still validates', () => {
    const doc = croissantDataset(exportOf({ license: { id: 'CC-BY-4.0' } }), null, { baseUrl: 'http://127.0.0.1:3000', lang: 'en', t: en });
    expect(doc).not.toHaveProperty('rai:dataAnnotationProtocol');
    expect(doc.license).toBe('https://creativecommons.org/licenses/by/4.0/');
    expect(schemaViolations('croissant-1.0-rai.schema.json', doc)).toEqual([]);
  });
});
