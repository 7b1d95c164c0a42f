// The draw order of one scenario state, shared by every sampler that draws one uniform per trial (the simple crude
// sampler and critical-state sampling), and the random attack's shuffle step shared by every sampler. Keeping them
// in one place keeps the samplers on the same stream: a seed gives the same state whichever of them reads it.

import type { CompiledModel, CompiledScenario } from '../model.ts';
import { expandLayerState } from './layer-expansion.ts';
import type { UniformSource } from './random-stream.ts';

/**
 * One step of a partial Fisher-Yates shuffle (Durstenfeld 1964; Knuth, TAOCP vol. 2, 3.4.2 algorithm P): swaps
 * a uniformly chosen entry of `pool[i..]` into position i and returns it. After steps 0..c-1 the first c entries
 * are a uniform sample without replacement, whatever order the pool started in.
 * @param i step index, in [0, pool.length)
 * @param u uniform on [0, 1)
 */
export function pickAttackElement(pool: Uint32Array, i: number, u: number): number {
  const j = i + Math.floor(u * (pool.length - i));
  const chosen = pool[j];
  pool[j] = pool[i];
  pool[i] = chosen;
  return chosen;
}

/**
 * Draws a random attack: resets `pool` to `candidates`, takes min(count, pool.length) shuffle steps with one
 * uniform each and marks the chosen elements down.
 * @param pool scratch of length candidates.length
 */
export function drawRandomAttack(
  pool: Uint32Array,
  candidates: Uint32Array,
  count: number,
  random: UniformSource,
  down: Uint8Array,
): void {
  pool.set(candidates);
  const steps = Math.min(count, pool.length);
  for (let i = 0; i < steps; i++) down[pickAttackElement(pool, i, random())] = 1;
}

/**
 * Draws one scenario state with a fixed number of uniforms in a fixed order: one per element and one per group
 * event (when `scenario.randomFailures`), then one per group member (always, so the stream stays aligned whether or
 * not the event occurred: common random numbers across models), then the random attack's shuffle. Forced groups
 * occur before the member draws; forced elements are down before the attack.
 *
 * With `memberHit` null, a member of an occurring group fails when its draw is below its member probability and
 * `down` holds the whole state, layers expanded (logical links whose routes are cut are down). With `memberHit` given, every member draw is recorded there (1 hit) instead, also
 * for groups that did not occur, and `down` holds the elements' own failures, forced elements and the attack only.
 * @param down output, 1 for down elements; length elementCount
 * @param occurred output, 1 for occurring group events; length groupCount
 * @param memberHit null, or output of length memberElement.length
 * @param attackPool scratch of length candidates.length when the scenario has a random attack
 */
export function drawScenarioState(
  model: CompiledModel,
  scenario: CompiledScenario,
  random: UniformSource,
  down: Uint8Array,
  occurred: Uint8Array,
  memberHit: Uint8Array | null,
  attackPool: Uint32Array,
): void {
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
  if (memberHit === null) {
    for (let g = 0; g < groups.groupCount; g++) {
      const hit = occurred[g];
      for (let m = memberStart[g]; m < memberStart[g + 1]; m++) {
        const u = random();
        if (hit === 1 && u < memberProbability[m]) down[memberElement[m]] = 1;
      }
    }
  } else {
    for (let m = 0; m < memberStart[groups.groupCount]; m++) memberHit[m] = random() < memberProbability[m] ? 1 : 0;
  }
  const forced = scenario.forcedElements;
  for (let i = 0; i < forced.length; i++) down[forced[i]] = 1;
  const attack = scenario.attack;
  if (attack.kind === 'random') drawRandomAttack(attackPool, attack.candidates, attack.count, random, down);
  // Layers: failed physical elements take down the logical links routed over them (a whole state only).
  if (memberHit === null && model.layers !== undefined) expandLayerState(model.layers, down);
}
