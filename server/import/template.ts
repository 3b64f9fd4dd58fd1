// The downloadable CSV template: machine-stable headers, one comment row of localised column notes
// (first cell starts with `#`, skipped on import), one example row.
import type { TFunction } from 'i18next';
import { IMPORT_COLUMNS } from './columns';
import { csvLine } from './csv';

// A complete, publishable example (values are data, the same in both languages' templates).
const EXAMPLE: Record<string, string> = {
  slug: 'example-korean-read-speech',
  'title.ko': '한국어 낭독 음성 예시 데이터',
  'title.en': 'Example Korean read speech',
  'summary.ko': '화자 100명이 문장을 낭독한 음성과 전사문입니다.',
  'summary.en': 'Read sentences by 100 speakers with transcripts.',
  'description.ko': '스튜디오에서 녹음한 16kHz 낭독 음성과 철자 전사문으로 구성된 예시 데이터셋입니다.',
  'description.en': 'An example dataset of 16 kHz studio recordings of read sentences with orthographic transcripts.',
  'keywords.ko': '음성인식;낭독',
  'keywords.en': 'speech recognition;read speech',
  modalities: 'speech;text',
  tasks: 'asr',
  languages: 'ko-KR',
  'techAreas.kr': 'artificial_intelligence',
  'techAreas.us': 'artificial_intelligence',
  domain: 'language',
  'temporalCoverage.start': '2024-01-01',
  'temporalCoverage.end': '2024-06-30',
  'spatialCoverage.ko': '대한민국',
  'spatialCoverage.en': 'South Korea',
  'size.records': '12000',
  'size.hours': '20',
  formats: 'WAV;JSON',
  'license.id': 'CC-BY-4.0',
  'disclosure.accessLevel': 'open',
  'disclosure.samplesAccess': 'open',
  'disclosure.allowedCountries': '*',
  'disclosure.allowedOrgTypes': '*',
  'disclosure.allowedPurposes': 'research;education;public_interest;commercial',
  'disclosure.crossBorder': 'allowed',
  'disclosure.conditions.dua': 'false',
  'disclosure.conditions.irb': 'false',
  'disclosure.conditions.attribution': 'true',
  'disclosure.conditions.noRedistribution': 'false',
  'disclosure.maxGrantDays': '365',
  'classification.level': 'public',
  'classification.personalInfo': 'none',
  'classification.exportControl.controlled': 'false',
  'classification.nationalCoreTechnology': 'false',
};

/** The template CSV (with a UTF-8 byte-order mark so spreadsheet programs read Korean correctly). */
export function importTemplate(t: TFunction): string {
  const names = IMPORT_COLUMNS.map((c) => c.name);
  const notes = names.map((n, i) => (i === 0 ? '# ' : '') + t(`interop:importColumns.${n}`));
  const example = names.map((n) => EXAMPLE[n] ?? '');
  return '\ufeff' + [csvLine(names), csvLine(notes), csvLine(example)].join('\r\n') + '\r\n';
}
