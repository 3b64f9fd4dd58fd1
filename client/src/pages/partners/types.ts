// Shapes of the partner-matching API (server/matching/presenter.ts).
export interface Bilingual {
  ko: string;
  en: string;
}

export type ComponentName = 'technology' | 'taskModality' | 'keywords' | 'accessibility' | 'quality';

export interface MatchDataset {
  id: string;
  slug: string;
  title: { ko?: string; en?: string };
  provider: { slug: string; name: { ko?: string; en?: string } | null };
  classification: string;
  accessLevel: string;
}

export interface MatchComponent {
  name: ComponentName;
  score: number;
  weight: number;
  explanation: Bilingual;
}

export interface AccessStep {
  code: string;
  text: Bilingual;
}

export interface Match {
  rank: number;
  dataset: MatchDataset;
  score: number;
  components: MatchComponent[];
  access: {
    purpose: string;
    decision: string;
    /** The caller holds an active full-data grant for this purpose (their own access, not the partner's). */
    granted?: boolean;
    requirements: Array<{ code: string; blocking: boolean; label: Bilingual }>;
    steps: AccessStep[];
  };
}

export interface ExclusionReason {
  kind: 'policy' | 'capability';
  code: string;
  capability?: string;
  purposes: string[];
  message: Bilingual;
}

export interface Exclusion {
  dataset: MatchDataset;
  reasons: ExclusionReason[];
}

export interface PartnerProfile {
  interests: { usCet?: string[]; krTech?: string[]; modalities?: string[]; tasks?: string[]; keywords?: { ko?: string[]; en?: string[] } };
  purposes: string[];
  capabilities: { canSignDua: boolean; hasIrb: boolean; canUseEnclave: boolean; canObtainExportLicense: boolean };
}

export interface Partner {
  id: string;
  slug: string;
  name: { ko?: string; en?: string };
  country: string;
  type: string;
  profile: PartnerProfile;
}

export interface MatchesResponse {
  partner: Partner;
  weights: Record<ComponentName, number>;
  items: Match[];
  total: number;
  page: number;
  pageSize: number;
  excludedTotal: number;
  ineligible?: Exclusion[];
}

export type PartnerStanding = { partner: Partner } & (({ eligible: true } & Omit<Match, 'dataset'>) | { eligible: false; reasons: ExclusionReason[] });

export interface PartnerMatchesResponse {
  dataset: MatchDataset;
  items: PartnerStanding[];
  total: number;
}
