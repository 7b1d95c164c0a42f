// Sufficient statistics of one time-simulation batch: integer counts and float sums per service that merge by
// addition (float sums reduced in batch-index order, see time-tally.ts), plus the fixed outage-duration bins.

/** Hours in a simulated year: a mean Julian year of 365.25 days (matches MINUTES_PER_YEAR = 525,960). */
export const HOURS_PER_YEAR = 8766;

/**
 * Outage durations are censored here: an outage still running this long after it started is recorded as lasting
 * exactly this long (365 days). Only repair or event means of months can reach it.
 */
export const MAX_RECORDED_OUTAGE_HOURS = 8760;

/**
 * Fixed bin edges of the outage-duration histogram in hours: bin i is [edge i (included), edge i + 1 (excluded)).
 * The last bin, [168 h, Infinity), is open; result documents store its upper edge as MAX_RECORDED_OUTAGE_HOURS
 * (JSON has no Infinity), which is exact because recorded durations never exceed that cap.
 */
export const DURATION_BIN_EDGES_HOURS: readonly number[] = Object.freeze([
  0,
  1 / 60,
  5 / 60,
  0.25,
  0.5,
  1,
  2,
  4,
  8,
  12,
  24,
  48,
  96,
  168,
  Infinity,
]);

/** Number of duration bins (edges - 1). */
export const DURATION_BIN_COUNT = DURATION_BIN_EDGES_HOURS.length - 1;

/**
 * One service's statistics over the years of a batch. Year i contributes N_i outages (outages that start in
 * the year) and D_i hours of downtime (time down inside the year, including an outage already running at the
 * year's start).
 */
export interface TimeServiceTally {
  /** Simulated years (integer). */
  readonly years: number;
  /** Σ N_i (integer): outages that started in the batch's years. */
  readonly outageCount: number;
  /** Σ N_i^2 (integer). */
  readonly outageCountSquares: number;
  /** Σ D_i in hours. */
  readonly downtimeHours: number;
  /** Σ D_i^2 in hours^2. */
  readonly downtimeHoursSquares: number;
  /** Σ of the full durations (censored at MAX_RECORDED_OUTAGE_HOURS) of the counted outages, in hours. */
  readonly outageHours: number;
  /** Counted outages per duration bin (DURATION_BIN_EDGES_HOURS); sums to outageCount. */
  readonly durationCounts: readonly number[];
}

/** The result of `runTimeBatch`: what one batch of simulated years contributes. Plain, JSON and clone safe. */
export interface TimeBatchResult {
  /** Index of the scenario in its plan. */
  readonly scenarioIndex: number;
  readonly scenarioId: string;
  readonly batchIndex: number;
  /** Simulated years in the batch. */
  readonly sampleCount: number;
  /** One tally per service, in model service order. */
  readonly services: readonly TimeServiceTally[];
}

/** Index of the duration bin holding `hours` (>= 0). */
export function findDurationBin(hours: number): number {
  const edges = DURATION_BIN_EDGES_HOURS;
  let bin = DURATION_BIN_COUNT - 1;
  while (bin > 0 && hours < edges[bin]) bin--;
  return bin;
}

/** An all-zero tally (the identity of addition). */
export function createEmptyTimeServiceTally(): TimeServiceTally {
  return {
    years: 0,
    outageCount: 0,
    outageCountSquares: 0,
    downtimeHours: 0,
    downtimeHoursSquares: 0,
    outageHours: 0,
    durationCounts: new Array<number>(DURATION_BIN_COUNT).fill(0),
  };
}

/** Adds two tallies field by field. Exact for the integer fields; callers fix the order of float sums. */
export function addTimeServiceTallies(a: TimeServiceTally, b: TimeServiceTally): TimeServiceTally {
  return {
    years: a.years + b.years,
    outageCount: a.outageCount + b.outageCount,
    outageCountSquares: a.outageCountSquares + b.outageCountSquares,
    downtimeHours: a.downtimeHours + b.downtimeHours,
    downtimeHoursSquares: a.downtimeHoursSquares + b.downtimeHoursSquares,
    outageHours: a.outageHours + b.outageHours,
    durationCounts: a.durationCounts.map((c, i) => c + b.durationCounts[i]),
  };
}
