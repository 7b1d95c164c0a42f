// A job is what a command asks of the engine: `run` (static estimators), `simulate` (time simulation) or `compare`
// (paired comparison of two inputs: of static samples, or of simulated years when either study's `simulation.compare`
// is `time`). compileJob turns loaded inputs and resolved options into the one batch plan the runner executes, plus
// what the result document is built from; compiling the same inputs and options gives the same plan hash anywhere.
//
//   LoadedInput(s) + options ──resolveJobOptions──> ResolvedRunOptions ──compileJob──> CompiledJob { BatchPlan, hash }

import { DEFAULT_YEARS_PER_BATCH, InputError, type BatchKind, type BatchPlan } from '../../engine/index.ts';
import { compileComparison, type CompiledComparison } from '../compare/compile-comparison.ts';
import type { LoadedInput } from '../input/load-input.ts';
import {
  compilePlan,
  hashBatchPlan,
  resolveRunOptions,
  type CompiledStudy,
  type ResolvedRunOptions,
  type RunOptions,
} from '../study/compile-plan.ts';
import {
  compileTimeComparison,
  compileTimeSimulation,
  DEFAULT_SIMULATED_YEARS,
  isTimeComparison,
  type CompiledTimeComparison,
} from '../study/compile-time-plan.ts';

/** What a command asks for. */
export type JobKind = 'run' | 'simulate' | 'compare';

/** Every job kind. */
export const JOB_KINDS: readonly JobKind[] = Object.freeze(['run', 'simulate', 'compare']);

/** The batch kind each job runs (compare: 'paired-time' instead when a study asks for a comparison in time). */
export const BATCH_KIND_OF_JOB: { readonly [K in JobKind]: BatchKind } = Object.freeze({
  run: 'static',
  simulate: 'time',
  compare: 'paired',
});

/** How many inputs each job takes: one study or topology, or (compare) a base and a plan. */
export const INPUT_COUNT_OF_JOB: { readonly [K in JobKind]: number } = Object.freeze({ run: 1, simulate: 1, compare: 2 });

/** A compiled job. */
export interface CompiledJob {
  readonly kind: JobKind;
  readonly batchPlan: BatchPlan;
  /** Identifies the plan (engine version, kind, model, scenarios, seed, batch size): batches of equal hash merge. */
  readonly planSha256: string;
  readonly options: ResolvedRunOptions;
  /** The inputs, in order (compare: base, plan). */
  readonly inputs: readonly LoadedInput[];
  /** The study the result document describes (compare: the plan side). */
  readonly study: CompiledStudy;
  /** The comparison, for `compare` of static samples. */
  readonly comparison: CompiledComparison | null;
  /** The comparison, for `compare` in time (batch kind 'paired-time'). */
  readonly timeComparison: CompiledTimeComparison | null;
  /** Non-fatal notes for the user (left-out scenarios, ignored attacks). */
  readonly notes: readonly string[];
}

/** True when the job runs simulated years: `simulate`, or `compare` of studies that ask for it. */
function isTimeJob(kind: JobKind, inputs: readonly LoadedInput[]): boolean {
  return kind === 'simulate' || (kind === 'compare' && isTimeComparison(inputs));
}

/**
 * Resolves the options of a job: flags over the (first) study's values over the defaults. For a job in time
 * (`simulate`, or `compare` of studies with `simulation.compare: time`), `samples` is the number of simulated years
 * (flag, else the first `simulation.years` of the inputs, else DEFAULT_SIMULATED_YEARS) and `batchSize` the years per
 * batch (flag, else `simulation.yearsPerBatch`, else DEFAULT_YEARS_PER_BATCH); the study's sample settings and
 * relative-error target are for static runs and do not apply.
 */
