import { describe, expect, it } from 'vitest';
import {
  buildCsrTopology,
  createBatchStreamPair,
  type CompiledModel,
  type CompiledScenario,
} from '../../../../engine/index.ts';
import {
  clearSkipSample,
  compileSkipSampler,
  createSkipSamplerScratch,
  DENSE_PROBABILITY,
  drawSkipSample,
  nextCandidateSample,
  startSkipBatch,
} from '../../../../engine/sampling/skip-sampler.ts';

// A path of 8 nodes (7 links): 15 elements with probabilities spread over dense, sparse and certain classes.
const PROBABILITY = [0.5, 0.3, 0.1, 0.01, 0.001, 3e-4, 0, 1, 0.25, 0.2, 0.07, 0.003, 0.05, 2e-5, 0.6];

function makeModel(): CompiledModel {
  return {
    topology: buildCsrTopology(8, [0, 1, 2, 3, 4, 5, 6], [1, 2, 3, 4, 5, 6, 7]),
    elementCount: 15,
    elementFailureProbability: Float64Array.from(PROBABILITY),
    groups: {
      groupCount: 2,
      eventProbability: Float64Array.of(0.05, 0.02),
      // Group 0: elements 6 (always) and 13 (half the time); group 1: element 3 (always).
      memberStart: Uint32Array.of(0, 2, 3),
      memberElement: Uint32Array.of(6, 13, 3),
      memberFailureProbability: Float64Array.of(1, 0.5, 1),
    },
    services: [],
    index: { nodeIds: [], nodeNames: [], linkIds: [], groupIds: [], groupNames: [] },
  };
}

function scenarioOf(overrides: Partial<CompiledScenario> = {}): CompiledScenario {
  return {
    id: 's',
    name: 's',
    forcedElements: new Uint32Array(0),
    forcedGroups: new Uint32Array(0),
    randomFailures: true,
    elementFailureProbability: null,
    groupEventProbability: null,
    attack: { kind: 'none' },
    ...overrides,
  };
}

/** Runs the sampler over a batch exactly as the fast batch loop does; counts per element, group and pair (0, 1). */
function drawBatch(model: CompiledModel, scenario: CompiledScenario, n: number, seed: string) {
  const sampler = compileSkipSampler(model, scenario);
  const scratch = createSkipSamplerScratch(model, scenario, sampler);
  const random = createBatchStreamPair(seed, scenario.id, 0);
  const elementDown = new Float64Array(model.elementCount);
  const groupOccurred = new Float64Array(model.groups.groupCount);
  let bothDown = 0;
  const every = sampler.denseClassCount > 0 || scenario.attack.kind === 'random';
  startSkipBatch(scenario, sampler, random, scratch);
  for (let i = 0; i < n;) {
    const next = every ? i : Math.min(n, nextCandidateSample(sampler, scratch));
    for (; i < next; i++) for (const e of sampler.certainElements) elementDown[e]++;
    if (i >= n) break;
    drawSkipSample(model, scenario, sampler, random, scratch, i);
    for (let e = 0; e < model.elementCount; e++) elementDown[e] += scratch.elementMark[e];
    for (let g = 0; g < scratch.lengths[1]; g++) groupOccurred[scratch.occurredGroups[g]]++;
    if (scratch.elementMark[0] === 1 && scratch.elementMark[1] === 1) bothDown++;
    clearSkipSample(scratch);
    i++;
  }
  return { sampler, elementDown, groupOccurred, bothDown };
}

/** Marginal failure probability of element e: its own p, or a group event times the member probability. */
function marginal(model: CompiledModel, e: number): number {
  let up = 1 - model.elementFailureProbability[e];
  const g = model.groups;
  for (let k = 0; k < g.groupCount; k++) {
    for (let m = g.memberStart[k]; m < g.memberStart[k + 1]; m++) {
      if (g.memberElement[m] === e) up *= 1 - g.eventProbability[k] * g.memberFailureProbability[m];
    }
  }
  return 1 - up;
}

