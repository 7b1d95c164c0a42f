// Sabotage planning: which elements an adversary with a budget attacks to take one service down, by four
// strategies from uninformed (random) to exact (max-flow, or branch and bound where flows do not apply).

import type { CompiledModel, CompiledService, RiskGroupModel } from '../model.ts';
import { serviceKindOf } from '../services/service-kinds.ts';
import type { UniformSource } from '../sampling/random-stream.ts';
import { pickAttackElement } from '../sampling/scenario-draws.ts';
import { expandLayerState, type LayerModel } from '../sampling/layer-expansion.ts';
import type { CsrTopology } from '../topology/csr-topology.ts';
import { computeElementBetweenness } from './betweenness.ts';
import { searchCheapestAttack } from './internal/attack-search.ts';
import { dependsOnLayers, viewWithoutLayers } from './internal/layer-view.ts';
import { DEFAULT_MAX_FLOW_COMPUTATIONS, findMinServiceCut } from './max-flow.ts';
import { createServiceScratch, fullServiceLevel, isServiceDown, measureServiceLevel } from './service-state.ts';

/** How the attacker chooses: see {@link planAttack}. */
export type AttackStrategy = 'random' | 'betweenness' | 'greedy' | 'optimal';

/** The attacker's budget: a number of elements, or a total attack cost (same unit as `attackCost`). */
export type AttackBudget =
  | { readonly kind: 'count'; /** Integer >= 0. */ readonly count: number }
  | { readonly kind: 'cost'; /** >= 0, Infinity allowed. */ readonly cost: number };

/** Which element kinds may be attacked. */
export type AttackTargets = 'links' | 'nodes' | 'all';

/** Options of {@link planAttack}. */
export interface PlanAttackOptions {
  readonly strategy: AttackStrategy;
  readonly budget: AttackBudget;
  readonly targets: AttackTargets;
  /**
   * Cost of attacking each element (nodes 0..N-1, links N..N+L-1, then a layered model's physical links), length
   * model.elementCount, >= 0; Infinity means the
   * element cannot be attacked (e.g. to protect a service's own endpoints).
   */
  readonly attackCost: Float64Array;
  /** Uniform source on [0, 1); required by the 'random' strategy, ignored by the others. */
  readonly random?: UniformSource;
  /** Largest number of branch-and-bound nodes of the 'optimal' strategy (integer >= 1); default 200000. */
  readonly searchNodeLimit?: number;
  /** Largest number of max-flows for an exact reach attack (integer >= 1); default {@link DEFAULT_MAX_FLOW_COMPUTATIONS}. */
  readonly maxFlowComputations?: number;
}

/** The attack chosen by {@link planAttack}. */
export interface PlannedAttack {
  /** Attacked element indices, ascending. */
  readonly elements: number[];
  /** Sum of their attack costs. */
  readonly cost: number;
  /** Whether the attack alone (no other failure) takes the service down. */
  readonly disconnects: boolean;
  /**
   * 'optimal' only: when `disconnects`, the attack is proven cheapest (fewest elements for a count budget, lowest
   * cost for a cost budget); otherwise it is proven that no attack within the budget takes the service down.
   * Always false for the other strategies.
   */
  readonly proven: boolean;
  /**
   * Layers: risk groups (ducts) attacked as one action each, by index; their members are in `elements`. Absent when
   * none (the only case for a model without layers).
   */
  readonly groups?: number[];
}

/** Default branch-and-bound node limit of the 'optimal' strategy. */
export const DEFAULT_SEARCH_NODE_LIMIT = 200_000;

/** Relative slack when comparing a total cost with a cost budget, so rounding in sums does not flip the answer. */
const COST_TOLERANCE = 1e-9;

interface AttackContext {
  readonly topology: CsrTopology;
  readonly service: CompiledService;
  readonly elementCount: number;
  readonly attackable: Uint8Array;
  readonly attackCost: Float64Array;
  readonly budget: AttackBudget;
  readonly sources: Uint32Array;
  readonly targets: Uint32Array;
  /** A layered model's layers (attacks on physical segments take down the logical links over them), or null. */
  readonly layers: LayerModel | null;
  /** Scratch for the expanded state of a layered model. */
  readonly expanded: Uint8Array;
  /** Layers: the model's risk groups, for duct attacks (see {@link ductTargetWeights}). */
  readonly groups: RiskGroupModel | null;
}

