// Time simulation of a study's baseline scenario: compiles the plan, estimates outage figures from the merged
// batches, and assembles the result document (its `timeSimulation` section plus a scenario section whose
// unavailability is the simulated downtime fraction).
//
//   topology + study ──compilePlan (first scenario)──> TimePlan ──runner──> TimeTally
//        ──aggregate in batch order──> TimeServiceFigures ──> ResultDocument { scenarios[0], timeSimulation }

import { createHash } from 'node:crypto';
import {
  countNines,
  ENGINE_VERSION,
  type BatchResult,
  type Interval,
  type ResultDocument,
  type ServiceEstimate,
  type TimeSimulation,
} from '../../engine/index.ts';
import {
  aggregateTimeTally,
  DEFAULT_YEARS_PER_BATCH,
  DURATION_BIN_EDGES_HOURS,
  estimateTimeFigures,
  findLongestMeanDownHours,
  HOURS_PER_YEAR,
  MAX_RECORDED_OUTAGE_HOURS,
  prepareTimeParameters,
  type TimePlan,
  type TimeServiceFigures,
  type TimeTally,
} from '../../engine/time/index.ts';
import { compilePlan, resolveRunOptions, type CompiledStudy } from '../study/compile-plan.ts';
import type { StudyModel } from '../study/study-model.ts';
import type { TopologyModel } from '../topology/topology-model.ts';
import { buildResultDocument, type RunFacts } from './build-result-document.ts';

/** Estimator name recorded for services whose figures come from the time simulation. */
export const TIME_SIMULATION_ESTIMATOR = 'time-simulation';

/** Options of a time simulation; every field optional. */
export interface TimeSimulationOptions {
  /** Study seed; default the study's seed, else DEFAULT_RUN_OPTIONS.seed. */
  seed?: string;
  /** Simulated years, an integer >= 1; default DEFAULT_SIMULATED_YEARS. */
  years?: number;
  /** Years per batch, an integer >= 1; default DEFAULT_YEARS_PER_BATCH. */
  yearsPerBatch?: number;
}

/** Default simulated years of `neverout simulate`. */
export const DEFAULT_SIMULATED_YEARS = 1000;

/** A compiled time simulation: the plan runners execute plus the compiled study the document is built from. */
export interface CompiledTimeSimulation {
  readonly plan: TimePlan;
  /** The study compiled with its first (baseline) scenario only. */
  readonly study: CompiledStudy;
  /** Identifies (engine version, plan): batches of equal hash merge. */
  readonly planSha256: string;
  /** Non-fatal notes for the user (e.g. an attack in the scenario was ignored). */
  readonly notes: readonly string[];
}

/** Edges of the duration histogram as stored in the document: the open last edge becomes the censoring cap. */
export const DOCUMENT_DURATION_EDGES_HOURS: readonly number[] = DURATION_BIN_EDGES_HOURS.map((edge) =>
  Number.isFinite(edge) ? edge : MAX_RECORDED_OUTAGE_HOURS,
);

function hashTimePlan(plan: TimePlan): string {
  const canonical = JSON.stringify({ engine: ENGINE_VERSION, kind: 'time', plan }, (_key, value: unknown) =>
    ArrayBuffer.isView(value) ? Array.from(value as unknown as ArrayLike<number>) : value,
  );
  return createHash('sha256').update(canonical).digest('hex');
}

/**
 * Compiles the time simulation of a study's first scenario (the baseline). Only that scenario is compiled, so
 * attack planning and estimator screening of the other scenarios are skipped.
 * @throws RangeError when the study has no scenario or years / yearsPerBatch are not positive integers
 */
export function compileTimeSimulation(
  topology: TopologyModel,
  study: StudyModel,
  options: TimeSimulationOptions = {},
): CompiledTimeSimulation {
  const first = study.scenarios[0];
  if (first === undefined) throw new RangeError('the study has no scenario to simulate');
  const years = options.years ?? DEFAULT_SIMULATED_YEARS;
  const yearsPerBatch = Math.min(years, options.yearsPerBatch ?? DEFAULT_YEARS_PER_BATCH);
  if (!Number.isSafeInteger(years) || years < 1) throw new RangeError(`years must be a positive integer, got ${years}`);
  if (!Number.isSafeInteger(yearsPerBatch) || yearsPerBatch < 1)
    throw new RangeError(`yearsPerBatch must be a positive integer, got ${yearsPerBatch}`);
  const resolved = resolveRunOptions(study, options.seed !== undefined ? { seed: options.seed } : {});
  const compiled = compilePlan(topology, { ...study, scenarios: [first] }, resolved);
  const scenario = compiled.plan.scenarios[0];
  const plan: TimePlan = { model: compiled.plan.model, scenario, seed: compiled.plan.seed, years, yearsPerBatch };
  const notes: string[] = [];
  if (scenario.attack.kind !== 'none') {
    notes.push(
      `scenario "${scenario.id}": the attack is ignored by the time simulation (it has no model of when an attacker strikes)`,
    );
  }
  return { plan, study: compiled, planSha256: hashTimePlan(plan), notes };
}

