// Resolves a compiled model plus an optional scenario and interventions into per-element up/down probabilities:
// the common input of the exact methods and of the permutation Monte Carlo estimator (engine/rare).

import type { CompiledModel, CompiledScenario } from '../model.ts';

/** `ElementFailureModel.forcedState` value: the element fails as the model says. */
export const FORCED_NONE = 0;
/** `ElementFailureModel.forcedState` value: the element is down in every state. */
export const FORCED_DOWN = 1;
/** `ElementFailureModel.forcedState` value: the element is up in every state, whatever the risk groups do. */
export const FORCED_UP = 2;

/** Interventions on top of the model (all optional). */
export interface FailureModelOptions {
  /**
   * Scenario to apply: its forced elements and groups, probability overrides, `randomFailures: false` and a
   * targeted attack on the service. A random attack is kept in `randomAttack` for the caller to handle.
   */
  readonly scenario?: CompiledScenario;
  /** Element indices held down in every state (an importance measure's "element failed"). */
  readonly forcedDown?: ArrayLike<number>;
  /** Element indices held up in every state, whatever the risk groups do; applied after `forcedDown`. */
  readonly forcedUp?: ArrayLike<number>;
  /** Risk groups whose event occurs in every state (event probability 1). */
  readonly groupsOccurring?: ArrayLike<number>;
  /** Risk groups whose event never occurs (event probability 0); applied after `groupsOccurring`. */
  readonly groupsSuppressed?: ArrayLike<number>;
}

/**
 * Per-element probabilities with every certain influence folded in: independent failure, risk groups whose event
 * is certain (probability 1), forced states. Risk groups whose event probability lies strictly in (0, 1) are left
 * out and listed in `uncertainGroups`; condition on them with {@link applyGroupEvents}.
 *
 * `elementUpProbability[e] + elementDownProbability[e]` is 1 up to rounding; both are kept so that a tiny value
 * of either keeps its relative precision (no `1 - x` cancellation).
 */
export interface ElementFailureModel {
  readonly elementCount: number;
  /** P(element up), in [0, 1]. */
  readonly elementUpProbability: Float64Array;
  /** P(element down), in [0, 1]. */
  readonly elementDownProbability: Float64Array;
  /** FORCED_NONE, FORCED_DOWN or FORCED_UP per element; forced states override every group event. */
  readonly forcedState: Uint8Array;
  /** Risk-group indices with event probability strictly inside (0, 1), ascending. */
  readonly uncertainGroups: Uint32Array;
  /** Event probability of each entry of `uncertainGroups`, in (0, 1). */
  readonly uncertainGroupProbability: Float64Array;
  /** Resolved event probability of every risk group (forced groups 1, suppressed 0), in [0, 1]. */
  readonly groupEventProbability: Float64Array;
  /** The scenario's random attack (that many distinct candidates forced down per state), or null. */
  readonly randomAttack: { readonly candidates: Uint32Array; readonly count: number } | null;
}

/**
 * Resolves the element failure model of one service under a scenario and interventions.
 * @param model the compiled model
 * @param serviceIndex index into `model.services` (selects the targeted attack's elements)
 * @param options scenario and interventions
 */
export function resolveElementFailureModel(
  model: CompiledModel,
  serviceIndex: number,
  options: FailureModelOptions = {},
): ElementFailureModel {
  const elementCount = model.elementCount;
  const scenario = options.scenario;
  const randomFailures = scenario === undefined || scenario.randomFailures;
  const baseDown = scenario?.elementFailureProbability ?? model.elementFailureProbability;
  const up = new Float64Array(elementCount);
  const down = new Float64Array(elementCount);
  for (let e = 0; e < elementCount; e++) {
    const q = randomFailures ? baseDown[e] : 0;
    down[e] = q;
    up[e] = 1 - q;
  }

  const groups = model.groups;
  const groupProbability = new Float64Array(groups.groupCount);
  const baseEvent = scenario?.groupEventProbability ?? groups.eventProbability;
  for (let g = 0; g < groups.groupCount; g++) groupProbability[g] = randomFailures ? baseEvent[g] : 0;
  if (scenario !== undefined) for (const g of scenario.forcedGroups) groupProbability[g] = 1;
  if (options.groupsOccurring !== undefined) for (const g of toArray(options.groupsOccurring)) groupProbability[g] = 1;
  if (options.groupsSuppressed !== undefined) {
    for (const g of toArray(options.groupsSuppressed)) groupProbability[g] = 0;
  }

  const forcedState = new Uint8Array(elementCount);
  if (scenario !== undefined) {
    for (const e of scenario.forcedElements) forcedState[e] = FORCED_DOWN;
    if (scenario.attack.kind === 'targeted') {
      const targeted = scenario.attack.elementsByService[serviceIndex];
      if (targeted !== undefined) for (const e of targeted) forcedState[e] = FORCED_DOWN;
    }
  }
  if (options.forcedDown !== undefined) for (const e of toArray(options.forcedDown)) forcedState[e] = FORCED_DOWN;
  if (options.forcedUp !== undefined) for (const e of toArray(options.forcedUp)) forcedState[e] = FORCED_UP;

  const uncertain: number[] = [];
  for (let g = 0; g < groups.groupCount; g++) {
    const p = groupProbability[g];
    if (p >= 1) applyGroupMembers(model, g, forcedState, up, down);
    else if (p > 0) uncertain.push(g);
  }
  for (let e = 0; e < elementCount; e++) applyForcedState(forcedState[e], e, up, down);

  const randomAttack =
    scenario !== undefined && scenario.attack.kind === 'random' && scenario.attack.count > 0
      ? { candidates: scenario.attack.candidates, count: scenario.attack.count }
      : null;
  return {
    elementCount,
    elementUpProbability: up,
    elementDownProbability: down,
    forcedState,
    uncertainGroups: Uint32Array.from(uncertain),
    uncertainGroupProbability: Float64Array.from(uncertain, (g) => groupProbability[g]),
    groupEventProbability: groupProbability,
    randomAttack,
  };
}

