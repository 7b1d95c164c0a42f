// Preallocated buffers of the permutation Monte Carlo loop: created once per worker and model, reset with fill, so
// the sample loop allocates nothing.

import type { CompiledModel } from '../model.ts';

/**
 * Scratch state of {@link runPmcSamples} and {@link runPmcImportanceSamples}. Mutable fields hold the running
 * state of one permutation (rate sum, counters) so helper routines share it without closures.
 */
export interface PmcScratch {
  readonly nodeCount: number;
  readonly elementCount: number;
  /** 1 once an element is born (repaired) in the creation process. */
  readonly born: Uint8Array;
  /** 1 while an unborn element can still change the service's state (counted in the rate sum). */
  readonly relevant: Uint8Array;
  /** Birth time of each element in the current permutation. */
  readonly birthTime: Float64Array;
  /** Binary min-heap of element indices keyed by birth time. */
  readonly heap: Int32Array;
  /** Union-find over nodes, with each component's member list (root first) for the turnip's pruning scan. */
  readonly parent: Int32Array;
  readonly componentSize: Int32Array;
  readonly memberNext: Int32Array;
  readonly memberTail: Int32Array;
  /** Born `to` nodes (of the service's reach criterion) in the component. */
  readonly componentCount: Int32Array;
  /** Born `from` nodes in the component. */
  readonly componentFrom: Int32Array;
  /** Rate sum before each step and the removed rate sum (`rates[0] - rates[i]`) accumulated without cancellation. */
  readonly stepRate: Float64Array;
  readonly stepRemoved: Float64Array;
  readonly survivalWork: Float64Array;
  /** Birth rates of the current run (after risk-group conditioning, attack and interventions). */
  readonly rate: Float64Array;
  /** The rate array of the permutation being run (`rate` or a precomputed per-combination array). */
  activeRate: Float64Array;
  /** Risk-group conditioning of a sampled combination: per-element up/down and a stamp of touched elements. */
  readonly workUp: Float64Array;
  readonly workDown: Float64Array;
  readonly touched: Int32Array;
  /** Uniforms of one sample, grown (outside the sample loop) to what a plan needs. */
  uniforms: Float64Array;
  /** Pool for the random attack's partial Fisher-Yates shuffle, and the chosen elements. */
  attackPool: Uint32Array;
  occurringGroups: Uint32Array;
  /** The sampled stratum drawn for the current sample (index into the plan's sampled strata), -1 when none. */
  sampledStratum: number;
  touchStamp: number;
  rateSum: number;
  removedSum: number;
  relevantCount: number;
  unsatisfied: number;
  isUp: boolean;
}

/**
 * Creates the scratch buffers for one model; reuse them across batches of the same model.
 * @param model the compiled model (sizes only are read)
 */
export function createPmcScratch(model: CompiledModel): PmcScratch {
  const n = model.topology.nodeCount;
  const m = model.elementCount;
  return {
    nodeCount: n,
    elementCount: m,
    born: new Uint8Array(m),
    relevant: new Uint8Array(m),
    birthTime: new Float64Array(m),
    heap: new Int32Array(m),
    parent: new Int32Array(n),
    componentSize: new Int32Array(n),
    memberNext: new Int32Array(n),
    memberTail: new Int32Array(n),
    componentCount: new Int32Array(n),
    componentFrom: new Int32Array(n),
    stepRate: new Float64Array(m + 1),
    stepRemoved: new Float64Array(m + 1),
    survivalWork: new Float64Array(3 * (m + 1)),
    rate: new Float64Array(m),
    activeRate: new Float64Array(0),
    workUp: new Float64Array(m),
    workDown: new Float64Array(m),
    touched: new Int32Array(m),
    uniforms: new Float64Array(m),
    attackPool: new Uint32Array(0),
    occurringGroups: new Uint32Array(model.groups.groupCount),
    sampledStratum: -1,
    touchStamp: 0,
    rateSum: 0,
    removedSum: 0,
    relevantCount: 0,
    unsatisfied: 0,
    isUp: false,
  };
}
