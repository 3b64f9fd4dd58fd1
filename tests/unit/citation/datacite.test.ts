// DataCite attributes of the two fixture datasets, written out by hand, validated against
// schemas/datacite.ts; and the schema itself refusing what the DataCite specification forbids.
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { dataciteAttributes } from '../../../server/citation/datacite';
import { dataciteSchema } from '../../../schemas/datacite';
import { grasping, speech } from './fixtures';

const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true });
addFormats(ajv);
const validate = ajv.compile(dataciteSchema);
const errorsOf = (doc: unknown) => (validate(doc) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`));

const SPEECH = 'https://databridge.example.kr/datasets/ko-speech-asr';
const GRASP = 'https://databridge.example.kr/datasets/acme-robot-grasping';

const speechV3 = {
  url: `${SPEECH}?version=3`,
  identifiers: [{ identifier: `${SPEECH}?version=3`, identifierType: 'URL' }],
  alternateIdentifiers: [{ alternateIdentifier: `${SPEECH}?version=3`, alternateIdentifierType: 'URL' }],
  creators: [{ name: 'National Information Society Agency', nameType: 'Organizational', lang: 'en' }],
  titles: [
    { title: 'Korean Speech Recognition Data', lang: 'en' },
    { title: '한국어 음성 인식 데이터', titleType: 'TranslatedTitle', lang: 'ko' },
  ],
  publisher: { name: 'National Information Society Agency', lang: 'en' },
  publicationYear: '2025',
  types: { resourceTypeGeneral: 'Dataset', resourceType: 'Dataset: Speech, Text' },
  subjects: [
    { subject: '음성 인식', lang: 'ko' },
    { subject: '한국어', lang: 'ko' },
    { subject: 'speech recognition', lang: 'en' },
    { subject: 'Korean', lang: 'en' },
    { subject: 'Artificial Intelligence', subjectScheme: 'Korea 12 National Strategic Technologies', classificationCode: 'artificial_intelligence', lang: 'en' },
    { subject: 'Artificial Intelligence', subjectScheme: 'US Critical and Emerging Technologies (NSTC 2024)', classificationCode: 'artificial_intelligence', lang: 'en' },
  ],
  contributors: [
    { name: '김민지', nameType: 'Personal', contributorType: 'ContactPerson', affiliation: [{ name: 'National Information Society Agency' }] },
    { name: 'K–US Data Bridge', nameType: 'Organizational', contributorType: 'HostingInstitution' },
  ],
  dates: [
    { date: '2023-06-15', dateType: 'Issued' },
    { date: '2025-03-04', dateType: 'Updated' },
  ],
  language: 'ko',
  relatedIdentifiers: [
    { relatedIdentifier: SPEECH, relatedIdentifierType: 'URL', relationType: 'IsVersionOf', resourceTypeGeneral: 'Dataset' },
    { relatedIdentifier: `${SPEECH}?version=2`, relatedIdentifierType: 'URL', relationType: 'IsNewVersionOf', resourceTypeGeneral: 'Dataset' },
  ],
  sizes: ['250000 records', '53687091200 bytes', '1000 hours'],
  formats: ['audio/wav', 'application/json'],
  version: '3',
  rightsList: [{ rights: 'KOGL Type 1 (Attribution)', rightsUri: 'https://www.kogl.or.kr/info/licenseType1.do', rightsIdentifier: 'KOGL-1', lang: 'en' }],
  descriptions: [
    { description: '한국어 대화 음성 1,000시간과 전사.', descriptionType: 'Abstract', lang: 'ko' },
    { description: '1,000 hours of Korean conversational speech with transcripts.', descriptionType: 'Abstract', lang: 'en' },
  ],
  schemaVersion: 'http://datacite.org/schema/kernel-4',
};

describe('DataCite attributes', () => {
  it('describe the current version of the agency dataset', () => {
    const doc = dataciteAttributes(speech(), 'en');
    expect(doc).toEqual(speechV3);
    expect(errorsOf(doc)).toEqual([]);
  });

  it('describe a middle version: its own year, size, and both neighbours', () => {
    const doc = dataciteAttributes(speech(2), 'ko');
    expect(doc).toMatchObject({
      url: `${SPEECH}?version=2`,
      creators: [{ name: '한국지능정보원', nameType: 'Organizational', lang: 'ko' }],
      titles: [
        { title: '한국어 음성 인식 데이터', lang: 'ko' },
        { title: 'Korean Speech Recognition Data', titleType: 'TranslatedTitle', lang: 'en' },
      ],
      publisher: { name: '한국지능정보원', lang: 'ko' },
      publicationYear: '2024',
      version: '2',
      sizes: ['120000 records', '480 hours'],
      dates: [
        { date: '2023-06-15', dateType: 'Issued' },
        { date: '2024-02-01', dateType: 'Updated' },
      ],
      relatedIdentifiers: [
        { relatedIdentifier: SPEECH, relatedIdentifierType: 'URL', relationType: 'IsVersionOf', resourceTypeGeneral: 'Dataset' },
        { relatedIdentifier: `${SPEECH}?version=1`, relatedIdentifierType: 'URL', relationType: 'IsNewVersionOf', resourceTypeGeneral: 'Dataset' },
        { relatedIdentifier: `${SPEECH}?version=3`, relatedIdentifierType: 'URL', relationType: 'IsPreviousVersionOf', resourceTypeGeneral: 'Dataset' },
      ],
      rightsList: [{ rights: '공공누리 제1유형 (출처표시)', rightsUri: 'https://www.kogl.or.kr/info/licenseType1.do', rightsIdentifier: 'KOGL-1', lang: 'ko' }],
    });
    expect(errorsOf(doc)).toEqual([]);
  });

  it('describe the English-only dataset under custom terms, asked for in Korean', () => {
    const doc = dataciteAttributes(grasping(), 'ko');
    expect(doc).toEqual({
      url: `${GRASP}?version=1`,
      identifiers: [{ identifier: `${GRASP}?version=1`, identifierType: 'URL' }],
      alternateIdentifiers: [{ alternateIdentifier: `${GRASP}?version=1`, alternateIdentifierType: 'URL' }],
      creators: [{ name: 'Acme Robotics Inc.', nameType: 'Organizational', lang: 'en' }],
      titles: [{ title: 'Robot Grasping Trials: Force & Torque_Logs (100% synthetic)', lang: 'en' }],
      publisher: { name: 'Acme Robotics Inc.', lang: 'en' },
      publicationYear: '2026',
      types: { resourceTypeGeneral: 'Dataset', resourceType: 'Dataset: Sensor, Time series' },
      subjects: [
        { subject: 'robotics', lang: 'en' },
        { subject: 'grasping', lang: 'en' },
        { subject: '첨단로봇·제조', subjectScheme: 'Korea 12 National Strategic Technologies', classificationCode: 'advanced_robotics_manufacturing', lang: 'ko' },
        {
          subject: '고도 자동화·자율·무인 시스템 및 로봇',
          subjectScheme: 'US Critical and Emerging Technologies (NSTC 2024)',
          classificationCode: 'autonomous_uncrewed_systems_robotics',
          lang: 'ko',
        },
      ],
      contributors: [{ name: 'K–US Data Bridge', nameType: 'Organizational', contributorType: 'HostingInstitution' }],
      dates: [{ date: '2026-01-20', dateType: 'Issued' }],
      language: 'en',
      relatedIdentifiers: [{ relatedIdentifier: GRASP, relatedIdentifierType: 'URL', relationType: 'IsVersionOf', resourceTypeGeneral: 'Dataset' }],
      sizes: ['12000 records'],
      formats: ['text/csv'],
      version: '1',
      rightsList: [{ rights: '별도 이용조건', rightsUri: 'https://acme.example.com/data-license', lang: 'ko' }],
      descriptions: [{ description: 'Force and torque logs of 12,000 grasping trials.', descriptionType: 'Abstract', lang: 'en' }],
      schemaVersion: 'http://datacite.org/schema/kernel-4',
    });
    expect(errorsOf(doc)).toEqual([]);
  });

  it('give CC licences their SPDX identifier', () => {
    const src = grasping();
    src.content = { ...src.content, license: { id: 'CC-BY-4.0' } };
    expect(dataciteAttributes(src, 'en').rightsList).toEqual([
      {
        rights: 'CC BY 4.0 (Attribution)',
        rightsUri: 'https://creativecommons.org/licenses/by/4.0/',
        rightsIdentifier: 'CC-BY-4.0',
        rightsIdentifierScheme: 'SPDX',
        schemeUri: 'https://spdx.org/licenses/',
        lang: 'en',
      },
    ]);
  });
});

describe('the DataCite schema refuses what the specification forbids', () => {
  const valid = () => structuredClone(speechV3) as Record<string, unknown>;
  it.each(['identifiers', 'creators', 'titles', 'publisher', 'publicationYear', 'types'])('a record without the mandatory %s', (name) => {
    const doc = valid();
    delete doc[name];
    expect(errorsOf(doc)).toContain(` must have required property '${name}'`);
  });

  it('empty mandatory lists', () => {
    for (const name of ['identifiers', 'creators', 'titles']) {
      const doc = valid();
      doc[name] = [];
      expect(errorsOf(doc).length, name).toBeGreaterThan(0);
    }
  });

  it('a resource type without resourceTypeGeneral, or with one outside the list', () => {
    expect(errorsOf({ ...valid(), types: { resourceType: 'Dataset' } })).toContain("/types must have required property 'resourceTypeGeneral'");
    expect(errorsOf({ ...valid(), types: { resourceTypeGeneral: 'DataSet' } })).toContain('/types/resourceTypeGeneral must be equal to one of the allowed values');
    expect(errorsOf({ ...valid(), types: { resourceTypeGeneral: 'Project' } })).toEqual([]);
  });

  it('controlled lists, a bad year, a creator without a name, an unknown property', () => {
    expect(errorsOf({ ...valid(), publicationYear: '25' }).length).toBeGreaterThan(0);
    expect(errorsOf({ ...valid(), creators: [{ nameType: 'Organizational' }] })).toContain("/creators/0 must have required property 'name'");
    expect(errorsOf({ ...valid(), creators: [{ name: 'X', nameType: 'Corporate' }] })).toContain('/creators/0/nameType must be equal to one of the allowed values');
    expect(errorsOf({ ...valid(), dates: [{ date: '2025-03-04', dateType: 'Published' }] })).toContain('/dates/0/dateType must be equal to one of the allowed values');
    expect(errorsOf({ ...valid(), relatedIdentifiers: [{ relatedIdentifier: 'x', relatedIdentifierType: 'URL', relationType: 'IsNewerVersionOf' }] })).toContain(
      '/relatedIdentifiers/0/relationType must be equal to one of the allowed values',
    );
    expect(errorsOf({ ...valid(), contributors: [{ name: 'X', contributorType: 'Author' }] })).toContain('/contributors/0/contributorType must be equal to one of the allowed values');
    expect(errorsOf({ ...valid(), titles: [{ title: 'x', titleType: 'MainTitle' }] })).toContain('/titles/0/titleType must be equal to one of the allowed values');
    expect(errorsOf({ ...valid(), descriptions: [{ description: 'x', descriptionType: 'Summary' }] })).toContain('/descriptions/0/descriptionType must be equal to one of the allowed values');
    expect(errorsOf({ ...valid(), doi: 'not-a-doi' }).length).toBeGreaterThan(0);
    expect(errorsOf({ ...valid(), doi: '10.12345/kusdb.ko-speech-asr.v3' })).toEqual([]);
    expect(errorsOf({ ...valid(), creator: [{ name: 'X' }] })).toContain(' must NOT have additional properties');
  });
});
