// The judged test set (issue 6): partner profiles with the datasets a liaison would put on top
// and the ones that must be excluded, with why. Shared by the unit test (pure ranking over the
// seed files) and the API test (the seeded app with the real search index).
import type { PartnerProfile } from '../../../server/matching/types';

export interface JudgedCase {
  name: string;
  /** A seeded organisation (its seeded profile unless `profile` is given) or an ad-hoc partner. */
  org: { slug: string; seeded: true } | { slug: string; seeded: false; country: string; type: string };
  profile?: PartnerProfile;
  /** The top three, in order. */
  top3: [string, string, string];
  /** Datasets that must not be offered, each with reason codes that must be among its reasons. */
  excluded: Record<string, string[]>;
  /** Datasets that must be among the eligible matches. */
  eligible?: string[];
}

const capabilities = (over: Partial<PartnerProfile['capabilities']> = {}): PartnerProfile['capabilities'] => ({
  canSignDua: true,
  hasIrb: false,
  canUseEnclave: false,
  canObtainExportLicense: false,
  ...over,
});

export const MEDICAL_IMAGING_PROFILE: PartnerProfile = {
  interests: {
    usCet: ['biotechnologies'],
    krTech: ['advanced_biotech'],
    modalities: ['image'],
    tasks: ['segmentation', 'object_detection'],
    keywords: { ko: ['의료영상', '폐결절'], en: ['medical imaging', 'lung nodule', 'computed tomography'] },
  },
  purposes: ['research'],
  capabilities: capabilities({ hasIrb: true, canUseEnclave: true }),
};

