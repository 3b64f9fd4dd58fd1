// Every enumeration of the product: stable ASCII codes with their Korean and English labels.
// Schemas derive their `enum`s from the code tuples below, so a code exists in exactly one place.
// This module is shared with the browser client: it must not import node or server code.

/** A label in both languages of the product. */
export interface Bilingual {
  readonly ko: string;
  readonly en: string;
}

/** One entry of an enumeration. */
export interface TaxonomyItem {
  readonly code: string;
  readonly label: Bilingual;
}

type CodesOf<T extends readonly TaxonomyItem[]> = {
  readonly [K in keyof T]: T[K] extends { readonly code: infer C } ? C : never;
};

/** The code tuple of an enumeration, typed as a literal tuple so schemas can use it as `enum`. */
export function codesOf<const T extends readonly TaxonomyItem[]>(items: T): CodesOf<T> {
  return items.map((item) => item.code) as unknown as CodesOf<T>;
}

export const LOCALES = [
  { code: 'ko', label: { ko: '한국어', en: 'Korean' } },
  { code: 'en', label: { ko: '영어', en: 'English' } },
] as const satisfies readonly TaxonomyItem[];
export const LOCALE_CODES = codesOf(LOCALES);
export type Locale = (typeof LOCALE_CODES)[number];

export const MODALITIES = [
  { code: 'text', label: { ko: '텍스트', en: 'Text' } },
  { code: 'speech', label: { ko: '음성', en: 'Speech' } },
  { code: 'audio', label: { ko: '오디오', en: 'Audio' } },
  { code: 'image', label: { ko: '이미지', en: 'Image' } },
  { code: 'video', label: { ko: '동영상', en: 'Video' } },
  { code: 'tabular', label: { ko: '정형 데이터', en: 'Tabular' } },
  { code: 'timeseries', label: { ko: '시계열', en: 'Time series' } },
  { code: 'geospatial', label: { ko: '공간정보', en: 'Geospatial' } },
  { code: 'sensor', label: { ko: '센서', en: 'Sensor' } },
  { code: 'multimodal', label: { ko: '멀티모달', en: 'Multimodal' } },
] as const satisfies readonly TaxonomyItem[];
export const MODALITY_CODES = codesOf(MODALITIES);
export type Modality = (typeof MODALITY_CODES)[number];

export const TASKS = [
  { code: 'asr', label: { ko: '음성 인식', en: 'Speech recognition' } },
  { code: 'tts', label: { ko: '음성 합성', en: 'Speech synthesis' } },
  { code: 'ocr', label: { ko: '문자 인식(OCR)', en: 'Optical character recognition' } },
  { code: 'object_detection', label: { ko: '객체 탐지', en: 'Object detection' } },
  { code: 'segmentation', label: { ko: '영역 분할', en: 'Segmentation' } },
  { code: 'classification', label: { ko: '분류', en: 'Classification' } },
  { code: 'translation', label: { ko: '기계 번역', en: 'Machine translation' } },
  { code: 'qa', label: { ko: '질의응답', en: 'Question answering' } },
  { code: 'ner', label: { ko: '개체명 인식', en: 'Named entity recognition' } },
  { code: 'summarization', label: { ko: '요약', en: 'Summarization' } },
  { code: 'generation', label: { ko: '생성', en: 'Generation' } },
  { code: 'forecasting', label: { ko: '예측', en: 'Forecasting' } },
  { code: 'anomaly_detection', label: { ko: '이상 탐지', en: 'Anomaly detection' } },
  { code: 'pose_estimation', label: { ko: '자세 추정', en: 'Pose estimation' } },
  { code: 'tracking', label: { ko: '객체 추적', en: 'Object tracking' } },
  { code: 'speaker_identification', label: { ko: '화자 식별', en: 'Speaker identification' } },
  { code: 'sentiment_analysis', label: { ko: '감성 분석', en: 'Sentiment analysis' } },
  { code: 'retrieval', label: { ko: '정보 검색', en: 'Retrieval' } },
  { code: 'captioning', label: { ko: '캡션 생성', en: 'Captioning' } },
  { code: 'vqa', label: { ko: '시각 질의응답', en: 'Visual question answering' } },
] as const satisfies readonly TaxonomyItem[];
export const TASK_CODES = codesOf(TASKS);
export type Task = (typeof TASK_CODES)[number];

export const DOMAINS = [
  { code: 'public_administration', label: { ko: '공공행정', en: 'Public administration' } },
  { code: 'healthcare', label: { ko: '보건의료', en: 'Healthcare' } },
  { code: 'mobility', label: { ko: '교통·모빌리티', en: 'Mobility' } },
  { code: 'manufacturing', label: { ko: '제조', en: 'Manufacturing' } },
  { code: 'finance', label: { ko: '금융', en: 'Finance' } },
  { code: 'education', label: { ko: '교육', en: 'Education' } },
  { code: 'culture', label: { ko: '문화·관광', en: 'Culture and tourism' } },
  { code: 'agriculture', label: { ko: '농림·축수산', en: 'Agriculture and fisheries' } },
  { code: 'environment', label: { ko: '환경', en: 'Environment' } },
  { code: 'safety', label: { ko: '재난·안전', en: 'Safety and disasters' } },
  { code: 'telecom', label: { ko: '정보통신', en: 'Telecommunications' } },
  { code: 'energy', label: { ko: '에너지', en: 'Energy' } },
  { code: 'language', label: { ko: '언어', en: 'Language' } },
  { code: 'science', label: { ko: '과학기술', en: 'Science and technology' } },
] as const satisfies readonly TaxonomyItem[];
export const DOMAIN_CODES = codesOf(DOMAINS);
export type Domain = (typeof DOMAIN_CODES)[number];

