/**
 * Local types for the demo seed content.
 *
 * They mirror docs/design.md §3/§4 (and the fixed codes of schemas/taxonomy.ts) so the seed data can be
 * type-checked on its own. The integrator may replace them with the schema-derived types; the
 * shapes are intentionally identical, apart from seed-only references by slug
 * (`providerSlug`, `orgSlug`, `procedureSlug`) that the seed runner resolves to ids.
 */

// ---------------------------------------------------------------------------------------------
// Code lists (kept in sync with schemas/taxonomy.ts)
// ---------------------------------------------------------------------------------------------

export const MODALITIES = [
  'text',
  'speech',
  'audio',
  'image',
  'video',
  'tabular',
  'timeseries',
  'geospatial',
  'sensor',
  'multimodal',
] as const;

export const TASKS = [
  'asr',
  'tts',
  'ocr',
  'object_detection',
  'segmentation',
  'classification',
  'translation',
  'qa',
  'ner',
  'summarization',
  'generation',
  'forecasting',
  'anomaly_detection',
  'pose_estimation',
  'tracking',
  'speaker_identification',
  'sentiment_analysis',
  'retrieval',
  'captioning',
  'vqa',
] as const;

export const DOMAINS = [
  'public_administration',
  'healthcare',
  'mobility',
  'manufacturing',
  'finance',
  'education',
  'culture',
  'agriculture',
  'environment',
  'safety',
  'telecom',
  'energy',
  'language',
  'science',
] as const;

export const LICENSE_IDS = [
  'KOGL-0',
  'KOGL-1',
  'KOGL-2',
  'KOGL-3',
  'KOGL-4',
  'CC0-1.0',
  'CC-BY-4.0',
  'CC-BY-SA-4.0',
  'CC-BY-ND-4.0',
  'CC-BY-NC-4.0',
  'CC-BY-NC-SA-4.0',
  'CC-BY-NC-ND-4.0',
  'custom',
] as const;

export const KR_TECH_AREAS = [
  'semiconductors_displays',
  'secondary_batteries',
  'advanced_mobility',
  'next_gen_nuclear',
  'advanced_biotech',
  'aerospace_marine',
  'hydrogen',
  'cybersecurity',
  'artificial_intelligence',
  'next_gen_communications',
  'advanced_robotics_manufacturing',
  'quantum',
] as const;

export const US_CET_AREAS = [
  'advanced_computing',
  'advanced_engineering_materials',
  'advanced_gas_turbine_engines',
  'advanced_sensing_signature_management',
  'advanced_manufacturing',
  'artificial_intelligence',
  'biotechnologies',
  'clean_energy_generation_storage',
  'data_privacy_security_cybersecurity',
  'directed_energy',
  'autonomous_uncrewed_systems_robotics',
  'human_machine_interfaces',
  'hypersonics',
  'integrated_communication_networking',
  'positioning_navigation_timing',
  'quantum_information',
  'semiconductors_microelectronics',
  'space_technologies',
] as const;

export const ORG_TYPES = [
  'public_agency',
  'research_institute',
  'university',
  'company',
  'ffrdc',
  'nonprofit',
] as const;

export const ROLES = ['provider', 'researcher', 'reviewer', 'admin'] as const;

export const PURPOSES = ['research', 'education', 'public_interest', 'commercial'] as const;

export const METRICS = [
  'cohen_kappa',
  'fleiss_kappa',
  'krippendorff_alpha',
  'percent_agreement',
  'accuracy',
  'f1',
  'iou',
  'map50',
  'map',
  'wer',
  'cer',
  'bleu',
  'rouge_l',
] as const;

export const ACCESS_LEVELS = ['open', 'registered', 'approval', 'enclave', 'closed'] as const;
export const SAMPLES_ACCESS = ['open', 'registered', 'same_as_data'] as const;
export const CROSS_BORDER = ['allowed', 'conditional', 'prohibited'] as const;
export const CLASSIFICATION_LEVELS = ['public', 'internal', 'sensitive', 'confidential'] as const;
export const PERSONAL_INFO = ['none', 'anonymized', 'pseudonymized', 'identifiable'] as const;
export const SENSITIVE_CATEGORIES = [
  'health',
  'biometric',
  'genetic',
  'beliefs',
  'criminal',
  'location',
  'minors',
] as const;
export const EXPORT_REGIMES = ['kr_strategic', 'ear', 'other'] as const;

