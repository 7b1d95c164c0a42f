// compileComparison: compiles a base and a plan (two topologies or two studies) with the same run options and
// matches their elements, risk groups, services and scenarios by id, for a common-random-numbers comparison.

import { listElementIds } from '../topology/compile-model.ts';
import type { PairedPlan } from '../../engine/index.ts';
import type { LoadedInput } from '../load-input.ts';
import { compilePlan, resolveRunOptions, type CompiledStudy, type RunOptions } from '../study/compile-plan.ts';

export interface CompiledComparison {
  readonly pair: PairedPlan;
  readonly base: CompiledStudy;
  readonly plan: CompiledStudy;
}

/** Thrown when base and plan share no service or no scenario: nothing to compare (exit 2). */
export class ComparisonMismatchError extends Error {
  override readonly name = 'ComparisonMismatchError';
}

function unionMapping(baseIds: readonly string[], planIds: readonly string[]) {
  const planIndex = new Map(planIds.map((id, i) => [id, i]));
  const baseIndex = new Map(baseIds.map((id, i) => [id, i]));
  const union = [...baseIds, ...planIds.filter((id) => !baseIndex.has(id))];
  return {
    count: union.length,
    base: Int32Array.from(union.map((id) => baseIndex.get(id) ?? -1)),
    plan: Int32Array.from(union.map((id) => planIndex.get(id) ?? -1)),
  };
}

/**
 * Compiles both sides. The base's study values (seed, samples) apply to both unless options override them,
 * so both sides always use one seed and one sample budget.
 */
export function compileComparison(base: LoadedInput, plan: LoadedInput, options: RunOptions = {}): CompiledComparison {
  const resolved = resolveRunOptions(base.study, options);
  const baseCompiled = compilePlan(base.topology, base.study, resolved);
  const planCompiled = compilePlan(plan.topology, plan.study, resolved);
  const elements = unionMapping(listElementIds(baseCompiled.topology), listElementIds(planCompiled.topology));
  const groups = unionMapping(
    baseCompiled.topology.riskGroups.map((g) => g.id),
    planCompiled.topology.riskGroups.map((g) => g.id),
  );
  const planServices = new Map(planCompiled.plan.model.services.map((s, i) => [s.id, i]));
  const servicePairs = baseCompiled.plan.model.services.flatMap((s, i) => {
    const j = planServices.get(s.id);
    return j === undefined ? [] : [{ id: s.id, base: i, plan: j }];
  });
  const planScenarios = new Map(planCompiled.plan.scenarios.map((s, i) => [s.id, i]));
  const scenarioPairs = baseCompiled.plan.scenarios.flatMap((s, i) => {
    const j = planScenarios.get(s.id);
    return j === undefined ? [] : [{ id: s.id, base: i, plan: j }];
  });
  if (servicePairs.length === 0) throw new ComparisonMismatchError('base and plan share no service id: nothing to compare');
  if (scenarioPairs.length === 0) throw new ComparisonMismatchError('base and plan share no scenario id: nothing to compare');
  return {
    base: baseCompiled,
    plan: planCompiled,
    pair: {
      base: baseCompiled.plan,
      plan: planCompiled.plan,
      unionElementCount: elements.count,
      baseElementOfUnion: elements.base,
      planElementOfUnion: elements.plan,
      unionGroupCount: groups.count,
      baseGroupOfUnion: groups.base,
      planGroupOfUnion: groups.plan,
      servicePairs,
      scenarioPairs,
      seed: resolved.seed,
      batchSize: resolved.batchSize,
      samples: resolved.samples,
    },
  };
}
