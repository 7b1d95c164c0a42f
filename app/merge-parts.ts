// Use case "merge": unions the batches.jsonl checkpoints of shards (or of partial runs) of one job, of any kind,
// and writes the result document (and report) a single run would have written, plus the merged checkpoint.
//
//   batches.jsonl × N ──union──> header's plan spec ──compilePlanSpec (hash check)──> runPlan (nothing to compute)
//     ──> result.json, batches.jsonl, report

import { join } from 'node:path';
import { InputError, InternalError, listPlanScenarioIds, type ResultDocument } from '../engine/index.ts';
import { buildReport, type ReportResult } from '../reports/index.ts';
import { readResultFile } from './result/read-result-file.ts';
import {
  compilePlanSpec,
  InvalidPlanSpecError,
  parsePlanSpec,
  PlanHashMismatchError,
  type CompiledJob,
  type PlanSpec,
} from '../scenarios/index.ts';
import {
  CHECKPOINT_FILE,
  checkCheckpointBatches,
  CheckpointError,
  mergeCheckpoints,
  openCheckpointWriter,
  runPlan,
  type BatchExecutor,
} from '../workers/index.ts';
import { checkMarking, createInputLogger, inputFacts } from './internal/execute-job.ts';
import { DEFAULT_OUT_DIR, prepareOutputFolder, writeResultDocument } from './internal/output-folder.ts';
import { buildJobDocument } from './result/build-job-document.ts';

/** Options of mergeParts; every field optional. */
export interface MergePartsOptions {
  outDir?: string;
  marking?: string;
  command?: readonly string[];
  /** Write a partial result when batches are missing, instead of failing. */
  partial?: boolean;
  /** Write the report; default true. */
  report?: boolean;
  png?: boolean;
  baseline?: string;
  onWarning?: (text: string) => void;
  onReportStart?: () => void;
}

/** What a merge produced. */
export interface MergeOutcome {
  readonly job: CompiledJob;
  readonly document: ResultDocument;
  readonly resultPath: string;
  readonly checkpointPath: string;
  readonly batchCount: number;
  /** Scenario ids that lack batches (only with `partial`). */
  readonly incomplete: readonly string[];
  readonly report: ReportResult | null;
}

/** An executor for merges: every batch should already be there, so being asked for one is a bug. */
const NO_EXECUTOR: BatchExecutor = {
  concurrency: 1,
  run: (task) =>
    Promise.reject(new InternalError(`merge does not compute batches (asked for ${task.scenarioIndex}:${task.batchIndex})`)),
  close: () => Promise.resolve(),
};

/**
 * Merges checkpoints of one job.
 * @param parts output folders or their batches.jsonl files, at least one
 * @throws InputError (CheckpointError, ScenarioError, PlanHashMismatchError) for parts that do not merge
 */
export async function mergeParts(parts: readonly string[], options: MergePartsOptions = {}): Promise<MergeOutcome> {
  const warn = options.onWarning ?? (() => undefined);
  const marking = options.marking === undefined ? null : checkMarking(options.marking);
  const outDir = options.outDir ?? DEFAULT_OUT_DIR;
  await prepareOutputFolder(outDir);
  const withReport = options.report !== false;
  const baseline = withReport && options.baseline !== undefined ? await readResultFile(options.baseline) : undefined;
  const merged = await mergeCheckpoints(parts);
  // The plan is rebuilt from the first part's header (line 1 of its file); the others share its plan hash.
  const headerPath = merged.parts[0].path;
  let spec: PlanSpec;
  try {
    spec = parsePlanSpec(merged.header.spec, ['spec']);
  } catch (error) {
    if (error instanceof InvalidPlanSpecError) throw new CheckpointError(`${headerPath}:1: checkpoint header: ${error.problem}`, { cause: error });
    throw error;
  }
  if (spec.planSha256 !== merged.header.planSha256) {
    throw new CheckpointError(
      `${headerPath}:1: checkpoint header: field "spec.planSha256" (${spec.planSha256.slice(0, 12)}…) disagrees with ` +
        `field "planSha256" (${merged.header.planSha256.slice(0, 12)}…)`,
    );
  }
  let job: CompiledJob;
  try {
    job = await compilePlanSpec(spec, createInputLogger(warn));
  } catch (error) {
    if (error instanceof PlanHashMismatchError) throw new PlanHashMismatchError(`${headerPath}:1: ${error.message}`, { cause: error });
    throw error;
  }
  for (const part of merged.parts) checkCheckpointBatches(part.path, part.checkpoint, job.batchPlan);
  // Nothing is computed: the aborted signal stops dispatch right after the existing batches are merged, and the
  // stopping rule decides each scenario from them exactly as in a single run.
  const controller = new AbortController();
  controller.abort();
  const run = await runPlan(job.batchPlan, NO_EXECUTOR, { existing: merged.batches, signal: controller.signal });
  const ids = listPlanScenarioIds(job.batchPlan);
  const missing = ids.flatMap((id, s) => (run.stopReasons[s] === 'interrupted' ? [{ id, s }] : []));
  const incomplete = missing.map((m) => m.id);
  if (incomplete.length > 0 && options.partial !== true) {
    const details = missing
      .slice(0, 5)
      .map(({ id, s }) => `${id} (${run.countedBatches[s]} leading batches present, batch ${run.countedBatches[s]} missing)`);
    throw new InputError(
      `cannot merge: batches are missing in ${incomplete.length} scenario(s): ${details.join(', ')}. ` +
        'Add the missing parts (every shard i/N for i = 0..N-1), or pass --partial for a partial result',
    );
  }
  const { document } = buildJobDocument(job, { ...run, interrupted: incomplete.length > 0 }, {
    command: options.command ?? [],
    workers: 1,
    createdAt: new Date(),
    shard: null,
    marking,
    ...inputFacts(job),
  });
  const checkpointPath = join(outDir, CHECKPOINT_FILE);
  const writer = openCheckpointWriter(checkpointPath, { ...merged.header, shard: null });
  try {
    for (const b of merged.batches) writer.append(b);
  } finally {
    writer.close();
  }
  const resultPath = await writeResultDocument(outDir, document);
  let report: ReportResult | null = null;
  if (withReport) {
    options.onReportStart?.();
    report = await buildReport(document, {
      outDir,
      ...(baseline !== undefined ? { baseline } : {}),
      ...(options.png !== undefined ? { png: options.png } : {}),
      onWarning: (w) => warn(`report: ${w}`),
    });
  }
  return { job, document, resultPath, checkpointPath, batchCount: merged.batches.length, incomplete, report };
}
