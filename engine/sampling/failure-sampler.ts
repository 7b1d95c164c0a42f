// Crude failure sampler: draws one scenario's failed elements from the compiled failure model into a scratch
// buffer. Draws happen in a fixed order with a fixed count per scenario (one per element, one per group event,
// one per group member), so two models differing only in probabilities are coupled (common random numbers):
// raising a probability can only turn an element from up to down in the same sample.

import type { CompiledModel, CompiledScenario } from '../model.ts';
import type { UniformSource } from './random-stream.ts';
import { drawScenarioState } from './scenario-draws.ts';

/** Per-worker scratch buffers for sampling; allocate once with createSampleScratch and reuse. */
export interface SampleScratch {
  /** 1 when element e is down in the current sample; length elementCount. */
  readonly elementDown: Uint8Array;
  /** 1 when risk-group event g occurred in the current sample; length groupCount. */
  readonly groupOccurred: Uint8Array;
  /** Work space for drawing a random attack without replacement. */
  readonly attackPool: Uint32Array;
}

/** Allocates the sampling scratch of a model and scenario (the attack pool is sized to its candidates). */
export function createSampleScratch(model: CompiledModel, scenario: CompiledScenario): SampleScratch {
  const poolSize = scenario.attack.kind === 'random' ? scenario.attack.candidates.length : 0;
  return {
    elementDown: new Uint8Array(model.elementCount),
    groupOccurred: new Uint8Array(model.groups.groupCount),
    attackPool: new Uint32Array(poolSize),
  };
}

/**
 * Samples one scenario state into `scratch.elementDown` and `scratch.groupOccurred`, in the shared draw order
 * (scenario-draws.ts): independent failures (when `scenario.randomFailures`), risk-group events, forced elements and
 * groups, and a random attack. A targeted attack is not applied here: it differs per service.
 */
export function sampleScenarioState(
  model: CompiledModel,
  scenario: CompiledScenario,
  random: UniformSource,
  scratch: SampleScratch,
): void {
  drawScenarioState(model, scenario, random, scratch.elementDown, scratch.groupOccurred, null, scratch.attackPool);
}
