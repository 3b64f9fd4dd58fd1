/**
 * Demo labeling procedures (the registry, docs/design.md §3). Each procedure lists every version with its
 * full body; earlier versions are `superseded`, the latest is `active` — except
 * `traffic-object-detection`, whose v3 is still a `draft` on top of an active v2.
 * Providers and tools are fictional or generic open-source tools.
 */
import type { LabelAttribute, LabelClass, ProcedureStep, SeedProcedure } from './types';

// ---------------------------------------------------------------------------------------------
// 1. Korean spontaneous speech transcription (ASR)
// ---------------------------------------------------------------------------------------------

const speechClassesV1: LabelClass[] = [
  {
    code: 'speech',
    name: { ko: '발화 구간', en: 'Speech segment' },
    description: {
      ko: '한 화자가 말하는 연속 구간으로, 0.5초 이상의 묵음이 있으면 나눕니다.',
      en: 'A continuous stretch of one speaker talking; split at silences longer than 0.5 s.',
    },
  },
  {
    code: 'filler',
    name: { ko: '간투어', en: 'Filler' },
    description: {
      ko: '"어", "음", "그" 처럼 의미 없이 끼어드는 말로, 전사문에 /로 표시합니다.',
      en: 'Hesitation sounds such as "eo", "eum", "geu", marked with a slash in the transcript.',
    },
  },
  {
    code: 'noise',
    name: { ko: '잡음', en: 'Noise' },
    description: {
      ko: '기침, 웃음, 문 닫는 소리 등 말소리가 아닌 소리입니다. b/, l/, n/ 태그를 씁니다.',
      en: 'Non-speech sounds such as breathing, laughter or doors, tagged b/, l/ and n/.',
    },
  },
  {
    code: 'unintelligible',
    name: { ko: '판독 불가', en: 'Unintelligible' },
    description: {
      ko: '세 번 이상 들어도 알아들을 수 없는 부분으로, u/ 태그를 붙입니다.',
      en: 'Audio that cannot be understood after three listens; tagged u/.',
    },
  },
];

const speechClassesV2: LabelClass[] = [
  ...speechClassesV1,
  {
    code: 'overlap',
    name: { ko: '중첩 발화', en: 'Overlapping speech' },
    description: {
      ko: '두 명 이상이 동시에 말하는 구간으로, 주 화자 발화만 전사하고 중첩 구간을 따로 표시합니다.',
      en: 'Two or more people talking at once; transcribe the main speaker and mark the overlapping span.',
    },
  },
];

const speechAttributesV1: LabelAttribute[] = [
  { code: 'speaker_gender', name: { ko: '화자 성별', en: 'Speaker gender' }, type: 'enum', values: ['female', 'male', 'unknown'] },
  {
    code: 'age_group',
    name: { ko: '화자 연령대', en: 'Speaker age group' },
    type: 'enum',
    values: ['10s', '20s', '30s', '40s', '50s', '60s', '70plus'],
  },
  {
    code: 'recording_env',
    name: { ko: '녹음 환경', en: 'Recording environment' },
    type: 'enum',
    values: ['quiet_room', 'office', 'street', 'vehicle', 'phone'],
  },
];

const speechStepsV1: ProcedureStep[] = [
  {
    name: { ko: '음성 구간 분할', en: 'Segment audio' },
    description: {
      ko: '음성 활동 검출(VAD)로 녹음 파일을 발화 단위로 자르고, 10초를 넘는 구간은 작업자가 다시 나눕니다.',
      en: 'Voice activity detection cuts each recording into utterances; annotators re-split any segment longer than 10 s.',
    },
  },
  {
    name: { ko: '1차 전사', en: 'First-pass transcription' },
    description: {
      ko: '들리는 그대로 한글 맞춤법에 맞게 전사하고, 숫자와 외래어는 소리 나는 대로 한글로 적습니다.',
      en: 'Transcribe exactly what is said in standard Hangul orthography; numbers and loanwords are spelled out as pronounced.',
    },
  },
  {
    name: { ko: '표본 검수', en: 'Sample inspection' },
    description: {
      ko: '검수자가 무작위 표본을 다시 듣고 글자 오류율(CER)을 측정해, 기준을 넘는 작업 묶음은 반려합니다.',
      en: 'Inspectors re-listen to a random sample and compute the character error rate; batches above the threshold are sent back.',
    },
  },
];

const speechStepsV2: ProcedureStep[] = [
  speechStepsV1[0],
  speechStepsV1[1],
  {
    name: { ko: '잡음·중첩 태깅', en: 'Noise and overlap tagging' },
    description: {
      ko: '잡음, 간투어, 중첩 발화 구간에 태그를 달고, 화자 성별·연령대와 녹음 환경 속성을 입력합니다.',
      en: 'Tag noise, fillers and overlapping speech, and fill in speaker gender, age group and recording environment.',
    },
  },
  {
    name: { ko: '제3자 표본 검수', en: 'Third-party sample inspection' },
    description: {
      ko: '외부 검수 기관이 15% 표본을 다시 듣고 CER·WER을 산출하며, 불합격 묶음은 전량 재작업합니다.',
      en: 'An external inspection vendor re-listens to a 15% sample and reports CER and WER; failed batches are redone in full.',
    },
  },
];

const speechStepsV3: ProcedureStep[] = [
  speechStepsV2[0],
  {
    name: { ko: '이중 전사', en: 'Dual transcription' },
    description: {
      ko: '두 작업자가 각각 철자 전사와 발음 전사를 작성해 "(철자)/(발음)" 형식으로 병기합니다. 예: (3시)/(세 시).',
      en: 'Two annotators produce an orthographic and a phonetic transcript, written side by side as "(spelling)/(pronunciation)", e.g. (3시)/(세 시).',
    },
  },
  speechStepsV2[2],
  {
    name: { ko: '자동 일관성 점검', en: 'Automated consistency check' },
    description: {
      ko: '소리검수기(SoriCheck 2.0)가 태그 문법, 금칙 문자, 철자·발음 전사 간 불일치를 자동으로 찾아냅니다.',
      en: 'SoriCheck 2.0 flags malformed tags, forbidden characters and mismatches between the two transcripts.',
    },
  },
  {
    name: { ko: '전문가 검수 및 TTA 검증', en: 'Expert review and TTA verification' },
    description: {
      ko: '국어학 전공 검수자가 20% 표본을 최종 검수하고, 공인 시험기관(TTA)이 품질 지표를 검증합니다.',
      en: 'Linguistics-trained reviewers inspect a 20% sample, and an accredited testing body (TTA) verifies the quality metrics.',
    },
  },
];

