// What the critical-state sampler precomputes once per run (model, scenario, services): each service as a reach
// form, the elements and risk groups that can matter to it, its targeted attack, and the resolved probabilities.

import { markRelevantElements, createRelevanceScratch } from '../../analysis/internal/relevance.ts';
import { toReachForm, type ReachForm } from '../../analysis/internal/reach-form.ts';
import type { CompiledModel, CompiledScenario, CompiledService } from '../../model.ts';

/** Read-only data of one run of {@link accumulateCriticalState}; built outside the sample loop. */
export interface ImportancePlan {
  readonly model: CompiledModel;
  readonly scenario: CompiledScenario;
  /** Model service index of each slot; slot i of the sums belongs to `serviceIndices[i]`. */
  readonly serviceIndices: Uint32Array;
  /** elementCount + groupCount: the stride of the per-slot count arrays (elements first, then groups). */
  readonly itemCount: number;
  readonly services: readonly CompiledService[];
  readonly forms: readonly ReachForm[];
  /**
   * Per slot, the elements that can change the service's state in some failure state, ascending: those on a simple
   * path between two endpoints (block-cut tree, Hopcroft and Tarjan 1973). The others are never critical.
   */
  readonly relevantElements: readonly Uint32Array[];
  /** Per slot, the risk groups with at least one relevant member that can fail (member probability > 0). */
  readonly relevantGroups: readonly Uint32Array[];
  /** Per slot, the elements the scenario's targeted attack forces down for that service (empty without one). */
  readonly attackElements: readonly Uint32Array[];
  /** Independent failure probability per element as sampled: the scenario's override, 0 without random failures. */
  readonly elementProbability: Float64Array;
  /** Event probability per risk group as sampled (forced groups are applied on top), 0 without random failures. */
  readonly groupProbability: Float64Array;
}

/**
 * Builds the plan of one run. Throws a RangeError on a service index outside the model or listed twice.
 * Time O(S (n + m)) for S services.
 */
export function buildImportancePlan(
  model: CompiledModel,
  scenario: CompiledScenario,
  serviceIndices: readonly number[],
): ImportancePlan {
  const topology = model.topology;
  const nodeCount = topology.nodeCount;
  const elementCount = model.elementCount;
  const groups = model.groups;
  const seen = new Set<number>();
  for (const s of serviceIndices) {
    if (!Number.isInteger(s) || s < 0 || s >= model.services.length) {
      throw new RangeError(`service index ${s} is outside [0, ${model.services.length})`);
    }
    if (seen.has(s)) throw new RangeError(`service index ${s} is listed twice`);
    seen.add(s);
  }
  const relevanceScratch = createRelevanceScratch(topology);
  const noFailures = new Uint8Array(elementCount);
  const services: CompiledService[] = [];
  const forms: ReachForm[] = [];
  const relevantElements: Uint32Array[] = [];
  const relevantGroups: Uint32Array[] = [];
  const attackElements: Uint32Array[] = [];
  for (const s of serviceIndices) {
    const service = model.services[s];
    const form = toReachForm(service, nodeCount);
    services.push(service);
    forms.push(form);
    const relevant = new Uint8Array(elementCount);
    if (form.from.length > 0) {
      const endpoint = new Uint8Array(nodeCount);
      for (let v = 0; v < nodeCount; v++) endpoint[v] = form.isFrom[v] | form.isTo[v];
      markRelevantElements(topology, endpoint, noFailures, relevanceScratch, relevant);
    }
    const elementList: number[] = [];
    for (let e = 0; e < elementCount; e++) if (relevant[e] !== 0) elementList.push(e);
    relevantElements.push(Uint32Array.from(elementList));
    const groupList: number[] = [];
    for (let g = 0; g < groups.groupCount; g++) {
      for (let m = groups.memberStart[g]; m < groups.memberStart[g + 1]; m++) {
        if (relevant[groups.memberElement[m]] !== 0 && groups.memberFailureProbability[m] > 0) {
          groupList.push(g);
          break;
        }
      }
    }
    relevantGroups.push(Uint32Array.from(groupList));
    const attack = scenario.attack;
    const targeted = attack.kind === 'targeted' ? attack.elementsByService[s] : undefined;
    if (targeted !== undefined) {
      for (const e of targeted) {
        if (e >= elementCount) throw new RangeError(`attack on service ${s} names element ${e} outside the model`);
      }
    }
    attackElements.push(targeted !== undefined ? Uint32Array.from(targeted) : new Uint32Array(0));
  }
  const randomFailures = scenario.randomFailures;
  const elementProbability = randomFailures
    ? Float64Array.from(scenario.elementFailureProbability ?? model.elementFailureProbability)
    : new Float64Array(elementCount);
  const groupProbability = randomFailures
    ? Float64Array.from(scenario.groupEventProbability ?? groups.eventProbability)
    : new Float64Array(groups.groupCount);
  return {
    model,
    scenario,
    serviceIndices: Uint32Array.from(serviceIndices),
    itemCount: elementCount + groups.groupCount,
    services,
    forms,
    relevantElements,
    relevantGroups,
    attackElements,
    elementProbability,
    groupProbability,
  };
}
