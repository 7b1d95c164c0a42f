// Deciding one state of stratified sampling over every outcome of its background atoms at once (see
// ../stratified-sampling.ts): the served count of base + (at most one counted atom), when it is the same whatever
// the likely background atoms do, so the state joins the exact part; else the state is sampled.
//
// - Monotone kinds (served count never rises with more failures): the count with no background failure and with
//   every background member failed bound every outcome; equal bounds decide it.
// - Traffic (not known to be monotone: greedy restoration, demand by demand): its witness of an up state (the elements
//   carrying flow, and the demands' end nodes) keeps the state up while none of them fails. An up state whose
//   witness no background element touches is up in every outcome; one whose witness holds background elements is
//   branched on them (each failed in turn, the ones before it survived: each branch evaluated and witnessed again;
//   all of them survived: the state itself), up to MAX_BRANCH_EVALUATIONS evaluations. A state with a down outcome
//   in the tree is sampled. A counted atom that touches no witness of the no-atom state's tree is decided by that
//   tree without an evaluation of its own.

import { InternalError } from '../../errors.ts';
import { labelComponents } from '../../evaluation/service-evaluator.ts';
import { labelRelevantComponents } from '../../evaluation/relevant-components.ts';
import { analyseServiceStructures, ROLE_IRRELEVANT } from '../../evaluation/service-structure.ts';
import type { CompiledModel } from '../../model.ts';
import { expandLayerState } from '../../sampling/layer-expansion.ts';
import type { UniformSource } from '../../sampling/random-stream.ts';
import { serviceKindOf } from '../../services/service-kinds.ts';

/** Evaluations of one state's branching tree before it is left to sampling (traffic routes a matrix per evaluation). */
export const MAX_BRANCH_EVALUATIONS = 64;

/** The `group` of a {@link StateDecider} call for the state with no counted atom. */
export const NO_ATOM = -2;

/**
 * The served count of base + one counted atom of certain effect (`group` -1: element `element` fails; g: group g's
 * event; NO_ATOM: none) when it is the same in every background outcome, else -1. Call it for NO_ATOM first.
 */
export type StateDecider = (group: number, element: number) => number;

/** The uniform source of a certain atom's application: it never draws (every member fails with probability 0 or 1). */
export const NO_DRAWS: UniformSource = () => {
  throw new InternalError('an atom of certain effect drew a uniform');
};

/** The uniform source of the worst background outcome: every random member fails. */
const ALWAYS_FAILS: UniformSource = () => 0;

/** Applies an occurring atom, drawing its random members (one uniform per member with probability in (0, 1)). */
export function applyAtom(model: CompiledModel, group: number, element: number, down: Uint8Array, random: UniformSource): void {
  if (group < 0) {
    down[element] = 1;
    return;
  }
  const groups = model.groups;
  for (let m = groups.memberStart[group]; m < groups.memberStart[group + 1]; m++) {
    const q = groups.memberFailureProbability[m];
    if (q >= 1 || (q > 0 && random() < q)) down[groups.memberElement[m]] = 1;
  }
}

/**
 * The part of the network that can matter to one service on top of a base state (see service-structure.ts): the
 * elements on some simple path between two endpoints in the surviving base network (after the layer expansion).
 * Every kind's served count depends on these elements alone, in the base state and in any state with more failures.
 */
export interface RelevantPart {
  /** ROLE_* per element (nodes, links; carrier-only links of a layered model are irrelevant). */
  readonly role: Uint8Array;
  /** Relevant links: union-find over these alone labels the endpoints as the whole network would. */
  readonly links: Uint32Array;
  /** Relevant nodes, every endpoint up in the base state included. */
  readonly nodes: Uint32Array;
}

/** The service's relevant part on top of `baseDown` (before the layer expansion; not modified). */
export function describeRelevantPart(model: CompiledModel, serviceIndex: number, baseDown: Uint8Array): RelevantPart {
  const expanded = baseDown.slice();
  if (model.layers !== undefined) expandLayerState(model.layers, expanded);
  const structure = analyseServiceStructures(model, expanded, [model.services[serviceIndex]])[0];
  return { role: structure.elementRole, links: structure.relevantLinks, nodes: structure.relevantNodes };
}

