// Merging batch results: a scenario's tally is the set of its batch results keyed by batch index, for every batch
// kind (static, time, paired). Merge is set union (associative, commutative, idempotent: a retried or duplicated
// batch is stored once), and every reduction walks batches in index order, so floating-point sums are
// reproducible (DESIGN.md invariant 2).

import { InternalError } from '../errors.ts';
import type { BatchResult, KeyedBatchResult, ServiceTally } from './batch-result.ts';
import { countContiguousBatchIndices, insertBatchByIndex } from './keyed-batches.ts';

/** All batch results of one scenario gathered so far, sorted by batch index, without duplicates. */
export interface ScenarioTally<R extends KeyedBatchResult = BatchResult> {
  readonly scenarioIndex: number;
  readonly batches: R[];
}

/** Merged statistics of one service over a prefix of batches. */
export interface ServiceAggregate {
  readonly kind: 'crude' | 'weighted';
  readonly estimator: string;
  readonly samples: number;
  /** crude: number of samples down (integer); weighted: sum of per-sample estimates. */
  readonly sum: number;
  /** weighted: sum of squares of per-sample estimates; crude: equal to sum (indicator squared). */
  readonly sumSquares: number;
  /** weighted: Σ Y³ when every batch provided it (skewness-corrected interval); else absent. */
  readonly sumCubes?: number;
  /** Sum of endpoints served; -1 when unknown. */
  readonly servedEndpoints: number;
}

/** An empty tally of scenario `scenarioIndex`. */
export function createScenarioTally<R extends KeyedBatchResult = BatchResult>(scenarioIndex: number): ScenarioTally<R> {
  return { scenarioIndex, batches: [] };
}

/** Thrown when two results claim the same batch but differ: a reproducibility bug, never user error. */
export class BatchConflictError extends InternalError {
  override readonly name = 'BatchConflictError';
}

/**
 * Adds a batch result to a tally in place. A batch already present is ignored when identical (idempotent
 * retries) and raises BatchConflictError when it differs.
 * @returns true when the batch was new
 */
export function addBatch<R extends KeyedBatchResult>(tally: ScenarioTally<R>, batch: R): boolean {
  if (batch.scenarioIndex !== tally.scenarioIndex) {
    throw new RangeError(`batch of scenario ${batch.scenarioIndex} added to tally of ${tally.scenarioIndex}`);
  }
  return insertBatchByIndex(
    tally.batches,
    batch,
    () =>
      new BatchConflictError(
        `batch ${batch.batchIndex} of scenario ${batch.scenarioId} was computed twice with different results`,
      ),
  );
}

/** Merges two tallies of the same scenario into a new one (union by batch index). */
export function mergeScenarioTallies<R extends KeyedBatchResult>(a: ScenarioTally<R>, b: ScenarioTally<R>): ScenarioTally<R> {
  const merged = createScenarioTally<R>(a.scenarioIndex);
  for (const batch of a.batches) addBatch(merged, batch);
  for (const batch of b.batches) addBatch(merged, batch);
  return merged;
}

/** Number of batches 0..k-1 present without a gap: only a contiguous prefix may be estimated from. */
export function countContiguousBatches(tally: ScenarioTally<KeyedBatchResult>): number {
  return countContiguousBatchIndices(tally.batches);
}

function tallyContribution(t: ServiceTally): { sum: number; sumSquares: number; served: number } {
  if (t.kind === 'crude') return { sum: t.down, sumSquares: t.down, served: t.servedEndpoints };
  return { sum: t.sum, sumSquares: t.sumSquares, served: t.servedEndpoints };
}

/**
 * Reduces batches 0..batchCount-1 (which must be present) of a scenario into one aggregate per service,
 * summing in batch-index order.
 */
export function aggregateServices(tally: ScenarioTally, batchCount: number): ServiceAggregate[] {
  if (batchCount < 1 || batchCount > countContiguousBatches(tally)) {
    throw new RangeError(`cannot aggregate ${batchCount} batches: only a prefix of ${countContiguousBatches(tally)} is present`);
  }
  const first = tally.batches[0];
  const serviceCount = first.services.length;
  const result: ServiceAggregate[] = [];
  for (let s = 0; s < serviceCount; s++) {
    const t0 = first.services[s];
    let samples = 0;
    let sum = 0;
    let sumSquares = 0;
    let served = 0;
    // NaN once a batch lacks Σ Y³ (crude tallies and the time simulation's steady-state batches never have it).
    let sumCubes = 0;
    for (let b = 0; b < batchCount; b++) {
      const t = tally.batches[b].services[s];
      const c = tallyContribution(t);
      samples += t.samples;
      sum += c.sum;
      sumSquares += c.sumSquares;
      sumCubes += t.kind === 'weighted' && t.sumCubes !== undefined ? t.sumCubes : NaN;
      served = served < 0 || c.served < 0 ? -1 : served + c.served;
    }
    result.push({
      kind: t0.kind,
      estimator: t0.kind === 'crude' ? 'crude' : t0.estimator,
      samples,
      sum,
      sumSquares,
      ...(Number.isNaN(sumCubes) ? {} : { sumCubes }),
      servedEndpoints: served,
    });
  }
  return result;
}
