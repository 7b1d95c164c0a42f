// The run pipeline shared by `run` (and later `compare`): load, compile, run batches on the pool with progress
// and Ctrl-C handling, estimate, and write result.json atomically.
//
//   loadInput ──> compilePlan ──> runPlan (thread pool) ──> buildResultDocument ──> result.json

import { join } from 'node:path';
import type { ResultDocument } from '../../engine/index.ts';
import {
  buildResultDocument,
  compilePlan,
  formatDiagnostic,
  loadInput,
  resolveRunOptions,
  type CompiledStudy,
  type LoadedInput,
  type RunOptions,
} from '../../scenarios/index.ts';
import {
  createInlineExecutor,
  createThreadPoolExecutor,
  defaultThreadCount,
  runPlan,
  type BatchExecutor,
  type StudyRun,
} from '../../workers/index.ts';
import { writeFileAtomic } from './atomic-write.ts';
import { createProgressReporter } from './progress.ts';

/** Options of one run; every field optional. */
export interface ExecuteRunOptions extends RunOptions {
  /** Worker threads; 0 runs inline on the main thread. Default: one per core. */
  workers?: number;
  outDir?: string;
  quiet?: boolean;
  marking?: string;
  /** The command line for the manifest. */
  command?: readonly string[];
  /** Where warnings go; default stderr unless quiet. */
  warn?: (text: string) => void;
}

export interface ExecutedRun {
  readonly loaded: LoadedInput;
  readonly compiled: CompiledStudy;
  readonly run: StudyRun;
  readonly document: ResultDocument;
  readonly resultPath: string;
}

export const DEFAULT_OUT_DIR = 'neverout-out';

/** Runs a study (or topology, or the default study when `input` is null) and writes result.json. */
export async function executeRun(input: string | null, options: ExecuteRunOptions = {}): Promise<ExecutedRun> {
  const warn = options.warn ?? ((text: string) => (options.quiet === true ? undefined : process.stderr.write(`${text}\n`)));
  const loaded = await loadInput(input, (d) => warn(formatDiagnostic(d)));
  const resolved = resolveRunOptions(loaded.study, options);
  const compiled = compilePlan(loaded.topology, loaded.study, resolved);
  const workers = options.workers ?? defaultThreadCount();
  const executor: BatchExecutor =
    workers === 0 ? createInlineExecutor(compiled.plan) : createThreadPoolExecutor(compiled.plan, { threads: workers });

  const controller = new AbortController();
  let interrupts = 0;
  const onSigint = (): void => {
    interrupts++;
    if (interrupts === 1) {
      warn('interrupted: finishing the batches in progress and writing a partial result (Ctrl-C again to abort)');
      controller.abort();
    } else {
      process.exit(130);
    }
  };
  process.on('SIGINT', onSigint);
  process.on('SIGTERM', onSigint);
  const progress = createProgressReporter(options.quiet !== true);
  let run: StudyRun;
  try {
    run = await runPlan(compiled.plan, compiled.scenarios.map((s) => s.deterministic), executor, {
      signal: controller.signal,
      onProgress: (p) => progress.update(p),
    });
  } finally {
    progress.stop();
    process.off('SIGINT', onSigint);
    process.off('SIGTERM', onSigint);
    await executor.close();
  }
  const document = buildResultDocument(compiled, run, {
    command: options.command ?? [],
    workers: Math.max(1, workers),
    createdAt: new Date(),
    shard: null,
    marking: options.marking ?? null,
    topologySource: loaded.topologySource,
    studySource: loaded.studySource,
  });
  const outDir = options.outDir ?? DEFAULT_OUT_DIR;
  const resultPath = join(outDir, 'result.json');
  await writeFileAtomic(resultPath, `${JSON.stringify(document, null, 2)}\n`);
  return { loaded, compiled, run, document, resultPath };
}