/**
 * Served endpoints of the service in state `down` (expanded through the layers in place). With `part` (the
 * service's relevant part on a base state that `down` contains), a kind that counts from component labels has only
 * that part labelled.
 */
export function countServed(
  model: CompiledModel,
  serviceIndex: number,
  down: Uint8Array,
  parent: Int32Array,
  part: RelevantPart | null = null,
): number {
  if (model.layers !== undefined) expandLayerState(model.layers, down);
  const service = model.services[serviceIndex];
  const kind = serviceKindOf(service);
  if (kind.countsFromLabels) {
    if (part === null) labelComponents(model, down, parent);
    else labelRelevantComponents(model.topology, down, parent, part.links, part.nodes);
  }
  return kind.countServed(service, down, parent);
}

/**
 * Whether a counted atom of certain effect (`group` -1: element `element`; g: group g's members) can change the
 * service's served count on top of the base state of `part` and any other failures: false when none of its elements,
 * nor a logical link it carries, lies in the relevant part (every kind's count depends on those elements alone:
 * connectivity, flows, paths and routes run along simple paths between endpoints, and a path in a network with more
 * failures is one in the base network).
 */
export function createAtomRelevance(model: CompiledModel, part: RelevantPart): (group: number, element: number) => boolean {
  const role = part.role;
  const layers = model.layers;
  const relevant = (e: number): boolean => {
    if (role[e] !== ROLE_IRRELEVANT) return true;
    if (layers === undefined) return false;
    for (let c = layers.carrierStart[e]; c < layers.carrierStart[e + 1]; c++) {
      if (role[layers.logicalElement[layers.carrierLogical[c]]] !== ROLE_IRRELEVANT) return true;
    }
    return false;
  };
  const groups = model.groups;
  return (group, element) => {
    if (group < 0) return relevant(element);
    for (let m = groups.memberStart[group]; m < groups.memberStart[group + 1]; m++) {
      if (relevant(groups.memberElement[m])) return true;
    }
    return false;
  };
}

/**
 * True when the kind can decide a state over background atom (`group`, `element`): monotone kinds over any atom;
 * kinds with a witness over element atoms (the branching fixes one element at a time).
 */
export function canBeBackground(model: CompiledModel, serviceIndex: number, group: number): boolean {
  const kind = serviceKindOf(model.services[serviceIndex]);
  return kind.servedIsMonotone || (kind.markWitness !== undefined && group < 0);
}

/** A leaf of a witness tree: an up state (some background elements fixed down) and its witness. */
interface WitnessLeaf {
  /** Base + state + the background elements fixed down, before the layer expansion. */
  readonly fixedDown: Uint8Array;
  /** The same after the expansion (the evaluated state). */
  readonly expanded: Uint8Array;
  readonly mark: Uint8Array;
  /** Background indices not fixed in this leaf: free to fail. */
  readonly free: readonly number[];
}

/**
 * The decider of service `serviceIndex` over the background atoms (`backgroundGroup`, `backgroundElement`), each
 * eligible by {@link canBeBackground}. With no background atoms it evaluates the state.
 */