const speechTranscription: SeedProcedure = {
  slug: 'korean-speech-transcription',
  providerSlug: 'kdata-agency',
  versions: [
    {
      version: 1,
      status: 'superseded',
      title: { ko: '한국어 자유발화 음성 전사 절차', en: 'Korean spontaneous speech transcription' },
      taskType: 'asr',
      modalities: ['speech', 'text'],
      labelSchema: { classes: speechClassesV1, attributes: speechAttributesV1 },
      guideline: {
        summary: {
          ko: '자유발화 녹음을 발화 단위로 나누어 들리는 그대로 한글로 전사하고, 잡음·간투어를 태그로 표시합니다.',
          en: 'Split spontaneous recordings into utterances and transcribe them verbatim in Hangul, tagging noise and fillers.',
        },
      },
      workforce: {
        type: 'crowd',
        annotatorsPerItem: 1,
        qualification: {
          ko: '한국어 원어민, 맞춤법 평가 80점 이상 및 교육 이수',
          en: 'Native Korean speakers scoring 80+ on a spelling test, after training',
        },
      },
      tools: ['Label Studio'],
      steps: speechStepsV1,
      qa: {
        inspection: 'sampling',
        samplingRate: 0.1,
        verifiedBy: 'self',
        targets: [{ metric: 'cer', target: 0.08, direction: 'lower_better' }],
      },
    },
    {
      version: 2,
      status: 'superseded',
      title: { ko: '한국어 자유발화 음성 전사 절차', en: 'Korean spontaneous speech transcription' },
      taskType: 'asr',
      modalities: ['speech', 'text'],
      labelSchema: { classes: speechClassesV2, attributes: speechAttributesV1 },
      guideline: {
        summary: {
          ko: '1판에 중첩 발화 태그와 화자 속성 입력을 추가하고, 외부 기관의 표본 검수를 도입했습니다.',
          en: 'Adds overlapping-speech tags and speaker attributes to v1 and introduces third-party sample inspection.',
        },
      },
      workforce: {
        type: 'crowd',
        annotatorsPerItem: 1,
        qualification: {
          ko: '한국어 원어민, 맞춤법 평가 85점 이상 및 태깅 실습 20건 통과',
          en: 'Native Korean speakers scoring 85+ on a spelling test who passed 20 practice items',
        },
      },
      tools: ['Label Studio', 'SoriCheck (in-house CER checker)'],
      steps: speechStepsV2,
      qa: {
        inspection: 'sampling',
        samplingRate: 0.15,
        verifiedBy: 'third_party',
        targets: [
          { metric: 'cer', target: 0.06, direction: 'lower_better' },
          { metric: 'wer', target: 0.15, direction: 'lower_better' },
        ],
      },
    },
    {
      version: 3,
      status: 'active',
      title: {
        ko: '한국어 자유발화 음성 전사 절차 (이중 전사)',
        en: 'Korean spontaneous speech transcription (dual transcription)',
      },
      taskType: 'asr',
      modalities: ['speech', 'text'],
      labelSchema: {
        classes: speechClassesV2,
        attributes: [
          ...speechAttributesV1,
          {
            code: 'transcription_type',
            name: { ko: '전사 유형', en: 'Transcription type' },
            type: 'enum',
            values: ['orthographic', 'phonetic'],
          },
        ],
      },
      guideline: {
        summary: {
          ko: '철자 전사와 발음 전사를 함께 기록하는 이중 전사를 도입하고, 전문가 최종 검수와 TTA 검증으로 목표 CER을 5%로 높였습니다.',
          en: 'Introduces dual (orthographic + phonetic) transcripts, expert final review and TTA verification, tightening the CER target to 5%.',
        },
      },
      workforce: {
        type: 'vendor',
        annotatorsPerItem: 2,
        qualification: {
          ko: '전문 전사 업체 소속 작업자, 국어학 전공 검수자 1인 이상 배치',
          en: 'Professional transcription vendor staff, with at least one linguistics-trained reviewer per team',
        },
      },
      tools: ['Label Studio', 'SoriCheck 2.0 (in-house)'],
      steps: speechStepsV3,
      qa: {
        inspection: 'sampling',
        samplingRate: 0.2,
        verifiedBy: 'tta',
        targets: [
          { metric: 'cer', target: 0.05, direction: 'lower_better' },
          { metric: 'wer', target: 0.12, direction: 'lower_better' },
        ],
      },
    },
  ],
};

// ---------------------------------------------------------------------------------------------
// 2. Financial document OCR
// ---------------------------------------------------------------------------------------------

const ocrClassesV1: LabelClass[] = [
  { code: 'text_line', name: { ko: '텍스트 행', en: 'Text line' } },
  { code: 'table_cell', name: { ko: '표 셀', en: 'Table cell' } },
  {
    code: 'amount',
    name: { ko: '금액', en: 'Amount' },
    description: {
      ko: '통화 기호와 쉼표를 포함한 금액 문자열입니다. 한글 금액("금 일백만원정")도 포함합니다.',
      en: 'Monetary amounts including currency symbols and separators, also when written in Korean words.',
    },
  },
  { code: 'date', name: { ko: '날짜', en: 'Date' } },
  { code: 'signature', name: { ko: '서명', en: 'Signature' } },
];

const ocrClassesV2: LabelClass[] = [
  ...ocrClassesV1,
  {
    code: 'seal',
    name: { ko: '인감·도장', en: 'Seal stamp' },
    description: {
      ko: '붉은 인주로 찍힌 인감이나 법인 도장 영역입니다. 글자와 겹치면 도장 영역을 우선합니다.',
      en: 'Red-ink personal or corporate seal impressions; when they overlap text, the seal box takes priority.',
    },
  },
  { code: 'checkbox', name: { ko: '체크박스', en: 'Checkbox' } },
];

const ocrAttributes: LabelAttribute[] = [
  { code: 'text', name: { ko: '인식 문자열', en: 'Transcribed text' }, type: 'string' },
  { code: 'handwritten', name: { ko: '손글씨 여부', en: 'Handwritten' }, type: 'boolean' },
];

