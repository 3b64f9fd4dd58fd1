// The two datasets the citation formats are checked against (expected outputs written out by hand in
// formats.test.ts and datacite.test.ts; docs/citations.md explains each form).
import type { CitationSource } from '../../../server/citation/model';

export const BASE = 'https://databridge.example.kr';
const ACCESSED = new Date('2026-12-01T09:30:00Z');

const speechVersions = [
  { version: 1, publishedAt: new Date('2023-06-15T02:00:00Z') },
  { version: 2, publishedAt: new Date('2024-02-01T05:00:00Z') },
  { version: 3, publishedAt: new Date('2025-03-04T01:00:00Z') },
];

const speechContent = {
  slug: 'ko-speech-asr',
  title: { ko: '한국어 음성 인식 데이터', en: 'Korean Speech Recognition Data' },
  summary: { ko: '한국어 대화 음성과 전사', en: 'Korean conversational speech with transcripts' },
  description: { ko: '한국어 대화 음성 1,000시간과 전사.', en: '1,000 hours of Korean conversational speech with transcripts.' },
  keywords: { ko: ['음성 인식', '한국어'], en: ['speech recognition', 'Korean'] },
  modalities: ['speech', 'text'],
  languages: ['ko'],
  techAreas: { kr: ['artificial_intelligence'], us: ['artificial_intelligence'] },
  size: { records: 250000, bytes: 53687091200, hours: 1000 },
  formats: ['audio/wav', 'application/json'],
  license: { id: 'KOGL-1' },
  contact: { name: '김민지', email: 'data@nia.example.kr' },
};

/** A Korean public agency's dataset, both languages, three published versions; `version` picks one. */
export function speech(version = 3): CitationSource {
  const v = speechVersions[version - 1];
  return {
    slug: 'ko-speech-asr',
    version,
    content: version === 3 ? speechContent : { ...speechContent, size: { records: 120000, hours: 480 } },
    publishedAt: v.publishedAt,
    versions: speechVersions,
    provider: { slug: 'nia-demo', name: { ko: '한국지능정보원', en: 'National Information Society Agency' } },
    baseUrl: BASE,
    accessed: ACCESSED,
  };
}

/** A company's dataset described in English only, under custom licence terms, published once. */
export function grasping(): CitationSource {
  return {
    slug: 'acme-robot-grasping',
    version: 1,
    content: {
      slug: 'acme-robot-grasping',
      title: { en: 'Robot Grasping Trials: Force & Torque_Logs (100% synthetic)' },
      summary: { en: 'Force and torque logs of 12,000 grasping trials.' },
      keywords: { en: ['robotics', 'grasping'] },
      modalities: ['sensor', 'timeseries'],
      languages: ['en'],
      techAreas: { kr: ['advanced_robotics_manufacturing'], us: ['autonomous_uncrewed_systems_robotics'] },
      size: { records: 12000 },
      formats: ['text/csv'],
      license: { id: 'custom', url: 'https://acme.example.com/data-license', commercialUse: false },
    },
    publishedAt: new Date('2026-01-20T08:00:00Z'),
    versions: [{ version: 1, publishedAt: new Date('2026-01-20T08:00:00Z') }],
    provider: { slug: 'acme-robotics', name: { en: 'Acme Robotics Inc.' } },
    baseUrl: BASE,
    accessed: ACCESSED,
  };
}