/** A licence with the facts the policy engine and the catalog need. */
export interface LicenseItem extends TaxonomyItem {
  readonly url: string | null;
  readonly family: 'kogl' | 'cc' | 'custom';
  /** false: non-commercial only; null: depends on the custom terms (`commercialUse`). */
  readonly commercial: boolean | null;
  /** false: no derivatives; null: depends on the custom terms. */
  readonly derivatives: boolean | null;
  readonly explanation: Bilingual;
}

// KOGL facts: RESEARCH.md (Copyright Act Art. 24-2). No KOGL type allows implying endorsement.
export const LICENSES = [
  {
    code: 'KOGL-0',
    label: { ko: '공공누리 제0유형 (자유이용)', en: 'KOGL Type 0 (Free use)' },
    url: 'https://www.kogl.or.kr/info/license.do',
    family: 'kogl',
    commercial: true,
    derivatives: true,
    explanation: {
      ko: '상업적 이용과 변경을 포함해 자유롭게 이용할 수 있습니다.',
      en: 'Free to use, including commercial use and modification.',
    },
  },
  {
    code: 'KOGL-1',
    label: { ko: '공공누리 제1유형 (출처표시)', en: 'KOGL Type 1 (Attribution)' },
    url: 'https://www.kogl.or.kr/info/licenseType1.do',
    family: 'kogl',
    commercial: true,
    derivatives: true,
    explanation: {
      ko: '출처를 표시하면 상업적 이용과 변경을 포함해 자유롭게 이용할 수 있습니다.',
      en: 'Free to use with attribution, including commercial use and modification.',
    },
  },
  {
    code: 'KOGL-2',
    label: {
      ko: '공공누리 제2유형 (출처표시+상업적 이용금지)',
      en: 'KOGL Type 2 (Attribution, non-commercial)',
    },
    url: 'https://www.kogl.or.kr/info/licenseType2.do',
    family: 'kogl',
    commercial: false,
    derivatives: true,
    explanation: {
      ko: '출처를 표시하고 비상업적 목적으로만 이용할 수 있습니다. 변경은 허용됩니다.',
      en: 'Use with attribution for non-commercial purposes only. Modification is allowed.',
    },
  },
  {
    code: 'KOGL-3',
    label: {
      ko: '공공누리 제3유형 (출처표시+변경금지)',
      en: 'KOGL Type 3 (Attribution, no derivatives)',
    },
    url: 'https://www.kogl.or.kr/info/licenseType3.do',
    family: 'kogl',
    commercial: true,
    derivatives: false,
    explanation: {
      ko: '출처를 표시하면 상업적으로도 이용할 수 있지만 내용을 변경할 수 없습니다.',
      en: 'Use with attribution, commercial use included, but without modification.',
    },
  },
  {
    code: 'KOGL-4',
    label: {
      ko: '공공누리 제4유형 (출처표시+상업적 이용금지+변경금지)',
      en: 'KOGL Type 4 (Attribution, non-commercial, no derivatives)',
    },
    url: 'https://www.kogl.or.kr/info/licenseType4.do',
    family: 'kogl',
    commercial: false,
    derivatives: false,
    explanation: {
      ko: '출처를 표시하고 비상업적 목적으로만, 변경 없이 이용할 수 있습니다.',
      en: 'Use with attribution, for non-commercial purposes only and without modification.',
    },
  },
  {
    code: 'CC0-1.0',
    label: { ko: 'CC0 1.0 (퍼블릭 도메인)', en: 'CC0 1.0 (Public domain dedication)' },
    url: 'https://creativecommons.org/publicdomain/zero/1.0/',
    family: 'cc',
    commercial: true,
    derivatives: true,
    explanation: {
      ko: '저작권을 포기한 자료로, 조건 없이 자유롭게 이용할 수 있습니다.',
      en: 'Rights waived: free to use for any purpose without conditions.',
    },
  },
  {
    code: 'CC-BY-4.0',
    label: { ko: 'CC BY 4.0 (저작자표시)', en: 'CC BY 4.0 (Attribution)' },
    url: 'https://creativecommons.org/licenses/by/4.0/',
    family: 'cc',
    commercial: true,
    derivatives: true,
    explanation: {
      ko: '저작자를 표시하면 상업적 이용과 변경을 포함해 자유롭게 이용할 수 있습니다.',
      en: 'Free to use with attribution, including commercial use and modification.',
    },
  },
  {
    code: 'CC-BY-SA-4.0',
    label: { ko: 'CC BY-SA 4.0 (저작자표시-동일조건변경허락)', en: 'CC BY-SA 4.0 (Attribution-ShareAlike)' },
    url: 'https://creativecommons.org/licenses/by-sa/4.0/',
    family: 'cc',
    commercial: true,
    derivatives: true,
    explanation: {
      ko: '저작자를 표시하면 상업적으로도 이용할 수 있으며, 변경한 자료는 같은 라이선스로 공유해야 합니다.',
      en: 'Use with attribution, commercial use included; modified versions must be shared under the same licence.',
    },
  },
  {
    code: 'CC-BY-ND-4.0',
    label: { ko: 'CC BY-ND 4.0 (저작자표시-변경금지)', en: 'CC BY-ND 4.0 (Attribution-NoDerivatives)' },
    url: 'https://creativecommons.org/licenses/by-nd/4.0/',
    family: 'cc',
    commercial: true,
    derivatives: false,
    explanation: {
      ko: '저작자를 표시하면 상업적으로도 이용할 수 있지만 변경한 자료를 배포할 수 없습니다.',
      en: 'Use with attribution, commercial use included, but modified versions may not be distributed.',
    },
  },
  {
    code: 'CC-BY-NC-4.0',
    label: { ko: 'CC BY-NC 4.0 (저작자표시-비영리)', en: 'CC BY-NC 4.0 (Attribution-NonCommercial)' },
    url: 'https://creativecommons.org/licenses/by-nc/4.0/',
    family: 'cc',
    commercial: false,
    derivatives: true,
    explanation: {
      ko: '저작자를 표시하고 비영리 목적으로만 이용할 수 있습니다. 변경은 허용됩니다.',
      en: 'Use with attribution for non-commercial purposes only. Modification is allowed.',
    },
  },
  {
    code: 'CC-BY-NC-SA-4.0',
    label: {
      ko: 'CC BY-NC-SA 4.0 (저작자표시-비영리-동일조건변경허락)',
      en: 'CC BY-NC-SA 4.0 (Attribution-NonCommercial-ShareAlike)',
    },
    url: 'https://creativecommons.org/licenses/by-nc-sa/4.0/',
    family: 'cc',
    commercial: false,
    derivatives: true,
    explanation: {
      ko: '저작자를 표시하고 비영리 목적으로만 이용하며, 변경한 자료는 같은 라이선스로 공유해야 합니다.',
      en: 'Use with attribution for non-commercial purposes only; modified versions must be shared under the same licence.',
    },
  },
  {
    code: 'CC-BY-NC-ND-4.0',
    label: {
      ko: 'CC BY-NC-ND 4.0 (저작자표시-비영리-변경금지)',
      en: 'CC BY-NC-ND 4.0 (Attribution-NonCommercial-NoDerivatives)',
    },
    url: 'https://creativecommons.org/licenses/by-nc-nd/4.0/',
    family: 'cc',
    commercial: false,
    derivatives: false,
    explanation: {
      ko: '저작자를 표시하고 비영리 목적으로만, 변경 없이 이용할 수 있습니다.',
      en: 'Use with attribution, for non-commercial purposes only and without modification.',
    },
  },
  {
    code: 'custom',
    label: { ko: '별도 이용조건', en: 'Custom terms' },
    url: null,
    family: 'custom',
    commercial: null,
    derivatives: null,
    explanation: {
      ko: '제공기관이 정한 별도 이용조건을 따릅니다. 상업적 이용 가능 여부는 데이터셋마다 다릅니다.',
      en: "The provider's own terms apply. Whether commercial use is allowed is stated per dataset.",
    },
  },
] as const satisfies readonly LicenseItem[];
export const LICENSE_CODES = codesOf(LICENSES);
export type LicenseId = (typeof LICENSE_CODES)[number];

