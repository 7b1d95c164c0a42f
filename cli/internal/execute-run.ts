// The run pipeline shared by `run` (and later `compare`) and `merge`: load, compile, run batches on the local
// pool or on BullMQ workers with progress and Ctrl-C handling, checkpoint every merged batch to batches.jsonl,
// estimate, and write result.json atomically.
//
//   loadInput ──> compilePlan ──> [--resume: batches.jsonl (+ Redis)] ──> runPlan (pool | queue) ──> result.json
//                                                                          └─onBatch──> batches.jsonl
//   merge: batches.jsonl × N ──union──> compile the header's spec ──> runPlan (nothing left to run) ──> result.json

import { join } from 'node:path';
import {
  createScenarioTally,
  ENGINE_VERSION,
  type BatchResult,
  type ResultDocument,
  type ScenarioTally,
} from '../../engine/index.ts';
import {
  buildResultDocument,
  compilePlan,
  formatDiagnostic,
  loadInput,
  resolveRunOptions,
  type CompiledStudy,
  type LoadedInput,
  type RunOptions,
  type RunTallies,
} from '../../scenarios/index.ts';
import {
  CHECKPOINT_FILE,
  CHECKPOINT_FORMAT,
  CheckpointError,
  checkBatchAgainstPlan,
  MAX_PLAN_SPEC_CHARS,
  mergeCheckpoints,
  openCheckpointWriter,
  readCheckpoint,
  type Checkpoint,
  type CheckpointHeader,
  type CheckpointWriter,
  type PlanSpec,
  type ShardSpec,
} from '../../workers/checkpoint/index.ts';
import {
  compilePlanSpec,
  InputChangedError,
  openQueueExecutor,
  PlanHashMismatchError,
  readPlanSpec,
  RedisUnreachableError,
  WorkerRefusedError,
  type QueueExecutor,
  type QueueNames,
  type RedisSettings,
} from '../../workers/distributed/index.ts';
import {
  BatchRunError,
  createInlineExecutor,
  createThreadPoolExecutor,
  defaultThreadCount,
  runPlan,
  type BatchExecutor,
  type StudyRun,
} from '../../workers/index.ts';
import { writeFileAtomic } from './atomic-write.ts';
import { CliUsageError } from './cli-errors.ts';
import { createProgressReporter } from './progress.ts';

/** Where and how to run batches on BullMQ workers. */
export interface DistributedOptions {
  readonly settings: RedisSettings;
  readonly names: QueueNames;
  /** Batches queued or running at once, >= 2. */
  readonly inflight?: number;
  /** Milliseconds before an overdue batch's job is checked (re-enqueued when lost). */
  readonly recheckAfterMs?: number;
}

/** Options of one run; every field optional. */
export interface ExecuteRunOptions extends RunOptions {
  /** Worker threads; 0 runs inline on the main thread. Default: one per core. Not with `distributed`. */
  workers?: number;
  outDir?: string;
  quiet?: boolean;
  marking?: string;
  /** The command line for the manifest (passwords already redacted). */
  command?: readonly string[];
  /** Where warnings go; default stderr unless quiet. */
  warn?: (text: string) => void;
  /** Continue from OUT/batches.jsonl (and, distributed, the results stored in Redis). */
  resume?: boolean;
  /** Run only the batches with batchIndex % count === index; fixed sample budget. */
  shard?: ShardSpec;
  /** Run batches on BullMQ workers instead of the local pool. */
  distributed?: DistributedOptions;
}

export interface ExecutedRun {
  readonly loaded: LoadedInput;
  readonly compiled: CompiledStudy;
  readonly run: StudyRun;
  readonly document: ResultDocument;
  readonly resultPath: string;
  readonly checkpointPath: string | null;
  /** Batches taken from a checkpoint or Redis instead of being computed. */
  readonly resumedBatches: number;
}

export const DEFAULT_OUT_DIR = 'neverout-out';

function defaultWarn(quiet: boolean | undefined): (text: string) => void {
  return (text: string) => (quiet === true ? undefined : process.stderr.write(`${text}\n`));
}

