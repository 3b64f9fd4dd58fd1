// The engine's view of a stored dataset. Published snapshots are complete (publication requires
// every rule); a draft's working copy may not be, and a missing rule must never open access, so
// each missing field takes its strictest value (fail closed).
import type { PolicyDataset } from './types';

/** Stored content as far as the rules go; any part may be missing in a draft. */
export interface RuleSource {
  license?: unknown;
  disclosure?: unknown;
  classification?: unknown;
}

type Disclosure = PolicyDataset['disclosure'];
type Classification = PolicyDataset['classification'];

const STRICTEST_DISCLOSURE: Disclosure = {
  accessLevel: 'closed',
  samplesAccess: 'same_as_data',
  allowedCountries: [],
  allowedOrgTypes: [],
  allowedPurposes: [],
  crossBorder: 'prohibited',
  conditions: { dua: true, irb: true, attribution: true, noRedistribution: true },
  maxGrantDays: 1,
};

const STRICTEST_CLASSIFICATION: Classification = {
  level: 'confidential',
  personalInfo: 'identifiable',
  sensitiveCategories: [],
  exportControl: { controlled: true },
  nationalCoreTechnology: true,
};

const STRICTEST_LICENSE: PolicyDataset['license'] = { id: 'custom', commercialUse: false };

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/** `fallback` with every field that `value` defines (null and undefined count as missing). */
function completed<T extends object>(fallback: T, value: unknown): T {
  const given = Object.fromEntries(Object.entries(record(value)).filter(([, v]) => v !== undefined && v !== null));
  return { ...fallback, ...given };
}

/** The disclosure-relevant rules of stored content, missing fields filled with their strictest values. */
export function policyDatasetOf(content: RuleSource): PolicyDataset {
  const disclosure = completed(STRICTEST_DISCLOSURE, content.disclosure);
  const classification = completed(STRICTEST_CLASSIFICATION, content.classification);
  const license = record(content.license);
  return {
    license:
      typeof license.id === 'string'
        ? { id: license.id, ...(typeof license.commercialUse === 'boolean' ? { commercialUse: license.commercialUse } : {}) }
        : STRICTEST_LICENSE,
    disclosure: { ...disclosure, conditions: completed(STRICTEST_DISCLOSURE.conditions, disclosure.conditions) },
    classification: { ...classification, exportControl: completed(STRICTEST_CLASSIFICATION.exportControl, classification.exportControl) },
  };
}

/**
 * The rules of the face of a stored dataset the caller sees: the published snapshot for
 * outsiders, the working copy for the provider's people, national reviewers and admins.
 */
export function rulesOfFace(doc: RuleSource & { live?: RuleSource | null }, view: 'working' | 'live'): PolicyDataset {
  return policyDatasetOf(view === 'working' ? doc : (doc.live ?? {}));
}
