// Compiles the time simulation of a study: the study's model and its first (baseline) scenario as a time plan,
// with the year budget as the plan's sample budget. Only that scenario is compiled, so attack planning and
// estimator screening of the other scenarios are skipped.
//
//   topology + study ──compilePlan (first scenario)──> TimePlan

import type { TimePlan } from '../../engine/index.ts';
import type { TopologyModel } from '../topology/topology-model.ts';
import { compilePlan, hashBatchPlan, type CompiledStudy, type ResolvedRunOptions } from './compile-plan.ts';
import type { StudyModel } from './study-model.ts';

/** Default simulated years of `neverout simulate`. */
export const DEFAULT_SIMULATED_YEARS = 1000;

/** A compiled time simulation: the plan runners execute plus the compiled study the document is built from. */
export interface CompiledTimeSimulation {
  readonly plan: TimePlan;
  /** The study compiled with its first (baseline) scenario only. */
  readonly study: CompiledStudy;
  /** Identifies (engine version, plan): batches of equal hash merge. */
  readonly planSha256: string;
  /** Non-fatal notes for the user (e.g. an attack in the scenario was ignored, scenarios left out). */
  readonly notes: readonly string[];
}

/**
 * Compiles the time simulation of a study's first scenario (the baseline).
 * @param options `samples` is the number of simulated years, `batchSize` the years per batch
 * @throws RangeError when the study has no scenario
 */
export function compileTimeSimulation(
  topology: TopologyModel,
  study: StudyModel,
  options: ResolvedRunOptions,
): CompiledTimeSimulation {
  const first = study.scenarios[0];
  if (first === undefined) throw new RangeError('the study has no scenario to simulate');
  // Estimator screening is for static runs: compile without a relative-error target.
  const compiled = compilePlan(topology, { ...study, scenarios: [first] }, { ...options, relativeError: null });
  const scenario = compiled.plan.scenarios[0];
  const plan: TimePlan = {
    model: compiled.plan.model,
    scenarios: [scenario],
    seed: options.seed,
    batchSize: options.batchSize,
    stopping: {
      relativeError: options.relativeError,
      maxSamples: options.samples,
      maxTimeSeconds: options.maxTimeSeconds,
      minSamples: Math.min(options.samples, 10 * options.batchSize),
    },
  };
  const notes: string[] = [];
  if (scenario.attack.kind !== 'none') {
    notes.push(
      `scenario "${scenario.id}": the attack is ignored by the time simulation (it has no model of when an attacker strikes)`,
    );
  }
  if (study.scenarios.length > 1) {
    notes.push(
      `the time simulation covers the study's first scenario "${first.id}"; the other ${study.scenarios.length - 1} are left out`,
    );
  }
  const timeStudy: CompiledStudy = { ...compiled, options, plan: { ...compiled.plan, stopping: plan.stopping, batchSize: plan.batchSize } };
  return { plan, study: timeStudy, planSha256: hashBatchPlan({ kind: 'time', plan }), notes };
}