const ocrStepsV1: ProcedureStep[] = [
  {
    name: { ko: '가상 정보 합성', en: 'Synthetic data fill-in' },
    description: {
      ko: '실제 고객 정보 대신 가상의 이름·계좌번호·주소를 서식에 채워 넣어 개인정보가 남지 않게 합니다.',
      en: 'Forms are filled with synthetic names, account numbers and addresses so that no real customer data remains.',
    },
  },
  {
    name: { ko: '자동 사전 라벨링', en: 'Automatic pre-labeling' },
    description: {
      ko: '사내 OCR 엔진(PaperLens)이 텍스트 영역과 문자열 초안을 만듭니다.',
      en: 'The in-house PaperLens engine drafts text boxes and transcriptions.',
    },
  },
  {
    name: { ko: '영역·문자 보정', en: 'Box and text correction' },
    description: {
      ko: '작업자가 바운딩 박스를 글자 외곽에 맞추고, 잘못 인식된 문자열을 고칩니다.',
      en: 'Annotators tighten bounding boxes around the glyphs and correct misread strings.',
    },
  },
  {
    name: { ko: '표본 검수', en: 'Sample inspection' },
    description: {
      ko: '검수자가 10% 표본의 문자 정확도와 박스 IoU를 측정합니다.',
      en: 'Inspectors measure character accuracy and box IoU on a 10% sample.',
    },
  },
];

const ocrStepsV2: ProcedureStep[] = [
  ocrStepsV1[0],
  ocrStepsV1[1],
  ocrStepsV1[2],
  {
    name: { ko: '금액·날짜 이중 입력 대조', en: 'Double keying of amounts and dates' },
    description: {
      ko: '금액과 날짜 필드는 두 작업자가 따로 입력하고, 값이 다르면 검수자가 원본을 확인해 확정합니다.',
      en: 'Amount and date fields are keyed by two annotators independently; disagreements are resolved by a reviewer against the image.',
    },
  },
  {
    name: { ko: '표본 검수 및 TTA 검증', en: 'Sample inspection and TTA verification' },
    description: {
      ko: '20% 표본으로 문자 정확도와 IoU를 측정하고, 최종 품질 지표는 TTA가 검증합니다.',
      en: 'A 20% sample is measured for character accuracy and IoU; final figures are verified by TTA.',
    },
  },
];

const financialOcr: SeedProcedure = {
  slug: 'financial-document-ocr',
  providerSlug: 'kdata-agency',
  versions: [
    {
      version: 1,
      status: 'superseded',
      title: { ko: '금융 서식 문자인식(OCR) 라벨링 절차', en: 'Financial form OCR labeling' },
      taskType: 'ocr',
      modalities: ['image', 'text'],
      labelSchema: { classes: ocrClassesV1, attributes: ocrAttributes },
      guideline: {
        summary: {
          ko: '금융 서식 이미지의 텍스트 영역을 바운딩 박스로 표시하고, 박스마다 인식 문자열을 입력합니다.',
          en: 'Draw bounding boxes around text regions of financial forms and enter the text of each box.',
        },
      },
      workforce: {
        type: 'vendor',
        annotatorsPerItem: 1,
        qualification: {
          ko: '문서 라벨링 경력 6개월 이상, 금융 서식 교육 이수',
          en: 'Six months of document-labeling experience and training on financial forms',
        },
      },
      tools: ['CVAT', 'PaperLens (in-house OCR pre-labeler)'],
      steps: ocrStepsV1,
      qa: {
        inspection: 'sampling',
        samplingRate: 0.1,
        verifiedBy: 'third_party',
        targets: [
          { metric: 'accuracy', target: 0.95, direction: 'higher_better' },
          { metric: 'iou', target: 0.8, direction: 'higher_better' },
        ],
      },
    },
    {
      version: 2,
      status: 'active',
      title: { ko: '금융 서식 문자인식(OCR) 라벨링 절차', en: 'Financial form OCR labeling' },
      taskType: 'ocr',
      modalities: ['image', 'text'],
      labelSchema: { classes: ocrClassesV2, attributes: ocrAttributes },
      guideline: {
        summary: {
          ko: '인감·체크박스 클래스를 추가하고 금액·날짜를 이중 입력으로 대조하며, 정확도 목표를 97%로 높였습니다.',
          en: 'Adds seal and checkbox classes, double-keys amounts and dates, and raises the accuracy target to 97%.',
        },
      },
      workforce: {
        type: 'vendor',
        annotatorsPerItem: 2,
        qualification: {
          ko: '문서 라벨링 경력 6개월 이상, 금융 서식 교육 및 보안 서약',
          en: 'Six months of document-labeling experience, financial-form training and a signed confidentiality pledge',
        },
      },
      tools: ['CVAT', 'PaperLens 2 (in-house OCR pre-labeler)'],
      steps: ocrStepsV2,
      qa: {
        inspection: 'sampling',
        samplingRate: 0.2,
        verifiedBy: 'tta',
        targets: [
          { metric: 'accuracy', target: 0.97, direction: 'higher_better' },
          { metric: 'iou', target: 0.85, direction: 'higher_better' },
        ],
      },
    },
  ],
};

// ---------------------------------------------------------------------------------------------
// 3. Traffic video object detection (v3 is a draft on top of the active v2)
// ---------------------------------------------------------------------------------------------

const trafficClassesV1: LabelClass[] = [
  {
    code: 'vehicle',
    name: { ko: '차량', en: 'Vehicle' },
    description: {
      ko: '승용차, 버스, 트럭 등 사륜 이상 차량입니다. 가려진 부분이 절반 이하이면 전체 외곽으로 박스를 그립니다.',
      en: 'Cars, buses, trucks and other four-wheelers; if less than half is occluded, box the full extent.',
    },
  },
  { code: 'pedestrian', name: { ko: '보행자', en: 'Pedestrian' } },
  {
    code: 'traffic_light',
    name: { ko: '신호등', en: 'Traffic light' },
    description: {
      ko: '차량 신호등과 보행 신호등을 모두 포함하며, 점등 상태를 속성으로 입력합니다.',
      en: 'Both vehicle and pedestrian signals; the lit state is recorded as an attribute.',
    },
  },
];

const trafficClassesV2: LabelClass[] = [
  ...trafficClassesV1,
  {
    code: 'two_wheeler',
    name: { ko: '이륜차', en: 'Two-wheeler' },
    description: {
      ko: '오토바이와 자전거, 그리고 탑승자를 하나의 박스로 묶습니다.',
      en: 'Motorcycles and bicycles, boxed together with their riders.',
    },
  },
];

const trafficClassesV3: LabelClass[] = [
  ...trafficClassesV2,
  {
    code: 'personal_mobility',
    name: { ko: '개인형 이동장치', en: 'Personal mobility device' },
    description: {
      ko: '전동킥보드, 전동휠 등 개인형 이동장치와 탑승자입니다.',
      en: 'E-scooters, electric unicycles and similar devices with their riders.',
    },
  },
  { code: 'emergency_vehicle', name: { ko: '긴급차량', en: 'Emergency vehicle' } },
];

