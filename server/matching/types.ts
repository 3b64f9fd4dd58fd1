// Partner matching vocabulary (docs/design.md §6). Pure data: no Express, Mongoose or S3 here.
import type { PartnerProfile } from '../../schemas/organization';
import type { ClassificationLevel } from '../policy/visibility';
import type { Decision, PolicyDataset, PolicyGrant, Purpose, ReasonCode, RequirementCode } from '../policy/types';

export type { PartnerProfile };

/** The score components, in the order they are shown. */
export const COMPONENTS = ['technology', 'taskModality', 'keywords', 'accessibility', 'quality'] as const;
export type ComponentName = (typeof COMPONENTS)[number];

/** Relative weights of the components (normalised to sum 1 when scoring). */
export type MatchingWeights = Record<ComponentName, number>;

/** What a partner offers when asked to meet a requirement. */
export type Capability = keyof PartnerProfile['capabilities'];

/** The partner: an organisation with a profile. */
export interface MatchPartner {
  id: string;
  slug: string;
  country: string;
  type: string;
  name: { ko?: string; en?: string };
  profile: PartnerProfile;
}

/** One QA target of a labeling procedure version. */
export interface QaTarget {
  metric: string;
  target: number;
  direction: 'higher_better' | 'lower_better';
}

/** The parts of a published dataset matching reads (a search CatalogEntry satisfies this). */
export interface MatchCandidate {
  id: string;
  slug: string;
  providerId: string;
  providerSlug: string;
  level: ClassificationLevel;
  live: {
    title?: { ko?: string; en?: string };
    keywords?: { ko?: string[]; en?: string[] };
    techAreas?: { kr?: string[]; us?: string[] };
    tasks?: string[];
    modalities?: string[];
    labeling?: { procedureId?: string; procedureVersion?: number; results?: Array<{ metric: string; value: number }> } | null;
  };
  policy: PolicyDataset;
}

/** The active grants the caller holds, by dataset id (only a member of the partner's are counted). */
export type GrantLookup = ReadonlyMap<string, readonly PolicyGrant[]>;

/** How well a keyword matches each dataset: dataset id → (0,1]; absent = no match. */
export type KeywordScorer = (text: string) => Map<string, number>;

/** Targets of a procedure version, or undefined when unknown. */
export type QaTargetLookup = (procedureId: string, version: number) => QaTarget[] | undefined;

// ---- facts behind each component (rendered into sentences by explain.ts) ----------------------

export interface TechnologyLink {
  interest: { list: 'us' | 'kr'; code: string };
  area: { list: 'us' | 'kr'; code: string };
  strength: number;
}
export interface TechnologyFacts {
  noInterests: boolean;
  links: TechnologyLink[];
  strongest: number;
  coverage: number;
}
export interface TaskModalityFacts {
  noInterests: boolean;
  tasks: string[];
  modalities: string[];
}
export interface KeywordFacts {
  noKeywords: boolean;
  /** Matched keywords with their weight; `declared` when the dataset lists the keyword itself. */
  matched: Array<{ keyword: string; score: number; declared: boolean }>;
}
export interface AccessibilityFacts {
  decision: Decision;
  purpose: Purpose;
  requirements: RequirementCode[];
  /** The caller (a member of the partner) holds an active full-data grant for this purpose: nothing is left to do. */
  granted?: boolean;
}
export interface QaCheck {
  metric: string;
  target: number;
  direction: QaTarget['direction'];
  value: number | null;
  met: boolean;
}
export interface QualityFacts {
  hasProcedure: boolean;
  checks: QaCheck[];
}

export interface ComponentFacts {
  technology: TechnologyFacts;
  taskModality: TaskModalityFacts;
  keywords: KeywordFacts;
  accessibility: AccessibilityFacts;
  quality: QualityFacts;
}

/** A dataset the partner can get, with its score and the facts behind every component. */
export interface ScoredMatch {
  candidate: MatchCandidate;
  /** Weighted total in [0,1], rounded to 3 decimals (the order is on this value, then slug). */
  score: number;
  scores: Record<ComponentName, number>;
  facts: ComponentFacts;
}

/** Why a dataset is out: a policy deny reason, or a requirement the partner's capabilities cannot meet. */
export interface ExclusionReason {
  kind: 'policy' | 'capability';
  /** A policy reason code, or the requirement (or `enclave_only`) the partner cannot meet. */
  code: ReasonCode | RequirementCode | 'enclave_only';
  capability?: Capability;
  /** The partner's purposes this reason applies to. */
  purposes: Purpose[];
}

export interface Exclusion {
  candidate: MatchCandidate;
  reasons: ExclusionReason[];
}

export interface Ranking {
  matches: ScoredMatch[];
  excluded: Exclusion[];
}
