// Sufficient statistics of one time-simulation batch: integer counts, float sums and maxima per service and per crew
// that merge by addition or maximum (float sums reduced in batch-index order, see time-tally.ts), plus fixed
// outage-duration histograms: display bins, and fine logarithmic bins for quantiles.

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

/** Durations over which the share of outages is counted exactly (P(outage > 4 h), P(outage > 15 h)). */
export const LONG_OUTAGE_HOURS = Object.freeze({ over4: 4, over15: 15 });

/** Fine quantile bins per decade of duration (bin widths of 10^(1/20), 12%). */
export const QUANTILE_BINS_PER_DECADE = 20;
/** Lower edge of the first logarithmic quantile bin: 10^-3 h (3.6 s); shorter outages fall in bin 0, [0, 10^-3). */
export const QUANTILE_MIN_HOURS = 1e-3;
/**
 * Number of quantile bins: bin 0 is [0, 10^-3 h); bin i >= 1 is [10^(-3 + (i - 1) / 20), 10^(-3 + i / 20)) h, up to
 * 10^4 h, above the censoring cap.
 */
export const QUANTILE_BIN_COUNT = 1 + 7 * QUANTILE_BINS_PER_DECADE;

/** Lower edge (hours) of quantile bin i. */
export function quantileBinLowerHours(bin: number): number {
  return bin === 0 ? 0 : QUANTILE_MIN_HOURS * Math.pow(10, (bin - 1) / QUANTILE_BINS_PER_DECADE);
}

/** Upper edge (hours, excluded) of quantile bin i. */
export function quantileBinUpperHours(bin: number): number {
  return QUANTILE_MIN_HOURS * Math.pow(10, bin / QUANTILE_BINS_PER_DECADE);
}

/** Index of the quantile bin holding `hours` (>= 0, at most MAX_RECORDED_OUTAGE_HOURS). */
export function findQuantileBin(hours: number): number {
  if (hours < QUANTILE_MIN_HOURS) return 0;
  let bin = 1 + Math.floor(QUANTILE_BINS_PER_DECADE * Math.log10(hours / QUANTILE_MIN_HOURS));
  // Rounding of log10 near an edge: place the value by the edges themselves.
  if (bin > 1 && hours < quantileBinLowerHours(bin)) bin--;
  else if (hours >= quantileBinUpperHours(bin)) bin++;
  return Math.min(QUANTILE_BIN_COUNT - 1, bin);
}

/**
 * One service's statistics over the years of a batch. Year i contributes N_i outages (outages that start in the year)
 * and D_i hours of downtime (time down inside the year, including an outage already running at the year's start).
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
  /** Σ of the squared durations of the counted outages, in hours^2. */
  readonly outageHoursSquares: number;
  /** Counted outages lasting more than 4 h (integer). */
  readonly outagesOver4Hours: number;
  /** Counted outages lasting more than 15 h (integer). */
  readonly outagesOver15Hours: number;
  /** The longest counted outage in hours (censored), 0 without one. Merges by maximum. */
  readonly longestOutageHours: number;
  /** Years with no downtime at all: the service up from the year's first to its last instant (integer). */
  readonly yearsWithoutOutage: number;
  /** The largest D_i in hours. Merges by maximum. */
  readonly worstYearDowntimeHours: number;
  /** The largest N_i. Merges by maximum. */
  readonly worstYearOutages: number;
  /** Counted outages per quantile bin (findQuantileBin); sums to outageCount. */
  readonly durationQuantileCounts: readonly number[];
}

/**
 * One crew's statistics over the years of a batch. A job is one repair (or one member restoration); its wait is the
 * time from the request until a crew member takes it (then busy for response plus work).
 */
export interface TimeCrewTally {
  /** Simulated years (integer). */
  readonly years: number;
  /** Jobs a crew member took during the years (integer). */
  readonly jobs: number;
  /** Of those, jobs that waited for a member (integer). */
  readonly waitedJobs: number;
  /** Σ wait over those jobs, in hours. */
  readonly waitHours: number;
  /** Σ wait^2, in hours^2. */
  readonly waitHoursSquares: number;
  /** The longest wait in hours, 0 without one. Merges by maximum. */
  readonly longestWaitHours: number;
  /** Σ over years of the member-hours busy in the year (B_i), in hours. */
  readonly busyHours: number;
  /** Σ B_i^2, in hours^2. */
  readonly busyHoursSquares: number;
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
  /** One tally per crew, in model crew order (empty without crews). */
  readonly crews: readonly TimeCrewTally[];
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
    outageHoursSquares: 0,
    outagesOver4Hours: 0,
    outagesOver15Hours: 0,
    longestOutageHours: 0,
    yearsWithoutOutage: 0,
    worstYearDowntimeHours: 0,
    worstYearOutages: 0,
    durationQuantileCounts: new Array<number>(QUANTILE_BIN_COUNT).fill(0),
  };
}

/** Merges two tallies field by field (sums and maxima). Exact for the integer fields; callers fix the order of float sums. */
export function addTimeServiceTallies(a: TimeServiceTally, b: TimeServiceTally): TimeServiceTally {
  return {
    years: a.years + b.years,
    outageCount: a.outageCount + b.outageCount,
    outageCountSquares: a.outageCountSquares + b.outageCountSquares,
    downtimeHours: a.downtimeHours + b.downtimeHours,
    downtimeHoursSquares: a.downtimeHoursSquares + b.downtimeHoursSquares,
    outageHours: a.outageHours + b.outageHours,
    durationCounts: a.durationCounts.map((c, i) => c + b.durationCounts[i]),
    outageHoursSquares: a.outageHoursSquares + b.outageHoursSquares,
    outagesOver4Hours: a.outagesOver4Hours + b.outagesOver4Hours,
    outagesOver15Hours: a.outagesOver15Hours + b.outagesOver15Hours,
    longestOutageHours: Math.max(a.longestOutageHours, b.longestOutageHours),
    yearsWithoutOutage: a.yearsWithoutOutage + b.yearsWithoutOutage,
    worstYearDowntimeHours: Math.max(a.worstYearDowntimeHours, b.worstYearDowntimeHours),
    worstYearOutages: Math.max(a.worstYearOutages, b.worstYearOutages),
    durationQuantileCounts: a.durationQuantileCounts.map((c, i) => c + b.durationQuantileCounts[i]),
  };
}

/** An all-zero crew tally. */
export function createEmptyTimeCrewTally(): TimeCrewTally {
  return {
    years: 0,
    jobs: 0,
    waitedJobs: 0,
    waitHours: 0,
    waitHoursSquares: 0,
    longestWaitHours: 0,
    busyHours: 0,
    busyHoursSquares: 0,
  };
}

/** Merges two crew tallies (sums and maxima). */
export function addTimeCrewTallies(a: TimeCrewTally, b: TimeCrewTally): TimeCrewTally {
  return {
    years: a.years + b.years,
    jobs: a.jobs + b.jobs,
    waitedJobs: a.waitedJobs + b.waitedJobs,
    waitHours: a.waitHours + b.waitHours,
    waitHoursSquares: a.waitHoursSquares + b.waitHoursSquares,
    longestWaitHours: Math.max(a.longestWaitHours, b.longestWaitHours),
    busyHours: a.busyHours + b.busyHours,
    busyHoursSquares: a.busyHoursSquares + b.busyHoursSquares,
  };
}
