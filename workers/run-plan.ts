// runPlan: schedules a plan's batches on an executor (thread pool, inline, or a distributed queue), merges
// results as they arrive and applies the stopping rule in batch order (DESIGN.md invariants 2-4).
//
//   plan ──batches in (scenario, index) order──> executor ──results──> tallies ──stop rule──> StudyRun

import {
  addBatch,
  countContiguousBatches,
  countServiceEndpoints,
  createScenarioTally,
  decideScenarioStop,
  type BatchResult,
  type ScenarioTally,
  type SimulationPlan,
  type StopReason,
} from '../engine/index.ts';
import { MAX_BATCH_ATTEMPTS, type BatchExecutor, type BatchTask } from './protocol.ts';

/** Progress of a run, reported after every merged batch. */
export interface RunProgress {
  readonly completedSamples: number;
  /** Upper bound: samples if every scenario runs to its sample budget. */
  readonly plannedSamples: number;
  readonly completedBatches: number;
  readonly scenarioIndex: number;
}

/** Options of runPlan; every field optional. */
export interface RunPlanOptions {
  /** Stops dispatching new batches; in-flight batches finish and the run is marked interrupted. */
  signal?: AbortSignal;
  onProgress?: (progress: RunProgress) => void;
  /** Called with every newly merged batch (for checkpoints). */
  onBatch?: (batch: BatchResult) => void;
  /** Batches already computed (resume): they are merged first and never recomputed. */
  existing?: readonly BatchResult[];
  /** Only batches for which this returns true are run (sharding); the stopping rule is then max-samples only. */
  includeBatch?: (scenarioIndex: number, batchIndex: number) => boolean;
  /** Clock in milliseconds, injectable for tests. */
  now?: () => number;
}

/** What a run produced: per scenario, its tally, how many batches count, and why it stopped. */
export interface StudyRun {
  readonly tallies: readonly ScenarioTally[];
  /** Number of leading batches (0..n-1) that count for each scenario's estimate. */
  readonly countedBatches: readonly number[];
  readonly stopReasons: readonly StopReason[];
  readonly interrupted: boolean;
  readonly elapsedSeconds: number;
}

/** Batches a scenario needs to reach its sample budget (1 for a deterministic scenario). */
export function plannedBatchCount(plan: SimulationPlan, deterministic: boolean): number {
  return deterministic ? 1 : Math.ceil(plan.stopping.maxSamples / plan.batchSize);
}

/** Samples in batch `batchIndex` of a scenario. */
export function batchSampleCount(plan: SimulationPlan, deterministic: boolean, batchIndex: number): number {
  if (deterministic) return 1;
  return Math.min(plan.batchSize, plan.stopping.maxSamples - batchIndex * plan.batchSize);
}

/** Thrown when a batch fails repeatedly: an internal error carrying the batch identity. */
export class BatchRunError extends Error {
  override readonly name = 'BatchRunError';
}

/**
 * Runs a plan to its stopping rule.
 * @param deterministic per scenario: true when one sample decides it (see compilePlan)
 */
export async function runPlan(
  plan: SimulationPlan,
  deterministic: readonly boolean[],
  executor: BatchExecutor,
  options: RunPlanOptions = {},
): Promise<StudyRun> {
  const now = options.now ?? Date.now;
  const started = now();
  const scenarioCount = plan.scenarios.length;
  const endpointCounts = plan.model.services.map(countServiceEndpoints);
  const tallies = plan.scenarios.map((_, i) => createScenarioTally(i));
  const planned = plan.scenarios.map((_, i) => plannedBatchCount(plan, deterministic[i] ?? false));
  const stopped: Array<{ batchCount: number; reason: StopReason } | null> = plan.scenarios.map(() => null);
  const checkedPrefix = plan.scenarios.map(() => 0);
  const sharded = options.includeBatch !== undefined;
  const rule = sharded ? { ...plan.stopping, relativeError: null } : plan.stopping;
  const plannedSamples = plan.scenarios.reduce(
    (sum, _, i) => sum + (deterministic[i] === true ? 1 : plan.stopping.maxSamples),
    0,
  );
  let completedSamples = 0;
  let completedBatches = 0;

  const decide = (s: number): void => {
    if (stopped[s] !== null) return;
    if (deterministic[s] === true) {
      if (countContiguousBatches(tallies[s]) >= 1) stopped[s] = { batchCount: 1, reason: 'deterministic' };
      return;
    }
    if (sharded) return;
    const decision = decideScenarioStop(tallies[s], rule, planned[s], endpointCounts, checkedPrefix[s] + 1);
    checkedPrefix[s] = countContiguousBatches(tallies[s]);
    if (decision.kind === 'stop') stopped[s] = { batchCount: decision.batchCount, reason: decision.reason };
  };

  const merge = (batch: BatchResult): void => {
    const tally = tallies[batch.scenarioIndex];
    if (tally === undefined) throw new BatchRunError(`result for unknown scenario index ${batch.scenarioIndex}`);
    if (!addBatch(tally, batch)) return;
    completedSamples += batch.sampleCount;
    completedBatches++;
    options.onBatch?.(batch);
    decide(batch.scenarioIndex);
    options.onProgress?.({ completedSamples, plannedSamples, completedBatches, scenarioIndex: batch.scenarioIndex });
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
      if (tallies[s].batches.some((x) => x.batchIndex === b)) continue;
      return {
        scenarioIndex: s,
        batchIndex: b,
        sampleCount: batchSampleCount(plan, deterministic[s] ?? false, b),
      };
    }
    return null;
  };

  let interrupted = false;
  let timedOut = false;
  const maxTimeMs = plan.stopping.maxTimeSeconds === null ? null : plan.stopping.maxTimeSeconds * 1000;
  const shouldStopDispatch = (): boolean => {
    if (options.signal?.aborted === true) interrupted = true;
    if (maxTimeMs !== null && now() - started >= maxTimeMs) timedOut = true;
    return interrupted || timedOut;
  };

  const runWithRetry = async (task: BatchTask): Promise<BatchResult> => {
    let lastError: unknown = null;
    for (let attempt = 1; attempt <= MAX_BATCH_ATTEMPTS; attempt++) {
      try {
        return await executor.run(task);
      } catch (error) {
        lastError = error;
      }
    }
    const detail = lastError instanceof Error ? lastError.message : String(lastError);
    throw new BatchRunError(
      `batch ${task.batchIndex} of scenario ${plan.scenarios[task.scenarioIndex]?.id ?? task.scenarioIndex} failed ${MAX_BATCH_ATTEMPTS} times (seed ${plan.seed}): ${detail}`,
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
        merge(await runWithRetry(task));
      } catch (error) {
        failures.push(error instanceof Error ? error : new Error(String(error)));
        return;
      }
    }
  };
  await Promise.all(Array.from({ length: lanes }, lane));
  if (failures.length > 0) throw failures[0];

  const countedBatches: number[] = [];
  const stopReasons: StopReason[] = [];
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
  }
  return { tallies, countedBatches, stopReasons, interrupted, elapsedSeconds: (now() - started) / 1000 };
}