/**
 * Writes the element probabilities given that exactly the listed uncertain groups' events occur (and the other
 * uncertain groups' do not). Given the events, members fail independently, so an element's down probability is
 * `1 - (1 - q) * prod(1 - m)`, accumulated as `q + (1 - q) * m` to stay accurate when tiny.
 * @param occurring risk-group indices whose events occur (entries of `failureModel.uncertainGroups`)
 * @param occurringCount number of leading entries of `occurring` to use
 */
export function applyGroupEvents(
  model: CompiledModel,
  failureModel: ElementFailureModel,
  occurring: ArrayLike<number>,
  occurringCount: number,
  outUp: Float64Array,
  outDown: Float64Array,
): void {
  outUp.set(failureModel.elementUpProbability);
  outDown.set(failureModel.elementDownProbability);
  for (let i = 0; i < occurringCount; i++) {
    applyGroupMembers(model, occurring[i], failureModel.forcedState, outUp, outDown);
  }
}

/**
 * P(element down) marginally over the uncertain risk groups: `1 - up * prod_g (1 - p_g m_ge)`, computed as a sum
 * of non-negative terms. Forced elements give 0 or 1.
 */
export function computeMarginalFailureProbability(
  model: CompiledModel,
  failureModel: ElementFailureModel,
  element: number,
): number {
  const forced = failureModel.forcedState[element];
  if (forced === FORCED_DOWN) return 1;
  if (forced === FORCED_UP) return 0;
  let down = failureModel.elementDownProbability[element];
  let up = failureModel.elementUpProbability[element];
  const groups = model.groups;
  for (let i = 0; i < failureModel.uncertainGroups.length; i++) {
    const g = failureModel.uncertainGroups[i];
    const p = failureModel.uncertainGroupProbability[i];
    for (let m = groups.memberStart[g]; m < groups.memberStart[g + 1]; m++) {
      if (groups.memberElement[m] !== element) continue;
      const x = p * groups.memberFailureProbability[m];
      down += up * x;
      up *= 1 - x;
    }
  }
  return Math.min(1, down);
}

/**
 * The exponential rate of an element's repair ("birth") time in the creation process: `P(born by time 1) = up`,
 * so `rate = -ln(down)`, computed from whichever of up/down is small to keep precision. 0: never born;
 * Infinity: born at time 0.
 */
export function computeBirthRate(up: number, down: number): number {
  if (down <= 0) return Infinity;
  if (up <= 0) return 0;
  return down < 0.5 ? -Math.log(down) : -Math.log1p(-up);
}

function applyGroupMembers(
  model: CompiledModel,
  group: number,
  forcedState: Uint8Array,
  up: Float64Array,
  down: Float64Array,
): void {
  const groups = model.groups;
  for (let m = groups.memberStart[group]; m < groups.memberStart[group + 1]; m++) {
    const e = groups.memberElement[m];
    if (forcedState[e] !== FORCED_NONE) continue;
    const x = groups.memberFailureProbability[m];
    down[e] += up[e] * x;
    up[e] *= 1 - x;
    if (down[e] > 1) down[e] = 1;
  }
}

function applyForcedState(forced: number, e: number, up: Float64Array, down: Float64Array): void {
  if (forced === FORCED_DOWN) {
    up[e] = 0;
    down[e] = 1;
  } else if (forced === FORCED_UP) {
    up[e] = 1;
    down[e] = 0;
  }
}

function toArray(values: ArrayLike<number>): number[] {
  return Array.from(values);
}
