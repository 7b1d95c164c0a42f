// compileComparison: compiles a base and a plan (two topologies or two studies) with the same run options and
// matches their elements, risk groups, services and scenarios by id, for a common-random-numbers comparison.

import { InputError, type PairedPlan } from '../../engine/index.ts';
import type { LoadedInput } from '../input/load-input.ts';
import { compilePlan, type CompiledStudy, type ResolvedRunOptions } from '../study/compile-plan.ts';
import { listElementIds } from '../topology/compile-model.ts';

/** A compiled comparison: the paired plan, and each side compiled as a study. */
export interface CompiledComparison {
  readonly pair: PairedPlan;
  readonly base: CompiledStudy;
  readonly plan: CompiledStudy;
  /** Scenario ids of one side only: they are not compared. */
  readonly unpairedScenarios: readonly string[];
  /** Service ids of one side only: they are not compared. */
  readonly unpairedServices: readonly string[];
}

/** Thrown when base and plan share no service or no scenario: nothing to compare (exit 2). */
export class ComparisonMismatchError extends InputError {
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
 * Compiles both sides with the same resolved options (resolveJobOptions takes them from the base's study unless
 * flags override them), so both sides always use one seed and one sample budget.
 * @throws ComparisonMismatchError when they share no service or no scenario
 */
export function compileComparison(base: LoadedInput, plan: LoadedInput, resolved: ResolvedRunOptions): CompiledComparison {
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
  const describe = (side: CompiledStudy) => side.topology.name || 'it';
  if (servicePairs.length === 0) {
    throw new ComparisonMismatchError(
      `base and plan share no service id: nothing to compare (base ${describe(baseCompiled)}: ${baseCompiled.plan.model.services.map((s) => s.id).join(', ')}; ` +
        `plan ${describe(planCompiled)}: ${planCompiled.plan.model.services.map((s) => s.id).join(', ')}). Give both sides services with the same ids.`,
    );
  }
  if (scenarioPairs.length === 0) {
    throw new ComparisonMismatchError(
      `base and plan share no scenario id: nothing to compare (base: ${baseCompiled.plan.scenarios.map((s) => s.id).join(', ')}; ` +
        `plan: ${planCompiled.plan.scenarios.map((s) => s.id).join(', ')})`,
    );
  }
  const pairedScenarioIds = new Set(scenarioPairs.map((p) => p.id));
  const pairedServiceIds = new Set(servicePairs.map((p) => p.id));
  const onlyOne = (a: readonly { id: string }[], b: readonly { id: string }[], paired: Set<string>) =>
    [...new Set([...a, ...b].map((x) => x.id))].filter((id) => !paired.has(id));
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
      stopping: {
        relativeError: resolved.relativeError,
        maxSamples: resolved.samples,
        maxTimeSeconds: resolved.maxTimeSeconds,
        minSamples: Math.min(resolved.samples, 10 * resolved.batchSize),
      },
    },
    unpairedScenarios: onlyOne(baseCompiled.plan.scenarios, planCompiled.plan.scenarios, pairedScenarioIds),
    unpairedServices: onlyOne(baseCompiled.plan.model.services, planCompiled.plan.model.services, pairedServiceIds),
  };
}
