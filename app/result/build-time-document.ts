// The result document of a time simulation: estimates outage figures from the merged batches of each scenario and
// assembles the document (scenario sections whose unavailability is the simulated downtime fraction, and the
// `timeSimulation` section of the first scenario).
//
//   TimeTally per scenario ──aggregate in batch order──> TimeServiceFigures ──> ResultDocument { scenarios, timeSimulation }

import {
  aggregateTimeTally,
  countNines,
  DURATION_BIN_EDGES_HOURS,
  estimateTimeFigures,
  findLongestMeanDownHours,
  HOURS_PER_YEAR,
  MAX_RECORDED_OUTAGE_HOURS,
  prepareTimeParameters,
  type BatchResult,
  type Interval,
  type ResultDocument,
  type ScenarioTally,
  type ServiceEstimate,
  type StopReason,
  type TimeBatchResult,
  type TimePlan,
  type TimeServiceFigures,
  type TimeSimulation,
  type TimeTally,
} from '../../engine/index.ts';
import type { CompiledStudy } from '../../scenarios/index.ts';
import { buildResultDocument, type RunFacts } from './build-result-document.ts';

/** Estimator name recorded for services whose figures come from the time simulation. */
export const TIME_SIMULATION_ESTIMATOR = 'time-simulation';

/** Edges of the duration histogram as stored in the document: the open last edge becomes the censoring cap. */
export const DOCUMENT_DURATION_EDGES_HOURS: readonly number[] = DURATION_BIN_EDGES_HOURS.map((edge) =>
  Number.isFinite(edge) ? edge : MAX_RECORDED_OUTAGE_HOURS,
);

/** Figures of every service (model order) from the first `batchCount` batches of a scenario's tally. */
export function estimateTimeSimulation(plan: TimePlan, tally: TimeTally, batchCount: number): TimeServiceFigures[] {
  const longest = findLongestMeanDownHours(prepareTimeParameters(plan.model, plan.scenarios[tally.scenarioIndex]));
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
function toSteadyStateBatch(batch: TimeBatchResult): BatchResult {
  return {
    scenarioIndex: batch.scenarioIndex,
    scenarioId: batch.scenarioId,
    batchIndex: batch.batchIndex,
    sampleCount: batch.sampleCount,
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

/** What a time-simulation run hands to the document builder: per scenario its merged batches and counted prefix. */
export interface TimeRunTallies {
  readonly tallies: readonly TimeTally[];
  readonly countedBatches: readonly number[];
  readonly stopReasons: readonly StopReason[];
  readonly interrupted: boolean;
}

/**
 * Builds the result document of a time simulation. Choice: each scenario's steady-state figures are the time
 * simulation's own (unavailability = downtime fraction over the simulated years, normal 95% CI over years,
 * estimator 'time-simulation', samples = years); no separate crude run is made. The convergence chart is the
 * running estimate over batch prefixes. `timeSimulation` holds the first scenario's outage counts, downtime and
 * durations.
 * @returns the document, and the figures per service of the first scenario (empty when no batch finished)
 */
export function buildTimeSimulationDocument(
  plan: TimePlan,
  study: CompiledStudy,
  run: TimeRunTallies,
  facts: RunFacts,
): { document: ResultDocument; figures: TimeServiceFigures[] } {
  const steadyState: ScenarioTally[] = run.tallies.map((tally) => ({
    scenarioIndex: tally.scenarioIndex,
    batches: tally.batches.slice(0, run.countedBatches[tally.scenarioIndex]).map(toSteadyStateBatch),
  }));
  const document = buildResultDocument(
    study,
    { tallies: steadyState, countedBatches: run.countedBatches, stopReasons: run.stopReasons, interrupted: run.interrupted },
    facts,
  );
  const targets = new Map(document.model.services.map((s) => [s.id, s.target]));
  const figuresByScenario = run.tallies.map((tally) =>
    run.countedBatches[tally.scenarioIndex] > 0 ? estimateTimeSimulation(plan, tally, run.countedBatches[tally.scenarioIndex]) : [],
  );
  const scenarios = document.scenarios.map((scenario, i) => {
    const figures = figuresByScenario[i] ?? [];
    if (figures.length === 0) return scenario;
    return {
      ...scenario,
      services: scenario.services.map((estimate, s) => withTimeFigures(estimate, figures[s], targets.get(estimate.serviceId) ?? null)),
    };
  });
  const first = figuresByScenario[0] ?? [];
  const timeSimulation = first.length === 0 ? null : buildTimeSimulationSection(plan, first);
  return { document: { ...document, scenarios, timeSimulation }, figures: first };
}
