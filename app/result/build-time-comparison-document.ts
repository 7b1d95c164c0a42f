// The result document of a comparison in time: the plan side's time-simulation figures for the shared scenarios and
// services, plus the comparison section with the paired differences per simulated year (downtime, outages, years
// without outage) and each side's crew figures. Estimates use the counted prefix of each scenario pair's batches,
// merged in batch order.
//
//   PairedTimeBatchResult per scenario pair ──merge counted, in order──> paired tallies ──> Comparison (kind 'time')
//                                          └─plan side as TimeBatchResults──> buildTimeSimulationDocument

import {
  addCrewTallyLists,
  addPairedTimeTallies,
  estimatePairedTimeDifference,
  estimateTimeFigures,
  findLongestMeanDownHours,
  HOURS_PER_YEAR,
  prepareTimeParameters,
  type Comparison,
  type Interval,
  type PairedTimeBatchResult,
  type PairedTimeServiceTally,
  type ResultDocument,
  type ScenarioTally,
  type StopReason,
  type TimeBatchResult,
  type TimeCrewTally,
  type TimePlan,
} from '../../engine/index.ts';
import type { CompiledStudy, CompiledTimeComparison } from '../../scenarios/index.ts';
import type { RunFacts } from './build-result-document.ts';
import { buildTimeSimulationDocument, estimateTimeCrews } from './build-time-document.ts';

/** What a comparison in time hands to the document builder. */
export interface PairedTimeRunTallies {
  readonly tallies: readonly ScenarioTally<PairedTimeBatchResult>[];
  readonly countedBatches: readonly number[];
  readonly stopReasons: readonly StopReason[];
  readonly interrupted: boolean;
}

/** The merged paired tallies and crews of one scenario pair's counted batches, in batch order; null without any. */
function mergeCounted(
  tally: ScenarioTally<PairedTimeBatchResult>,
  counted: number,
): { services: PairedTimeServiceTally[]; crews: { base: TimeCrewTally[]; plan: TimeCrewTally[] } } | null {
  const batches = tally.batches.slice(0, counted);
  if (batches.length === 0) return null;
  let services = [...batches[0].services];
  let base = [...batches[0].crews.base];
  let plan = [...batches[0].crews.plan];
  for (const batch of batches.slice(1)) {
    services = services.map((t, k) => addPairedTimeTallies(t, batch.services[k]));
    base = addCrewTallyLists(base, batch.crews.base);
    plan = addCrewTallyLists(plan, batch.crews.plan);
  }
  return { services, crews: { base, plan } };
}

/** 1 - downtime fraction: an availability interval from a downtime-minutes-per-year interval. */
function availabilityOf(downtimeMinutesPerYear: Interval): Interval {
  const minutes = HOURS_PER_YEAR * 60;
  return {
    estimate: 1 - downtimeMinutesPerYear.estimate / minutes,
    lower: Math.max(0, 1 - downtimeMinutesPerYear.upper / minutes),
    upper: 1 - downtimeMinutesPerYear.lower / minutes,
  };
}

/** The plan side restricted to the paired scenarios and services, as a time plan and a compiled study. */
function planSide(comparison: CompiledTimeComparison): { plan: TimePlan; study: CompiledStudy } {
  const { pair } = comparison;
  const side = comparison.plan;
  const model = { ...side.plan.model, services: pair.servicePairs.map((p) => side.plan.model.services[p.plan]) };
  const scenarios = pair.scenarioPairs.map((p) => side.plan.scenarios[p.plan]);
  const plan: TimePlan = { ...side.plan, model, scenarios };
  const study: CompiledStudy = {
    ...side.study,
    plan: { ...side.study.plan, model, scenarios, stopping: pair.stopping, batchSize: pair.batchSize },
    scenarios: pair.scenarioPairs.map((p) => side.study.scenarios[p.plan]),
  };
  return { plan, study };
}

