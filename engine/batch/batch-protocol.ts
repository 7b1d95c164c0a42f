// The one batch protocol's functions, for every kind: how many batches a scenario plans and of how many samples,
// running one batch, deciding a scenario's stop in batch order (DESIGN.md invariant 4), and checking a batch that
// came from outside (a checkpoint, Redis) against its plan. Each asks the kind's declaration (batch-kinds.ts).

import { countContiguousBatches, type ScenarioTally } from '../estimation/study-tally.ts';
import type { StoppingRule } from '../model.ts';
import { BATCH_KIND_DEFINITIONS, type BatchKindDefinition, type PlanOf } from './batch-kinds.ts';
import type { BatchKind, BatchPlan, BatchTask, KeyedBatchResult, PlanBatchResult } from './batch-plan.ts';

/** Calls `f` with the plan's kind definition and its kind-specific plan (the one place the union is opened). */
function withKind<T>(
  batchPlan: BatchPlan,
  f: <K extends BatchKind>(definition: BatchKindDefinition<K>, plan: PlanOf<K>) => T,
): T {
  return f(BATCH_KIND_DEFINITIONS[batchPlan.kind] as BatchKindDefinition<BatchKind>, batchPlan.plan as PlanOf<BatchKind>);
}

/** The plan's stopping rule (sample budget per scenario, relative-error target, time budget). */
export function planStopping(batchPlan: BatchPlan): StoppingRule {
  return batchPlan.plan.stopping;
}

/** The plan's study seed. */
export function planSeed(batchPlan: BatchPlan): string {
  return batchPlan.plan.seed;
}

/** Samples per batch (time simulation: years per batch). */
export function planBatchSize(batchPlan: BatchPlan): number {
  return batchPlan.plan.batchSize;
}

/** Scenario ids of the plan in order (a comparison: its scenario pairs). */
export function listPlanScenarioIds(batchPlan: BatchPlan): readonly string[] {
  return withKind(batchPlan, (definition, plan) => definition.scenarioIds(plan));
}

/** Number of tallies per batch result (services, or service pairs). */
export function countPlanServices(batchPlan: BatchPlan): number {
  return withKind(batchPlan, (definition, plan) => definition.serviceCount(plan));
}

/** True when one sample decides the scenario exactly (it runs one batch of one sample). */
export function isDeterministicScenario(batchPlan: BatchPlan, scenarioIndex: number): boolean {
  return withKind(batchPlan, (definition, plan) => definition.isDeterministic(plan, scenarioIndex));
}

/** Batches a scenario needs to reach its sample budget (1 for a deterministic scenario). */
export function plannedBatchCount(batchPlan: BatchPlan, scenarioIndex: number): number {
  if (isDeterministicScenario(batchPlan, scenarioIndex)) return 1;
  return Math.ceil(planStopping(batchPlan).maxSamples / planBatchSize(batchPlan));
}

/** Samples in batch `batchIndex` of a scenario, as the plan prescribes (0 beyond the budget). */
export function batchSampleCount(batchPlan: BatchPlan, scenarioIndex: number, batchIndex: number): number {
  if (isDeterministicScenario(batchPlan, scenarioIndex)) return batchIndex === 0 ? 1 : 0;
  const size = planBatchSize(batchPlan);
  return Math.max(0, Math.min(size, planStopping(batchPlan).maxSamples - batchIndex * size));
}

/** The task of batch `batchIndex` of a scenario. */
export function planBatchTask(batchPlan: BatchPlan, scenarioIndex: number, batchIndex: number): BatchTask {
  return { scenarioIndex, batchIndex, sampleCount: batchSampleCount(batchPlan, scenarioIndex, batchIndex) };
}

/**
 * Runs one batch of any kind (pure). Thread pools, Redis workers and the inline runner all call this.
 * @throws RangeError when the task is not part of the plan
 */
export function runPlanBatch(batchPlan: BatchPlan, task: BatchTask): PlanBatchResult {
  const problem = checkTaskAgainstPlan(batchPlan, task);
  if (problem !== null) throw new RangeError(problem);
  return withKind(batchPlan, (definition, plan) => definition.runBatch(plan, task));
}

