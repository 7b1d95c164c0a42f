// Skip sampler: draws a batch's failures by jumping geometric gaps between them instead of drawing one uniform
// per element per scenario, so a scenario costs O(failures + probability classes) and a scenario without any
// candidate failure costs nothing. Exact for per-element probabilities via thinning within probability classes.
//
//   model + scenario ──compileSkipSampler──> classes of slots ──startSkipBatch──> per class, next candidate
//   ──nextCandidateSample──> skip failure-free scenarios ──drawSkipSample──> one scenario's failure list

import type { CompiledModel, CompiledScenario } from '../model.ts';
import { expandLayerFailureList, expandLayerState } from './layer-expansion.ts';
import type { BatchStreamPair, UniformSource } from './random-stream.ts';
import { pickAttackElement } from './scenario-draws.ts';

/**
 * A slot is one independent Bernoulli trial per scenario: an element's own failure, a risk-group event, or the
 * conditional failure of a member of a group whose event is certain. `slotTarget[s] >= 0` marks element
 * `slotTarget[s]` down; `slotTarget[s] = -(g + 1)` is the event of group g.
 *
 * Slots are grouped into classes by probability (p in (2^-(c+1), 2^-c]). Within a class the batch's
 * `sampleCount * classSize` trials form one sequence; candidates are drawn with the class maximum `pMax` by
 * geometric gaps (inversion: gap = floor(ln(1 - U) / ln(1 - pMax)), Devroye 1986, "Non-Uniform Random Variate
 * Generation", X.2) and each candidate is accepted with probability p / pMax (thinning, Lewis and Shedler 1979),
 * so every trial succeeds independently with exactly its own p. A power-of-two class keeps p / pMax above 1/2.
 */
export interface SkipSamplerPlan {
  readonly classCount: number;
  /**
   * The first `denseClassCount` classes have pMax > DENSE_PROBABILITY: gaps would be short, so their slots are
   * drawn directly, one uniform each per scenario, and every scenario is drawn.
   */
  readonly denseClassCount: number;
  /** Slots of class c: classStart[c] (included) to classStart[c + 1] (excluded). */
  readonly classStart: Uint32Array;
  /** ln(1 - pMax) of each class, < 0. */
  readonly classLogSurvival: Float64Array;
  /** 1 when every slot of the class has p = pMax: candidates are accepted without a draw. */
  readonly classAcceptsAll: Uint8Array;
  readonly slotTarget: Int32Array;
  /** p of each slot, in (0, 1). */
  readonly slotProbability: Float64Array;
  /** p / pMax of each slot, in (0, 1]. */
  readonly slotAcceptance: Float64Array;
  /** Elements down in every scenario: forced, probability 1, or certain members of certain groups. Distinct. */
  readonly certainElements: Uint32Array;
  /** Group events that occur in every scenario (forced or probability 1). Distinct. */
  readonly certainGroups: Uint32Array;
}

/** Per-batch state and per-scenario output buffers of the skip sampler; allocate once and reuse. */
export interface SkipSamplerScratch {
  /** Linear position (scenario * classSize + slot offset) of each class's next candidate; a float integer. */
  readonly classNext: Float64Array;
  /** floor(classNext[c] / classSize): the scenario of each class's next candidate. */
  readonly classNextSample: Float64Array;
  /** 1 for elements down in the current scenario (certain ones stay 1 for the whole batch). */
  readonly elementMark: Uint8Array;
  /**
   * Elements newly down in the current scenario (not certain), distinct; length in `lengths[0]`. In a layered model
   * the service-graph elements come first (`lengths[2]` of them: what the evaluators see), carrier-only ones last.
   */
  readonly failedElements: Uint32Array;
  /** Sampled group events of the current scenario, distinct; length in `lengths[1]`. */
  readonly occurredGroups: Uint32Array;
  readonly lengths: Uint32Array;
  /** Output of the layer expansion: [service-visible count, total count]. */
  readonly layerCounts: Uint32Array;
  /** Random-attack candidates, kept permuted across scenarios (a partial shuffle of any order is uniform). */
  readonly attackPool: Uint32Array;
}

const CLASS_LIMIT = 1100;

/** Above this probability a slot is drawn directly (one uniform per scenario) rather than by geometric gaps. */
export const DENSE_PROBABILITY = 0.25;