/** True when the licence forbids commercial use (docs/design.md §3): KOGL-2, KOGL-4, CC-BY-NC-*, or custom terms with `commercialUse: false`. */
export function isNonCommercial(license: { id: string; commercialUse?: boolean }): boolean {
  if (license.id === 'custom') return license.commercialUse === false;
  const item = LICENSES.find((l) => l.code === license.id);
  return item?.commercial === false;
}

export const KR_TECHNOLOGIES = [
  { code: 'semiconductors_displays', label: { ko: '반도체·디스플레이', en: 'Semiconductors & Displays' } },
  { code: 'secondary_batteries', label: { ko: '이차전지', en: 'Secondary Batteries' } },
  { code: 'advanced_mobility', label: { ko: '첨단 모빌리티', en: 'Advanced Mobility' } },
  { code: 'next_gen_nuclear', label: { ko: '차세대 원자력', en: 'Next-Generation Nuclear' } },
  { code: 'advanced_biotech', label: { ko: '첨단 바이오', en: 'Advanced Biotechnology' } },
  { code: 'aerospace_marine', label: { ko: '우주항공·해양', en: 'Aerospace & Marine' } },
  { code: 'hydrogen', label: { ko: '수소', en: 'Hydrogen' } },
  { code: 'cybersecurity', label: { ko: '사이버보안', en: 'Cybersecurity' } },
  { code: 'artificial_intelligence', label: { ko: '인공지능', en: 'Artificial Intelligence' } },
  { code: 'next_gen_communications', label: { ko: '차세대 통신', en: 'Next-Generation Communications' } },
  {
    code: 'advanced_robotics_manufacturing',
    label: { ko: '첨단로봇·제조', en: 'Advanced Robotics & Manufacturing' },
  },
  { code: 'quantum', label: { ko: '양자', en: 'Quantum' } },
] as const satisfies readonly TaxonomyItem[];
export const KR_TECHNOLOGY_CODES = codesOf(KR_TECHNOLOGIES);
export type KrTechnology = (typeof KR_TECHNOLOGY_CODES)[number];

