// Permutation Monte Carlo (Lomonosov's turnip) over one batch: the sufficient statistics of a weighted
// estimator of one service's unavailability, unbiased and with bounded-ish relative error when failures are rare.

import type { WeightedServiceTally } from '../estimation/batch-result.ts';
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

/** 'pmc' without uncertain risk groups; 'conditional-pmc' when risk-group events are stratified. */
export type PmcEstimatorName = 'pmc' | 'conditional-pmc';

/** Sums over one batch of the per-sample unbiased estimates Y_i in [0, 1] of the unavailability. */
export interface PmcSampleSums {
  readonly estimator: PmcEstimatorName;
  readonly samples: number;
  /** Σ Y_i. */
  readonly sum: number;
  /** Σ Y_i². */
  readonly sumSquares: number;
  /** Σ Y_i³ (the skewness-corrected interval). */
  readonly sumCubes: number;
}

/**
 * Runs `sampleCount` permutation Monte Carlo samples of one service's unavailability.
 *
 * ```
 * scenario ──resolve──> birth rates λ_e = -ln q_e per element (per risk-group stratum)
 * per sample: uniforms ──> birth times ──turnip──> relevant births until the service is up (r steps)
 *             Y = P(Exp(Λ_0) + ... + Exp(Λ_{r-1}) > 1)      (hypoexponential tail, uniformization)
 * ```
 *
 * Nodes and links both take part in the creation process (a link counts once it and both its ends are born), so
 * node failures need no transformation. Scenario: its `elementFailureProbability` override and `forcedElements`
 * (rate 0: never born) apply, as do forced groups, `randomFailures: false`, a targeted attack on this service and a
 * random attack (drawn per sample).
 *
 * Risk groups ('conditional-pmc'): the combinations of at most `maxSimultaneousEvents` uncertain group events are
 * enumerated with their exact probabilities and each gets its own permutation; the remaining combinations are
 * covered by one combination drawn per sample from their exact conditional distribution (stratified sampling), so
 * the estimate stays unbiased and the common low-order event combinations contribute no sampling noise from the
 * event draw. This was chosen over failure-biasing importance sampling, whose weights can blow up the variance.
 *
 * Each sample draws exactly the same number of uniforms, so the result depends on the stream alone.
 * @param model the compiled model
 * @param scenario the compiled scenario
 * @param serviceIndex index into `model.services`
 * @param random the batch's uniform stream on [0, 1)
 * @param sampleCount number of samples (>= 0)
 * @param scratch buffers from {@link createPmcScratch} for this model
 * @param options risk-group stratification limits
 */
export function runPmcSamples(
  model: CompiledModel,
  scenario: CompiledScenario,
  serviceIndex: number,
  random: UniformSource,
  sampleCount: number,
  scratch: PmcScratch,
  options: PmcOptions = {},
): PmcSampleSums {
  const plan = getPmcPlan(model, scenario, serviceIndex, resolvePmcOptions(options));
  preparePmcScratch(plan, scratch);
  let sum = 0;
  let sumSquares = 0;
  let sumCubes = 0;
  for (let i = 0; i < sampleCount; i++) {
    const occurring = drawPmcSample(plan, scratch, random);
    const y = evaluatePmcSample(plan, scratch, occurring, -1, 0);
    sum += y;
    sumSquares += y * y;
    sumCubes += y * y * y;
  }
  return { estimator: plan.estimator, samples: sampleCount, sum, sumSquares, sumCubes };
}

/** The batch tally of PMC sums (kind 'weighted'; served endpoints not provided: -1). */
export function toWeightedServiceTally(sums: PmcSampleSums): WeightedServiceTally {
  return {
    kind: 'weighted',
    estimator: sums.estimator,
    samples: sums.samples,
    sum: sums.sum,
    sumSquares: sums.sumSquares,
    sumCubes: sums.sumCubes,
    servedEndpoints: -1,
  };
}

/** The estimator name runPmcSamples will report for this model and scenario. */
export function resolvePmcEstimatorName(
  model: CompiledModel,
  scenario: CompiledScenario,
  serviceIndex: number,
): PmcEstimatorName {
  return getPmcPlan(model, scenario, serviceIndex, resolvePmcOptions()).estimator;
}