/** Refuses batches from outside that do not belong to the plan (a corrupt or foreign checkpoint). */
function checkBatches(batches: readonly BatchResult[], compiled: CompiledStudy, where: string): void {
  const deterministic = compiled.scenarios.map((s) => s.deterministic);
  for (const batch of batches) {
    const problem = checkBatchAgainstPlan(batch, compiled.plan, deterministic);
    if (problem !== null) throw new CliUsageError(`${where}: ${problem}`);
  }
}

async function readResumeCheckpoint(
  path: string,
  compiled: CompiledStudy,
  required: boolean,
): Promise<Checkpoint | null> {
  let checkpoint: Checkpoint;
  try {
    checkpoint = await readCheckpoint(path);
  } catch (error) {
    if (error instanceof CheckpointError && error.message.includes('no such file') && !required) return null;
    if (error instanceof CheckpointError) {
      throw new CliUsageError(
        `--resume: ${error.message}${error.message.includes('no such file') ? ' (nothing to resume in this output folder)' : ''}`,
      );
    }
    throw error;
  }
  const header = checkpoint.header;
  if (header.planSha256 !== compiled.planSha256) {
    const engine =
      header.engineVersion !== ENGINE_VERSION
        ? ` (it was made by engine ${header.engineVersion}, this is ${ENGINE_VERSION})`
        : '';
    throw new CliUsageError(
      `--resume: ${path} belongs to another plan${engine}: plan ${header.planSha256.slice(0, 12)}…, these inputs compile to ` +
        `${compiled.planSha256.slice(0, 12)}…; resume with the same inputs, seed, samples and batch size as the interrupted run`,
    );
  }
  checkBatches(checkpoint.batches, compiled, path);
  return checkpoint;
}

/** Renumbers a shard's batches 0..k-1 so its partial result.json estimates from the samples it has. */
function shardView(run: StudyRun): RunTallies {
  const tallies: ScenarioTally[] = run.tallies.map((tally) => {
    const view = createScenarioTally(tally.scenarioIndex);
    tally.batches.forEach((b, k) => view.batches.push({ ...b, batchIndex: k }));
    return view;
  });
  return {
    tallies,
    countedBatches: tallies.map((t) => t.batches.length),
    stopReasons: run.stopReasons,
    interrupted: run.interrupted,
  };
}