// NSTC Critical and Emerging Technologies List Update, February 2024.
export const US_CET_AREAS = [
  { code: 'advanced_computing', label: { ko: '첨단 컴퓨팅', en: 'Advanced Computing' } },
  {
    code: 'advanced_engineering_materials',
    label: { ko: '첨단 공학 소재', en: 'Advanced Engineering Materials' },
  },
  {
    code: 'advanced_gas_turbine_engines',
    label: { ko: '첨단 가스터빈 엔진 기술', en: 'Advanced Gas Turbine Engine Technologies' },
  },
  {
    code: 'advanced_sensing_signature_management',
    label: {
      ko: '첨단·네트워크 센싱 및 신호 관리',
      en: 'Advanced and Networked Sensing and Signature Management',
    },
  },
  { code: 'advanced_manufacturing', label: { ko: '첨단 제조', en: 'Advanced Manufacturing' } },
  { code: 'artificial_intelligence', label: { ko: '인공지능', en: 'Artificial Intelligence' } },
  { code: 'biotechnologies', label: { ko: '바이오기술', en: 'Biotechnologies' } },
  {
    code: 'clean_energy_generation_storage',
    label: { ko: '청정에너지 생산 및 저장', en: 'Clean Energy Generation and Storage' },
  },
  {
    code: 'data_privacy_security_cybersecurity',
    label: {
      ko: '데이터 프라이버시·데이터 보안·사이버보안 기술',
      en: 'Data Privacy, Data Security, and Cybersecurity Technologies',
    },
  },
  { code: 'directed_energy', label: { ko: '지향성 에너지', en: 'Directed Energy' } },
  {
    code: 'autonomous_uncrewed_systems_robotics',
    label: {
      ko: '고도 자동화·자율·무인 시스템 및 로봇',
      en: 'Highly Automated, Autonomous, and Uncrewed Systems, and Robotics',
    },
  },
  { code: 'human_machine_interfaces', label: { ko: '인간-기계 인터페이스', en: 'Human-Machine Interfaces' } },
  { code: 'hypersonics', label: { ko: '극초음속', en: 'Hypersonics' } },
  {
    code: 'integrated_communication_networking',
    label: {
      ko: '통합 통신·네트워킹 기술',
      en: 'Integrated Communication and Networking Technologies',
    },
  },
  {
    code: 'positioning_navigation_timing',
    label: {
      ko: '위치·항법·시각(PNT) 기술',
      en: 'Positioning, Navigation, and Timing Technologies',
    },
  },
  {
    code: 'quantum_information',
    label: { ko: '양자정보 및 기반 기술', en: 'Quantum Information and Enabling Technologies' },
  },
  {
    code: 'semiconductors_microelectronics',
    label: { ko: '반도체 및 마이크로전자', en: 'Semiconductors and Microelectronics' },
  },
  { code: 'space_technologies', label: { ko: '우주 기술 및 시스템', en: 'Space Technologies and Systems' } },
] as const satisfies readonly TaxonomyItem[];
export const US_CET_CODES = codesOf(US_CET_AREAS);
export type UsCetArea = (typeof US_CET_CODES)[number];

export const ORGANIZATION_TYPES = [
  { code: 'public_agency', label: { ko: '공공기관', en: 'Public agency' } },
  { code: 'research_institute', label: { ko: '연구기관', en: 'Research institute' } },
  { code: 'university', label: { ko: '대학', en: 'University' } },
  { code: 'company', label: { ko: '기업', en: 'Company' } },
  {
    code: 'ffrdc',
    label: { ko: '연방 지원 연구개발센터(FFRDC)', en: 'Federally funded R&D center (FFRDC)' },
  },
  { code: 'nonprofit', label: { ko: '비영리단체', en: 'Nonprofit organisation' } },
] as const satisfies readonly TaxonomyItem[];
export const ORGANIZATION_TYPE_CODES = codesOf(ORGANIZATION_TYPES);
export type OrganizationType = (typeof ORGANIZATION_TYPE_CODES)[number];

export const ROLES = [
  { code: 'provider', label: { ko: '데이터 제공자', en: 'Data provider' } },
  { code: 'researcher', label: { ko: '연구자', en: 'Researcher' } },
  { code: 'reviewer', label: { ko: '심사자', en: 'Reviewer' } },
  { code: 'admin', label: { ko: '관리자', en: 'Administrator' } },
] as const satisfies readonly TaxonomyItem[];
export const ROLE_CODES = codesOf(ROLES);
export type Role = (typeof ROLE_CODES)[number];

export const PURPOSES = [
  { code: 'research', label: { ko: '연구', en: 'Research' } },
  { code: 'education', label: { ko: '교육', en: 'Education' } },
  { code: 'public_interest', label: { ko: '공익', en: 'Public interest' } },
  { code: 'commercial', label: { ko: '상업적 이용', en: 'Commercial use' } },
] as const satisfies readonly TaxonomyItem[];
export const PURPOSE_CODES = codesOf(PURPOSES);
export type Purpose = (typeof PURPOSE_CODES)[number];

export const ACCESS_LEVELS = [
  { code: 'open', label: { ko: '공개', en: 'Open' } },
  { code: 'registered', label: { ko: '로그인 사용자', en: 'Registered users' } },
  { code: 'approval', label: { ko: '승인 후 이용', en: 'Approval required' } },
  { code: 'enclave', label: { ko: '안심구역 이용', en: 'Secure enclave only' } },
  { code: 'closed', label: { ko: '비공개', en: 'Closed' } },
] as const satisfies readonly TaxonomyItem[];
export const ACCESS_LEVEL_CODES = codesOf(ACCESS_LEVELS);
export type AccessLevel = (typeof ACCESS_LEVEL_CODES)[number];

