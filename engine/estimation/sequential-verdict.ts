// The sequential verdict: does a service meet its availability target? Looked at after batch prefixes fixed by the
// plan (a geometric look schedule), each look spending a share of the error rate (alpha-spending over the looks,
// the stitching of Howard, Ramdas, McAuliffe and Sekhon 2021), so the verdict's error rate holds at any stopping time.

import { estimateUnavailabilityInterval } from './estimate.ts';
import type { ServiceAggregate } from './study-tally.ts';

/** Error rate of the verdict over all looks: the sum of the two-sided levels spent at every look. */
export const VERDICT_ALPHA = 0.05;

/** Ratio of consecutive look prefixes (in batches): looks at 1, 2, 3, 4, 6, 8, 12, 16, 23, 32, ... batches. */
export const VERDICT_LOOK_RATIO = Math.SQRT2;

/**
 * Exponent s of the spending sequence alpha_j = alpha / (zeta(s) (j + 1)^s): Howard et al. (2021, section 3.1)
 * recommend s = 1.4 for stitched boundaries; a smaller s spends more on late looks, a larger one on early looks.
 */
export const VERDICT_SPENDING_EXPONENT = 1.4;

/** Riemann zeta(1.4) = Σ_{k>=1} k^-1.4 (partial sum to 10^6 plus the Euler-Maclaurin tail), so Σ_j alpha_j = alpha. */
const ZETA_OF_SPENDING_EXPONENT = 3.1055472739965495;

/** The verdict of a service against its target. */
export type Verdict = 'met' | 'missed';

/**
 * Look index j (0, 1, 2, ...) when a prefix of `batchCount` batches is one of the plan's looks, else null. The looks
 * are the distinct values of ceil(firstLook VERDICT_LOOK_RATIO^i), i = 0, 1, 2, ...: they depend on the batch count
 * and the plan alone, so every run of a plan (any worker count, shards merged, resumed) looks at the same prefixes.
 * @param batchCount prefix length in batches (>= 1)
 * @param firstLook the first look in batches (>= 1); default 1
 */
export function verdictLookIndex(batchCount: number, firstLook = 1): number | null {
  if (!Number.isSafeInteger(batchCount) || batchCount < firstLook) return null;
  const looks = countVerdictLooksBefore(batchCount, firstLook);
  return looks.at === batchCount ? looks.count : null;
}

/**
 * Number of looks at prefixes shorter than `batchCount`, and the first look at or after it.
 * @param firstLook the first look in batches (>= 1)
 */
export function countVerdictLooksBefore(
  batchCount: number,
  firstLook = 1,
): { readonly count: number; readonly at: number } {
  if (!Number.isSafeInteger(firstLook) || firstLook < 1)
    throw new RangeError(`need a first look >= 1, got ${firstLook}`);
  let count = 0;
  let previous = 0;
  for (let i = 0; ; i++) {
    // Rounded to 9 digits first so that exact products (ratio^2 = 2) do not round up by a floating-point ulp.
    const prefix = Math.ceil(Number((firstLook * Math.pow(VERDICT_LOOK_RATIO, i)).toPrecision(9)));
    if (prefix === previous) continue;
    if (prefix >= batchCount) return { count, at: prefix };
    previous = prefix;
    count++;
  }
}

/**
 * Two-sided level alpha_j spent at look j: alpha / (zeta(s) (j + 1)^s), so that Σ_{j>=0} alpha_j = alpha for any
 * number of looks (no maximum sample count needs to be known, and a run cut short by time spends less).
 * @param lookIndex j >= 0
 * @param alpha total error rate in (0, 1); default VERDICT_ALPHA
 */
export function verdictLookAlpha(lookIndex: number, alpha = VERDICT_ALPHA): number {
  if (!(lookIndex >= 0)) throw new RangeError(`need a look index >= 0, got ${lookIndex}`);
  return alpha / (ZETA_OF_SPENDING_EXPONENT * Math.pow(lookIndex + 1, VERDICT_SPENDING_EXPONENT));
}

export { estimateUnavailabilityInterval } from './estimate.ts';

/**
 * The verdict at look j, or null while the look's interval contains the limit. Met: the whole interval (at level
 * 1 - alpha_j) lies at or below the largest unavailability the target allows; missed: entirely above it.
 * A wrong verdict needs the look's interval to miss the true value on one side, which happens with probability at
 * most alpha_j / 2 at look j, so at most alpha / 2 over all looks together (Bonferroni over the looks).
 * @param unavailabilityLimit 1 - target availability, in [0, 1]
 */
export function decideVerdict(
  aggregate: ServiceAggregate,
  unavailabilityLimit: number,
  lookIndex: number,
  alpha = VERDICT_ALPHA,
): Verdict | null {
  if (aggregate.samples < 1) return null;
  const interval = estimateUnavailabilityInterval(aggregate, verdictLookAlpha(lookIndex, alpha));
  if (interval.upper <= unavailabilityLimit) return 'met';
  if (interval.lower > unavailabilityLimit) return 'missed';
  return null;
}
