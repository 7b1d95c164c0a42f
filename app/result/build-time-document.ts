// The result document of a time simulation: estimates outage figures from the merged batches of each scenario and
// assembles the document (scenario sections whose unavailability is the simulated downtime fraction, and the
// `timeSimulation` section: every scenario's outage figures and crew figures, and the model's crews).
//
//   TimeTally per scenario ──aggregate in batch order──> TimeServiceFigures ──> ResultDocument { scenarios, timeSimulation }

import {
  aggregateTimeCrews,
  aggregateTimeTally,
  countNines,
  describeTimeDistribution,
  estimateTimeCrewFigures,
  DURATION_BIN_EDGES_HOURS,
  estimateTimeFigures,
  findLongestMeanDownHours,
  HOURS_PER_YEAR,
  MAX_RECORDED_OUTAGE_HOURS,
  prepareTimeParameters,
  TIME_DISTRIBUTION_KINDS,
  type BatchResult,
  type CompiledModel,
  type CompiledScenario,
  type Interval,
  type ResultCrew,
  type ResultDocument,
  type ScenarioTally,
  type ServiceEstimate,
  type StopReason,
  type TimeBatchResult,
  type TimeCrewResult,
  type TimeCrewTally,
  type TimePlan,
  type TimeScenarioResult,
  type TimeServiceResult,
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

/** One service's figures as the document stores them. */
export function buildTimeServiceResult(serviceId: string, f: TimeServiceFigures): TimeServiceResult {
  return {
    serviceId,
    outagesPerYear: f.outagesPerYear,
    downtimeMinutesPerYear: f.downtimeMinutesPerYear,
    durationHistogram: { edgesHours: [...DOCUMENT_DURATION_EDGES_HOURS], counts: [...f.durationCounts] },
    meanOutageHours: f.meanOutage,
    p95OutageHours: f.p95OutageHours,
    probabilityOutageOver4Hours: f.probabilityOver4Hours,
    probabilityOutageOver15Hours: f.probabilityOver15Hours,
    probabilityNoOutageInYear: f.probabilityNoOutageInYear,
    worstYear: { downtimeMinutes: f.worstYearDowntimeHours * 60, outages: f.worstYearOutages },
    longestOutageHours: f.longestOutageHours,
  };
}

/** The crews of a model as the document describes them (who repairs what, how fast). */
export function buildResultCrews(model: CompiledModel): ResultCrew[] {
  const time = model.time;
  if (time === undefined) return [];
  const crews = time.crews;
  const nodeCount = model.topology.nodeCount;
  const elementId = (e: number): string =>
    e < nodeCount ? model.index.nodeIds[e] : model.index.linkIds[e - nodeCount];
  return crews.ids.map((id, c) => {
    const kind = TIME_DISTRIBUTION_KINDS[crews.responseKind[c]];
    const meanHours = crews.responseMeanHours[c];
    const elements: string[] = [];
    time.elementCrew.forEach((crew, e) => {
      if (crew === c) elements.push(elementId(e));
    });
    return {
      id,
      name: crews.names[c],
      size: crews.size[c],
      response: {
        distribution: kind.name,
        meanHours,
        description:
          meanHours > 0
            ? describeTimeDistribution({ kind: kind.name, meanHours, shape: crews.responseShape[c] })
            : 'none',
      },
      elements,
    };
  });
}

/** The crew figures of one scenario from the first `batchCount` batches of its tally. */
export function estimateTimeCrews(model: CompiledModel, crewTallies: readonly TimeCrewTally[]): TimeCrewResult[] {
  const crews = model.time?.crews;
  if (crews === undefined) return [];
  return crewTallies.map((t, c) => {
    const f = estimateTimeCrewFigures(t, crews.size[c]);
    return {
      crewId: crews.ids[c],
      name: crews.names[c],
      size: crews.size[c],
      jobsPerYear: f.jobsPerYear,
      utilisation: f.utilisation,
      meanWaitHours: f.meanWaitHours,
      probabilityWait: f.probabilityWait,
      longestWaitHours: f.longestWaitHours,
    };
  });
}

/** How a scenario's forced events were simulated, as the document records it. */
export function describeForcing(
  scenario: CompiledScenario,
): Pick<TimeScenarioResult, 'forcedEvents' | 'forcedEventsPerYear'> {
  const forcing = scenario.timeForcing;
  if (forcing === undefined || (scenario.forcedElements.length === 0 && scenario.forcedGroups.length === 0)) {
    return { forcedEvents: 'none', forcedEventsPerYear: null };
  }
  return forcing.kind === 'arrivals'
    ? { forcedEvents: 'arrivals', forcedEventsPerYear: forcing.eventsPerYear }
    : { forcedEvents: forcing.kind, forcedEventsPerYear: null };
}

/**
 * The result document's `timeSimulation` section: every scenario with figures (years, services, crews), the model's
 * crews, and (for documents read by older reports) the first scenario's years and services at the top.
 */
export function buildTimeSimulationSection(
  plan: TimePlan,
  scenarios: ReadonlyArray<{
    readonly scenarioIndex: number;
    readonly figures: readonly TimeServiceFigures[];
    readonly crews: readonly TimeCrewResult[];
  }>,
): TimeSimulation {
  const results: TimeScenarioResult[] = scenarios
    .filter((s) => s.figures.length > 0)
    .map((s) => ({
      scenarioId: plan.scenarios[s.scenarioIndex].id,
      years: s.figures[0].years,
      ...describeForcing(plan.scenarios[s.scenarioIndex]),
      services: s.figures.map((f, k) => buildTimeServiceResult(plan.model.services[k].id, f)),
      crews: s.crews,
    }));
  const first = results[0];
  return {
    years: first?.years ?? 0,
    services: first?.services ?? [],
    scenarios: results,
    crews: buildResultCrews(plan.model),
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
 * running estimate over batch prefixes. `timeSimulation` holds every scenario's outage figures and crew figures.
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
    {
      tallies: steadyState,
      countedBatches: run.countedBatches,
      stopReasons: run.stopReasons,
      interrupted: run.interrupted,
    },
    facts,
  );
  const targets = new Map(document.model.services.map((s) => [s.id, s.target]));
  const crewCount = plan.model.time?.crews.crewCount ?? 0;
  const perScenario = run.tallies.map((tally) => {
    const counted = run.countedBatches[tally.scenarioIndex];
    if (!(counted > 0)) return { scenarioIndex: tally.scenarioIndex, figures: [], crews: [] };
    return {
      scenarioIndex: tally.scenarioIndex,
      figures: estimateTimeSimulation(plan, tally, counted),
      crews: estimateTimeCrews(plan.model, aggregateTimeCrews(tally, crewCount, counted)),
    };
  });
  const figuresByScenario = new Map(perScenario.map((s) => [s.scenarioIndex, s.figures]));
  const scenarios = document.scenarios.map((scenario, i) => {
    const figures = figuresByScenario.get(i) ?? [];
    if (figures.length === 0) return scenario;
    return {
      ...scenario,
      services: scenario.services.map((estimate, s) =>
        withTimeFigures(estimate, figures[s], targets.get(estimate.serviceId) ?? null),
      ),
    };
  });
  const first = figuresByScenario.get(0) ?? [];
  const timeSimulation = perScenario.some((s) => s.figures.length > 0)
    ? buildTimeSimulationSection(plan, perScenario)
    : null;
  return { document: { ...document, scenarios, timeSimulation }, figures: first };
}

/** Utilisation from which a crew is reported as saturated: its members are hardly ever free. */
export const CREW_SATURATION_UTILISATION = 0.9;

/**
 * Warnings for repair crews busy at least CREW_SATURATION_UTILISATION of the time in some scenario: repairs then wait
 * for a member most of the time, so the crew rather than the failures sets the downtime (more members, or fewer
 * elements per crew, would shorten it). One line per crew and scenario; empty without a time simulation.
 */
export function describeCrewSaturation(document: ResultDocument): string[] {
  const simulation = document.timeSimulation;
  if (simulation === undefined || simulation === null) return [];
  return (simulation.scenarios ?? []).flatMap((scenario) =>
    scenario.crews
      .filter((crew) => crew.utilisation.estimate >= CREW_SATURATION_UTILISATION)
      .map((crew) => {
        const wait = crew.meanWaitHours === null ? '' : `, repairs wait ${crew.meanWaitHours.estimate.toFixed(1)} h on average`;
        return (
          `crew ${crew.crewId} (${crew.size} working in parallel) is busy ${(crew.utilisation.estimate * 100).toFixed(1)}% ` +
          `of the time in scenario ${scenario.scenarioId}${wait}: the crew, not the failures, sets the downtime ` +
          '(more members or fewer elements per crew would shorten it)'
        );
      }),
  );
}