export const SAMPLES_ACCESS = [
  { code: 'open', label: { ko: '누구나', en: 'Anyone' } },
  { code: 'registered', label: { ko: '로그인 사용자', en: 'Registered users' } },
  { code: 'same_as_data', label: { ko: '데이터와 동일', en: 'Same as the data' } },
] as const satisfies readonly TaxonomyItem[];
export const SAMPLES_ACCESS_CODES = codesOf(SAMPLES_ACCESS);
export type SamplesAccess = (typeof SAMPLES_ACCESS_CODES)[number];

export const CROSS_BORDER = [
  { code: 'allowed', label: { ko: '국외 이용 허용', en: 'Allowed outside Korea' } },
  {
    code: 'conditional',
    label: { ko: '조건부 허용(국외 반출 계약 필요)', en: 'Conditional (transfer agreement needed)' },
  },
  { code: 'prohibited', label: { ko: '국외 이용 금지', en: 'Prohibited outside Korea' } },
] as const satisfies readonly TaxonomyItem[];
export const CROSS_BORDER_CODES = codesOf(CROSS_BORDER);
export type CrossBorder = (typeof CROSS_BORDER_CODES)[number];

export const CLASSIFICATION_LEVELS = [
  { code: 'public', label: { ko: '공개', en: 'Public' } },
  { code: 'internal', label: { ko: '내부', en: 'Internal' } },
  { code: 'sensitive', label: { ko: '민감', en: 'Sensitive' } },
  { code: 'confidential', label: { ko: '기밀', en: 'Confidential' } },
] as const satisfies readonly TaxonomyItem[];
export const CLASSIFICATION_LEVEL_CODES = codesOf(CLASSIFICATION_LEVELS);
export type ClassificationLevel = (typeof CLASSIFICATION_LEVEL_CODES)[number];

export const PERSONAL_INFO = [
  { code: 'none', label: { ko: '개인정보 없음', en: 'No personal information' } },
  { code: 'anonymized', label: { ko: '익명정보', en: 'Anonymised' } },
  { code: 'pseudonymized', label: { ko: '가명정보', en: 'Pseudonymised' } },
  { code: 'identifiable', label: { ko: '식별 가능한 개인정보', en: 'Identifiable personal information' } },
] as const satisfies readonly TaxonomyItem[];
export const PERSONAL_INFO_CODES = codesOf(PERSONAL_INFO);
export type PersonalInfo = (typeof PERSONAL_INFO_CODES)[number];

// PIPA Art. 23 sensitive information, plus location and minors which carry their own statutes.
export const SENSITIVE_CATEGORIES = [
  { code: 'health', label: { ko: '건강', en: 'Health' } },
  { code: 'biometric', label: { ko: '생체인식정보', en: 'Biometric' } },
  { code: 'genetic', label: { ko: '유전정보', en: 'Genetic' } },
  { code: 'beliefs', label: { ko: '사상·신념', en: 'Beliefs and opinions' } },
  { code: 'criminal', label: { ko: '범죄경력', en: 'Criminal records' } },
  { code: 'location', label: { ko: '위치정보', en: 'Location' } },
  { code: 'minors', label: { ko: '아동·청소년', en: 'Minors' } },
] as const satisfies readonly TaxonomyItem[];
export const SENSITIVE_CATEGORY_CODES = codesOf(SENSITIVE_CATEGORIES);
export type SensitiveCategory = (typeof SENSITIVE_CATEGORY_CODES)[number];

export const EXPORT_CONTROL_REGIMES = [
  { code: 'kr_strategic', label: { ko: '전략물자(대외무역법)', en: 'Korean strategic items' } },
  { code: 'ear', label: { ko: '미국 수출관리규정(EAR)', en: 'US Export Administration Regulations (EAR)' } },
  { code: 'other', label: { ko: '기타', en: 'Other' } },
] as const satisfies readonly TaxonomyItem[];
export const EXPORT_CONTROL_REGIME_CODES = codesOf(EXPORT_CONTROL_REGIMES);
export type ExportControlRegime = (typeof EXPORT_CONTROL_REGIME_CODES)[number];

export const QA_DIRECTIONS = [
  { code: 'higher_better', label: { ko: '높을수록 좋음', en: 'Higher is better' } },
  { code: 'lower_better', label: { ko: '낮을수록 좋음', en: 'Lower is better' } },
] as const satisfies readonly TaxonomyItem[];
export const QA_DIRECTION_CODES = codesOf(QA_DIRECTIONS);
export type QaDirection = (typeof QA_DIRECTION_CODES)[number];

/** A QA metric with the direction a target for it normally takes. */
export interface QaMetricItem extends TaxonomyItem {
  readonly direction: QaDirection;
}

