// Compiles the time simulation of a study: the study's model and every one of its scenarios as a time plan, with the
// year budget as the plan's sample budget and each scenario's forced events as the study says (at time 0 of every
// year, or as arrivals); and a comparison of two studies in time, paired scenario by scenario and service by service.
//
//   topology + study ──compilePlan (attacks left out)──> TimePlan (every scenario, timeForcing)
//   base, plan ──compileTimeSimulation each──> PairedTimePlan (pairs by id)

import type { CompiledScenario, PairedTimePlan, TimePlan } from '../../engine/index.ts';
import { ComparisonMismatchError } from '../compare/compile-comparison.ts';
import type { LoadedInput } from '../input/load-input.ts';
import { DEFAULT_EVENT_HOURS, DEFAULT_REPAIR_HOURS, type TopologyModel } from '../topology/topology-model.ts';
import { compilePlan, hashBatchPlan, type CompiledStudy, type ResolvedRunOptions } from './compile-plan.ts';
import type { ForcedEvents, StudyModel } from './study-model.ts';

/** Default simulated years of `neverout simulate` and of a comparison in time. */
export const DEFAULT_SIMULATED_YEARS = 1000;

/** How many ids a note lists before "and N more". */
const LISTED_IDS = 5;

/** A compiled time simulation: the plan runners execute plus the compiled study the document is built from. */
export interface CompiledTimeSimulation {
  readonly plan: TimePlan;
  /** The study compiled with every scenario (attacks left out: the time simulation ignores them). */
  readonly study: CompiledStudy;
  /** Identifies (engine version, plan): batches of equal hash merge. */
  readonly planSha256: string;
  /** Non-fatal notes for the user (ignored attacks, default repair times and event durations). */
  readonly notes: readonly string[];
}

/** A compiled comparison in time: the paired plan, and each side as a time simulation. */
export interface CompiledTimeComparison {
  readonly pair: PairedTimePlan;
  readonly base: CompiledTimeSimulation;
  readonly plan: CompiledTimeSimulation;
  /** Scenario ids of one side only: they are not compared. */
  readonly unpairedScenarios: readonly string[];
  /** Service ids of one side only: they are not compared. */
  readonly unpairedServices: readonly string[];
}

/** "a, b, c and 4 more". */
function listIds(ids: readonly string[]): string {
  const shown = ids.slice(0, LISTED_IDS).join(', ');
  return ids.length > LISTED_IDS ? `${shown} and ${ids.length - LISTED_IDS} more` : shown;
}

/** The scenario's forcing in time, or undefined when it forces nothing. */
function timeForcingOf(forcedEvents: ForcedEvents, scenario: CompiledScenario): CompiledScenario['timeForcing'] {
  if (scenario.forcedElements.length === 0 && scenario.forcedGroups.length === 0) return undefined;
  return forcedEvents.kind === 'arrivals' ? { kind: 'arrivals', eventsPerYear: forcedEvents.eventsPerYear } : { kind: forcedEvents.kind };
}

/**
 * The notes on what the time simulation assumes where the files say nothing: elements that can fail without a
 * repair time get an exponential DEFAULT_REPAIR_HOURS repair, and risk groups given by probability only an
 * exponential DEFAULT_EVENT_HOURS event (documented in docs/time-simulation.md).
 */
function describeDefaults(topology: TopologyModel): string[] {
  const notes: string[] = [];
  const withoutRepair = [...topology.nodes, ...topology.links]
    .filter((e) => e.failureProbability > 0 && e.timeToRepair === null)
    .map((e) => e.id);
  if (withoutRepair.length > 0) {
    notes.push(
      `the time simulation repairs ${withoutRepair.length} element(s) given by an availability or failure probability only ` +
        `in an exponential ${DEFAULT_REPAIR_HOURS} h (give mttr or timeToRepair): ${listIds(withoutRepair)}`,
    );
  }
  const withoutDuration = topology.riskGroups.filter((g) => g.eventProbability > 0 && g.duration === null).map((g) => g.id);
  if (withoutDuration.length > 0) {
    notes.push(
      `the time simulation gives ${withoutDuration.length} risk group(s) given by probability only exponential events of ` +
        `${DEFAULT_EVENT_HOURS} h (give rate and duration): ${listIds(withoutDuration)}`,
    );
  }
  return notes;
}

/**
 * Compiles the time simulation of every scenario of a study. A scenario's forced events happen as its
 * `forcedEvents` says, else as the study's `simulation.forcedEvents`, else at time 0 of every year. Sabotage is left
 * out (a note says so): the time simulation has no model of when an attacker strikes.
 * @param options `samples` is the number of simulated years, `batchSize` the years per batch
 * @throws RangeError when the study has no scenario
 */
