// Minimal cut sets by evaluation, for service kinds whose state is not a connectivity criterion (capacity,
// latency, protected): a flow can fall below its demand, or a path grow too long, without any disconnection, so
// the extension scan does not apply. Candidate sets are grown along witnesses and evaluated with the kind's isDown.

import type { CompiledModel, CompiledService } from '../../model.ts';
import { expandLayerState, markRouteElements } from '../../sampling/layer-expansion.ts';
import { serviceKindOf } from '../../services/service-kinds.ts';
import { createServiceScratch, isServiceDown } from '../service-state.ts';
import { toReachForm } from './reach-form.ts';
import { createRelevanceScratch, markRelevantElements } from './relevance.ts';
import { listSharedEvaluations, type SharedEvaluationCache } from './shared-evaluations.ts';

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
 * Every minimal cut set of order <= maxOrder, by witness branching (the hitting-set view of cut sets): while a
 * set P of failed members leaves the service up, a witness W of that up state (the kind's markWitness: the
 * elements carrying a sufficient flow, a short enough path, k disjoint paths; else every relevant element, those
 * on a simple path between endpoints, Hopcroft and Tarjan 1973) survives any failure that misses it, so every
 * cut set containing P also contains a member that hits W: an element of W, or a risk group with a member in W.
 * Growing P by each such member from the empty set reaches every minimal cut set of order <= maxOrder; each set
 * is evaluated once (cached across the deepening passes), and a cut is kept when removing any one member leaves
 * the service up (monotone property).
 * A kind with a graded margin (capacity: measureExtensionLoss) narrows the branches further: with r members
 * still to add, to those whose failure can lower the margin by more than margin / r (flow through them above
 * that share of the spare capacity).
 * In a layered model every set is evaluated after the layer expansion, and the witness includes the working and
 * protection routes of its logical links (a physical segment or a duct is then a member like any other).
 * Cost: O(|W|^maxOrder) evaluations, |W| the witness size (tens of elements on a backbone, not hundreds).
 * With `shared`, a kind that shares evaluations between services (traffic: a matrix and its demands) evaluates each
 * set once per scope across every search given the same cache: the searches for a matrix's services visit largely
 * the same sets (they branch on the same witness, the matrix's carriers).
 * @param shared evaluations kept across the searches of several services of `model`; null keeps none
 * @returns the cut sets, sorted by order then members; truncated when `maxCutSets` or `maxEvaluations` stopped it
 */
export function findCutSetsByEvaluation(
  model: CompiledModel,
  serviceIndex: number,
  resolved: EvaluationLimits,
  maxEvaluations: number = DEFAULT_MAX_CUT_SET_EVALUATIONS,
  shared: SharedEvaluationCache | null = null,
): { readonly cutSets: EvaluatedCutSet[]; readonly truncated: boolean } {
  const service = model.services[serviceIndex];
  const kind = serviceKindOf(service);
  if (kind.splitParts !== undefined && kind.splitParts(service).length > 1) {
    return mergePartCutSets(model, kind.splitParts(service), resolved, maxEvaluations, shared);
  }
  const topology = model.topology;
  const nodeCount = topology.nodeCount;
  const elementCount = model.elementCount;
  const groups = model.groups;
  const groupCount = resolved.includeGroups ? groups.groupCount : 0;
  const down = new Uint8Array(elementCount);
  const downCount = new Uint16Array(elementCount);
  const scratch = createServiceScratch(nodeCount);
  const layers = model.layers;
  // Layers: every evaluated set is expanded (failed physical segments take down the logical links over them).
  const layerState = layers === undefined ? down : new Uint8Array(elementCount);
  const expand = (): Uint8Array => {
    if (layers === undefined) return down;
    layerState.set(down);
    expandLayerState(layers, layerState);
    return layerState;
  };
  if (isServiceDown(topology, service, expand(), scratch)) return { cutSets: [{ order: 0, elements: [] }], truncated: false };

  const isCandidate = new Uint8Array(elementCount);
  if (resolved.candidateElements === null) isCandidate.fill(1);
  else {
    for (const e of resolved.candidateElements) {
      if (e >= elementCount) throw new RangeError(`options.candidateElements: ${e} is outside [0, ${elementCount})`);
      isCandidate[e] = 1;
    }
  }
  const form = toReachForm(service, nodeCount);
  const endpoint = new Uint8Array(nodeCount);
  for (let v = 0; v < nodeCount; v++) endpoint[v] = form.isFrom[v] | form.isTo[v];
  const relevanceScratch = createRelevanceScratch(topology);
  const witness = new Uint8Array(elementCount);

  const apply = (code: number): void => {
    if (code < elementCount) {
      if (downCount[code]++ === 0) down[code] = 1;
      return;
    }
    const g = code - elementCount;
    for (let m = groups.memberStart[g]; m < groups.memberStart[g + 1]; m++) {
      const e = groups.memberElement[m];
      if (downCount[e]++ === 0) down[e] = 1;
    }
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

  const sharing = shared === null ? undefined : kind.shareEvaluation?.(service);
  const sharedStates =
    sharing === undefined || shared === null ? null : listSharedEvaluations(shared, model, sharing.scope);
  /** The state of the set now applied: by the kind's isDown, or by the evaluation its scope shares. */
  const evaluateApplied = (key: string): boolean => {
    if (sharing === undefined || sharedStates === null) return isServiceDown(topology, service, expand(), scratch);
    const evaluation = sharing.evaluate(expand());
    sharedStates.evaluations.set(key, evaluation);
    return sharing.isDownFrom(evaluation);
  };

  let evaluations = 0;
  let truncated = false;
  /** Service state per evaluated set (sorted member key): true when down. */
  const isCut = new Map<string, boolean>();
  const evaluate = (codes: readonly number[]): boolean => {
    const key = codes.join(',');
    const known = isCut.get(key);
    if (known !== undefined) return known;
    evaluations++;
    const evaluation = sharedStates?.evaluations.get(key);
    let result: boolean;
    if (sharing !== undefined && evaluation !== undefined) result = sharing.isDownFrom(evaluation);
    else {
      for (const code of codes) apply(code);
      result = evaluateApplied(key);
      for (const code of codes) unapply(code);
    }
    isCut.set(key, result);
    return result;
  };

  const cutSets: EvaluatedCutSet[] = [];
  const expanded = new Set<string>();
  const loss = new Float64Array(kind.measureExtensionLoss !== undefined ? elementCount : 0);
  /**
   * With a graded margin and r members still to add: the r members of a cut lower the margin by at most the sum
   * of their loss bounds (one maximum flow minus the flow through each), so one of them has a bound above
   * margin / r; branching on those alone is complete.
   */
  const marginBranches = (base: readonly number[], remaining: number): number[] | null => {
    // The flow bounds are per graph link; a physical segment's loss is not one of them (layers: witness branching).
    if (kind.measureExtensionLoss === undefined || layers !== undefined) return null;
    for (const code of base) apply(code);
    const margin = kind.measureExtensionLoss(service, down, loss) / remaining;
    const out: number[] = [];
    for (let e = 0; e < elementCount; e++) if (loss[e] > margin && down[e] === 0 && isCandidate[e] !== 0) out.push(e);
    for (let g = 0; g < groupCount; g++) {
      let total = 0;
      for (let m = groups.memberStart[g]; m < groups.memberStart[g + 1]; m++) {
        const e = groups.memberElement[m];
        if (down[e] === 0) total += loss[e];
      }
      if (total > margin) out.push(elementCount + g);
    }
    for (const code of base) unapply(code);
    return out;
  };
  /** The kind's witness of the up state of the set with key `key` into `witness`, shared by the scope's services. */
  const markKindWitness = (key: string, state: Uint8Array): void => {
    const known = sharedStates?.witnesses.get(key);
    if (known !== undefined) {
      for (const e of known) witness[e] = 1;
      return;
    }
    kind.markWitness?.(service, state, witness);
    if (sharedStates === null) return;
    const marked: number[] = [];
    for (let e = 0; e < elementCount; e++) if (witness[e] !== 0) marked.push(e);
    sharedStates.witnesses.set(key, Int32Array.from(marked));
  };
  /** Members that hit the witness of the up state `base` (ascending; elements, then groups). */
  const branches = (base: readonly number[]): number[] => {
    for (const code of base) apply(code);
    witness.fill(0);
    const state = expand();
    if (kind.markWitness !== undefined) markKindWitness(base.join(','), state);
    else markRelevantElements(topology, endpoint, state, relevanceScratch, witness);
    // Layers: a failure that misses the witness's logical links must also miss their routes to leave them up.
    if (layers !== undefined) markRouteElements(layers, witness);
    const out: number[] = [];
    for (let e = 0; e < elementCount; e++) if (witness[e] !== 0 && down[e] === 0 && isCandidate[e] !== 0) out.push(e);
    for (let g = 0; g < groupCount; g++) {
      for (let m = groups.memberStart[g]; m < groups.memberStart[g + 1]; m++) {
        const e = groups.memberElement[m];
        if (witness[e] !== 0 && down[e] === 0) {
          out.push(elementCount + g);
          break;
        }
      }
    }
    for (const code of base) unapply(code);
    return out;
  };
  const recorded = new Set<string>();
  // Iterative deepening (order limit 1, 2, ...; evaluations are cached): when a limit stops the enumeration,
  // every order below the one being enumerated is complete, as minimal-cut-sets.ts promises.
  let orderLimit = 1;
  const grow = (base: number[]): void => {
    if (truncated || base.length >= orderLimit) return;
    const candidates = marginBranches(base, orderLimit - base.length) ?? branches(base);
    for (const code of candidates) {
      if (truncated) return;
      if (base.includes(code)) continue;
      const next = [...base, code].sort((a, b) => a - b);
      const key = next.join(',');
      if (expanded.has(key)) continue;
      expanded.add(key);
      if (evaluations >= maxEvaluations) {
        truncated = true;
        return;
      }
      if (!evaluate(next)) {
        grow(next);
        continue;
      }
      // A cut: minimal when every set with one member less leaves the service up.
      let minimal = true;
      for (let i = 0; i < next.length && minimal; i++) if (evaluate(next.filter((_, k) => k !== i))) minimal = false;
      if (!minimal || recorded.has(key)) continue;
      if (cutSets.length >= resolved.maxCutSets) {
        truncated = true;
        return;
      }
      recorded.add(key);
      cutSets.push({ order: next.length, elements: next });
    }
  };
  for (; orderLimit <= resolved.maxOrder && !truncated; orderLimit++) {
    expanded.clear();
    grow([]);
  }
  cutSets.sort(compareCutSets);
  return { cutSets, truncated };
}

/**
 * The minimal cut sets of a service that is down exactly when one of its parts is: the minimal sets among the
 * parts' minimal cut sets (a set is a cut of the service iff it is a cut of some part; a proper subset that is a
 * cut of any part has lower order, so it is among the parts' sets when the orders below are complete).
 */
function mergePartCutSets(
  model: CompiledModel,
  parts: readonly CompiledService[],
  resolved: EvaluationLimits,
  maxEvaluations: number,
  shared: SharedEvaluationCache | null,
): { readonly cutSets: EvaluatedCutSet[]; readonly truncated: boolean } {
  const byKey = new Map<string, EvaluatedCutSet>();
  let truncated = false;
  for (const part of parts) {
    const result = findCutSetsByEvaluation({ ...model, services: [part] }, 0, resolved, maxEvaluations, shared);
    truncated ||= result.truncated;
    for (const cut of result.cutSets) byKey.set(cut.elements.join(','), cut);
  }
  if (byKey.has('')) return { cutSets: [{ order: 0, elements: [] }], truncated: false };
  const cutSets = [...byKey.values()].filter((cut) => {
    // Minimal when no proper non-empty subset is itself among the sets.
    for (let mask = 1; mask < (1 << cut.order) - 1; mask++) {
      if (byKey.has(cut.elements.filter((_, i) => (mask >> i) & 1).join(','))) return false;
    }
    return true;
  });
  cutSets.sort(compareCutSets);
  if (cutSets.length > resolved.maxCutSets) return { cutSets: cutSets.slice(0, resolved.maxCutSets), truncated: true };
  return { cutSets, truncated };
}

function compareCutSets(a: EvaluatedCutSet, b: EvaluatedCutSet): number {
  if (a.order !== b.order) return a.order - b.order;
  for (let i = 0; i < a.order; i++) if (a.elements[i] !== b.elements[i]) return a.elements[i] - b.elements[i];
  return 0;
}
