// Merging time-simulation batches: a tally is the set of a scenario's batch results keyed by batch index. Merge is
// set union (associative, commutative, idempotent), and the reduction adds batches in index order, so the float
// sums are bit-identical for any worker count or arrival order (DESIGN.md invariant 2; cf. estimation/study-tally.ts).

import {
  addTimeServiceTallies,
  createEmptyTimeServiceTally,
  type TimeBatchResult,
  type TimeServiceTally,
} from './time-batch-result.ts';
import { countContiguousBatchIndices, insertBatchByIndex } from '../estimation/keyed-batches.ts';

/** All time batches of one scenario gathered so far, sorted by batch index, without duplicates. */
export interface TimeTally {
  readonly scenarioId: string;
  readonly batches: TimeBatchResult[];
}

/** Thrown when two results claim the same batch but differ: a reproducibility bug, never user error. */
export class TimeBatchConflictError extends Error {
  override readonly name = 'TimeBatchConflictError';
}

/** An empty tally of the scenario with user id `scenarioId`. */
export function createTimeTally(scenarioId: string): TimeTally {
  return { scenarioId, batches: [] };
}

/**
 * Adds a batch to a tally in place, keeping batch-index order. An identical duplicate is ignored (retries);
 * a differing one raises TimeBatchConflictError.
 * @returns true when the batch was new
 */
export function addTimeBatch(tally: TimeTally, batch: TimeBatchResult): boolean {
  if (batch.scenarioId !== tally.scenarioId) {
    throw new RangeError(`time batch of scenario ${batch.scenarioId} added to the tally of ${tally.scenarioId}`);
  }
  return insertBatchByIndex(
    tally.batches,
    batch,
    () =>
      new TimeBatchConflictError(
        `time batch ${batch.batchIndex} of scenario ${batch.scenarioId} was computed twice with different results`,
      ),
  );
}

/** Merges two tallies of the same scenario into a new one (union by batch index). */
export function mergeTimeTallies(a: TimeTally, b: TimeTally): TimeTally {
  const merged = createTimeTally(a.scenarioId);
  for (const batch of a.batches) addTimeBatch(merged, batch);
  for (const batch of b.batches) addTimeBatch(merged, batch);
  return merged;
}

/** Number of batches 0..k-1 present without a gap: only such a prefix is estimated from after an interruption. */
export function countContiguousTimeBatches(tally: TimeTally): number {
  return countContiguousBatchIndices(tally.batches);
}

/**
 * Reduces the first `batchCount` batches of the tally (default all) into one tally per service, adding in
 * batch-index order.
 * @param serviceCount services in the model, for an empty tally
 */
export function aggregateTimeTally(
  tally: TimeTally,
  serviceCount: number,
  batchCount = tally.batches.length,
): TimeServiceTally[] {
  if (batchCount < 0 || batchCount > tally.batches.length) {
    throw new RangeError(`cannot aggregate ${batchCount} of ${tally.batches.length} time batches`);
  }
  const totals = Array.from({ length: serviceCount }, createEmptyTimeServiceTally);
  for (let b = 0; b < batchCount; b++) {
    const services = tally.batches[b].services;
    if (services.length !== serviceCount)
      throw new RangeError(
        `time batch ${tally.batches[b].batchIndex} has ${services.length} services, expected ${serviceCount}`,
      );
    for (let s = 0; s < serviceCount; s++) totals[s] = addTimeServiceTallies(totals[s], services[s]);
  }
  return totals;
}