export const DATASET_STATUSES = [
  'draft',
  'in_review',
  'changes_requested',
  'published',
  'withdrawn',
] as const;
export const PROCEDURE_STATUSES = ['draft', 'active', 'superseded', 'retired'] as const;
export const WORKFORCE_TYPES = ['in_house', 'crowd', 'vendor', 'expert'] as const;
export const INSPECTION_TYPES = ['full', 'sampling'] as const;
export const VERIFIERS = ['self', 'third_party', 'tta'] as const;
export const METRIC_DIRECTIONS = ['higher_better', 'lower_better'] as const;

/** Licences that do not allow commercial use (docs/design.md §3); `custom` depends on `commercialUse`. */
export const NON_COMMERCIAL_LICENSES: readonly LicenseId[] = [
  'KOGL-2',
  'KOGL-4',
  'CC-BY-NC-4.0',
  'CC-BY-NC-SA-4.0',
  'CC-BY-NC-ND-4.0',
];

export type Modality = (typeof MODALITIES)[number];
export type Task = (typeof TASKS)[number];
export type Domain = (typeof DOMAINS)[number];
export type LicenseId = (typeof LICENSE_IDS)[number];
export type KrTechArea = (typeof KR_TECH_AREAS)[number];
export type UsCetArea = (typeof US_CET_AREAS)[number];
export type OrgType = (typeof ORG_TYPES)[number];
export type Role = (typeof ROLES)[number];
export type Purpose = (typeof PURPOSES)[number];
export type Metric = (typeof METRICS)[number];
export type AccessLevel = (typeof ACCESS_LEVELS)[number];
export type SamplesAccess = (typeof SAMPLES_ACCESS)[number];
export type CrossBorder = (typeof CROSS_BORDER)[number];
export type ClassificationLevel = (typeof CLASSIFICATION_LEVELS)[number];
export type PersonalInfo = (typeof PERSONAL_INFO)[number];
export type SensitiveCategory = (typeof SENSITIVE_CATEGORIES)[number];
export type ExportRegime = (typeof EXPORT_REGIMES)[number];
export type DatasetStatus = (typeof DATASET_STATUSES)[number];
export type ProcedureStatus = (typeof PROCEDURE_STATUSES)[number];
export type WorkforceType = (typeof WORKFORCE_TYPES)[number];
export type InspectionType = (typeof INSPECTION_TYPES)[number];
export type Verifier = (typeof VERIFIERS)[number];
export type MetricDirection = (typeof METRIC_DIRECTIONS)[number];
export type Locale = 'ko' | 'en';

// ---------------------------------------------------------------------------------------------
// Shapes
// ---------------------------------------------------------------------------------------------

export interface Bilingual {
  ko: string;
  en: string;
}

export interface BilingualList {
  ko: string[];
  en: string[];
}

/** docs/design.md §6 partner profile (carried by US partner organisations in the seed). */
export interface SeedPartnerProfile {
  interests: {
    usCet: UsCetArea[];
    krTech: KrTechArea[];
    modalities: Modality[];
    tasks: Task[];
    keywords: BilingualList;
  };
  purposes: Purpose[];
  capabilities: {
    canSignDua: boolean;
    hasIrb: boolean;
    canUseEnclave: boolean;
    canObtainExportLicense: boolean;
  };
}

export interface SeedOrganization {
  slug: string;
  name: Bilingual;
  /** ISO 3166-1 alpha-2 */
  country: string;
  type: OrgType;
  website?: string;
  verified: boolean;
  /** Members with the reviewer role act as national reviewers (may review any provider). */
  nationalReviewer?: boolean;
}