/** The state the service sees: `down` itself, or in a layered model `down` with the cut logical links down too. */
function stateOf(context: AttackContext, down: Uint8Array): Uint8Array {
  if (context.layers === null) return down;
  context.expanded.set(down);
  expandLayerState(context.layers, context.expanded);
  return context.expanded;
}

function costLimit(budget: AttackBudget): number {
  return budget.kind === 'cost' ? budget.cost + COST_TOLERANCE * Math.max(1, budget.cost) : Infinity;
}

function fits(context: AttackContext, count: number, cost: number): boolean {
  const budget = context.budget;
  return budget.kind === 'count' ? count <= budget.count : cost <= costLimit(budget);
}

function finish(context: AttackContext, elements: number[], proven: boolean): PlannedAttack {
  elements.sort((a, b) => a - b);
  const down = new Uint8Array(context.elementCount);
  let cost = 0;
  for (const e of elements) {
    down[e] = 1;
    cost += context.attackCost[e];
  }
  const disconnects = isServiceDown(context.topology, context.service, stateOf(context, down));
  return { elements, cost, disconnects, proven };
}

function attackableList(context: AttackContext): number[] {
  const list: number[] = [];
  for (let e = 0; e < context.elementCount; e++) if (context.attackable[e] !== 0) list.push(e);
  return list;
}

/** Uniformly random attack: a Fisher-Yates shuffle (Durstenfeld 1964) of the attackable elements, taken in order while they fit. */
function planRandom(context: AttackContext, random: UniformSource): number[] {
  const order = Uint32Array.from(attackableList(context));
  const chosen: number[] = [];
  let cost = 0;
  for (let i = 0; i < order.length; i++) {
    const e = pickAttackElement(order, i, random());
    if (!fits(context, chosen.length + 1, cost + context.attackCost[e])) {
      if (context.budget.kind === 'count') break;
      continue;
    }
    chosen.push(e);
    cost += context.attackCost[e];
  }
  return chosen;
}

function serviceBetweenness(context: AttackContext, down: Uint8Array): Float64Array {
  const graph = computeElementBetweenness(context.topology, { down: stateOf(context, down), sources: context.sources, targets: context.targets });
  const layers = context.layers;
  if (layers === null) return graph;
  // Layers: a physical segment scores the betweenness of the logical links whose working route it carries.
  const score = new Float64Array(context.elementCount);
  score.set(graph);
  for (let i = 0; i < layers.logicalCount; i++) {
    const l = layers.logicalElement[i];
    for (let k = layers.routeStart[2 * i]; k < layers.routeStart[2 * i + 1]; k++) score[layers.routeElement[k]] += graph[l];
  }
  return score;
}

/** Static betweenness ranking: highest first (ties: lower index), taken while they fit, until the service is down. */
function planBetweenness(context: AttackContext): number[] {
  const down = new Uint8Array(context.elementCount);
  const score = serviceBetweenness(context, down);
  const ranked = attackableList(context).filter((e) => score[e] > 0);
  ranked.sort((a, b) => score[b] - score[a] || a - b);
  const scratch = createServiceScratch(context.topology.nodeCount);
  const chosen: number[] = [];
  let cost = 0;
  for (const e of ranked) {
    if (isServiceDown(context.topology, context.service, stateOf(context, down), scratch)) break;
    if (!fits(context, chosen.length + 1, cost + context.attackCost[e])) {
      if (context.budget.kind === 'count') break;
      continue;
    }
    chosen.push(e);
    cost += context.attackCost[e];
    down[e] = 1;
  }
  return chosen;
}

/**
 * Greedy: each round adds the affordable element that (1) takes the service down (cheapest such), else (2) lowers
 * the service level ({@link measureServiceLevel}) most, else (3) has the highest betweenness in the damaged
 * network (ties: lower cost, then lower index). Stops when the service is down, nothing fits, or no element
 * changes anything.
 */