export function resolveJobOptions(kind: JobKind, inputs: readonly LoadedInput[], options: RunOptions = {}): ResolvedRunOptions {
  const study = inputs[0].study;
  if (options.stop === 'verdict' && kind !== 'run') {
    throw new InputError(`--stop verdict is for \`neverout run\`: ${kind} stops by rel-error or samples`);
  }
  if (!isTimeJob(kind, inputs)) return resolveRunOptions(study, options, kind === 'run');
  const settings = inputs.map((input) => input.study.simulation);
  const samples = options.samples ?? settings.find((s) => s?.years != null)?.years ?? DEFAULT_SIMULATED_YEARS;
  const perBatch = options.batchSize ?? settings.find((s) => s?.yearsPerBatch != null)?.yearsPerBatch ?? DEFAULT_YEARS_PER_BATCH;
  return {
    seed: options.seed ?? study.seed ?? resolveRunOptions(study).seed,
    samples,
    batchSize: Math.min(samples, perBatch),
    relativeError: options.stop === 'samples' ? null : (options.relativeError ?? null),
    maxTimeSeconds: options.maxTimeSeconds ?? null,
    stop: options.stop ?? (options.relativeError !== undefined ? 'rel-error' : 'samples'),
    fixedSamples: null,
  };
}

/**
 * Compiles a job from its loaded inputs and resolved options. Pure apart from hashing; deterministic.
 * @throws RangeError when the number of inputs does not fit the job; ComparisonMismatchError (an InputError)
 */
export function compileJob(kind: JobKind, inputs: readonly LoadedInput[], options: ResolvedRunOptions): CompiledJob {
  if (inputs.length !== INPUT_COUNT_OF_JOB[kind]) {
    throw new RangeError(`a ${kind} job takes ${INPUT_COUNT_OF_JOB[kind]} input(s), got ${inputs.length}`);
  }
  if (kind === 'run') {
    const study = compilePlan(inputs[0].topology, inputs[0].study, options);
    return {
      kind,
      batchPlan: { kind: 'static', plan: study.plan },
      planSha256: study.planSha256,
      options,
      inputs,
      study,
      comparison: null,
      timeComparison: null,
      notes: [],
    };
  }
  if (kind === 'simulate') {
    const time = compileTimeSimulation(inputs[0].topology, inputs[0].study, options);
    return {
      kind,
      batchPlan: { kind: 'time', plan: time.plan },
      planSha256: time.planSha256,
      options,
      inputs,
      study: time.study,
      comparison: null,
      timeComparison: null,
      notes: time.notes,
    };
  }
  if (isTimeComparison(inputs)) {
    const time = compileTimeComparison(inputs[0], inputs[1], options);
    const batchPlan: BatchPlan = { kind: 'paired-time', plan: time.pair };
    return {
      kind,
      batchPlan,
      planSha256: hashBatchPlan(batchPlan),
      options,
      inputs,
      study: time.plan.study,
      comparison: null,
      timeComparison: time,
      notes: [...new Set([...time.base.notes, ...time.plan.notes]), ...describeUnpaired(time)],
    };
  }
  const comparison = compileComparison(inputs[0], inputs[1], options);
  const notes = describeUnpaired(comparison);
  const batchPlan: BatchPlan = { kind: 'paired', plan: comparison.pair };
  return {
    kind,
    batchPlan,
    planSha256: hashBatchPlan(batchPlan),
    options,
    inputs,
    study: comparison.plan,
    comparison,
    timeComparison: null,
    notes,
  };
}

/** Notes on the scenarios and services of one side only: they are not compared. */
function describeUnpaired(comparison: { readonly unpairedScenarios: readonly string[]; readonly unpairedServices: readonly string[] }): string[] {
  const notes: string[] = [];
  if (comparison.unpairedScenarios.length > 0) {
    notes.push(`scenarios in only one of base and plan are not compared: ${comparison.unpairedScenarios.join(', ')}`);
  }
  if (comparison.unpairedServices.length > 0) {
    notes.push(`services in only one of base and plan are not compared: ${comparison.unpairedServices.join(', ')}`);
  }
  return notes;
}
