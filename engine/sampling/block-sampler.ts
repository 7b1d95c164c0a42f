// Block sampler: draws the failures of 32 consecutive samples at once as one Int32 word per element (bit j: down in
// sample j of the block), for the dense-regime evaluator (engine/fast/dense-batch.ts). Same slots and probability
// classes as the skip sampler (skip-sampler.ts); likely classes draw each slot's 32 bits as one Bernoulli word,
// unlikely ones jump geometric gaps over the (sample, slot) grid as the skip sampler does.
//
//   SkipSamplerPlan ──compileBlockSampler──> word classes | gap classes ──startBlockBatch──> first gaps
//   ──drawBlock──> down words of the block's samples (touched elements listed)

import type { CompiledModel, CompiledScenario } from '../model.ts';
import type { BatchStreamPair, SteppableBatchStream } from './random-stream.ts';
import { pickAttackElement } from './scenario-draws.ts';
import type { SkipSamplerPlan } from './skip-sampler.ts';

/**
 * Above this class maximum a slot's 32 bits are drawn as one Bernoulli word (about 6.3 uniforms per slot and block
 * whatever p), below it by geometric gaps (one 53-bit uniform, i.e. two generator steps, and a logarithm per
 * candidate, about 32 p candidates per slot and block): the costs cross near p = 0.05, so classes with
 * pMax > 1/16 draw words.
 */
export const WORD_PROBABILITY = 1 / 16;

/** The block sampler's view of a skip sampler plan: which leading classes draw words. */
export interface BlockSamplerPlan {
  readonly slots: SkipSamplerPlan;
  /** Classes 0..wordClassCount-1 draw Bernoulli words; the others draw geometric gaps. */
  readonly wordClassCount: number;
}

/** Per-batch state and per-block output of the block sampler; allocate once per (model, scenario) and reuse. */
export interface BlockSamplerScratch {
  /** Linear position (sample * classSize + slot offset) of each gap class's next candidate; a float integer. */
  readonly classNext: Float64Array;
  /** Down word per element for the current block; the caller clears the touched entries. */
  readonly downWord: Int32Array;
  /** Elements whose word is non-zero in the current block, distinct; count in `touchedCount[0]`. */
  readonly touched: Uint32Array;
  readonly touchedCount: Uint32Array;
  /** Random-attack candidates, kept permuted across samples (as the skip sampler does). */
  readonly attackPool: Uint32Array;
}

/** Builds the block sampler's plan on the skip sampler's slots and classes. */
export function compileBlockSampler(slots: SkipSamplerPlan): BlockSamplerPlan {
  let wordClassCount = 0;
  while (wordClassCount < slots.classCount && -Math.expm1(slots.classLogSurvival[wordClassCount]) > WORD_PROBABILITY) {
    wordClassCount++;
  }
  return { slots, wordClassCount };
}

/** Allocates the block sampler's scratch. */
export function createBlockSamplerScratch(
  model: CompiledModel,
  scenario: CompiledScenario,
  plan: BlockSamplerPlan,
): BlockSamplerScratch {
  const attack = scenario.attack;
  return {
    classNext: new Float64Array(plan.slots.classCount),
    downWord: new Int32Array(model.elementCount),
    touched: new Uint32Array(model.elementCount),
    touchedCount: new Uint32Array(1),
    attackPool: attack.kind === 'random' ? Uint32Array.from(attack.candidates) : new Uint32Array(0),
  };
}

/**
 * 32 independent Bernoulli(p) bits from uniform 32-bit words, exactly: bit j compares a uniform binary fraction U_j,
 * revealed one binary digit per word, with the binary expansion of p (doubling a double is exact), and is decided
 * at the first digit where they differ (U_j < p when p's digit is 1 there). Each digit decides half the undecided
 * bits, so about log2(32) + 1.3 words are drawn; digits past p's last one are 0, so undecided bits are then U >= p.
 * The words are Alea steps taken inline on `state` (the batch stream's generator, see stepAlea in
 * random-stream.ts): this loop is most of the block sampler's time, and a call per step doubled it.
 * @param p in [0, 1]
 * @param state the batch stream's Alea state [s0, s1, s2, c], advanced by the words drawn
 */
export function drawBernoulliWord(p: number, state: Float64Array): number {
  if (p >= 1) return -1;
  let s0 = state[0];
  let s1 = state[1];
  let s2 = state[2];
  let carry = state[3];
  let result = 0;
  let undecided = -1;
  let x = p;
  while (undecided !== 0 && x > 0) {
    // One Alea step (stepAlea, inlined): its output s2 is a multiple of 2^-32, so its 32 bits are exact.
    const t = 2091639 * s0 + carry * 2.3283064365386963e-10;
    s0 = s1;
    s1 = s2;
    carry = t | 0;
    s2 = t - carry;
    const digits = (s2 * 4294967296) | 0;
    x *= 2;
    if (x >= 1) {
      x -= 1;
      result |= undecided & ~digits;
      undecided &= digits;
    } else {
      undecided &= ~digits;
    }
  }
  state[0] = s0;
  state[1] = s1;
  state[2] = s2;
  state[3] = carry;
  return result;
}

/**
 * Starts a batch: resets the attack pool to the candidate order and draws each gap class's first candidate.
 * @param stream the batch's stream
 */
