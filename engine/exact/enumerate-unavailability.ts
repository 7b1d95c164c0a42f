// Brute-force exact unavailability by enumerating every failure state: slow (2^n states) but obviously right,
// the test oracle for the frontier DP and the estimators on models with at most 20 uncertain elements and groups.

import { labelComponents } from '../evaluation/service-evaluator.ts';
import type { CompiledModel } from '../model.ts';
import { expandLayerState } from '../sampling/layer-expansion.ts';
import { serviceKindOf } from '../services/service-kinds.ts';
import { applyGroupEvents, resolveElementFailureModel, type FailureModelOptions } from './element-failure-model.ts';
import type { ExactResult } from './exact-unavailability.ts';

/** Options of {@link enumerateUnavailability}; every field optional. */
export interface EnumerationOptions extends FailureModelOptions {
  /** Most uncertain items (groups plus elements with a down probability in (0, 1)) enumerated. Default 20. */
  readonly maxUncertain?: number;
}

/** Default of `EnumerationOptions.maxUncertain`: 2^20 states, about a second. */
export const DEFAULT_MAX_UNCERTAIN = 20;

/**
 * Enumerates all 2^G risk-group event combinations and, for each, all 2^n up/down states of the n elements whose
 * down probability lies in (0, 1), summing the probabilities of the states where the service is down (and,
 * separately, up). In a layered model each state is expanded (engine/sampling/layer-expansion.ts) before evaluation.
 * @returns the exact result (method 'enumeration'), or null when more than `maxUncertain` items are uncertain or
 *   the scenario has a random attack
 */
export function enumerateUnavailability(
  model: CompiledModel,
  serviceIndex: number,
  options: EnumerationOptions = {},
): ExactResult | null {
  const service = model.services[serviceIndex];
  if (service === undefined) throw new RangeError(`service index ${serviceIndex} is outside the model`);
  const maxUncertain = options.maxUncertain ?? DEFAULT_MAX_UNCERTAIN;
  const failureModel = resolveElementFailureModel(model, serviceIndex, options);
  if (failureModel.randomAttack !== null) return null;
  const groupCount = failureModel.uncertainGroups.length;
  if (groupCount > maxUncertain) return null;
  const m = model.elementCount;
  const up = new Float64Array(m);
  const down = new Float64Array(m);
  const elementDown = new Uint8Array(m);
  const uncertain = new Int32Array(m);
  const occurring = new Uint32Array(groupCount);
  const kind = serviceKindOf(service);
  const endpointCount = kind.countEndpoints(service);
  const root = new Int32Array(model.topology.nodeCount);
  const layers = model.layers;
  const expanded = layers === undefined ? elementDown : new Uint8Array(m);
  let unavailability = 0;
  let availability = 0;
  for (let mask = 0; mask < 2 ** groupCount; mask++) {
    let groupWeight = 1;
    let occurringCount = 0;
    for (let i = 0; i < groupCount; i++) {
      const p = failureModel.uncertainGroupProbability[i];
      if ((mask >>> i) & 1) {
        groupWeight *= p;
        occurring[occurringCount++] = failureModel.uncertainGroups[i];
      } else {
        groupWeight *= 1 - p;
      }
    }
    applyGroupEvents(model, failureModel, occurring, occurringCount, up, down);
    let uncertainCount = 0;
    for (let e = 0; e < m; e++) {
      if (down[e] > 0 && up[e] > 0) uncertain[uncertainCount++] = e;
      else elementDown[e] = up[e] > 0 ? 0 : 1;
    }
    if (uncertainCount + groupCount > maxUncertain) return null;
    for (let state = 0; state < 2 ** uncertainCount; state++) {
      let weight = groupWeight;
      for (let i = 0; i < uncertainCount; i++) {
        const e = uncertain[i];
        if ((state >>> i) & 1) {
          elementDown[e] = 1;
          weight *= down[e];
        } else {
          elementDown[e] = 0;
          weight *= up[e];
        }
      }
      if (layers !== undefined) {
        // Layers: the state's failed physical elements take down the logical links routed over them.
        expanded.set(elementDown);
        expandLayerState(layers, expanded);
      }
      labelComponents(model, expanded, root);
      if (kind.countServed(service, expanded, root) === endpointCount) availability += weight;
      else unavailability += weight;
    }
  }
  return { unavailability, availability, method: 'enumeration' };
}
