/**
 * Small-count suppression for published statistics (docs/statistics.md "Privacy"): a breakdown cell
 * counting fewer than SUPPRESSION_THRESHOLD events could single out a person or an organisation
 * (one US company's requests for one dataset in one month), so it is shown as suppressed, never as
 * its number. Shared by the usage statistics and the public observatory.
 */
export const SUPPRESSION_THRESHOLD = 5;

/** A count as it may be shown: the number, or null with `suppressed` when it is 1 … threshold−1. */
export interface ShownCount {
  count: number | null;
  suppressed: boolean;
}

/** Zero is not suppressed (nothing to single out); 1 … threshold−1 are. */
export function suppress(count: number, threshold = SUPPRESSION_THRESHOLD): ShownCount {
  return count > 0 && count < threshold ? { count: null, suppressed: true } : { count, suppressed: false };
}
