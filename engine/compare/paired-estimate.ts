// Estimation of a paired difference from merged 2x2 tables: Newcombe's hybrid score interval for the
// difference of paired proportions, valid near 0 (Newcombe 1998, "Improved confidence intervals for the
// difference between binomial proportions based on paired data", Stat. Med. 17:2635, method 10).

import { wilsonInterval, type EstimateInterval } from '../estimation/confidence-interval.ts';
import type { PairedServiceTally } from './paired-plan.ts';

/** Adds two tables (integer counts: exact, associative and commutative). */
export function addPairedTallies(a: PairedServiceTally, b: PairedServiceTally): PairedServiceTally {
  return {
    samples: a.samples + b.samples,
    baseDown: a.baseDown + b.baseDown,
    planDown: a.planDown + b.planDown,
    bothDown: a.bothDown + b.bothDown,
  };
}

export interface PairedDifference {
  readonly baseAvailability: EstimateInterval;
  readonly planAvailability: EstimateInterval;
  /** planAvailability - baseAvailability with Newcombe's paired 95% CI. */
  readonly difference: EstimateInterval;
  /** Variance of the unpaired difference over that of the paired one; null when the paired variance is 0. */
  readonly varianceReduction: number | null;
}

function availabilityOf(down: number, n: number): EstimateInterval {
  const w = wilsonInterval(down, n);
  return { estimate: 1 - w.estimate, lower: 1 - w.upper, upper: 1 - w.lower };
}

/** Estimates the availability difference (plan - base) of one service from its merged 2x2 table. */
export function estimatePairedDifference(t: PairedServiceTally): PairedDifference {
  const n = t.samples;
  if (!(n >= 1)) throw new RangeError('need at least one paired sample');
  const bothUp = n - t.baseDown - t.planDown + t.bothDown;
  const baseOnly = t.baseDown - t.bothDown;
  const planOnly = t.planDown - t.bothDown;
  // Work with availabilities: p1 = plan up, p2 = base up; difference p1 - p2.
  const p1 = 1 - t.planDown / n;
  const p2 = 1 - t.baseDown / n;
  const w1 = wilsonInterval(n - t.planDown, n);
  const w2 = wilsonInterval(n - t.baseDown, n);
  // Correlation of the two indicators (phi coefficient of the 2x2 table), 0 when a margin is degenerate.
  const planUp = n - t.planDown;
  const baseUp = n - t.baseDown;
  const denominator = Math.sqrt(planUp * t.planDown * baseUp * t.baseDown);
  const phi = denominator > 0 ? (bothUp * t.bothDown - baseOnly * planOnly) / denominator : 0;
  const d1l = p1 - w1.lower;
  const d1u = w1.upper - p1;
  const d2l = p2 - w2.lower;
  const d2u = w2.upper - p2;
  const delta = Math.sqrt(Math.max(0, d1l * d1l - 2 * phi * d1l * d2u + d2u * d2u));
  const epsilon = Math.sqrt(Math.max(0, d1u * d1u - 2 * phi * d1u * d2l + d2l * d2l));
  const difference = p1 - p2;
  const pairedVariance = (baseOnly + planOnly) / n - difference * difference;
  const unpairedVariance = p1 * (1 - p1) + p2 * (1 - p2);
  return {
    baseAvailability: availabilityOf(t.baseDown, n),
    planAvailability: availabilityOf(t.planDown, n),
    difference: { estimate: difference, lower: Math.max(-1, difference - delta), upper: Math.min(1, difference + epsilon) },
    varianceReduction: pairedVariance > 0 ? unpairedVariance / pairedVariance : null,
  };
}
