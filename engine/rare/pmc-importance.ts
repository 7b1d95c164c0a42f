// Importance measures estimated with permutation Monte Carlo by conditioning: for each element, the unavailability
// with the element held down and held up, from the same permutations (common random numbers), with delta-method
// confidence intervals.

import { computeMarginalFailureProbability, resolveElementFailureModel } from '../exact/index.ts';
import type { CompiledModel, CompiledScenario } from '../model.ts';
import type { UniformSource } from '../sampling/random-stream.ts';
import {
  getPmcPlan,
  drawPmcSample,
  evaluatePmcSample,
  preparePmcScratch,
  resolvePmcOptions,
  type PmcOptions,
} from './internal/pmc-plan.ts';
import type { PmcScratch } from './pmc-scratch.ts';
import type { PmcEstimatorName } from './run-pmc-samples.ts';

/** Per-element sums, stride IMPORTANCE_STRIDE, with these offsets (Y: base, D: held down, U: held up). */
export const IMPORTANCE_SUM_DOWN = 0;
export const IMPORTANCE_SUM_UP = 1;
export const IMPORTANCE_SUM_DOWN_SQUARES = 2;
export const IMPORTANCE_SUM_UP_SQUARES = 3;
export const IMPORTANCE_SUM_BASE_DOWN = 4;
export const IMPORTANCE_SUM_BASE_UP = 5;
export const IMPORTANCE_SUM_DOWN_UP = 6;
export const IMPORTANCE_STRIDE = 7;

/** Mergeable sufficient statistics of the PMC importance estimator (sums of products of per-sample estimates). */
export interface PmcImportanceSums {
  readonly estimator: PmcEstimatorName;
  /** Element indices measured (nodes, then links). */
  readonly elements: Uint32Array;
  readonly samples: number;
  /** Σ Y and Σ Y² of the base estimate. */
  readonly sum: number;
  readonly sumSquares: number;
  /** elements.length * IMPORTANCE_STRIDE sums: Σ D, Σ U, Σ D², Σ U², Σ Y·D, Σ Y·U, Σ D·U. */
  readonly elementSums: Float64Array;
}

/**
 * Runs `sampleCount` PMC samples, each evaluated three ways per element from the same uniforms: as is (Y), with the
 * element held down (D: birth rate 0, in every risk-group stratum) and held up (U: born at time 0, whatever the
 * groups do). Cost per sample: 1 + 2 * elements.length turnip permutations.
 * @param elements element indices in [0, elementCount)
 */
export function runPmcImportanceSamples(
  model: CompiledModel,
  scenario: CompiledScenario,
  serviceIndex: number,
  elements: ArrayLike<number>,
  random: UniformSource,
  sampleCount: number,
  scratch: PmcScratch,
  options: PmcOptions = {},
): PmcImportanceSums {
  // Every element takes part: holding a forced element up can make elements relevant that are not in the base state.
  const plan = getPmcPlan(model, scenario, serviceIndex, resolvePmcOptions({ ...options, reduceToService: false }));
  preparePmcScratch(plan, scratch);
  const measured = Uint32Array.from(elements);
  for (const e of measured) {
    if (e >= model.elementCount) throw new RangeError(`importance element ${e} is outside [0, ${model.elementCount})`);
  }
  const sums = new Float64Array(measured.length * IMPORTANCE_STRIDE);
  let sum = 0;
  let sumSquares = 0;
  for (let i = 0; i < sampleCount; i++) {
    const occurring = drawPmcSample(plan, scratch, random);
    const y = evaluatePmcSample(plan, scratch, occurring, -1, 0);
    sum += y;
    sumSquares += y * y;
    for (let k = 0; k < measured.length; k++) {
      const e = measured[k];
      const d = evaluatePmcSample(plan, scratch, occurring, e, 0);
      const u = evaluatePmcSample(plan, scratch, occurring, e, Infinity);
      const o = k * IMPORTANCE_STRIDE;
      sums[o + IMPORTANCE_SUM_DOWN] += d;
      sums[o + IMPORTANCE_SUM_UP] += u;
      sums[o + IMPORTANCE_SUM_DOWN_SQUARES] += d * d;
      sums[o + IMPORTANCE_SUM_UP_SQUARES] += u * u;
      sums[o + IMPORTANCE_SUM_BASE_DOWN] += y * d;
      sums[o + IMPORTANCE_SUM_BASE_UP] += y * u;
      sums[o + IMPORTANCE_SUM_DOWN_UP] += d * u;
    }
  }
  return { estimator: plan.estimator, elements: measured, samples: sampleCount, sum, sumSquares, elementSums: sums };
}

/** Merges two batches' sums (same elements); merge in batch-index order for reproducible floating point. */
export function mergePmcImportanceSums(a: PmcImportanceSums, b: PmcImportanceSums): PmcImportanceSums {
  if (a.elements.length !== b.elements.length || a.elements.some((e, i) => e !== b.elements[i])) {
    throw new RangeError('cannot merge importance sums over different elements');
  }
  const elementSums = new Float64Array(a.elementSums.length);
  for (let i = 0; i < elementSums.length; i++) elementSums[i] = a.elementSums[i] + b.elementSums[i];
  return {
    estimator: a.estimator,
    elements: a.elements,
    samples: a.samples + b.samples,
    sum: a.sum + b.sum,
    sumSquares: a.sumSquares + b.sumSquares,
    elementSums,
  };
}

