import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  buildCsrTopology,
  createBatchStreamPair,
  type CompiledModel,
  type CompiledScenario,
} from '../../../../engine/index.ts';
import {
  compileBlockSampler,
  createBlockSamplerScratch,
  drawBernoulliWord,
  drawBlock,
  nextGapCandidateSample,
  startBlockBatch,
  WORD_PROBABILITY,
} from '../../../../engine/sampling/block-sampler.ts';
import {
  clearSkipSample,
  compileSkipSampler,
  createSkipSamplerScratch,
  drawSkipSample,
  nextCandidateSample,
  startSkipBatch,
} from '../../../../engine/sampling/skip-sampler.ts';
import { createSteppableBatchStream, stepAlea } from '../../../../engine/sampling/random-stream.ts';

const seed = Number(process.env.FC_SEED ?? Date.now() % 2 ** 31);
console.log(`fast-check seed: ${seed} (set FC_SEED to replay)`);

/** p as an exact fraction numerator / 2^exponent (every finite double in [0, 1] is one). */
function exactFraction(p: number): { numerator: bigint; exponent: number } {
  let numerator = p;
  let exponent = 0;
  while (!Number.isInteger(numerator)) {
    numerator *= 2;
    exponent++;
  }
  return { numerator: BigInt(numerator), exponent };
}

describe('drawBernoulliWord', () => {
  it('sets bit j exactly when the binary fraction read from bit j of the Alea words drawn is below p', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.double({ min: 0, max: 1, noNaN: true }),
          fc.integer({ min: 0, max: 64 }).map((i) => i / 64),
        ),
        fc.integer({ min: 0, max: 2 ** 31 - 1 }),
        (p, batch) => {
          // Alea's words from a batch stream: replay a copy of its state to recover the words the call drew.
          const state = createSteppableBatchStream('words', 'bernoulli', batch).state;
          const before = Float64Array.from(state);
          const result = drawBernoulliWord(p, state);
          const words: number[] = [];
          while (words.length < 2000 && !before.every((v, i) => v === state[i])) words.push(stepAlea(before) * 2 ** 32);
          if (p >= 1) {
            expect(result).toBe(-1);
            return;
          }
          // U_j's first m binary digits are bit j of the m words drawn: U_j < p iff that prefix is below p * 2^m
          // (the draw stops once every bit is decided, or once p has no digits left, when equal prefixes mean U >= p).
          const m = words.length;
          const { numerator, exponent } = exactFraction(p);
          for (let j = 0; j < 32; j++) {
            let prefix = 0n;
            for (const w of words) prefix = (prefix << 1n) | BigInt((w >>> j) & 1);
            // prefix / 2^m < numerator / 2^exponent
            const below =
              m >= exponent ? prefix < numerator << BigInt(m - exponent) : prefix << BigInt(exponent - m) < numerator;
            expect((result >>> j) & 1, `bit ${j} of p = ${p}`).toBe(below ? 1 : 0);
          }
        },
      ),
      { seed, numRuns: 3000 },
    );
  });

  it('has mean p per bit (about log2(32) + 1.3 words per call)', () => {
    const stream = createSteppableBatchStream('bernoulli', 'word', 0);
    for (const p of [0.1, 0.3, 0.5, 0.9]) {
      let ones = 0;
      const words = 20_000;
      for (let i = 0; i < words; i++) {
        let w = drawBernoulliWord(p, stream.state);
        while (w !== 0) {
          ones++;
          w &= w - 1;
        }
      }
      const n = words * 32;
      // Within 5 standard errors of a binomial mean.
      expect(Math.abs(ones / n - p)).toBeLessThan(5 * Math.sqrt((p * (1 - p)) / n));
    }
  });
});

// A path of 8 nodes (7 links): 15 elements, and two risk groups.
const SPARSE_PROBABILITY = [0.05, 0.01, 0.001, 3e-4, 0, 1, 0.03, 0.003, 0.0625, 2e-5, 0.04, 0.02, 0.06, 0.007, 0.01];

const NO_GROUPS = {
  groupCount: 0,
  eventProbability: new Float64Array(0),
  memberStart: new Uint32Array(1),
  memberElement: new Uint32Array(0),
  memberFailureProbability: new Float64Array(0),
};

function sparseModel(): CompiledModel {
  return {
    topology: buildCsrTopology(8, [0, 1, 2, 3, 4, 5, 6], [1, 2, 3, 4, 5, 6, 7]),
    elementCount: 15,
    elementFailureProbability: Float64Array.from(SPARSE_PROBABILITY),
    groups: {
      groupCount: 2,
      eventProbability: Float64Array.of(0.05, 0.02),
      memberStart: Uint32Array.of(0, 2, 3),
      memberElement: Uint32Array.of(6, 13, 3),
      memberFailureProbability: Float64Array.of(1, 0.5, 1),
    },
    services: [],
    index: { nodeIds: [], nodeNames: [], linkIds: [], groupIds: [], groupNames: [] },
  };
}

