// Reduction of a time simulation's merged batches (a ScenarioTally of TimeBatchResults, engine/estimation): adds
// the per-service and per-crew sums in batch-index order, so the float sums are bit-identical for any worker count
// or arrival order (DESIGN.md invariant 2).

import type { ScenarioTally } from '../estimation/study-tally.ts';
import {
  addTimeCrewTallies,
  addTimeServiceTallies,
  createEmptyTimeCrewTally,
  createEmptyTimeServiceTally,
  type TimeBatchResult,
  type TimeCrewTally,
  type TimeServiceTally,
} from './time-batch-result.ts';

/** The merged batches of one scenario's time simulation. */
export type TimeTally = ScenarioTally<TimeBatchResult>;

function checkBatchCount(tally: TimeTally, batchCount: number): void {
  if (batchCount < 0 || batchCount > tally.batches.length) {
    throw new RangeError(`cannot aggregate ${batchCount} of ${tally.batches.length} time batches`);
  }
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
  checkBatchCount(tally, batchCount);
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

/**
 * Reduces the first `batchCount` batches of the tally (default all) into one tally per crew, in batch-index order.
 * @param crewCount crews in the model, for an empty tally
 */
export function aggregateTimeCrews(tally: TimeTally, crewCount: number, batchCount = tally.batches.length): TimeCrewTally[] {
  checkBatchCount(tally, batchCount);
  const totals = Array.from({ length: crewCount }, createEmptyTimeCrewTally);
  for (let b = 0; b < batchCount; b++) {
    const crews = tally.batches[b].crews;
    if (crews.length !== crewCount)
      throw new RangeError(`time batch ${tally.batches[b].batchIndex} has ${crews.length} crews, expected ${crewCount}`);
    for (let c = 0; c < crewCount; c++) totals[c] = addTimeCrewTallies(totals[c], crews[c]);
  }
  return totals;
}
