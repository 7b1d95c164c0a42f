// The fast crude batch in dense failure regimes: services whose samples carry many relevant failures are evaluated
// 32 samples at a time by bit-parallel reachability (engine/evaluation/bit-parallel-reach.ts), on failures drawn 32
// samples at a time by the block sampler (engine/sampling/block-sampler.ts). The tallies have the scalar loop's
// distribution; for a given seed the numbers differ from it (the stream is read in another order).
//
//   stream ──drawBlock──> down word per element (bit j: sample j of the block)
//      dense services:  evaluateBitParallel ──> up word ──popcount──> down and served counts
//      other services:  per-sample failure lists ──evaluateFailures (masked)──> as in the scalar loop

import {
  BLOCK_SAMPLES,
  compileBitParallelService,
  countBits,
  createBitParallelScratch,
  evaluateBitParallel,
  type BitParallelScratch,
  type BitParallelService,
} from '../evaluation/bit-parallel-reach.ts';
import { analyseServiceStructures, ROLE_CRITICAL, ROLE_IRRELEVANT } from '../evaluation/service-structure.ts';
import type { CompiledModel, CompiledScenario } from '../model.ts';
import { expandLayerState, expandLayerWords } from '../sampling/layer-expansion.ts';
import type { SteppableBatchStream } from '../sampling/random-stream.ts';
import {
  compileBlockSampler,
  createBlockSamplerScratch,
  drawBlock,
  drawsEveryBlock,
  nextGapCandidateSample,
  startBlockBatch,
  type BlockSamplerPlan,
  type BlockSamplerScratch,
} from '../sampling/block-sampler.ts';
import { evaluateFailures } from './evaluate-failures.ts';
import type { FastScenario } from './fast-scenario.ts';
import { getOrBuild } from '../internal/plan-cache.ts';

/**
 * Which evaluator a fast crude batch uses per service. 'auto' (default): bit-parallel for a service whose kind
 * supports it when its expected relevant failures per sample reach {@link DENSE_FAILURES_PER_SAMPLE} and pay for the
 * size of its relevant part ({@link DENSE_WORD_STEPS_PER_FAILURE}); both come from the compiled plan; 'scalar':
 * never; 'dense': whenever the kind supports it (tests and benchmarks). A scenario with a bit-parallel service draws
 * with the block sampler, so its numbers for a given seed depend on the choice; their distribution does not.
 */
export type EvaluatorChoice = 'auto' | 'scalar' | 'dense';

/**
 * Expected random failures per sample among a service's relevant elements below which the scalar loop is kept: it
 * skips failure-free samples in bulk. Measured on the dodecahedron (bench/dense-regime.ts): the bit-parallel loop
 * is 0.7x the scalar one at 0.09 failures per sample and 1.3x at 0.3 (docs/performance.md, "Dense failure regimes").
 */
export const DENSE_FAILURES_PER_SAMPLE = 0.25;

/**
 * The bit-parallel loop's work per sample grows with the service's part (sources x half-edges / 32 word steps per
 * sample), the scalar loop's with the failures it meets: bit-parallel evaluation is chosen while the first is at
 * most this many times the expected relevant failures per sample. Measured on the benchmark's generated backbones
 * (250 and 2,500 sites): break-even between 16 and 28 for two-terminal and k-terminal services, and a reach service
 * with 8-10 sources 4x slower at 250 word steps per failure.
 */
export const DENSE_WORD_STEPS_PER_FAILURE = 16;

/** The dense-regime data of one (model, scenario, choice): which services go bit-parallel, and buffers. */
export interface DenseScenario {
  /** Per service: its bit-parallel part, or null when it stays on the scalar evaluation. */
  readonly parts: readonly (BitParallelService | null)[];
  readonly denseCount: number;
  /** Per service: 1 when evaluated per sample by evaluateFailures (the complement of `parts`). */
  readonly scalarMask: Uint8Array;
  readonly scalarCount: number;
  /** Per service: expected random failures per sample among its relevant elements (the choice's input). */
  readonly expectedFailures: Float64Array;
  readonly scratch: BitParallelScratch;
  readonly sampler: BlockSamplerPlan;
  readonly samplerScratch: BlockSamplerScratch;
  /** The block's samples' failure lists, one after another: sample j's are sampleStart[j]..sampleStart[j + 1]. */
  readonly blockFailed: Uint32Array;
  readonly sampleStart: Uint32Array;
  readonly sampleCursor: Uint32Array;
  /** Served endpoints per service of the current sample (scalar services). */
  readonly served: Float64Array;
  /**
   * Per bit-parallel service: its element roles under the worst case of the dense classes (every element they may
   * fail down, on top of the base state) when the service is up there, else null. Such a service is up in every
   * sample whose other failures are irrelevant to it there, or one non-critical one (monotonicity): a block without
   * another sample needs no evaluation ({@link needsEvaluation}).
   */
  readonly worstCaseRoles: readonly (Uint8Array | null)[];
}

