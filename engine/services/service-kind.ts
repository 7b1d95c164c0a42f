// The contract every service kind fulfils: what the samplers, the fast path, the exact methods, the rare-event
// estimators and the analysis algorithms ask of a service. One object per kind (engine/services/<kind>-service.ts).

import type { CsrTopology } from '../topology/csr-topology.ts';
import type { ComponentSearchScratch } from './component-search.ts';

/**
 * How a service's unavailability is estimated in a scenario: crude Monte Carlo (counts), permutation Monte Carlo
 * (engine/rare: bounded relative error for rare failures; 'conditional-pmc' when there are risk groups), or
 * stratified sampling by the number of failure events (engine/rare/stratified-sampling.ts: the states with at most
 * one failure event exactly, the rest sampled; any kind whose state is a function of the failed elements, layered
 * models included).
 */
export type ServiceEstimatorKind = 'crude' | 'pmc' | 'stratified';

/**
 * How the dense-regime evaluator (engine/evaluation/bit-parallel-reach.ts) reads a service whose up state is
 * connectivity: reach words propagate from `sources` entries over the service's relevant part (a node counts as
 * reaching itself when it is up).
 * - `per-source`: a source is served in a sample when it is up and reaches at least `k` entries of `targets` (an
 *   entry counted once per listing); the served count is the number of served `sources` entries, and the service is
 *   up when every one is served (the reach kind's count, exactly).
 * - `largest-group`: the served count is the largest number of up `targets` entries that share one component, and
 *   the service is up when it reaches `targets.length` (the connected kind's count; `sources` are the targets, the
 *   first one's reach words decide up samples, the others' count the groups of down samples).
 */
export interface BitParallelForm {
  readonly sources: Uint32Array;
  readonly targets: Uint32Array;
  /** >= 1. */
  readonly k: number;
  readonly served: 'per-source' | 'largest-group';
}

/**
 * A service restated as "every `from` node is up and reaches at least `k` up `to` nodes" (a node in both lists
 * reaches itself), with the lists as the kind names them. The fast path's structure analysis, permutation Monte
 * Carlo and the attack planner's betweenness ranking read services in this form.
 */
export interface ReachCriterion {
  /** Node indices; empty when the service can never be down. */
  readonly from: Uint32Array;
  readonly to: Uint32Array;
  /** In [1, to.length] when `from` is non-empty. */
  readonly k: number;
}

/**
 * The smallest reach restatement of a service, with membership flags, for the analysis algorithms (cut sets,
 * max-flow, attack search, extension scans): lists deduplicated and, where one source suffices, a single `from`.
 */
export interface ReachForm {
  /** Distinct `from` node indices; empty when the service can never be down. */
  readonly from: Uint32Array;
  /** Distinct `to` node indices. */
  readonly to: Uint32Array;
  /** Required number of reachable up `to` nodes per `from` node, >= 1 when `from` is non-empty. */
  readonly k: number;
  /** 1 at each `from` node, length nodeCount. */
  readonly isFrom: Uint8Array;
  /** 1 at each `to` node, length nodeCount. */
  readonly isTo: Uint8Array;
}

/**
 * The tag algebra of the frontier dynamic program (engine/exact): each surviving component carries an integer tag
 * summarising the service's endpoints in it. Methods of a module-level object, so the DP allocates nothing per state.
 */
export interface FrontierTagRules {
  /** Tag of the union of two components with tags `a` and `b`; `k` from {@link FrontierRoles}. */
  merge(a: number, b: number, k: number): number;
  /** True when a component with this tag, complete (never to grow again), means the service is down. */
  failsWhenClosed(tag: number, k: number): boolean;
  /** True when a component with this tag already means the service is up, whatever else happens. */
  isSuccess(tag: number, requiredCount: number): boolean;
}

/** A service as the frontier dynamic program reads it. */
export interface FrontierRoles {
  readonly rules: FrontierTagRules;
  /** Endpoints that must be served; 0 means the service is always up. */
  readonly requiredCount: number;
  /** The kind's threshold passed to the rules (reach: k; otherwise 1). */
  readonly k: number;
  /** Tag of a one-node component holding node v when v is up; length nodeCount. */
  readonly nodeTag: Int32Array;
  /** 1 when node v down takes the service down; length nodeCount. */
  readonly critical: Uint8Array;
  /** The service's nodes, for choosing start vertices of the vertex order. */
  readonly endpoints: Uint32Array;
}

/**
 * One evaluation of a failure state that decides every service of a scope (see
 * {@link ServiceKindDefinition.shareEvaluation}): the analysis evaluates each failure set once per scope. The kind's
 * markWitness, when it has one, must mark the same elements for every service of a scope (the analysis shares it too).
 */
export interface SharedEvaluation {
  /** The same object for every service whose evaluations are interchangeable (traffic: its matrix's routing). */
  readonly scope: object;
  /**
   * Evaluates failure state `down` (as isDown reads it) into plain numbers, a new array the caller may keep.
   * @param down 1 for down elements (nodes 0..N-1, links N..N+L-1)
   */
  evaluate(down: Uint8Array): Float64Array;
  /** The service's state from an evaluation by any service of its scope: the same answer as isDown on that state. */
  isDownFrom(evaluation: Float64Array): boolean;
}

/**
 * Everything the engine needs to know about one service kind. The rest of the engine looks the definition up with
 * `serviceKindOf(service)` (once per batch on hot paths) and never branches on `service.kind`.
 *
 * Methods use method syntax on purpose: a definition for one kind is then usable where a definition for the
 * union of kinds is expected (parameters are checked bivariantly), and the registry can be typed per kind.
 */