function planGreedy(context: AttackContext): number[] {
  const { topology, service } = context;
  const down = new Uint8Array(context.elementCount);
  const scratch = createServiceScratch(topology.nodeCount);
  const full = fullServiceLevel(service);
  const candidates = attackableList(context);
  const chosen: number[] = [];
  let cost = 0;
  for (;;) {
    const level = measureServiceLevel(topology, service, stateOf(context, down), scratch);
    if (level < full) break;
    const score = serviceBetweenness(context, down);
    let best = -1;
    let bestLevel = Infinity;
    for (const e of candidates) {
      if (down[e] !== 0 || !fits(context, chosen.length + 1, cost + context.attackCost[e])) continue;
      down[e] = 1;
      const after = measureServiceLevel(topology, service, stateOf(context, down), scratch);
      down[e] = 0;
      if (best < 0 || isBetterGreedyStep(context, e, after, best, bestLevel, score, full)) {
        best = e;
        bestLevel = after;
      }
    }
    if (best < 0 || (bestLevel >= level && score[best] === 0)) break;
    chosen.push(best);
    cost += context.attackCost[best];
    down[best] = 1;
  }
  return chosen;
}

function isBetterGreedyStep(
  context: AttackContext,
  e: number,
  level: number,
  best: number,
  bestLevel: number,
  score: Float64Array,
  full: number,
): boolean {
  const cost = context.attackCost;
  const downs = level < full;
  const bestDowns = bestLevel < full;
  if (downs !== bestDowns) return downs;
  if (downs) return cost[e] < cost[best];
  if (level !== bestLevel) return level < bestLevel;
  if (score[e] !== score[best]) return score[e] > score[best];
  return cost[e] < cost[best];
}

/**
 * Exact: the cheapest disconnecting attack by max-flow ({@link findMinServiceCut}: k-terminal connected services
 * and reach services), with weight 1 per attackable element for a count budget and the attack cost for a cost
 * budget; when a reach service needs too many flows, branch and bound with a node limit. If the optimum does not
 * fit the budget, the greedy attack is returned as the best-damage attack (disconnects false).
 */
function planOptimal(context: AttackContext, searchNodeLimit: number, maxFlowComputations: number): PlannedAttack {
  const weight = new Float64Array(context.elementCount).fill(Infinity);
  for (let e = 0; e < context.elementCount; e++) {
    if (context.attackable[e] !== 0) weight[e] = context.budget.kind === 'count' ? 1 : context.attackCost[e];
  }
  const limit = context.budget.kind === 'count' ? context.budget.count : costLimit(context.budget);
  // Max-flow cuts the graph; in a layered model a physical segment or duct is not a graph element: branch and bound.
  const cut = context.layers === null ? findMinServiceCut(context.topology, context.service, weight, maxFlowComputations) : null;
  if (cut !== null) {
    if (cut.value <= limit) return finish(context, cut.elements.slice(), true);
    return finish(context, planGreedy(context), true);
  }
  const ducts = context.layers === null || context.groups === null ? null : { groups: context.groups, weight: ductTargetWeights(context) };
  const search = searchCheapestAttack(context.topology, context.service, weight, limit, searchNodeLimit, context.layers, ducts);
  if (search.elements !== null && ducts !== null) return finishWithGroups(context, search.elements, search.complete);
  if (search.elements !== null) return finish(context, search.elements.slice(), search.complete);
  return finish(context, planGreedy(context), search.complete);
}

/**
 * Layers: the risk groups a saboteur may trigger as one action, a dig in a duct: groups of physical links only
 * (outside the service graph; not a supplier's or a region's events) that take every member down (member
 * probability 1), when links are targets. Weight 1 for a count budget; for a cost
 * budget the cheapest member's attack cost (digging into the duct costs what cutting one cable in it does).
 * Infinity for the others.
 */
