// Exact service unavailability: frontier dynamic programming over set partitions for independent node and link
// failures, with risk groups handled by exact conditioning on every combination of their events.

import type { CompiledModel } from '../model.ts';
import { isReachExact } from '../services/service-kinds.ts';
import {
  applyGroupEvents,
  resolveElementFailureModel,
  type ElementFailureModel,
  type FailureModelOptions,
} from './element-failure-model.ts';
import { runFrontierDp } from './internal/frontier-dp.ts';
import { buildFrontierPlan, type FrontierPlan } from './internal/frontier-plan.ts';
import { resolveServiceRoles, type ServiceRoles } from './internal/service-roles.ts';

/** Options of {@link computeExactUnavailability}; every field optional. */
export interface ExactOptions extends FailureModelOptions {
  /** Largest number of frontier states kept before giving up (returning null). Default 2,000,000. */
  readonly maxStates?: number;
  /** Largest number of risk-group event combinations (2^G, G uncertain groups) conditioned on. Default 4096. */
  readonly maxGroupCombinations?: number;
}

/** {@link ExactOptions} with every limit set. */
export interface ResolvedExactOptions extends FailureModelOptions {
  readonly maxStates: number;
  readonly maxGroupCombinations: number;
}

/** Defaults of {@link ExactOptions}: 2,000,000 frontier states, 4096 group-event combinations. */
export const DEFAULT_EXACT_OPTIONS: { readonly maxStates: number; readonly maxGroupCombinations: number } = {
  maxStates: 2_000_000,
  maxGroupCombinations: 4096,
};

/** Fills every unset limit of {@link ExactOptions} from {@link DEFAULT_EXACT_OPTIONS}. */
export function resolveExactOptions(options: ExactOptions = {}): ResolvedExactOptions {
  return {
    ...options,
    maxStates: options.maxStates ?? DEFAULT_EXACT_OPTIONS.maxStates,
    maxGroupCombinations: options.maxGroupCombinations ?? DEFAULT_EXACT_OPTIONS.maxGroupCombinations,
  };
}

/**
 * How an exact value was obtained: 'trivial' (the service has no endpoint to serve), 'frontier-dp',
 * 'frontier-dp-group-conditioning' (one frontier DP per risk-group event combination), 'enumeration'.
 */
export type ExactMethod = 'trivial' | 'frontier-dp' | 'frontier-dp-group-conditioning' | 'enumeration';

/**
 * An exact result. Both values are computed directly as sums of state probabilities (never as `1 - x`), so each
 * keeps its relative precision when tiny; they add up to 1 within rounding.
 */
export interface ExactResult {
  /** P(service down), in [0, 1]. */
  readonly unavailability: number;
  /** P(service up), in [0, 1]. */
  readonly availability: number;
  readonly method: ExactMethod;
}

/**
 * Computes the exact unavailability of one service.
 *
 * ```
 * model + scenario ──resolve──> per-element up/down probabilities, uncertain risk groups
 *        for each of the 2^G group-event combinations c (probability P(c)):
 *            element probabilities given c ──frontier DP──> u_c
 *        u = Σ_c P(c) u_c
 * ```
 *
 * The frontier DP (Hardy, Lucet and Limnios 2007) processes vertices in a greedy narrow-frontier order, keeping the
 * partition of the frontier into surviving components; its cost grows with the frontier width (about the
 * network's pathwidth), so it handles meshes of a few dozen nodes and long thin backbones, not dense large graphs.
 *
 * @param model the compiled model
 * @param serviceIndex index into `model.services`
 * @param options scenario, interventions and size limits
 * @returns the exact result, or null when the problem is too large for the limits, the scenario has a random
 *   attack (whose exact value would average over all attacked sets), or the service is not a connectivity
 *   criterion (capacity, latency, protected: use enumerateUnavailability), or the model is layered (same)
 */
export function computeExactUnavailability(
  model: CompiledModel,
  serviceIndex: number,
  options: ExactOptions = {},
): ExactResult | null {
  const resolved = resolveExactOptions(options);
  const solver = createExactSolver(model, serviceIndex);
  return solver.solve(resolveElementFailureModel(model, serviceIndex, resolved), resolved);
}

/** Solves one service repeatedly under different failure models, reusing its frontier plan. */
export interface ExactSolver {
  /** The exact result under `failureModel`, or null (too large for the limits, or a random attack). */
  solve(failureModel: ElementFailureModel, options: ResolvedExactOptions): ExactResult | null;
}

/**
 * Creates a solver for one service; the vertex order is chosen on first use and reused, which makes repeated
 * solves (importance measures, scenarios) cheaper than repeated {@link computeExactUnavailability} calls.
 * @throws RangeError when `serviceIndex` names no service
 */
export function createExactSolver(model: CompiledModel, serviceIndex: number): ExactSolver {
  const service = model.services[serviceIndex];
  if (service === undefined) throw new RangeError(`service index ${serviceIndex} is outside the model`);
  // The frontier DP tracks connectivity only; capacity, latency and protected services need enumerateUnavailability.
  if (!isReachExact(service)) return { solve: () => null };
  // Nor does it see a layered model's derived failures (logical links over shared physical segments).
  if (model.layers !== undefined) return { solve: () => null };
  const roles = resolveServiceRoles(model.topology, service);
  let plan: FrontierPlan | null = null;
  return {
    solve(failureModel, options) {
      if (failureModel.randomAttack !== null) return null;
      if (roles.requiredCount === 0) return { unavailability: 0, availability: 1, method: 'trivial' };
      plan ??= buildFrontierPlan(model.topology, roles.endpoints);
      return solveWithGroups(model, plan, roles, failureModel, options);
    },
  };
}

function solveWithGroups(
  model: CompiledModel,
  plan: FrontierPlan,
  roles: ServiceRoles,
  failureModel: ElementFailureModel,
  options: ResolvedExactOptions,
): ExactResult | null {
  const groupCount = failureModel.uncertainGroups.length;
  if (groupCount === 0) {
    const result = runFrontierDp(
      plan,
      roles,
      failureModel.elementUpProbability,
      failureModel.elementDownProbability,
      options.maxStates,
    );
    return result === null ? null : { ...result, method: 'frontier-dp' };
  }
  if (groupCount > 30 || 2 ** groupCount > options.maxGroupCombinations) return null;
  const up = new Float64Array(model.elementCount);
  const down = new Float64Array(model.elementCount);
  const occurring = new Uint32Array(groupCount);
  let unavailability = 0;
  let availability = 0;
  for (let mask = 0; mask < 2 ** groupCount; mask++) {
    let weight = 1;
    let count = 0;
    for (let i = 0; i < groupCount; i++) {
      const p = failureModel.uncertainGroupProbability[i];
      if ((mask >>> i) & 1) {
        weight *= p;
        occurring[count++] = failureModel.uncertainGroups[i];
      } else {
        weight *= 1 - p;
      }
    }
    if (weight === 0) continue;
    applyGroupEvents(model, failureModel, occurring, count, up, down);
    const result = runFrontierDp(plan, roles, up, down, options.maxStates);
    if (result === null) return null;
    unavailability += weight * result.unavailability;
    availability += weight * result.availability;
  }
  return { unavailability, availability, method: 'frontier-dp-group-conditioning' };
}