const trafficAttributes: LabelAttribute[] = [
  {
    code: 'light_state',
    name: { ko: '신호 상태', en: 'Signal state' },
    type: 'enum',
    values: ['red', 'yellow', 'green', 'green_arrow', 'off'],
  },
  { code: 'occluded', name: { ko: '가림 여부', en: 'Occluded' }, type: 'enum', values: ['none', 'partial', 'heavy'] },
  { code: 'track_id', name: { ko: '추적 ID', en: 'Track ID' }, type: 'number' },
];

const trafficStepsV1: ProcedureStep[] = [
  {
    name: { ko: '프레임 추출 및 비식별화', en: 'Frame extraction and de-identification' },
    description: {
      ko: '영상에서 초당 2프레임을 추출하고, 얼굴과 번호판을 자동으로 흐림 처리합니다.',
      en: 'Two frames per second are extracted and faces and licence plates are blurred automatically.',
    },
  },
  {
    name: { ko: '바운딩 박스 라벨링', en: 'Bounding-box labeling' },
    description: {
      ko: '작업자가 객체마다 박스를 그리고 클래스와 속성을 지정합니다. 가로세로 10픽셀 미만 객체는 제외합니다.',
      en: 'Annotators box every object and assign class and attributes; objects smaller than 10×10 px are skipped.',
    },
  },
  {
    name: { ko: '표본 검수', en: 'Sample inspection' },
    description: {
      ko: '검수자가 10% 표본을 기준 라벨과 비교해 mAP@50과 IoU를 계산합니다.',
      en: 'Inspectors compare a 10% sample with reference labels and compute mAP@50 and IoU.',
    },
  },
];

const trafficStepsV2: ProcedureStep[] = [
  trafficStepsV1[0],
  trafficStepsV1[1],
  {
    name: { ko: '추적 ID 일관성 점검', en: 'Track ID consistency check' },
    description: {
      ko: '연속 프레임에서 같은 객체가 같은 추적 ID를 유지하는지 자동 점검하고, 끊긴 궤적을 보정합니다.',
      en: 'An automated check verifies that an object keeps its track ID across frames; broken tracks are repaired.',
    },
  },
  {
    name: { ko: '제3자 표본 검수', en: 'Third-party sample inspection' },
    description: {
      ko: '외부 검수 기관이 15% 표본으로 mAP@50과 IoU를 측정합니다.',
      en: 'An external inspector measures mAP@50 and IoU on a 15% sample.',
    },
  },
];

const trafficStepsV3: ProcedureStep[] = [
  trafficStepsV2[0],
  trafficStepsV2[1],
  trafficStepsV2[2],
  {
    name: { ko: '야간·우천 난제 재검토', en: 'Night and rain hard-case review' },
    description: {
      ko: '야간, 우천, 역광 장면은 숙련 작업자가 한 번 더 검토해 누락 객체를 보완합니다.',
      en: 'Night, rain and back-lit scenes get a second pass by senior annotators to recover missed objects.',
    },
  },
  {
    name: { ko: '제3자 표본 검수', en: 'Third-party sample inspection' },
    description: {
      ko: '외부 검수 기관이 20% 표본으로 mAP@50, mAP@50:95, IoU를 측정합니다.',
      en: 'An external inspector measures mAP@50, mAP@50:95 and IoU on a 20% sample.',
    },
  },
];

const trafficDetection: SeedProcedure = {
  slug: 'traffic-object-detection',
  providerSlug: 'hanbit-ai-institute',
  versions: [
    {
      version: 1,
      status: 'superseded',
      title: { ko: '교통 영상 객체 검출 라벨링 절차', en: 'Traffic video object detection labeling' },
      taskType: 'object_detection',
      modalities: ['video', 'image'],
      labelSchema: { classes: trafficClassesV1, attributes: trafficAttributes.slice(0, 2) },
      guideline: {
        summary: {
          ko: '도로 영상 프레임에서 차량, 보행자, 신호등을 바운딩 박스로 표시합니다.',
          en: 'Box vehicles, pedestrians and traffic lights in frames sampled from road video.',
        },
      },
      workforce: {
        type: 'crowd',
        annotatorsPerItem: 1,
        qualification: {
          ko: '객체 검출 교육 이수 및 시험 라벨 50건 통과',
          en: 'Completed detection training and passed 50 test labels',
        },
      },
      tools: ['CVAT'],
      steps: trafficStepsV1,
      qa: {
        inspection: 'sampling',
        samplingRate: 0.1,
        verifiedBy: 'self',
        targets: [
          { metric: 'map50', target: 0.7, direction: 'higher_better' },
          { metric: 'iou', target: 0.65, direction: 'higher_better' },
        ],
      },
    },
    {
      version: 2,
      status: 'active',
      title: { ko: '교통 영상 객체 검출·추적 라벨링 절차', en: 'Traffic video object detection and tracking labeling' },
      taskType: 'object_detection',
      modalities: ['video', 'image'],
      labelSchema: { classes: trafficClassesV2, attributes: trafficAttributes },
      guideline: {
        summary: {
          ko: '이륜차 클래스와 추적 ID를 추가하고, 제3자 검수로 mAP@50 목표를 0.75로 높였습니다.',
          en: 'Adds the two-wheeler class and track IDs, with third-party inspection and a 0.75 mAP@50 target.',
        },
      },
      workforce: {
        type: 'crowd',
        annotatorsPerItem: 1,
        qualification: {
          ko: '객체 검출 교육 이수, 시험 라벨 100건 통과, 추적 실습 완료',
          en: 'Detection training, 100 passed test labels and a tracking exercise',
        },
      },
      tools: ['CVAT', 'TrackFix (in-house)'],
      steps: trafficStepsV2,
      qa: {
        inspection: 'sampling',
        samplingRate: 0.15,
        verifiedBy: 'third_party',
        targets: [
          { metric: 'map50', target: 0.75, direction: 'higher_better' },
          { metric: 'iou', target: 0.7, direction: 'higher_better' },
        ],
      },
    },
    {
      version: 3,
      status: 'draft',
      title: { ko: '교통 영상 객체 검출·추적 라벨링 절차', en: 'Traffic video object detection and tracking labeling' },
      taskType: 'object_detection',
      modalities: ['video', 'image'],
      labelSchema: { classes: trafficClassesV3, attributes: trafficAttributes },
      guideline: {
        summary: {
          ko: '개인형 이동장치와 긴급차량 클래스를 추가하고, 야간·우천 장면 재검토 단계를 신설하는 개정안입니다.',
          en: 'Draft revision adding personal-mobility and emergency-vehicle classes and a night/rain hard-case review.',
        },
      },
      workforce: {
        type: 'vendor',
        annotatorsPerItem: 1,
        qualification: {
          ko: '객체 검출 경력 1년 이상 전문 업체 작업자',
          en: 'Vendor annotators with at least one year of detection work',
        },
      },
      tools: ['CVAT', 'TrackFix (in-house)'],
      steps: trafficStepsV3,
      qa: {
        inspection: 'sampling',
        samplingRate: 0.2,
        verifiedBy: 'third_party',
        targets: [
          { metric: 'map50', target: 0.78, direction: 'higher_better' },
          { metric: 'map', target: 0.5, direction: 'higher_better' },
          { metric: 'iou', target: 0.7, direction: 'higher_better' },
        ],
      },
    },
  ],
};

