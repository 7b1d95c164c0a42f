// runPlan: the one runner. Schedules a plan's batches (any kind: static, time, paired) on an executor (thread
// pool, inline, or a distributed queue), merges results as they arrive and applies the stopping rule in batch
// order (DESIGN.md invariants 2-4). Resume, shards, merge and Redis runs are this same path.
//
//   plan ──batches in (batch, scenario) order──> executor ──results──> tallies ──stop rule──> StudyRun

import {
  addBatch,
  countContiguousBatches,
  createScenarioTally,
  decideScenarioStop,
  hasBatch,
  InternalError,
  isDeterministicScenario,
  isInputError,
  listPlanScenarioIds,
  listSkippedServices,
  planBatchTask,
  plannedBatchCount,
  planStopping,
  type BatchPlan,
  type BatchTask,
  type PlanBatchResult,
  type ScenarioTally,
  type ServiceStop,
  type StopReason,
} from '../engine/index.ts';
import { MAX_BATCH_ATTEMPTS, MAX_SKIPPED_SERVICES, type BatchExecutor } from './protocol.ts';

/** Progress of a run, reported after every merged batch. */
export interface RunProgress {
  readonly completedSamples: number;
  /** Upper bound: samples if every unfinished scenario runs to its sample budget. */
  readonly plannedSamples: number;
  /**
   * Samples the run is expected to need: for scenarios still running under a relative-error target, the samples
   * projected to reach it from the current relative error (relative error ~ 1 / sqrt(samples)), capped at the
   * budget; otherwise the budget. Equal to plannedSamples without a target.
   */
  readonly expectedSamples: number;
  readonly completedBatches: number;
  readonly scenarioIndex: number;
  /** Scenarios whose stopping rule has been decided. */
  readonly stoppedScenarios: number;
  readonly scenarioCount: number;
}

/** Options of runPlan; every field optional. */
export interface RunPlanOptions {
  /** Stops dispatching new batches; in-flight batches finish and the run is marked interrupted. */
  signal?: AbortSignal;
  onProgress?: (progress: RunProgress) => void;
  /** Called with every newly merged batch (for checkpoints). */
  onBatch?: (batch: PlanBatchResult) => void;
  /** Batches already computed (resume, merge): they are merged first and never recomputed. */
  existing?: readonly PlanBatchResult[];
  /** Only batches for which this returns true are run (sharding); the stopping rule is then max-samples only. */
  includeBatch?: (scenarioIndex: number, batchIndex: number) => boolean;
  /** Clock in milliseconds, injectable for tests. */
  now?: () => number;
}

/** What a run produced: per scenario, its tally, how many batches count, and why it stopped. */
export interface StudyRun {
  readonly tallies: readonly ScenarioTally<PlanBatchResult>[];
  /** Number of leading batches (0..n-1) that count for each scenario's estimate. */
  readonly countedBatches: readonly number[];
  readonly stopReasons: readonly StopReason[];
  /**
   * Each service's own stop per scenario (its counted batches, never more than the scenario's, and why) under the
   * rules that stop services one by one (verdict; relative error on a static plan); null for a scenario whose
   * services all stop with it (the other rules, deterministic scenarios).
   */
  readonly serviceStops: readonly (readonly ServiceStop[] | null)[];
  readonly interrupted: boolean;
  readonly elapsedSeconds: number;
}

/** A batch failed on every attempt: an internal error carrying the batch identity and the seed for replay. */
export class BatchRunError extends InternalError {
  override readonly name = 'BatchRunError';
}

/** Samples a scenario is projected to need to reach `target` from relative error `current` after `samples`. */
function projectSamples(samples: number, current: number | null, target: number | null, budget: number): number {
  if (target === null || current === null || !Number.isFinite(current) || samples <= 0) return budget;
  return Math.min(budget, Math.max(samples, Math.ceil(samples * (current / target) ** 2)));
}

