// Registration rules of docs/design.md §4 that JSON Schema cannot express (they relate two objects).
// Pure: content in, field errors out. A rule applies only when the fields it relates are present,
// so drafts are checked as far as they go and publication (which requires them) checks them all.
import type { FieldError } from '../../schemas/errors';

const RESTRICTED_ACCESS_LEVELS: readonly string[] = ['approval', 'enclave', 'closed'];
const RESTRICTED_CLASSIFICATIONS: readonly string[] = ['sensitive', 'confidential'];

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** Field errors of the docs/design.md §4 registration rules (plus date order) for a dataset's content. */
export function registrationErrors(ds: unknown): FieldError[] {
  const content = record(ds);
  const disclosure = record(content.disclosure);
  const classification = record(content.classification);
  const accessLevel = str(disclosure.accessLevel);
  const samplesAccess = str(disclosure.samplesAccess);
  const level = str(classification.level);
  const personalInfo = str(classification.personalInfo);
  const errors: FieldError[] = [];

  if (level && RESTRICTED_CLASSIFICATIONS.includes(level)) {
    if (accessLevel && !RESTRICTED_ACCESS_LEVELS.includes(accessLevel)) {
      errors.push({
        path: '/disclosure/accessLevel',
        code: 'classification_requires_restricted_access',
        params: { level },
      });
    }
    if (samplesAccess === 'open') {
      errors.push({
        path: '/disclosure/samplesAccess',
        code: 'classification_requires_restricted_samples',
        params: { level },
      });
    }
  }

  if (personalInfo === 'identifiable' && accessLevel && !RESTRICTED_ACCESS_LEVELS.includes(accessLevel)) {
    errors.push({ path: '/disclosure/accessLevel', code: 'identifiable_requires_restricted_access', params: {} });
  }

  // Not in docs/design.md §4 but never meaningful: a coverage period that ends before it starts.
  // YYYY-MM-DD strings compare chronologically.
  const coverage = record(content.temporalCoverage);
  const start = str(coverage.start);
  const end = str(coverage.end);
  if (start && end && end < start) {
    errors.push({ path: '/temporalCoverage/end', code: 'end_before_start', params: {} });
  }

  return errors;
}