/** A point estimate with its standard error and two-sided 95% normal confidence interval (estimate ± 1.96 se). */
export interface EstimatedInterval {
  readonly estimate: number;
  readonly standardError: number;
  readonly lower: number;
  readonly upper: number;
}

/** Estimated importance of one element; measures as defined in engine/exact ImportanceMeasures. */
export interface PmcImportanceEstimate {
  readonly element: number;
  /** Marginal failure probability q of the element (over uncertain risk groups). */
  readonly failureProbability: number;
  readonly unavailability: EstimatedInterval;
  readonly unavailabilityDown: EstimatedInterval;
  readonly unavailabilityUp: EstimatedInterval;
  readonly birnbaum: EstimatedInterval;
  readonly criticality: EstimatedInterval;
  readonly riskAchievementWorth: EstimatedInterval;
  readonly riskReductionWorth: EstimatedInterval;
  readonly fussellVesely: EstimatedInterval;
}

const Z_95 = 1.959963984540054;

/**
 * Estimates the importance measures from merged sums (DESIGN.md invariant 3: estimation after merging). Means
 * (m, d, u) of (Y, D, U) have sample covariance S; each measure f(m, d, u) gets the delta-method standard error
 * `sqrt(∇f' S ∇f / n)` (e.g. Rausand and Høyland 2004 for the measures; Glynn and Whitt 1992 for ratio estimators).
 * Birnbaum `d - u`, criticality `q (d - u) / m`, RAW `d / m`, RRW `m / u`, Fussell-Vesely `(m - u) / m`. A zero
 * denominator gives NaN or Infinity estimates with NaN standard errors.
 * @param model the model and scenario used for the sums (they give each element's failure probability q)
 */
export function estimatePmcImportance(
  model: CompiledModel,
  scenario: CompiledScenario,
  serviceIndex: number,
  sums: PmcImportanceSums,
): PmcImportanceEstimate[] {
  const failureModel = resolveElementFailureModel(model, serviceIndex, { scenario });
  const n = sums.samples;
  const m0 = sums.sum / n;
  const covariance = (sxy: number, sx: number, sy: number): number => (n > 1 ? (sxy - (sx * sy) / n) / (n - 1) : NaN);
  const vBase = covariance(sums.sumSquares, sums.sum, sums.sum);
  const estimates: PmcImportanceEstimate[] = [];
  sums.elements.forEach((element, k) => {
    const o = k * IMPORTANCE_STRIDE;
    const s = sums.elementSums;
    const sd = s[o + IMPORTANCE_SUM_DOWN];
    const su = s[o + IMPORTANCE_SUM_UP];
    const md = sd / n;
    const mu = su / n;
    // Covariance matrix of (Y, D, U), symmetric.
    const c00 = vBase;
    const c11 = covariance(s[o + IMPORTANCE_SUM_DOWN_SQUARES], sd, sd);
    const c22 = covariance(s[o + IMPORTANCE_SUM_UP_SQUARES], su, su);
    const c01 = covariance(s[o + IMPORTANCE_SUM_BASE_DOWN], sums.sum, sd);
    const c02 = covariance(s[o + IMPORTANCE_SUM_BASE_UP], sums.sum, su);
    const c12 = covariance(s[o + IMPORTANCE_SUM_DOWN_UP], sd, su);
    const interval = (estimate: number, g0: number, g1: number, g2: number): EstimatedInterval => {
      const variance =
        g0 * g0 * c00 + g1 * g1 * c11 + g2 * g2 * c22 + 2 * (g0 * g1 * c01 + g0 * g2 * c02 + g1 * g2 * c12);
      const standardError = Math.sqrt(Math.max(0, variance) / n);
      return {
        estimate,
        standardError,
        lower: estimate - Z_95 * standardError,
        upper: estimate + Z_95 * standardError,
      };
    };
    const q = computeMarginalFailureProbability(model, failureModel, element);
    const b = md - mu;
    estimates.push({
      element,
      failureProbability: q,
      unavailability: interval(m0, 1, 0, 0),
      unavailabilityDown: interval(md, 0, 1, 0),
      unavailabilityUp: interval(mu, 0, 0, 1),
      birnbaum: interval(b, 0, 1, -1),
      criticality: interval((q * b) / m0, (-q * b) / (m0 * m0), q / m0, -q / m0),
      riskAchievementWorth: interval(md / m0, -md / (m0 * m0), 1 / m0, 0),
      riskReductionWorth: interval(m0 / mu, 1 / mu, 0, -m0 / (mu * mu)),
      fussellVesely: interval((m0 - mu) / m0, mu / (m0 * m0), 0, -1 / m0),
    });
  });
  return estimates;
}