/**
 * Assembles the document of a comparison in time: the plan side's figures as a time simulation (scenarios and
 * `timeSimulation`), and `comparison` (kind 'time') with, per scenario pair and service pair, the availability of
 * each side as 1 - downtime fraction, their paired difference, and the paired figures per simulated year.
 */
export function buildTimeComparisonDocument(
  comparison: CompiledTimeComparison,
  run: PairedTimeRunTallies,
  facts: RunFacts,
): ResultDocument {
  const { pair } = comparison;
  const merged = pair.scenarioPairs.map((_, s) => {
    const tally = run.tallies.find((t) => t.scenarioIndex === s);
    return tally === undefined ? null : mergeCounted(tally, run.countedBatches[s] ?? 0);
  });
  const side = planSide(comparison);
  const planTallies: ScenarioTally<TimeBatchResult>[] = merged.map((m, s) => ({
    scenarioIndex: s,
    batches:
      m === null
        ? []
        : [
            {
              scenarioIndex: s,
              scenarioId: pair.scenarioPairs[s].id,
              batchIndex: 0,
              sampleCount: m.services[0]?.plan.years ?? 0,
              services: m.services.map((t) => t.plan),
              crews: m.crews.plan,
            },
          ],
  }));
  const { document } = buildTimeSimulationDocument(
    side.plan,
    side.study,
    {
      tallies: planTallies,
      countedBatches: planTallies.map((t) => t.batches.length),
      stopReasons: run.stopReasons,
      interrupted: run.interrupted,
    },
    facts,
  );
  const longest = (plan: TimePlan, scenarioIndex: number): number =>
    findLongestMeanDownHours(prepareTimeParameters(plan.model, plan.scenarios[scenarioIndex]));
  const section: Comparison = {
    base: { name: comparison.base.study.topology.name, sha256: facts.baseSource?.sha256 ?? '' },
    plan: { name: comparison.plan.study.topology.name, sha256: facts.topologySource.sha256 },
    kind: 'time',
    years: merged.find((m) => m !== null)?.services[0]?.base.years ?? 0,
    scenarios: pair.scenarioPairs.flatMap((p, s) => {
      const m = merged[s];
      if (m === null) return [];
      const baseLongest = longest(pair.base, p.base);
      const planLongest = longest(pair.plan, p.plan);
      return [
        {
          scenarioId: p.id,
          services: pair.servicePairs.map((sp, k) => {
            const t = m.services[k];
            const base = estimateTimeFigures(t.base, baseLongest);
            const plan = estimateTimeFigures(t.plan, planLongest);
            const d = estimatePairedTimeDifference(t);
            const downtime = d.downtimeMinutesPerYear;
            const minutes = HOURS_PER_YEAR * 60;
            return {
              serviceId: sp.id,
              baseAvailability: availabilityOf(base.downtimeMinutesPerYear),
              planAvailability: availabilityOf(plan.downtimeMinutesPerYear),
              // More downtime is less availability: the difference is the downtime difference, negated and scaled.
              difference: {
                estimate: -downtime.estimate / minutes,
                lower: -downtime.upper / minutes,
                upper: -downtime.lower / minutes,
              },
              varianceReduction: d.varianceReduction,
              time: {
                downtimeMinutesPerYear: {
                  base: base.downtimeMinutesPerYear,
                  plan: plan.downtimeMinutesPerYear,
                  difference: downtime,
                },
                outagesPerYear: { base: base.outagesPerYear, plan: plan.outagesPerYear, difference: d.outagesPerYear },
                probabilityNoOutageInYear: {
                  base: d.noOutageInYear.baseAvailability,
                  plan: d.noOutageInYear.planAvailability,
                  difference: d.noOutageInYear.difference,
                },
                probabilityOutageOver15Hours: { base: base.probabilityOver15Hours, plan: plan.probabilityOver15Hours },
                varianceReduction: d.varianceReduction,
              },
            };
          }),
          crews: {
            base: estimateTimeCrews(pair.base.model, m.crews.base),
            plan: estimateTimeCrews(pair.plan.model, m.crews.plan),
          },
        },
      ];
    }),
  };
  return { ...document, comparison: section };
}
