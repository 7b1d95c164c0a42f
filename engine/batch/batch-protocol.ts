// The one batch protocol's functions, for every kind: how many batches a scenario plans and of how many samples,
// running one batch, deciding a scenario's stop in batch order (DESIGN.md invariant 4), and checking a batch that
// came from outside (a checkpoint, Redis) against its plan. Each asks the kind's declaration (batch-kinds.ts).

import { relativeErrorNear } from '../estimation/estimate.ts';
import { countVerdictLooksBefore, decideVerdict, type Verdict } from '../estimation/sequential-verdict.ts';
import { countContiguousBatches, type ScenarioTally } from '../estimation/study-tally.ts';
import type { StoppingRule, VerdictRule } from '../model.ts';
import type { StopReason } from '../result/result-document.ts';
import { BATCH_KIND_DEFINITIONS, type BatchKindDefinition, type PlanOf, type PreparedPlanData } from './batch-kinds.ts';
import type { BatchKind, BatchPlan, BatchTask, KeyedBatchResult, PlanBatchResult } from './batch-plan.ts';

/** Calls `f` with the plan's kind definition and its kind-specific plan (the one place the union is opened). */
function withKind<T>(
  batchPlan: BatchPlan,
  f: <K extends BatchKind>(definition: BatchKindDefinition<K>, plan: PlanOf<K>) => T,
): T {
  return f(BATCH_KIND_DEFINITIONS[batchPlan.kind] as BatchKindDefinition<BatchKind>, batchPlan.plan as PlanOf<BatchKind>);
}

/** What this thread has derived from the plan at cost, for workers to adopt (null: nothing for this kind). */
export function exportPreparedPlanData(batchPlan: BatchPlan): PreparedPlanData | null {
  return withKind(batchPlan, (definition, plan) => definition.exportPrepared?.(plan) ?? null);
}

