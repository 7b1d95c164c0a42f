// Reduction of a time simulation's merged batches (a ScenarioTally of TimeBatchResults, engine/estimation): adds
// the per-service sums in batch-index order, so the float sums are bit-identical for any worker count or arrival
// order (DESIGN.md invariant 2).

import type { ScenarioTally } from '../estimation/study-tally.ts';
import {
  addTimeServiceTallies,
  createEmptyTimeServiceTally,
  type TimeBatchResult,
  type TimeServiceTally,
} from './time-batch-result.ts';

/** The merged batches of one scenario's time simulation. */
export type TimeTally = ScenarioTally<TimeBatchResult>;

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