export function compileTimeSimulation(
  topology: TopologyModel,
  study: StudyModel,
  options: ResolvedRunOptions,
): CompiledTimeSimulation {
  if (study.scenarios.length === 0) throw new RangeError('the study has no scenario to simulate');
  const notes: string[] = [];
  const attacked = study.scenarios.filter((s) => s.sabotage !== null).map((s) => s.id);
  if (attacked.length > 0) {
    notes.push(
      `the time simulation ignores the attack of ${attacked.length} scenario(s) (it has no model of when an attacker ` +
        `strikes); they are simulated with their random failures alone: ${listIds(attacked)}`,
    );
  }
  const calm: StudyModel = { ...study, scenarios: study.scenarios.map((s) => ({ ...s, sabotage: null })) };
  // The static estimator screening does not concern the time simulation: an unbounded budget makes it keep crude
  // sampling without a pilot run, and no relative-error target is screened for.
  const compiled = compilePlan(topology, calm, { ...options, samples: Number.MAX_SAFE_INTEGER, relativeError: null });
  const studyForcing = study.simulation?.forcedEvents ?? { kind: 'start' };
  const scenarios = compiled.plan.scenarios.map((s, i): CompiledScenario => {
    const timeForcing = timeForcingOf(study.scenarios[i].forcedEvents ?? studyForcing, s);
    return {
      id: s.id,
      name: s.name,
      forcedElements: s.forcedElements,
      forcedGroups: s.forcedGroups,
      randomFailures: s.randomFailures,
      elementFailureProbability: s.elementFailureProbability,
      groupEventProbability: s.groupEventProbability,
      attack: { kind: 'none' },
      ...(timeForcing !== undefined ? { timeForcing } : {}),
    };
  });
  const plan: TimePlan = {
    model: compiled.plan.model,
    scenarios,
    seed: options.seed,
    batchSize: options.batchSize,
    stopping: {
      relativeError: options.relativeError,
      maxSamples: options.samples,
      maxTimeSeconds: options.maxTimeSeconds,
      minSamples: Math.min(options.samples, 10 * options.batchSize),
    },
  };
  notes.push(...describeDefaults(compiled.topology));
  const planSha256 = hashBatchPlan({ kind: 'time', plan });
  const timeStudy: CompiledStudy = {
    ...compiled,
    options,
    planSha256,
    plan: { ...compiled.plan, scenarios, stopping: plan.stopping, batchSize: plan.batchSize },
  };
  return { plan, study: timeStudy, planSha256, notes };
}

/** True when either study asks `neverout compare` to pair simulated years (`simulation.compare: time`). */
export function isTimeComparison(inputs: readonly LoadedInput[]): boolean {
  return inputs.some((input) => input.study.simulation?.compare === 'time');
}

/** Pairs of equal ids in two lists, and the ids in only one of them. */
function pairById(base: readonly string[], plan: readonly string[]) {
  const planIndex = new Map(plan.map((id, i) => [id, i]));
  const pairs = base.flatMap((id, i) => {
    const j = planIndex.get(id);
    return j === undefined ? [] : [{ id, base: i, plan: j }];
  });
  const paired = new Set(pairs.map((p) => p.id));
  const unpaired = [...new Set([...base, ...plan])].filter((id) => !paired.has(id));
  return { pairs, unpaired };
}

/**
 * Compiles a comparison of two inputs in time: each side as a time simulation with the same options, their services
 * and scenarios paired by id. Both sides draw from the entity streams of (seed, scenario id, batch index), so an
 * element present in both has the same failure history until its repairs differ.
 * @throws ComparisonMismatchError when they share no service or no scenario
 */
export function compileTimeComparison(
  base: LoadedInput,
  plan: LoadedInput,
  options: ResolvedRunOptions,
): CompiledTimeComparison {
  const sharedScenarios = pairById(
    base.study.scenarios.map((s) => s.id),
    plan.study.scenarios.map((s) => s.id),
  );
  if (sharedScenarios.pairs.length === 0) {
    throw new ComparisonMismatchError(
      `base and plan share no scenario id: nothing to compare (base: ${base.study.scenarios.map((s) => s.id).join(', ')}; ` +
        `plan: ${plan.study.scenarios.map((s) => s.id).join(', ')})`,
    );
  }
  // Only the shared scenarios are simulated (and noted on): those of one side only are left out.
  const shared = new Set(sharedScenarios.pairs.map((p) => p.id));
  const only = (study: StudyModel): StudyModel => ({ ...study, scenarios: study.scenarios.filter((s) => shared.has(s.id)) });
  const baseTime = compileTimeSimulation(base.topology, only(base.study), options);
  const planTime = compileTimeSimulation(plan.topology, only(plan.study), options);
  const services = pairById(
    baseTime.plan.model.services.map((s) => s.id),
    planTime.plan.model.services.map((s) => s.id),
  );
  const scenarios = pairById(
    baseTime.plan.scenarios.map((s) => s.id),
    planTime.plan.scenarios.map((s) => s.id),
  );
  if (services.pairs.length === 0) {
    throw new ComparisonMismatchError('base and plan share no service id: nothing to compare. Give both sides services with the same ids.');
  }
  return {
    pair: {
      base: baseTime.plan,
      plan: planTime.plan,
      servicePairs: services.pairs,
      scenarioPairs: scenarios.pairs,
      seed: options.seed,
      batchSize: options.batchSize,
      stopping: baseTime.plan.stopping,
    },
    base: baseTime,
    plan: planTime,
    unpairedScenarios: sharedScenarios.unpaired,
    unpairedServices: services.unpaired,
  };
}