/** Runs a study (or topology, or the default study when `input` is null) and writes result.json. */
export async function executeRun(input: string | null, options: ExecuteRunOptions = {}): Promise<ExecutedRun> {
  const warn = options.warn ?? defaultWarn(options.quiet);
  const loaded = await loadInput(input, (d) => warn(formatDiagnostic(d)));
  const resolved = resolveRunOptions(loaded.study, options);
  if (options.shard !== undefined && resolved.relativeError !== null) {
    throw new CliUsageError(
      '--shard runs a fixed sample budget: a relative-error stopping rule (--rel-error or relativeError in the study) ' +
        'must be decided over all batches in order, so it cannot be split into shards; set --samples instead',
    );
  }
  const compiled = compilePlan(loaded.topology, loaded.study, resolved);
  const deterministic = compiled.scenarios.map((s) => s.deterministic);
  const outDir = options.outDir ?? DEFAULT_OUT_DIR;
  const checkpointPath = join(outDir, CHECKPOINT_FILE);

  let spec: PlanSpec | null;
  try {
    spec = await readPlanSpec(input, loaded, compiled);
  } catch (error) {
    if (error instanceof InputChangedError) throw new CliUsageError(error.message);
    throw error;
  }
  if (JSON.stringify(spec).length > MAX_PLAN_SPEC_CHARS) {
    if (options.distributed !== undefined || options.shard !== undefined || options.resume === true) {
      throw new CliUsageError(
        `the inputs are larger than ${MAX_PLAN_SPEC_CHARS} characters: too large for checkpoints and distributed runs`,
      );
    }
    warn(`the inputs are too large for a checkpoint; ${checkpointPath} is not written and this run cannot be resumed`);
    spec = null;
  }

  const resumeFrom =
    options.resume === true
      ? await readResumeCheckpoint(checkpointPath, compiled, options.distributed === undefined)
      : null;
  const existing = new Map<string, BatchResult>();
  for (const b of resumeFrom?.batches ?? []) existing.set(`${b.scenarioIndex}:${b.batchIndex}`, b);

  let queueExecutor: QueueExecutor | null = null;
  let executor: BatchExecutor;
  const workers = options.workers ?? defaultThreadCount();
  if (options.distributed !== undefined) {
    if (spec === null) throw new CliUsageError('internal: no plan spec for a distributed run');
    const d = options.distributed;
    try {
      queueExecutor = await openQueueExecutor(d.settings, d.names, spec, compiled.plan, deterministic, {
        ...(d.inflight !== undefined ? { inflight: d.inflight } : {}),
        ...(d.recheckAfterMs !== undefined ? { recheckAfterMs: d.recheckAfterMs } : {}),
        warn,
      });
    } catch (error) {
      if (error instanceof RedisUnreachableError) throw new CliUsageError(error.message);
      throw error;
    }
    executor = queueExecutor;
    if (options.resume === true) {
      for (const b of await queueExecutor.loadStoredResults()) existing.set(`${b.scenarioIndex}:${b.batchIndex}`, b);
    }
    const connected = await queueExecutor.countWorkers();
    if (connected === 0) {
      warn(
        `no worker is connected to queue "${d.names.queue}" at ${d.settings.display} yet: batches wait in the queue until one starts ` +
          `(neverout worker --redis ${d.settings.display})`,
      );
    }
  } else {
    executor =
      workers === 0
        ? createInlineExecutor(compiled.plan)
        : createThreadPoolExecutor(compiled.plan, { threads: workers });
  }

  let writer: CheckpointWriter | null = null;
  const controller = new AbortController();
  let interrupts = 0;
  const onSigint = (): void => {
    interrupts++;
    if (interrupts === 1) {
      warn('interrupted: finishing the batches in progress and writing a partial result (Ctrl-C again to abort)');
      controller.abort();
    } else {
      writer?.close();
      process.exit(130);
    }
  };
  process.on('SIGINT', onSigint);
  process.on('SIGTERM', onSigint);
  const progress = createProgressReporter(options.quiet !== true);
  let run: StudyRun;
  let workerCount = Math.max(1, workers);
  try {
    if (spec !== null) {
      const header: CheckpointHeader = {
        format: CHECKPOINT_FORMAT,
        planSha256: compiled.planSha256,
        engineVersion: ENGINE_VERSION,
        shard: options.shard ?? null,
        spec,
      };
      writer = openCheckpointWriter(checkpointPath, header, resumeFrom !== null ? { resume: resumeFrom } : {});
    }
    const shard = options.shard;
    const activeWriter = writer;
    run = await runPlan(compiled.plan, deterministic, executor, {
      signal: controller.signal,
      onProgress: (p) => progress.update(p),
      ...(activeWriter !== null ? { onBatch: (b) => activeWriter.append(b) } : {}),
      existing: [...existing.values()],
      ...(shard !== undefined ? { includeBatch: (_s: number, b: number) => b % shard.count === shard.index } : {}),
    });
    if (queueExecutor !== null) {
      workerCount = Math.max(1, await queueExecutor.countWorkers());
      if (queueExecutor.requeued > 0)
        warn(`${queueExecutor.requeued} batches were enqueued again after a lost or failed job`);
      // A complete run's results are in result.json and batches.jsonl; a partial one keeps them for --resume.
      if (!run.interrupted && shard === undefined) await queueExecutor.discardPlan();
    }
  } catch (error) {
    if (error instanceof BatchRunError && error.cause instanceof WorkerRefusedError)
      throw new CliUsageError(error.cause.message);
    throw error;
  } finally {
    progress.stop();
    process.off('SIGINT', onSigint);
    process.off('SIGTERM', onSigint);
    writer?.close();
    await executor.close();
  }
  const document = buildResultDocument(compiled, options.shard !== undefined ? shardView(run) : run, {
    command: options.command ?? [],
    workers: workerCount,
    createdAt: new Date(),
    shard: options.shard ?? null,
    marking: options.marking ?? null,
    topologySource: loaded.topologySource,
    studySource: loaded.studySource,
  });
  const resultPath = join(outDir, 'result.json');
  await writeFileAtomic(resultPath, `${JSON.stringify(document, null, 2)}\n`);
  return {
    loaded,
    compiled,
    run,
    document,
    resultPath,
    checkpointPath: spec !== null ? checkpointPath : null,
    resumedBatches: existing.size,
  };
}

