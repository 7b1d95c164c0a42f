// Reading a paired plan-versus-base difference: which side of zero its 95% CI lies on, and the downtime it implies.

import type { Interval } from '../../engine/index.ts';
import { MINUTES_PER_YEAR, formatDowntime } from './format.ts';

/** How a paired difference reads: its 95% CI above zero, below zero, or containing zero. */
export type ComparisonVerdict = 'better' | 'worse' | 'no clear difference';

/** The verdict of a difference plan − base in availability (bounds included: a CI touching 0 is not clear). */
export function judgeDifference(difference: Interval): ComparisonVerdict {
  if (difference.lower > 0) return 'better';
  if (difference.upper < 0) return 'worse';
  return 'no clear difference';
}

/** Downtime change in prose: "avoids 0.88 min/yr", "adds 3.1 h/yr", "no change". */
export function formatDowntimeChange(differenceInAvailability: number): string {
  const minutes = differenceInAvailability * MINUTES_PER_YEAR;
  if (minutes === 0) return 'no change in downtime';
  return minutes > 0 ? `avoids ${formatDowntime(minutes)}` : `adds ${formatDowntime(-minutes)}`;
}