export function startBlockBatch(
  scenario: CompiledScenario,
  plan: BlockSamplerPlan,
  stream: BatchStreamPair,
  scratch: BlockSamplerScratch,
): void {
  if (scenario.attack.kind === 'random') scratch.attackPool.set(scenario.attack.candidates);
  const slots = plan.slots;
  for (let c = plan.wordClassCount; c < slots.classCount; c++) {
    scratch.classNext[c] = Math.floor(Math.log(1 - stream.fineUniform()) / slots.classLogSurvival[c]);
  }
}

/**
 * The first sample (>= 0) holding a gap-class candidate; Infinity when there is no gap class. A block whose
 * samples all lie before it, in a plan without word classes and random attacks, has no random failure.
 */
export function nextGapCandidateSample(plan: BlockSamplerPlan, scratch: BlockSamplerScratch): number {
  let next = Number.POSITIVE_INFINITY;
  const slots = plan.slots;
  for (let c = plan.wordClassCount; c < slots.classCount; c++) {
    const sample = Math.floor(scratch.classNext[c] / (slots.classStart[c + 1] - slots.classStart[c]));
    if (sample < next) next = sample;
  }
  return next;
}

/** True when every block must be drawn (word classes or a random attack put failures in every sample). */
export function drawsEveryBlock(scenario: CompiledScenario, plan: BlockSamplerPlan): boolean {
  return plan.wordClassCount > 0 || scenario.attack.kind === 'random';
}

/**
 * Draws samples firstSample..firstSample+blockSize-1 into `scratch.downWord` (bit j: sample firstSample + j) and
 * lists the elements it set in `scratch.touched`. Blocks must be drawn in increasing order, and samples skipped
 * between blocks must hold no gap-class candidate (see nextGapCandidateSample). Elements down in the base state may
 * get bits too (a random group's member that is also forced); callers ignore them. Within the block: word classes
 * slot by slot, then gap classes candidate by candidate, then the random attack sample by sample.
 * @param blockSize in [1, 32]
 * @returns the number of touched elements
 */
export function drawBlock(
  model: CompiledModel,
  scenario: CompiledScenario,
  plan: BlockSamplerPlan,
  stream: SteppableBatchStream,
  scratch: BlockSamplerScratch,
  firstSample: number,
  blockSize: number,
): number {
  const random = stream.uniform;
  const fine = stream.fineUniform;
  const slots = plan.slots;
  const word = scratch.downWord;
  const touched = scratch.touched;
  const classStart = slots.classStart;
  const slotTarget = slots.slotTarget;
  const groups = model.groups;
  const memberStart = groups.memberStart;
  const memberElement = groups.memberElement;
  const memberProbability = groups.memberFailureProbability;
  const valid = blockSize === 32 ? -1 : (1 << blockSize) - 1;
  const aleaState = stream.state;
  let touchedCount = 0;
  for (let c = 0; c < plan.wordClassCount; c++) {
    for (let slot = classStart[c]; slot < classStart[c + 1]; slot++) {
      const bits = drawBernoulliWord(slots.slotProbability[slot], aleaState) & valid;
      if (bits === 0) continue;
      const t = slotTarget[slot];
      if (t >= 0) {
        if (word[t] === 0) touched[touchedCount++] = t;
        word[t] |= bits;
      } else {
        // A group's members fail independently given its event: their words are masked by the event's word.
        const g = -t - 1;
        for (let m = memberStart[g]; m < memberStart[g + 1]; m++) {
          const q = memberProbability[m];
          if (q <= 0) continue;
          const hit = q >= 1 ? bits : bits & drawBernoulliWord(q, aleaState);
          if (hit === 0) continue;
          const e = memberElement[m];
          if (word[e] === 0) touched[touchedCount++] = e;
          word[e] |= hit;
        }
      }
    }
  }
  for (let c = plan.wordClassCount; c < slots.classCount; c++) {
    const start = classStart[c];
    const size = classStart[c + 1] - start;
    const limit = (firstSample + blockSize) * size;
    const logSurvival = slots.classLogSurvival[c];
    const acceptsAll = slots.classAcceptsAll[c] === 1;
    let position = scratch.classNext[c];
    while (position < limit) {
      const sample = Math.floor(position / size);
      const slot = start + (position - sample * size);
      if (acceptsAll || random() < slots.slotAcceptance[slot]) {
        const bit = 1 << (sample - firstSample);
        const t = slotTarget[slot];
        if (t >= 0) {
          if (word[t] === 0) touched[touchedCount++] = t;
          word[t] |= bit;
        } else {
          const g = -t - 1;
          for (let m = memberStart[g]; m < memberStart[g + 1]; m++) {
            const q = memberProbability[m];
            if (q >= 1 || (q > 0 && random() < q)) {
              const e = memberElement[m];
              if (word[e] === 0) touched[touchedCount++] = e;
              word[e] |= bit;
            }
          }
        }
      }
      position += 1 + Math.floor(Math.log(1 - fine()) / logSurvival);
    }
    scratch.classNext[c] = position;
  }
  const attack = scenario.attack;
  if (attack.kind === 'random') {
    // Partial Fisher-Yates shuffle per sample, continued from the pool's order in the previous sample.
    const pool = scratch.attackPool;
    const count = Math.min(attack.count, pool.length);
    for (let j = 0; j < blockSize; j++) {
      const bit = 1 << j;
      for (let i = 0; i < count; i++) {
        const chosen = pickAttackElement(pool, i, random());
        if (word[chosen] === 0) touched[touchedCount++] = chosen;
        word[chosen] |= bit;
      }
    }
  }
  scratch.touchedCount[0] = touchedCount;
  return touchedCount;
}
