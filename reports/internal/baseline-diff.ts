// What changed since a previous analysis (--baseline): per scenario and service the availability change and whether
// it exceeds the uncertainty of both runs, scenarios and services added or removed, and new or removed single
// points of failure. Matches scenarios and services by id; a scenario whose figures read differently in the two
// documents (a time simulation's event year against a static run's "while the event lasts") is not compared.

import type { ResultDocument, ServiceEstimate } from '../../engine/index.ts';
import { readScenario, type ScenarioReading } from './scenario-reading.ts';
import { findSinglePoints } from './weak-spots.ts';

/** How an estimate moved: beyond both 95% CIs (better, worse), not at all, or within the uncertainty. */
export type ChangeVerdict = 'better' | 'worse' | 'unchanged' | 'within uncertainty';

/** One service in one scenario present in both documents. */
export interface ServiceChange {
  readonly scenarioId: string;
  readonly serviceId: string;
  readonly previous: ServiceEstimate;
  readonly current: ServiceEstimate;
  readonly verdict: ChangeVerdict;
}

/** A single point of failure (service id, element id) that appeared or disappeared. */
export interface SinglePointChange {
  readonly serviceId: string;
  readonly elementId: string;
}

/** A scenario present in both documents whose figures mean different things in each: not compared. */
export interface ReadingChange {
  readonly scenarioId: string;
  readonly previous: ScenarioReading;
  readonly current: ScenarioReading;
}

/** Everything the report says about the baseline. */
export interface BaselineDiff {
  /** The model file's hash differs: changes may come from the model as well as the network. */
  readonly modelChanged: boolean;
  readonly changes: readonly ServiceChange[];
  readonly addedScenarios: readonly string[];
  readonly removedScenarios: readonly string[];
  readonly addedServices: readonly string[];
  readonly removedServices: readonly string[];
  /** Scenarios in both documents whose figures read differently (see ReadingChange), left out of `changes`. */
  readonly differentReadings: readonly ReadingChange[];
  /** False when either document lacks a cut-set analysis: single points of failure cannot be compared. */
  readonly singlePointsComparable: boolean;
  readonly newSinglePoints: readonly SinglePointChange[];
  readonly removedSinglePoints: readonly SinglePointChange[];
}

/**
 * Judges an unavailability change: 'better' when the current CI lies wholly below the previous one (non-overlapping
 * 95% CIs, a conservative test), 'worse' when wholly above, 'unchanged' for identical estimates and bounds.
 */
export function judgeChange(previous: ServiceEstimate, current: ServiceEstimate): ChangeVerdict {
  const p = previous.unavailability;
  const c = current.unavailability;
  if (p.estimate === c.estimate && p.lower === c.lower && p.upper === c.upper) return 'unchanged';
  if (c.upper < p.lower) return 'better';
  if (c.lower > p.upper) return 'worse';
  return 'within uncertainty';
}

function singlePointKeys(doc: ResultDocument): Map<string, SinglePointChange> {
  const keys = new Map<string, SinglePointChange>();
  for (const service of findSinglePoints(doc)) {
    for (const elementId of service.elements)
      keys.set(`${service.serviceId}\u0000${elementId}`, { serviceId: service.serviceId, elementId });
  }
  return keys;
}

/** Compares the current document with a baseline (an earlier analysis). */
export function diffAgainstBaseline(current: ResultDocument, baseline: ResultDocument): BaselineDiff {
  const previousScenarios = new Map(baseline.scenarios.map((s) => [s.id, s]));
  const currentScenarioIds = new Set(current.scenarios.map((s) => s.id));
  const changes: ServiceChange[] = [];
  const differentReadings: ReadingChange[] = [];
  for (const scenario of current.scenarios) {
    const previousScenario = previousScenarios.get(scenario.id);
    if (previousScenario === undefined) continue;
    const reading = { previous: readScenario(baseline, previousScenario), current: readScenario(current, scenario) };
    if (reading.previous !== reading.current) {
      differentReadings.push({ scenarioId: scenario.id, ...reading });
      continue;
    }
    const previousEstimates = new Map(previousScenario.services.map((e) => [e.serviceId, e]));
    for (const estimate of scenario.services) {
      const previous = previousEstimates.get(estimate.serviceId);
      if (previous === undefined) continue;
      changes.push({
        scenarioId: scenario.id,
        serviceId: estimate.serviceId,
        previous,
        current: estimate,
        verdict: judgeChange(previous, estimate),
      });
    }
  }
  const previousServiceIds = new Set(baseline.model.services.map((s) => s.id));
  const currentServiceIds = new Set(current.model.services.map((s) => s.id));
  const singlePointsComparable = current.cutSets !== null && baseline.cutSets !== null;
  const before = singlePointKeys(baseline);
  const after = singlePointKeys(current);
  // Only services analysed in both runs count; a service new to the cut-set analysis adds no "new" weak spots.
  const analysedBoth = new Set(
    (current.cutSets?.services ?? [])
      .map((s) => s.serviceId)
      .filter((id) => (baseline.cutSets?.services ?? []).some((b) => b.serviceId === id)),
  );
  return {
    modelChanged: current.manifest.model.sha256 !== baseline.manifest.model.sha256,
    changes,
    addedScenarios: current.scenarios.filter((s) => !previousScenarios.has(s.id)).map((s) => s.id),
    removedScenarios: baseline.scenarios.filter((s) => !currentScenarioIds.has(s.id)).map((s) => s.id),
    addedServices: current.model.services.filter((s) => !previousServiceIds.has(s.id)).map((s) => s.id),
    removedServices: baseline.model.services.filter((s) => !currentServiceIds.has(s.id)).map((s) => s.id),
    differentReadings,
    singlePointsComparable,
    newSinglePoints: singlePointsComparable
      ? [...after].filter(([k, v]) => !before.has(k) && analysedBoth.has(v.serviceId)).map(([, v]) => v)
      : [],
    removedSinglePoints: singlePointsComparable
      ? [...before].filter(([k, v]) => !after.has(k) && analysedBoth.has(v.serviceId)).map(([, v]) => v)
      : [],
  };
}