/** Figures of every service (model order) from the first `batchCount` batches of a tally. */
export function estimateTimeSimulation(plan: TimePlan, tally: TimeTally, batchCount: number): TimeServiceFigures[] {
  const longest = findLongestMeanDownHours(prepareTimeParameters(plan.model, plan.scenario));
  return aggregateTimeTally(tally, plan.model.services.length, batchCount).map((t) => estimateTimeFigures(t, longest));
}

/** The result document's `timeSimulation` section. */
export function buildTimeSimulationSection(plan: TimePlan, figures: readonly TimeServiceFigures[]): TimeSimulation {
  return {
    years: figures[0]?.years ?? 0,
    services: figures.map((f, s) => ({
      serviceId: plan.model.services[s].id,
      outagesPerYear: f.outagesPerYear,
      downtimeMinutesPerYear: f.downtimeMinutesPerYear,
      durationHistogram: { edgesHours: [...DOCUMENT_DURATION_EDGES_HOURS], counts: [...f.durationCounts] },
    })),
  };
}

/** A batch as the steady-state estimator sees it: per-year downtime fractions as weighted samples. */
function toSteadyStateBatch(batch: TimeTally['batches'][number]): BatchResult {
  return {
    scenarioIndex: 0,
    scenarioId: batch.scenarioId,
    batchIndex: batch.batchIndex,
    sampleCount: batch.years,
    services: batch.services.map((t) => ({
      kind: 'weighted',
      estimator: TIME_SIMULATION_ESTIMATOR,
      samples: t.years,
      sum: t.downtimeHours / HOURS_PER_YEAR,
      sumSquares: t.downtimeHoursSquares / (HOURS_PER_YEAR * HOURS_PER_YEAR),
      servedEndpoints: -1,
    })),
  };
}

/** Replaces a service's steady-state figures by those implied by the time simulation's downtime fraction. */
function withTimeFigures(
  estimate: ServiceEstimate,
  figures: TimeServiceFigures,
  target: number | null,
): ServiceEstimate {
  const u = figures.downtimeFraction;
  const unavailability: Interval = { estimate: u.estimate, lower: u.lower, upper: Math.min(1, u.upper) };
  const availability: Interval = {
    estimate: 1 - unavailability.estimate,
    lower: 1 - unavailability.upper,
    upper: 1 - unavailability.lower,
  };
  const halfWidth = Math.max(
    unavailability.upper - unavailability.estimate,
    unavailability.estimate - unavailability.lower,
  );
  return {
    ...estimate,
    estimator: TIME_SIMULATION_ESTIMATOR,
    samples: figures.years,
    availability,
    unavailability,
    relativeError: unavailability.estimate > 0 ? halfWidth / unavailability.estimate : null,
    downtimeMinutesPerYear: figures.downtimeMinutesPerYear,
    nines: {
      estimate: countNines(unavailability.estimate),
      lower: countNines(unavailability.upper),
      upper: countNines(unavailability.lower),
    },
    targetStatus:
      target === null
        ? null
        : availability.lower >= target
          ? 'met'
          : availability.upper < target
            ? 'missed'
            : 'uncertain',
  };
}

/** What a simulate run hands to the document builder. */
export interface TimeRunOutcome {
  readonly tally: TimeTally;
  /** Batches 0..countedBatches-1 are present and counted. */
  readonly countedBatches: number;
  readonly interrupted: boolean;
}

/**
 * Builds the result document of a time simulation. Choice: the baseline scenario's steady-state figures are the
 * time simulation's own (unavailability = downtime fraction over the simulated years, normal 95% CI over years,
 * estimator 'time-simulation', samples = years); no separate crude run is made. The convergence chart is the
 * running estimate over batch prefixes. `timeSimulation` holds the outage counts, downtime and durations.
 * @returns the document, and the figures per service (model order; empty when no batch finished)
 */
export function buildTimeSimulationDocument(
  compiled: CompiledTimeSimulation,
  outcome: TimeRunOutcome,
  facts: RunFacts,
): { document: ResultDocument; figures: TimeServiceFigures[] } {
  const { plan, study } = compiled;
  const counted = outcome.countedBatches;
  const batches = outcome.tally.batches.slice(0, counted).map(toSteadyStateBatch);
  const timeStudy: CompiledStudy = {
    ...study,
    plan: {
      ...study.plan,
      batchSize: plan.yearsPerBatch,
      stopping: { relativeError: null, maxSamples: plan.years, maxTimeSeconds: null, minSamples: plan.years },
    },
    planSha256: compiled.planSha256,
  };
  const document = buildResultDocument(
    timeStudy,
    {
      tallies: [{ scenarioIndex: 0, batches }],
      countedBatches: [counted],
      stopReasons: [outcome.interrupted ? 'interrupted' : 'max-samples'],
      interrupted: outcome.interrupted,
    },
    facts,
  );
  if (counted === 0) return { document, figures: [] };
  const figures = estimateTimeSimulation(plan, outcome.tally, counted);
  const targets = new Map(document.model.services.map((s) => [s.id, s.target]));
  const scenarios = document.scenarios.map((scenario) => ({
    ...scenario,
    services: scenario.services.map((estimate, s) =>
      withTimeFigures(estimate, figures[s], targets.get(estimate.serviceId) ?? null),
    ),
  }));
  return { document: { ...document, scenarios, timeSimulation: buildTimeSimulationSection(plan, figures) }, figures };
}
