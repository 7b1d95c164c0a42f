// Minimal cut sets by evaluation, for service kinds whose state is not a connectivity criterion (capacity,
// latency, protected): a flow can fall below its demand, or a path grow too long, without any disconnection, so
// the extension scan does not apply. Each candidate set is evaluated with the kind's own isDown.

import type { CompiledModel } from '../../model.ts';
import { createServiceScratch, isServiceDown } from '../service-state.ts';
import { toReachForm } from './reach-form.ts';
import { createRelevanceScratch, markRelevantElements } from './relevance.ts';

/** A minimal cut set (as minimal-cut-sets.ts's CutSet; declared here so the two modules form no cycle). */
interface EvaluatedCutSet {
  readonly order: number;
  readonly elements: number[];
}

/** The options this enumeration reads (minimal-cut-sets.ts's resolved options). */
interface EvaluationLimits {
  readonly maxOrder: number;
  readonly includeGroups: boolean;
  readonly maxCutSets: number;
  readonly candidateElements: Uint32Array | null;
}

/** Default cap on evaluations (isDown calls) of one enumeration; beyond it the result is marked truncated. */
export const DEFAULT_MAX_CUT_SET_EVALUATIONS = 2_000_000;

/**
 * Every minimal cut set of order <= maxOrder, by evaluation. Candidates are the relevant elements (those on a
 * simple path between two endpoints, the only ones a flow or path can use; block-cut tree, Hopcroft and Tarjan
 * 1973) and the risk groups with a relevant member. Sets are visited by order, then lexicographically; a set is a
 * minimal cut set when the service is down with it failed and it contains no minimal cut set of lower order
 * (the cut property is monotone and lower orders are complete, so no proper subset is then a cut). A member whose
 * failure changes nothing (an element already failed by a group in the set) makes the set non-minimal.
 * @returns the cut sets, sorted by order then members; truncated when `maxCutSets` or `maxEvaluations` stopped it
 */
export function findCutSetsByEvaluation(
  model: CompiledModel,
  serviceIndex: number,
  resolved: EvaluationLimits,
  maxEvaluations: number = DEFAULT_MAX_CUT_SET_EVALUATIONS,
): { readonly cutSets: EvaluatedCutSet[]; readonly truncated: boolean } {
  const topology = model.topology;
  const nodeCount = topology.nodeCount;
  const elementCount = model.elementCount;
  const service = model.services[serviceIndex];
  const groups = model.groups;
  const groupCount = resolved.includeGroups ? groups.groupCount : 0;
  const down = new Uint8Array(elementCount);
  const downCount = new Uint16Array(elementCount);
  const scratch = createServiceScratch(nodeCount);
  if (isServiceDown(topology, service, down, scratch)) return { cutSets: [{ order: 0, elements: [] }], truncated: false };

  const form = toReachForm(service, nodeCount);
  const endpoint = new Uint8Array(nodeCount);
  for (let v = 0; v < nodeCount; v++) endpoint[v] = form.isFrom[v] | form.isTo[v];
  const relevant = new Uint8Array(elementCount);
  markRelevantElements(topology, endpoint, down, createRelevanceScratch(topology), relevant);
  const isCandidate = new Uint8Array(elementCount);
  if (resolved.candidateElements === null) isCandidate.fill(1);
  else {
    for (const e of resolved.candidateElements) {
      if (e >= elementCount) throw new RangeError(`options.candidateElements: ${e} is outside [0, ${elementCount})`);
      isCandidate[e] = 1;
    }
  }

  const universe: number[] = [];
  for (let e = 0; e < elementCount; e++) if (relevant[e] !== 0 && isCandidate[e] !== 0) universe.push(e);
  for (let g = 0; g < groupCount; g++) {
    for (let m = groups.memberStart[g]; m < groups.memberStart[g + 1]; m++) {
      if (relevant[groups.memberElement[m]] !== 0) {
        universe.push(elementCount + g);
        break;
      }
    }
  }

  const apply = (code: number): boolean => {
    if (code < elementCount) {
      if (downCount[code]++ !== 0) return false;
      down[code] = 1;
      return true;
    }
    let changes = false;
    const g = code - elementCount;
    for (let m = groups.memberStart[g]; m < groups.memberStart[g + 1]; m++) {
      const e = groups.memberElement[m];
      if (downCount[e]++ === 0) {
        down[e] = 1;
        changes = true;
      }
    }
    return changes;
  };
  const unapply = (code: number): void => {
    if (code < elementCount) {
      if (--downCount[code] === 0) down[code] = 0;
      return;
    }
    const g = code - elementCount;
    for (let m = groups.memberStart[g]; m < groups.memberStart[g + 1]; m++) {
      const e = groups.memberElement[m];
      if (--downCount[e] === 0) down[e] = 0;
    }
  };

  const cutSets: EvaluatedCutSet[] = [];
  const found = new Set<string>();
  const chosen: number[] = [];
  let evaluations = 0;
  let truncated = false;

  /** Whether a proper subset of `chosen` (as universe positions' codes) is a known minimal cut set. */
  const containsKnownCut = (): boolean => {
    const order = chosen.length;
    const subset: number[] = [];
    for (let mask = 1; mask < (1 << order) - 1; mask++) {
      subset.length = 0;
      for (let i = 0; i < order; i++) if ((mask >> i) & 1) subset.push(chosen[i]);
      if (found.has(subset.join(','))) return true;
    }
    return false;
  };

  // Depth-first over combinations of `order` universe positions; `changed` is false once some member changed nothing.
  const visit = (order: number, start: number, changed: boolean): void => {
    if (truncated) return;
    if (chosen.length === order) {
      if (!changed || containsKnownCut()) return;
      if (++evaluations > maxEvaluations) {
        truncated = true;
        return;
      }
      if (!isServiceDown(topology, service, down, scratch)) return;
      if (cutSets.length >= resolved.maxCutSets) {
        truncated = true;
        return;
      }
      cutSets.push({ order, elements: chosen.slice() });
      found.add(chosen.join(','));
      return;
    }
    for (let i = start; i <= universe.length - (order - chosen.length) && !truncated; i++) {
      const code = universe[i];
      const changes = apply(code);
      chosen.push(code);
      // A prefix that is already a cut makes every extension non-minimal.
      if (!(chosen.length < order && found.has(chosen.join(',')))) visit(order, i + 1, changed && changes);
      chosen.pop();
      unapply(code);
    }
  };
  for (let order = 1; order <= resolved.maxOrder && !truncated; order++) visit(order, 0, true);
  return { cutSets, truncated };
}
