// Paired comparison of two plans in time with common random numbers: base and plan are simulated over the same
// years on the same entity streams (engine/time/time-streams.ts), so an element present in both fails at the same
// moments until their repairs differ, and the per-year difference in downtime is estimated far more tightly than
// from two independent simulations. A batch adds up both sides' tallies and the per-year differences.
//
//   scenario pair ──base history, plan history (same streams, same warm-up)──> per-year differences ──> sums

import { estimatePairedDifference, type PairedDifference } from '../compare/paired-estimate.ts';
import type { KeyedBatchResult } from '../estimation/batch-result.ts';
import { Z_95, type EstimateInterval } from '../estimation/confidence-interval.ts';
import { BatchFailure } from '../run-batch.ts';
import type { StoppingRule } from '../model.ts';
import { simulateTimeHistory } from './simulate-time-history.ts';
import {
  addTimeCrewTallies,
  addTimeServiceTallies,
  type TimeCrewTally,
  type TimeServiceTally,
} from './time-batch-result.ts';
import { prepareTimeParameters } from './time-parameters.ts';
import type { TimePlan } from './time-plan.ts';

/** Two time plans whose services and scenarios are matched by id, compared year by year. */
export interface PairedTimePlan {
  readonly base: TimePlan;
  readonly plan: TimePlan;
  /** Service pairs compared: base service index and plan service index, by service id. */
  readonly servicePairs: ReadonlyArray<{ readonly id: string; readonly base: number; readonly plan: number }>;
  /** Scenario pairs compared: base scenario index and plan scenario index, by scenario id. */
  readonly scenarioPairs: ReadonlyArray<{ readonly id: string; readonly base: number; readonly plan: number }>;
  /** Seed of the shared streams. */
  readonly seed: string;
  /** Simulated years per batch, >= 1. */
  readonly batchSize: number;
  /** `maxSamples` is the simulated years per scenario pair; `relativeError` applies to the downtime differences. */
  readonly stopping: StoppingRule;
}

/**
 * One service pair over the years of a batch: both sides' tallies, and with d_i = plan - base downtime (hours) and
 * e_i = plan - base outages of year i, Σ d_i, Σ d_i^2, Σ e_i, Σ e_i^2, and the years neither side had an outage.
 */
export interface PairedTimeServiceTally {
  readonly base: TimeServiceTally;
  readonly plan: TimeServiceTally;
  readonly downtimeDifferenceHours: number;
  readonly downtimeDifferenceHoursSquares: number;
  readonly outageDifference: number;
  readonly outageDifferenceSquares: number;
  /** Years in which neither base nor plan had any downtime (integer). */
  readonly yearsWithoutOutageInBoth: number;
}

/** One batch of paired years of scenario pair `scenarioIndex` (keys as every kind's batch result). */
export interface PairedTimeBatchResult extends KeyedBatchResult {
  /** One tally per service pair, in `servicePairs` order. */
  readonly services: readonly PairedTimeServiceTally[];
  /** Each side's crews, in its model's crew order. */
  readonly crews: { readonly base: readonly TimeCrewTally[]; readonly plan: readonly TimeCrewTally[] };
}

/**
 * Runs batch `batchIndex` of scenario pair `scenarioIndex` with `years` paired years (pure). Both sides use the
 * streams of (seed, pair id, batch index) and the longer of their two warm-ups, so year i is the same stretch of
 * time on both sides.
 * @throws BatchFailure (with seed and batch index) when a simulation fails; RangeError on invalid arguments
 */
