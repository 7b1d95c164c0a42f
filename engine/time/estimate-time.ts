// Estimates from merged time-simulation statistics (DESIGN.md invariant 3): outages and downtime per year as means
// over independent years with 95% confidence intervals, mean outage duration and the share of outages over 1 h.

import jStat from 'jstat';
import { Z_95, type EstimateInterval } from '../estimation/confidence-interval.ts';
import { DURATION_BIN_EDGES_HOURS, HOURS_PER_YEAR, type TimeServiceTally } from './time-batch-result.ts';

/** Minutes in a simulated year (HOURS_PER_YEAR * 60 = 525,960, as MINUTES_PER_YEAR). */
export const TIME_MINUTES_PER_YEAR = HOURS_PER_YEAR * 60;

// jstat 1.9.6 has the gamma quantile; the project's minimal typings (types/jstat.d.ts) do not list it.
const gammaDistribution = (jStat as unknown as { gamma: { inv(p: number, shape: number, scale: number): number } })
  .gamma;

/** Figures of one service from a time simulation. */
export interface TimeServiceFigures {
  readonly years: number;
  /** Outages counted (each in the year it started). */
  readonly outageCount: number;
  /** Outages starting per year. */
  readonly outagesPerYear: EstimateInterval;
  /** Minutes down per year, in [0, TIME_MINUTES_PER_YEAR]. */
  readonly downtimeMinutesPerYear: EstimateInterval;
  /** Long-run fraction of time down (downtime / year length): the unavailability, in [0, 1]. */
  readonly downtimeFraction: EstimateInterval;
  /** Mean outage duration in hours (durations censored at MAX_RECORDED_OUTAGE_HOURS); null without outages. */
  readonly meanOutageHours: number | null;
  /** Fraction of outages lasting 1 h or longer; null without outages. */
  readonly fractionOverOneHour: number | null;
  /** Outage counts per duration bin (DURATION_BIN_EDGES_HOURS). */
  readonly durationCounts: readonly number[];
}

/**
 * Exact (Garwood 1936) two-sided 95% interval for a Poisson mean given `count` events: lower = Gamma(count)
 * quantile 0.025, upper = Gamma(count + 1) quantile 0.975. For count 0 the upper bound is -ln(0.025) = 3.689.
 * @param count observed events, an integer >= 0
 */
export function poissonInterval(count: number): EstimateInterval {
  const lower = count === 0 ? 0 : gammaDistribution.inv(0.025, count, 1);
  const upper = gammaDistribution.inv(0.975, count + 1, 1);
  return { estimate: count, lower: Math.min(lower, count), upper: Math.max(upper, count) };
}

/** Normal 95% interval for the mean of `n` i.i.d. values given their sum and sum of squares; lower clamped at 0. */
function normalMeanInterval(sum: number, sumSquares: number, n: number): EstimateInterval {
  const mean = sum / n;
  // max(0, .) guards the rounding of sumSquares - n * mean^2.
  const variance = n > 1 ? Math.max(0, (sumSquares - n * mean * mean) / (n - 1)) : 0;
  const half = Z_95 * Math.sqrt(variance / n);
  return { estimate: mean, lower: Math.max(0, mean - half), upper: mean + half };
}

/**
 * Estimates a service's figures from its merged tally.
 *
 * Outages per year: the mean of the per-year counts with the union of two 95% intervals, the normal interval on
 * the per-year counts (valid with clustering) and the exact Poisson interval of the total count divided by the
 * years (valid for few outages). With no outage this is [0, 3.689 / years].
 *
 * Downtime per year: the mean of the per-year downtimes with a normal 95% interval, capped at the year length.
 * With no downtime observed the normal interval collapses to [0, 0]; the upper bound is then the outage rate's
 * upper bound times `longestMeanOutageHours`, an approximate bound on the mean outage duration.
 *
 * @param tally merged statistics of one service, with years >= 1
 * @param longestMeanOutageHours the longest mean repair or event duration of anything that can fail (hours, >= 0)
 */
export function estimateTimeFigures(tally: TimeServiceTally, longestMeanOutageHours: number): TimeServiceFigures {
  const years = tally.years;
  if (!(years >= 1)) throw new RangeError(`need at least one simulated year, got ${years}`);
  const normalOutages = normalMeanInterval(tally.outageCount, tally.outageCountSquares, years);
  const poisson = poissonInterval(tally.outageCount);
  const outagesPerYear = {
    estimate: normalOutages.estimate,
    lower: Math.min(normalOutages.lower, poisson.lower / years),
    upper: Math.max(normalOutages.upper, poisson.upper / years),
  };
  const downtime = normalMeanInterval(tally.downtimeHours, tally.downtimeHoursSquares, years);
  let downtimeUpper = downtime.upper;
  if (tally.downtimeHours === 0) downtimeUpper = outagesPerYear.upper * longestMeanOutageHours;
  downtimeUpper = Math.min(HOURS_PER_YEAR, downtimeUpper);
  const downtimeHours = {
    estimate: downtime.estimate,
    lower: downtime.lower,
    upper: Math.max(downtime.estimate, downtimeUpper),
  };
  let overOneHour = 0;
  tally.durationCounts.forEach((count, i) => {
    if (DURATION_BIN_EDGES_HOURS[i] >= 1) overOneHour += count;
  });
  return {
    years,
    outageCount: tally.outageCount,
    outagesPerYear,
    downtimeMinutesPerYear: {
      estimate: downtimeHours.estimate * 60,
      lower: downtimeHours.lower * 60,
      upper: downtimeHours.upper * 60,
    },
    downtimeFraction: {
      estimate: downtimeHours.estimate / HOURS_PER_YEAR,
      lower: downtimeHours.lower / HOURS_PER_YEAR,
      upper: downtimeHours.upper / HOURS_PER_YEAR,
    },
    meanOutageHours: tally.outageCount > 0 ? tally.outageHours / tally.outageCount : null,
    fractionOverOneHour: tally.outageCount > 0 ? overOneHour / tally.outageCount : null,
    durationCounts: tally.durationCounts,
  };
}
