/**
 * Demo organisations. Every organisation is fictional; websites use reserved `.example` / `.test`
 * domains. US partner organisations carry a docs/design.md §6 partner profile.
 */
import type { SeedOrganization, SeedPartnerProfile } from './types';

/** Platform operator and national review secretariat (admin@demo.kr, national reviewers). */
export const PLATFORM_ORG_SLUG = 'kus-bridge-secretariat';
/** Korean public agency of provider@demo.kr and reviewer@demo.kr. */
export const DEMO_AGENCY_ORG_SLUG = 'kdata-agency';
/** Korean university of researcher@demo.kr. */
export const DEMO_KR_UNIVERSITY_ORG_SLUG = 'hangang-national-university';
/** US university lab of partner@demo.org. */
export const DEMO_US_UNIVERSITY_ORG_SLUG = 'pacific-state-university';

export const organizations: SeedOrganization[] = [
  {
    slug: PLATFORM_ORG_SLUG,
    name: {
      ko: '한미데이터협력사무국 (가상 기관)',
      en: 'K–US Data Cooperation Secretariat (fictional)',
    },
    country: 'KR',
    type: 'public_agency',
    website: 'https://secretariat.kus-bridge.example',
    verified: true,
    nationalReviewer: true,
  },
  {
    slug: DEMO_AGENCY_ORG_SLUG,
    name: {
      ko: '한국데이터진흥원 (가상 기관)',
      en: 'Korea Data Promotion Agency (fictional)',
    },
    country: 'KR',
    type: 'public_agency',
    website: 'https://www.kdata-agency.example',
    verified: true,
  },
  {
    slug: 'hanbit-ai-institute',
    name: {
      ko: '한빛인공지능연구원 (가상 기관)',
      en: 'Hanbit Institute for Artificial Intelligence (fictional)',
    },
    country: 'KR',
    type: 'research_institute',
    website: 'https://www.hanbit-ai.example',
    verified: true,
  },
  {
    slug: 'saebit-medical-ai-center',
    name: {
      ko: '새빛대학교병원 의료인공지능센터 (가상 기관)',
      en: 'Saebit University Hospital Medical AI Center (fictional)',
    },
    country: 'KR',
    type: 'research_institute',
    website: 'https://medai.saebit-hospital.example',
    verified: true,
  },
  {
    slug: 'daon-smart-factory',
    name: {
      ko: '(주)다온스마트팩토리 (가상 기업)',
      en: 'Daon Smart Factory Co., Ltd. (fictional)',
    },
    country: 'KR',
    type: 'company',
    website: 'https://www.daon-smartfactory.example',
    verified: true,
  },
  {
    slug: 'hanul-semiconductor',
    name: {
      ko: '한울반도체(주) (가상 기업)',
      en: 'Hanul Semiconductor Inc. (fictional)',
    },
    country: 'KR',
    type: 'company',
    website: 'https://www.hanul-semi.example',
    verified: true,
  },
  {
    slug: DEMO_KR_UNIVERSITY_ORG_SLUG,
    name: {
      ko: '한강국립대학교 (가상 기관)',
      en: 'Hangang National University (fictional)',
    },
    country: 'KR',
    type: 'university',
    website: 'https://www.hangang-univ.example',
    verified: true,
  },
  {
    slug: DEMO_US_UNIVERSITY_ORG_SLUG,
    name: {
      ko: '퍼시픽주립대학교 언어·지각 연구실 (가상 기관)',
      en: 'Pacific State University — Language & Perception Lab (fictional)',
    },
    country: 'US',
    type: 'university',
    website: 'https://lpl.pacific-state.example',
    verified: true,
  },
  {
    slug: 'atlantic-advanced-systems-lab',
    name: {
      ko: '애틀랜틱 첨단시스템연구소 (FFRDC, 가상 기관)',
      en: 'Atlantic Advanced Systems Laboratory (FFRDC, fictional)',
    },
    country: 'US',
    type: 'ffrdc',
    website: 'https://www.aasl.test',
    verified: true,
  },
  {
    slug: 'cedar-ridge-robotics',
    name: {
      ko: '시더리지 로보틱스 (가상 기업)',
      en: 'Cedar Ridge Robotics, Inc. (fictional)',
    },
    country: 'US',
    type: 'company',
    website: 'https://www.cedar-ridge-robotics.example',
    verified: false,
  },
];