// ---------------------------------------------------------------------------------------------
// 4. Medical CT lesion segmentation
// ---------------------------------------------------------------------------------------------

const ctClassesV1: LabelClass[] = [
  {
    code: 'solid_nodule',
    name: { ko: '고형 결절', en: 'Solid nodule' },
    description: {
      ko: '폐실질 내 3mm 이상 30mm 이하의 고형 음영입니다.',
      en: 'Solid opacity in the lung parenchyma, 3–30 mm.',
    },
  },
  {
    code: 'mass',
    name: { ko: '종괴', en: 'Mass' },
    description: { ko: '30mm를 초과하는 병변입니다.', en: 'Lesion larger than 30 mm.' },
  },
];

const ctClassesV2: LabelClass[] = [
  ...ctClassesV1,
  {
    code: 'ground_glass_nodule',
    name: { ko: '간유리 결절', en: 'Ground-glass nodule' },
    description: {
      ko: '혈관과 기관지 경계가 보이는 흐린 음영의 결절로, 부분 고형 성분이 있으면 속성에 표시합니다.',
      en: 'Hazy opacity through which vessels remain visible; part-solid components are flagged as an attribute.',
    },
  },
];

const ctStepsV1: ProcedureStep[] = [
  {
    name: { ko: '가명처리', en: 'Pseudonymisation' },
    description: {
      ko: 'DICOM 헤더의 환자 식별 태그를 지우고 연구용 가명 ID로 바꾸며, 매핑 키는 병원 내부에 분리 보관합니다.',
      en: 'Patient-identifying DICOM tags are removed and replaced by study pseudonyms; the mapping key stays separately inside the hospital.',
    },
  },
  {
    name: { ko: '1차 분할', en: 'Primary segmentation' },
    description: {
      ko: '영상의학과 전문의가 축상 단면마다 병변 경계를 그려 3차원 마스크를 만듭니다.',
      en: 'A board-certified radiologist outlines each lesion slice by slice to build a 3D mask.',
    },
  },
  {
    name: { ko: '독립 2차 판독', en: 'Independent second read' },
    description: {
      ko: '다른 전문의가 1차 결과를 보지 않고 독립적으로 분할합니다.',
      en: 'A second radiologist segments the same study without seeing the first result.',
    },
  },
  {
    name: { ko: '전수 검수', en: 'Full inspection' },
    description: {
      ko: '외부 검수 기관이 모든 증례의 두 마스크 간 Dice(F1)와 IoU를 계산하고 기준 미달 증례를 반려합니다.',
      en: 'An external reviewer computes Dice (F1) and IoU between the two masks for every case and returns failing cases.',
    },
  },
];

const ctStepsV2: ProcedureStep[] = [
  ctStepsV1[0],
  ctStepsV1[1],
  ctStepsV1[2],
  {
    name: { ko: '불일치 조정', en: 'Adjudication' },
    description: {
      ko: 'Dice가 0.8 미만이거나 악성도 점수가 2단계 이상 차이 나면 흉부영상 세부전문의가 최종 마스크와 점수를 확정합니다.',
      en: 'When Dice falls below 0.8 or malignancy scores differ by two or more levels, a thoracic sub-specialist sets the final mask and score.',
    },
  },
  {
    name: { ko: '전수 검수', en: 'Full inspection' },
    description: {
      ko: '외부 검수 기관이 모든 증례에 대해 Dice(F1), IoU, 악성도 점수의 Cohen κ를 산출합니다.',
      en: "An external reviewer reports Dice (F1), IoU and Cohen's kappa of the malignancy scores for every case.",
    },
  },
];

const ctSegmentation: SeedProcedure = {
  slug: 'ct-lesion-segmentation',
  providerSlug: 'saebit-medical-ai-center',
  versions: [
    {
      version: 1,
      status: 'superseded',
      title: { ko: '흉부 CT 병변 분할 절차', en: 'Chest CT lesion segmentation' },
      taskType: 'segmentation',
      modalities: ['image'],
      labelSchema: {
        classes: ctClassesV1,
        attributes: [{ code: 'diameter_mm', name: { ko: '장경(mm)', en: 'Long-axis diameter (mm)' }, type: 'number' }],
      },
      guideline: {
        summary: {
          ko: '흉부 CT에서 폐결절과 종괴를 전문의 2인이 독립적으로 분할하고, 모든 증례를 외부에서 검수합니다.',
          en: 'Two radiologists independently segment lung nodules and masses on chest CT; every case is externally inspected.',
        },
      },
      workforce: {
        type: 'expert',
        annotatorsPerItem: 2,
        qualification: {
          ko: '영상의학과 전문의 (판독 경력 5년 이상)',
          en: 'Board-certified radiologists with at least 5 years of reading experience',
        },
      },
      tools: ['3D Slicer', 'MedSeg Studio (in-house)'],
      steps: ctStepsV1,
      qa: {
        inspection: 'full',
        verifiedBy: 'third_party',
        targets: [
          { metric: 'f1', target: 0.8, direction: 'higher_better' },
          { metric: 'iou', target: 0.7, direction: 'higher_better' },
        ],
      },
    },
    {
      version: 2,
      status: 'active',
      title: { ko: '흉부 CT 병변 분할 절차 (조정 판독 포함)', en: 'Chest CT lesion segmentation with adjudication' },
      taskType: 'segmentation',
      modalities: ['image'],
      labelSchema: {
        classes: ctClassesV2,
        attributes: [
          { code: 'diameter_mm', name: { ko: '장경(mm)', en: 'Long-axis diameter (mm)' }, type: 'number' },
          {
            code: 'malignancy_score',
            name: { ko: '악성도 점수', en: 'Malignancy score' },
            type: 'enum',
            values: ['1', '2', '3', '4', '5'],
          },
          { code: 'part_solid', name: { ko: '부분 고형 여부', en: 'Part-solid' }, type: 'boolean' },
        ],
      },
      guideline: {
        summary: {
          ko: '간유리 결절 클래스와 악성도 점수를 추가하고, 세부전문의 조정 판독으로 Dice 목표를 0.85로 높였습니다.',
          en: 'Adds ground-glass nodules and a malignancy score; sub-specialist adjudication raises the Dice target to 0.85.',
        },
      },
      workforce: {
        type: 'expert',
        annotatorsPerItem: 3,
        qualification: {
          ko: '영상의학과 전문의 2인과 흉부영상 세부전문의 1인',
          en: 'Two board-certified radiologists plus one thoracic imaging sub-specialist',
        },
      },
      tools: ['3D Slicer', 'MedSeg Studio 2 (in-house)'],
      steps: ctStepsV2,
      qa: {
        inspection: 'full',
        verifiedBy: 'third_party',
        targets: [
          { metric: 'f1', target: 0.85, direction: 'higher_better' },
          { metric: 'iou', target: 0.75, direction: 'higher_better' },
          { metric: 'cohen_kappa', target: 0.7, direction: 'higher_better' },
        ],
      },
    },
  ],
};