/** Runs a plan to its stopping rule (or its time budget, an interruption, or the end of a shard). */
export async function runPlan(batchPlan: BatchPlan, executor: BatchExecutor, options: RunPlanOptions = {}): Promise<StudyRun> {
  const now = options.now ?? Date.now;
  const started = now();
  const ids = listPlanScenarioIds(batchPlan);
  const scenarioCount = ids.length;
  const stopping = planStopping(batchPlan);
  const tallies = ids.map((_, i) => createScenarioTally<PlanBatchResult>(i));
  const planned = ids.map((_, i) => plannedBatchCount(batchPlan, i));
  const budgets = ids.map((_, i) => {
    let samples = 0;
    for (let b = 0; b < planned[i]; b++) samples += planBatchTask(batchPlan, i, b).sampleCount;
    return samples;
  });
  const stopped: Array<{ batchCount: number; reason: StopReason } | null> = ids.map(() => null);
  const checkedPrefix = ids.map(() => 0);
  const relativeErrors: Array<number | null> = ids.map(() => null);
  const serviceStops: Array<readonly (ServiceStop | null)[] | null> = ids.map(() => null);
  const samplesDone = ids.map(() => 0);
  // Samples a stopped scenario counts (its counted batches never change once it stopped).
  const countedSamples: Array<number | null> = ids.map(() => null);
  const sharded = options.includeBatch !== undefined;
  const rule = sharded ? { ...stopping, relativeError: null } : stopping;
  let completedSamples = 0;
  let completedBatches = 0;
  let stoppedCount = 0;

  const deterministic = ids.map((_, i) => isDeterministicScenario(batchPlan, i));
  const decide = (s: number): void => {
    if (stopped[s] !== null) return;
    if (deterministic[s]) {
      // One sample decides it exactly, in a shard too.
      if (countContiguousBatches(tallies[s]) >= 1) stopped[s] = { batchCount: 1, reason: 'deterministic' };
    } else if (!sharded) {
      const decision = decideScenarioStop(batchPlan, tallies[s], rule, checkedPrefix[s] + 1, serviceStops[s]);
      checkedPrefix[s] = countContiguousBatches(tallies[s]);
      // A call that checked no new prefix keeps the last relative error (for the progress projection).
      if (decision.relativeError !== null || decision.kind === 'stop') relativeErrors[s] = decision.relativeError;
      serviceStops[s] = decision.services;
      if (decision.kind === 'stop') stopped[s] = { batchCount: decision.batchCount, reason: decision.reason };
    }
    if (stopped[s] !== null) stoppedCount++;
  };

  const progress = (scenarioIndex: number): RunProgress => {
    let plannedSamples = 0;
    let expectedSamples = 0;
    for (let s = 0; s < scenarioCount; s++) {
      const done = stopped[s];
      if (done !== null) countedSamples[s] ??= tallies[s].batches.slice(0, done.batchCount).reduce((a, b) => a + b.sampleCount, 0);
      const counted = done === null ? null : countedSamples[s];
      plannedSamples += counted ?? budgets[s];
      expectedSamples += counted ?? projectSamples(samplesDone[s], relativeErrors[s], rule.relativeError, budgets[s]);
    }
    return {
      completedSamples,
      plannedSamples,
      expectedSamples: Math.max(expectedSamples, completedSamples),
      completedBatches,
      scenarioIndex,
      stoppedScenarios: stoppedCount,
      scenarioCount,
    };
  };

  const merge = (batch: PlanBatchResult): void => {
    const tally = tallies[batch.scenarioIndex];
    if (tally === undefined) throw new BatchRunError(`result for unknown scenario index ${batch.scenarioIndex}`);
    if (!addBatch(tally, batch)) return;
    completedSamples += batch.sampleCount;
    samplesDone[batch.scenarioIndex] += batch.sampleCount;
    completedBatches++;
    options.onBatch?.(batch);
    decide(batch.scenarioIndex);
    options.onProgress?.(progress(batch.scenarioIndex));
  };
  for (const batch of options.existing ?? []) merge(batch);

  // Dispatch batch index by batch index, across all scenarios in turn (0 of every scenario, then 1, ...), so a
  // wall-clock budget or an interruption leaves every scenario with estimates. Batches present, excluded by a
  // shard, or past a scenario's stop are skipped. The order affects only timing, never results.
  const maxPlanned = planned.reduce((a, b) => Math.max(a, b), 0);
  let nextBatch = 0;
  let nextScenario = 0;
  const nextTask = (): BatchTask | null => {
    while (nextBatch < maxPlanned) {
      if (nextScenario >= scenarioCount) {
        nextScenario = 0;
        nextBatch++;
        continue;
      }
      const s = nextScenario++;
      const b = nextBatch;
      if (stopped[s] !== null || b >= planned[s]) continue;
      if (options.includeBatch !== undefined && !options.includeBatch(s, b)) continue;
      if (hasBatch(tallies[s], b)) continue;
      const task = planBatchTask(batchPlan, s, b);
      // Services that stopped before this batch need not be evaluated in it (work saved; results unchanged).
      const skipServices = listSkippedServices(serviceStops[s], b, MAX_SKIPPED_SERVICES);
      return skipServices === null ? task : { ...task, skipServices };
    }
    return null;
  };

  let interrupted = false;
  let timedOut = false;
  const maxTimeMs = stopping.maxTimeSeconds === null ? null : stopping.maxTimeSeconds * 1000;
  const shouldStopDispatch = (): boolean => {
    if (options.signal?.aborted === true) interrupted = true;
    if (maxTimeMs !== null && now() - started >= maxTimeMs) timedOut = true;
    return interrupted || timedOut;
  };

  // The time budget also stops the batches under way when it is spent (a batch of a fine-grained time simulation can
  // run for minutes): their results are dropped, and the scenarios count the batches completed before.
  const deadline = new AbortController();
  const deadlineTimer =
    maxTimeMs === null
      ? null
      : setTimeout(() => {
          timedOut = true;
          deadline.abort();
        }, Math.max(0, maxTimeMs - (now() - started)));

  /** A batch's result, or null when the time budget stopped it. */
  const runWithRetry = async (task: BatchTask): Promise<PlanBatchResult | null> => {
    let lastError: unknown = null;
    for (let attempt = 1; attempt <= MAX_BATCH_ATTEMPTS; attempt++) {
      if (deadline.signal.aborted) return null;
      try {
        return await executor.run(task, deadline.signal);
      } catch (error) {
        if (deadline.signal.aborted) return null;
        lastError = error;
        // An input problem (a worker refused the plan) fails the same way every time.
        if (isInputError(error)) throw error;
      }
    }
    const detail = lastError instanceof Error ? lastError.message : String(lastError);
    throw new BatchRunError(
      `batch ${task.batchIndex} of scenario ${ids[task.scenarioIndex] ?? task.scenarioIndex} failed ${MAX_BATCH_ATTEMPTS} times (seed ${batchPlan.plan.seed}): ${detail}`,
      { cause: lastError },
    );
  };

  // A fixed number of lanes, each pulling the next task when its previous one is merged.
  const lanes = Math.max(1, executor.concurrency * 2);
  const failures: Error[] = [];
  const lane = async (): Promise<void> => {
    for (;;) {
      if (failures.length > 0 || shouldStopDispatch()) return;
      const task = nextTask();
      if (task === null) return;
      try {
        const result = await runWithRetry(task);
        if (result === null) return;
        merge(result);
      } catch (error) {
        failures.push(error instanceof Error ? error : new Error(String(error)));
        return;
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: lanes }, lane));
  } finally {
    if (deadlineTimer !== null) clearTimeout(deadlineTimer);
  }
  if (failures.length > 0) throw failures[0];

  const countedBatches: number[] = [];
  const stopReasons: StopReason[] = [];
  const finalServiceStops: Array<readonly ServiceStop[] | null> = [];
  for (let s = 0; s < scenarioCount; s++) {
    decide(s);
    const done = stopped[s];
    if (done !== null) {
      countedBatches.push(done.batchCount);
      stopReasons.push(done.reason);
    } else {
      countedBatches.push(sharded ? tallies[s].batches.length : countContiguousBatches(tallies[s]));
      stopReasons.push(interrupted ? 'interrupted' : timedOut ? 'max-time' : 'max-samples');
    }
    // Services still sampling when the scenario ended (time, interruption) count every batch the scenario counts.
    const services = serviceStops[s];
    finalServiceStops.push(
      services === null || deterministic[s]
        ? null
        : services.map((x) => x ?? { batchCount: countedBatches[s], reason: stopReasons[s], verdict: null }),
    );
  }
  return {
    tallies,
    countedBatches,
    stopReasons,
    serviceStops: finalServiceStops,
    interrupted,
    elapsedSeconds: (now() - started) / 1000,
  };
}