/** Options of a merge; every field optional. */
export interface ExecuteMergeOptions {
  outDir?: string;
  marking?: string;
  command?: readonly string[];
  /** Write a partial result when batches are missing, instead of failing. */
  partial?: boolean;
  warn?: (text: string) => void;
}

export interface ExecutedMerge {
  readonly compiled: CompiledStudy;
  readonly document: ResultDocument;
  readonly resultPath: string;
  readonly checkpointPath: string;
  readonly batchCount: number;
  /** Scenario ids that lack batches (only with `partial`). */
  readonly incomplete: readonly string[];
}

/** An executor for merges: every batch should already be there, so being asked for one is a bug. */
const NO_EXECUTOR: BatchExecutor = {
  concurrency: 1,
  run: (task) =>
    Promise.reject(new Error(`merge does not compute batches (asked for ${task.scenarioIndex}:${task.batchIndex})`)),
  close: () => Promise.resolve(),
};

/**
 * Unions the batches of several checkpoints (shards, or partial runs) of one plan and writes the result document
 * a single run would have written, plus the merged batches.jsonl.
 */
export async function executeMerge(
  parts: readonly string[],
  options: ExecuteMergeOptions = {},
): Promise<ExecutedMerge> {
  const warn = options.warn ?? defaultWarn(false);
  let merged;
  try {
    merged = await mergeCheckpoints(parts);
  } catch (error) {
    if (error instanceof CheckpointError) throw new CliUsageError(error.message);
    throw error;
  }
  const spec = merged.header.spec;
  let compiledSpec;
  try {
    compiledSpec = await compilePlanSpec(spec, (d) => warn(formatDiagnostic(d)));
  } catch (error) {
    // A ScenarioError (the carried inputs do not validate with this engine) propagates: main prints it, exit 2.
    if (error instanceof PlanHashMismatchError) throw new CliUsageError(`cannot merge: ${error.message}`);
    throw error;
  }
  const { loaded, compiled } = compiledSpec;
  checkBatches(merged.batches, compiled, 'merge');
  const deterministic = compiled.scenarios.map((s) => s.deterministic);
  // Nothing is computed: the aborted signal stops dispatch right after the existing batches are merged, and the
  // stopping rule decides each scenario from them exactly as in a single run.
  const controller = new AbortController();
  controller.abort();
  const run = await runPlan(compiled.plan, deterministic, NO_EXECUTOR, {
    existing: merged.batches,
    signal: controller.signal,
  });
  const incomplete = compiled.scenarios.filter((_, s) => run.stopReasons[s] === 'interrupted').map((s) => s.id);
  if (incomplete.length > 0 && options.partial !== true) {
    const details = incomplete.slice(0, 5).map((id) => {
      const s = compiled.scenarios.findIndex((d) => d.id === id);
      return `${id} (${run.countedBatches[s]} leading batches present, batch ${run.countedBatches[s]} missing)`;
    });
    throw new CliUsageError(
      `cannot merge: batches are missing in ${incomplete.length} scenario(s): ${details.join(', ')}. ` +
        'Add the missing parts (every shard i/N for i = 0..N-1), or pass --partial for a partial result',
    );
  }
  const tallies: RunTallies = { ...run, interrupted: incomplete.length > 0 };
  const document = buildResultDocument(compiled, tallies, {
    command: options.command ?? [],
    workers: 1,
    createdAt: new Date(),
    shard: null,
    marking: options.marking ?? null,
    topologySource: loaded.topologySource,
    studySource: loaded.studySource,
  });
  const outDir = options.outDir ?? DEFAULT_OUT_DIR;
  const checkpointPath = join(outDir, CHECKPOINT_FILE);
  const writer = openCheckpointWriter(checkpointPath, { ...merged.header, shard: null });
  try {
    for (const b of merged.batches) writer.append(b);
  } finally {
    writer.close();
  }
  const resultPath = join(outDir, 'result.json');
  await writeFileAtomic(resultPath, `${JSON.stringify(document, null, 2)}\n`);
  return { compiled, document, resultPath, checkpointPath, batchCount: merged.batches.length, incomplete };
}
