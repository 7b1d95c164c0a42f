// Test support: batch plans of every kind (static, time, paired, paired-time) compiled from fixture files through the same
// loader and compiler the commands use, so runner, checkpoint and distributed tests cover every kind alike.

import type { BatchKind, BatchPlan } from '../../engine/index.ts';
import { compileJob, loadInput, resolveJobOptions, type CompiledJob, type JobKind, type RunOptions } from '../../scenarios/index.ts';

/** The job that runs each batch kind, and its fixture inputs. */
const JOB_OF_KIND: { readonly [K in BatchKind]: { readonly job: JobKind; readonly inputs: readonly string[] } } = {
  static: { job: 'run', inputs: ['test/fixtures/studies/small-study.yaml'] },
  time: { job: 'simulate', inputs: ['test/fixtures/topologies/bridge.yaml'] },
  paired: { job: 'compare', inputs: ['test/fixtures/topologies/bridge.yaml', 'test/fixtures/topologies/bridge-plus.yaml'] },
  'paired-time': {
    job: 'compare',
    inputs: ['test/fixtures/studies/bridge-time.yaml', 'test/fixtures/studies/bridge-crew-time.yaml'],
  },
};

/** Every batch kind, for `describe.each`. */
export const BATCH_KIND_CASES: readonly BatchKind[] = ['static', 'time', 'paired', 'paired-time'];

/**
 * Compiles the fixture job of a batch kind.
 * @param options run options (samples are years for the time kinds)
 */
export async function compileKindJob(kind: BatchKind, options: RunOptions = {}): Promise<CompiledJob> {
  const { job, inputs } = JOB_OF_KIND[kind];
  const loaded = [];
  for (const path of inputs) loaded.push(await loadInput(path));
  return compileJob(job, loaded, resolveJobOptions(job, loaded, options));
}

/** The batch plan of a kind's fixture job. */
export async function planOfKind(kind: BatchKind, options: RunOptions = {}): Promise<BatchPlan> {
  return (await compileKindJob(kind, options)).batchPlan;
}
