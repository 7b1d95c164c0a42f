// Mergeable sufficient statistics of critical-state importance sampling: integer counts in plain arrays, so batches
// merge exactly in any order and survive JSON checkpoints (DESIGN.md invariant 2).

import type { CompiledModel } from '../model.ts';

/**
 * Counts of `sampleCount` sampled states for the services `serviceIndices` (slot i is model service
 * `serviceIndices[i]`). Each per-slot row has length elementCount + groupCount: elements (nodes 0..N-1, then links
 * N..N+L-1) first, then risk groups (row index elementCount + g). All entries are non-negative integers (exact in a
 * double up to 2^53), with `criticalFailedCount <= criticalCount` and `criticalFailedCount <= serviceDownCount`.
 */
export interface ImportanceSums {
  readonly serviceIndices: readonly number[];
  readonly elementCount: number;
  readonly groupCount: number;
  /** n: number of sampled states. */
  readonly sampleCount: number;
  /** D per slot: states in which the service is down. */
  readonly serviceDownCount: readonly number[];
  /** C per slot and item: states in which the item is critical (its state alone decides the service's state). */
  readonly criticalCount: readonly (readonly number[])[];
  /**
   * Per slot and item: states in which the item is critical and failed (the service is down and the item's repair
   * alone restores it). `criticalCount - criticalFailedCount` counts the item critical and working.
   */
  readonly criticalFailedCount: readonly (readonly number[])[];
}

/**
 * The empty sums (n = 0) for `serviceIndices`: the identity of {@link mergeImportanceSums}.
 * @param serviceIndices model service indices, distinct
 */
export function createEmptyImportanceSums(model: CompiledModel, serviceIndices: readonly number[]): ImportanceSums {
  const itemCount = model.elementCount + model.groups.groupCount;
  const rows = (): number[][] => serviceIndices.map(() => new Array<number>(itemCount).fill(0));
  return {
    serviceIndices: [...serviceIndices],
    elementCount: model.elementCount,
    groupCount: model.groups.groupCount,
    sampleCount: 0,
    serviceDownCount: serviceIndices.map(() => 0),
    criticalCount: rows(),
    criticalFailedCount: rows(),
  };
}

/**
 * Merges the sums of two disjoint sample sets of the same model, scenario and services by adding every count.
 * Pure; associative, commutative and exact (integer addition below 2^53). Throws a RangeError when the two sums
 * cover different services or model sizes.
 */
export function mergeImportanceSums(a: ImportanceSums, b: ImportanceSums): ImportanceSums {
  if (
    a.elementCount !== b.elementCount ||
    a.groupCount !== b.groupCount ||
    a.serviceIndices.length !== b.serviceIndices.length ||
    a.serviceIndices.some((s, i) => s !== b.serviceIndices[i])
  ) {
    throw new RangeError('cannot merge importance sums of different services or model sizes');
  }
  const addRows = (x: readonly (readonly number[])[], y: readonly (readonly number[])[]): number[][] =>
    x.map((row, i) => row.map((value, j) => value + y[i][j]));
  return {
    serviceIndices: [...a.serviceIndices],
    elementCount: a.elementCount,
    groupCount: a.groupCount,
    sampleCount: a.sampleCount + b.sampleCount,
    serviceDownCount: a.serviceDownCount.map((value, i) => value + b.serviceDownCount[i]),
    criticalCount: addRows(a.criticalCount, b.criticalCount),
    criticalFailedCount: addRows(a.criticalFailedCount, b.criticalFailedCount),
  };
}