// ---------------------------------------------------------------------------------------------
// 5. Korean–English parallel text translation QA
// ---------------------------------------------------------------------------------------------

const mtClassesV1: LabelClass[] = [
  { code: 'accept', name: { ko: '적합', en: 'Accept' } },
  { code: 'minor_edit', name: { ko: '경미한 수정', en: 'Minor edit' } },
  { code: 'reject', name: { ko: '부적합', en: 'Reject' } },
];

const mtClassesV2: LabelClass[] = [
  mtClassesV1[0],
  mtClassesV1[1],
  {
    code: 'major_edit',
    name: { ko: '대폭 수정', en: 'Major edit' },
    description: {
      ko: '의미는 대체로 맞지만 용어 오류나 누락이 있어 문장 절반 이상을 고쳐야 하는 경우입니다.',
      en: 'Meaning mostly preserved, but terminology errors or omissions require rewriting half the sentence or more.',
    },
  },
  mtClassesV1[2],
];

const mtStepsV1: ProcedureStep[] = [
  {
    name: { ko: '문장 정렬', en: 'Sentence alignment' },
    description: {
      ko: '원문과 번역문을 문장 단위로 자동 정렬(Gyeol Align)하고, 1:N 정렬은 작업자가 나누거나 합칩니다.',
      en: 'Source and target are sentence-aligned with Gyeol Align; one-to-many alignments are split or merged by hand.',
    },
  },
  {
    name: { ko: '번역 및 후편집', en: 'Translation and post-editing' },
    description: {
      ko: '전문 번역가가 기계번역 초안을 후편집하거나 직접 번역합니다.',
      en: 'Professional translators post-edit machine-translation drafts or translate from scratch.',
    },
  },
  {
    name: { ko: '2인 적합성 평가', en: 'Two-rater adequacy rating' },
    description: {
      ko: '평가자 두 명이 문장 쌍마다 적합성 등급을 매기고, 일치율을 계산합니다.',
      en: 'Two raters grade every pair for adequacy and their percent agreement is computed.',
    },
  },
];

const mtStepsV2: ProcedureStep[] = [
  mtStepsV1[0],
  mtStepsV1[1],
  {
    name: { ko: '용어집 대조', en: 'Terminology check' },
    description: {
      ko: '분야별 한영 용어집과 자동 대조해 표준 용어에서 벗어난 번역을 표시합니다.',
      en: 'Translations are matched against domain ko–en termbases and deviations from standard terms are flagged.',
    },
  },
  mtStepsV1[2],
  {
    name: { ko: '표본 BLEU 측정', en: 'Sample BLEU measurement' },
    description: {
      ko: '10% 표본에 대해 기준 번역 대비 BLEU를 측정해 공개합니다.',
      en: 'BLEU against reference translations is measured on a 10% sample and published.',
    },
  },
];

const translationQa: SeedProcedure = {
  slug: 'ko-en-translation-qa',
  providerSlug: 'hanbit-ai-institute',
  versions: [
    {
      version: 1,
      status: 'superseded',
      title: { ko: '한영 병렬 말뭉치 번역 품질 검증 절차', en: 'Korean–English parallel corpus translation QA' },
      taskType: 'translation',
      modalities: ['text'],
      labelSchema: { classes: mtClassesV1 },
      guideline: {
        summary: {
          ko: '정렬된 한영 문장 쌍을 전문 번역가가 후편집하고, 두 평가자가 적합성을 등급으로 평가합니다.',
          en: 'Professional translators post-edit aligned ko–en pairs; two raters grade adequacy.',
        },
      },
      workforce: {
        type: 'vendor',
        annotatorsPerItem: 2,
        qualification: {
          ko: '통번역대학원 졸업 또는 번역 경력 3년 이상',
          en: 'Graduate degree in interpretation/translation or 3+ years of professional translation',
        },
      },
      tools: ['Label Studio', 'Gyeol Align (in-house)'],
      steps: mtStepsV1,
      qa: {
        inspection: 'sampling',
        samplingRate: 0.05,
        verifiedBy: 'third_party',
        targets: [
          { metric: 'bleu', target: 0.3, direction: 'higher_better' },
          { metric: 'percent_agreement', target: 0.9, direction: 'higher_better' },
        ],
      },
    },
    {
      version: 2,
      status: 'active',
      title: { ko: '한영 병렬 말뭉치 번역 품질 검증 절차', en: 'Korean–English parallel corpus translation QA' },
      taskType: 'translation',
      modalities: ['text'],
      labelSchema: {
        classes: mtClassesV2,
        attributes: [
          {
            code: 'domain',
            name: { ko: '분야', en: 'Domain' },
            type: 'enum',
            values: ['science_tech', 'patent', 'news', 'daily_life', 'government'],
          },
        ],
      },
      guideline: {
        summary: {
          ko: '대폭 수정 등급과 용어집 대조 단계를 추가하고, 표본 비율을 10%로, 일치율 목표를 92%로 올렸습니다.',
          en: 'Adds a major-edit grade and a terminology check; sampling rises to 10% and the agreement target to 92%.',
        },
      },
      workforce: {
        type: 'vendor',
        annotatorsPerItem: 2,
        qualification: {
          ko: '통번역대학원 졸업 또는 번역 경력 3년 이상, 분야 용어 교육 이수',
          en: 'Translation degree or 3+ years of experience, plus domain terminology training',
        },
      },
      tools: ['Label Studio', 'Gyeol Align (in-house)', 'TermBase Checker (in-house)'],
      steps: mtStepsV2,
      qa: {
        inspection: 'sampling',
        samplingRate: 0.1,
        verifiedBy: 'third_party',
        targets: [
          { metric: 'bleu', target: 0.35, direction: 'higher_better' },
          { metric: 'percent_agreement', target: 0.92, direction: 'higher_better' },
        ],
      },
    },
  ],
};