function ductTargetWeights(context: AttackContext): Float64Array {
  const groups = context.groups;
  const physicalStart = context.layers?.serviceElementCount ?? context.elementCount;
  const weights = new Float64Array(groups?.groupCount ?? 0).fill(Infinity);
  if (groups === null) return weights;
  for (let g = 0; g < groups.groupCount; g++) {
    let cheapest = Infinity;
    let isDuct = groups.memberStart[g + 1] > groups.memberStart[g];
    for (let m = groups.memberStart[g]; m < groups.memberStart[g + 1] && isDuct; m++) {
      const e = groups.memberElement[m];
      if (e < physicalStart || groups.memberFailureProbability[m] < 1) isDuct = false;
      else if (context.attackable[e] !== 0) cheapest = Math.min(cheapest, context.attackCost[e]);
    }
    if (isDuct && cheapest !== Infinity) weights[g] = context.budget.kind === 'count' ? 1 : cheapest;
  }
  return weights;
}

/** The result of a search with duct targets: codes (elements, or elementCount + g) into elements and groups. */
function finishWithGroups(context: AttackContext, codes: readonly number[], proven: boolean): PlannedAttack {
  const groups = context.groups;
  const direct = codes.filter((c) => c < context.elementCount);
  const attacked = codes.filter((c) => c >= context.elementCount).map((c) => c - context.elementCount);
  if (groups === null || attacked.length === 0) return finish(context, direct.slice(), proven);
  const weights = ductTargetWeights(context);
  const members = new Set(direct);
  for (const g of attacked) for (let m = groups.memberStart[g]; m < groups.memberStart[g + 1]; m++) members.add(groups.memberElement[m]);
  const elements = [...members].sort((a, b) => a - b);
  const down = new Uint8Array(context.elementCount);
  for (const e of elements) down[e] = 1;
  let cost = 0;
  for (const e of direct) cost += context.attackCost[e];
  for (const g of attacked) cost += context.budget.kind === 'count' ? minimumMemberCost(context, g) : weights[g];
  const disconnects = isServiceDown(context.topology, context.service, stateOf(context, down));
  return { elements, cost, disconnects, proven, groups: attacked.sort((a, b) => a - b) };
}

/** The cheapest attackable member's cost of group g (what a dig into its duct costs). */
function minimumMemberCost(context: AttackContext, g: number): number {
  const groups = context.groups;
  let cheapest = Infinity;
  if (groups === null) return cheapest;
  for (let m = groups.memberStart[g]; m < groups.memberStart[g + 1]; m++) {
    const e = groups.memberElement[m];
    if (context.attackable[e] !== 0) cheapest = Math.min(cheapest, context.attackCost[e]);
  }
  return cheapest;
}

function checkCount(value: number | undefined, what: string): void {
  if (value !== undefined && (!Number.isInteger(value) || value < 1))
    throw new RangeError(`${what} must be a positive integer`);
}

/**
 * Chooses the elements an attacker with `options.budget` attacks to take service `serviceIndex` down.
 *
 * ```
 * attackable = finite attackCost ∩ targets ──> strategy ──> elements ──> evaluate: cost, disconnects
 * ```
 * - 'random': a uniformly random set of attackable elements spending the budget (needs `options.random`); blind
 *   to the service.
 * - 'betweenness': attackable elements by decreasing service betweenness ({@link computeElementBetweenness} from
 *   the service's sources to its targets on the intact network), while they fit, until the service is down.
 * - 'greedy': adaptive; each step takes the element that most damages the service (see planGreedy above).
 * - 'optimal': exact cheapest attack (max-flow min-cut, Dinic 1970, with node splitting; k-terminal connected
 *   services as |T| - 1 flows, reach services by enumerating which k - 1 `to` nodes may stay reachable), else
 *   branch and bound (proven only if it completes). When no attack within the budget takes the service down it
 *   returns the greedy attack as best damage, with `disconnects` false and `proven` telling whether that
 *   impossibility is proven.
 * Deterministic given its inputs (the random strategy through `options.random`). Risk groups are not attack targets.
 * In a layered model (`model.layers`) the physical links are attackable links too, every state is evaluated after
 * the layer expansion, and for a service that reaches a logical link 'optimal' searches by branch and bound
 * (max-flow sees only the graph) with ducts as targets too: a risk group of physical links that takes all its
 * members down is one action (weight 1, or its cheapest member's cost; `groups` in the result).
 * @param serviceIndex index into `model.services`, an integer in [0, services.length)
 */
