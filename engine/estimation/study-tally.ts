// Merging batch results: a scenario's tally is the set of its batch results keyed by batch index, for every batch
// kind (static, time, paired). Merge is set union (associative, commutative, idempotent: a retried or duplicated
// batch is stored once), and every reduction walks batches in index order, so floating-point sums are
// reproducible (DESIGN.md invariant 2).

import { InternalError } from '../errors.ts';
import type { BatchResult, KeyedBatchResult, StrataCounts } from './batch-result.ts';
import { countContiguousBatchIndices, hasBatchIndex, insertBatchByIndex } from './keyed-batches.ts';

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
  /** Stratified sampling: the exact part, the sampled part's weight and the sampled states down (batch-result.ts). */
  readonly strata?: StrataCounts;
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

/** True when the tally holds batch `batchIndex`. */
export function hasBatch(tally: ScenarioTally<KeyedBatchResult>, batchIndex: number): boolean {
  return hasBatchIndex(tally.batches, batchIndex);
}

/** Running sums of one service over a prefix of batches. */
interface ServiceSums {
  kind: 'crude' | 'weighted';
  estimator: string;
  samples: number;
  sum: number;
  sumSquares: number;
  /** NaN once a batch lacks Σ Y³ (crude tallies and the time simulation's steady-state batches never have it). */
  sumCubes: number;
  /** -1 once a batch does not know it. */
  served: number;
  /** Stratified tallies: the first batch's exact part and weight (every batch has the same), and the sampled downs. */
  strata: { constant: number; weight: number; down: number } | null;
}

/** Sums of a prefix of batches: `batchCount` leading batches added, in index order. */
interface PrefixSums {
  batchCount: number;
  readonly services: ServiceSums[];
}

function startPrefixSums(first: BatchResult): PrefixSums {
  return {
    batchCount: 0,
    services: first.services.map((t0) => ({
      kind: t0.kind,
      estimator: t0.kind === 'crude' ? 'crude' : t0.estimator,
      samples: 0,
      sum: 0,
      sumSquares: 0,
      sumCubes: 0,
      served: 0,
      strata: t0.kind === 'weighted' && t0.strata !== undefined ? { constant: t0.strata.constant, weight: t0.strata.weight, down: 0 } : null,
    })),
  };
}

/** Adds the next batch of the prefix (batch index `sums.batchCount`). */
function addToPrefixSums(sums: PrefixSums, batch: BatchResult): void {
  for (let s = 0; s < sums.services.length; s++) {
    const acc = sums.services[s];
    const t = batch.services[s];
    const sum = t.kind === 'crude' ? t.down : t.sum;
    const sumSquares = t.kind === 'crude' ? t.down : t.sumSquares;
    acc.samples += t.samples;
    acc.sum += sum;
    acc.sumSquares += sumSquares;
    acc.sumCubes += t.kind === 'weighted' && t.sumCubes !== undefined ? t.sumCubes : NaN;
    acc.served = acc.served < 0 || t.servedEndpoints < 0 ? -1 : acc.served + t.servedEndpoints;
    if (acc.strata !== null && t.samples > 0) {
      const strata = t.kind === 'weighted' ? t.strata : undefined;
      if (strata === undefined || strata.constant !== acc.strata.constant || strata.weight !== acc.strata.weight) {
        throw new InternalError(`batch ${batch.batchIndex} of scenario ${batch.scenarioId}: service ${s}'s strata differ from batch 0's`);
      }
      acc.strata.down += strata.down;
    }
  }
  sums.batchCount++;
}

function toAggregates(sums: PrefixSums): ServiceAggregate[] {
  return sums.services.map((acc) => ({
    kind: acc.kind,
    estimator: acc.estimator,
    samples: acc.samples,
    sum: acc.sum,
    sumSquares: acc.sumSquares,
    ...(Number.isNaN(acc.sumCubes) ? {} : { sumCubes: acc.sumCubes }),
    servedEndpoints: acc.served,
    ...(acc.strata === null ? {} : { strata: { ...acc.strata } }),
  }));
}

function checkPrefix(tally: ScenarioTally, batchCount: number): void {
  if (batchCount < 1 || batchCount > countContiguousBatches(tally)) {
    throw new RangeError(`cannot aggregate ${batchCount} batches: only a prefix of ${countContiguousBatches(tally)} is present`);
  }
}

/**
 * Reduces batches 0..batchCount-1 (which must be present) of a scenario into one aggregate per service,
 * summing in batch-index order.
 */
export function aggregateServices(tally: ScenarioTally, batchCount: number): ServiceAggregate[] {
  checkPrefix(tally, batchCount);
  const sums = startPrefixSums(tally.batches[0]);
  for (let b = 0; b < batchCount; b++) addToPrefixSums(sums, tally.batches[b]);
  return toAggregates(sums);
}

/** The longest prefix summed so far per tally: a present prefix never changes (batches are only added). */
const prefixSumsCache = new WeakMap<ScenarioTally, PrefixSums>();

/**
 * aggregateServices for a stopping rule that asks after every merged batch for ever longer prefixes: the sums of the
 * longest prefix asked so far are kept and extended, in the same batch-index order, so the figures are bit-identical
 * to aggregateServices and a run costs linear, not quadratic, time in its batches.
 */
export function aggregateServicesIncrementally(tally: ScenarioTally, batchCount: number): ServiceAggregate[] {
  checkPrefix(tally, batchCount);
  let sums = prefixSumsCache.get(tally);
  // A shorter prefix than the one summed so far is summed afresh.
  if (sums !== undefined && sums.batchCount > batchCount) return aggregateServices(tally, batchCount);
  if (sums === undefined) {
    sums = startPrefixSums(tally.batches[0]);
    prefixSumsCache.set(tally, sums);
  }
  while (sums.batchCount < batchCount) addToPrefixSums(sums, tally.batches[sums.batchCount]);
  return toAggregates(sums);
}