const cache = new WeakMap<FastScenario, Map<EvaluatorChoice, DenseScenario>>();

/** The cached dense-regime data of a scenario for a choice, built on first use (plans are immutable). */
export function getDenseScenario(
  model: CompiledModel,
  scenario: CompiledScenario,
  fast: FastScenario,
  choice: EvaluatorChoice,
): DenseScenario {
  const byChoice = getOrBuild(cache, fast, () => new Map<EvaluatorChoice, DenseScenario>());
  return getOrBuild(byChoice, choice, () => buildDenseScenario(model, scenario, fast, choice));
}

/**
 * Expected random failures per sample among each service's relevant elements, from the scenario's compiled
 * probabilities (not from a seed): element slots count p, a group event slot p times its relevant members'
 * conditional probabilities, and a random attack its count times the relevant share of its candidates.
 */
export function expectRelevantFailures(
  model: CompiledModel,
  scenario: CompiledScenario,
  fast: FastScenario,
): Float64Array {
  const sampler = fast.sampler;
  const groups = model.groups;
  const expected = new Float64Array(model.services.length);
  fast.structures.forEach((st, s) => {
    const role = st.elementRole;
    let sum = 0;
    for (let slot = 0; slot < sampler.slotTarget.length; slot++) {
      const t = sampler.slotTarget[slot];
      const p = sampler.slotProbability[slot];
      if (t >= 0) {
        if (role[t] !== ROLE_IRRELEVANT) sum += p;
      } else {
        const g = -t - 1;
        let members = 0;
        for (let m = groups.memberStart[g]; m < groups.memberStart[g + 1]; m++) {
          if (role[groups.memberElement[m]] !== ROLE_IRRELEVANT) members += groups.memberFailureProbability[m];
        }
        sum += p * members;
      }
    }
    const attack = scenario.attack;
    if (attack.kind === 'random' && attack.candidates.length > 0) {
      let relevant = 0;
      for (let i = 0; i < attack.candidates.length; i++) if (role[attack.candidates[i]] !== ROLE_IRRELEVANT) relevant++;
      sum += (Math.min(attack.count, attack.candidates.length) * relevant) / attack.candidates.length;
    }
    expected[s] = sum;
  });
  return expected;
}

/**
 * Word steps per sample of the bit-parallel evaluation of a part: half-edges / 32 samples per propagation. A later
 * source propagates only in the samples where no earlier one reached it: in a part that mostly holds together that
 * is rarely, so it counts a quarter.
 */
export function estimateWordSteps(part: BitParallelService): number {
  const sources = part.servedPerSource ? part.sources.length : Math.min(1, part.sources.length);
  const propagations = sources === 0 ? 0 : 1 + (sources - 1) / 4;
  return (propagations * part.adjacencyLocal.length) / BLOCK_SAMPLES;
}