export interface SeedUser {
  email: string;
  name: string;
  orgSlug: string;
  roles: Role[];
  locale: Locale;
  /** Manages the members of their organisation (approves membership requests). */
  orgAdmin?: boolean;
}

export interface LabelClass {
  code: string;
  name: Bilingual;
  description?: Bilingual;
}

export type LabelAttributeType = 'string' | 'number' | 'boolean' | 'enum';

export interface LabelAttribute {
  code: string;
  name: Bilingual;
  type: LabelAttributeType;
  /** Allowed values; required for (and only for) `enum` attributes. */
  values?: string[];
}

export interface ProcedureStep {
  name: Bilingual;
  description: Bilingual;
}

export interface QaTarget {
  metric: Metric;
  target: number;
  direction: MetricDirection;
}

/** One version of a labeling procedure (docs/design.md §3 LabelingProcedure body). */
export interface SeedProcedureVersion {
  version: number;
  status: ProcedureStatus;
  title: Bilingual;
  taskType: Task;
  modalities: Modality[];
  labelSchema: {
    classes: LabelClass[];
    attributes?: LabelAttribute[];
  };
  guideline: {
    summary: Bilingual;
    artifactKey?: string;
  };
  workforce: {
    type: WorkforceType;
    annotatorsPerItem: number;
    qualification: Bilingual;
  };
  tools: string[];
  steps: ProcedureStep[];
  qa: {
    inspection: InspectionType;
    samplingRate?: number;
    verifiedBy: Verifier;
    targets: QaTarget[];
  };
}

export interface SeedProcedure {
  slug: string;
  providerSlug: string;
  /** Ascending by version; `version` is 1-based and contiguous. */
  versions: SeedProcedureVersion[];
}

export interface SeedLicense {
  id: LicenseId;
  url?: string;
  /** Only for `custom`. */
  commercialUse?: boolean;
}

export interface SeedDisclosure {
  accessLevel: AccessLevel;
  samplesAccess: SamplesAccess;
  /** ["*"] or ISO 3166-1 alpha-2 codes */
  allowedCountries: string[];
  /** ["*"] or organisation types */
  allowedOrgTypes: Array<OrgType | '*'>;
  allowedPurposes: Purpose[];
  crossBorder: CrossBorder;
  conditions: {
    dua: boolean;
    irb: boolean;
    attribution: boolean;
    noRedistribution: boolean;
    deleteAfterDays?: number;
  };
  maxGrantDays: number;
}

export interface SeedClassification {
  level: ClassificationLevel;
  personalInfo: PersonalInfo;
  sensitiveCategories: SensitiveCategory[];
  exportControl: {
    controlled: boolean;
    regime?: ExportRegime;
    reference?: string;
  };
  nationalCoreTechnology: boolean;
}

export interface SeedLabeling {
  procedureSlug: string;
  procedureVersion: number;
  results: Array<{ metric: Metric; value: number }>;
}

export interface SeedDataset {
  slug: string;
  providerSlug: string;
  status: DatasetStatus;
  title: Bilingual;
  summary: Bilingual;
  description: Bilingual;
  keywords: BilingualList;
  modalities: Modality[];
  tasks: Task[];
  /** BCP-47 */
  languages: string[];
  techAreas: { kr: KrTechArea[]; us: UsCetArea[] };
  domain: Domain;
  /** YYYY-MM-DD */
  temporalCoverage: { start: string; end: string };
  spatialCoverage?: Bilingual;
  size: { records?: number; bytes?: number; hours?: number };
  formats: string[];
  license: SeedLicense;
  disclosure: SeedDisclosure;
  classification: SeedClassification;
  labeling?: SeedLabeling;
  contact?: { name: string; email: string };
  /** Full-data access held elsewhere (docs/design.md §3), shown only to callers allowed scope `full`. */
  externalAccess?: SeedExternalAccess[];
}

/** One way to the full data outside the catalogue (schemas/dataset.ts `externalAccessItem`). */
export interface SeedExternalAccess {
  id: string;
  kind: 'url' | 'instructions';
  url?: string;
  text: Bilingual;
}
