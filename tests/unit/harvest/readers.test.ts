// The three readers on hand-written inputs (docs/harvesting.md "Readers"), and the host rules.
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { HarvestError } from '../../../server/harvest/errors';
import type { Fetched } from '../../../server/harvest/fetcher';
import { hostAllowed, isPrivateAddress, sameHost } from '../../../server/harvest/hosts';
import { ckanRecord } from '../../../server/harvest/read-ckan';
import { dcatApRecords } from '../../../server/harvest/read-dcat-ap';
import { readDcatUs } from '../../../server/harvest/read-dcat-us';
import type { SourceRecord } from '../../../server/harvest/record';
import { harvestFixture } from '../../helpers/harvest-fixtures';

const fetched = (chunks: string[]): Fetched => ({ body: Readable.from(chunks.map((c) => Buffer.from(c))), validators: { etag: null, lastModified: null }, done: () => undefined });

async function collect(chunks: string[]) {
  const out: Array<SourceRecord | { invalid: true }> = [];
  await readDcatUs(fetched(chunks), async (r) => void out.push(r as SourceRecord));
  return out;
}

describe('DCAT-US reader', () => {
  it('streams the dataset array across chunk boundaries and reads every field', async () => {
    const text = JSON.stringify(harvestFixture('dcat-us.json'));
    const pieces = text.match(/[\s\S]{1,37}/g)!;
    const records = (await collect(pieces)) as SourceRecord[];
    expect(records.map((r) => r.originalId)).toEqual(['pmrl-usv-lidar-2025', 'pqt-calibration-logs', 'peo-grid-sensors']);
    expect(records[0]).toMatchObject({
      titles: [{ lang: 'en', text: 'Harbor Autonomous Vessel Lidar Scans' }],
      access: 'public',
      contact: { name: 'Data Desk', email: 'data@partner.example.gov' },
      publisherName: 'Partner Maritime Research Laboratory',
      temporal: '2024-03-01/2025-08-31',
      themes: ['Transportation'],
    });
    expect(records[0].distributions.map((d) => d.url)).toEqual(['https://data.partner.example.gov/files/usv-lidar.zip', 'https://data.partner.example.gov/api/usv-lidar']);
    expect(records.map((r) => r.access)).toEqual(['public', 'restricted', 'non-public']);
  });

  it('fails on truncated or non-catalogue input', async () => {
    await expect(collect(['{"dataset":[{"identifier":"a"}'])).rejects.toMatchObject({ code: 'invalid_json' });
    await expect(collect(['{"items":[]}'])).rejects.toMatchObject({ code: 'invalid_catalog' });
    await expect(collect(['{"dataset":{"a":1}}'])).rejects.toBeInstanceOf(HarvestError);
  });
});

describe('DCAT-AP JSON-LD reader', () => {
  it('reads the fixture graph: language maps, @value objects, references', () => {
    const [speech, tiles] = dcatApRecords(harvestFixture('dcat-ap.jsonld'));
    expect(speech.titles).toEqual([
      { lang: 'en', text: 'Bilingual Speech Recognition Corpus' },
      { lang: 'ko', text: '이중언어 음성 인식 말뭉치' },
    ]);
    expect(speech).toMatchObject({ originalId: 'speech-corpus-2025', access: 'public', themes: ['TECH'], publisherName: 'Partner Language Institute', modified: '2025-10-01' });
    expect(speech.distributions[0]).toMatchObject({ format: 'TAR', mediaType: 'application/x-tar' });
    expect(tiles).toMatchObject({ access: 'restricted', license: 'https://catalogue.partner.example.eu/licence/restricted' });
  });

  it('accepts full IRIs, a catalog object without @graph, and bare terms under a remote context', () => {
    const full = {
      '@type': 'http://www.w3.org/ns/dcat#Catalog',
      'http://www.w3.org/ns/dcat#dataset': [
        {
          '@type': 'http://www.w3.org/ns/dcat#Dataset',
          'http://purl.org/dc/terms/identifier': 'iri-1',
          'http://purl.org/dc/terms/title': 'By full IRIs',
          'http://purl.org/dc/terms/accessRights': { '@id': 'http://publications.europa.eu/resource/authority/access-right/NON_PUBLIC' },
        },
      ],
    };
    expect(dcatApRecords(full)[0]).toMatchObject({ originalId: 'iri-1', titles: [{ text: 'By full IRIs' }], access: 'non-public' });
    const bare = { '@context': 'https://example.eu/dcat-ap.jsonld', '@type': 'Catalog', dataset: [{ '@type': 'Dataset', identifier: 'b-1', title: { '@value': '제목', '@language': 'ko' } }] };
    expect(dcatApRecords(bare)[0]).toMatchObject({ originalId: 'b-1', titles: [{ lang: 'ko', text: '제목' }] });
    const ids = { '@graph': [{ '@id': 'https://x.example/ds/1', '@type': 'dcat:Dataset', 'dct:title': 'Only an @id' }] };
    expect(dcatApRecords(ids)[0].originalId).toBe('https://x.example/ds/1');
    expect(() => dcatApRecords({ hello: 'world' })).toThrow(HarvestError);
  });
});

describe('CKAN reader', () => {
  it('reads packages, private flags, tags, extras and resources', () => {
    const [video, , hidden] = harvestFixture<any[]>('ckan-packages.json').map(ckanRecord);
    expect(video).toMatchObject({ originalId: '0b6d2c8e-1f4a-4b1e-9a50-2d7f0c1a9e01', access: 'public', license: 'cc-by-4.0', publisherName: 'Partner City Transport Department', themes: ['Mobility'], languages: ['en'] });
    expect(video.keywords.map((k) => k.text)).toEqual(['video', 'traffic', 'object detection']);
    expect(hidden.private).toBe(true);
  });
});

describe('hosts', () => {
  it('allows only listed hosts (with or without port) and same-host redirects', () => {
    const list = ['127.0.0.1', 'data.example.gov:8443'];
    expect(hostAllowed(new URL('http://127.0.0.1:9999/x'), list)).toBe(true);
    expect(hostAllowed(new URL('https://data.example.gov:8443/x'), list)).toBe(true);
    expect(hostAllowed(new URL('https://data.example.gov/x'), list)).toBe(false);
    expect(hostAllowed(new URL('http://localhost/x'), list)).toBe(false);
    expect(hostAllowed(new URL('http://anything.example/x'), null)).toBe(true);
    expect(sameHost(new URL('http://127.0.0.1:80/a'), new URL('http://127.0.0.1/b'))).toBe(true);
    expect(sameHost(new URL('http://127.0.0.1:1/a'), new URL('http://localhost:1/b'))).toBe(false);
  });

  it('recognises non-public addresses', () => {
    for (const ip of ['127.0.0.1', '10.1.2.3', '172.16.0.1', '192.168.1.1', '169.254.169.254', '0.0.0.0', '100.64.0.1', '::1', 'fe80::1', 'fd00::1', '::ffff:127.0.0.1']) expect([ip, isPrivateAddress(ip)]).toEqual([ip, true]);
    for (const ip of ['8.8.8.8', '203.0.113.9', '2001:db8::1', '172.32.0.1']) expect([ip, isPrivateAddress(ip)]).toEqual([ip, false]);
  });
});
