// What the critical-state sampler precomputes once per run (model, scenario, services): each service as a reach
// form, the elements and risk groups that can matter to it, its targeted attack, the resolved probabilities, and
// the answers for the "base" state (only the elements down in every sample), which most samples are close to.

import { createServiceScratch, isServiceDown } from '../../analysis/index.ts';
import { createExtensionScanScratch, scanCriticalExtensions } from '../../analysis/index.ts';
import { toReachForm, type ReachForm } from '../../analysis/index.ts';
import { createRelevanceScratch, markRelevantElements } from '../../analysis/index.ts';
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
  /** Per slot, 1 at each relevant element. */
  readonly relevantMask: readonly Uint8Array[];
  /** Per slot, the elements the scenario's targeted attack forces down for that service (empty without one). */
  readonly attackElements: readonly Uint32Array[];
  /**
   * Per slot, 1 at each element down in every sample: forced, attacked for this service, failure probability 1
   * (with random failures), or a member with member probability 1 of a group whose event is certain.
   */
  readonly baseMask: readonly Uint8Array[];
  /** Per slot, 1 when the service is up in the base state (then the base caches below are filled). */
  readonly baseUp: Uint8Array;
  /** Per slot, the extension scan of the base state: 1 at elements whose single extra failure takes it down. */
  readonly baseCritical: readonly Uint8Array[];
  /** Per slot, the relevant elements flagged in `baseCritical`. */
  readonly baseCriticalList: readonly Uint32Array[];
  /**
   * Per slot, per entry i of `relevantGroups[slot]`: 1 when the base state plus every member of the group that can
   * fail (member probability > 0) takes the service down.
   */
  readonly groupCut: readonly Uint8Array[];
  /**
   * Per slot, `elementCount` flags per entry i of `relevantGroups[slot]` (offset i * elementCount): the extension
   * scan of the base state plus the group's members, meaningful when `groupCut` is 0.
   */
  readonly groupExtension: readonly Uint8Array[];
  /** Independent failure probability per element as sampled: the scenario's override, 0 without random failures. */
  readonly elementProbability: Float64Array;
  /** Event probability per risk group as sampled (forced groups are applied on top), 0 without random failures. */
  readonly groupProbability: Float64Array;
}

/**
 * Builds the plan of one run. Throws a RangeError on a service index outside the model or listed twice.
 * Time O(S (G + 1) (n + m)) and S G elementCount bytes for S services and G risk groups.
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
  const relevantMask: Uint8Array[] = [];
  const attackElements: Uint32Array[] = [];
  const baseMask: Uint8Array[] = [];
  const baseUp = new Uint8Array(serviceIndices.length);
  const baseCritical: Uint8Array[] = [];
  const baseCriticalList: Uint32Array[] = [];
  const groupCut: Uint8Array[] = [];
  const groupExtension: Uint8Array[] = [];
  const randomFailures = scenario.randomFailures;
  const elementProbability = randomFailures
    ? Float64Array.from(scenario.elementFailureProbability ?? model.elementFailureProbability)
    : new Float64Array(elementCount);
  const groupProbability = randomFailures
    ? Float64Array.from(scenario.groupEventProbability ?? groups.eventProbability)
    : new Float64Array(groups.groupCount);
  const alwaysDown = findAlwaysDownElements(model, scenario, elementProbability, groupProbability);
  const serviceScratch = createServiceScratch(nodeCount);
  const scanScratch = createExtensionScanScratch(nodeCount);
  const state = new Uint8Array(elementCount);
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
    relevantMask.push(relevant);
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
    const attacked = targeted !== undefined ? Uint32Array.from(targeted) : new Uint32Array(0);
    attackElements.push(attacked);

    const base = alwaysDown.slice();
    for (const e of attacked) base[e] = 1;
    baseMask.push(base);
    const slot = baseMask.length - 1;
    const critical = new Uint8Array(elementCount);
    const slotGroups = relevantGroups[slot];
    const cut = new Uint8Array(slotGroups.length);
    const extension = new Uint8Array(slotGroups.length * elementCount);
    if (!isServiceDown(topology, service, base, serviceScratch)) {
      baseUp[slot] = 1;
      scanCriticalExtensions(topology, form, base, scanScratch, critical);
      for (let i = 0; i < slotGroups.length; i++) {
        const g = slotGroups[i];
        state.set(base);
        for (let m = groups.memberStart[g]; m < groups.memberStart[g + 1]; m++) {
          if (groups.memberFailureProbability[m] > 0) state[groups.memberElement[m]] = 1;
        }
        if (isServiceDown(topology, service, state, serviceScratch)) {
          cut[i] = 1;
        } else {
          scanCriticalExtensions(topology, form, state, scanScratch, extension.subarray(i * elementCount));
        }
      }
    }
    baseCritical.push(critical);
    baseCriticalList.push(Uint32Array.from(elementList.filter((e) => critical[e] !== 0)));
    groupCut.push(cut);
    groupExtension.push(extension);
  }
  return {
    model,
    scenario,
    serviceIndices: Uint32Array.from(serviceIndices),
    itemCount: elementCount + groups.groupCount,
    services,
    forms,
    relevantElements,
    relevantGroups,
    relevantMask,
    attackElements,
    baseMask,
    baseUp,
    baseCritical,
    baseCriticalList,
    groupCut,
    groupExtension,
    elementProbability,
    groupProbability,
  };
}

/** Elements down in every sample whatever the random draws: forced, probability 1, certain members of certain groups. */
function findAlwaysDownElements(
  model: CompiledModel,
  scenario: CompiledScenario,
  elementProbability: Float64Array,
  groupProbability: Float64Array,
): Uint8Array {
  const groups = model.groups;
  const down = new Uint8Array(model.elementCount);
  // Because: random() < 1 always holds, so probability 1 means down in every sample.
  for (let e = 0; e < model.elementCount; e++) if (elementProbability[e] >= 1) down[e] = 1;
  for (const e of scenario.forcedElements) down[e] = 1;
  const certain = Uint8Array.from(groupProbability, (p) => (p >= 1 ? 1 : 0));
  for (const g of scenario.forcedGroups) certain[g] = 1;
  for (let g = 0; g < groups.groupCount; g++) {
    if (certain[g] === 0) continue;
    for (let m = groups.memberStart[g]; m < groups.memberStart[g + 1]; m++) {
      if (groups.memberFailureProbability[m] >= 1) down[groups.memberElement[m]] = 1;
    }
  }
  return down;
}