// ---------------------------------------------------------------------------------------------
// 6. Manufacturing sensor anomaly labeling
// ---------------------------------------------------------------------------------------------

const mfgClassesV1: LabelClass[] = [
  { code: 'normal', name: { ko: '정상', en: 'Normal' } },
  { code: 'anomaly', name: { ko: '이상', en: 'Anomaly' } },
];

const mfgClassesV2: LabelClass[] = [
  mfgClassesV1[0],
  {
    code: 'pre_failure',
    name: { ko: '고장 전조', en: 'Pre-failure' },
    description: {
      ko: '정비 이력상 고장 발생 72시간 이내에 나타난 진동·온도 변화 구간입니다.',
      en: 'Vibration or temperature drift within 72 hours before a failure recorded in the maintenance log.',
    },
  },
  { code: 'failure', name: { ko: '고장', en: 'Failure' } },
  {
    code: 'maintenance',
    name: { ko: '정비 구간', en: 'Maintenance window' },
    description: {
      ko: '계획 정비로 설비가 멈춘 구간으로, 이상으로 판정하지 않습니다.',
      en: 'Planned downtime; never labelled as anomalous.',
    },
  },
];

const mfgStepsV1: ProcedureStep[] = [
  {
    name: { ko: '데이터 정제', en: 'Data cleaning' },
    description: {
      ko: '센서 결측과 시각 불일치를 보정하고 1초 간격으로 재표본화합니다.',
      en: 'Sensor gaps and clock skew are corrected and signals are resampled to 1 s.',
    },
  },
  {
    name: { ko: '2인 독립 라벨링', en: 'Independent double labeling' },
    description: {
      ko: '설비 엔지니어 두 명이 각자 시계열 구간에 정상·이상 라벨을 붙입니다.',
      en: 'Two equipment engineers label time-series windows as normal or anomalous independently.',
    },
  },
  {
    name: { ko: '표본 검수', en: 'Sample inspection' },
    description: {
      ko: '20% 표본에서 두 작업자 간 Cohen κ와 기준 라벨 대비 F1을 계산합니다.',
      en: "Cohen's kappa between the two engineers and F1 against reference labels are computed on a 20% sample.",
    },
  },
];

const mfgStepsV2: ProcedureStep[] = [
  mfgStepsV1[0],
  {
    name: { ko: '정비 이력 대조', en: 'Maintenance log matching' },
    description: {
      ko: 'MES 정비 이력과 알람 기록을 시계열에 겹쳐 고장·정비 구간 후보를 자동 생성합니다.',
      en: 'MES maintenance and alarm records are overlaid on the signals to propose failure and maintenance windows.',
    },
  },
  mfgStepsV1[1],
  {
    name: { ko: '불일치 조정', en: 'Adjudication' },
    description: {
      ko: '두 라벨이 다른 구간은 설비 책임자가 정비 보고서를 확인해 확정합니다.',
      en: 'Windows where the labels disagree are settled by the line supervisor using maintenance reports.',
    },
  },
  {
    name: { ko: '제3자 표본 검수', en: 'Third-party sample inspection' },
    description: {
      ko: '외부 검수 기관이 30% 표본에서 F1과 Cohen κ를 검증합니다.',
      en: "An external reviewer verifies F1 and Cohen's kappa on a 30% sample.",
    },
  },
];

const mfgAnomaly: SeedProcedure = {
  slug: 'manufacturing-sensor-anomaly',
  providerSlug: 'daon-smart-factory',
  versions: [
    {
      version: 1,
      status: 'superseded',
      title: { ko: '제조 설비 센서 이상 구간 라벨링 절차', en: 'Manufacturing sensor anomaly labeling' },
      taskType: 'anomaly_detection',
      modalities: ['sensor', 'timeseries'],
      labelSchema: { classes: mfgClassesV1 },
      guideline: {
        summary: {
          ko: '설비 센서 시계열을 구간별로 정상과 이상으로 나누어 두 엔지니어가 독립적으로 라벨링합니다.',
          en: 'Two engineers independently mark equipment sensor windows as normal or anomalous.',
        },
      },
      workforce: {
        type: 'expert',
        annotatorsPerItem: 2,
        qualification: {
          ko: '해당 설비 운용 경력 3년 이상 엔지니어',
          en: 'Engineers with 3+ years operating the equipment',
        },
      },
      tools: ['Label Studio', 'Daon TimeLens (in-house)'],
      steps: mfgStepsV1,
      qa: {
        inspection: 'sampling',
        samplingRate: 0.2,
        verifiedBy: 'self',
        targets: [
          { metric: 'f1', target: 0.8, direction: 'higher_better' },
          { metric: 'cohen_kappa', target: 0.7, direction: 'higher_better' },
        ],
      },
    },
    {
      version: 2,
      status: 'active',
      title: {
        ko: '제조 설비 센서 이상·고장 전조 라벨링 절차',
        en: 'Manufacturing sensor anomaly and pre-failure labeling',
      },
      taskType: 'anomaly_detection',
      modalities: ['sensor', 'timeseries'],
      labelSchema: {
        classes: mfgClassesV2,
        attributes: [
          {
            code: 'failure_mode',
            name: { ko: '고장 유형', en: 'Failure mode' },
            type: 'enum',
            values: ['bearing_wear', 'misalignment', 'overheating', 'leak', 'electrical', 'other'],
          },
        ],
      },
      guideline: {
        summary: {
          ko: '고장 전조·고장·정비 구간을 구분하고 정비 이력 대조와 불일치 조정을 도입해 F1 목표를 0.85로 높였습니다.',
          en: 'Separates pre-failure, failure and maintenance windows, adds log matching and adjudication, and raises the F1 target to 0.85.',
        },
      },
      workforce: {
        type: 'expert',
        annotatorsPerItem: 2,
        qualification: {
          ko: '해당 설비 운용 경력 3년 이상 엔지니어, 조정은 설비 책임자',
          en: 'Engineers with 3+ years on the equipment; adjudication by the line supervisor',
        },
      },
      tools: ['Label Studio', 'Daon TimeLens 2 (in-house)'],
      steps: mfgStepsV2,
      qa: {
        inspection: 'sampling',
        samplingRate: 0.3,
        verifiedBy: 'third_party',
        targets: [
          { metric: 'f1', target: 0.85, direction: 'higher_better' },
          { metric: 'cohen_kappa', target: 0.75, direction: 'higher_better' },
        ],
      },
    },
  ],
};

