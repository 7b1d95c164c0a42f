// Exact importance measures by conditioning: the exact unavailability with each element (or risk-group event)
// held down and held up, for models small enough for computeExactUnavailability.

import type { CompiledModel } from '../model.ts';
import { computeMarginalFailureProbability, resolveElementFailureModel } from './element-failure-model.ts';
import { createExactSolver, resolveExactOptions, type ExactOptions } from './exact-unavailability.ts';
import { computeImportanceMeasures, type ImportanceMeasures } from './importance-measures.ts';

/** Options of {@link computeExactImportance}; every field optional. */
export interface ExactImportanceOptions extends ExactOptions {
  /**
   * Items to measure: element indices in [0, elementCount), or elementCount + g for risk group g's event.
   * Default: every element.
   */
  readonly elements?: ArrayLike<number>;
}

/**
 * Computes exact importance measures of the selected elements for one service. "Held down" forces the element
 * down in every state; "held up" keeps it up whatever the risk groups do (for a group: its event always / never
 * occurs). With independent failures these equal the conditional unavailabilities given the element's state.
 * Interventions in `options` (scenario, forcedDown, ...) apply to all three unavailabilities.
 * @returns one entry per selected item in the order given, or null when the exact method gives up
 */
export function computeExactImportance(
  model: CompiledModel,
  serviceIndex: number,
  options: ExactImportanceOptions = {},
): ImportanceMeasures[] | null {
  const resolved = resolveExactOptions(options);
  const solver = createExactSolver(model, serviceIndex);
  const baseModel = resolveElementFailureModel(model, serviceIndex, resolved);
  const base = solver.solve(baseModel, resolved);
  if (base === null) return null;
  const items = options.elements !== undefined ? Array.from(options.elements) : range(model.elementCount);
  const measures: ImportanceMeasures[] = [];
  for (const item of items) {
    let downOptions: ExactOptions;
    let upOptions: ExactOptions;
    let failureProbability: number;
    if (item < model.elementCount) {
      downOptions = { ...resolved, forcedDown: [...Array.from(resolved.forcedDown ?? []), item] };
      upOptions = { ...resolved, forcedUp: [...Array.from(resolved.forcedUp ?? []), item] };
      failureProbability = computeMarginalFailureProbability(model, baseModel, item);
    } else {
      const group = item - model.elementCount;
      if (group >= model.groups.groupCount) throw new RangeError(`importance item ${item} names no element or group`);
      downOptions = { ...resolved, groupsOccurring: [...Array.from(resolved.groupsOccurring ?? []), group] };
      upOptions = { ...resolved, groupsSuppressed: [...Array.from(resolved.groupsSuppressed ?? []), group] };
      failureProbability = baseModel.groupEventProbability[group];
    }
    const down = solver.solve(resolveElementFailureModel(model, serviceIndex, downOptions), resolved);
    const up = solver.solve(resolveElementFailureModel(model, serviceIndex, upOptions), resolved);
    if (down === null || up === null) return null;
    measures.push(
      computeImportanceMeasures(item, failureProbability, base.unavailability, down.unavailability, up.unavailability),
    );
  }
  return measures;
}

function range(count: number): number[] {
  return Array.from({ length: count }, (_, i) => i);
}
