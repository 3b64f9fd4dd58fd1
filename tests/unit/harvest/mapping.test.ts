// Mapping source records to dataset content (docs/harvesting.md "Mapping"): licences, disclosure,
// summaries, slugs, suggestions and the reasons a record is refused.
import { describe, expect, it } from 'vitest';
import { mapLicense } from '../../../server/harvest/license';
import { mapRecord, slugBaseOf, summaryOf, type Mapped } from '../../../server/harvest/mapper';
import { emptyRecord, type SourceRecord } from '../../../server/harvest/record';
import { suggest } from '../../../server/harvest/suggest';

const record = (over: Partial<SourceRecord> = {}): SourceRecord => ({
  ...emptyRecord(),
  originalId: 'rec-1',
  titles: [{ lang: null, text: 'Traffic Counts' }],
  descriptions: [{ lang: null, text: 'Hourly vehicle counts. Collected by loops.' }],
  ...over,
});

describe('licences', () => {
  it.each([
    ['https://creativecommons.org/publicdomain/zero/1.0/', { id: 'CC0-1.0' }],
    ['http://creativecommons.org/licenses/by/4.0', { id: 'CC-BY-4.0' }],
    ['https://creativecommons.org/licenses/by-nc-sa/4.0/', { id: 'CC-BY-NC-SA-4.0' }],
    ['cc-zero', { id: 'CC0-1.0' }],
    ['CC-BY-4.0', { id: 'CC-BY-4.0' }],
    ['http://publications.europa.eu/resource/authority/licence/CC_BY_4_0', { id: 'CC-BY-4.0' }],
    ['https://creativecommons.org/licenses/by/3.0/', { id: 'custom', url: 'https://creativecommons.org/licenses/by/3.0/' }],
    ['https://opendatacommons.org/licenses/odbl/1-0/', { id: 'custom', url: 'https://opendatacommons.org/licenses/odbl/1-0/' }],
    ['other-closed', { id: 'custom', url: 'https://landing.example/x' }],
  ])('%s → %j', (input, expected) => {
    expect(mapLicense(input, 'https://landing.example/x')).toEqual(expected);
  });
});

describe('mapRecord', () => {
  it('maps access levels to disclosure: public → open, restricted → approval, non-public → closed', () => {
    const level = (access: SourceRecord['access']) => ((mapRecord(record({ access })) as Mapped).content.disclosure as { accessLevel: string }).accessLevel;
    expect([level('public'), level('restricted'), level('non-public'), level(null)]).toEqual(['open', 'approval', 'closed', 'open']);
    const closed = (mapRecord(record({ access: 'non-public' })) as Mapped).content.disclosure as { samplesAccess: string };
    expect(closed.samplesAccess).toBe('same_as_data');
  });

  it('writes texts in the source’s language (English by default) with a one-sentence summary', () => {
    const en = mapRecord(record()) as Mapped;
    expect(en.content).toMatchObject({ title: { en: 'Traffic Counts' }, summary: { en: 'Hourly vehicle counts.' }, languages: ['en'] });
    const ko = mapRecord(record({ titles: [{ lang: null, text: '교통량 집계' }], descriptions: [{ lang: null, text: '시간별 교통량입니다. 루프 검지기로 모았습니다.' }], languages: ['ko'] })) as Mapped;
    expect(ko.content).toMatchObject({ title: { ko: '교통량 집계' }, summary: { ko: '시간별 교통량입니다.' }, languages: ['ko'] });
    expect(ko.slugBase).toBe('rec-1');
  });

  it('refuses records without identifier or title, private ones and unusable ones, with reasons', () => {
    expect(mapRecord(record({ originalId: null }))).toMatchObject({ code: 'missing_identifier', originalId: null });
    expect(mapRecord(record({ titles: [] }))).toMatchObject({ code: 'missing_title', originalId: 'rec-1' });
    expect(mapRecord(record({ private: true }))).toMatchObject({ code: 'private_record' });
    expect(mapRecord(record({ originalId: 'x'.repeat(600) }))).toMatchObject({ code: 'invalid_record' });
  });

  it('keeps only https distributions as links out, at most ten, and a content hash that follows the content', () => {
    const dists = Array.from({ length: 12 }, (_, i) => ({ url: `https://d.example/${i}`, title: null, format: 'CSV', mediaType: null }));
    const m = mapRecord(record({ distributions: [{ url: 'http://plain.example/x', title: 'x', format: null, mediaType: null }, ...dists] })) as Mapped;
    const links = m.content.externalAccess as Array<{ url: string }>;
    expect(links).toHaveLength(10);
    expect(links[0].url).toBe('https://d.example/0');
    expect((mapRecord(record()) as Mapped).hash).toBe((mapRecord(record()) as Mapped).hash);
    expect((mapRecord(record({ modified: '2025-01-01' })) as Mapped).hash).not.toBe((mapRecord(record()) as Mapped).hash);
  });

  it('cuts summaries at 300 characters and makes slugs that fit the pattern', () => {
    expect(summaryOf('word '.repeat(100)).length).toBeLessThanOrEqual(300);
    expect(slugBaseOf('Ünïcode — Title: 2025!', 'id')).toBe('unicode-title-2025');
    expect(slugBaseOf('한국어 제목', '가')).toMatch(/^harvested-[0-9a-f]{10}$/);
  });
});

describe('suggestions', () => {
  it('widens keywords through the glossary and carries matches across the crosswalk', () => {
    const s = suggest(['음성인식', 'autonomous driving']);
    expect(s.modalities).toContain('speech');
    expect(s.techAreas.kr).toEqual(expect.arrayContaining(['advanced_mobility']));
    const q = suggest(['Quantum computing']);
    expect(q.techAreas).toEqual({ kr: ['quantum'], us: ['quantum_information'] });
    expect(suggest(['bread recipes'])).toEqual({ techAreas: { kr: [], us: [] }, modalities: [] });
  });
});