export const QA_METRICS = [
  { code: 'cohen_kappa', label: { ko: '코언 카파', en: "Cohen's kappa" }, direction: 'higher_better' },
  { code: 'fleiss_kappa', label: { ko: '플라이스 카파', en: "Fleiss' kappa" }, direction: 'higher_better' },
  {
    code: 'krippendorff_alpha',
    label: { ko: '크리펜도르프 알파', en: "Krippendorff's alpha" },
    direction: 'higher_better',
  },
  {
    code: 'percent_agreement',
    label: { ko: '일치율', en: 'Percent agreement' },
    direction: 'higher_better',
  },
  { code: 'accuracy', label: { ko: '정확도', en: 'Accuracy' }, direction: 'higher_better' },
  { code: 'f1', label: { ko: 'F1 점수', en: 'F1 score' }, direction: 'higher_better' },
  { code: 'iou', label: { ko: 'IoU(교집합/합집합)', en: 'Intersection over union' }, direction: 'higher_better' },
  { code: 'map50', label: { ko: 'mAP@0.5', en: 'mAP@0.5' }, direction: 'higher_better' },
  { code: 'map', label: { ko: 'mAP@0.5:0.95', en: 'mAP@0.5:0.95' }, direction: 'higher_better' },
  { code: 'wer', label: { ko: '단어 오류율(WER)', en: 'Word error rate' }, direction: 'lower_better' },
  { code: 'cer', label: { ko: '문자 오류율(CER)', en: 'Character error rate' }, direction: 'lower_better' },
  { code: 'bleu', label: { ko: 'BLEU', en: 'BLEU' }, direction: 'higher_better' },
  { code: 'rouge_l', label: { ko: 'ROUGE-L', en: 'ROUGE-L' }, direction: 'higher_better' },
] as const satisfies readonly QaMetricItem[];
export const QA_METRIC_CODES = codesOf(QA_METRICS);
export type QaMetric = (typeof QA_METRIC_CODES)[number];

export const WORKFORCE_TYPES = [
  { code: 'in_house', label: { ko: '자체 인력', en: 'In-house staff' } },
  { code: 'crowd', label: { ko: '크라우드소싱', en: 'Crowd workers' } },
  { code: 'vendor', label: { ko: '외부 위탁업체', en: 'Vendor' } },
  { code: 'expert', label: { ko: '전문가', en: 'Domain experts' } },
] as const satisfies readonly TaxonomyItem[];
export const WORKFORCE_TYPE_CODES = codesOf(WORKFORCE_TYPES);
export type WorkforceType = (typeof WORKFORCE_TYPE_CODES)[number];

export const INSPECTION_TYPES = [
  { code: 'full', label: { ko: '전수 검사', en: 'Full inspection' } },
  { code: 'sampling', label: { ko: '표본 검사', en: 'Sampling inspection' } },
] as const satisfies readonly TaxonomyItem[];
export const INSPECTION_CODES = codesOf(INSPECTION_TYPES);
export type Inspection = (typeof INSPECTION_CODES)[number];

export const VERIFIERS = [
  { code: 'self', label: { ko: '자체 검증', en: 'Self-verified' } },
  { code: 'third_party', label: { ko: '제3자 검증', en: 'Third-party verified' } },
  {
    code: 'tta',
    label: { ko: 'TTA(한국정보통신기술협회) 검증', en: 'Verified by TTA (Telecommunications Technology Association)' },
  },
] as const satisfies readonly TaxonomyItem[];
export const VERIFIED_BY_CODES = codesOf(VERIFIERS);
export type VerifiedBy = (typeof VERIFIED_BY_CODES)[number];

export const ARTIFACT_KINDS = [
  { code: 'data', label: { ko: '전체 데이터', en: 'Full data' } },
  { code: 'sample', label: { ko: '샘플 데이터', en: 'Sample' } },
  { code: 'guideline', label: { ko: '구축 가이드라인', en: 'Labeling guideline' } },
  { code: 'datacard', label: { ko: '데이터 카드', en: 'Data card' } },
  { code: 'schema', label: { ko: '데이터 스키마', en: 'Schema' } },
  { code: 'agreement', label: { ko: '이용 계약서', en: 'Agreement' } },
  { code: 'other', label: { ko: '기타', en: 'Other' } },
] as const satisfies readonly TaxonomyItem[];
export const ARTIFACT_KIND_CODES = codesOf(ARTIFACT_KINDS);
export type ArtifactKind = (typeof ARTIFACT_KIND_CODES)[number];

export const ARTIFACT_STATUSES = [
  { code: 'pending', label: { ko: '업로드 대기', en: 'Pending upload' } },
  { code: 'available', label: { ko: '이용 가능', en: 'Available' } },
  { code: 'rejected', label: { ko: '거부됨', en: 'Rejected' } },
] as const satisfies readonly TaxonomyItem[];
export const ARTIFACT_STATUS_CODES = codesOf(ARTIFACT_STATUSES);
export type ArtifactStatus = (typeof ARTIFACT_STATUS_CODES)[number];

export const DATASET_STATUSES = [
  { code: 'draft', label: { ko: '작성 중', en: 'Draft' } },
  { code: 'in_review', label: { ko: '심사 중', en: 'In review' } },
  { code: 'changes_requested', label: { ko: '보완 요청', en: 'Changes requested' } },
  { code: 'published', label: { ko: '공개됨', en: 'Published' } },
  { code: 'withdrawn', label: { ko: '철회됨', en: 'Withdrawn' } },
] as const satisfies readonly TaxonomyItem[];
export const DATASET_STATUS_CODES = codesOf(DATASET_STATUSES);
export type DatasetStatus = (typeof DATASET_STATUS_CODES)[number];

export const PROCEDURE_STATUSES = [
  { code: 'draft', label: { ko: '작성 중', en: 'Draft' } },
  { code: 'active', label: { ko: '활성', en: 'Active' } },
  { code: 'superseded', label: { ko: '대체됨', en: 'Superseded' } },
  { code: 'retired', label: { ko: '폐기됨', en: 'Retired' } },
] as const satisfies readonly TaxonomyItem[];
export const PROCEDURE_STATUS_CODES = codesOf(PROCEDURE_STATUSES);
export type ProcedureStatus = (typeof PROCEDURE_STATUS_CODES)[number];

