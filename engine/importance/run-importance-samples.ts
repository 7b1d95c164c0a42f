// Critical-state sampling of importance measures: one pass over sampled failure states counts, for every service
// at once, how often each node, link and risk group is critical. Sums merge; estimates come after merging.

import type { CompiledModel, CompiledScenario } from '../model.ts';
import type { UniformSource } from '../sampling/random-stream.ts';
import type { ImportanceScratch } from './importance-scratch.ts';
import type { ImportanceSums } from './importance-sums.ts';
import { accumulateCriticalState, createCriticalCounts, drawCriticalState } from './internal/critical-state.ts';
import { buildImportancePlan } from './internal/importance-plan.ts';

/**
 * Runs `sampleCount` critical-state samples and returns their counts.
 *
 * ```
 * plan (per service: reach form, relevant elements and groups, targeted attack, answers for the base state)
 *   for each sample: draw the state (as the crude sampler) ──> for each service:
 *       no relevant failure beyond the base state: the plan's answers
 *       up:   extension scan ──> critical elements; groups: shortcut, plan's answers, or one evaluation each
 *       down: one evaluation per relevant down element and per relevant occurred group (repair tests)
 *   ──> counts n, D, C, C_failed
 * ```
 *
 * Cost per sample and service: nothing beyond O(failures + groups) when no relevant element is down beyond the
 * base state (elements down in every sample); else an early-exit evaluation and an extension scan, O(n + m) each,
 * plus one early-exit evaluation per risk group whose hit members are not decided by a shortcut (with one relevant
 * failure beyond the base state every group is decided from the plan) and per relevant down element when the
 * service is down. The state is shared by all services (common random numbers). Nothing is allocated inside the
 * sample loop; the plan costs O(S (G + 1) (n + m)) time and S G (n + m) bytes for S services and G groups.
 *
 * Random attacks are drawn exactly as the crude sampler draws them and count as ordinary (non-group) failures of
 * the attacked elements; a targeted attack is forced down for its own service only, and an attacked or forced
 * element is critical when its repair alone restores the service (as the exact methods' "held up").
 * @param model the compiled model
 * @param scenario the scenario to sample (probability overrides, forced elements and groups, attack)
 * @param serviceIndices model service indices, distinct; slot i of the sums is `serviceIndices[i]`
 * @param random uniform source on [0, 1), e.g. the batch's stream
 * @param sampleCount number of states to sample, an integer >= 0
 * @param scratch buffers from {@link createImportanceScratch} for this model
 * @returns plain-array counts (JSON-safe), to merge with {@link mergeImportanceSums} and estimate with
 *   {@link estimateImportance}
 */
export function runImportanceSamples(
  model: CompiledModel,
  scenario: CompiledScenario,
  serviceIndices: readonly number[],
  random: UniformSource,
  sampleCount: number,
  scratch: ImportanceScratch,
): ImportanceSums {
  if (!Number.isInteger(sampleCount) || sampleCount < 0) {
    throw new RangeError(`sampleCount must be a non-negative integer, got ${sampleCount}`);
  }
  if (scratch.elementCount !== model.elementCount || scratch.memberCount !== model.groups.memberElement.length) {
    throw new RangeError('scratch was created for a different model');
  }
  const plan = buildImportancePlan(model, scenario, serviceIndices);
  const attack = scenario.attack;
  if (attack.kind === 'random' && scratch.attackPool.length !== attack.candidates.length) {
    scratch.attackPool = new Uint32Array(attack.candidates.length);
  }
  const counts = createCriticalCounts(plan);
  for (let i = 0; i < sampleCount; i++) {
    drawCriticalState(plan, random, scratch);
    accumulateCriticalState(plan, scratch, 1, counts);
  }
  const itemCount = plan.itemCount;
  const rows = (values: Float64Array): number[][] =>
    serviceIndices.map((_, slot) => Array.from(values.subarray(slot * itemCount, (slot + 1) * itemCount)));
  return {
    serviceIndices: [...serviceIndices],
    elementCount: model.elementCount,
    groupCount: model.groups.groupCount,
    sampleCount,
    serviceDownCount: Array.from(counts.serviceDown),
    criticalCount: rows(counts.critical),
    criticalFailedCount: rows(counts.criticalFailed),
  };
}