/**
 * docs/design.md §6 partner profiles of the US partner organisations and one Korean partner (the
 * university of researcher@demo.kr), keyed by organisation slug
 * (applied with `PUT /organizations/{slug}/partner-profile` semantics).
 */
export const partnerProfiles: Record<string, SeedPartnerProfile> = {
  [DEMO_US_UNIVERSITY_ORG_SLUG]: {
    interests: {
      usCet: ['artificial_intelligence', 'human_machine_interfaces', 'autonomous_uncrewed_systems_robotics'],
      krTech: ['artificial_intelligence', 'advanced_mobility'],
      modalities: ['speech', 'text', 'image', 'video'],
      tasks: ['asr', 'translation', 'qa', 'object_detection', 'speaker_identification'],
      keywords: {
        ko: ['음성인식', '자유발화', '한영 번역', '방언', '다국어 음성'],
        en: ['speech recognition', 'spontaneous speech', 'machine translation', 'dialect', 'low-resource languages'],
      },
    },
    purposes: ['research', 'education'],
    capabilities: {
      canSignDua: true,
      hasIrb: true,
      canUseEnclave: false,
      canObtainExportLicense: false,
    },
  },
  'atlantic-advanced-systems-lab': {
    interests: {
      usCet: [
        'semiconductors_microelectronics',
        'quantum_information',
        'clean_energy_generation_storage',
        'advanced_sensing_signature_management',
        'space_technologies',
      ],
      krTech: ['semiconductors_displays', 'quantum', 'next_gen_nuclear', 'aerospace_marine'],
      modalities: ['sensor', 'timeseries', 'tabular', 'geospatial', 'image'],
      tasks: ['anomaly_detection', 'forecasting', 'segmentation', 'object_detection'],
      keywords: {
        ko: ['반도체 공정', '양자 소자', '원전 설비', '위성영상', '선박 탐지'],
        en: ['semiconductor process', 'qubit', 'nuclear plant', 'satellite imagery', 'maritime domain awareness'],
      },
    },
    purposes: ['research', 'public_interest'],
    capabilities: {
      canSignDua: true,
      hasIrb: true,
      canUseEnclave: true,
      canObtainExportLicense: true,
    },
  },
  [DEMO_KR_UNIVERSITY_ORG_SLUG]: {
    interests: {
      usCet: ['artificial_intelligence', 'biotechnologies'],
      krTech: ['artificial_intelligence', 'advanced_biotech'],
      modalities: ['text', 'image'],
      tasks: ['qa', 'summarization', 'ner', 'segmentation'],
      keywords: {
        ko: ['기계독해', '판결문', '의료영상', '병변 분할'],
        en: ['machine reading comprehension', 'legal documents', 'medical imaging', 'lesion segmentation'],
      },
    },
    purposes: ['research', 'education'],
    capabilities: {
      canSignDua: true,
      hasIrb: true,
      canUseEnclave: true,
      canObtainExportLicense: false,
    },
  },
  'cedar-ridge-robotics': {
    interests: {
      usCet: ['advanced_manufacturing', 'autonomous_uncrewed_systems_robotics', 'artificial_intelligence'],
      krTech: ['advanced_robotics_manufacturing', 'advanced_mobility'],
      modalities: ['image', 'video', 'sensor', 'timeseries'],
      tasks: ['object_detection', 'anomaly_detection', 'pose_estimation', 'segmentation'],
      keywords: {
        ko: ['스마트공장', '결함 검출', '예지보전', '드론'],
        en: ['smart factory', 'defect inspection', 'predictive maintenance', 'drone'],
      },
    },
    purposes: ['commercial', 'research'],
    capabilities: {
      canSignDua: true,
      hasIrb: false,
      canUseEnclave: false,
      canObtainExportLicense: false,
    },
  },
};