export interface ServiceKindDefinition<S extends { readonly kind: string; readonly id: string }> {
  readonly kind: S['kind'];
  /** The estimators that support this kind (crude Monte Carlo always does). */
  readonly estimators: readonly ServiceEstimatorKind[];
  /**
   * True when the service is up exactly when its reach criterion holds (connected, reach). False for kinds that
   * need more than connectivity (capacity, latency, protected): their reach criterion then only bounds the elements
   * that can matter (every flow or path runs along simple paths between endpoints), so the fast path uses it for
   * relevance alone, and the connectivity algorithms (frontier DP, extension scans, max-flow cuts) do not apply.
   */
  readonly reachIsExact: boolean;
  /**
   * True when the served count never rises as more elements fail (connectivity, max-flow, shortest-path and
   * disjoint-path kinds): the count in a state then bounds it in every state with more failures. Stratified sampling
   * reads it to decide a state exactly from two evaluations. False for traffic: greedy restoration over the shortest
   * surviving paths with room, demand by demand, is not guaranteed to serve less after one more failure.
   */
  readonly servedIsMonotone: boolean;
  /**
   * True when {@link countServed} reads the component labels it is given (connectivity kinds); false when it
   * evaluates the state on its own network (flows, paths, routing) and ignores them, so a caller evaluating one
   * service of such a kind need not label the state first.
   */
  readonly countsFromLabels: boolean;

  /**
   * Kinds the dense-regime (bit-parallel, 32 samples per word) evaluator supports: the service as that evaluator
   * reads it (see {@link BitParallelForm}). Absent: the fast path's scalar evaluation is used for the kind (capacity,
   * latency and protected need more than connectivity).
   */
  toBitParallelForm?(service: S): BitParallelForm;
  /** Number of endpoints whose service is counted; the service is up exactly when all of them are served. */
  countEndpoints(service: S): number;
  /**
   * Endpoints served in a labelled failure state (see labelComponents in engine/evaluation), in
   * [0, countEndpoints(service)]. Called in the sample loop: must not allocate.
   * @param down 1 for down elements (nodes 0..N-1, links N..N+L-1)
   * @param root component root per node (down nodes are their own roots)
   */
  countServed(service: S, down: Uint8Array, root: Int32Array): number;
  /** Every node the service names, in declaration order (a node named in two roles appears twice). */
  listNodes(service: S): Uint32Array;
  /** The service as from / to / k (fast-path structure, permutation Monte Carlo, betweenness of attacks). */
  toReachCriterion(service: S): ReachCriterion;
  /**
   * The smallest reach restatement (see {@link ReachForm}) for the analysis algorithms.
   * @param nodeCount number of nodes of the topology; a node outside [0, nodeCount) is a RangeError
   */
  toReachForm(service: S, nodeCount: number): ReachForm;
  /**
   * Whether the service is down in a failure state, by breadth-first search (no labelling needed).
   * @param scratch buffers for this topology, with a fresh stamp (see component-search.ts)
   */
  isDown(topology: CsrTopology, service: S, down: Uint8Array, scratch: ComponentSearchScratch, stamp: number): boolean;
  /** The largest value of {@link measureLevel}: the service is up exactly when its level equals it. */
  fullLevel(service: S): number;
  /** A graded measure of how well the service is served (higher is better), used to rank partial attacks. */
  measureLevel(
    topology: CsrTopology,
    service: S,
    down: Uint8Array,
    scratch: ComponentSearchScratch,
    stamp: number,
  ): number;
  /** The service as the frontier dynamic program reads it. */
  describeFrontier(service: S, nodeCount: number): FrontierRoles;
  /**
   * Kinds whose reach criterion is not exact: marks (sets to 1 in `mark`, length nodeCount + linkCount) a witness
   * of an up state, elements whose survival keeps the service up: while none of them fails on top of `down`, the
   * service stays up (capacity: the links and nodes carrying a sufficient flow; latency: a path within the bound
   * per `from` node; protected: k disjoint paths per `from` node). Every attack or cut set must hit it, so the
   * analysis branches on it. Called only when the service is up in `down`. Absent: the analysis uses the relevant
   * elements (a valid, larger witness); the connectivity kinds use breadth-first-search paths instead.
   */
  markWitness?(service: S, down: Uint8Array, mark: Uint8Array): void;
  /**
   * Kinds that are down exactly when one of several parts is (latency and protected: one part per `from` node):
   * the parts, each a service of the same kind. The cut sets of the service are then the minimal sets among the
   * parts' cut sets, each found with a small witness. Absent: the service is enumerated as a whole.
   */
  splitParts?(service: S): S[];
  /**
   * Kinds with a graded margin (capacity: flow above the demand): fills `loss[e]` (length nodeCount + linkCount)
   * with an upper bound on how much the extra failure of element e lowers the margin, and returns the margin
   * (>= 0 when up). Element e can take the service down on its own only when loss[e] exceeds the margin (a group
   * only when its members' losses add up to more), so the last level of a cut-set search evaluates only those.
   * Called only when the service is up in `down`.
   */
  measureExtensionLoss?(service: S, down: Uint8Array, loss: Float64Array): number;
  /**
   * Kinds whose services share the work of evaluating a state (traffic: the whole matrix and each of its demands
   * route the same matrix): that evaluation, split into the shared numbers and the service's reading of them. A
   * cut-set search over every service of a model evaluates the same failure sets for each; it then routes each
   * set once per scope. Absent: every service is evaluated on its own with isDown.
   */
  shareEvaluation?(service: S): SharedEvaluation;
}