function probabilityClass(p: number): number {
  // p in (2^-(c+1), 2^-c]; subnormal probabilities all land in the last class.
  return Math.min(CLASS_LIMIT - 1, Math.max(0, Math.floor(-Math.log2(p))));
}

/**
 * Compiles the slots of one scenario. Certain events are resolved here, so the batch loop never sees them.
 * @param model the compiled failure model
 * @param scenario the scenario (probability overrides, forced elements and groups, randomFailures)
 */
export function compileSkipSampler(model: CompiledModel, scenario: CompiledScenario): SkipSamplerPlan {
  const groups = model.groups;
  const elementCount = model.elementCount;
  const certain = new Uint8Array(elementCount);
  const groupCertain = new Uint8Array(groups.groupCount);
  for (let i = 0; i < scenario.forcedElements.length; i++) certain[scenario.forcedElements[i]] = 1;
  for (let i = 0; i < scenario.forcedGroups.length; i++) groupCertain[scenario.forcedGroups[i]] = 1;
  const elementProbability = scenario.elementFailureProbability ?? model.elementFailureProbability;
  const eventProbability = scenario.groupEventProbability ?? groups.eventProbability;
  if (scenario.randomFailures) {
    for (let e = 0; e < elementCount; e++) if (elementProbability[e] >= 1) certain[e] = 1;
    for (let g = 0; g < groups.groupCount; g++) if (eventProbability[g] >= 1) groupCertain[g] = 1;
  }
  // Members of certain groups: certain when their conditional probability is 1, else an independent slot.
  const memberSlotElement: number[] = [];
  const memberSlotProbability: number[] = [];
  for (let g = 0; g < groups.groupCount; g++) {
    if (groupCertain[g] === 0) continue;
    for (let m = groups.memberStart[g]; m < groups.memberStart[g + 1]; m++) {
      const q = groups.memberFailureProbability[m];
      if (q >= 1) certain[groups.memberElement[m]] = 1;
      else if (q > 0) {
        memberSlotElement.push(groups.memberElement[m]);
        memberSlotProbability.push(q);
      }
    }
  }
  const target: number[] = [];
  const probability: number[] = [];
  if (scenario.randomFailures) {
    for (let e = 0; e < elementCount; e++) {
      const p = elementProbability[e];
      if (p > 0 && certain[e] === 0) {
        target.push(e);
        probability.push(p);
      }
    }
    for (let g = 0; g < groups.groupCount; g++) {
      const p = eventProbability[g];
      // Kept even when every member is certain: the event itself is tallied for importance measures.
      if (p > 0 && groupCertain[g] === 0) {
        target.push(-(g + 1));
        probability.push(p);
      }
    }
  }
  for (let i = 0; i < memberSlotElement.length; i++) {
    if (certain[memberSlotElement[i]] === 1) continue;
    target.push(memberSlotElement[i]);
    probability.push(memberSlotProbability[i]);
  }

  // Counting sort of slots by class, stable in slot order, then compact to the classes in use.
  const classOf = probability.map(probabilityClass);
  const perClass = new Uint32Array(CLASS_LIMIT);
  for (const c of classOf) perClass[c]++;
  const used: number[] = [];
  for (let c = 0; c < CLASS_LIMIT; c++) if (perClass[c] > 0) used.push(c);
  const compact = new Int32Array(CLASS_LIMIT).fill(-1);
  used.forEach((c, i) => (compact[c] = i));
  const classCount = used.length;
  const classStart = new Uint32Array(classCount + 1);
  for (let i = 0; i < classCount; i++) classStart[i + 1] = classStart[i] + perClass[used[i]];
  const cursor = classStart.slice(0, classCount);
  const slotTarget = new Int32Array(target.length);
  const slotProbability = new Float64Array(target.length);
  for (let s = 0; s < target.length; s++) {
    const at = cursor[compact[classOf[s]]]++;
    slotTarget[at] = target[s];
    slotProbability[at] = probability[s];
  }
  const classLogSurvival = new Float64Array(classCount);
  const classAcceptsAll = new Uint8Array(classCount);
  const slotAcceptance = new Float64Array(target.length);
  for (let c = 0; c < classCount; c++) {
    let pMax = 0;
    for (let s = classStart[c]; s < classStart[c + 1]; s++) pMax = Math.max(pMax, slotProbability[s]);
    classLogSurvival[c] = Math.log1p(-pMax);
    let all = 1;
    for (let s = classStart[c]; s < classStart[c + 1]; s++) {
      slotAcceptance[s] = slotProbability[s] === pMax ? 1 : slotProbability[s] / pMax;
      if (slotAcceptance[s] !== 1) all = 0;
    }
    classAcceptsAll[c] = all;
  }
  // Classes are in decreasing probability order, so the dense ones lead.
  let denseClassCount = 0;
  while (denseClassCount < classCount && Math.exp(classLogSurvival[denseClassCount]) < 1 - DENSE_PROBABILITY) {
    denseClassCount++;
  }
  // Logical links whose routes the certain failures cut are certain too.
  if (model.layers !== undefined) expandLayerState(model.layers, certain);
  const certainElements: number[] = [];
  for (let e = 0; e < elementCount; e++) if (certain[e] === 1) certainElements.push(e);
  const certainGroups: number[] = [];
  for (let g = 0; g < groups.groupCount; g++) if (groupCertain[g] === 1) certainGroups.push(g);
  return {
    classCount,
    denseClassCount,
    classStart,
    classLogSurvival,
    classAcceptsAll,
    slotTarget,
    slotProbability,
    slotAcceptance,
    certainElements: Uint32Array.from(certainElements),
    certainGroups: Uint32Array.from(certainGroups),
  };
}