export const REVIEW_ACTIONS = [
  { code: 'approve', label: { ko: '승인', en: 'Approve' } },
  { code: 'request_changes', label: { ko: '보완 요청', en: 'Request changes' } },
] as const satisfies readonly TaxonomyItem[];
export const REVIEW_ACTION_CODES = codesOf(REVIEW_ACTIONS);
export type ReviewAction = (typeof REVIEW_ACTION_CODES)[number];

export const ACCESS_SCOPES = [
  { code: 'metadata', label: { ko: '메타데이터', en: 'Metadata' } },
  { code: 'samples', label: { ko: '샘플 데이터', en: 'Samples' } },
  { code: 'full', label: { ko: '전체 데이터', en: 'Full data' } },
] as const satisfies readonly TaxonomyItem[];
export const ACCESS_SCOPE_CODES = codesOf(ACCESS_SCOPES);
export type AccessScope = (typeof ACCESS_SCOPE_CODES)[number];

export const ACCESS_REQUEST_STATUSES = [
  { code: 'submitted', label: { ko: '신청됨', en: 'Submitted' } },
  { code: 'under_review', label: { ko: '심사 중', en: 'Under review' } },
  { code: 'approved', label: { ko: '승인됨', en: 'Approved' } },
  { code: 'rejected', label: { ko: '거절됨', en: 'Rejected' } },
  { code: 'changes_requested', label: { ko: '보완 요청', en: 'Changes requested' } },
  { code: 'withdrawn', label: { ko: '철회됨', en: 'Withdrawn' } },
  { code: 'expired', label: { ko: '만료됨', en: 'Expired' } },
  { code: 'revoked', label: { ko: '취소됨', en: 'Revoked' } },
] as const satisfies readonly TaxonomyItem[];
export const ACCESS_REQUEST_STATUS_CODES = codesOf(ACCESS_REQUEST_STATUSES);
export type AccessRequestStatus = (typeof ACCESS_REQUEST_STATUS_CODES)[number];

// Policy engine vocabulary (docs/design.md §4). Messages are what a requester reads next to a decision.

/** A policy code with a plain-language message explaining it to the requester. */
export interface PolicyCodeItem extends TaxonomyItem {
  readonly message: Bilingual;
}

export const POLICY_DECISIONS = [
  {
    code: 'allow',
    label: { ko: '이용 가능', en: 'Allowed' },
    message: { ko: '바로 이용할 수 있습니다.', en: 'You can use this data now.' },
  },
  {
    code: 'sign_in_required',
    label: { ko: '로그인 필요', en: 'Sign-in required' },
    message: {
      ko: '로그인하면 이용 가능 여부를 확인할 수 있습니다.',
      en: 'Sign in to find out whether you can use this data.',
    },
  },
  {
    code: 'request_required',
    label: { ko: '이용 신청 필요', en: 'Request required' },
    message: {
      ko: '이용 신청을 하고 승인을 받아야 합니다.',
      en: 'You need to submit an access request and have it approved.',
    },
  },
  {
    code: 'enclave_only',
    label: { ko: '안심구역 이용만 가능', en: 'Secure enclave only' },
    message: {
      ko: '이 데이터는 안심구역(폐쇄 분석 환경)에서만 이용할 수 있습니다.',
      en: 'This data can only be used inside a secure enclave (closed analysis environment).',
    },
  },
  {
    code: 'deny',
    label: { ko: '이용 불가', en: 'Not available' },
    message: {
      ko: '현재 조건으로는 이 데이터를 이용할 수 없습니다.',
      en: 'This data is not available to you under the current conditions.',
    },
  },
] as const satisfies readonly PolicyCodeItem[];
export const POLICY_DECISION_CODES = codesOf(POLICY_DECISIONS);
export type PolicyDecision = (typeof POLICY_DECISION_CODES)[number];

export const POLICY_REASONS = [
  {
    code: 'not_visible',
    label: { ko: '열람 불가', en: 'Not visible' },
    message: {
      ko: '이 데이터셋을 열람할 권한이 없습니다.',
      en: 'You are not allowed to see this dataset.',
    },
  },
  {
    code: 'purpose_not_allowed',
    label: { ko: '허용되지 않은 목적', en: 'Purpose not allowed' },
    message: {
      ko: '요청한 이용 목적은 이 데이터셋에 허용되지 않습니다.',
      en: 'The purpose you requested is not allowed for this dataset.',
    },
  },
  {
    code: 'license_noncommercial',
    label: { ko: '상업적 이용 금지', en: 'Non-commercial licence' },
    message: {
      ko: '이용허락 조건상 상업적 이용이 금지되어 있습니다.',
      en: 'The licence of this dataset does not allow commercial use.',
    },
  },
  {
    code: 'dataset_closed',
    label: { ko: '비공개 데이터셋', en: 'Closed dataset' },
    message: {
      ko: '이 데이터는 제공기관 밖으로 제공되지 않습니다.',
      en: 'This data is not released outside the providing organisation.',
    },
  },
  {
    code: 'country_not_allowed',
    label: { ko: '허용되지 않은 국가', en: 'Country not allowed' },
    message: {
      ko: '소속 기관의 국가는 이 데이터셋의 이용 허용 국가가 아닙니다.',
      en: "Your organisation's country is not among the countries allowed to use this dataset.",
    },
  },
  {
    code: 'org_type_not_allowed',
    label: { ko: '허용되지 않은 기관 유형', en: 'Organisation type not allowed' },
    message: {
      ko: '소속 기관의 유형은 이 데이터셋을 이용할 수 없습니다.',
      en: "Your organisation's type is not among those allowed to use this dataset.",
    },
  },
  {
    code: 'cross_border_prohibited',
    label: { ko: '국외 이용 금지', en: 'Use outside Korea prohibited' },
    message: {
      ko: '이 데이터는 국외에서 이용할 수 없습니다.',
      en: 'This data may not be used outside Korea.',
    },
  },
  {
    code: 'identifiable_personal_info_cross_border',
    label: { ko: '개인정보 국외 이전 불가', en: 'Personal information cannot leave Korea' },
    message: {
      ko: '식별 가능한 개인정보가 포함되어 있어 국외로 제공할 수 없습니다.',
      en: 'This data contains identifiable personal information, which cannot be transferred outside Korea.',
    },
  },
] as const satisfies readonly PolicyCodeItem[];
export const POLICY_REASON_CODES = codesOf(POLICY_REASONS);
export type PolicyReason = (typeof POLICY_REASON_CODES)[number];