/** Checks that a task is one the plan prescribes; null when it is, else the reason. */
export function checkTaskAgainstPlan(batchPlan: BatchPlan, task: BatchTask): string | null {
  const scenarioCount = listPlanScenarioIds(batchPlan).length;
  const where = `batch ${task.batchIndex} of scenario ${task.scenarioIndex}`;
  if (!Number.isSafeInteger(task.scenarioIndex) || task.scenarioIndex < 0 || task.scenarioIndex >= scenarioCount)
    return `${where}: the plan has ${scenarioCount} scenarios`;
  if (!Number.isSafeInteger(task.batchIndex) || task.batchIndex < 0 || task.batchIndex >= plannedBatchCount(batchPlan, task.scenarioIndex))
    return `${where}: beyond the sample budget`;
  const expected = batchSampleCount(batchPlan, task.scenarioIndex, task.batchIndex);
  if (task.sampleCount !== expected) return `${where}: ${task.sampleCount} samples, the plan prescribes ${expected}`;
  return null;
}

/**
 * Checks that a batch from outside (checkpoint, Redis) belongs to the plan: scenario index and id, batch index
 * within the budget, the sample count the plan prescribes, one tally per service and the kind's own rules.
 * @returns null when consistent, else the reason
 */
export function checkBatchAgainstPlan(batchPlan: BatchPlan, batch: PlanBatchResult): string | null {
  const taskProblem = checkTaskAgainstPlan(batchPlan, batch);
  if (taskProblem !== null) return taskProblem;
  const where = `batch ${batch.batchIndex} of scenario ${batch.scenarioIndex}`;
  const id = listPlanScenarioIds(batchPlan)[batch.scenarioIndex];
  if (id !== batch.scenarioId) return `${where}: scenario id "${batch.scenarioId}", the plan says "${id}"`;
  const services = countPlanServices(batchPlan);
  if (batch.services.length !== services)
    return `${where}: ${batch.services.length} service tallies, the plan has ${services} services`;
  const problem = withKind(batchPlan, (definition, plan) =>
    definition.checkBatch(plan, batch as Parameters<typeof definition.checkBatch>[1]),
  );
  return problem === null ? null : `${where}: ${problem}`;
}

/**
 * Outcome of checking the stopping rule on a scenario. `relativeError` is the worst relative error of the longest
 * prefix checked (Infinity while a service cannot show one; null without a relative-error target).
 */
export type StopDecision =
  | { readonly kind: 'continue'; readonly relativeError: number | null }
  | {
      readonly kind: 'stop';
      readonly batchCount: number;
      readonly reason: 'max-samples' | 'relative-error';
      readonly relativeError: number | null;
    };

/**
 * Checks the stopping rule after merging batches 0..k in index order, for the smallest k at which it holds
 * (DESIGN.md invariant 4), so the set of batches that counts does not depend on which finished first.
 * @param rule the rule to apply (a sharded run passes the plan's rule without its relative-error target)
 * @param firstUncheckedBatch smallest prefix length not yet checked (>= 1); shorter prefixes are skipped
 */
export function decideScenarioStop(
  batchPlan: BatchPlan,
  tally: ScenarioTally<KeyedBatchResult>,
  rule: StoppingRule,
  firstUncheckedBatch = 1,
): StopDecision {
  const s = tally.scenarioIndex;
  const planned = plannedBatchCount(batchPlan, s);
  const available = Math.min(countContiguousBatches(tally), planned);
  let relativeError: number | null = null;
  if (rule.relativeError !== null && !isDeterministicScenario(batchPlan, s)) {
    const target = rule.relativeError;
    let samples = 0;
    for (let k = 1; k <= available; k++) {
      samples += tally.batches[k - 1].sampleCount;
      // Prefixes shorter than firstUncheckedBatch were checked by an earlier call and did not meet the rule.
      if (k < firstUncheckedBatch || samples < rule.minSamples) continue;
      relativeError = withKind(batchPlan, (definition, plan) =>
        definition.worstRelativeError(plan, tally as ScenarioTally<never>, k),
      );
      if (relativeError <= target) return { kind: 'stop', batchCount: k, reason: 'relative-error', relativeError };
    }
  }
  if (available >= planned) return { kind: 'stop', batchCount: planned, reason: 'max-samples', relativeError };
  return { kind: 'continue', relativeError };
}