export const judgedCases: JudgedCase[] = [
  {
    name: 'US university speech and language lab (seeded, partner@demo.org)',
    org: { slug: 'pacific-state-university', seeded: true },
    top3: ['dialect-speech-jeju-gyeongsang', 'ko-en-parallel-corpus-daily', 'korean-spontaneous-speech-2023'],
    excluded: {
      'emotion-video-faces': ['country_not_allowed', 'cross_border_prohibited', 'identifiable_personal_info_cross_border'],
      'quantum-device-measurements': ['export_license'],
      'chest-ct-lung-nodule-segmentation': ['enclave_only'],
      'satellite-land-cover-segmentation': ['country_not_allowed', 'cross_border_prohibited'],
      'semiconductor-etch-process-logs': ['not_visible'],
    },
    eligible: ['elderly-speech-commands', 'meeting-speech-multi-speaker'],
  },
  {
    name: 'US FFRDC in semiconductors, quantum, energy and space (seeded)',
    org: { slug: 'atlantic-advanced-systems-lab', seeded: true },
    top3: ['quantum-device-measurements', 'battery-cycling-degradation', 'nuclear-plant-vibration-signals'],
    excluded: {
      'semiconductor-etch-process-logs': ['not_visible'],
      'satellite-land-cover-segmentation': ['country_not_allowed', 'cross_border_prohibited'],
      'financial-fraud-transactions': ['org_type_not_allowed'],
    },
    eligible: ['semiconductor-wafer-map-defects', 'maritime-vessel-detection'],
  },
  {
    name: 'US robotics company, commercial first (seeded)',
    org: { slug: 'cedar-ridge-robotics', seeded: true },
    // Sorting robots on a manufacturing line: closer to this company than urban drone imagery.
    top3: ['smart-factory-sensor-anomaly', 'smart-factory-defect-images', 'recycling-waste-sorting-images'],
    excluded: {
      'semiconductor-wafer-map-defects': ['export_license', 'license_noncommercial'],
      'quantum-device-measurements': ['export_license', 'purpose_not_allowed'],
      'nuclear-plant-vibration-signals': ['org_type_not_allowed'],
    },
  },
  {
    name: 'Korean university, language and medical AI (seeded)',
    org: { slug: 'hangang-national-university', seeded: true },
    top3: ['legal-judgments-summarization', 'news-mrc-qa', 'chest-ct-lung-nodule-segmentation'],
    excluded: {
      'nuclear-plant-vibration-signals': ['org_type_not_allowed'],
      'semiconductor-etch-process-logs': ['not_visible'],
    },
    eligible: ['brain-mri-stroke-lesions', 'financial-fraud-transactions'],
  },
  {
    name: 'US medical imaging lab with an IRB and enclave access',
    org: { slug: 'judged-us-medical-lab', seeded: false, country: 'US', type: 'university' },
    profile: MEDICAL_IMAGING_PROFILE,
    top3: ['chest-ct-lung-nodule-segmentation', 'korean-food-images-nutrition', 'agriculture-pest-images'],
    excluded: {
      // An enclave dataset: the cross-border deny reasons do not apply, the country list does.
      'brain-mri-stroke-lesions': ['country_not_allowed'],
    },
  },
  {
    name: 'The same lab without enclave access',
    org: { slug: 'judged-us-medical-lab-remote', seeded: false, country: 'US', type: 'university' },
    profile: { ...MEDICAL_IMAGING_PROFILE, capabilities: capabilities({ hasIrb: true, canUseEnclave: false }) },
    top3: ['korean-food-images-nutrition', 'agriculture-pest-images', 'public-health-statistics-regional'],
    excluded: {
      'chest-ct-lung-nodule-segmentation': ['enclave_only'],
      'brain-mri-stroke-lesions': ['country_not_allowed'],
    },
  },
  {
    name: 'US cybersecurity company, commercial use only',
    org: { slug: 'judged-us-security-co', seeded: false, country: 'US', type: 'company' },
    profile: {
      interests: {
        usCet: ['data_privacy_security_cybersecurity'],
        krTech: ['cybersecurity'],
        modalities: ['tabular', 'timeseries'],
        tasks: ['anomaly_detection', 'classification'],
        keywords: { ko: ['보안 이벤트', '이상거래'], en: ['intrusion detection', 'fraud detection'] },
      },
      purposes: ['commercial'],
      capabilities: capabilities(),
    },
    // Sensor time series with classification: closer to this profile than traffic-sign images.
    top3: ['smart-factory-sensor-anomaly', 'air-quality-sensor-network', 'vehicle-ride-quality-evaluation'],
    excluded: {
      'security-event-logs': ['purpose_not_allowed', 'license_noncommercial'],
      'financial-fraud-transactions': ['purpose_not_allowed', 'country_not_allowed', 'cross_border_prohibited'],
    },
  },
  {
    name: 'Korean chip maker studying wafer defects (no export licence needed at home)',
    org: { slug: 'judged-kr-chip-co', seeded: false, country: 'KR', type: 'company' },
    profile: {
      interests: {
        usCet: ['semiconductors_microelectronics'],
        krTech: ['semiconductors_displays'],
        modalities: ['image', 'tabular', 'sensor'],
        tasks: ['anomaly_detection', 'classification'],
        keywords: { ko: ['웨이퍼', '반도체 공정'], en: ['wafer map', 'etch'] },
      },
      purposes: ['research'],
      capabilities: capabilities(),
    },
    top3: ['semiconductor-wafer-map-defects', 'patent-abstracts-ko-en', 'battery-cycling-degradation'],
    excluded: {
      'semiconductor-etch-process-logs': ['not_visible'],
    },
  },
  {
    name: 'US nonprofit on autonomous driving',
    org: { slug: 'judged-us-nonprofit', seeded: false, country: 'US', type: 'nonprofit' },
    profile: {
      interests: {
        usCet: ['autonomous_uncrewed_systems_robotics', 'positioning_navigation_timing'],
        krTech: ['advanced_mobility'],
        modalities: ['video', 'image', 'sensor'],
        tasks: ['object_detection', 'tracking', 'segmentation'],
        keywords: { ko: ['자율주행', '라이다'], en: ['autonomous driving', 'lidar'] },
      },
      purposes: ['research', 'public_interest'],
      capabilities: capabilities(),
    },
    top3: ['traffic-lights-signs-images', 'traffic-cctv-object-detection', 'drone-aerial-imagery-urban'],
    excluded: {
      'autonomous-driving-lidar-camera': ['org_type_not_allowed'],
      'semiconductor-wafer-map-defects': ['org_type_not_allowed'],
    },
  },
];
