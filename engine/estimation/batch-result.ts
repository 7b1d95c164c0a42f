// Sufficient statistics of one batch: plain numbers that merge exactly (integers, or float sums reduced in
// batch-index order), so any worker count, shard split or resume gives bit-identical merged results.

import type { ImportanceSums } from '../importance/index.ts';

/** Crude Monte Carlo: integer counts. */
export interface CrudeServiceTally {
  readonly kind: 'crude';
  /** Samples evaluated for this service. */
  readonly samples: number;
  /** Samples in which the service was down. */
  readonly down: number;
  /** Sum over samples of the number of endpoints served (`from` endpoints for reach, terminals for connected). */
  readonly servedEndpoints: number;
}

/**
 * A weighted or rare-event estimator: each sample yields an unbiased estimate Y_i of the unavailability.
 * The batch keeps sum(Y_i) and sum(Y_i^2); they are reduced in batch-index order for reproducible floating point.
 */
export interface WeightedServiceTally {
  readonly kind: 'weighted';
  /** Estimator name, e.g. 'pmc' (permutation Monte Carlo), 'conditional-pmc'. */
  readonly estimator: string;
  readonly samples: number;
  readonly sum: number;
  readonly sumSquares: number;
  /**
   * Σ Y_i³, for the skewness-corrected interval (engine/estimation/confidence-interval.ts meanInterval); absent
   * where the estimator does not provide it (the interval is then the normal one).
   */
  readonly sumCubes?: number;
  /** Sum over samples of the expected served fraction times endpoints, when the estimator provides it; else -1. */
  readonly servedEndpoints: number;
  /**
   * Stratified sampling (engine/rare/stratified-sampling.ts): every Y_i is `constant + weight` (the drawn state took
   * the service down) or `constant`, and `down` counts the former, so the interval is Clopper-Pearson's on the count
   * mapped through constant + weight x. Absent for other estimators.
   */
  readonly strata?: StrataCounts;
}

/** The exact part, the weight of the sampled part and the count of sampled states that were down (see `strata`). */
export interface StrataCounts {
  readonly constant: number;
  readonly weight: number;
  readonly down: number;
}

export type ServiceTally = CrudeServiceTally | WeightedServiceTally;

/**
 * The tally of a service a batch did not evaluate because the service had stopped sampling before that batch (the
 * batch lists it in `skippedServices`): no samples. Such a batch lies beyond the service's own counted prefix, so
 * this tally never enters its figures.
 */
export const SKIPPED_CRUDE_TALLY: CrudeServiceTally = Object.freeze({ kind: 'crude', samples: 0, down: 0, servedEndpoints: 0 });

/**
 * The keys every kind's batch result shares (static, time, paired: engine/batch); runners, tallies and checkpoints
 * need no more.
 */
export interface KeyedBatchResult {
  /** Index of the scenario in its plan (a comparison: of its scenario pair). */
  readonly scenarioIndex: number;
  readonly scenarioId: string;
  readonly batchIndex: number;
  /** Samples (time simulation: simulated years) in the batch, >= 1. */
  readonly sampleCount: number;
}

/** The result of `runBatch`: what one batch contributes. */
export interface BatchResult extends KeyedBatchResult {
  readonly scenarioIndex: number;
  readonly scenarioId: string;
  readonly batchIndex: number;
  readonly sampleCount: number;
  /** One tally per service, in model service order. */
  readonly services: ServiceTally[];
  /**
   * Services this batch did not evaluate (ascending): they had stopped sampling before it (BatchTask.skipServices);
   * their tallies are SKIPPED_CRUDE_TALLY. Absent when every service was evaluated.
   */
  readonly skippedServices?: number[];
  /**
   * Critical-state counts for importance measures (engine/importance), present only in batches of scenarios
   * compiled with `importance: true`; absent otherwise (so the key does not appear in JSON).
   */
  readonly criticality?: ImportanceSums;
}