function expectFrequency(count: number, n: number, p: number): void {
  if (p === 0 || p === 1) {
    expect(count).toBe(p * n);
    return;
  }
  expect(Math.abs(count / n - p) / Math.sqrt((p * (1 - p)) / n)).toBeLessThan(5);
}

describe('compileSkipSampler', () => {
  it('puts every uncertain element and event in one class, with acceptance p / pMax', () => {
    const model = makeModel();
    const sampler = compileSkipSampler(model, scenarioOf());
    const targets = Array.from(sampler.slotTarget).sort((a, b) => a - b);
    // Elements with p in (0, 1), then both group events (-1, -2).
    expect(targets).toEqual([-2, -1, 0, 1, 2, 3, 4, 5, 8, 9, 10, 11, 12, 13, 14]);
    expect(Array.from(sampler.certainElements)).toEqual([7]);
    for (let c = 0; c < sampler.classCount; c++) {
      const pMax = 1 - Math.exp(sampler.classLogSurvival[c]);
      for (let s = sampler.classStart[c]; s < sampler.classStart[c + 1]; s++) {
        expect(sampler.slotAcceptance[s]).toBeGreaterThan(0.5 - 1e-12);
        expect(sampler.slotAcceptance[s]).toBeLessThanOrEqual(1);
        expect(sampler.slotAcceptance[s] * pMax).toBeCloseTo(sampler.slotProbability[s], 12);
      }
      expect(c < sampler.denseClassCount).toBe(pMax > DENSE_PROBABILITY);
    }
  });

  it('resolves forced elements and groups: certain members are certain, conditional members become slots', () => {
    const model = makeModel();
    const sampler = compileSkipSampler(
      model,
      scenarioOf({ forcedElements: Uint32Array.of(2), forcedGroups: Uint32Array.of(0), randomFailures: false }),
    );
    expect(Array.from(sampler.certainElements)).toEqual([2, 6]);
    expect(Array.from(sampler.certainGroups)).toEqual([0]);
    expect(Array.from(sampler.slotTarget)).toEqual([13]);
    expect(sampler.slotProbability[0]).toBe(0.5);
  });
});

describe('skip sampler batches', () => {
  it('fail each element with its marginal probability and each event with its probability', () => {
    const model = makeModel();
    const n = 200_000;
    const { elementDown, groupOccurred } = drawBatch(model, scenarioOf(), n, 'marginals');
    for (let e = 0; e < model.elementCount; e++) expectFrequency(elementDown[e], n, marginal(model, e));
    expectFrequency(groupOccurred[0], n, 0.05);
    expectFrequency(groupOccurred[1], n, 0.02);
  });

  it('draws elements independently (joint frequency of two dense elements)', () => {
    const n = 200_000;
    const { bothDown } = drawBatch(makeModel(), scenarioOf(), n, 'pairs');
    expectFrequency(bothDown, n, 0.5 * 0.3);
  });

  it('keeps marginals when only sparse classes remain (failure-free scenarios are skipped)', () => {
    const model = makeModel();
    const sparse = Float64Array.from(PROBABILITY, (p) => (p > 0.05 && p < 1 ? 0.004 : p));
    const scenario = scenarioOf({ elementFailureProbability: sparse });
    const n = 400_000;
    const { sampler, elementDown } = drawBatch(model, scenario, n, 'sparse');
    expect(sampler.denseClassCount).toBe(0);
    for (let e = 0; e < model.elementCount; e++) {
      expectFrequency(elementDown[e], n, marginal({ ...model, elementFailureProbability: sparse }, e));
    }
  });

  it('is a pure function of the stream', () => {
    const model = makeModel();
    const a = drawBatch(model, scenarioOf(), 10_000, 'same');
    const b = drawBatch(model, scenarioOf(), 10_000, 'same');
    expect(a.elementDown).toEqual(b.elementDown);
    expect(a.groupOccurred).toEqual(b.groupOccurred);
  });
});