export function createStateDecider(
  model: CompiledModel,
  serviceIndex: number,
  baseDown: Uint8Array,
  part: RelevantPart,
  backgroundGroup: Int32Array,
  backgroundElement: Uint32Array,
): StateDecider {
  const service = model.services[serviceIndex];
  const kind = serviceKindOf(service);
  const endpointCount = kind.countEndpoints(service);
  const elementCount = model.elementCount;
  const backgroundCount = backgroundGroup.length;
  const down = new Uint8Array(elementCount);
  const upper = new Uint8Array(elementCount);
  const parent = new Int32Array(model.topology.nodeCount);
  const setState = (group: number, element: number): void => {
    down.set(baseDown);
    if (group !== NO_ATOM) applyAtom(model, group, element, down, NO_DRAWS);
  };
  if (backgroundCount === 0) {
    return (group, element) => {
      setState(group, element);
      return countServed(model, serviceIndex, down, parent, part);
    };
  }
  if (kind.servedIsMonotone) {
    return (group, element) => {
      setState(group, element);
      upper.set(down);
      for (let b = 0; b < backgroundCount; b++) applyAtom(model, backgroundGroup[b], backgroundElement[b], upper, ALWAYS_FAILS);
      const served = countServed(model, serviceIndex, down, parent, part);
      return countServed(model, serviceIndex, upper, parent, part) === served ? served : -1;
    };
  }
  if (kind.markWitness === undefined) throw new InternalError(`service ${service.id}: background atoms without a monotone count or a witness`);
  for (const g of backgroundGroup) if (g >= 0) throw new InternalError('a risk-group event as a background atom of a witness tree');

  /** True when failing `extra` (an atom, or nothing) and every free background element on top of a leaf touches its witness. */
  const touches = (leaf: WitnessLeaf, group: number, element: number): boolean => {
    upper.set(leaf.fixedDown);
    if (group !== NO_ATOM) applyAtom(model, group, element, upper, NO_DRAWS);
    for (const b of leaf.free) upper[backgroundElement[b]] = 1;
    if (model.layers !== undefined) expandLayerState(model.layers, upper);
    for (let e = 0; e < elementCount; e++) if (leaf.mark[e] === 1 && upper[e] === 1 && leaf.expanded[e] === 0) return true;
    return false;
  };
  // The background elements failed in the last down outcome a tree found: a state's tree tries it first (the states
  // of one plan differ by one atom, and a down outcome of one is often a down outcome of the next).
  let lastDownOutcome: Int8Array | null = null;
  const isDownOutcome = (state: Uint8Array, fixed: Int8Array): boolean => {
    upper.set(state);
    for (let b = 0; b < backgroundCount; b++) if (fixed[b] === 1) upper[backgroundElement[b]] = 1;
    return countServed(model, serviceIndex, upper, parent, part) < endpointCount;
  };
  /**
   * The leaves of the state in `down` (unexpanded), all up, or null (a down outcome, or too many evaluations). A node
   * (some background elements fixed failed or survived) is evaluated once; the free background elements its witness
   * holds, t1 < t2 < ... < tk, branch it into the nodes "t1 failed", "t1 survived, t2 failed", ..., "t1..t(k-1)
   * survived, tk failed", and the leaf "all k survived" (its state, so its witness, is the node's own).
   */
  const growTree = (state: Uint8Array): WitnessLeaf[] | null => {
    if (lastDownOutcome !== null && isDownOutcome(state, lastDownOutcome)) return null;
    const leaves: WitnessLeaf[] = [];
    const stack: Int8Array[] = [new Int8Array(backgroundCount).fill(-1)];
    let evaluations = 0;
    while (stack.length > 0) {
      const fixed = stack.pop() as Int8Array;
      if (++evaluations > MAX_BRANCH_EVALUATIONS) return null;
      const fixedDown = state.slice();
      for (let b = 0; b < backgroundCount; b++) if (fixed[b] === 1) fixedDown[backgroundElement[b]] = 1;
      const expanded = fixedDown.slice();
      if (countServed(model, serviceIndex, expanded, parent, part) < endpointCount) {
        lastDownOutcome = fixed;
        return null;
      }
      const mark = new Uint8Array(elementCount);
      kind.markWitness?.(service, expanded, mark);
      const survived = fixed.slice();
      const free: number[] = [];
      for (let b = 0; b < backgroundCount; b++) {
        if (fixed[b] !== -1) continue;
        if (mark[backgroundElement[b]] === 1 && expanded[backgroundElement[b]] === 0) {
          const failed = survived.slice();
          failed[b] = 1;
          stack.push(failed);
          survived[b] = 0;
        } else free.push(b);
      }
      const leaf = { fixedDown, expanded, mark, free };
      // Free elements outside the witness can still cut a logical link in it together (layers): then undecided.
      if (touches(leaf, NO_ATOM, 0)) return null;
      leaves.push(leaf);
    }
    return leaves;
  };
  let noAtomLeaves: WitnessLeaf[] | null | undefined;
  return (group, element) => {
    if (group === NO_ATOM) {
      setState(group, element);
      noAtomLeaves = growTree(down);
      return noAtomLeaves === null ? -1 : endpointCount;
    }
    if (noAtomLeaves === undefined) throw new InternalError('the state with no atom is decided first');
    // Up in every outcome when it touches no witness of the no-atom tree (each leaf's witness then survives it).
    if (noAtomLeaves !== null && !noAtomLeaves.some((leaf) => touches(leaf, group, element))) return endpointCount;
    setState(group, element);
    return growTree(down) === null ? -1 : endpointCount;
  };
}