/** Builds the dense-regime data (no caching). */
export function buildDenseScenario(
  model: CompiledModel,
  scenario: CompiledScenario,
  fast: FastScenario,
  choice: EvaluatorChoice,
): DenseScenario {
  const services = model.services;
  const expectedFailures = expectRelevantFailures(model, scenario, fast);
  const parts: (BitParallelService | null)[] = services.map((service, s) => {
    const kind = fast.kinds[s];
    if (choice === 'scalar' || kind.toBitParallelForm === undefined) return null;
    const form = kind.toBitParallelForm(service);
    const lambda = expectedFailures[s];
    if (choice === 'auto' && lambda < DENSE_FAILURES_PER_SAMPLE) return null;
    let base = fast.baseDown;
    const hit = fast.attackElements[s];
    if (hit.length > 0) {
      base = Uint8Array.from(base);
      for (let h = 0; h < hit.length; h++) base[hit[h]] = 1;
    }
    const part = compileBitParallelService(model, fast.structures[s], form, base);
    if (choice === 'auto' && estimateWordSteps(part) > DENSE_WORD_STEPS_PER_FAILURE * lambda) return null;
    return part;
  });
  let maxNodes = 1;
  let maxK = 1;
  let maxSources = 1;
  for (const part of parts) {
    if (part === null) continue;
    maxNodes = Math.max(maxNodes, part.nodeCount);
    maxK = Math.max(maxK, part.k);
    maxSources = Math.max(maxSources, part.sources.length);
  }
  const worstCaseRoles = listWorstCaseRoles(model, fast, parts);
  const sampler = compileBlockSampler(fast.sampler);
  const scalarMask = Uint8Array.from(parts, (part) => (part === null ? 1 : 0));
  const denseCount = parts.length - scalarMask.reduce((a, b) => a + b, 0);
  return {
    parts,
    denseCount,
    scalarMask,
    scalarCount: parts.length - denseCount,
    expectedFailures,
    scratch: createBitParallelScratch(maxNodes, maxK, maxSources),
    sampler,
    samplerScratch: createBlockSamplerScratch(model, scenario, sampler),
    // Per-sample lists serve only services evaluated per sample next to bit-parallel ones.
    blockFailed: new Uint32Array(denseCount > 0 && denseCount < parts.length ? BLOCK_SAMPLES * model.elementCount : 0),
    sampleStart: new Uint32Array(BLOCK_SAMPLES + 1),
    sampleCursor: new Uint32Array(BLOCK_SAMPLES),
    served: new Float64Array(services.length),
    worstCaseRoles,
  };
}

/**
 * The worst case of a scenario's dense classes (the skip sampler's classes drawn in every sample, e.g. the members
 * of a forced regional outage): every element they can fail down, on top of the base state, layer expansion
 * applied. Per bit-parallel service: its roles there (its targeted attack added) when it is up there, else null.
 */
function listWorstCaseRoles(
  model: CompiledModel,
  fast: FastScenario,
  parts: readonly (BitParallelService | null)[],
): (Uint8Array | null)[] {
  const sampler = fast.sampler;
  if (sampler.denseClassCount === 0) return parts.map(() => null);
  const groups = model.groups;
  const worst = Uint8Array.from(fast.baseDown);
  for (let slot = sampler.classStart[0]; slot < sampler.classStart[sampler.denseClassCount]; slot++) {
    const t = sampler.slotTarget[slot];
    if (t >= 0) {
      worst[t] = 1;
    } else {
      const g = -t - 1;
      for (let m = groups.memberStart[g]; m < groups.memberStart[g + 1]; m++) worst[groups.memberElement[m]] = 1;
    }
  }
  return parts.map((part, s) => {
    if (part === null) return null;
    const down = Uint8Array.from(worst);
    const hit = fast.attackElements[s];
    for (let h = 0; h < hit.length; h++) down[hit[h]] = 1;
    if (model.layers !== undefined) expandLayerState(model.layers, down);
    const structure = analyseServiceStructures(model, down, [model.services[s]])[0];
    return structure.baseUp ? structure.elementRole : null;
  });
}

/**
 * Samples of the current block (bits) that a service up in the dense classes' worst case must evaluate: those with
 * a failure critical to it there, or two relevant ones. Every other sample has it up with every endpoint served:
 * its failures are a subset of the worst case plus irrelevant elements and at most one non-critical one.
 */
function needsEvaluation(roles: Uint8Array, word: Int32Array, touched: Uint32Array, touchedCount: number, visible: number): number {
  let seen = 0;
  let need = 0;
  for (let t = 0; t < touchedCount; t++) {
    const e = touched[t];
    if (e >= visible) continue;
    const role = roles[e];
    if (role === ROLE_IRRELEVANT) continue;
    const w = word[e];
    if (role === ROLE_CRITICAL) {
      need |= w;
    } else {
      need |= seen & w;
      seen |= w;
    }
  }
  return need;
}