// ---------------------------------------------------------------------------------------------
// 7. Korean text sentiment and named-entity annotation
// ---------------------------------------------------------------------------------------------

const sentimentClassesV1: LabelClass[] = [
  { code: 'positive', name: { ko: '긍정', en: 'Positive' } },
  { code: 'negative', name: { ko: '부정', en: 'Negative' } },
  { code: 'neutral', name: { ko: '중립', en: 'Neutral' } },
];

const sentimentClassesV2: LabelClass[] = [
  ...sentimentClassesV1,
  {
    code: 'mixed',
    name: { ko: '복합', en: 'Mixed' },
    description: {
      ko: '한 문장 안에 긍정과 부정이 함께 드러나는 경우입니다. 예: "배송은 빨랐는데 포장이 엉망이었어요."',
      en: 'Both positive and negative opinions in one sentence, e.g. "Delivery was fast but the packaging was a mess."',
    },
  },
];

const sentimentStepsV1: ProcedureStep[] = [
  {
    name: { ko: '개인정보 마스킹', en: 'Personal data masking' },
    description: {
      ko: '이름, 전화번호, 주소, 계정명 등을 규칙과 개체명 모델로 찾아 #이름#, #전화번호# 같은 자리표시자로 바꿉니다.',
      en: 'Names, phone numbers, addresses and handles are detected by rules and an NER model and replaced with placeholders such as #NAME#.',
    },
  },
  {
    name: { ko: '3인 감성 라벨링', en: 'Three-way sentiment labeling' },
    description: {
      ko: '작업자 세 명이 문장마다 감성 극성을 독립적으로 고르고, 다수결로 최종 라벨을 정합니다.',
      en: 'Three annotators choose the polarity of each sentence independently; the majority vote is final.',
    },
  },
  {
    name: { ko: '일치도 점검', en: 'Agreement check' },
    description: {
      ko: '묶음마다 Fleiss κ를 계산해 기준 미달이면 지침을 보완하고 다시 작업합니다.',
      en: "Fleiss' kappa is computed per batch; batches below the target trigger guideline fixes and relabeling.",
    },
  },
];

const sentimentStepsV2: ProcedureStep[] = [
  sentimentStepsV1[0],
  sentimentStepsV1[1],
  {
    name: { ko: '개체명 태깅', en: 'Named-entity tagging' },
    description: {
      ko: '인명, 기관명, 지명, 상품명, 날짜 개체를 글자 단위 구간으로 표시합니다. 조사는 개체에 포함하지 않습니다.',
      en: 'Person, organisation, location, product and date entities are marked as character spans, excluding trailing particles.',
    },
  },
  sentimentStepsV1[2],
  {
    name: { ko: '골드셋 검수', en: 'Gold-set review' },
    description: {
      ko: '검수자가 만든 골드셋 1,000문장과 비교해 개체명 F1을 측정합니다.',
      en: 'Entity F1 is measured against a 1,000-sentence gold set built by reviewers.',
    },
  },
];

const sentimentNer: SeedProcedure = {
  slug: 'korean-sentiment-ner',
  providerSlug: 'hanbit-ai-institute',
  versions: [
    {
      version: 1,
      status: 'superseded',
      title: { ko: '한국어 텍스트 감성 라벨링 절차', en: 'Korean text sentiment labeling' },
      taskType: 'sentiment_analysis',
      modalities: ['text'],
      labelSchema: { classes: sentimentClassesV1 },
      guideline: {
        summary: {
          ko: '문장 단위로 긍정·부정·중립을 세 명이 독립적으로 라벨링하고 다수결로 확정합니다.',
          en: 'Three annotators label each sentence positive, negative or neutral; the majority label is kept.',
        },
      },
      workforce: {
        type: 'crowd',
        annotatorsPerItem: 3,
        qualification: {
          ko: '한국어 원어민, 예비 과제 정답률 85% 이상',
          en: 'Native Korean speakers with 85%+ on a qualification task',
        },
      },
      tools: ['Label Studio'],
      steps: sentimentStepsV1,
      qa: {
        inspection: 'sampling',
        samplingRate: 0.1,
        verifiedBy: 'self',
        targets: [{ metric: 'fleiss_kappa', target: 0.65, direction: 'higher_better' }],
      },
    },
    {
      version: 2,
      status: 'active',
      title: { ko: '한국어 텍스트 감성·개체명 라벨링 절차', en: 'Korean text sentiment and named-entity labeling' },
      taskType: 'sentiment_analysis',
      modalities: ['text'],
      labelSchema: {
        classes: sentimentClassesV2,
        attributes: [
          {
            code: 'entity_type',
            name: { ko: '개체명 유형', en: 'Entity type' },
            type: 'enum',
            values: ['PER', 'ORG', 'LOC', 'PRODUCT', 'DATE'],
          },
        ],
      },
      guideline: {
        summary: {
          ko: '복합 감성 클래스와 개체명 태깅을 추가하고, 골드셋 기반 F1 검수를 도입했습니다.',
          en: 'Adds a mixed-sentiment class and named-entity tagging, checked against a gold set for F1.',
        },
      },
      workforce: {
        type: 'crowd',
        annotatorsPerItem: 3,
        qualification: {
          ko: '한국어 원어민, 예비 과제 정답률 90% 이상 및 개체명 교육 이수',
          en: 'Native Korean speakers with 90%+ on a qualification task and NER training',
        },
      },
      tools: ['Label Studio', 'Doccano'],
      steps: sentimentStepsV2,
      qa: {
        inspection: 'sampling',
        samplingRate: 0.1,
        verifiedBy: 'third_party',
        targets: [
          { metric: 'fleiss_kappa', target: 0.7, direction: 'higher_better' },
          { metric: 'f1', target: 0.85, direction: 'higher_better' },
        ],
      },
    },
  ],
};

export const procedures: SeedProcedure[] = [
  speechTranscription,
  financialOcr,
  trafficDetection,
  ctSegmentation,
  translationQa,
  mfgAnomaly,
  sentimentNer,
];

/** Look up one version of a procedure by slug (undefined when absent). */
export function findProcedureVersion(slug: string, version: number) {
  return procedures.find((p) => p.slug === slug)?.versions.find((v) => v.version === version);
}
