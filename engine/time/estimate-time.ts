// Estimates from merged time-simulation statistics (DESIGN.md invariant 3): per service, outages and downtime per
// year as means over simulated years, the outage-duration distribution (mean, 95th percentile, P(> 4 h), P(> 15 h)),
// P(no outage in a year) and the worst year; per crew, its load, utilisation and waits. Every interval is 95%.

import jStat from 'jstat';
import { clopperPearsonInterval, Z_95, type EstimateInterval } from '../estimation/confidence-interval.ts';
import {
  DURATION_BIN_EDGES_HOURS,
  HOURS_PER_YEAR,
  QUANTILE_BIN_COUNT,
  QUANTILE_MIN_HOURS,
  quantileBinLowerHours,
  quantileBinUpperHours,
  type TimeCrewTally,
  type TimeServiceTally,
} from './time-batch-result.ts';

/** Minutes in a simulated year (HOURS_PER_YEAR * 60 = 525,960, as MINUTES_PER_YEAR). */
export const TIME_MINUTES_PER_YEAR = HOURS_PER_YEAR * 60;

/** The outage-duration quantile reported (the 95th percentile). */
export const OUTAGE_DURATION_QUANTILE = 0.95;

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
  /** Mean outage duration in hours with a normal interval over outages; null without outages. */
  readonly meanOutage: EstimateInterval | null;
  /** 95th percentile of the outage duration in hours with a distribution-free interval; null without outages. */
  readonly p95OutageHours: EstimateInterval | null;
  /** Share of outages longer than 4 h, Clopper-Pearson interval; null without outages. */
  readonly probabilityOver4Hours: EstimateInterval | null;
  /** Share of outages longer than 15 h, Clopper-Pearson interval; null without outages. */
  readonly probabilityOver15Hours: EstimateInterval | null;
  /** P(no outage in a year): share of years with the service up throughout, Clopper-Pearson interval. */
  readonly probabilityNoOutageInYear: EstimateInterval;
  /** The worst simulated year: its downtime in hours, and the most outages in one year. */
  readonly worstYearDowntimeHours: number;
  readonly worstYearOutages: number;
  /** The longest outage in hours (censored); null without outages. */
  readonly longestOutageHours: number | null;
}