export function runPairedTimeBatch(
  pair: PairedTimePlan,
  scenarioIndex: number,
  batchIndex: number,
  years: number,
): PairedTimeBatchResult {
  const scenarioPair = pair.scenarioPairs[scenarioIndex];
  if (scenarioPair === undefined) throw new RangeError(`scenario pair ${scenarioIndex} is out of range`);
  if (!Number.isSafeInteger(years) || years < 1) throw new RangeError(`years must be a positive integer, got ${years}`);
  try {
    const baseParameters = prepareTimeParameters(pair.base.model, pair.base.scenarios[scenarioPair.base]);
    const planParameters = prepareTimeParameters(pair.plan.model, pair.plan.scenarios[scenarioPair.plan]);
    const warmUpHours = Math.max(baseParameters.warmUpHours, planParameters.warmUpHours);
    const source = { seed: pair.seed, streamScenarioId: scenarioPair.id, batchIndex };
    const base = simulateTimeHistory(pair.base.model, { ...baseParameters, warmUpHours }, source, years);
    const plan = simulateTimeHistory(pair.plan.model, { ...planParameters, warmUpHours }, source, years);
    const baseCount = pair.base.model.services.length;
    const planCount = pair.plan.model.services.length;
    const services = pair.servicePairs.map((sp): PairedTimeServiceTally => {
      let dSum = 0;
      let dSquares = 0;
      let eSum = 0;
      let eSquares = 0;
      let bothQuiet = 0;
      for (let y = 0; y < years; y++) {
        const bd = base.yearDowntimeHours[y * baseCount + sp.base];
        const pd = plan.yearDowntimeHours[y * planCount + sp.plan];
        const bo = base.yearOutages[y * baseCount + sp.base];
        const po = plan.yearOutages[y * planCount + sp.plan];
        const d = pd - bd;
        const e = po - bo;
        dSum += d;
        dSquares += d * d;
        eSum += e;
        eSquares += e * e;
        if (bd === 0 && bo === 0 && pd === 0 && po === 0) bothQuiet++;
      }
      return {
        base: base.services[sp.base],
        plan: plan.services[sp.plan],
        downtimeDifferenceHours: dSum,
        downtimeDifferenceHoursSquares: dSquares,
        outageDifference: eSum,
        outageDifferenceSquares: eSquares,
        yearsWithoutOutageInBoth: bothQuiet,
      };
    });
    return {
      scenarioIndex,
      scenarioId: scenarioPair.id,
      batchIndex,
      sampleCount: years,
      services,
      crews: { base: base.crews, plan: plan.crews },
    };
  } catch (error) {
    throw new BatchFailure(
      `paired time simulation failed: ${error instanceof Error ? error.message : String(error)}`,
      pair.seed,
      scenarioPair.id,
      batchIndex,
      { cause: error },
    );
  }
}

/** Merges two paired tallies (sums, and the sides' tallies merged). Callers fix the order of float sums. */
export function addPairedTimeTallies(a: PairedTimeServiceTally, b: PairedTimeServiceTally): PairedTimeServiceTally {
  return {
    base: addTimeServiceTallies(a.base, b.base),
    plan: addTimeServiceTallies(a.plan, b.plan),
    downtimeDifferenceHours: a.downtimeDifferenceHours + b.downtimeDifferenceHours,
    downtimeDifferenceHoursSquares: a.downtimeDifferenceHoursSquares + b.downtimeDifferenceHoursSquares,
    outageDifference: a.outageDifference + b.outageDifference,
    outageDifferenceSquares: a.outageDifferenceSquares + b.outageDifferenceSquares,
    yearsWithoutOutageInBoth: a.yearsWithoutOutageInBoth + b.yearsWithoutOutageInBoth,
  };
}

/** Merges two lists of crew tallies element-wise. */
export function addCrewTallyLists(a: readonly TimeCrewTally[], b: readonly TimeCrewTally[]): TimeCrewTally[] {
  return a.map((t, c) => addTimeCrewTallies(t, b[c]));
}

