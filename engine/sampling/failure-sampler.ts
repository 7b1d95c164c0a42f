// Crude failure sampler: draws one scenario's failed elements from the compiled failure model into a scratch
// buffer. Draws happen in a fixed order with a fixed count per scenario (one per element, one per group event,
// one per group member), so two models differing only in probabilities are coupled (common random numbers):
// raising a probability can only turn an element from up to down in the same sample.

import type { CompiledModel, CompiledScenario } from '../model.ts';
import type { UniformSource } from './random-stream.ts';

/** Per-worker scratch buffers for sampling; allocate once with createSampleScratch and reuse. */
export interface SampleScratch {
  /** 1 when element e is down in the current sample; length elementCount. */
  readonly elementDown: Uint8Array;
  /** 1 when risk-group event g occurred in the current sample; length groupCount. */
  readonly groupOccurred: Uint8Array;
  /** Work space for drawing a random attack without replacement. */
  readonly attackPool: Uint32Array;
}

export function createSampleScratch(model: CompiledModel, scenario: CompiledScenario): SampleScratch {
  const poolSize = scenario.attack.kind === 'random' ? scenario.attack.candidates.length : 0;
  return {
    elementDown: new Uint8Array(model.elementCount),
    groupOccurred: new Uint8Array(model.groups.groupCount),
    attackPool: new Uint32Array(poolSize),
  };
}

/**
 * Samples one scenario state into `scratch.elementDown` and `scratch.groupOccurred`.
 * Independent failures (when `scenario.randomFailures`), risk-group events, forced elements and groups, and a
 * random attack are applied in that order. A targeted attack is not applied here: it differs per service.
 */
export function sampleScenarioState(
  model: CompiledModel,
  scenario: CompiledScenario,
  random: UniformSource,
  scratch: SampleScratch,
): void {
  const down = scratch.elementDown;
  const occurred = scratch.groupOccurred;
  const elementCount = model.elementCount;
  const groups = model.groups;
  down.fill(0);
  occurred.fill(0);
  if (scenario.randomFailures) {
    const probability = scenario.elementFailureProbability ?? model.elementFailureProbability;
    for (let e = 0; e < elementCount; e++) {
      if (random() < probability[e]) down[e] = 1;
    }
    const eventProbability = scenario.groupEventProbability ?? groups.eventProbability;
    for (let g = 0; g < groups.groupCount; g++) {
      if (random() < eventProbability[g]) occurred[g] = 1;
    }
  }
  const forcedGroups = scenario.forcedGroups;
  for (let i = 0; i < forcedGroups.length; i++) occurred[forcedGroups[i]] = 1;
  const memberStart = groups.memberStart;
  const memberElement = groups.memberElement;
  const memberProbability = groups.memberFailureProbability;
  for (let g = 0; g < groups.groupCount; g++) {
    const hit = occurred[g];
    for (let m = memberStart[g]; m < memberStart[g + 1]; m++) {
      // Always draw, so the stream stays aligned whether or not the event occurred (coupling across models).
      const u = random();
      if (hit === 1 && u < memberProbability[m]) down[memberElement[m]] = 1;
    }
  }
  const forced = scenario.forcedElements;
  for (let i = 0; i < forced.length; i++) down[forced[i]] = 1;
  const attack = scenario.attack;
  if (attack.kind === 'random') {
    // Partial Fisher-Yates shuffle: the first `count` entries become a uniform sample without replacement.
    const pool = scratch.attackPool;
    pool.set(attack.candidates);
    const n = pool.length;
    const count = Math.min(attack.count, n);
    for (let i = 0; i < count; i++) {
      const j = i + Math.floor(random() * (n - i));
      const chosen = pool[j];
      pool[j] = pool[i];
      pool[i] = chosen;
      down[chosen] = 1;
    }
  }
}