/**
 * Runs a fast crude batch's sample loop with the block sampler and, for the services of `dense.parts`, the
 * bit-parallel evaluator; the other services are evaluated per sample as in the scalar loop. Adds each service's
 * down samples and served endpoints to `downCount` and `servedCount`. Blocks start at a sample holding a failure
 * candidate; runs of samples without any take the services' base results in bulk.
 */
export function runDenseSamples(
  model: CompiledModel,
  scenario: CompiledScenario,
  fast: FastScenario,
  dense: DenseScenario,
  stream: SteppableBatchStream,
  sampleCount: number,
  downCount: Float64Array,
  servedCount: Float64Array,
  skip: Uint8Array | null = null,
): void {
  const services = model.services;
  const serviceCount = services.length;
  const structures = fast.structures;
  const parts = dense.parts;
  // Services evaluated per sample: the scalar ones not skipped (a skipped service is evaluated by neither loop).
  let scalarMask = dense.scalarMask;
  if (skip !== null) {
    scalarMask = Uint8Array.from(scalarMask, (x, s) => (skip[s] === 1 ? 0 : x));
  }
  const plan = dense.sampler;
  const scratch = dense.samplerScratch;
  const word = scratch.downWord;
  const touched = scratch.touched;
  const everyBlock = drawsEveryBlock(scenario, plan);
  const hasScalar = scalarMask.includes(1);
  const worstCaseRoles = dense.worstCaseRoles;
  const endpointCount = fast.endpointCount;
  // Carrier-only links of a layered model are outside the service graph: no role.
  const visible = model.layers?.serviceElementCount ?? model.elementCount;
  startBlockBatch(scenario, plan, stream, scratch);
  // The per-sample evaluations read the base state from the element marks, as the scalar loop does.
  const mark = fast.samplerScratch.elementMark;
  mark.fill(0);
  const certain = fast.sampler.certainElements;
  for (let c = 0; c < certain.length; c++) mark[certain[c]] = 1;
  let skipped = 0;
  let i = 0;
  while (i < sampleCount) {
    if (!everyBlock) {
      const next = nextGapCandidateSample(plan, scratch);
      if (next > i) {
        // Samples i..next-1 have no random failure: every service takes its base result.
        const end = next < sampleCount ? next : sampleCount;
        skipped += end - i;
        i = end;
        if (i === sampleCount) break;
      }
    }
    const blockSize = Math.min(BLOCK_SAMPLES, sampleCount - i);
    let touchedCount = drawBlock(model, scenario, plan, stream, scratch, i, blockSize);
    if (model.layers !== undefined) {
      touchedCount = expandLayerWords(model.layers, fast.baseDown, word, touched, touchedCount);
      scratch.touchedCount[0] = touchedCount;
    }
    if (hasScalar) evaluateScalarServices(model, fast, dense, scalarMask, blockSize, downCount, servedCount);
    const valid = blockSize === BLOCK_SAMPLES ? -1 : (1 << blockSize) - 1;
    for (let s = 0; s < serviceCount; s++) {
      const part = parts[s];
      if (part === null || (skip !== null && skip[s] === 1)) continue;
      const roles = worstCaseRoles[s];
      if (roles !== null && (needsEvaluation(roles, word, touched, touchedCount, visible) & valid) === 0) {
        servedCount[s] += blockSize * endpointCount[s];
        continue;
      }
      const up = evaluateBitParallel(part, word, valid, dense.scratch);
      downCount[s] += countBits(~up & valid);
      servedCount[s] += dense.scratch.servedTotal[0];
    }
    for (let t = 0; t < touchedCount; t++) word[touched[t]] = 0;
    i += blockSize;
  }
  for (let s = 0; s < serviceCount; s++) {
    const st = structures[s];
    servedCount[s] += skipped * st.baseServed;
    if (!st.baseUp) downCount[s] += skipped;
  }
}

/**
 * Lists each sample's failures of the current block: sample j's are blockFailed[sampleStart[j]]
 * to blockFailed[sampleStart[j + 1]] (excluded), in touched order; elements down in the base state are left out.
 */