export function planAttack(model: CompiledModel, serviceIndex: number, options: PlanAttackOptions): PlannedAttack {
  if (model.layers !== undefined && serviceIndex >= 0 && serviceIndex < model.services.length && !dependsOnLayers(model, serviceIndex)) {
    // No logical link is within the service's reach: the graph alone decides (max-flow applies); its element indices
    // are the full model's.
    const view = viewWithoutLayers(model);
    if (options.attackCost.length !== model.elementCount) throw new RangeError(`options.attackCost must have length ${model.elementCount}`);
    return planAttack(view, serviceIndex, { ...options, attackCost: options.attackCost.subarray(0, view.elementCount) });
  }
  const topology = model.topology;
  const nodeCount = topology.nodeCount;
  // Nodes, graph links and, in a layered model, the physical links outside the graph (attackable as links).
  const elementCount = model.elementCount;
  if (!Number.isInteger(serviceIndex) || serviceIndex < 0 || serviceIndex >= model.services.length) {
    throw new RangeError(`serviceIndex must be an integer in [0, ${model.services.length})`);
  }
  const { strategy, budget, targets, attackCost } = options;
  if (attackCost.length !== elementCount) throw new RangeError(`options.attackCost must have length ${elementCount}`);
  if (budget.kind === 'count') {
    if (!Number.isInteger(budget.count) || budget.count < 0)
      throw new RangeError('options.budget.count must be an integer >= 0');
  } else if (budget.kind === 'cost') {
    if (!(budget.cost >= 0)) throw new RangeError('options.budget.cost must be >= 0');
  } else {
    throw new RangeError("options.budget.kind must be 'count' or 'cost'");
  }
  if (targets !== 'links' && targets !== 'nodes' && targets !== 'all') {
    throw new RangeError("options.targets must be 'links', 'nodes' or 'all'");
  }
  checkCount(options.searchNodeLimit, 'options.searchNodeLimit');
  checkCount(options.maxFlowComputations, 'options.maxFlowComputations');
  const attackable = new Uint8Array(elementCount);
  for (let e = 0; e < elementCount; e++) {
    const c = attackCost[e];
    if (!(c >= 0)) throw new RangeError(`options.attackCost[${e}] must be >= 0 or Infinity, got ${c}`);
    const kindAllowed = e < nodeCount ? targets !== 'links' : targets !== 'nodes';
    if (kindAllowed && c !== Infinity) attackable[e] = 1;
  }
  const service = model.services[serviceIndex];
  const criterion = serviceKindOf(service).toReachCriterion(service);
  const context: AttackContext = {
    topology,
    service,
    elementCount,
    attackable,
    attackCost,
    budget,
    sources: criterion.from,
    targets: criterion.to,
    layers: model.layers ?? null,
    expanded: new Uint8Array(model.layers === undefined ? 0 : elementCount),
    groups: model.layers === undefined || targets === 'nodes' ? null : model.groups,
  };
  if (isServiceDown(topology, service, stateOf(context, new Uint8Array(elementCount))))
    return finish(context, [], strategy === 'optimal');
  switch (strategy) {
    case 'random':
      if (options.random === undefined) throw new RangeError("options.random is required by the 'random' strategy");
      return finish(context, planRandom(context, options.random), false);
    case 'betweenness':
      return finish(context, planBetweenness(context), false);
    case 'greedy':
      return finish(context, planGreedy(context), false);
    case 'optimal':
      return planOptimal(
        context,
        options.searchNodeLimit ?? DEFAULT_SEARCH_NODE_LIMIT,
        options.maxFlowComputations ?? DEFAULT_MAX_FLOW_COMPUTATIONS,
      );
    default:
      throw new RangeError("options.strategy must be 'random', 'betweenness', 'greedy' or 'optimal'");
  }
}