/** Allocates the sampler's scratch for a model and scenario. */
export function createSkipSamplerScratch(
  model: CompiledModel,
  scenario: CompiledScenario,
  sampler: SkipSamplerPlan,
): SkipSamplerScratch {
  const attack = scenario.attack;
  return {
    classNext: new Float64Array(sampler.classCount),
    classNextSample: new Float64Array(sampler.classCount),
    elementMark: new Uint8Array(model.elementCount),
    failedElements: new Uint32Array(model.elementCount),
    occurredGroups: new Uint32Array(model.groups.groupCount),
    lengths: new Uint32Array(3),
    layerCounts: new Uint32Array(2),
    attackPool: attack.kind === 'random' ? Uint32Array.from(attack.candidates) : new Uint32Array(0),
  };
}

/**
 * Failures before the next success of a Bernoulli(1 - exp(logSurvival)) sequence, by inversion.
 * @param random a 53-bit uniform source: with 32 bits, gaps whose tail probability is below 2^-32 would be lost
 */
function drawGap(random: UniformSource, logSurvival: number): number {
  // 1 - U lies in (0, 1], so the logarithm is finite; floor of a non-negative quotient is the failure count.
  return Math.floor(Math.log(1 - random()) / logSurvival);
}

/**
 * Starts a batch: resets the element marks to the certain elements and the attack pool to the candidate order
 * (so a batch depends on its own stream only), then draws each class's first candidate.
 * @param stream the batch's stream
 */
export function startSkipBatch(
  scenario: CompiledScenario,
  sampler: SkipSamplerPlan,
  stream: BatchStreamPair,
  scratch: SkipSamplerScratch,
): void {
  const fine = stream.fineUniform;
  if (scenario.attack.kind === 'random') scratch.attackPool.set(scenario.attack.candidates);
  scratch.elementMark.fill(0);
  const certain = sampler.certainElements;
  for (let i = 0; i < certain.length; i++) scratch.elementMark[certain[i]] = 1;
  for (let c = sampler.denseClassCount; c < sampler.classCount; c++) {
    const position = drawGap(fine, sampler.classLogSurvival[c]);
    scratch.classNext[c] = position;
    scratch.classNextSample[c] = Math.floor(position / (sampler.classStart[c + 1] - sampler.classStart[c]));
  }
}

/**
 * Index of the next scenario that holds a candidate of some class (>= the current scenario); a value at or
 * beyond the batch's sample count means no candidate is left. Scenarios before it have no random failure.
 */
export function nextCandidateSample(sampler: SkipSamplerPlan, scratch: SkipSamplerScratch): number {
  let next = Number.POSITIVE_INFINITY;
  const classNextSample = scratch.classNextSample;
  for (let c = sampler.denseClassCount; c < sampler.classCount; c++) {
    if (classNextSample[c] < next) next = classNextSample[c];
  }
  return next;
}