function listBlockFailures(model: CompiledModel, fast: FastScenario, dense: DenseScenario): void {
  const scratch = dense.samplerScratch;
  const word = scratch.downWord;
  const touched = scratch.touched;
  const touchedCount = scratch.touchedCount[0];
  const base = fast.baseDown;
  const sampleStart = dense.sampleStart;
  const blockFailed = dense.blockFailed;
  const cursor = dense.sampleCursor;
  sampleStart.fill(0);
  // Carrier-only links of a layered model are outside the service graph: the evaluators never see them.
  const visible = model.layers?.serviceElementCount ?? model.elementCount;
  for (let t = 0; t < touchedCount; t++) {
    const e = touched[t];
    if (base[e] === 1 || e >= visible) continue;
    let bits = word[e];
    while (bits !== 0) {
      sampleStart[32 - Math.clz32(bits & -bits)]++;
      bits &= bits - 1;
    }
  }
  for (let j = 0; j < BLOCK_SAMPLES; j++) sampleStart[j + 1] += sampleStart[j];
  cursor.set(sampleStart.subarray(0, BLOCK_SAMPLES));
  for (let t = 0; t < touchedCount; t++) {
    const e = touched[t];
    if (base[e] === 1 || e >= visible) continue;
    let bits = word[e];
    while (bits !== 0) {
      blockFailed[cursor[31 - Math.clz32(bits & -bits)]++] = e;
      bits &= bits - 1;
    }
  }
}

/** Bits of the current block's samples holding a failure relevant to a service of `mask` (base-down ones excluded). */
function listRelevantSamples(model: CompiledModel, fast: FastScenario, dense: DenseScenario, mask: Uint8Array): number {
  const scratch = dense.samplerScratch;
  const word = scratch.downWord;
  const touched = scratch.touched;
  const touchedCount = scratch.touchedCount[0];
  const base = fast.baseDown;
  const structures = fast.structures;
  const visible = model.layers?.serviceElementCount ?? model.elementCount;
  let relevant = 0;
  for (let t = 0; t < touchedCount; t++) {
    const e = touched[t];
    if (base[e] === 1 || e >= visible) continue;
    for (let s = 0; s < mask.length; s++) {
      if (mask[s] === 1 && structures[s].elementRole[e] !== ROLE_IRRELEVANT) {
        relevant |= word[e];
        break;
      }
    }
  }
  return relevant;
}

/** The scalar loop's evaluation of the services not in `dense.parts`, sample by sample of the current block. */
function evaluateScalarServices(
  model: CompiledModel,
  fast: FastScenario,
  dense: DenseScenario,
  scalarMask: Uint8Array,
  blockSize: number,
  downCount: Float64Array,
  servedCount: Float64Array,
): void {
  const serviceCount = model.services.length;
  const structures = fast.structures;
  const endpointCount = fast.endpointCount;
  // Samples with a failure relevant to one of these services; the others take the base results (in a forced
  // regional outage most samples fail only elements these services never see).
  const relevant = listRelevantSamples(model, fast, dense, scalarMask);
  if (relevant === 0) {
    for (let s = 0; s < serviceCount; s++) {
      if (scalarMask[s] === 0) continue;
      servedCount[s] += blockSize * structures[s].baseServed;
      if (!structures[s].baseUp) downCount[s] += blockSize;
    }
    return;
  }
  listBlockFailures(model, fast, dense);
  const mark = fast.samplerScratch.elementMark;
  const failed = fast.samplerScratch.failedElements;
  const sampleStart = dense.sampleStart;
  const blockFailed = dense.blockFailed;
  const served = dense.served;
  for (let j = 0; j < blockSize; j++) {
    const from = sampleStart[j];
    const failedCount = sampleStart[j + 1] - from;
    if (failedCount === 0 || ((relevant >>> j) & 1) === 0) {
      for (let s = 0; s < serviceCount; s++) {
        if (scalarMask[s] === 0) continue;
        servedCount[s] += structures[s].baseServed;
        if (!structures[s].baseUp) downCount[s]++;
      }
      continue;
    }
    for (let f = 0; f < failedCount; f++) {
      const e = blockFailed[from + f];
      failed[f] = e;
      mark[e] = 1;
    }
    evaluateFailures(model, fast, failedCount, served, scalarMask);
    for (let f = 0; f < failedCount; f++) mark[failed[f]] = 0;
    for (let s = 0; s < serviceCount; s++) {
      if (scalarMask[s] === 0) continue;
      servedCount[s] += served[s];
      if (served[s] < endpointCount[s]) downCount[s]++;
    }
  }
}