/** A requirement; blocking ones must be met before access is granted (docs/design.md §4 step 5). */
export interface PolicyRequirementItem extends PolicyCodeItem {
  readonly blocking: boolean;
}

export const POLICY_REQUIREMENTS = [
  {
    code: 'accept_dua',
    label: { ko: '이용 계약 동의', en: 'Data use agreement' },
    message: {
      ko: '데이터 이용 계약(DUA)에 동의해야 합니다.',
      en: 'You must accept the data use agreement.',
    },
    blocking: false,
  },
  {
    code: 'irb_approval',
    label: { ko: 'IRB 승인', en: 'IRB approval' },
    message: {
      ko: '기관생명윤리위원회(IRB) 승인이 필요합니다.',
      en: 'Approval from an institutional review board (IRB) is required.',
    },
    blocking: true,
  },
  {
    code: 'pseudonymized_data_terms',
    label: { ko: '가명정보 처리 조건', en: 'Pseudonymised data terms' },
    message: {
      ko: '가명정보 처리 조건(재식별 금지, 안전성 확보 조치)을 준수하겠다고 약정해야 합니다.',
      en: 'You must commit to the terms for pseudonymised data: no re-identification and the required safeguards.',
    },
    blocking: true,
  },
  {
    code: 'export_license',
    label: { ko: '수출 허가', en: 'Export licence' },
    message: {
      ko: '수출 통제 대상 데이터로, 수출 허가가 필요합니다.',
      en: 'This data is export-controlled: an export licence is required.',
    },
    blocking: true,
  },
  {
    code: 'government_approval',
    label: { ko: '정부 승인', en: 'Government approval' },
    message: {
      ko: '국가핵심기술에 해당하여 국외 제공에 정부 승인이 필요합니다.',
      en: 'This data concerns a national core technology: government approval is required to provide it abroad.',
    },
    blocking: true,
  },
  {
    code: 'cross_border_agreement',
    label: { ko: '국외 반출 계약', en: 'Cross-border transfer agreement' },
    message: {
      ko: '국외 반출 계약 체결이 필요합니다.',
      en: 'A cross-border transfer agreement with the provider is required.',
    },
    blocking: true,
  },
] as const satisfies readonly PolicyRequirementItem[];
export const POLICY_REQUIREMENT_CODES = codesOf(POLICY_REQUIREMENTS);
export type PolicyRequirement = (typeof POLICY_REQUIREMENT_CODES)[number];

/** Every enumeration by name, as served by `GET /api/v1/taxonomies`. */
export const TAXONOMIES = {
  locales: LOCALES,
  modalities: MODALITIES,
  tasks: TASKS,
  domains: DOMAINS,
  licenses: LICENSES,
  krTechnologies: KR_TECHNOLOGIES,
  usCetAreas: US_CET_AREAS,
  organizationTypes: ORGANIZATION_TYPES,
  roles: ROLES,
  purposes: PURPOSES,
  accessLevels: ACCESS_LEVELS,
  samplesAccess: SAMPLES_ACCESS,
  crossBorder: CROSS_BORDER,
  classificationLevels: CLASSIFICATION_LEVELS,
  personalInfo: PERSONAL_INFO,
  sensitiveCategories: SENSITIVE_CATEGORIES,
  exportControlRegimes: EXPORT_CONTROL_REGIMES,
  qaDirections: QA_DIRECTIONS,
  qaMetrics: QA_METRICS,
  workforceTypes: WORKFORCE_TYPES,
  inspectionTypes: INSPECTION_TYPES,
  verifiers: VERIFIERS,
  artifactKinds: ARTIFACT_KINDS,
  artifactStatuses: ARTIFACT_STATUSES,
  datasetStatuses: DATASET_STATUSES,
  procedureStatuses: PROCEDURE_STATUSES,
  reviewActions: REVIEW_ACTIONS,
  accessScopes: ACCESS_SCOPES,
  accessRequestStatuses: ACCESS_REQUEST_STATUSES,
  policyDecisions: POLICY_DECISIONS,
  policyReasons: POLICY_REASONS,
  policyRequirements: POLICY_REQUIREMENTS,
} as const;
export type TaxonomyName = keyof typeof TAXONOMIES;

/** The label of `code` in `taxonomy` for `locale`, or the code itself when unknown (stable fallback for old data). */
export function labelOf(taxonomy: TaxonomyName, code: string, locale: Locale): string {
  const items: readonly TaxonomyItem[] = TAXONOMIES[taxonomy];
  return items.find((item) => item.code === code)?.label[locale] ?? code;
}