/** Figures of one repair crew from a time simulation. */
export interface TimeCrewFigures {
  readonly years: number;
  /** Jobs (repairs, restorations) its members took. */
  readonly jobs: number;
  /** Jobs per year, exact Poisson interval. */
  readonly jobsPerYear: EstimateInterval;
  /** Fraction of member-time busy (responding or working), in [0, 1]; normal interval over years. */
  readonly utilisation: EstimateInterval;
  /** Mean wait in hours from request to a member taking the job, over all jobs; null without jobs. */
  readonly meanWaitHours: EstimateInterval | null;
  /** Share of jobs that waited, Clopper-Pearson interval; null without jobs. */
  readonly probabilityWait: EstimateInterval | null;
  /** The longest wait in hours; null without jobs. */
  readonly longestWaitHours: number | null;
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

/** Scales an interval by a positive factor. */
function scaleInterval(i: EstimateInterval, factor: number): EstimateInterval {
  return { estimate: i.estimate * factor, lower: i.lower * factor, upper: i.upper * factor };
}

/**
 * The duration (hours) below which `rank` of the `n` recorded outages lie, from the fine quantile histogram:
 * interpolated inside its bin (linearly in bin 0, geometrically in the logarithmic bins), at most the longest.
 * @param rank in [0, n]
 */
function durationAtRank(counts: readonly number[], rank: number, longest: number): number {
  let before = 0;
  for (let bin = 0; bin < QUANTILE_BIN_COUNT; bin++) {
    const count = counts[bin];
    if (count > 0 && before + count >= rank) {
      const fraction = Math.min(1, Math.max(0, (rank - before) / count));
      const lower = quantileBinLowerHours(bin);
      const upper = quantileBinUpperHours(bin);
      const value = bin === 0 ? fraction * QUANTILE_MIN_HOURS : lower * Math.pow(upper / lower, fraction);
      return Math.min(value, longest);
    }
    before += count;
  }
  return longest;
}

/**
 * A quantile of the outage duration with a distribution-free 95% interval: the order statistics whose ranks are the
 * normal approximation of the binomial bounds, n p -/+ z sqrt(n p (1 - p)) (Conover, Practical Nonparametric
 * Statistics, 3rd ed. 1999, 3.2), read from the fine histogram. An upper rank beyond n gives the longest outage.
 */
function durationQuantile(tally: TimeServiceTally, p: number): EstimateInterval | null {
  const n = tally.outageCount;
  if (n === 0) return null;
  const counts = tally.durationQuantileCounts;
  const longest = tally.longestOutageHours;
  const half = Z_95 * Math.sqrt(n * p * (1 - p));
  const estimate = durationAtRank(counts, p * n, longest);
  const lower = durationAtRank(counts, Math.max(0, Math.floor(p * n - half)), longest);
  const upperRank = Math.ceil(p * n + half);
  const upper = upperRank >= n ? longest : durationAtRank(counts, upperRank, longest);
  return { estimate, lower: Math.min(lower, estimate), upper: Math.max(upper, estimate) };
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
 * Durations: outages are taken as independent draws (those of one year may be correlated; the intervals then
 * understate the uncertainty somewhat). P(no outage in a year): years are taken as independent (consecutive years
 * of a history share only what runs across a year end).
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
  const n = tally.outageCount;
  const withOutages = n > 0;
  return {
    years,
    outageCount: n,
    outagesPerYear,
    downtimeMinutesPerYear: scaleInterval(downtimeHours, 60),
    downtimeFraction: scaleInterval(downtimeHours, 1 / HOURS_PER_YEAR),
    meanOutageHours: withOutages ? tally.outageHours / n : null,
    fractionOverOneHour: withOutages ? overOneHour / n : null,
    durationCounts: tally.durationCounts,
    meanOutage: withOutages ? normalMeanInterval(tally.outageHours, tally.outageHoursSquares, n) : null,
    p95OutageHours: durationQuantile(tally, OUTAGE_DURATION_QUANTILE),
    probabilityOver4Hours: withOutages ? clopperPearsonInterval(tally.outagesOver4Hours, n) : null,
    probabilityOver15Hours: withOutages ? clopperPearsonInterval(tally.outagesOver15Hours, n) : null,
    probabilityNoOutageInYear: clopperPearsonInterval(tally.yearsWithoutOutage, years),
    worstYearDowntimeHours: tally.worstYearDowntimeHours,
    worstYearOutages: tally.worstYearOutages,
    longestOutageHours: withOutages ? tally.longestOutageHours : null,
  };
}

/**
 * Estimates a crew's figures from its merged tally. Utilisation: member-hours busy per year over (size x year
 * length), mean over years with a normal interval, in [0, 1]. Waits: over the jobs taken, taken as independent.
 * @param size the crew's members, >= 1
 */
export function estimateTimeCrewFigures(tally: TimeCrewTally, size: number): TimeCrewFigures {
  const years = tally.years;
  if (!(years >= 1)) throw new RangeError(`need at least one simulated year, got ${years}`);
  const capacity = size * HOURS_PER_YEAR;
  const busy = normalMeanInterval(tally.busyHours, tally.busyHoursSquares, years);
  const utilisation = {
    estimate: busy.estimate / capacity,
    lower: busy.lower / capacity,
    upper: Math.min(1, busy.upper / capacity),
  };
  const jobs = tally.jobs;
  return {
    years,
    jobs,
    jobsPerYear: scaleInterval(poissonInterval(jobs), 1 / years),
    utilisation,
    meanWaitHours: jobs > 0 ? normalMeanInterval(tally.waitHours, tally.waitHoursSquares, jobs) : null,
    probabilityWait: jobs > 0 ? clopperPearsonInterval(tally.waitedJobs, jobs) : null,
    longestWaitHours: jobs > 0 ? tally.longestWaitHours : null,
  };
}
