// What is counted and how a counter is keyed (docs/statistics.md "Events").

/** Counted events: a view of the published face, a download URL issued by scope, requests and their decisions. */
export const USAGE_EVENTS = [
  'view',
  'sample_download',
  'full_download',
  'request_submitted',
  'request_approved',
  'request_rejected',
] as const;
export type UsageEvent = (typeof USAGE_EVENTS)[number];

/** The requester dimension used when nobody signed in or the account belongs to no organisation. */
export const ANONYMOUS = 'anonymous';

/** Who an event came from, as far as the statistics keep it: an organisation's country and type, never a person. */
export interface RequesterKind {
  country: string;
  orgType: string;
}

export const ANONYMOUS_REQUESTER: RequesterKind = { country: ANONYMOUS, orgType: ANONYMOUS };

/** The UTC month of a date as `YYYY-MM`, the finest time a counter keeps. */
export function monthOf(at: Date): string {
  return at.toISOString().slice(0, 7);
}

/** The month `n` months before `month` (`YYYY-MM`). */
export function monthsBefore(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number);
  const d = new Date(Date.UTC(y!, m! - 1 - n, 1));
  return monthOf(d);
}