/**
 * Draws scenario `sampleIndex` of the batch into `scratch.failedElements` / `scratch.occurredGroups` (lengths in
 * `scratch.lengths`) and sets their `elementMark`. Scenarios must be drawn in increasing order; skipped ones had
 * no candidate. The caller clears the marks of the failed elements with {@link clearSkipSample} afterwards.
 * A random attack, if any, is drawn last and its elements join the failure list; then, in a layered model, the
 * logical links whose routes are cut (engine/sampling/layer-expansion.ts).
 * @returns the number of failed service-graph elements (the first entries of the list; all of them without layers)
 */
export function drawSkipSample(
  model: CompiledModel,
  scenario: CompiledScenario,
  sampler: SkipSamplerPlan,
  stream: BatchStreamPair,
  scratch: SkipSamplerScratch,
  sampleIndex: number,
): number {
  const random = stream.uniform;
  const fine = stream.fineUniform;
  const mark = scratch.elementMark;
  const failed = scratch.failedElements;
  const occurred = scratch.occurredGroups;
  const classNext = scratch.classNext;
  const classStart = sampler.classStart;
  const slotTarget = sampler.slotTarget;
  const slotAcceptance = sampler.slotAcceptance;
  const groups = model.groups;
  let failedCount = 0;
  let groupCount = 0;
  const slotProbability = sampler.slotProbability;
  const classNextSample = scratch.classNextSample;
  for (let c = 0; c < sampler.classCount; c++) {
    const dense = c < sampler.denseClassCount;
    // A sparse class whose next candidate lies in a later scenario has nothing to do here.
    if (!dense && classNextSample[c] > sampleIndex) continue;
    const start = classStart[c];
    const size = classStart[c + 1] - start;
    const first = sampleIndex * size;
    const limit = first + size;
    const logSurvival = sampler.classLogSurvival[c];
    const acceptsAll = sampler.classAcceptsAll[c] === 1;
    // Dense classes visit every slot; sparse ones jump from candidate to candidate.
    let position = dense ? first : classNext[c];
    while (position < limit) {
      const slot = start + (position - first);
      if (dense ? random() < slotProbability[slot] : acceptsAll || random() < slotAcceptance[slot]) {
        const t = slotTarget[slot];
        if (t >= 0) {
          if (mark[t] === 0) {
            mark[t] = 1;
            failed[failedCount++] = t;
          }
        } else {
          const g = -t - 1;
          occurred[groupCount++] = g;
          for (let m = groups.memberStart[g]; m < groups.memberStart[g + 1]; m++) {
            const q = groups.memberFailureProbability[m];
            if (q >= 1 || (q > 0 && random() < q)) {
              const e = groups.memberElement[m];
              if (mark[e] === 0) {
                mark[e] = 1;
                failed[failedCount++] = e;
              }
            }
          }
        }
      }
      position += dense ? 1 : 1 + drawGap(fine, logSurvival);
    }
    if (!dense) {
      classNext[c] = position;
      classNextSample[c] = Math.floor(position / size);
    }
  }
  const attack = scenario.attack;
  if (attack.kind === 'random') {
    // Partial Fisher-Yates shuffle, continued from the pool's order in the previous scenario.
    const pool = scratch.attackPool;
    const count = Math.min(attack.count, pool.length);
    for (let i = 0; i < count; i++) {
      const chosen = pickAttackElement(pool, i, random());
      if (mark[chosen] === 0) {
        mark[chosen] = 1;
        failed[failedCount++] = chosen;
      }
    }
  }
  // Layers: failed physical elements take down the logical links routed over them (after members and attack).
  let visibleCount = failedCount;
  if (model.layers !== undefined) {
    expandLayerFailureList(model.layers, mark, failed, failedCount, scratch.layerCounts);
    visibleCount = scratch.layerCounts[0];
    failedCount = scratch.layerCounts[1];
  }
  scratch.lengths[0] = failedCount;
  scratch.lengths[1] = groupCount;
  scratch.lengths[2] = visibleCount;
  return visibleCount;
}

/** Clears the marks the last {@link drawSkipSample} set (certain elements stay marked). */
export function clearSkipSample(scratch: SkipSamplerScratch): void {
  const mark = scratch.elementMark;
  const failed = scratch.failedElements;
  const count = scratch.lengths[0];
  for (let i = 0; i < count; i++) mark[failed[i]] = 0;
}