/** Adopts what a coordinator derived from an equal plan ({@link exportPreparedPlanData}); null or absent: nothing. */
export function adoptPreparedPlanData(batchPlan: BatchPlan, data: PreparedPlanData | null | undefined): void {
  if (data === null || data === undefined) return;
  withKind(batchPlan, (definition, plan) => definition.adoptPrepared?.(plan, data));
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

/**
 * A scenario's sample budget: the plan's `maxSamples`, except under the verdict rule for a scenario in which no
 * service seeks a verdict: its fixed samples.
 */
export function scenarioSampleBudget(batchPlan: BatchPlan, scenarioIndex: number): number {
  const stopping = planStopping(batchPlan);
  const limits = stopping.verdict?.unavailabilityLimits[scenarioIndex];
  if (stopping.verdict === undefined || limits === undefined || limits.some((limit) => limit !== null)) return stopping.maxSamples;
  return Math.min(stopping.maxSamples, stopping.verdict.fixedSamples);
}

/** Batches a scenario needs to reach its sample budget (1 for a deterministic scenario). */
export function plannedBatchCount(batchPlan: BatchPlan, scenarioIndex: number): number {
  if (isDeterministicScenario(batchPlan, scenarioIndex)) return 1;
  return Math.ceil(scenarioSampleBudget(batchPlan, scenarioIndex) / planBatchSize(batchPlan));
}

/** Samples in batch `batchIndex` of a scenario, as the plan prescribes (0 beyond the budget). */
export function batchSampleCount(batchPlan: BatchPlan, scenarioIndex: number, batchIndex: number): number {
  if (isDeterministicScenario(batchPlan, scenarioIndex)) return batchIndex === 0 ? 1 : 0;
  const size = planBatchSize(batchPlan);
  return Math.max(0, Math.min(size, scenarioSampleBudget(batchPlan, scenarioIndex) - batchIndex * size));
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
  return checkSkippedServices(batchPlan, task.skipServices, where);
}

/** True when the plan's kind stops each service on its own (it merges statistics per service). */
function stopsServicesOneByOne(batchPlan: BatchPlan): boolean {
  return withKind(batchPlan, (definition) => definition.aggregateServices !== undefined);
}

/** A skip list must name services of the plan, ascending and distinct, and only a static plan can skip services. */
function checkSkippedServices(batchPlan: BatchPlan, skip: readonly number[] | undefined, where: string): string | null {
  if (skip === undefined) return null;
  if (!stopsServicesOneByOne(batchPlan)) return `${where}: only batches of a kind that stops services one by one skip services`;
  const services = countPlanServices(batchPlan);
  for (let i = 0; i < skip.length; i++) {
    const s = skip[i];
    if (!Number.isSafeInteger(s) || s < 0 || s >= services || (i > 0 && s <= skip[i - 1])) {
      return `${where}: the skipped services must be distinct service indices below ${services}, in ascending order`;
    }
  }
  return null;
}

/**
 * The services a batch of a scenario need not evaluate: those whose own stop (batches counted) lies at or before
 * the batch. At most `limit` of them (skipping is only work saved).
 */
export function listSkippedServices(
  stops: readonly (ServiceStop | null)[] | null,
  batchIndex: number,
  limit = Number.POSITIVE_INFINITY,
): number[] | null {
  if (stops === null) return null;
  const skip: number[] = [];
  for (let s = 0; s < stops.length && skip.length < limit; s++) {
    const stop = stops[s];
    if (stop !== null && stop.batchCount <= batchIndex) skip.push(s);
  }
  return skip.length === 0 ? null : skip;
}

/**
 * Checks that a batch from outside (checkpoint, Redis) belongs to the plan: scenario index and id, batch index
 * within the budget, the sample count the plan prescribes, one tally per service and the kind's own rules.
 * @returns null when consistent, else the reason
 */
export function checkBatchAgainstPlan(batchPlan: BatchPlan, batch: PlanBatchResult): string | null {
  const { skippedServices, ...keys } = batch as PlanBatchResult & { skippedServices?: readonly number[] };
  const taskProblem = checkTaskAgainstPlan(batchPlan, { ...keys, ...(skippedServices === undefined ? {} : { skipServices: skippedServices }) });
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

/** Where and why one service stopped under the verdict rule. */
export interface ServiceStop {
  /** Leading batches (0..batchCount-1) that count for this service's figures. */
  readonly batchCount: number;
  readonly reason: StopReason;
  /** The sequential verdict when `reason` is 'verdict', else null. */
  readonly verdict: Verdict | null;
}

/**
 * Outcome of checking the stopping rule on a scenario. `relativeError` is the worst relative error of the longest
 * prefix checked (Infinity while a service cannot show one; null without a relative-error target or under the
 * verdict rule). `services`: under the verdict rule, each service's stop so far (null while it samples on); null
 * under the other rules.
 */
export type StopDecision =
  | { readonly kind: 'continue'; readonly relativeError: number | null; readonly services: readonly (ServiceStop | null)[] | null }
  | {
      readonly kind: 'stop';
      readonly batchCount: number;
      readonly reason: StopReason;
      readonly relativeError: number | null;
      readonly services: readonly (ServiceStop | null)[] | null;
    };

/**
 * Checks the stopping rule after merging batches 0..k in index order, for the smallest k at which it holds
 * (DESIGN.md invariant 4), so the set of batches that counts does not depend on which finished first.
 * @param rule the rule to apply (a sharded run passes the plan's rule without its relative-error target)
 * @param firstUncheckedBatch smallest prefix length not yet checked (>= 1); shorter prefixes are skipped
 * @param services under the verdict rule, the services' stops decided by earlier calls (null: none yet)
 */
export function decideScenarioStop(
  batchPlan: BatchPlan,
  tally: ScenarioTally<KeyedBatchResult>,
  rule: StoppingRule,
  firstUncheckedBatch = 1,
  services: readonly (ServiceStop | null)[] | null = null,
): StopDecision {
  const s = tally.scenarioIndex;
  const planned = plannedBatchCount(batchPlan, s);
  const available = Math.min(countContiguousBatches(tally), planned);
  // Kinds that stop each service on its own do so under the verdict rule and a relative-error target, so a service
  // that has its answer is no longer evaluated (BatchTask.skipServices) while the others sample on.
  const perService = rule.verdict !== undefined || (rule.relativeError !== null && stopsServicesOneByOne(batchPlan));
  if (perService && !isDeterministicScenario(batchPlan, s)) {
    return decideServiceStops(batchPlan, tally, rule, rule.verdict, firstUncheckedBatch, services, planned, available);
  }
  let relativeError: number | null = null;
  if (rule.relativeError !== null && !isDeterministicScenario(batchPlan, s)) {
    const target = rule.relativeError;
    let samples = 0;
    for (let k = 1; k <= available; k++) {
      samples += tally.batches[k - 1].sampleCount;
      // Prefixes shorter than firstUncheckedBatch were checked by an earlier call and did not meet the rule.
      if (k < firstUncheckedBatch || samples < rule.minSamples) continue;
      relativeError = withKind(batchPlan, (definition, plan) => {
        if (definition.worstRelativeError === undefined) throw new RangeError(`${batchPlan.kind} batches stop services one by one`);
        return definition.worstRelativeError(plan, tally as ScenarioTally<never>, k);
      });
      if (relativeError <= target)
        return { kind: 'stop', batchCount: k, reason: 'relative-error', relativeError, services: null };
    }
  }
  if (available >= planned) return { kind: 'stop', batchCount: planned, reason: 'max-samples', relativeError, services: null };
  return { kind: 'continue', relativeError, services: null };
}

/**
 * Per-service stops on one scenario: after each prefix k (in order), every service still sampling stops, under the
 * verdict rule, with a verdict when k is a look of the plan and the look's interval excludes its limit
 * (engine/estimation/sequential-verdict.ts); else at the relative-error target (95% interval, after minSamples);
 * else, under the verdict rule and when it seeks no verdict, at the fixed samples. The scenario stops when all its
 * services have (reason 'relative-error' when each reached the target, else 'services'), or at its budget (the
 * rest then stop by max-samples). The decision's relativeError is the worst of the services still sampling.
 */
function decideServiceStops(
  batchPlan: BatchPlan,
  tally: ScenarioTally<KeyedBatchResult>,
  rule: StoppingRule,
  verdict: VerdictRule | undefined,
  firstUncheckedBatch: number,
  previous: readonly (ServiceStop | null)[] | null,
  planned: number,
  available: number,
): StopDecision {
  const serviceCount = countPlanServices(batchPlan);
  const limits = verdict?.unavailabilityLimits[tally.scenarioIndex] ?? [];
  const stops: (ServiceStop | null)[] = previous === null ? Array.from({ length: serviceCount }, () => null) : [...previous];
  let worstRunning: number | null = null;
  const done = (): { kind: 'stop'; batchCount: number; reason: StopReason; relativeError: null; services: ServiceStop[] } => {
    const all = stops as ServiceStop[];
    const reason: StopReason = verdict === undefined && all.every((x) => x.reason === 'relative-error') ? 'relative-error' : 'services';
    return { kind: 'stop', batchCount: Math.max(...all.map((x) => x.batchCount)), reason, relativeError: null, services: all };
  };
  if (stops.every((x) => x !== null)) return done();
  let samples = 0;
  for (let k = 1; k <= available; k++) {
    samples += tally.batches[k - 1].sampleCount;
    if (k < firstUncheckedBatch) continue;
    const aggregates = withKind(batchPlan, (definition, plan) =>
      definition.aggregateServices === undefined ? null : definition.aggregateServices(plan, tally as ScenarioTally<never>, k),
    );
    if (aggregates === null) throw new RangeError(`per-service stops need a static plan, got ${batchPlan.kind}`);
    const look = verdict === undefined ? null : verdictLookAt(k, planned, verdict);
    worstRunning = null;
    for (let i = 0; i < serviceCount; i++) {
      if (stops[i] !== null) continue;
      const limit = limits[i] ?? null;
      const aggregate = aggregates[i];
      const reached = limit !== null && look !== null ? decideVerdict(aggregate, limit, look) : null;
      if (reached !== null) {
        stops[i] = { batchCount: k, reason: 'verdict', verdict: reached };
      } else if (rule.relativeError !== null && aggregate.samples > 0) {
        // A service never seen down cannot show a relative error yet: it keeps sampling.
        const error = relativeErrorNear(aggregate, rule.relativeError);
        if (samples >= rule.minSamples && error <= rule.relativeError) {
          stops[i] = { batchCount: k, reason: 'relative-error', verdict: null };
        } else {
          worstRunning = Math.max(worstRunning ?? 0, error);
        }
      }
      if (stops[i] === null && verdict !== undefined && limit === null && samples >= verdict.fixedSamples) {
        stops[i] = { batchCount: k, reason: 'max-samples', verdict: null };
      }
    }
    if (stops.every((x) => x !== null)) return done();
  }
  if (available >= planned) {
    for (let i = 0; i < serviceCount; i++) stops[i] ??= { batchCount: planned, reason: 'max-samples', verdict: null };
    return done();
  }
  return { kind: 'continue', relativeError: verdict === undefined ? worstRunning : null, services: stops };
}

/**
 * The index of the verdict look at prefix k, or null when k is no look. The budget's last prefix is a look too when
 * the schedule has none there: it takes the index of the next scheduled look, which no run of this plan reaches, so
 * the levels spent still add up to at most alpha.
 */
function verdictLookAt(k: number, planned: number, verdict: VerdictRule): number | null {
  const looksBefore = countVerdictLooksBefore(k, verdict.firstLookBatches);
  return looksBefore.at === k || (k === planned && k >= verdict.firstLookBatches) ? looksBefore.count : null;
}