/** Paired figures of one service pair. */
export interface PairedTimeDifference {
  readonly years: number;
  /** Plan minus base downtime per year in minutes, with the paired (per-year) normal 95% interval. */
  readonly downtimeMinutesPerYear: EstimateInterval;
  /** Plan minus base outages per year, paired normal 95% interval. */
  readonly outagesPerYear: EstimateInterval;
  /**
   * P(no outage in a year), plan minus base, with Newcombe's paired interval (engine/compare), and both sides'
   * Wilson intervals.
   */
  readonly noOutageInYear: PairedDifference;
  /** Var(d) of two independent simulations over Var(d) paired (> 1: pairing helped); null when undefined. */
  readonly varianceReduction: number | null;
}

/** Mean of per-year differences with a normal 95% interval (may be negative). */
function differenceInterval(sum: number, sumSquares: number, n: number): EstimateInterval {
  const mean = sum / n;
  const variance = n > 1 ? Math.max(0, (sumSquares - n * mean * mean) / (n - 1)) : 0;
  const half = Z_95 * Math.sqrt(variance / n);
  return { estimate: mean, lower: mean - half, upper: mean + half };
}

/** Sample variance of n values from their sum and sum of squares (0 for n <= 1). */
function sampleVariance(sum: number, sumSquares: number, n: number): number {
  if (n <= 1) return 0;
  const mean = sum / n;
  return Math.max(0, (sumSquares - n * mean * mean) / (n - 1));
}

/**
 * Estimates the paired differences of one service pair from its merged tally: the per-year differences are i.i.d.
 * over years, so their mean has a normal interval whose width reflects the pairing (Law, Simulation Modeling and
 * Analysis, 5th ed. 2015, 10.2.1, paired-t). P(no outage in a year) is a paired proportion (Newcombe 1998).
 */
export function estimatePairedTimeDifference(t: PairedTimeServiceTally): PairedTimeDifference {
  const n = t.base.years;
  if (!(n >= 1) || t.plan.years !== n) throw new RangeError(`need paired years, got ${t.base.years} and ${t.plan.years}`);
  const downtime = differenceInterval(t.downtimeDifferenceHours, t.downtimeDifferenceHoursSquares, n);
  const outages = differenceInterval(t.outageDifference, t.outageDifferenceSquares, n);
  // "Down" in the 2x2 table of years: a year with an outage.
  const baseDown = n - t.base.yearsWithoutOutage;
  const planDown = n - t.plan.yearsWithoutOutage;
  const eitherQuiet = t.base.yearsWithoutOutage + t.plan.yearsWithoutOutage - t.yearsWithoutOutageInBoth;
  const noOutageInYear = estimatePairedDifference({ samples: n, baseDown, planDown, bothDown: n - eitherQuiet });
  const pairedVariance = sampleVariance(t.downtimeDifferenceHours, t.downtimeDifferenceHoursSquares, n);
  const unpairedVariance =
    sampleVariance(t.base.downtimeHours, t.base.downtimeHoursSquares, n) +
    sampleVariance(t.plan.downtimeHours, t.plan.downtimeHoursSquares, n);
  return {
    years: n,
    downtimeMinutesPerYear: { estimate: downtime.estimate * 60, lower: downtime.lower * 60, upper: downtime.upper * 60 },
    outagesPerYear: outages,
    noOutageInYear,
    varianceReduction: pairedVariance > 0 ? unpairedVariance / pairedVariance : null,
  };
}

/**
 * Relative error of a paired downtime difference: its 95% half-width over |difference|. A service no year of which
 * differed so far is measured against the larger mean downtime of the two sides instead, so services the plan does
 * not touch do not block a relative-error target; Infinity while neither side was ever down.
 */
export function pairedTimeRelativeError(t: PairedTimeServiceTally): number {
  const n = t.base.years;
  if (n < 1) return Infinity;
  const d = differenceInterval(t.downtimeDifferenceHours, t.downtimeDifferenceHoursSquares, n);
  const half = d.upper - d.estimate;
  const scale =
    t.downtimeDifferenceHoursSquares > 0 ? Math.abs(d.estimate) : Math.max(t.base.downtimeHours, t.plan.downtimeHours) / n;
  return scale > 0 ? half / scale : Infinity;
}