const BASELINE: CompiledScenario = {
  id: 'baseline',
  name: 'baseline',
  forcedElements: new Uint32Array(0),
  forcedGroups: new Uint32Array(0),
  randomFailures: true,
  elementFailureProbability: null,
  groupEventProbability: null,
  attack: { kind: 'none' },
};

describe('drawBlock', () => {
  it('draws, with one gap class, exactly the skip sampler failures of the same stream, block by block', () => {
    // With one class both read the stream in the same order (with several, the skip sampler interleaves classes
    // per sample and the block sampler per block: the same distribution, other numbers).
    const oneClass = [0.05, 0.04, 0.06, 0.0625, 0.035, 0.05, 0.045, 0.055, 0.04, 0.05, 0.06, 0.033, 0.05, 0.05, 0.05];
    const model = { ...sparseModel(), elementFailureProbability: Float64Array.from(oneClass), groups: NO_GROUPS };
    const slots = compileSkipSampler(model, BASELINE);
    const plan = compileBlockSampler(slots);
    expect(plan.wordClassCount).toBe(0);
    expect(slots.classCount).toBe(1);
    expect(slots.classAcceptsAll[0]).toBe(0);
    expect(-Math.expm1(slots.classLogSurvival[0])).toBeLessThanOrEqual(WORD_PROBABILITY);
    const skip = createSkipSamplerScratch(model, BASELINE, slots);
    const block = createBlockSamplerScratch(model, BASELINE, plan);
    const samples = 20_000;
    // The skip sampler's failures per sample, as down words of 32-sample blocks aligned at 0.
    const expected = new Map<number, Int32Array>();
    const skipStream = createBatchStreamPair('s', 'scenario', 3);
    startSkipBatch(BASELINE, slots, skipStream, skip);
    for (let i = nextCandidateSample(slots, skip); i < samples; i = nextCandidateSample(slots, skip)) {
      const count = drawSkipSample(model, BASELINE, slots, skipStream, skip, i);
      const words = expected.get(i >> 5) ?? new Int32Array(model.elementCount);
      for (let f = 0; f < count; f++) words[skip.failedElements[f]] |= 1 << (i & 31);
      expected.set(i >> 5, words);
      clearSkipSample(skip);
    }
    const blockStream = createSteppableBatchStream('s', 'scenario', 3);
    startBlockBatch(BASELINE, plan, blockStream, block);
    let drawn = 0;
    for (let b = 0; b * 32 < samples; b++) {
      if (nextGapCandidateSample(plan, block) >= (b + 1) * 32) continue;
      const touched = drawBlock(model, BASELINE, plan, blockStream, block, b * 32, 32);
      expect(Array.from(block.downWord), `block ${b}`).toEqual(Array.from(expected.get(b) ?? new Int32Array(15)));
      for (let t = 0; t < touched; t++) block.downWord[block.touched[t]] = 0;
      drawn++;
    }
    expect(drawn).toBe(expected.size);
    expect(drawn).toBeGreaterThan(100);
  });

  it('gives each element its failure probability and each group member its joint one, with word classes', () => {
    const probability = [0.5, 0.3, 0.1, 0.01, 0.2, 0.07, 0, 0.9, 0.25, 0.2, 0.07, 0.003, 0.05, 0.002, 0.6];
    const model = { ...sparseModel(), elementFailureProbability: Float64Array.from(probability) };
    const slots = compileSkipSampler(model, BASELINE);
    const plan = compileBlockSampler(slots);
    expect(plan.wordClassCount).toBeGreaterThan(0);
    expect(plan.wordClassCount).toBeLessThan(slots.classCount);
    const block = createBlockSamplerScratch(model, BASELINE, plan);
    const stream = createSteppableBatchStream('s', 'scenario', 5);
    startBlockBatch(BASELINE, plan, stream, block);
    const ones = new Float64Array(15);
    const blocks = 12_000;
    for (let b = 0; b < blocks; b++) {
      const touched = drawBlock(model, BASELINE, plan, stream, block, b * 32, 32);
      for (let t = 0; t < touched; t++) {
        let w = block.downWord[block.touched[t]];
        while (w !== 0) {
          ones[block.touched[t]]++;
          w &= w - 1;
        }
        block.downWord[block.touched[t]] = 0;
      }
    }
    const n = blocks * 32;
    // Group 0 (event 0.05) takes element 6 always and element 13 half the time; group 1 (0.02) takes element 3.
    const marginal = probability.slice();
    marginal[6] = 0.05;
    marginal[13] = 1 - (1 - 0.002) * (1 - 0.05 * 0.5);
    marginal[3] = 1 - (1 - 0.01) * (1 - 0.02);
    marginal.forEach((p, e) => {
      expect(Math.abs(ones[e] / n - p), `element ${e}`).toBeLessThanOrEqual(5 * Math.sqrt((p * (1 - p)) / n) + 1e-12);
    });
  });
});
