// Every citation format of the two fixture datasets against outputs written out by hand
// (docs/citations.md): APA 7 for datasets in English, the Korean APA-like form, BibTeX, RIS, CSL-JSON.
import { describe, expect, it } from 'vitest';
import { apaEnglish, apaKorean, bibtex, cslJson, ris, texEscape } from '../../../server/citation/formats';
import { grasping, speech } from './fixtures';

const SPEECH_V3 = 'https://databridge.example.kr/datasets/ko-speech-asr?version=3';
const SPEECH_V2 = 'https://databridge.example.kr/datasets/ko-speech-asr?version=2';
const GRASP_V1 = 'https://databridge.example.kr/datasets/acme-robot-grasping?version=1';

describe('APA (English, citation-js with the APA manual\'s "[Data set]")', () => {
  it('cites the current version of the agency dataset', () => {
    expect(apaEnglish(speech())).toBe(
      `National Information Society Agency. (2025). Korean Speech Recognition Data (Version 3) [Data set]. K–US Data Bridge. ${SPEECH_V3}`,
    );
  });
  it('cites an earlier version with that version\'s year and URL', () => {
    expect(apaEnglish(speech(2))).toBe(
      `National Information Society Agency. (2024). Korean Speech Recognition Data (Version 2) [Data set]. K–US Data Bridge. ${SPEECH_V2}`,
    );
  });
  it('does not double the full stop of an author ending in one, and keeps the title as written', () => {
    expect(apaEnglish(grasping())).toBe(
      `Acme Robotics Inc. (2026). Robot Grasping Trials: Force & Torque_Logs (100% synthetic) (Version 1) [Data set]. K–US Data Bridge. ${GRASP_V1}`,
    );
  });
});

describe('APA-like (Korean, hand-written)', () => {
  it('uses the Korean names and labels', () => {
    expect(apaKorean(speech())).toBe(`한국지능정보원. (2025). 한국어 음성 인식 데이터 (버전 3) [데이터셋]. K–US Data Bridge. ${SPEECH_V3}`);
    expect(apaKorean(speech(2))).toBe(`한국지능정보원. (2024). 한국어 음성 인식 데이터 (버전 2) [데이터셋]. K–US Data Bridge. ${SPEECH_V2}`);
  });
  it('falls back to the English title and author', () => {
    expect(apaKorean(grasping())).toBe(
      `Acme Robotics Inc. (2026). Robot Grasping Trials: Force & Torque_Logs (100% synthetic) (버전 1) [데이터셋]. K–US Data Bridge. ${GRASP_V1}`,
    );
  });
});

describe('BibTeX (hand-written: citation-js drops Hangul)', () => {
  it('writes the agency dataset in English and in Korean', () => {
    expect(bibtex(speech(), 'en')).toBe(`@misc{ko-speech-asr-v3,
  author = {{National Information Society Agency}},
  title = {{Korean Speech Recognition Data}},
  year = {2025},
  version = {3},
  publisher = {National Information Society Agency},
  howpublished = {K–US Data Bridge},
  url = {${SPEECH_V3}},
  urldate = {2026-12-01},
}
`);
    expect(bibtex(speech(), 'ko')).toBe(`@misc{ko-speech-asr-v3,
  author = {{한국지능정보원}},
  title = {{한국어 음성 인식 데이터}},
  year = {2025},
  version = {3},
  publisher = {한국지능정보원},
  howpublished = {K–US Data Bridge},
  url = {${SPEECH_V3}},
  urldate = {2026-12-01},
}
`);
  });
  it('escapes what TeX would read as commands (& % _ would break or comment out the line)', () => {
    expect(bibtex(grasping(), 'ko')).toBe(`@misc{acme-robot-grasping-v1,
  author = {{Acme Robotics Inc.}},
  title = {{Robot Grasping Trials: Force \\& Torque\\_Logs (100\\% synthetic)}},
  year = {2026},
  version = {1},
  publisher = {Acme Robotics Inc.},
  howpublished = {K–US Data Bridge},
  url = {${GRASP_V1}},
  urldate = {2026-12-01},
}
`);
    expect(texEscape('a\\b{c}$#^~')).toBe('a\\textbackslash{}b\\{c\\}\\$\\#\\^{}\\~{}');
  });
});

describe('RIS (citation-js, dates padded, repository as DP)', () => {
  it('writes the agency dataset', () => {
    expect(ris(speech(), 'ko')).toBe(`TY  - DATA
AU  - 한국지능정보원
DA  - 2025///
PY  - 2025
ET  - 3
ID  - ko-speech-asr-v3
LA  - ko
PB  - 한국지능정보원
TI  - 한국어 음성 인식 데이터
UR  - ${SPEECH_V3}
Y2  - 2026/12/01/
DP  - K–US Data Bridge
ER  - 
`);
  });
  it('writes the English-only dataset, asked for in Korean', () => {
    expect(ris(grasping(), 'ko')).toBe(`TY  - DATA
AU  - Acme Robotics Inc.
DA  - 2026///
PY  - 2026
ET  - 1
ID  - acme-robot-grasping-v1
LA  - en
PB  - Acme Robotics Inc.
TI  - Robot Grasping Trials: Force & Torque_Logs (100% synthetic)
UR  - ${GRASP_V1}
Y2  - 2026/12/01/
DP  - K–US Data Bridge
ER  - 
`);
  });
});

describe('CSL-JSON', () => {
  it('is one dataset item per citation', () => {
    expect(cslJson(speech(2), 'en')).toEqual([
      {
        id: 'ko-speech-asr-v2',
        type: 'dataset',
        title: 'Korean Speech Recognition Data',
        author: [{ literal: 'National Information Society Agency' }],
        publisher: 'National Information Society Agency',
        archive: 'K–US Data Bridge',
        version: '2',
        issued: { 'date-parts': [[2024]] },
        accessed: { 'date-parts': [[2026, 12, 1]] },
        URL: SPEECH_V2,
        language: 'en',
      },
    ]);
    expect(cslJson(grasping(), 'ko')).toEqual([
      {
        id: 'acme-robot-grasping-v1',
        type: 'dataset',
        title: 'Robot Grasping Trials: Force & Torque_Logs (100% synthetic)',
        author: [{ literal: 'Acme Robotics Inc.' }],
        publisher: 'Acme Robotics Inc.',
        archive: 'K–US Data Bridge',
        version: '1',
        issued: { 'date-parts': [[2026]] },
        accessed: { 'date-parts': [[2026, 12, 1]] },
        URL: GRASP_V1,
        language: 'en',
      },
    ]);
  });
});
