// Preallocated buffers of the critical-state sampling loop: created once per worker and model, reset with fill,
// so the per-sample loop allocates nothing.

import { createExtensionScanScratch, type ExtensionScanScratch } from '../analysis/index.ts';
import type { CompiledModel } from '../model.ts';
import { createEarlyExitScratch, type EarlyExitScratch } from './internal/early-exit-check.ts';

/**
 * Scratch state of {@link runImportanceSamples}. A sampled state is held as its causes (`ownDown`, `groupOccurred`,
 * `memberHit`), from which `causeCount` and `down` are derived, so that a risk group's event can be undone exactly.
 */
export interface ImportanceScratch {
  readonly elementCount: number;
  readonly groupCount: number;
  readonly memberCount: number;
  /** 1 when element e is down for a reason other than a risk group: independent failure, forced, random attack. */
  readonly ownDown: Uint8Array;
  /** 1 when risk-group event g occurred in the sample (forced groups included). */
  readonly groupOccurred: Uint8Array;
  /**
   * 1 when group member m (CSR index into `model.groups.memberElement`) fails given its group's event: drawn in every
   * sample whether or not the event occurred, as the crude sampler does, and used to evaluate the event's effect.
   */
  readonly memberHit: Uint8Array;
  /** Number of causes keeping element e down (own failure, member hits of occurred groups, targeted attack). */
  readonly causeCount: Int32Array;
  /** 1 when element e is down: `causeCount[e] > 0`, changed temporarily while testing repairs and extra failures. */
  readonly down: Uint8Array;
  /** The elements down in the current sample (before any targeted attack): `downList[0..downCount)`. */
  readonly downList: Int32Array;
  /** Output of the extension scan, or of the repair tests in a down state; length elementCount. */
  readonly critical: Uint8Array;
  /** Elements whose state a risk-group test changed, to restore them; length memberCount. */
  readonly changed: Int32Array;
  /** Pool of the random attack's partial Fisher-Yates shuffle; grown (outside the loop) to the candidate count. */
  attackPool: Uint32Array;
  readonly checkScratch: EarlyExitScratch;
  readonly scanScratch: ExtensionScanScratch;
}

/**
 * Creates the scratch buffers for one model; reuse them across batches, scenarios and services of that model.
 * @param model the compiled model (only its sizes are read)
 */
export function createImportanceScratch(model: CompiledModel): ImportanceScratch {
  const elementCount = model.elementCount;
  const groupCount = model.groups.groupCount;
  const memberCount = model.groups.memberElement.length;
  const nodeCount = model.topology.nodeCount;
  return {
    elementCount,
    groupCount,
    memberCount,
    ownDown: new Uint8Array(elementCount),
    groupOccurred: new Uint8Array(groupCount),
    memberHit: new Uint8Array(memberCount),
    causeCount: new Int32Array(elementCount),
    down: new Uint8Array(elementCount),
    downList: new Int32Array(elementCount),
    critical: new Uint8Array(elementCount),
    changed: new Int32Array(Math.max(1, memberCount)),
    attackPool: new Uint32Array(0),
    checkScratch: createEarlyExitScratch(nodeCount),
    scanScratch: createExtensionScanScratch(nodeCount),
  };
}
